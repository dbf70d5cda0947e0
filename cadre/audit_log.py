"""The audit trail read by people: an entry in words, and the audit page's filters.

"Nguyễn Văn A (staff1) đổi Ngày sinh từ 02/03/1980 thành 03/02/1980 lúc 14:05 ngày 01/12/2026
(trang nhập liệu)". Used by the profile's history (cadre.selectors.profile.official_profile) and the audit page
(cadre.views.audit). Entries are written only through cadre.audit.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst

from cadre.audit import ENTITY_BY_MODEL, EXPORT_ENTITY
from cadre.forms import BoundedDateField, OrganizationCodeField, organization_choices
from cadre.models.history import ChangeAction, ChangeRecord, ChangeSource
from cadre.scoping import NoScope, audit_entries_visible_to, audit_entries_within, user_scope
from cadre.services.versions import person_label
from cadre.vietnamese import format_date_input

# What each entity of the trail is, in words (the workbook's sheets first).
ENTITY_TITLES = {
    "ToChuc": "Tổ chức", "CanBo": "Cán bộ", "ChucVu": "Chức vụ", "TrinhDo": "Trình độ",
    "DanhGia": "Đánh giá, xếp loại", "SuKien": "Sự kiện công tác", "QuyHoach": "Quy hoạch",
    "DangVien": "Thống kê đảng viên",
    "KeHoach": "Kế hoạch", "VanBan": "Văn bản", "NguoiDung": "Người dùng", EXPORT_ENTITY: "Tải xuống",
    "SaoLuu": "Bản sao lưu", "DuLieuMau": "Dữ liệu mẫu",
}
# Values that are not model fields (plan imports, submissions, exports, passwords).
EXTRA_LABELS = {
    "tables": "số biểu", "rows": "số dòng", "targets": "số chỉ tiêu", "password": "mật khẩu",
    "state": "trạng thái", "review_note": "ý kiến", "sequence": "lần gửi",
}
VERBS = {
    ChangeAction.CREATE: "thêm", ChangeAction.DELETE: "xóa", ChangeAction.RETIRE: "cho thôi theo dõi",
    ChangeAction.RESTORE: "khôi phục", ChangeAction.SUBMIT: "gửi", ChangeAction.ACCEPT: "tiếp nhận",
    ChangeAction.RETURN: "trả lại",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_MODEL_OF_ENTITY: dict[str, str] = {}
for _label, _entity in ENTITY_BY_MODEL.items():
    _MODEL_OF_ENTITY.setdefault(_entity, _label)


def entity_title(entity: str) -> str:
    return ENTITY_TITLES.get(entity, entity)


def _field(entity: str, name: str):
    label = _MODEL_OF_ENTITY.get(entity)
    if label is None:
        return None
    try:
        return apps.get_model(label)._meta.get_field(name)
    except (FieldDoesNotExist, LookupError):
        return None


def field_label(entity: str, name: str) -> str:
    """"birth_date" of "CanBo" -> "Ngày sinh"."""
    field = _field(entity, name)
    label = getattr(field, "verbose_name", None) or EXTRA_LABELS.get(name, name)
    return capfirst(str(label))


def value_text(entity: str, name: str, value) -> str:
    """A stored plain value as people write it: dates dd/mm/yyyy, choices by their label."""
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str) and _ISO_DATE.match(value):
        return format_date_input(dt.date.fromisoformat(value))
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{moment:%H:%M} {format_date_input(moment.date())}"
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(entity, name, item) for item in value) or "(trống)"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    field = _field(entity, name)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    return str(choices.get(value, value))


def key_text(key: str) -> str:
    """A natural key with its ISO dates as dd/mm/yyyy ("A1 | LC.A.X1 | BT_DU | 01/01/2020")."""
    return " | ".join(value_text("", "", part) if _ISO_DATE.match(part) else part for part in key.split(" | "))


def actor_text(entry: ChangeRecord, *, with_account: bool = False) -> str:
    """"Nguyễn Văn A" ("Nguyễn Văn A (staff1)" with the account, on the audit page); the name kept in the entry
    when the account is gone; "Hệ thống" without one."""
    if entry.user is None and not entry.username:
        return "Hệ thống"
    return person_label(entry.user, entry.username, with_account=with_account)


def what_text(entry: ChangeRecord) -> str:
    """What was done, without who and when."""
    entity, key = entry.entity, key_text(entry.key)
    if entry.action == ChangeAction.UPDATE:
        before, after = entry.before or {}, entry.after or {}
        parts = []
        for name, new in after.items():
            label = field_label(entity, name)
            if name == "password" or name not in before:
                parts.append(f"đổi {label}")
            else:
                parts.append(f"đổi {label} từ {value_text(entity, name, before[name])} thành "
                             f"{value_text(entity, name, new)}")
        subject = "" if entity == "CanBo" else f" ({entity_title(entity).lower()} {key})"
        return ("; ".join(parts) or f"cập nhật {entity_title(entity).lower()} {key}") + subject
    if entry.action == ChangeAction.EXPORT:
        params = ", ".join(f"{name}={value_text('', name, value)}" for name, value in (entry.after or {}).items()
                           if value not in (None, "", []))
        return f"tải xuống {key}" + (f" ({params})" if params else "")
    verb = VERBS.get(entry.action, entry.get_action_display().lower())
    if entry.action in (ChangeAction.SUBMIT, ChangeAction.ACCEPT, ChangeAction.RETURN):
        note = (entry.after or {}).get("review_note")
        return f"{verb} {key}" + (f" (ý kiến: {note})" if note else "")
    return f"{verb} {entity_title(entity).lower()} {key}"


def entry_text(entry: ChangeRecord, *, with_account: bool = False) -> str:
    """The whole sentence: who, what, when, from where."""
    moment = timezone.localtime(entry.created_at)
    return (f"{actor_text(entry, with_account=with_account)} {what_text(entry)} lúc {moment:%H:%M} ngày {format_date_input(moment.date())} "
            f"({entry.get_source_display().lower()})")


# --- the audit page ------------------------------------------------------------------------------------------

PAGE_SIZE = 50


def may_read_audit(user) -> bool:
    """Superusers and administrators (the accounts that may use the admin site)."""
    return bool(getattr(user, "is_superuser", False) or getattr(user, "can_use_admin", False))


class AuditFilterForm(forms.Form):
    nguoi_dung = forms.ModelChoiceField(label="Người thực hiện", queryset=get_user_model().objects.none(),
                                        required=False, empty_label="Tất cả")
    tu_ngay = BoundedDateField(label="Từ ngày", required=False)
    den_ngay = BoundedDateField(label="Đến ngày", required=False)
    to_chuc = OrganizationCodeField(label="Tổ chức (cả các tổ chức trực thuộc)", required=False,
                                    help_text="Để trống: toàn bộ phạm vi. Gõ tên hoặc mã rồi chọn trong danh sách.")
    doi_tuong = forms.ChoiceField(label="Đối tượng", required=False,
                                  choices=[("", "Tất cả"), *ENTITY_TITLES.items()])
    thao_tac = forms.ChoiceField(label="Thao tác", required=False, choices=[("", "Tất cả"), *ChangeAction.choices])
    nguon = forms.ChoiceField(label="Nguồn", required=False, choices=[("", "Tất cả"), *ChangeSource.choices])

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["to_chuc"].queryset = organization_choices(user)
        self.fields["nguoi_dung"].queryset = _users_visible_to(user)
        self.fields["nguoi_dung"].label_from_instance = lambda person: person_label(person, with_account=True)

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", "“Đến ngày” phải sau hoặc bằng “Từ ngày”.")
        return data


def _users_visible_to(user):
    users = get_user_model().objects.order_by("username")
    try:
        root = user_scope(user)
    except NoScope:
        return users.none()
    return users if root is None else users.filter(organization__path__startswith=root.path)


def audit_entries(user, form: AuditFilterForm):
    """The entries the user may read, filtered by the form (valid or not: invalid filters are left out)."""
    entries = audit_entries_visible_to(ChangeRecord.objects.select_related("user"), user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("nguoi_dung"):
        entries = entries.filter(user=data["nguoi_dung"])
    if data.get("tu_ngay"):
        entries = entries.filter(created_at__date__gte=data["tu_ngay"])
    if data.get("den_ngay"):
        entries = entries.filter(created_at__date__lte=data["den_ngay"])
    if data.get("to_chuc"):
        entries = audit_entries_within(entries, data["to_chuc"])
    if data.get("doi_tuong"):
        entries = entries.filter(entity=data["doi_tuong"])
    if data.get("thao_tac"):
        entries = entries.filter(action=data["thao_tac"])
    if data.get("nguon"):
        entries = entries.filter(source=data["nguon"])
    return entries.order_by("-created_at", "-id")
