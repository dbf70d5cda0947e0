"""What each indicator counts, written once as query expressions.

No query runs here. The aggregates (reports/fetch.py, figures) and the
drill-down lists (reports/fetch.py, persons counted) are both built from these
functions, so a figure and the list behind it cannot disagree.

Semantics (docs/domain.md):
- a person is in a population on D when they hold at least one of its titles
  on D (start ≤ D ≤ end, no end = still holding) at the scope organization or
  anywhere below it; they are one person however many titles they hold;
- a qualification counts on D when it was obtained on or before D; "level L
  or higher" is any record of that type whose level ranks at least L's;
- age is in completed years: a person is under N on D when their N-th
  birthday falls after D;
- a rating indicator counts the ratings of year Y of the persons in the
  population on 31 December of Y, summed over the window of years;
- a unit indicator counts the units of the population's unit kind that exist
  on D inside the scope, and among them those where a person of the
  population who satisfies the condition holds a population title at that
  unit or below it.

Wherever a function takes a `scope`, it is an organization (its subtree) or a list
of roots whose subtrees together make the scope (cadre.scoping.scope_roots: the
scope of an organization on a date before it was formed from its predecessors).

Wherever a function takes the date `on` or the rating `years`, a
reports.bindings.Param may stand in for the date or for each year: the
aggregates are compiled once per plan shape and run again for other dates
(reports/fetch.py). Whatever else the expressions read from an indicator is
listed by `definition_key`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import DateField, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.lookups import IsNull

from cadre.models import (
    Evaluation,
    Gender,
    Official,
    Organization,
    Population,
    PositionRecord,
    QualificationRecord,
)
from cadre.scoping import as_roots, scope_q, subtree_q
from planning.models import Indicator, IndicatorCondition, age_under
from reports.bindings import Param, is_param


def population_title_ids(population: Population) -> list[int]:
    """The ids of the population's titles (uses a prefetched `titles` when present)."""
    return sorted(title.pk for title in population.titles.all())


def year_end(year: int) -> dt.date:
    """The date a rating year's population is taken on."""
    return dt.date(year, 12, 31)


def latest_birth_date_of_age(age: int, on: dt.date) -> dt.date:
    """The latest birth date of someone who is at least `age` completed years old on `on`.

    Born on 29 February: the birthday counts on 1 March in other years, so
    for a date of 29 February in a non-leap target year the answer is 28 February.
    """
    year = on.year - age
    try:
        return on.replace(year=year)
    except ValueError:  # 29 February in a non-leap year
        return dt.date(year, 2, 28)


def born_after_cutoff(age: int, on: dt.date | Param) -> dt.date | Param:
    """The birth date after which a person is under `age` on the date (a date, or a Param for one)."""
    if is_param(on):
        return on.derive(f"latest_birth_date_of_age_{age}", lambda day: latest_birth_date_of_age(age, day))
    return latest_birth_date_of_age(age, on)


# --- populations -----------------------------------------------------------


def members(population: Population, scope: Organization, on: dt.date):
    """Officials in the population on the date (each once)."""
    return Official.objects.filter(member_q(population, scope, on))


def population_positions(population: Population, scope: Organization):
    """Positions of the population's titles inside the scope, held at any time."""
    return PositionRecord.objects.within(scope).filter(title_id__in=population_title_ids(population))


def held_positions(population: Population, scope: Organization, on: dt.date):
    """Positions of the population's titles held on the date inside the scope."""
    return PositionRecord.objects.held_on(on).within(scope).filter(title_id__in=population_title_ids(population))


def member_q(population: Population, scope: Organization, on: dt.date, official_ref: str = "pk") -> Q:
    """On a model that reaches an official through `official_ref`: that official is in the population on the date."""
    return Q(Exists(held_positions(population, scope, on).filter(official_id=OuterRef(official_ref))))


# --- person conditions -----------------------------------------------------


def person_condition_q(indicator: Indicator, params: dict, on: dt.date, via: str = "",
                       per_person: bool = False) -> Q:
    """The indicator's condition on a person on the date, as a Q on Official (or on a model that
    reaches it through the foreign key `via`). Q() means "every person".

    `per_person`: a qualification condition is looked up for each person (the first matching record,
    through the index on the person), never by hashing every record of the type. A grouped statement
    needs it (reports/fetch.py, fetch_column_by_unit): PostgreSQL runs an EXISTS inside an aggregate's
    FILTER either way and picks by the number of groups it expects; it expects as many groups as rows
    there, so it hashed every record of the type in the database, whatever the scope
    (docs/performance.md, "Query shapes that scale with the scope"). The same persons count.
    """
    prefix = f"{via}__" if via else ""
    official_ref = via or "pk"
    condition = indicator.condition
    if condition == IndicatorCondition.ALL:
        return Q()
    if condition == IndicatorCondition.FEMALE:
        return Q(**{f"{prefix}gender": Gender.FEMALE})
    if condition == IndicatorCondition.AGE_UNDER:
        cutoff = born_after_cutoff(age_under(indicator.parameters(params)), on)
        return Q(**{f"{prefix}birth_date__gt": cutoff})
    if condition == IndicatorCondition.MINORITY:
        return Q(**{f"{prefix}ethnic_group__is_minority": True})
    if condition == IndicatorCondition.PARTY_MEMBER:
        return Q(**{f"{prefix}party_joined_on__lte": on})
    if condition in (IndicatorCondition.QUALIFICATION_AT_LEAST, IndicatorCondition.HAS_QUALIFICATION):
        records = qualifications_counted(indicator, on).filter(official_id=OuterRef(official_ref))
        if per_person:
            # A scalar subquery with LIMIT is never turned into a hashed subplan.
            return Q(IsNull(Subquery(records.order_by().values("pk")[:1]), False))
        return Q(Exists(records))
    raise ValueError(f"Điều kiện {condition} không áp dụng cho người.")


def qualifications_counted(indicator: Indicator, on: dt.date):
    """Qualification records that satisfy the indicator on the date (obtained on or before it)."""
    records = QualificationRecord.objects.filter(
        qualification_type_id=indicator.qualification_type_id, obtained_on__lte=on
    )
    if indicator.condition == IndicatorCondition.QUALIFICATION_AT_LEAST:
        records = records.filter(level_id__in=counted_level_ids(indicator))
    return records


def counted_level_ids(indicator: Indicator) -> list[int]:
    """The levels a "level L or higher" indicator counts, as ids.

    Literal ids from the plan's prefetched catalog, so that each lookup is a
    single index scan (no join with the level table per person).
    """
    levels = indicator.qualification_type.levels.all()
    return sorted(level.pk for level in levels if level.rank >= indicator.min_level.rank)


def definition_key(indicator: Indicator, params: dict) -> tuple:
    """Everything the expressions of this module read from an indicator and a plan row's parameters.

    reports/fetch.py reuses a compiled statement for rows with equal keys, so
    whatever a condition function above reads (a field, a catalog lookup, a
    parameter) must appear here. The date and the rating years are not part
    of it: they are Params.
    """
    levels = (
        tuple(counted_level_ids(indicator))
        if indicator.condition == IndicatorCondition.QUALIFICATION_AT_LEAST else None
    )
    return (
        indicator.kind,
        indicator.condition,
        indicator.qualification_type_id,
        indicator.min_level_id,
        levels,
        tuple(indicator.rating_codes()),
        tuple(sorted((name, repr(value)) for name, value in indicator.parameters(params).items())),
    )


# --- rating indicators -----------------------------------------------------


def window_ratings(population: Population, scope: Organization, years: Iterable[int]):
    """Ratings of the window's years given to persons in the population on 31 December of that year."""
    return Evaluation.objects.filter(rated_member_q(population, scope, years))


def rated_member_q(population: Population, scope: Organization, years: Iterable[int]) -> Q:
    """On Evaluation: a rating of a window year, of a person in the population on 31 December of that year."""
    return rated_holder_q(population_title_ids(population), scope, years)


def rated_holder_q(title_ids: Iterable[int], scope: Organization, years: Iterable[int]) -> Q:
    """On Evaluation: a rating of a window year, of a person who held one of the titles in the scope on
    31 December of that year (rated_member_q for a population's titles, or for several populations').

    One EXISTS correlated on the rating's official and year, whatever the number
    of years, so that the database can run it as a single semi-join.
    """
    ever_held = PositionRecord.objects.within(scope).filter(title_id__in=sorted(set(title_ids)))
    positions = ever_held.filter(held_at_year_end_q(OuterRef("year")), official_id=OuterRef("official"))
    years = list(years)
    if not any(is_param(year) for year in years):
        years = sorted(set(years))
    # The IN is implied by the EXISTS; it is there for the planner, which can start from the few
    # persons who ever held the titles in scope and look their ratings up by (official, year).
    return Q(year__in=years, official_id__in=ever_held.values("official_id")) & Q(Exists(positions))


def window_ratings_by_year(population: Population, scopes: Iterable[tuple]):
    """window_ratings when each window year has its own scope: `scopes` is (year, scope) pairs, the scope
    being the one on 31 December of that year (a rating window that straddles a restructuring)."""
    title_ids = population_title_ids(population)
    conditions = [rated_holder_q(title_ids, scope, [year]) for year, scope in scopes]
    condition = conditions[0] if conditions else Q(pk__in=[])
    for other in conditions[1:]:
        condition |= other
    return Evaluation.objects.filter(condition)


def year_end_date(year: int | Param) -> dt.date | Param:
    """31 December of the year (a date, or a Param for one)."""
    if is_param(year):
        return year.derive("year_end", year_end, DateField())
    return year_end(year)


def population_count_at_year_end(population: Population, scope: Organization, year: int | Param) -> Subquery:
    """A scalar subquery: how many persons are in the population on 31 December of the year (the
    persons whose ratings of that year a rating indicator counts). Coverage of a rating figure."""
    counted = (
        members(population, scope, year_end_date(year))
        .order_by()
        .annotate(persons=Func(F("pk"), function="COUNT", output_field=IntegerField()))
        .values("persons")
    )
    return Subquery(counted, output_field=IntegerField())


def holders_at_year_end_q(title_ids: Iterable[int], scope: Organization, year: int, via: str = "") -> Q:
    """On Official (or on a model that reaches it through `via`): the person held one of the titles in
    the scope on 31 December of the year."""
    positions = PositionRecord.objects.within(scope).held_on(year_end(year)).filter(
        title_id__in=sorted(set(title_ids)), official_id=OuterRef(via or "pk"),
    )
    return Q(Exists(positions))


def held_at_year_end_q(year, via: str = "") -> Q:
    """On PositionRecord (or through `via`): the position was held on 31 December of `year` (an expression)."""
    prefix = f"{via}__" if via else ""
    return Q(**{f"{prefix}start_date__year__lte": year}) & (
        Q(**{f"{prefix}end_date__isnull": True})
        | Q(**{f"{prefix}end_date__year__gt": year})
        | Q(**{f"{prefix}end_date__year": year, f"{prefix}end_date__month": 12, f"{prefix}end_date__day": 31})
    )


def window_ratings_with_year_end_position(population: Population, scope: Organization, years: Iterable[int]):
    """window_ratings joined to the positions that put each rating in the window: one row per
    (rating, population title held in scope on 31 December of its year), the position reached
    through `official__positions` (for grouping by where it was held; count ratings DISTINCT)."""
    via = "official__positions"
    return Evaluation.objects.filter(
        held_at_year_end_q(F("year"), via),
        scope_q(as_roots(scope), f"{via}__organization"),
        year__in=sorted(set(years)),
        **{f"{via}__title_id__in": population_title_ids(population)},
    )


def rating_condition_q(indicator: Indicator) -> Q:
    """On Evaluation: the rating is one the indicator counts."""
    if indicator.condition != IndicatorCondition.RATING_IN:
        raise ValueError(f"Chỉ tiêu {indicator.code} không phải chỉ tiêu đánh giá.")
    return Q(rating__in=indicator.rating_codes())


# --- unit indicators -------------------------------------------------------


def units(population: Population, scope: Organization, on: dt.date):
    """Units of the population's kind inside the scope that exist on the date."""
    return Organization.objects.within(scope).existing_on(on).filter(kind=population.unit_kind)


def unit_positions_counted(indicator: Indicator, params: dict, population: Population, scope: Organization,
                           on: dt.date):
    """Population positions held on the date in the scope by a person who satisfies the condition."""
    return held_positions(population, scope, on).filter(
        person_condition_q(indicator, params, on, via="official")
    )


def unit_condition_q(indicator: Indicator, params: dict, population: Population, scope: Organization,
                     on: dt.date) -> Q:
    """On Organization: a person of the population who satisfies the condition holds a title at this unit or below."""
    positions = unit_positions_counted(indicator, params, population, scope, on).filter(
        subtree_q(OuterRef("path"), "organization")
    )
    return Q(Exists(positions))


def counted_unit_ids_q(indicator: Indicator, params: dict, population: Population, scope: Organization,
                       on: dt.date) -> Q:
    """On Organization: the unit is one `unit_condition_q` counts.

    The same condition as an uncorrelated IN: the database finds the counted
    units once (a semi-join of units and positions) instead of searching the
    positions again for every unit.
    """
    counted = units(population, scope, on).filter(unit_condition_q(indicator, params, population, scope, on))
    return Q(pk__in=counted.values("pk"))
