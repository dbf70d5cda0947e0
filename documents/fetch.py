"""The fetch: the only code in documents/ that queries for figures.

`document_facts` gathers, before any layout, every number the text and the
Biểu tables show: the report of the plan (reports.services.report_build, the
indicator engine), the organization tree and party statistics, the
composition of each population, career events, planning and commune
leadership. The number of queries depends on the plan's shape, not on how
many officials or organizations there are.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from django.db.models import Count, Q

from cadre.models import (
    CareerEvent,
    Gender,
    Organization,
    OrganizationForm,
    OrganizationKind,
    PartyStatistics,
    PlanningEntry,
    Population,
    PositionRecord,
)
from cadre.committees import hamlet_words, unit_word
from cadre.scoping import as_roots, path_is_within, scope_roots_on
from documents.facts import (
    PARTY_BUILDING,
    CareerEvents,
    CommuneLeadership,
    DocumentFacts,
    DocumentSpec,
    EventTally,
    GroupComposition,
    OrganizationCounts,
    PartyMembers,
    PartyMovement,
    PlanningGroup,
)
from documents.sentences import DIRECTED_EVENTS, EVENT_WORDS, scope_word
from planning.models import Indicator, Plan
from reports import indicators
from reports.parameters import plan_target_years
from reports.services import report_build, report_for_target_year
from reports.structure import Report

COMMITTEE_POPULATIONS = ("BCH_HUYEN", "BTV_HUYEN")
COMPOSITION_INDICATORS = {"female": "NU", "minority": "DTTS", "young": "TRE"}
DEFAULT_YOUNG_AGE = 35
LEADER_TITLES = ("BT_DU", "CT_HDND_XA", "CT_UBND_XA")


def document_facts(spec: DocumentSpec, scope: Organization, plan: Plan | None) -> DocumentFacts:
    """Every figure of the document. `plan` comes from Plan.objects.for_report() (or is None)."""
    report = None
    if plan is not None and spec.baseline_as_of is not None:
        report = report_build(
            organization=scope, plan=plan, as_of=spec.as_of, rating_years=spec.rating_years,
            baseline=spec.baseline_as_of, baseline_rating_years=spec.baseline_rating_years,
            target_year=spec.target_year,
        )
    return facts_with_report(spec, scope, plan, report)


def facts_with_report(spec: DocumentSpec, scope: Organization, plan: Plan | None,
                      report: Report | None) -> DocumentFacts:
    """The figures besides the report, for a report already built (the command line builds its own).

    Each figure as of a date is over the scope of the organization on that date (cadre.scoping.scope_roots:
    its predecessors' before it was formed): the organizations, compositions, leadership and planning on
    the as-of date; each year's party statistics on 31 December of the year (the as-of date for its own
    year); career events over the scopes at both ends of the period."""
    events_from = period_start(spec)
    years = range(events_from.year, spec.as_of.year)
    roots_on = scope_roots_on(scope, [spec.as_of, events_from, *(indicators.year_end(year) for year in years)])
    roots = roots_on[spec.as_of]
    roots_by_year = {year: roots_on[indicators.year_end(year)] for year in years}
    roots_by_year[spec.as_of.year] = roots
    period_roots = _union(roots_on[events_from], roots)
    organizations = existing_organizations(roots, spec.as_of)
    statistics = party_statistics(_union(*roots_by_year.values()), spec.as_of.year, roots_by_year)
    populations = plan_populations(plan)
    if spec.kind == PARTY_BUILDING:
        # The district's Ban Chấp hành and Ban Thường vụ: told only in a report of that level (a commune's or
        # the province's report must not speak of "Ban Thường vụ Huyện ủy").
        committee_populations = list(Population.objects.filter(code__in=COMMITTEE_POPULATIONS, unit_kind=scope.kind)
                                     .prefetch_related("titles").order_by("sort_order"))
        committees = compositions(roots, spec.as_of, committee_populations, plan)
    else:
        committees = ()
    return DocumentFacts(
        scope_kind=scope.kind,
        scope_word=unit_word(scope.kind, scope.name) or scope_word(scope.kind),
        organizations=organization_counts(organizations),
        members=members_of_year(statistics, spec.as_of.year),
        movement=movement_over(statistics, events_from.year, spec.as_of.year),
        compositions=compositions(roots, spec.as_of, populations, plan),
        committees=committees,
        events=career_events(period_roots, events_from, spec.as_of),
        leadership=commune_leadership(roots, spec.as_of, organizations),
        report=report,
        planning=planning_groups(roots, spec.as_of),
        later_reports=later_reports(report, plan),
    )


def later_reports(report: Report | None, plan: Plan | None) -> tuple[Report, ...]:
    """The report against each target year of the plan after its own (no query: the plan is prefetched)."""
    if report is None or plan is None or report.target_year is None:
        return ()
    return tuple(report_for_target_year(report, plan, year)
                 for year in plan_target_years(plan) if year > report.target_year)


def _union(*scopes: list[Organization]) -> list[Organization]:
    """The roots of several scopes together, each once, in tree order."""
    roots = {root.pk: root for scope in scopes for root in scope}
    return sorted(roots.values(), key=lambda root: root.path)


def period_start(spec: DocumentSpec) -> dt.date:
    """Where career events and party admissions start being counted: the date the staff chose, else the day
    after the baseline, else the first year of the term ("2020 - 2025"), else 1 January of the as-of year."""
    if spec.events_from:
        return spec.events_from
    if spec.baseline_as_of:
        return spec.baseline_as_of + dt.timedelta(days=1)
    term_years = re.findall(r"\d{4}", spec.term)
    if term_years and int(term_years[0]) <= spec.as_of.year:
        return dt.date(int(term_years[0]), 1, 1)
    return dt.date(spec.as_of.year, 1, 1)


# --- organizations ------------------------------------------------------------------


def existing_organizations(scope: Organization | list[Organization], on: dt.date) -> list[dict]:
    """The organizations below the scope (an organization or roots) that exist on the date (one query)."""
    return list(
        Organization.objects.within(scope).existing_on(on).exclude(pk__in=[root.pk for root in as_roots(scope)])
        .values("pk", "parent_id", "kind", "form", "name", "path")
    )


def organization_counts(rows: list[dict]) -> OrganizationCounts:
    grassroots_kinds = (OrganizationKind.COMMUNE, OrganizationKind.AGENCY)
    grassroots_forms = (OrganizationForm.PARTY_COMMITTEE, OrganizationForm.GRASSROOTS_CELL)
    grassroots = [r for r in rows if r["kind"] in grassroots_kinds and r["form"] in grassroots_forms]
    commune_committees = {r["pk"] for r in grassroots
                          if r["kind"] == OrganizationKind.COMMUNE and r["form"] == OrganizationForm.PARTY_COMMITTEE}
    agency_committees = {r["pk"] for r in grassroots
                         if r["kind"] == OrganizationKind.AGENCY and r["form"] == OrganizationForm.PARTY_COMMITTEE}
    cells = [r for r in rows if r["kind"] == OrganizationKind.CELL
             and r["parent_id"] in commune_committees | agency_committees]
    in_communes = [r for r in cells if r["parent_id"] in commune_committees]
    in_agencies = [r for r in cells if r["parent_id"] in agency_committees]
    commune_units = Counter(unit_word(r["kind"], r["name"]) for r in rows if r["kind"] == OrganizationKind.COMMUNE)
    return OrganizationCounts(
        grassroots=len(grassroots),
        agency_committees=len(agency_committees),
        commune_committees=len(commune_committees),
        grassroots_cells=sum(1 for r in grassroots if r["form"] == OrganizationForm.GRASSROOTS_CELL),
        cells=len(cells),
        hamlet_cells_in_communes=sum(1 for r in in_communes if r["form"] == OrganizationForm.HAMLET_CELL),
        other_cells_in_communes=sum(1 for r in in_communes if r["form"] != OrganizationForm.HAMLET_CELL),
        communes_with_cells=len({r["parent_id"] for r in in_communes}),
        cells_in_agencies=len(in_agencies),
        agencies_with_cells=len({r["parent_id"] for r in in_agencies}),
        communes=commune_units["xã"],
        townships=commune_units["thị trấn"],
        wards=commune_units["phường"],
        hamlet_words=hamlet_words(r["name"] for r in in_communes if r["form"] == OrganizationForm.HAMLET_CELL),
    )


# --- party statistics ------------------------------------------------------------------


def party_statistics(scope: Organization | list[Organization], up_to_year: int,
                     roots_by_year: dict[int, list[Organization]] | None = None) -> dict[int, list[dict]]:
    """Rows of each year up to `up_to_year`, keeping per year only the topmost organizations that
    have a row, so that a district total and its communes' rows are never added together.
    With `roots_by_year`, a year listed there keeps only the rows inside its own roots (the scope
    on 31 December of that year: a merged commune's earlier years are its predecessors')."""
    rows = (PartyStatistics.objects.within(scope).filter(year__lte=up_to_year)
            .values("year", "members", "probationary", "female", "admitted", "removed", "organization__path"))
    by_year: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        year_roots = (roots_by_year or {}).get(row["year"])
        if year_roots is not None and not any(path_is_within(row["organization__path"], root) for root in year_roots):
            continue
        by_year[row["year"]].append(row)
    topmost = {}
    for year, year_rows in by_year.items():
        paths = [row["organization__path"] for row in year_rows]
        topmost[year] = [
            row for row in year_rows
            if not any(other != row["organization__path"] and row["organization__path"].startswith(other)
                       for other in paths)
        ]
    return topmost


def members_of_year(statistics: dict[int, list[dict]], year: int) -> PartyMembers | None:
    """Members in the latest year up to `year` that has statistics."""
    years = [y for y in statistics if y <= year]
    if not years:
        return None
    latest = max(years)
    rows = statistics[latest]
    return PartyMembers(
        year=latest,
        members=sum(row["members"] for row in rows),
        probationary=sum(row["probationary"] for row in rows),
        female=sum(row["female"] for row in rows),
    )


def movement_over(statistics: dict[int, list[dict]], first_year: int, last_year: int) -> PartyMovement | None:
    years = sorted(y for y in statistics if first_year <= y <= last_year)
    if not years:
        return None
    rows = [row for y in years for row in statistics[y]]
    return PartyMovement(
        first_year=years[0], last_year=years[-1],
        admitted=sum(row["admitted"] for row in rows), removed=sum(row["removed"] for row in rows),
    )


# --- people -----------------------------------------------------------------------------


def plan_populations(plan: Plan | None) -> list[Population]:
    """The catalog populations of the plan's tables, each once, in table order (from the prefetched plan);
    a table over a population object (data-contract section 2) has none."""
    if plan is None:
        return []
    seen, result = set(), []
    for table in plan.tables.all():
        if table.population_id is not None and table.population_id not in seen:
            seen.add(table.population_id)
            result.append(table.population)
    return result


def young_age(plan: Plan | None, population: Population) -> int:
    """The age limit of the plan's "trẻ" row for this population, or 35."""
    if plan is not None:
        for table in plan.tables.all():
            if table.population_id != population.pk:
                continue
            for row in table.rows.all():
                if (row.indicator is not None and row.indicator.code == COMPOSITION_INDICATORS["young"]
                        and "age_under" in (row.params or {})):
                    return row.params["age_under"]
    return DEFAULT_YOUNG_AGE


def compositions(scope: Organization, on: dt.date, populations: list[Population],
                 plan: Plan | None) -> tuple[GroupComposition, ...]:
    """Total, women, minorities and young people of each population on the date: one aggregate per
    population, with the conditions of the indicator engine (so the figures match the Biểu rows)."""
    if not populations:
        return ()
    definitions = {indicator.code: indicator for indicator in
                   Indicator.objects.with_definitions().filter(code__in=COMPOSITION_INDICATORS.values())}
    result = []
    for population in populations:
        age = young_age(plan, population)
        aggregates = {"total": Count("pk")}
        for field, code in COMPOSITION_INDICATORS.items():
            indicator = definitions.get(code)
            if indicator is not None:
                params = {"age_under": age} if field == "young" else {}
                aggregates[field] = Count("pk", filter=indicators.person_condition_q(indicator, params, on))
        counts = indicators.members(population, scope, on).aggregate(**aggregates)
        result.append(GroupComposition(
            code=population.code, name=population.name, total=counts["total"],
            female=counts.get("female"), minority=counts.get("minority"), young=counts.get("young"),
            young_age=age,
        ))
    return tuple(result)


# --- career events and commune leadership ------------------------------------------------------


def level_of(kind: str | None) -> str:
    if kind == OrganizationKind.PROVINCE:
        return "tinh"
    if kind in (OrganizationKind.DISTRICT, OrganizationKind.AGENCY):
        return "huyen"
    if kind == OrganizationKind.COMMUNE:
        return "xa"
    return ""


def direction(from_level: str, to_level: str) -> str:
    if from_level == "tinh" and to_level in ("huyen", "xa"):
        return "tinh_xuong"
    if to_level == "tinh" and from_level in ("huyen", "xa"):
        return "len_tinh"
    key = f"{from_level}_{to_level}"
    return key if key in ("huyen_xa", "xa_xa", "xa_huyen", "huyen_huyen") else "khac"


def organization_levels(organizations: list[tuple[str | None, str | None]]) -> dict[tuple, str]:
    """The level ("tinh", "huyen", "xa") of each (kind, path); a cell (chi bộ) counts at the level of the
    organization above it, read in one query."""
    parent_ids = set()
    for kind, path in organizations:
        if kind == OrganizationKind.CELL and path:
            parts = [part for part in path.split("/") if part]
            if len(parts) > 1:
                parent_ids.add(int(parts[-2]))
    parent_kinds = dict(Organization.objects.filter(pk__in=parent_ids).values_list("pk", "kind")) if parent_ids else {}
    levels = {}
    for kind, path in organizations:
        if kind == OrganizationKind.CELL and path:
            parts = [part for part in path.split("/") if part]
            levels[(kind, path)] = level_of(parent_kinds.get(int(parts[-2])) if len(parts) > 1 else None)
        else:
            levels[(kind, path)] = level_of(kind)
    return levels


def career_events(scope: Organization, start: dt.date, end: dt.date) -> CareerEvents | None:
    """Career events of officials in the scope between the dates, by kind and, for rotations and
    transfers, by direction (two queries: the events, then the kinds of the cells' parents).

    None when the scope has no career-event record at all: nobody entered them, so the document must not
    state that there were none (a third query, only when the period has no event)."""
    kinds = [kind for kind, _ in EVENT_WORDS]
    rows = list(
        CareerEvent.objects.within(scope).filter(kind__in=kinds, date__gte=start, date__lte=end)
        .values("kind", "from_organization__kind", "from_organization__path",
                "to_organization__kind", "to_organization__path")
    )
    if not rows and not CareerEvent.objects.within(scope).exists():
        return None
    levels = organization_levels(
        [(row[f"{side}_organization__kind"], row[f"{side}_organization__path"])
         for row in rows for side in ("from", "to")]
    )

    def side_level(row, side):
        return levels.get((row[f"{side}_organization__kind"], row[f"{side}_organization__path"]), "")

    totals = Counter(row["kind"] for row in rows)
    directions: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row["kind"] in DIRECTED_EVENTS:
            directions[row["kind"]][direction(side_level(row, "from"), side_level(row, "to"))] += 1
    tallies = tuple(
        EventTally(kind, totals[kind], tuple(directions[kind].items()))
        for kind in kinds if totals[kind]
    )
    return CareerEvents(start=start, end=end, tallies=tallies)


# The secretary of each level's committee: who signs its reports by default.
SECRETARY_TITLES = {OrganizationKind.PROVINCE: "BT_TU", OrganizationKind.DISTRICT: "BT_HU",
                    OrganizationKind.COMMUNE: "BT_DU", OrganizationKind.AGENCY: "BT_DU"}
SECRETARY = "BÍ THƯ"


def secretary_of(organization: Organization, on: dt.date) -> tuple[str, str]:
    """("BÍ THƯ", "Lò Văn Tả"): the committee's secretary on the date, the default signer (one query);
    ("", "") when nobody holds the post, so that nobody is named who did not sign."""
    code = SECRETARY_TITLES.get(organization.kind)
    if code is None:
        return "", ""
    name = (PositionRecord.objects.held_on(on).filter(organization=organization, title__code=code)
            .order_by("start_date", "pk").values_list("official__full_name", flat=True).first())
    return (SECRETARY, name) if name else ("", "")


def commune_leadership(scope: Organization, on: dt.date, organizations: list[dict]) -> CommuneLeadership:
    """Secretaries who also chair the council or the committee, and secretaries from elsewhere (one query)."""
    communes = {row["pk"] for row in organizations if row["kind"] == OrganizationKind.COMMUNE}
    holders: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    hometowns: dict[int, int | None] = {}
    if communes:
        positions = (
            PositionRecord.objects.held_on(on).within(scope)
            .filter(title__code__in=LEADER_TITLES, organization_id__in=communes)
            .values_list("organization_id", "title__code", "official_id", "official__hometown_organization_id")
        )
        for organization_id, title, official_id, hometown in positions:
            holders[organization_id][title].add(official_id)
            hometowns[official_id] = hometown
    council = committee = secretaries = not_local = 0
    for commune in communes:
        titles = holders.get(commune, {})
        secretary = titles.get("BT_DU", set())
        if secretary:
            secretaries += 1
            if any(hometowns.get(official) not in (None, commune) for official in secretary):
                not_local += 1
        council += bool(secretary & titles.get("CT_HDND_XA", set()))
        committee += bool(secretary & titles.get("CT_UBND_XA", set()))
    return CommuneLeadership(
        communes=len(communes), secretary_chairs_council=council, secretary_chairs_committee=committee,
        secretaries=secretaries, secretaries_not_local=not_local,
    )


def planning_groups(scope: Organization, on: dt.date, young_age: int = DEFAULT_YOUNG_AGE) -> tuple[PlanningGroup, ...]:
    """People in planning on the date (approved by then, not yet removed), per term and level, each person
    once per term and level (two queries: the entries, then the kinds of the cells' parents)."""
    rows = list(
        PlanningEntry.objects.within(scope)
        .filter(Q(approved_on__isnull=True) | Q(approved_on__lte=on), Q(removed_on__isnull=True) | Q(removed_on__gt=on))
        .values("term", "organization__kind", "organization__path", "official_id", "official__gender",
                "official__birth_date")
    )
    levels = organization_levels([(row["organization__kind"], row["organization__path"]) for row in rows])
    young_after = indicators.latest_birth_date_of_age(young_age, on)
    people: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)
    for row in rows:
        level = levels[(row["organization__kind"], row["organization__path"])]
        if level in ("huyen", "xa"):
            people[(row["term"], level)][row["official_id"]] = row
    return tuple(
        PlanningGroup(
            term=term, level=level, total=len(persons),
            female=sum(1 for person in persons.values() if person["official__gender"] == Gender.FEMALE),
            young=sum(1 for person in persons.values() if person["official__birth_date"] > young_after),
            young_age=young_age,
        )
        for (term, level), persons in sorted(people.items())
    )
