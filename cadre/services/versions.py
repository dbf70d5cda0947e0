"""No lost updates: every write advances a row's `version`; a save over a newer version is refused.

An edit form carries the version its row had when the page was read (`VersionedForm`, a hidden field).
The service that saves it calls `claim(...)` first, inside its transaction: one conditional UPDATE advances
the version only if it is still the one that was read, so of two people who read version 3 exactly one
saves (version 4) and the other gets `StaleVersion`, whose message says who changed what since, read from
the audit trail (cadre.audit), and asks to review and save again. The view shows the form again with what
the user typed and the current version (`refresh_form`), so that a second submit saves.

Writes that do not come from a form (the admin compares the same way, the import's bulk UPDATE adds
`version = version + 1`, cadre.exchange.bulk_statements) advance the version too.
"""
from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import F, Model
from django.utils import timezone

from cadre.models import ChangeRecord
from cadre.vietnamese import format_date_input

VERSION_FIELD = "version"
MAX_CHANGES_SHOWN = 5
REVIEW_AND_SAVE = "Thay đổi của bạn chưa được lưu; hãy xem lại rồi lưu lại."


class StaleVersion(Exception):
    """The row was changed by someone else after the user read it; `message` says who and what (Vietnamese)."""

    def __init__(self, message: str, current_version: int):
        super().__init__(message)
        self.message = message
        self.current_version = current_version


class RowGone(Exception):
    """The row was deleted after the user read it."""

    def __init__(self, message: str = "Mục này đã bị người khác xóa sau khi bạn mở trang; thay đổi chưa được lưu."):
        super().__init__(message)
        self.message = message


def claim(instance: Model, read_version: int | None, *, entity: str = "", key: str = "", noun: str = "Hồ sơ") -> int:
    """Advance the row's version if it is still `read_version`; return the new version.

    Call inside the transaction that then saves the row (set `instance.version` to the result before a full
    save()). `read_version` None (a script or the API without a version) advances without comparing.
    `entity`/`key` find the audit entries that say what changed since (StaleVersion's message).
    """
    model = type(instance)
    rows = model._base_manager.filter(pk=instance.pk)
    if read_version is not None:
        rows = rows.filter(version=read_version)
    if rows.update(version=F(VERSION_FIELD) + 1) == 1:
        new = model._base_manager.filter(pk=instance.pk).values_list(VERSION_FIELD, flat=True).get()
        instance.version = new
        return new
    current = model._base_manager.filter(pk=instance.pk).values_list(VERSION_FIELD, flat=True).first()
    if current is None:
        raise RowGone()
    raise StaleVersion(
        stale_message(model, entity=entity, key=key, missed=current - read_version, noun=noun, instance=instance),
        current,
    )


def stale_message(model, *, entity: str, key: str, missed: int, noun: str = "Hồ sơ", instance=None) -> str:
    """"Hồ sơ đã được Trần B sửa lúc 10:02 ngày 05/03/2026: Ngày sinh 02/03/1980 → 03/02/1980. …"

    The last `missed` audit entries of the row say who changed what; a row without such entries (a document
    before the audit trail) names its `updated_by` when it has one.
    """
    entries = []
    if entity and key and missed > 0:
        entries = list(
            ChangeRecord.objects.filter(entity=entity, key=key).select_related("user")
            .order_by("-created_at", "-id")[: min(missed, MAX_CHANGES_SHOWN)]
        )
    if not entries:
        who = _fallback_author(instance)
        return f"{noun} đã được {who} sửa sau khi bạn mở trang. {REVIEW_AND_SAVE}"
    sentences = []
    for entry in reversed(entries):
        changes = describe_changes(model, entry.before, entry.after)
        sentence = f"{_author(entry)} sửa lúc {_when(entry.created_at)}"
        sentences.append(f"{sentence}: {changes}" if changes else sentence)
    return f"{noun} đã được " + "; ".join(sentences) + f". {REVIEW_AND_SAVE}"


def describe_changes(model, before: dict | None, after: dict | None) -> str:
    """"Ngày sinh 02/03/1980 → 03/02/1980, Họ và tên …": the fields an entry changed, in words."""
    before, after = before or {}, after or {}
    parts = []
    for name in after:
        if name == "official" or before.get(name) == after.get(name):
            continue
        parts.append(f"{field_label(model, name)} {show_value(before.get(name))} → {show_value(after.get(name))}")
    return ", ".join(parts)


def field_label(model, name: str) -> str:
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except Exception:  # a name the model does not have (an older entry): shown as written
        return name
    return label[:1].upper() + label[1:]


def show_value(value) -> str:
    if value in (None, ""):
        return "(trống)"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date_input(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def person_label(user, username: str = "", *, with_account: bool = False) -> str:
    """How a person is named on every page: "Trần Văn B" (family name first, as Vietnamese names are
    written); the user name when the account has no name; `with_account` adds it for the pages where
    accounts are told apart (audit log): "Trần Văn B (staff2)". A deleted account: the name kept."""
    if user is None:
        return username or "người khác"
    name = user.get_full_name()  # accounts.models.User: family name first
    if not name:
        return user.username
    return f"{name} ({user.username})" if with_account else name


def _author(entry: ChangeRecord) -> str:
    if entry.user_id is None and not entry.username:
        return f"người khác ({entry.get_source_display().lower()})"
    return person_label(entry.user, entry.username)


def _fallback_author(instance) -> str:
    user = getattr(instance, "updated_by", None) if instance is not None else None
    if instance is not None and user is not None:
        fresh = type(instance)._base_manager.select_related("updated_by").filter(pk=instance.pk).first()
        user = getattr(fresh, "updated_by", user)
    if user is None:
        return "người khác"
    when = getattr(instance, "updated_at", None)
    fresh_when = type(instance)._base_manager.filter(pk=instance.pk).values_list("updated_at", flat=True).first()
    when = fresh_when or when
    return f"{person_label(user)} (lúc {_when(when)})" if when else person_label(user)


def _when(moment) -> str:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


# --- forms ----------------------------------------------------------------------------------


class VersionedForm:
    """Mixin for a ModelForm editing a versioned row: a hidden `version`, the row's version when read.

    Missing from a post (a script), it is None and the save does not compare (see `claim`).
    """

    version_field_name = VERSION_FIELD  # the admin needs another name: it refuses non-editable model fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            self.fields[self.version_field_name] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, min_value=1, initial=instance.version,
                error_messages={"invalid": "Phiên bản của biểu mẫu không hợp lệ; hãy mở lại trang."},
            )

    @property
    def read_version(self) -> int | None:
        return self.cleaned_data.get(self.version_field_name)


def refresh_form(form, stale: StaleVersion) -> None:
    """After a refusal: the form keeps what the user typed, now carries the current version, says why."""
    data = form.data.copy()
    data[form.add_prefix(form.version_field_name)] = str(stale.current_version)
    form.data = data
    form.add_error(None, stale.message)


class VersionCheckedForm(VersionedForm):
    """A VersionedForm that refuses itself over a newer version (a form error, for pages that validate
    before their writer runs: the admin, report documents). The writer still calls `claim`.

    The refusal says who changed what and carries the current version, so a second submit saves.
    """

    stale_entity = ""  # the audit entity of the row ("CanBo"…)
    stale_noun = "Hồ sơ"

    def stale_key(self) -> str:
        return ""

    def clean(self):
        data = super().clean()
        read = data.get(self.version_field_name)
        instance = self.instance
        if instance.pk is None or read is None:
            return data
        current = type(instance)._base_manager.filter(pk=instance.pk).values_list(VERSION_FIELD, flat=True).first()
        if current is not None and current != read:
            stale = StaleVersion(stale_message(
                type(instance), entity=self.stale_entity, key=self.stale_key(), missed=current - read,
                noun=self.stale_noun, instance=instance,
            ), current)
            data_copy = self.data.copy()
            data_copy[self.add_prefix(self.version_field_name)] = str(current)
            self.data = data_copy
            raise forms.ValidationError(stale.message, code="stale")
        return data


# --- the admin ------------------------------------------------------------------------------


class VersionedAdminForm(VersionCheckedForm, forms.ModelForm):
    # Declared under another name than the model field, which the admin refuses to list (not editable).
    version_field_name = "row_version"
    row_version = forms.IntegerField(label="phiên bản", widget=forms.HiddenInput, required=False)

    @property
    def stale_entity(self) -> str:
        return audit_entity(type(self.instance))

    def stale_key(self) -> str:
        return audit_key(self.instance)


def audit_entity(model) -> str:
    """The entity the audit trail names the model's rows by (cadre.audit.ENTITY_BY_MODEL)."""
    from cadre.audit import ENTITY_BY_MODEL

    return ENTITY_BY_MODEL.get(model._meta.label_lower, "")


def audit_key(instance) -> str:
    """The natural key the audit trail gives the row as it is stored."""
    from cadre.services.officials import snapshot
    from cadre.services.records import RECORD_KINDS_BY_SLUG

    if instance._meta.model_name == "official" or instance._meta.label == "planning.Plan":
        return instance.code
    for spec in RECORD_KINDS_BY_SLUG.values():
        if spec.model is type(instance):
            stored = spec.model._base_manager.filter(pk=instance.pk).first()
            return spec.key(snapshot(stored, ("official", *spec.fields))) if stored else ""
    return ""


class VersionedAdminMixin:
    """For a ModelAdmin or an inline of a versioned model: each form carries its row's version, a save over a
    newer one is refused with who changed what (VersionCheckedForm), and every save advances the version."""

    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        name, options = fieldsets[0]
        if VersionedAdminForm.version_field_name not in options["fields"]:
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], VersionedAdminForm.version_field_name]})
        return fieldsets

    def save_model(self, request, obj, form, change):
        if change:
            claim(obj, form.cleaned_data.get(VersionedAdminForm.version_field_name), entity=audit_entity(type(obj)), key=audit_key(obj))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        deleted = set(map(id, getattr(formset, "deleted_forms", [])))
        for inline in formset.forms:
            instance = inline.instance
            if instance.pk is not None and id(inline) not in deleted and inline.has_changed() and \
                    hasattr(instance, VERSION_FIELD):
                claim(instance, inline.cleaned_data.get(VersionedAdminForm.version_field_name), entity=audit_entity(type(instance)),
                      key=audit_key(instance))
        super().save_formset(request, form, formset, change)
