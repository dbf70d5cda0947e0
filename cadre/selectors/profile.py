"""An official's profile: records, planning and the history of changes in words."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from cadre.models import (
    ChangeRecord,
    Official,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
)
from cadre.exchange.workbook_format import RECORD_SHEETS
from cadre.selectors.access import official_for

# Change records of an official's records: keyed "CODE | rest of the natural key" (as the import writes them).
RECORD_ENTITIES = tuple(sheet.name for sheet in RECORD_SHEETS)
from cadre.vietnamese import age_on


@dataclass
class Profile:
    official: Official
    positions: list[PositionRecord]
    hidden_position_count: int
    qualifications: list[QualificationRecord]
    evaluations: list
    events: list
    planning: list[PlanningEntry]
    changes: list[ChangeRecord]
    age: int
    on: dt.date


def official_profile(*, user, pk, on: dt.date) -> Profile:
    """Everything the profile page shows, in eight queries whatever the record counts.

    1 the official with ethnic group and hometown; 2 positions inside the
    user's subtree; 3 count of all positions (to say some are hidden);
    4 qualifications; 5 ratings; 6 career events; 7 planning inside the
    subtree; 8 the last changes recorded for the official.
    """
    official = official_for(user, pk, related=("ethnic_group", "hometown_organization"))
    positions = list(
        PositionRecord.objects.visible_to(user)
        .filter(official=official)
        .select_related("title", "organization")
        .order_by("-start_date", "title__sort_order")
    )
    all_positions = PositionRecord.objects.filter(official=official).count()
    qualifications = list(
        official.qualifications.select_related("qualification_type", "level").order_by(
            "qualification_type__sort_order", "-obtained_on"
        )
    )
    evaluations = list(official.evaluations.order_by("-year"))
    events = list(official.events.select_related("from_organization", "to_organization").order_by("-date"))
    planning = list(
        PlanningEntry.objects.visible_to(user)
        .filter(official=official)
        .select_related("title", "organization")
        .order_by("-term", "title__sort_order")
    )
    changes = list(
        ChangeRecord.objects.filter(
            Q(official=official)  # entries written since the trail names the official
            | Q(official__isnull=True, entity="CanBo", key=official.code)  # older entries: by their key
            | Q(official__isnull=True, entity__in=RECORD_ENTITIES, key__startswith=f"{official.code} | ")
        ).select_related("user").order_by("-created_at", "-id")[:10]
    )
    return Profile(
        official=official,
        positions=positions,
        hidden_position_count=all_positions - len(positions),
        qualifications=qualifications,
        evaluations=evaluations,
        events=events,
        planning=planning,
        changes=changes,
        age=age_on(official.birth_date, on),
        on=on,
    )
