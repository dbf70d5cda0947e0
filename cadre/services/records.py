"""Correct, delete and end an official's dated records from the browser; every change leaves an audit entry.

The five kinds are named by the profile's URL slugs (cadre.forms.RECORD_FORMS). Each write checks the
editor, the scope (a record the user may not see is not theirs to change), the organizations it points to,
and the version the user read (cadre.services.versions): a save over a newer version is refused.
Entries are written like the import's: `entity` the workbook sheet, `key` the record's natural key; an
update keeps the changed fields, a deletion every value the record had.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from cadre import audit
from cadre.exchange.change_plan import RECORD_KINDS, describe_key
from cadre.models import (
    CareerEvent,
    Evaluation,
    Official,
    Organization,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
)
from cadre.models.history import ChangeAction
from cadre.scoping import user_scope
from cadre.services import versions
from cadre.services.officials import POSITION_FIELDS, _require_editor, _require_inside, snapshot


class RecordRefused(Exception):
    """The change is not allowed; the message says why, in Vietnamese."""


LAST_POSITION = (
    "Đây là chức vụ duy nhất của cán bộ trong phạm vi của bạn: xóa đi thì bạn không còn xem được hồ sơ này. "
    "Nếu cán bộ đã thôi giữ chức vụ, hãy dùng “Kết thúc” để ghi ngày kết thúc."
)


@dataclass(frozen=True)
class RecordKind:
    model: type
    entity: str  # the workbook sheet, the `entity` of audit entries
    fields: tuple[str, ...]  # what a form may change
    noun: str  # "Chức vụ đã được … sửa"

    def key(self, values: dict) -> str:
        return describe_key(RECORD_KINDS[self.entity], values)


RECORD_KINDS_BY_SLUG = {
    "chuc-vu": RecordKind(PositionRecord, "ChucVu", POSITION_FIELDS, "Chức vụ"),
    "trinh-do": RecordKind(
        QualificationRecord, "TrinhDo", ("qualification_type", "level", "detail", "major", "obtained_on"), "Trình độ"
    ),
    "danh-gia": RecordKind(Evaluation, "DanhGia", ("year", "rating"), "Xếp loại"),
    "su-kien": RecordKind(
        CareerEvent, "SuKien",
        ("kind", "date", "from_organization", "from_text", "to_organization", "to_text", "note", "programme"),
        "Sự kiện",
    ),
    "quy-hoach": RecordKind(
        PlanningEntry, "QuyHoach", ("title", "organization", "term", "approved_on", "removed_on"), "Quy hoạch"
    ),
}


def records_visible_to(user, kind: str):
    """The records of a kind the user may read (positions and planning: inside the subtree)."""
    return RECORD_KINDS_BY_SLUG[kind].model.objects.visible_to(user)


def _check_access(user, spec: RecordKind, record) -> None:
    _require_editor(user)
    if not Official.objects.visible_to(user).filter(pk=record.official_id).exists():
        raise PermissionDenied("Cán bộ nằm ngoài phạm vi của tài khoản.")
    if not spec.model.objects.visible_to(user).filter(pk=record.pk).exists():
        raise PermissionDenied("Mục này nằm ngoài phạm vi của tài khoản.")


def _locked(spec: RecordKind, record):
    try:
        return spec.model.objects.select_for_update().get(pk=record.pk)
    except spec.model.DoesNotExist:
        raise versions.RowGone() from None


@transaction.atomic
def record_update(*, user, kind: str, record, changes: dict, version: int | None = None):
    """Change a record's fields (`changes`: name → value); nothing is written when nothing changes.
    Refused over a newer version."""
    spec = RECORD_KINDS_BY_SLUG[kind]
    unknown = set(changes) - set(spec.fields)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _check_access(user, spec, record)
    for value in changes.values():
        if isinstance(value, Organization):
            _require_inside(user, value)
    row = _locked(spec, record)
    names = ("official", *spec.fields)
    before = snapshot(row, names)
    for name, value in changes.items():
        setattr(row, name, value)
    after = snapshot(row, names)
    if after == before:
        return row
    # The entries since the user read the row are keyed as the row is now (before this change).
    versions.claim(row, version, entity=spec.entity, key=spec.key(before), noun=spec.noun)
    row.full_clean()
    row.save()
    changed = [name for name in names if before[name] != after[name]]
    audit.record(
        entity=spec.entity, key=spec.key(after), action=ChangeAction.UPDATE,
        before={name: before[name] for name in changed}, after={name: after[name] for name in changed},
        official=row.official, organization=getattr(row, "organization", None),
    )
    return row


@transaction.atomic
def record_delete(*, user, kind: str, record, version: int | None = None) -> None:
    """Delete a record; its audit entry keeps every value it had. Refused over a newer version."""
    spec = RECORD_KINDS_BY_SLUG[kind]
    _check_access(user, spec, record)
    row = _locked(spec, record)
    if spec.model is PositionRecord and user_scope(user) is not None and not (
        PositionRecord.objects.visible_to(user).filter(official_id=row.official_id).exclude(pk=row.pk).exists()
    ):
        raise RecordRefused(LAST_POSITION)
    before = snapshot(row, ("official", *spec.fields))
    versions.claim(row, version, entity=spec.entity, key=spec.key(before), noun=spec.noun)
    official, organization = row.official, getattr(row, "organization", None)
    row.delete()
    audit.record(entity=spec.entity, key=spec.key(before), action=ChangeAction.DELETE, before=before, after=None,
                 official=official, organization=organization)


def position_end(*, user, record: PositionRecord, end_date: dt.date, version: int | None = None) -> PositionRecord:
    """End a position on a date (an UPDATE of its end date)."""
    return record_update(user=user, kind="chuc-vu", record=record, version=version, changes={"end_date": end_date})
