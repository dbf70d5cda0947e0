"""Reads of plans for the pages and the API."""
from __future__ import annotations

from django.db.models import Prefetch

from cadre.models import Organization
from cadre.scoping import path_ids
from planning.models import Plan, PlanRow, PlanTable, Target


def plans_for_organization(organization: Organization, *, user):
    """Plans the user may use that apply to the organization: issued by it or any organization above it,
    latest first."""
    return (
        Plan.objects.visible_to(user).filter(organization_id__in=path_ids(organization.path))
        .select_related("organization").order_by("-issued_on", "code")
    )


def plan_target_years(plans) -> dict[int, list[int]]:
    """{plan id: the years its targets are set for, in order} for the given plans (one query)."""
    years: dict[int, set[int]] = {}
    for plan_id, year in Target.objects.filter(row__table__plan__in=plans).values_list(
            "row__table__plan_id", "year").distinct():
        years.setdefault(plan_id, set()).add(year)
    return {plan_id: sorted(found) for plan_id, found in years.items()}


def plans_with_contents(user):
    """The plans the user may use, with their organization, tables (and population), rows (and indicator) and
    targets: four queries."""
    return Plan.objects.visible_to(user).select_related("organization").prefetch_related(
        Prefetch("tables", PlanTable.objects.select_related("population").order_by("order").prefetch_related(
            Prefetch("rows", PlanRow.objects.select_related("indicator").order_by("order")
                     .prefetch_related("targets")),
        )),
    )
