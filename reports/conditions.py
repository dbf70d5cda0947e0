"""Conditions in plan rows, compiled to query expressions (docs/data-contract.md section 2).

No query runs here except the catalog lookups of `ReportCatalog` (a few, once per report). The
figures (reports/fetch.py, fetch_condition_column) and the lists behind them (reports/fetch.py,
counted_condition_persons / counted_condition_units) are both built from these functions, so a
figure and its list cannot disagree.

A row's population is a `PopulationShape`: the holders of some titles on the date inside the scope
(a population code, or {"positions": …, "at": …}), or the persons planned for some titles and terms
({"planned_for": …}). Its *posts* are the positions held (or the planning entries in force) on the
date inside the scope; a person is in the population when they have a post.

The *unit* of a post is the nearest organization of kind XA or CO_QUAN at or above the post's
organization; `unit_path()` computes its path in SQL from the organization's materialized path, so
that a condition at the same unit is evaluated for every post in the same statement (an EXISTS
correlated on the post), never one query per post. A condition that mentions `same_unit` is
evaluated on the posts (the person counts when one of their posts satisfies it); any other on
the person.

Wherever a function takes `roots`, it is the scope as a list of roots (cadre.scoping.scope_roots),
and `on` may be a reports.bindings.Param for the date. Whatever the expressions read from the
catalogs is in `condition_key` and `PopulationShape`, which reports/fetch.py uses as the
statement cache key.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, CharField, Exists, Expression, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Length
from django.db.models.lookups import IsNull, StartsWith

from cadre.models import (
    EthnicGroup,
    Gender,
    Official,
    Organization,
    Population,
    PositionRecord,
    PositionTitle,
    QualificationRecord,
    QualificationType,
)
from cadre.models.organizations import OrganizationKind
from cadre.models.records import CareerEvent, PlanningEntry
from planning.conditions import SAME_UNIT, UNIT_KINDS, describe_population, mentions_same_unit
from planning.models import Indicator, IndicatorKind, PlanRow, PlanTable
from reports import indicators

POSITIONS, PLANNED = "positions", "planned"


# --- the catalogs a condition names, resolved at report time ----------------------------------


class ReportCatalog:
    """Codes of conditions and populations resolved to ids; each part loaded on first use (one or two
    queries each), so a report of a plan without conditions loads nothing."""

    @cached_property
    def title_ids(self) -> dict[str, int]:
        return dict(PositionTitle.objects.values_list("code", "pk"))

    @cached_property
    def title_names(self) -> dict[str, str]:
        return dict(PositionTitle.objects.values_list("code", "name"))

    @cached_property
    def populations(self) -> dict[str, Population]:
        return {population.code: population for population in Population.objects.prefetch_related("titles")}

    @cached_property
    def qualification_types(self) -> dict[str, QualificationType]:
        return {each.code: each for each in QualificationType.objects.prefetch_related("levels")}

    @cached_property
    def ethnic_ids(self) -> dict[str, int]:
        return dict(EthnicGroup.objects.values_list("name", "pk"))

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {
            indicator.code: indicator
            for indicator in Indicator.objects.with_definitions().prefetch_related("qualification_type__levels")
        }

    def titles(self, codes: Sequence[str]) -> tuple[int, ...]:
        return tuple(sorted(self.title_ids[code] for code in codes if code in self.title_ids))

    def levels(self, type_code: str) -> list:
        qualification_type = self.qualification_types.get(type_code)
        return list(qualification_type.levels.all()) if qualification_type else []


# --- populations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PopulationShape:
    """What a row's population reads: its kind, title ids, organization selector, terms and unit kind.
    Equal shapes count the same persons; the tuple is part of the statement cache key."""

    kind: str  # POSITIONS or PLANNED
    title_ids: tuple[int, ...]
    at_kinds: tuple[str, ...] = ()
    at_forms: tuple[str, ...] = ()
    at_groups: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    unit_kind: str | None = None

    @property
    def key(self) -> tuple:
        return (self.kind, self.title_ids, self.at_kinds, self.at_forms, self.at_groups, self.terms, self.unit_kind)


def shape_of_population(population: Population) -> PopulationShape:
    """A catalog population (its prefetched titles) as a shape."""
    return PopulationShape(POSITIONS, tuple(indicators.population_title_ids(population)),
                           unit_kind=population.unit_kind or None)


def shape_of(spec, table: PlanTable, catalog: ReportCatalog) -> PopulationShape:
    """The shape of a canonical population of a plan row (planning/conditions.py), or the table's when None
    (a catalog code, or an object as a row's)."""
    if spec is None:
        spec = table.population_value
    if isinstance(spec, str):
        if table.population_id is not None and spec == table.population.code:
            return shape_of_population(table.population)  # its prefetched titles: no query
        return shape_of_population(catalog.populations[spec])
    if "planned_for" in spec:
        return PopulationShape(PLANNED, catalog.titles(spec["planned_for"]), terms=tuple(spec["terms"]),
                               unit_kind=spec.get("unit_kind"))
    at = spec.get("at", {})
    return PopulationShape(POSITIONS, catalog.titles(spec["positions"]), tuple(at.get("kind", ())),
                           tuple(at.get("form", ())), tuple(at.get("group", ())), unit_kind=spec.get("unit_kind"))


def table_shape(table: PlanTable, catalog: ReportCatalog) -> PopulationShape:
    """The shape of the table's own population (its code's, or its object's)."""
    return shape_of(None, table, catalog)


def table_population_name(table: PlanTable, catalog: ReportCatalog) -> str:
    """What a page says the table counts: the catalog population's name, or the object described in
    Vietnamese (planning.conditions.describe_population; the titles' names read once per report)."""
    if table.population_id is not None:
        return table.population.name
    return describe_population(table.population_object, catalog.title_names)


def unit_path(via: str = "organization") -> Case:
    """The path of the unit of the organization reached through `via`: the nearest XA or CO_QUAN at or
    above it (NULL when there is none). The organization and its parent are looked at through joins
    (the common cases); a deeper one through a subquery on the materialized path."""
    deeper = (
        Organization.objects.filter(StartsWith(OuterRef(f"{via}__path"), F("path")), kind__in=UNIT_KINDS)
        .order_by(Length("path").desc())
        .values("path")[:1]
    )
    return Case(
        When(**{f"{via}__kind__in": UNIT_KINDS}, then=F(f"{via}__path")),
        When(**{f"{via}__parent__kind__in": UNIT_KINDS}, then=F(f"{via}__parent__path")),
        default=Subquery(deeper),
        output_field=CharField(),
    )


def posts(shape: PopulationShape, roots: Sequence[Organization], on, with_unit: bool = False):
    """The population's posts on the date inside the scope: positions held (PositionRecord) or planning
    entries approved on or before the date and not taken out by it (PlanningEntry). `with_unit`: each
    with its unit's path as the alias `unit_path`."""
    if shape.kind == PLANNED:
        queryset = PlanningEntry.objects.within(list(roots)).filter(
            Q(removed_on__isnull=True) | Q(removed_on__gt=on),
            title_id__in=shape.title_ids, term__in=shape.terms, approved_on__lte=on,
        )
    else:
        queryset = PositionRecord.objects.held_on(on).within(list(roots)).filter(title_id__in=shape.title_ids)
    if with_unit or shape.at_groups:
        queryset = queryset.alias(unit_path=unit_path())
    if shape.at_kinds:
        queryset = queryset.filter(organization__kind__in=shape.at_kinds)
    if shape.at_forms:
        queryset = queryset.filter(organization__form__in=shape.at_forms)
    if shape.at_groups:
        # The group of a cell is its unit's.
        cell = OrganizationKind.CELL
        unit_in_group = Organization.objects.filter(path=OuterRef("unit_path"), category__in=shape.at_groups)
        queryset = queryset.filter(
            (~Q(organization__kind=cell) & Q(organization__category__in=shape.at_groups))
            | (Q(organization__kind=cell) & Q(Exists(unit_in_group)))
        )
    return queryset


def members(shape: PopulationShape, roots: Sequence[Organization], on):
    """Officials with a post of the population on the date (each once)."""
    return Official.objects.filter(Exists(posts(shape, roots, on).filter(official_id=OuterRef("pk"))))


def units(shape: PopulationShape, roots: Sequence[Organization], on):
    """Units of the population's unit kind inside the scope that exist on the date."""
    return Organization.objects.within(list(roots)).existing_on(on).filter(kind=shape.unit_kind)


# --- conditions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """The units of a comparison, counted in one grouped statement (reports/fetch.py,
    fetch_condition_column_by_unit): `unit_of(via)` is an expression giving the id of the unit whose
    scope on the date holds the organization reached through `via` (NULL when none does; the units'
    scopes do not overlap). The post being counted carries it as the alias `alias`, so that "in the
    report's scope" becomes "in the scope of the post's unit", as in that unit's own report."""

    unit_of: Callable[[str], Expression]
    alias: str = "unit"

    def annotate(self, queryset: QuerySet) -> QuerySet:
        """The posts (or units) with the alias of their unit."""
        return queryset.alias(**{self.alias: self.unit_of("organization")})


@dataclass(frozen=True)
class Context:
    """Where a condition is compiled: on Official (`via` "") or on a post (`via` "official", with the
    alias `unit_path`), for a date, a scope and the report's catalog; with a `grouping`, on a post that
    carries its comparison unit (the scope is then each unit's own)."""

    on: object
    roots: tuple
    catalog: ReportCatalog
    via: str = ""
    grouping: Grouping | None = None

    @property
    def prefix(self) -> str:
        return f"{self.via}__" if self.via else ""

    @property
    def official(self) -> OuterRef:
        return OuterRef(self.via or "pk")

    @property
    def per_person(self) -> bool:
        """A grouped statement looks each person's records up one by one (reports.indicators.
        person_condition_q, `per_person`), never by hashing every record in the database."""
        return self.grouping is not None


def _never(context: Context) -> Q:
    return Q(**{f"{context.prefix}pk__isnull": True})


def _exists(records: QuerySet, context: Context) -> Q:
    """There is such a record: an EXISTS; in a grouped statement a LIMIT 1 scalar subquery, which the
    database looks up for each person (through the index on the person) instead of hashing every record
    of the kind (docs/performance.md, "Query shapes that scale with the scope"). The same rows count."""
    if context.per_person:
        return Q(IsNull(Subquery(records.order_by().values("pk")[:1]), False))
    return Q(Exists(records))


def _any_of(conditions: list[Q], context: Context) -> Q:
    if not conditions:
        return _never(context)
    result = conditions[0]
    for condition in conditions[1:]:
        result |= condition
    return result


def _has_qualification(type_code: str, level_ids, context: Context) -> Q:
    """A record of the type obtained on or before the date (with one of the levels, when given)."""
    qualification_type = context.catalog.qualification_types.get(type_code)
    if qualification_type is None or (level_ids is not None and not level_ids):
        return _never(context)
    records = QualificationRecord.objects.filter(
        official_id=context.official, qualification_type_id=qualification_type.pk, obtained_on__lte=context.on,
    )
    if level_ids is not None:
        records = records.filter(level_id__in=sorted(level_ids))
    return _exists(records, context)


def _highest_rank_is(type_code: str, rank: int, context: Context) -> Q:
    """The person's level of the type on the date ranks exactly `rank` (CU_NHAN ranks as CAO_CAP)."""
    levels = context.catalog.levels(type_code)
    condition = _has_qualification(type_code, [level.pk for level in levels if level.rank == rank], context)
    above = [level.pk for level in levels if level.rank > rank]
    if above:
        condition &= ~_has_qualification(type_code, above, context)
    return condition


def _qualification_q(spec: dict, context: Context) -> Q:
    type_code = spec["type"]
    if spec.get("none"):
        return ~_has_qualification(type_code, None, context)
    levels = context.catalog.levels(type_code)
    rank_of = {level.code: level.rank for level in levels}
    if "in" in spec:
        ranks = sorted({rank_of[code] for code in spec["in"] if code in rank_of})
        return _any_of([_highest_rank_is(type_code, rank, context) for rank in ranks], context)
    comparison = next(key for key in ("eq", "gte", "lt") if key in spec)
    if spec[comparison] not in rank_of:
        return _never(context)
    rank = rank_of[spec[comparison]]
    if comparison == "eq":
        return _highest_rank_is(type_code, rank, context)
    at_least = [level.pk for level in levels if level.rank >= rank]
    if comparison == "gte":
        return _has_qualification(type_code, at_least, context)
    below = [level.pk for level in levels if level.rank < rank]
    condition = _has_qualification(type_code, below, context)
    if at_least:
        condition &= ~_has_qualification(type_code, at_least, context)
    return condition


def _age_q(spec: dict, context: Context) -> Q:
    condition = Q()
    if "gte" in spec:  # born on or before the latest birth date of that age
        condition &= Q(**{f"{context.prefix}birth_date__lte": indicators.born_after_cutoff(spec["gte"], context.on)})
    if "lt" in spec:
        condition &= Q(**{f"{context.prefix}birth_date__gt": indicators.born_after_cutoff(spec["lt"], context.on)})
    return condition


def _ethnicity_q(spec: dict, context: Context) -> Q:
    names = spec.get("in") or [spec.get("eq") or spec.get("ne")]
    ids = sorted(context.catalog.ethnic_ids[name] for name in names if name in context.catalog.ethnic_ids)
    condition = Q(**{f"{context.prefix}ethnic_group_id__in": ids}) if ids else _never(context)
    return ~condition if "ne" in spec else condition


def _holds_q(spec: dict, context: Context) -> Q:
    title_ids = context.catalog.titles(spec["positions"])
    if not title_ids:
        return _never(context)
    positions = PositionRecord.objects.held_on(context.on).filter(official_id=context.official, title_id__in=title_ids)
    if spec["at"] == SAME_UNIT:
        positions = positions.filter(organization__path__startswith=OuterRef("unit_path"))
    elif context.grouping is not None:  # in the scope of the unit the post is counted in
        grouping = context.grouping
        positions = grouping.annotate(positions).filter(**{grouping.alias: OuterRef(grouping.alias)})
    else:
        positions = positions.within(list(context.roots))
    return _exists(positions, context)


def _event_q(spec: dict, context: Context) -> Q:
    events = CareerEvent.objects.filter(official_id=context.official, kind__in=spec["kind"], date__lte=context.on)
    if spec.get("program"):
        events = events.filter(programme__in=spec["program"])
    if spec.get("from"):
        events = events.filter(date__gte=dt.date.fromisoformat(spec["from"]))
    return _exists(events, context)


def _hometown_q(spec: dict, context: Context) -> Q:
    """Inside / outside the unit of the post; an unknown or free-text hometown, or a post without a
    unit, is neither."""
    hometown = f"{context.prefix}hometown_organization"
    inside = Q(**{f"{hometown}__path__startswith": F("unit_path")})
    if "inside" in spec:
        return inside
    return Q(**{f"{hometown}__isnull": False, "unit_path__isnull": False}) & ~inside


def condition_q(condition: dict, context: Context) -> Q:
    """A canonical condition (planning/conditions.py) as a Q on the context's model."""
    if "all" in condition:
        result = Q()
        for part in condition["all"]:
            result &= condition_q(part, context)
        return result
    if "any" in condition:
        return _any_of([condition_q(part, context) for part in condition["any"]], context)
    if "not" in condition:
        return ~condition_q(condition["not"], context)
    if "indicator" in condition:
        indicator = context.catalog.indicators[condition["indicator"]]
        return indicators.person_condition_q(indicator, indicator.parameters(condition["params"]), context.on,
                                             via=context.via, per_person=context.per_person)
    if "qual" in condition:
        return _qualification_q(condition["qual"], context)
    if "gender" in condition:
        return Q(**{f"{context.prefix}gender": Gender.FEMALE if condition["gender"] == "NU" else Gender.MALE})
    if "age" in condition:
        return _age_q(condition["age"], context)
    if "ethnicity" in condition:
        return _ethnicity_q(condition["ethnicity"], context)
    if "party_member" in condition:
        joined = Q(**{f"{context.prefix}party_joined_on__lte": context.on})
        return joined if condition["party_member"] else ~joined
    if "holds" in condition:
        return _holds_q(condition["holds"], context)
    if "event" in condition:
        return _event_q(condition["event"], context)
    if "hometown" in condition:
        return _hometown_q(condition["hometown"], context)
    raise ValueError(f"Điều kiện không hợp lệ: {condition!r}")


def condition_key(condition: dict | None, catalog: ReportCatalog) -> tuple:
    """Everything condition_q reads: the canonical JSON and what its codes resolve to."""
    if condition is None:
        return ()
    resolved = []

    def walk(node):
        for part in node.get("all") or node.get("any") or ([node["not"]] if "not" in node else []):
            walk(part)
        if "indicator" in node:
            indicator = catalog.indicators[node["indicator"]]
            resolved.append(indicators.definition_key(indicator, indicator.parameters(node["params"])))
        if "qual" in node:
            levels = catalog.levels(node["qual"]["type"])
            qualification_type = catalog.qualification_types.get(node["qual"]["type"])
            resolved.append((qualification_type.pk if qualification_type else None,
                             tuple((level.pk, level.code, level.rank) for level in levels)))
        if "holds" in node:
            resolved.append(catalog.titles(node["holds"]["positions"]))
        if "ethnicity" in node:
            spec = node["ethnicity"]
            resolved.append(tuple(catalog.ethnic_ids.get(name) for name in spec.get("in") or [*spec.values()]))

    walk(condition)
    return (json.dumps(condition, sort_keys=True, ensure_ascii=False), tuple(resolved))


# --- a row: its figure's numerator as one expression ----------------------------------------------


@dataclass(frozen=True)
class ConditionRow:
    """A plan row that uses conditions, resolved for a report: its population, whether it counts units,
    and what a person (or a post) must satisfy."""

    key: object
    shape: PopulationShape
    unit: bool
    indicator: Indicator | None
    params: dict
    condition: dict | None
    catalog: ReportCatalog

    @property
    def on_posts(self) -> bool:
        """True when the condition is evaluated per post (a unit row, or a `same_unit` condition)."""
        return self.unit or mentions_same_unit(self.condition)

    @property
    def definition_key(self) -> tuple:
        indicator = (indicators.definition_key(self.indicator, self.params) if self.indicator is not None else None)
        return (self.unit, indicator, condition_key(self.condition, self.catalog))

    def person_q(self, on, roots, via: str = "", grouping: Grouping | None = None) -> Q:
        """On Official (or through `via`): the indicator and the person-level condition; with a `grouping`,
        on a post that carries its unit (Grouping)."""
        context = Context(on, tuple(roots), self.catalog, via, grouping)
        condition = Q()
        if self.indicator is not None:
            condition &= indicators.person_condition_q(self.indicator, self.params, on, via=via,
                                                       per_person=context.per_person)
        if self.condition is not None:
            condition &= condition_q(self.condition, context)
        return condition

    def counted_posts(self, on, roots, grouping: Grouping | None = None):
        """The population's posts on the date whose holder (and post, for `same_unit`) satisfies the row;
        with a `grouping`, each carrying its unit, over the scope of that unit."""
        queryset = posts(self.shape, roots, on, with_unit=mentions_same_unit(self.condition))
        if grouping is not None:
            queryset = grouping.annotate(queryset)
        return queryset.filter(self.person_q(on, roots, via="official", grouping=grouping))

    def counted_persons_q(self, on, roots) -> Q:
        """On Official: the person is one the row counts (the numerator of a person row)."""
        if not mentions_same_unit(self.condition):
            return self.person_q(on, roots)
        return Q(Exists(self.counted_posts(on, roots).filter(official_id=OuterRef("pk"))))

    def counted_post_q(self, on, roots, grouping: Grouping) -> Q:
        """On a post of the population carrying its unit (Grouping) and, when the condition needs it, the
        alias `unit_path`: the post is one whose holder the row counts in that unit (a person row of the
        grouped statement counts its posts' holders, each once per unit). The same persons as
        counted_persons_q over the unit's own scope: a person counts when one of their posts there
        satisfies the row."""
        return self.person_q(on, roots, via="official", grouping=grouping)

    def counted_units_q(self, on, roots, grouping: Grouping | None = None) -> Q:
        """On Organization: the unit is one the row counts (a post at it or below whose holder satisfies
        the row); an uncorrelated IN, as reports.indicators.counted_unit_ids_q. With a `grouping`, the
        posts are judged over the scope of the comparison unit they lie in (a counted unit lies in the
        same one as the posts at it or below)."""
        at_unit = self.counted_posts(on, roots, grouping).filter(organization__path__startswith=OuterRef("path"))
        counted = units(self.shape, roots, on).filter(Exists(at_unit))
        return Q(pk__in=counted.values("pk"))


def uses_conditions(row: PlanRow, table: PlanTable) -> bool:
    """True when the row's figure is counted by this module: it uses where, population or unit, or its
    table's population is an object (the indicator rows count over it as rows with conditions do)."""
    return row.has_conditions or table.population_id is None


def condition_row(row: PlanRow, table: PlanTable, catalog: ReportCatalog) -> ConditionRow:
    indicator = row.indicator
    unit = row.unit or (indicator is not None and indicator.kind == IndicatorKind.UNIT)
    return ConditionRow(
        key=row.pk,
        shape=shape_of(row.population, table, catalog),
        unit=unit,
        indicator=indicator,
        params=indicator.parameters(row.params) if indicator is not None else {},
        condition=row.condition,
        catalog=catalog,
    )


def total_row(table: PlanTable, catalog: ReportCatalog, key) -> ConditionRow:
    """The table's "Tổng số" as a row with conditions: every person of its population (for the list
    behind the total of a table whose population is an object)."""
    return ConditionRow(key=key, shape=table_shape(table, catalog), unit=False, indicator=None, params={},
                        condition=None, catalog=catalog)
