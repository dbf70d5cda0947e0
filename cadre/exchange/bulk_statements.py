"""One prepared INSERT or UPDATE per table, run with executemany, for large imports.

Measured on a 10,000-official workbook (SQLite): Django's bulk_update builds
a CASE WHEN expression per object and field and took over a minute for the
updates of a corrected workbook, and bulk_create spent most of its time
building model instances and compiling a statement per batch of 999
parameters. Here rows are plain dicts keyed by field attname ("official_id"),
each statement is built once, and every value still goes through its field's
get_db_prep_save(), as the ORM's own insert does (JSON, backend date formats),
once per distinct value of a column: a workbook repeats the same codes, dates
and years on thousands of rows.

Use bulk_create where the new primary keys are needed; these return nothing. On PostgreSQL an INSERT
of many rows goes through COPY instead (`_copy`).
`advance`, when given, is called with the number of rows after each call of
ROWS_PER_CALL rows (the progress bar of a long import).
"""
from __future__ import annotations

import datetime as dt
from itertools import islice
from typing import Callable, Iterable

from django.db import connection
from django.db.models import DateTimeField, Field, Model
from django.utils import timezone

ROWS_PER_CALL = 2000
_PLAIN_TYPES = {str, int, bool, float, dt.date, dt.datetime, type(None)}


class _Column:
    """Prepares the values of one field for the database, remembering plain ones."""

    def __init__(self, field: Field):
        self.attname = field.attname
        self._prepare = field.get_db_prep_save
        self._known: dict = {}

    def __call__(self, value):
        if type(value) not in _PLAIN_TYPES:  # JSON and other mutable values
            return self._prepare(value, connection)
        if value not in self._known:
            self._known[value] = self._prepare(value, connection)
        return self._known[value]


def insert(model: type[Model], rows: Iterable[dict], advance: Callable[[int], None] | None = None) -> None:
    """INSERT rows; a field missing from a row takes its default (auto_now dates: now).

    `rows` may be a generator: it is consumed ROWS_PER_CALL rows at a time.
    """
    if not rows:  # an empty list; a generator may still turn out empty
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: _default(field) for field in fields}
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    columns = [_Column(field) for field in fields]
    values = ([column(row.get(column.attname, defaults[column.attname])) for column in columns] for row in rows)
    if connection.vendor == "postgresql":
        _copy("COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(field.column) for field in fields)), values, advance)
    else:
        _run(sql, values, advance)


def update(
    model: type[Model], rows: list[dict], attnames: list[str], advance: Callable[[int], None] | None = None
) -> None:
    """UPDATE the given fields of each row, found by its "id"; auto_now fields are set too, and a `version`
    (cadre.services.versions) is advanced, so that a form read before the import refuses to save over it."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in attnames]
    fields += [field for field in model._meta.concrete_fields if _is_auto_now(field) and field not in fields]
    now = timezone.now()
    quote = connection.ops.quote_name
    assignments = [f"{quote(field.column)} = %s" for field in fields]
    if _has_version(model) and "version" not in attnames:
        assignments.append(f"{quote('version')} = {quote('version')} + 1")
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table), ", ".join(assignments), quote(model._meta.pk.column),
    )
    columns = [(_Column(field), _is_auto_now(field)) for field in fields]
    values = ([*(column(now if auto else row[column.attname]) for column, auto in columns), row["id"]] for row in rows)
    _run(sql, values, advance)


def _has_version(model) -> bool:
    return any(field.attname == "version" for field in model._meta.concrete_fields)


def _is_auto_now(field) -> bool:
    return isinstance(field, DateTimeField) and field.auto_now


def _default(field):
    if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
        return timezone.now()
    return field.get_default()


def _run(sql: str, rows: Iterable[list], advance: Callable[[int], None] | None) -> None:
    """Run the statement for every row, ROWS_PER_CALL rows per executemany; rows are prepared as they go."""
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, ROWS_PER_CALL)):
            cursor.executemany(sql, chunk)
            if advance is not None:
                advance(len(chunk))


def _copy(sql: str, rows: Iterable[list], advance: Callable[[int], None] | None) -> None:
    """PostgreSQL: the rows through COPY … FROM STDIN, several times faster than executemany of INSERT for
    the hundred thousand rows and history rows of a province workbook; the values are the same prepared
    values, dumped by psycopg's adapters. One COPY per ROWS_PER_CALL rows, each chunk taken from `rows`
    before its COPY starts: the generator may query the database (no other statement may run on the
    connection while a COPY is open)."""
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, ROWS_PER_CALL)):
            with cursor.cursor.copy(sql) as copy:
                for row in chunk:
                    copy.write_row(row)
            if advance is not None:
                advance(len(chunk))
