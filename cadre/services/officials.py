"""Create and edit officials and add their dated records; every change leaves a ChangeRecord.

Change records are written like the import's (cadre.exchange.change_plan):
`entity` is the workbook sheet ("CanBo", "ChucVu"…), `key` the official's
code, followed for records by the rest of the record's natural key
("T001 | LC.A.X1 | BT_DU | 2020-01-01"), so an official's history from edits
and imports reads as one.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from cadre.models import (
    CareerEvent,
    ChangeRecord,
    EthnicGroup,
    Evaluation,
    Official,
    Organization,
    PlanningEntry,
    PositionRecord,
    PositionTitle,
    QualificationLevel,
    QualificationRecord,
    QualificationType,
)
from cadre import audit
from cadre.exchange.change_plan import RECORD_KINDS, describe_key
from cadre.models.history import ChangeAction
from cadre.services import versions

OFFICIAL_FIELDS = (
    "code", "full_name", "gender", "birth_date", "ethnic_group", "citizen_id",
    "hometown_organization", "hometown_text", "party_joined_on",
)


def _plain(value):
    """A field value as JSON: dates ISO, related rows by code or name."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, EthnicGroup):
        return value.name  # as the workbook writes it
    if hasattr(value, "code"):
        return value.code
    if hasattr(value, "pk"):
        return str(value)
    return value


def snapshot(instance, fields) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def _require_editor(user) -> None:
    if not getattr(user, "can_edit", False):
        raise PermissionDenied("Tài khoản chỉ có quyền xem.")


def _require_inside(user, organization: Organization | None) -> None:
    """Records may only point at organizations inside the user's subtree."""
    if organization is not None and not Organization.objects.visible_to(user).filter(pk=organization.pk).exists():
        raise PermissionDenied("Tổ chức nằm ngoài phạm vi của tài khoản.")


def _record(entity: str, key: str, action: str, before: dict | None, after: dict | None, *, official=None,
            organization=None) -> ChangeRecord:
    return audit.record(entity=entity, key=key, action=action, before=before, after=after, official=official,
                        organization=organization)


@transaction.atomic
def official_create(
    *,
    user,
    code: str,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    ethnic_group,
    title: PositionTitle,
    organization: Organization,
    start_date: dt.date,
    citizen_id: str | None = None,
    hometown_organization: Organization | None = None,
    hometown_text: str = "",
    party_joined_on: dt.date | None = None,
) -> Official:
    """A new official with the position that places them in the user's subtree."""
    _require_editor(user)
    _require_inside(user, organization)
    official = Official(
        code=code, full_name=full_name, gender=gender, birth_date=birth_date, ethnic_group=ethnic_group,
        citizen_id=citizen_id or None, hometown_organization=hometown_organization,
        hometown_text=hometown_text, party_joined_on=party_joined_on,
    )
    official.full_clean()
    official.save()
    _record("CanBo", official.code, ChangeAction.CREATE, None, snapshot(official, OFFICIAL_FIELDS),
            official=official, organization=organization)
    # The first position is what places the new official inside the user's subtree.
    position = PositionRecord(official=official, title=title, organization=organization, start_date=start_date)
    _save_record("ChucVu", position, POSITION_FIELDS)
    return official


@transaction.atomic
def official_update(*, user, official: Official, version: int | None = None, **changes) -> Official:
    """Change personal data; records what it was and what it became (nothing if unchanged).

    `version` is the one the user read: saving over a newer one raises versions.StaleVersion.
    """
    _require_editor(user)
    unknown = set(changes) - set(OFFICIAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    official = Official.objects.select_for_update().get(pk=official.pk)
    before = snapshot(official, OFFICIAL_FIELDS)
    for name, value in changes.items():
        setattr(official, name, value)
    if official.citizen_id == "":
        official.citizen_id = None
    after = snapshot(official, OFFICIAL_FIELDS)
    if after == before:
        return official
    versions.claim(official, version, entity="CanBo", key=official.code)
    official.full_clean()
    official.save()
    changed = [name for name in OFFICIAL_FIELDS if before[name] != after[name]]
    _record(
        "CanBo", official.code, ChangeAction.UPDATE,
        {name: before[name] for name in changed}, {name: after[name] for name in changed}, official=official,
    )
    return official


def _add(user, official: Official, entity: str, record, fields, *organizations) -> None:
    _require_editor(user)
    if not Official.objects.visible_to(user).filter(pk=official.pk).exists():
        raise PermissionDenied("Cán bộ nằm ngoài phạm vi của tài khoản.")
    for organization in organizations:
        _require_inside(user, organization)
    _save_record(entity, record, fields)


def _save_record(entity: str, record, fields) -> None:
    record.full_clean()
    record.save()
    after = snapshot(record, ("official", *fields))
    _record(entity, describe_key(RECORD_KINDS[entity], after), ChangeAction.CREATE, None, after,
            official=record.official, organization=getattr(record, "organization", None))


POSITION_FIELDS = ("title", "organization", "start_date", "end_date")


@transaction.atomic
def position_add(
    *, user, official: Official, title: PositionTitle, organization: Organization,
    start_date: dt.date, end_date: dt.date | None = None,
) -> PositionRecord:
    record = PositionRecord(
        official=official, title=title, organization=organization, start_date=start_date, end_date=end_date
    )
    _add(user, official, "ChucVu", record, POSITION_FIELDS, organization)
    return record


@transaction.atomic
def qualification_add(
    *, user, official: Official, qualification_type: QualificationType, obtained_on: dt.date,
    level: QualificationLevel | None = None, detail: str = "", major: str = "",
) -> QualificationRecord:
    record = QualificationRecord(
        official=official, qualification_type=qualification_type, level=level, detail=detail,
        major=major, obtained_on=obtained_on,
    )
    _add(user, official, "TrinhDo", record, ("qualification_type", "level", "detail", "major", "obtained_on"))
    return record


@transaction.atomic
def evaluation_add(*, user, official: Official, year: int, rating: str) -> Evaluation:
    record = Evaluation(official=official, year=year, rating=rating)
    _add(user, official, "DanhGia", record, ("year", "rating"))
    return record


@transaction.atomic
def career_event_add(
    *, user, official: Official, kind: str, date: dt.date,
    from_organization: Organization | None = None, from_text: str = "",
    to_organization: Organization | None = None, to_text: str = "", note: str = "", programme: str = "",
) -> CareerEvent:
    record = CareerEvent(
        official=official, kind=kind, date=date, from_organization=from_organization, from_text=from_text,
        to_organization=to_organization, to_text=to_text, note=note, programme=programme,
    )
    _add(
        user, official, "SuKien", record,
        ("kind", "date", "from_organization", "from_text", "to_organization", "to_text", "note", "programme"),
        from_organization, to_organization,
    )
    return record


@transaction.atomic
def planning_add(
    *, user, official: Official, title: PositionTitle, organization: Organization, term: str,
    approved_on: dt.date | None = None, removed_on: dt.date | None = None,
) -> PlanningEntry:
    record = PlanningEntry(
        official=official, title=title, organization=organization, term=term,
        approved_on=approved_on, removed_on=removed_on,
    )
    _add(user, official, "QuyHoach", record, ("title", "organization", "term", "approved_on", "removed_on"), organization)
    return record


# The service behind each record form of cadre.forms.RECORD_FORMS.
RECORD_SERVICES = {
    "chuc-vu": position_add,
    "trinh-do": qualification_add,
    "danh-gia": evaluation_add,
    "su-kien": career_event_add,
    "quy-hoach": planning_add,
}
