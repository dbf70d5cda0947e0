"""Writes planned persons and statistics to the database in batches.

Persons go in chunks of BATCH_SIZE: the officials of a chunk first, then
every record of theirs, so memory holds one chunk of rows at a time.

Rows go as plain tuples (COPY on PostgreSQL, executemany elsewhere) rather
than through bulk_create: bulk_create builds and prepares a model instance per
row, which at 200,000 officials (about three million rows) took longer than
the database work itself. The database still checks every constraint; the
officials' derived keys still come from Official.refresh_keys().
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from cadre.demo.people import Person
from cadre.models import (
    CareerEvent,
    EthnicGroup,
    Evaluation,
    Official,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    PositionTitle,
    QualificationLevel,
    QualificationRecord,
    QualificationType,
)

BATCH_SIZE = 2000
OFFICIAL_FIELDS = ("code", "full_name", "gender", "birth_date", "ethnic_group", "citizen_id",
                   "hometown_organization", "hometown_text", "party_joined_on", "name_sort_key",
                   "search_text", "created_at", "updated_at")


@dataclass
class Catalogs:
    """Catalog keys by code, loaded once."""

    titles: dict[str, int]
    ethnic_groups: dict[str, int]
    qualification_types: dict[str, int]
    levels: dict[tuple[str, str], int]

    @classmethod
    def load(cls) -> Catalogs:
        return cls(
            titles=dict(PositionTitle.objects.values_list("code", "pk")),
            ethnic_groups=dict(EthnicGroup.objects.values_list("name", "pk")),
            qualification_types=dict(QualificationType.objects.values_list("code", "pk")),
            levels={
                (type_code, code): pk
                for type_code, code, pk in QualificationLevel.objects.values_list(
                    "qualification_type__code", "code", "pk"
                )
            },
        )


def write_people(people: list[Person], catalogs: Catalogs) -> None:
    now = timezone.now()
    for first in range(0, len(people), BATCH_SIZE):
        chunk = people[first: first + BATCH_SIZE]
        insert_rows(Official, OFFICIAL_FIELDS, (_official_row(p, catalogs, now) for p in chunk))
        keys = dict(Official.objects.filter(code__in=[p.code for p in chunk]).values_list("code", "pk"))
        pairs = [(person, keys[person.code]) for person in chunk]
        insert_rows(PositionRecord, ("official", "organization", "title", "start_date", "end_date"), (
            (pk, t.organization.pk, catalogs.titles[t.title], t.start, t.end)
            for p, pk in pairs for t in p.tenures
        ))
        insert_rows(QualificationRecord, ("official", "qualification_type", "level", "detail", "major", "obtained_on"), (
            (pk, catalogs.qualification_types[kind], catalogs.levels[(kind, level)] if level else None,
             detail, major, obtained)
            for p, pk in pairs for kind, level, detail, major, obtained in p.qualifications
        ))
        insert_rows(Evaluation, ("official", "year", "rating"), (
            (pk, year, rating) for p, pk in pairs for year, rating in p.ratings
        ))
        # An event is (kind, date, from, to, from text, to text, note) and, for a training, its programme.
        insert_rows(CareerEvent, ("official", "kind", "date", "from_organization", "from_text",
                                  "to_organization", "to_text", "note", "programme"), (
            (pk, kind, day, _pk(source), source_text, _pk(target), target_text, note, programme[0] if programme else "")
            for p, pk in pairs
            for kind, day, source, target, source_text, target_text, note, *programme
            in sorted(p.events, key=lambda e: e[1])
        ))
        insert_rows(PlanningEntry, ("official", "title", "organization", "term", "approved_on", "removed_on"), (
            (pk, catalogs.titles[title], organization.pk, term, approved, removed)
            for p, pk in pairs for title, organization, term, approved, removed in p.planning
        ))


def write_statistics(rows: list[tuple]) -> None:
    insert_rows(PartyStatistics, ("organization", "year", "members", "probationary", "female", "admitted", "removed"),
                ((organization.pk, *numbers) for organization, *numbers in rows))


def insert_rows(model, fields: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Insert value tuples, in the order of `fields`, into the model's table.

    Columns the tuples do not give and that have a default (a version counter, an empty reason…) get it.
    """
    meta = model._meta
    defaulted = [
        field for field in meta.concrete_fields
        if not field.primary_key and not field.null and field.name not in fields and field.attname not in fields
        and field.get_default() is not None
    ]
    if defaulted:
        fields = (*fields, *(field.name for field in defaulted))
        extra = tuple(field.get_default() for field in defaulted)
        rows = (tuple(row) + extra for row in rows)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        batch = []
        for row in rows:
            batch.append(tuple(_adapt(value) for value in row))
            if len(batch) == BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _adapt(value):
    """Dates and times as the backend stores them (the PostgreSQL driver adapts its own)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _official_row(person: Person, catalogs: Catalogs, now: dt.datetime) -> tuple:
    official = Official(code=person.code, full_name=person.full_name, citizen_id=person.citizen_id)
    official.refresh_keys()  # the same sort and search keys save() would store
    return (
        person.code, person.full_name, person.gender, person.birth_date,
        catalogs.ethnic_groups[person.ethnic_group], person.citizen_id, _pk(person.hometown),
        person.hometown_text, person.party_joined_on, official.name_sort_key, official.search_text, now, now,
    )


def _pk(organization):
    return organization.pk if organization is not None else None
