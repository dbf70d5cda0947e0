"""Placeholders for the values a report's statements are run with: the column's date and rating years.

reports/fetch.py compiles each aggregate statement once for a shape (the
plan's definitions, the population, the scope) and runs it again for any
date and window of the same length: the baseline and current columns of a
table share their statements, and so do later reports of the same plan. The
expressions of reports/indicators.py take a `Param` wherever they would take
the date or a year; it compiles to an ordinary query parameter whose value is
computed from the column when the statement runs.

No query runs here.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db.models import Field, Value


class Param(Value):
    """A query parameter left open in a compiled statement; `compute` gives its value from the bindings."""

    def __init__(self, name: str, output_field: Field, compute: Callable[[Mapping[str, Any]], Any]):
        super().__init__(None, output_field=output_field)
        self.name = name
        self.compute = compute

    def __repr__(self):
        return f"Param({self.name!r})"

    def derive(self, name: str, function: Callable[[Any], Any], output_field: Field | None = None) -> Param:
        """A parameter computed from this one (e.g. the latest birth date of an age on the date).

        `function` must depend on nothing but its argument and what `name` says (it is kept
        with the compiled statement and reused for other values).
        """
        compute = self.compute
        return Param(f"{self.name}:{name}", output_field or self.output_field,
                     lambda bindings: function(compute(bindings)))

    def as_sql(self, compiler, connection):
        # The placeholder itself stands in the parameter list until bind() replaces it.
        return "%s", [self]

    def bind(self, bindings: Mapping[str, Any], connection) -> Any:
        """The value for these bindings, prepared for the database as a literal of the field would be."""
        return self.output_field.get_db_prep_value(self.compute(bindings), connection=connection)


def is_param(value: Any) -> bool:
    return isinstance(value, Param)


def bind(params: Sequence[Any], bindings: Mapping[str, Any], connection) -> list[Any]:
    """A compiled statement's parameters with every placeholder replaced by its value."""
    return [param.bind(bindings, connection) if isinstance(param, Param) else param for param in params]


def shape(params: Sequence[Any]) -> tuple:
    """The parameters with each placeholder replaced by its name: equal for the same statement shape."""
    return tuple(("param", param.name) if isinstance(param, Param) else param for param in params)
