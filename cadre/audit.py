"""The one way to write the audit trail (cadre.models.ChangeRecord).

Who and from where come from the context, set once per unit of work:

- every web request: `AuditMiddleware` (pages are FORM, /admin/ ADMIN,
  /api/ API); the user is read when an entry is written, so an API request
  authenticated by the REST framework is attributed too;
- the workbook import: `audit_context(user=…, source=ChangeSource.IMPORT)`;
- management commands and anything else outside a request: COMMAND, no user
  unless a command names one.

What changed is said by the caller: `record(...)` for one entry,
`entry_fields(...)` for the values of many entries written in bulk (imports).
Entries are never changed or deleted (PostgreSQL enforces it, migration 0004).
"""
from __future__ import annotations

import contextvars
import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cadre import data_versions
from cadre.models.history import ChangeAction, ChangeRecord, ChangeSource

__all__ = [
    "AuditMiddleware",
    "ChangeAction",
    "ChangeSource",
    "audit_context",
    "current_actor",
    "entry_fields",
    "record_deleted",
    "record_export",
    "record_instance",
    "record_saved",
    "stored_values",
    "plain",
    "record",
]


@dataclass(frozen=True)
class Actor:
    source: str
    user: Any = None  # a user, or a request whose user is read when an entry is written

    def resolved_user(self):
        user = getattr(self.user, "user", self.user) if _is_request(self.user) else self.user
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        return user


def _is_request(value) -> bool:
    return hasattr(value, "META") and hasattr(value, "path")


_actor: contextvars.ContextVar[Actor] = contextvars.ContextVar("audit_actor", default=Actor(ChangeSource.COMMAND))


def current_actor() -> Actor:
    return _actor.get()


@contextmanager
def audit_context(*, user=None, source: str):
    """Attribute every entry written inside the block to `user`, from `source`."""
    token = _actor.set(Actor(source, user))
    try:
        yield
    finally:
        _actor.reset(token)


def plain(value):
    """A field value as JSON: dates ISO, decimals as text, related rows by code (or name)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return f"<{len(value)} byte>"
    if hasattr(value, "code"):
        return value.code
    if hasattr(value, "pk"):
        return str(value)
    return value


def entry_fields(*, entity: str, key: str, action: str, before: dict | None = None, after: dict | None = None,
                 official=None, organization=None, batch=None) -> dict:
    """The column values of one entry, attributed to the current actor (for bulk inserts)."""
    actor = current_actor()
    user = actor.resolved_user()
    return {
        "batch_id": getattr(batch, "pk", batch),
        "user_id": getattr(user, "pk", None),
        "username": getattr(user, "username", "") or "",
        "source": actor.source,
        "entity": entity,
        "key": key[:200],
        "action": action,
        "official_id": getattr(official, "pk", official),
        "organization_path": getattr(organization, "path", organization) or "",
        "before": _storable(before),
        "after": _storable(after),
    }


def _storable(value):
    """JSON the database stores: text without NUL characters (PostgreSQL refuses them; they can only come
    from hostile parameters, e.g. of a download, since forms refuse them)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable(item) for item in value]
    return value


def record(*, entity: str, key: str, action: str, before: dict | None = None, after: dict | None = None,
           official=None, organization=None, batch=None) -> ChangeRecord:
    """Write one entry of the audit trail.

    `entity` names what changed as the exchange workbook does ("CanBo", "ChucVu", "ToChuc"…; "KeHoach",
    "VanBan", "NguoiDung" for plans, documents and users), `key` its natural key, `before`/`after` the
    changed fields (plain JSON values, see `plain`). `official` and `organization` place the entry for the
    profile's history and for scoping the audit page.

    The entry also replaces the data versions of what changed (cadre.data_versions), in the caller's
    transaction: call it inside the write's transaction, or after a write that committed on its own.
    """
    fields = entry_fields(
        entity=entity, key=key, action=action, before=before, after=after, official=official,
        organization=organization, batch=batch,
    )
    entry = ChangeRecord.objects.create(**fields)
    # The figures kept for the scopes the write changed are read no more (cadre.data_versions).
    data_versions.bump_for_entries([fields])
    return entry


class AuditMiddleware:
    """Every write during a request is attributed to the request's user: pages, the admin or the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit_context(user=request, source=self.source_of(request.path)):
            return self.get_response(request)

    @staticmethod
    def source_of(path: str) -> str:
        from django.urls import reverse

        if path.startswith(reverse("admin:index")):
            return ChangeSource.ADMIN
        if path.startswith("/api/"):
            return ChangeSource.API
        return ChangeSource.FORM


# --- any model row: what it is called in the trail, and its values ---------------------------------------

# Models named as the exchange workbook names their sheets; the rest by the words of the brief.
ENTITY_BY_MODEL = {
    "cadre.official": "CanBo",
    "cadre.positionrecord": "ChucVu",
    "cadre.qualificationrecord": "TrinhDo",
    "cadre.evaluation": "DanhGia",
    "cadre.careerevent": "SuKien",
    "cadre.planningentry": "QuyHoach",
    "cadre.partystatistics": "DangVien",
    "cadre.organization": "ToChuc",
    "planning.plan": "KeHoach",
    "planning.plantable": "KeHoach",
    "planning.planrow": "KeHoach",
    "planning.target": "KeHoach",
    "documents.reportdocument": "VanBan",
    "documents.documenttemplate": "VanBan",
    "documents.submission": "VanBan",
    "documents.manualfigure": "VanBan",
    "accounts.user": "NguoiDung",
}
EXPORT_ENTITY = "TaiXuong"
HIDDEN_VALUE = "(đã đổi)"  # what a password change shows: never the hash
SECRET_FIELDS = {"password"}


def entity_of(instance) -> str:
    """The entity an entry about this row names ("CanBo", "KeHoach"…; otherwise the model's name)."""
    return ENTITY_BY_MODEL.get(instance._meta.label_lower, instance._meta.object_name)


def instance_values(instance) -> dict:
    """The editable field values of a row as plain JSON (secrets replaced by HIDDEN_VALUE)."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        if field.name in SECRET_FIELDS:
            values[field.name] = HIDDEN_VALUE
            continue
        value = getattr(instance, field.name, None) if field.is_relation else field.value_from_object(instance)
        values[field.name] = plain(value)
    return values


def changed_values(before: dict, after: dict) -> tuple[dict, dict]:
    """Only what differs between two snapshots (a changed password is always given, by HIDDEN_VALUE)."""
    names = [name for name in after if before.get(name) != after.get(name)]
    return {name: before.get(name) for name in names}, {name: after[name] for name in names}


def instance_place(instance) -> tuple[Any, Any]:
    """(official, organization) an entry about this row belongs to, for the profile and the audit page."""
    from cadre.models import Official, Organization

    if isinstance(instance, Official):
        return instance, None
    if isinstance(instance, Organization):
        return None, instance
    official = getattr(instance, "official", None) if hasattr(instance, "official_id") else None
    for name in ("organization", "to_organization", "from_organization"):
        if getattr(instance, f"{name}_id", None):
            return official, getattr(instance, name)
    for parent in ("document", "plan", "table", "row"):
        if getattr(instance, f"{parent}_id", None):
            return official, instance_place(getattr(instance, parent))[1]
    return official, None


def instance_key(instance) -> str:
    """The natural key of a row: an official's record as the workbook keys it, else its code or its name."""
    from cadre.exchange.change_plan import PARTY_STATISTICS, RECORD_KINDS, describe_key

    entity = entity_of(instance)
    kinds = {**RECORD_KINDS, PARTY_STATISTICS.sheet: PARTY_STATISTICS}
    if entity in kinds:
        kind = kinds[entity]
        return describe_key(kind, {name: plain(getattr(instance, name, None)) for name in kind.key_fields})
    for name in ("code", "username"):
        if getattr(instance, name, None):
            return str(getattr(instance, name))
    return str(instance)[:200]


def record_instance(instance, action: str, before: dict | None, after: dict | None) -> ChangeRecord:
    """One entry about a model row (the admin, documents, plans): its entity, key and place are derived."""
    official, organization = instance_place(instance)
    return record(entity=entity_of(instance), key=instance_key(instance), action=action, before=before,
                  after=after, official=official, organization=organization)


def stored_values(instance) -> dict | None:
    """The values of the row as stored now, before a save (None for a new row)."""
    if instance.pk is None:
        return None
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    return instance_values(stored) if stored is not None else None


def record_saved(instance, before: dict | None) -> ChangeRecord | None:
    """The entry for a row just saved, given `stored_values` from before the save: CREATE with its values,
    or UPDATE with the changed fields only (nothing when nothing changed)."""
    after = instance_values(instance)
    if before is None:
        return record_instance(instance, ChangeAction.CREATE, None, after)
    before, after = changed_values(before, after)
    return record_instance(instance, ChangeAction.UPDATE, before, after) if after else None


def record_deleted(instance) -> ChangeRecord:
    """The entry for a row about to be deleted, with the values it had."""
    return record_instance(instance, ChangeAction.DELETE, instance_values(instance), None)


# --- downloads ---------------------------------------------------------------------------------------------


def record_export(request_or_user, what: str, params: dict | None = None, organization=None) -> ChangeRecord:
    """A download of personal data: who (the request's user, or the user given), what, with which parameters.

    `what` says what was downloaded ("Danh sách cán bộ (XLSX)", "Tệp trao đổi"…), `params` the filters
    or report parameters (a dict of plain values, or a request's QueryDict), `organization` the data's
    organization (scoping the audit page).
    """
    user = getattr(request_or_user, "user", request_or_user) if _is_request(request_or_user) else request_or_user
    source = current_actor().source
    if hasattr(params, "lists"):  # a QueryDict: one value as itself, repeated ones as a list
        params = {name: values[0] if len(values) == 1 else values for name, values in params.lists()}
    params = {str(name): plain(value) for name, value in (params or {}).items()}
    with audit_context(user=user, source=source):
        return record(entity=EXPORT_ENTITY, key=what, action=ChangeAction.EXPORT, after=params,
                      organization=organization)
