"""The report as plain data: what the service returns and every exporter renders.

Values are exact (int, Fraction, Decimal); rounding to two decimals happens
only when an exporter presents them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from reports.issue import Issue, attachment_line

TOTAL_ROW_KEY = "tong-so"
TOTAL_INDICATOR = "TONG_SO"
TOTAL_LABEL = "Tổng số"

DAT, VUOT, CHUA_DAT = "dat", "vuot", "chua_dat"
STATUS_LABELS = {DAT: "Đạt", VUOT: "Vượt", CHUA_DAT: "Chưa đạt"}


@dataclass(frozen=True)
class Coverage:
    """How much of the population a rating figure rests on: the ratings of the window's years
    (`rated`, the figure's denominator) against the persons of the population on 31 December of
    each of those years (`population`, summed over the window), and the share required
    (settings.RATING_COVERAGE_MIN). Shown on the pages, never in the report JSON."""

    rated: int
    population: int
    minimum: Fraction
    years: tuple[int, ...] = ()  # the window: one year counts persons, several count person-years

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.rated, self.population) if self.population else None

    @property
    def is_sufficient(self) -> bool:
        """At least the required share of the population was rated (nobody to rate is not enough)."""
        return self.population > 0 and self.rated >= self.minimum * self.population


@dataclass(frozen=True)
class Figure:
    """Numerator, denominator and their percent (None when the denominator is zero); a rating
    figure also carries its coverage."""

    count: int
    total: int
    percent: Fraction | None
    coverage: Coverage | None = None


@dataclass(frozen=True)
class TargetBounds:
    """A row's target for the report's year: a value, a lower bound, an upper bound, or both bounds."""

    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None

    def bounds(self) -> list[tuple[str, Decimal]]:
        """The bounds that are set, in the order value, min, max."""
        return [(name, bound) for name, bound in (("value", self.value), ("min", self.min), ("max", self.max))
                if bound is not None]

    @property
    def is_range(self) -> bool:
        return self.min is not None and self.max is not None


@dataclass(frozen=True)
class ReportRow:
    key: str  # "tong-so" or the plan row's id: what the drill-down links name
    number: str  # the TT column: "1", "2"…; empty for "Tổng số" and "Trong đó" rows
    label: str
    indicator: str | None  # None: a row counted by its condition alone (the report JSON's null)
    kind: str  # planning.models.IndicatorKind
    depth: int  # 0 for a row of its own, 1 for a "Trong đó" row…
    baseline: Figure
    current: Figure
    target: TargetBounds | None
    vs_target: tuple[Fraction | None, ...] | None
    vs_baseline: Fraction | None
    status: str | None
    # Asked by the plan row (multiple_of, compare): the row's population size over the other's on the
    # current date, and current percent minus baseline percent in points; None when not computable.
    multiple: Fraction | None = None
    delta_points: Fraction | None = None
    asks_multiple: bool = False
    asks_delta_points: bool = False

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "")

    @property
    def is_total(self) -> bool:
        return self.key == TOTAL_ROW_KEY


@dataclass(frozen=True)
class ReportTable:
    key: int  # the plan table's id
    number: str
    title: str
    # The plan table's population as the plan file gives it: a catalog code, or an object (canonical JSON,
    # planning/conditions.py), which the report JSON echoes; `population_name` is what pages show.
    population: str | dict
    population_name: str
    rows: tuple[ReportRow, ...]

    @property
    def population_is_object(self) -> bool:
        return isinstance(self.population, dict)


@dataclass(frozen=True)
class Report:
    organization: str
    organization_name: str
    plan: str
    plan_title: str
    as_of: dt.date
    rating_years: tuple[int, ...]
    baseline_as_of: dt.date
    baseline_rating_years: tuple[int, ...]
    target_year: int | None
    tables: tuple[ReportTable, ...]
    # The committee that reports on the data date (cadre.committees): "Đảng ủy xã Mường So" and "-BC/ĐU",
    # for the "(Kèm theo Báo cáo số …)" line; not part of the report JSON.
    issuer_name: str = ""
    number_suffix: str = "-BC"
    # The number, date and signer the command line was given (reports.issue); not part of the report JSON.
    issue: Issue = Issue()

    @property
    def attachment_line(self) -> str:
        """The line under each Biểu's title, by the one issue-date rule of reports.issue: a draft leaves the
        number and the day blank for staff to fill in (as in the seeds)."""
        issue = self.issue.dated()
        return attachment_line(issue.number, self.number_suffix, issue.issued_on,
                               self.issuer_name or self.organization_name)

    @property
    def has_rating_rows(self) -> bool:
        return any(row.current.coverage is not None for table in self.tables for row in table.rows)


@dataclass(frozen=True)
class Comparison:
    """A report and the same report for each organization directly below its organization."""

    report: Report
    units: tuple[tuple[object, Report], ...]  # (cadre.models.Organization, its report), in tree order

    def tables(self):
        """Per table: (the scope's table, [(unit, the unit's table)] of units with members on the date)."""
        for index, table in enumerate(self.report.tables):
            rows = [(unit, report.tables[index]) for unit, report in self.units
                    if report.tables[index].rows[0].current.total or report.tables[index].rows[0].baseline.total]
            yield table, rows
