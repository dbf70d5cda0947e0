"""Retire an official (thôi theo dõi) and restore them; nothing about them is deleted.

Retiring on date R (the first day the official is no longer followed):

- every position still held on R (no end, or an end on or after R) ends on the day before R, and every
  planning entry not removed by R is removed on R. Reports, the organization tree, the dashboard and the
  comparison count positions held on a date, so a figure as of a date before R counts the official exactly
  as before and a figure as of R or later does not; the report engine needs no rule of its own;
- `Official.retired_on` / `retired_reason` are set: the officials list (as of a date on or after R), its
  XLSX, the search, the home page count and the admin's default list leave the official out; the profile
  still opens, with a banner.

The audit trail gets one RETIRE entry on the official ("CanBo") whose `before` / `after` hold the
retirement fields and, for each record it ended, the record's id, key and end (position `end_date`,
planning `removed_on`) before and after; and an UPDATE entry for each such record under its own key.
Restoring reads the latest RETIRE entry and puts back exactly those ends (a record changed or deleted since
is left as it is and named), clears the retirement, and writes a RESTORE entry the same way.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from cadre import audit
from cadre.exchange.change_plan import RECORD_KINDS, describe_key
from cadre.models import ChangeRecord, Official, Organization, PlanningEntry, PositionRecord
from cadre.models.history import ChangeAction
from cadre.vietnamese import format_date_input

REASON_MAX_LENGTH = 500


@dataclass
class RestoreResult:
    official: Official
    reopened: list[str] = field(default_factory=list)  # keys of the records put back
    left: list[str] = field(default_factory=list)  # keys of records changed or deleted since the retirement


def _require_editor(user) -> None:
    if not getattr(user, "can_edit", False):
        raise PermissionDenied("Tài khoản chỉ có quyền xem.")


def _require_visible(user, official: Official) -> None:
    if not Official.objects.visible_to(user).filter(pk=official.pk).exists():
        raise PermissionDenied("Cán bộ nằm ngoài phạm vi của tài khoản.")


def _outside_scope(user, records) -> list[str]:
    """Names of the organizations of `records` the user may not write."""
    inside = set(Organization.objects.visible_to(user).filter(
        pk__in={record.organization_id for record in records}).values_list("pk", flat=True))
    return sorted({record.organization.name for record in records if record.organization_id not in inside})


def _key(entity: str, record, fields) -> str:
    values = {"official": record.official.code}
    for name in fields:
        value = getattr(record, name)
        values[name] = audit.plain(value)
    return describe_key(RECORD_KINDS[entity], values)


def _position_key(position: PositionRecord) -> str:
    return _key("ChucVu", position, ("title", "organization", "start_date", "end_date"))


def _planning_key(entry: PlanningEntry) -> str:
    return _key("QuyHoach", entry, ("title", "organization", "term", "approved_on", "removed_on"))


def retirement_problem(official: Official, retired_on: dt.date | None, *, today: dt.date | None = None) -> str | None:
    """Why the official cannot be retired on the date (a Vietnamese sentence), or None."""
    today = today or timezone.localdate()
    if official.retired_on is not None:
        return f"Cán bộ {official.full_name} đã thôi theo dõi từ ngày {format_date_input(official.retired_on)}."
    if retired_on is None:
        return None
    if retired_on > today:
        return (f"Ngày thôi theo dõi ({format_date_input(retired_on)}) ở tương lai: chỉ ghi khi đã có quyết định, "
                "với ngày từ hôm nay trở về trước.")
    latest_start = PositionRecord.objects.filter(official=official).aggregate(latest=Max("start_date"))["latest"]
    if latest_start is not None and retired_on <= latest_start:
        return (f"Ngày thôi theo dõi ({format_date_input(retired_on)}) phải sau ngày bắt đầu chức vụ gần nhất "
                f"của cán bộ ({format_date_input(latest_start)}).")
    latest_approval = PlanningEntry.objects.filter(
        official=official, approved_on__isnull=False).filter(
        Q(removed_on__isnull=True) | Q(removed_on__gt=retired_on)).aggregate(latest=Max("approved_on"))["latest"]
    if latest_approval is not None and retired_on < latest_approval:
        return (f"Ngày thôi theo dõi ({format_date_input(retired_on)}) trước ngày phê duyệt quy hoạch gần nhất "
                f"của cán bộ ({format_date_input(latest_approval)}).")
    return None


@transaction.atomic
def official_retire(*, user, official: Official, retired_on: dt.date, reason: str) -> Official:
    """Stop following the official from `retired_on`; ends what they hold then (see the module docstring).

    Raises ValidationError (Vietnamese) when it cannot be done, PermissionDenied for a reader or a user
    who does not see the official.
    """
    _require_editor(user)
    _require_visible(user, official)
    official = Official.objects.select_for_update().get(pk=official.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Ghi lý do thôi theo dõi (ví dụ: nghỉ hưu, chuyển công tác ra ngoài tỉnh)."})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"Lý do dài quá {REASON_MAX_LENGTH} ký tự."})
    problem = retirement_problem(official, retired_on)
    if problem:
        raise ValidationError({"retired_on": problem})
    positions = list(
        PositionRecord.objects.filter(official=official)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=retired_on))
        .select_related("official", "title", "organization").order_by("start_date", "pk")
    )
    planning = list(
        PlanningEntry.objects.filter(official=official)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=retired_on))
        .select_related("official", "title", "organization").order_by("term", "pk")
    )
    outside = _outside_scope(user, [*positions, *planning])
    if outside:
        raise ValidationError(
            f"Cán bộ đang giữ chức vụ hoặc đang trong quy hoạch tại tổ chức ngoài phạm vi của bạn "
            f"({', '.join(outside)}): việc cho thôi theo dõi do đơn vị quản lý tổ chức đó hoặc cấp trên thực hiện."
        )
    last_day = retired_on - dt.timedelta(days=1)
    ended_before, ended_after = [], []
    for position in positions:
        key = _position_key(position)
        ended_before.append({"id": position.pk, "key": key, "end_date": audit.plain(position.end_date)})
        ended_after.append({"id": position.pk, "key": key, "end_date": last_day.isoformat()})
    removed_before, removed_after = [], []
    for entry in planning:
        key = _planning_key(entry)
        removed_before.append({"id": entry.pk, "key": key, "removed_on": audit.plain(entry.removed_on)})
        removed_after.append({"id": entry.pk, "key": key, "removed_on": retired_on.isoformat()})
    _set_ends(PositionRecord, "end_date", ended_before, ended_after, "ChucVu", official)
    _set_ends(PlanningEntry, "removed_on", removed_before, removed_after, "QuyHoach", official)
    official.retired_on, official.retired_reason = retired_on, reason
    official.save(update_fields=["retired_on", "retired_reason", "updated_at"])
    audit.record(
        entity="CanBo", key=official.code, action=ChangeAction.RETIRE,
        before={"retired_on": None, "retired_reason": "", "positions": ended_before, "planning": removed_before},
        after={"retired_on": retired_on.isoformat(), "retired_reason": reason, "positions": ended_after,
               "planning": removed_after},
        official=official, organization=positions[0].organization if positions else None,
    )
    return official


def _set_ends(model, name: str, before: list[dict], after: list[dict], entity: str, official: Official) -> None:
    """Write each record's new end and an UPDATE entry under the record's own key."""
    rows = {row.pk: row for row in model.objects.filter(pk__in=[item["id"] for item in after])}
    for old, new in zip(before, after):
        row = rows[new["id"]]
        setattr(row, name, dt.date.fromisoformat(new[name]) if new[name] else None)
        row.save(update_fields=[name])
        audit.record(entity=entity, key=old["key"], action=ChangeAction.UPDATE, before={name: old[name]},
                     after={name: new[name]}, official=official, organization=row.organization)


def _latest_retirement(official: Official) -> ChangeRecord | None:
    return (
        ChangeRecord.objects.filter(official=official, entity="CanBo", action=ChangeAction.RETIRE)
        .order_by("-created_at", "-id").first()
    )


@transaction.atomic
def official_restore(*, user, official: Official) -> RestoreResult:
    """Follow the official again: reopen exactly what the retirement ended, clear the retirement."""
    _require_editor(user)
    _require_visible(user, official)
    official = Official.objects.select_for_update().get(pk=official.pk)
    if official.retired_on is None:
        raise ValidationError(f"Cán bộ {official.full_name} đang được theo dõi: không có gì để khôi phục.")
    entry = _latest_retirement(official)
    retired = entry.after if entry is not None else {}
    ended = retired.get("positions", [])
    removed = retired.get("planning", [])
    positions = {row.pk: row for row in PositionRecord.objects.filter(pk__in=[i["id"] for i in ended])
                 .select_related("official", "title", "organization")}
    planning = {row.pk: row for row in PlanningEntry.objects.filter(pk__in=[i["id"] for i in removed])
                .select_related("official", "title", "organization")}
    outside = _outside_scope(user, [*positions.values(), *planning.values()])
    if outside:
        raise ValidationError(
            f"Chức vụ hoặc quy hoạch được mở lại thuộc tổ chức ngoài phạm vi của bạn ({', '.join(outside)}): "
            "việc khôi phục do đơn vị quản lý tổ chức đó hoặc cấp trên thực hiện."
        )
    previous = {i["id"]: i for i in (entry.before or {}).get("positions", [])} if entry else {}
    previous_planning = {i["id"]: i for i in (entry.before or {}).get("planning", [])} if entry else {}
    result = RestoreResult(official=official)
    reopened_before, reopened_after, back_before, back_after = [], [], [], []
    for item in ended:
        row = positions.get(item["id"])
        if row is None or audit.plain(row.end_date) != item["end_date"]:
            result.left.append(item["key"])
            continue
        reopened_before.append({"id": row.pk, "key": item["key"], "end_date": item["end_date"]})
        reopened_after.append({"id": row.pk, "key": item["key"], "end_date": previous[row.pk]["end_date"]})
    for item in removed:
        row = planning.get(item["id"])
        if row is None or audit.plain(row.removed_on) != item["removed_on"]:
            result.left.append(item["key"])
            continue
        back_before.append({"id": row.pk, "key": item["key"], "removed_on": item["removed_on"]})
        back_after.append({"id": row.pk, "key": item["key"], "removed_on": previous_planning[row.pk]["removed_on"]})
    _set_ends(PositionRecord, "end_date", reopened_before, reopened_after, "ChucVu", official)
    _set_ends(PlanningEntry, "removed_on", back_before, back_after, "QuyHoach", official)
    result.reopened = [item["key"] for item in (*reopened_after, *back_after)]
    before = {"retired_on": audit.plain(official.retired_on), "retired_reason": official.retired_reason,
              "positions": reopened_before, "planning": back_before}
    official.retired_on, official.retired_reason = None, ""
    official.save(update_fields=["retired_on", "retired_reason", "updated_at"])
    audit.record(
        entity="CanBo", key=official.code, action=ChangeAction.RESTORE, before=before,
        after={"retired_on": None, "retired_reason": "", "positions": reopened_after, "planning": back_after},
        official=official,
        organization=positions[reopened_after[0]["id"]].organization if reopened_after else None,
    )
    return result
