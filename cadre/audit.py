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

from cadre.models.history import ChangeAction, ChangeRecord, ChangeSource

__all__ = [
    "AuditMiddleware",
    "ChangeAction",
    "ChangeSource",
    "audit_context",
    "current_actor",
    "entry_fields",
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
        "before": before,
        "after": after,
    }


def record(*, entity: str, key: str, action: str, before: dict | None = None, after: dict | None = None,
           official=None, organization=None, batch=None) -> ChangeRecord:
    """Write one entry of the audit trail.

    `entity` names what changed as the exchange workbook does ("CanBo", "ChucVu", "ToChuc"…; "KeHoach",
    "VanBan", "NguoiDung" for plans, documents and users), `key` its natural key, `before`/`after` the
    changed fields (plain JSON values, see `plain`). `official` and `organization` place the entry for the
    profile's history and for scoping the audit page.
    """
    return ChangeRecord.objects.create(**entry_fields(
        entity=entity, key=key, action=action, before=before, after=after, official=official,
        organization=organization, batch=batch,
    ))


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
