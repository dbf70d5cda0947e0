"""The composition of a population on a date (age, gender, ethnicity, professional level), for the dashboard."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery

from cadre import figure_cache
from cadre.models import (
    Official,
    Organization,
    PositionRecord,
    QualificationLevel,
    QualificationRecord,
)
from cadre.scoping import NoScope, scope_roots, user_scope
from cadre.selectors.filters import AGE_BANDS, birth_date_range


@dataclass
class Composition:
    total: int
    age_bands: list[tuple[str, int]]
    genders: list[tuple[str, int]]
    ethnic_groups: list[tuple[str, int]]
    minority: int
    professional_levels: list[tuple[str, int]]


def population_members(*, user, population, on: dt.date, organization: Organization | None = None):
    """Officials holding one of the population's titles on the date, inside the organization's scope on
    that date (cadre.scoping.scope_roots: its predecessors' before it was formed)."""
    positions = PositionRecord.objects.visible_to(user).held_on(on).filter(
        official_id=OuterRef("pk"), title__in=population.titles.all()
    )
    if organization is not None:
        positions = positions.within(scope_roots(organization, on))
    return Official.objects.visible_to(user).filter(Exists(positions))


def composition(*, user, population, on: dt.date, organization: Organization | None = None) -> Composition:
    """Age bands, gender, ethnicity and professional level of a population: four aggregate queries.

    1 age bands and gender together; 2 ethnic groups; 3 highest professional
    level per person, grouped; 4 the level names. For an organization, kept between requests
    (cadre/figure_cache.py): two queries when kept, the population's titles and the data versions.
    """
    try:
        viewer_root = user_scope(user)
    except NoScope:
        viewer_root = organization = None  # sees nothing: counted (as zeros), never kept
    if organization is None:
        return _composition(user=user, population=population, on=on, organization=organization)
    roots = scope_roots(organization, on)
    # Counted over the organization's roots and inside the viewer's subtree: a write in that
    # intersection replaces the roots' versions, so the viewer's root is only part of the key.
    parts = (
        (viewer_root.pk, viewer_root.path) if viewer_root is not None else None,
        (organization.pk, organization.path), tuple((root.pk, root.path) for root in roots),
        tuple(sorted(population.titles.values_list("pk", flat=True))), on,
    )
    return figure_cache.kept("composition", parts, roots, lambda: _composition(
        user=user, population=population, on=on, organization=organization))


def _composition(*, user, population, on: dt.date, organization: Organization | None) -> Composition:
    members = population_members(user=user, population=population, on=on, organization=organization)
    aggregates = {
        f"age_{key}": Count("pk", filter=birth_date_range(on, low, high)) for key, _, low, high in AGE_BANDS
    }
    aggregates["male"] = Count("pk", filter=Q(gender="NAM"))
    aggregates["female"] = Count("pk", filter=Q(gender="NU"))
    aggregates["total"] = Count("pk")
    figures = members.aggregate(**aggregates)
    ethnic = list(
        members.values("ethnic_group__name", "ethnic_group__is_minority")
        .annotate(count=Count("pk"))
        .order_by("-count", "ethnic_group__name")
    )
    highest_rank = Subquery(
        QualificationRecord.objects.filter(
            official_id=OuterRef("pk"), qualification_type__code="CHUYEN_MON", obtained_on__lte=on
        )
        .values("official_id")
        .annotate(top=Max("level__rank"))
        .values("top")[:1],
        output_field=IntegerField(),
    )
    by_rank = dict(
        members.annotate(rank=highest_rank).values_list("rank").annotate(count=Count("pk")).values_list("rank", "count")
    )
    level_names = dict(
        QualificationLevel.objects.filter(qualification_type__code="CHUYEN_MON").values_list("rank", "name")
    )
    professional = [(level_names[rank], by_rank.get(rank, 0)) for rank in sorted(level_names)]
    professional.append(("Chưa qua đào tạo", by_rank.get(None, 0)))
    return Composition(
        total=figures["total"],
        age_bands=[(label, figures[f"age_{key}"]) for key, label, _, _ in AGE_BANDS],
        genders=[("Nam", figures["male"]), ("Nữ", figures["female"])],
        ethnic_groups=_top_groups(ethnic),
        minority=sum(row["count"] for row in ethnic if row["ethnic_group__is_minority"]),
        professional_levels=professional,
    )


def _top_groups(rows: list[dict], keep: int = 6) -> list[tuple[str, int]]:
    """The largest groups by name, the rest summed as "Dân tộc khác"."""
    top = [(row["ethnic_group__name"], row["count"]) for row in rows[:keep]]
    rest = sum(row["count"] for row in rows[keep:])
    if rest:
        top.append(("Dân tộc khác", rest))
    return top
