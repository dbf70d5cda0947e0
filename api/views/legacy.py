"""The first API's list paths, kept for the scripts that use them: /api/ke-hoach/ and /api/to-chuc/.

They answer as they always did (a plain list, no pages); /api/v1/plans/ and
/api/v1/organizations/ are their documented equivalents. /api/bao-cao/ and
/api/so-sanh/ are served by the v1 views themselves (api/views/reports.py).
"""
from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import bad_request
from cadre.models import Organization, OrganizationKind
from planning.models import Plan, PlanTable, Target


@extend_schema(exclude=True)
class PlanListView(APIView):
    """The plans the user may use (their organization's lineage) with their tables and target years (3 queries)."""

    pagination_class = None

    def get(self, request):
        plans = Plan.objects.visible_to(request.user).select_related("organization").order_by("-issued_on", "code").prefetch_related(
            Prefetch("tables", PlanTable.objects.select_related("population").order_by("order")),
        )
        years: dict[int, set[int]] = {}
        for plan_id, year in Target.objects.filter(row__table__plan__in=plans).values_list("row__table__plan_id", "year").distinct():
            years.setdefault(plan_id, set()).add(year)
        return Response([
            {
                "code": plan.code,
                "title": plan.title,
                "organization": plan.organization.code,
                "issued_on": plan.issued_on.isoformat(),
                "target_years": sorted(years.get(plan.pk, ())),
                "tables": [
                    {"number": table.number, "title": table.title, "population": table.population_value}
                    for table in plan.tables.all()
                ],
            }
            for plan in plans
        ])


@extend_schema(exclude=True)
class OrganizationListView(APIView):
    """The organizations the user may ask reports for, in tree order; `?kind=` narrows to one kind."""

    def get(self, request):
        organizations = Organization.objects.visible_to(request.user).order_by("path")
        kind = request.query_params.get("kind")
        if kind:
            if kind not in OrganizationKind.values:
                return bad_request({"kind": [f"Loại tổ chức “{kind}” không có; chỉ có {', '.join(OrganizationKind.values)}."]})
            organizations = organizations.filter(kind=kind)
        return Response([
            {
                "code": code, "name": name, "kind": kind_value, "parent": parent,
                "founded_on": founded_on.isoformat() if founded_on else None,
                "ceased_on": ceased_on.isoformat() if ceased_on else None,
            }
            for code, name, kind_value, parent, founded_on, ceased_on in organizations.values_list(
                "code", "name", "kind", "parent__code", "founded_on", "ceased_on"
            )
        ])
