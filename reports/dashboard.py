"""The dashboard (Tổng quan): the current plan's figures against its targets, and the composition of a population.

A report page: it computes through reports.services like the report page and
links to it for the tables, the drill-down and the downloads.
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadre.forms import today
from cadre.models import Organization, OrganizationKind, Population
from cadre.selectors.access import organization_for, scope_of
from cadre.vietnamese import format_date_input, parse_date, two_places
from planning.models import Plan
from planning.selectors import plans_for_organization
from reports.choices import last_day_of
from reports.composition import composition
from reports.parameters import ReportParameterErrors, check_request, format_years, plan_target_years
from reports.services import report_build

# The units whose figures the dashboard shows: those that issue reports, before and after 1/7/2025.
DASHBOARD_KINDS = [OrganizationKind.PROVINCE, OrganizationKind.DISTRICT, OrganizationKind.COMMUNE]


def _organization(request) -> Organization | None:
    """The chosen organization inside the user's subtree, else the user's own (404 outside)."""
    if request.GET.get("to_chuc"):
        return organization_for(request.user, request.GET["to_chuc"])
    scope = scope_of(request.user)
    if scope is not None:
        return scope
    return Organization.objects.visible_to(request.user).filter(parent__isnull=True).order_by("path").first()


def _date(text: str | None, default: dt.date) -> tuple[dt.date, str]:
    if not text:
        return default, ""
    try:
        return parse_date(text), ""
    except ValueError as error:
        return default, str(error)


def _target_year(requested: str | None, years: list[int], on: dt.date) -> int | None:
    chosen = next((year for year in years if str(year) == (requested or "").strip()), None)
    if chosen is not None:
        return chosen
    upcoming = [year for year in years if year >= on.year]
    return upcoming[0] if upcoming else (years[-1] if years else None)


@login_required
@require_safe
def dashboard(request):
    organization = _organization(request)
    on, date_error = _date(request.GET.get("ngay"), last_day_of(organization))
    errors = [date_error] if date_error else []
    plans = list(plans_for_organization(organization, user=request.user)) if organization else []
    plan = next((p for p in plans if str(p.pk) == request.GET.get("ke_hoach")), plans[0] if plans else None)
    report, target_years, target_year, rating_year_choice = None, [], None, None
    if plan is not None:
        plan = Plan.objects.for_report().get(pk=plan.pk)
        target_years = plan_target_years(plan)
        target_year = _target_year(request.GET.get("nam_muc_tieu"), target_years, on)
        baseline = dt.date(plan.issued_on.year - 1, 12, 31)
        # The default rating year: the latest enough of the population was rated in (check_request).
        try:
            report_request = check_request(
                organization=organization, plan=plan, as_of=on, rating_years=None,
                baseline=min(baseline, on), baseline_rating_years=None, target_year=target_year, today=today(),
            )
            report = report_build(**report_request.as_service_arguments())
            rating_year_choice = report_request.rating_year_choice
        except ReportParameterErrors as problem:
            errors.extend(message for _, message in problem.errors)
    populations = list(Population.objects.all())
    population = next(
        (p for p in populations if p.code == request.GET.get("doi_tuong")),
        _default_population(plan, populations),
    )
    report_link = _report_query(report) if report else ""
    mix = composition(user=request.user, population=population, on=on, organization=organization) if population else None
    return render(
        request,
        "dashboard.html",
        {
            "organization": organization,
            "organizations": Organization.objects.visible_to(request.user)
            .filter(kind__in=DASHBOARD_KINDS)
            .order_by("path"),
            "plans": plans,
            "plan": plan,
            "report": report,
            "rating_year_choice": rating_year_choice,
            "target_years": target_years,
            "target_year": target_year,
            "on": on,
            "errors": errors,
            "populations": populations,
            "population": population,
            "composition": mix,
            "chart_data": _chart_data(report, mix),
            "report_query": report_link,
        },
    )


def _report_query(report) -> str:
    """The same report on the report page (Biểu tables, drill-down, downloads)."""
    return urlencode({
        "org": report.organization,
        "plan": report.plan,
        "as_of": format_date_input(report.as_of),
        "rating_years": format_years(report.rating_years),
        "baseline": format_date_input(report.baseline_as_of),
        "baseline_rating_years": format_years(report.baseline_rating_years),
        "target_year": report.target_year or "",
    })


def _default_population(plan, populations):
    if plan is not None:
        for table in plan.tables.all():
            if table.population_id is not None:  # a table over a population object has no catalog population
                return table.population
    return populations[0] if populations else None


def _number(value) -> float | None:
    rounded = two_places(value)
    return None if rounded is None else float(rounded)


def _chart_data(report, mix) -> dict:
    """Plain numbers for Chart.js (rounded like the tables), passed through json_script."""
    tables = []
    for table in report.tables if report else ():
        rows = [row for row in table.rows if not row.is_total]
        tables.append({
            "key": table.key,
            "labels": [row.label for row in rows],
            "current": [_number(row.current.percent) for row in rows],
            "baseline": [_number(row.baseline.percent) for row in rows],
            "target": [_number(row.target.value if row.target.value is not None else row.target.min)
                       if row.target else None for row in rows],
            "target_max": [_number(row.target.max) if row.target and row.target.is_range else None for row in rows],
            "status": [row.status for row in rows],
        })
    composition_data = {}
    if mix:
        composition_data = {
            "age": {"labels": [label for label, _ in mix.age_bands], "values": [n for _, n in mix.age_bands]},
            "gender": {"labels": [label for label, _ in mix.genders], "values": [n for _, n in mix.genders]},
            "ethnic": {"labels": [label for label, _ in mix.ethnic_groups], "values": [n for _, n in mix.ethnic_groups]},
            "professional": {
                "labels": [label for label, _ in mix.professional_levels],
                "values": [n for _, n in mix.professional_levels],
            },
        }
    return {"tables": tables, "composition": composition_data}
