"""Reads for the plan editor (reports/plan_editor.py): the plans a user may see and write, and the catalogs
its lists are built from, sent to the page once as JSON (no request per field)."""
from __future__ import annotations

from django.db.models import Count, Exists, OuterRef

from cadre.models import EthnicGroup, Organization, Population, PositionTitle, QualificationType
from cadre.models.catalogs import PositionCategory
from cadre.models.organizations import OrganizationCategory, OrganizationForm, OrganizationKind
from cadre.models.records import CareerEventKind, TrainingProgramme
from planning.conditions import UNIT_KINDS
from planning.models import Indicator, IndicatorKind, Plan, PlanTable


def plans_for_list(user):
    """The plans the user may use (their organization's lineage), newest first, each with `writable` (issued
    inside the user's subtree), its numbers of tables and rows and of the report documents that use it."""
    return (
        Plan.objects.visible_to(user).select_related("organization")
        .annotate(
            writable=Exists(Organization.objects.visible_to(user).filter(pk=OuterRef("organization_id"))),
            table_count=Count("tables", distinct=True),
            row_count=Count("tables__rows", distinct=True),
            document_count=Count("report_documents", distinct=True),
        )
        .order_by("-issued_on", "code", "pk")
    )


def may_write_plan(user, plan: Plan) -> bool:
    """A user writes only plans issued inside their subtree (planning.services checks it again on saving)."""
    return Organization.objects.visible_to(user).filter(pk=plan.organization_id).exists()


def table_population_objects() -> bool:
    """Whether a table's population may be given as an object (data contract section 2: "A table's
    `population` may be an object too"): the case once PlanTable keeps such objects beside its population
    code, which then becomes optional."""
    return PlanTable._meta.get_field("population").null


def _choices(choices) -> list[dict]:
    return [{"code": code, "name": name} for code, name in choices]


def editor_catalogs() -> dict:
    """Every list the editor offers, from the catalogs: populations, indicators (with their parameters'
    defaults), position titles, qualification types with the levels of each scale, ethnic groups, career
    event kinds and training programmes, organization kinds, forms and groups, unit kinds. Six queries."""
    categories = dict(PositionCategory.choices)
    kinds = dict(OrganizationKind.choices)
    return {
        "populations": [
            {"code": population.code, "name": population.name, "unit_kind": population.unit_kind}
            for population in Population.objects.order_by("sort_order", "code")
        ],
        "indicators": [
            {"code": indicator.code, "name": indicator.name, "kind": indicator.kind,
             "params": indicator.parameters()}
            for indicator in Indicator.objects.order_by("sort_order", "code")
        ],
        "indicator_kinds": _choices(IndicatorKind.choices),
        "titles": [
            {"code": title.code, "name": title.name, "group": categories.get(title.category, "")}
            for title in PositionTitle.objects.order_by("sort_order", "code")
        ],
        "qualifications": [
            {"code": kind.code, "name": kind.name, "ranked": kind.is_ranked,
             "levels": [{"code": level.code, "name": level.name}
                        for level in sorted(kind.levels.all(), key=lambda level: (level.rank, level.code))]}
            for kind in QualificationType.objects.prefetch_related("levels").order_by("sort_order", "code")
        ],
        "ethnic_groups": [
            {"name": group.name, "minority": group.is_minority} for group in EthnicGroup.objects.order_by("code")
        ],
        "event_kinds": _choices(CareerEventKind.choices),
        "training_event_kind": CareerEventKind.TRAINING.value,
        "programmes": _choices(TrainingProgramme.choices),
        "organization_kinds": _choices(OrganizationKind.choices),
        "organization_forms": _choices(OrganizationForm.choices),
        "organization_groups": _choices(OrganizationCategory.choices),
        "unit_kinds": [{"code": code, "name": kinds[code]} for code in UNIT_KINDS],
        "table_population_objects": table_population_objects(),
    }
