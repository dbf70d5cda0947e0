"""What a report is asked for, checked the same way for the command line and the report page.

Every problem is reported with the field it belongs to and a Vietnamese
message; all problems are collected before anything is computed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from fractions import Fraction

from django.conf import settings

from cadre.models import Organization
from cadre.scoping import scope_roots_on
from cadre.vietnamese import format_date_short
from planning.models import Plan
from reports.fetch import RatingYearChoice, default_rating_year

YEARS_PATTERN = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$")


def plan_target_years(plan: Plan) -> list[int]:
    """The years the plan sets targets for (from its prefetched rows; no query)."""
    return sorted({target.year for table in plan.tables.all() for row in table.rows.all()
                   for target in row.targets.all()})


class ReportParameterErrors(ValueError):
    """One or more problems, each as (field, message)."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__(" ".join(message for _, message in errors))


@dataclass(frozen=True)
class ReportRequest:
    organization: Organization
    plan: Plan
    as_of: dt.date
    rating_years: tuple[int, ...]
    baseline: dt.date
    baseline_rating_years: tuple[int, ...]
    target_year: int | None
    # How the rating year was chosen when none was asked for (None when the years were given).
    rating_year_choice: RatingYearChoice | None = None

    def as_service_arguments(self) -> dict:
        return {
            "organization": self.organization,
            "plan": self.plan,
            "as_of": self.as_of,
            "rating_years": self.rating_years,
            "baseline": self.baseline,
            "baseline_rating_years": self.baseline_rating_years,
            "target_year": self.target_year,
        }


def rating_coverage_minimum() -> Fraction:
    """settings.RATING_COVERAGE_MIN as an exact fraction (0.8 -> 4/5)."""
    return Fraction(str(settings.RATING_COVERAGE_MIN))


def parse_years(text: str) -> tuple[int, ...]:
    """ "2021-2022" -> (2021, 2022); "2020" -> (2020,); raise ValueError with a Vietnamese message."""
    match = YEARS_PATTERN.match(text or "")
    if not match:
        raise ValueError(f"Năm đánh giá phải có dạng 2022 hoặc 2021-2022, không phải “{text}”.")
    first = int(match[1])
    last = int(match[2] or first)
    if last < first:
        raise ValueError(f"Khoảng năm đánh giá “{text}” có năm đầu sau năm cuối.")
    if first < 1945:
        raise ValueError(f"Năm đánh giá {first} không hợp lệ.")
    if last > 2100:
        raise ValueError(f"Năm đánh giá {last} không hợp lệ.")
    return tuple(range(first, last + 1))


def format_years(years) -> str:
    years = sorted(years)
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _check_years_not_after(years: tuple[int, ...], on: dt.date, field: str, column: str,
                           errors: list[tuple[str, str]]) -> None:
    later = [year for year in years if year > on.year]
    if later:
        errors.append((field, (
            f"Năm đánh giá {format_years(later)} ở tương lai so với ngày {column} "
            f"{format_date_short(on)}: chỉ được chọn đến năm {on.year}."
        )))


def _check_scope_exists(organization: Organization, as_of: dt.date, rating_years: tuple[int, ...],
                        baseline: dt.date, baseline_rating_years: tuple[int, ...],
                        errors: list[tuple[str, str]]) -> None:
    """Refuse a date on which the organization has no scope: it did not exist then and was formed from
    no organization that did (domain.md, "Scope over time"); its figures would be zeros that mean
    nothing. A date before a merged organization was formed is valid: its scope is its predecessors'.
    No query when the organization exists on every date; two otherwise."""
    checks = [
        ("as_of", [as_of], "ngày báo cáo"),
        ("rating_years", [dt.date(year, 12, 31) for year in rating_years], "năm đánh giá"),
        ("baseline", [baseline], "ngày năm gốc"),
        ("baseline_rating_years", [dt.date(year, 12, 31) for year in baseline_rating_years], "năm đánh giá năm gốc"),
    ]
    roots = scope_roots_on(organization, [day for _, days, _ in checks for day in days])
    for field, days, label in checks:
        empty = [day for day in days if not roots[day]]
        if not empty or any(existing == field for existing, _ in errors):
            continue
        when = ", ".join(
            str(day.year) if field.endswith("rating_years") else format_date_short(day) for day in empty
        )
        errors.append((field, (
            f"{organization.name} không tồn tại vào {label} {when} (chưa thành lập hoặc đã giải thể) và không "
            f"kế thừa từ tổ chức nào tồn tại khi đó, nên không có số liệu; hãy chọn ngày khác "
            f"hoặc khai báo tổ chức tiền thân (Kế thừa từ)."
        )))


def check_request(*, organization: Organization, plan: Plan, as_of: dt.date,
                  rating_years: tuple[int, ...] | None, baseline: dt.date,
                  baseline_rating_years: tuple[int, ...] | None, target_year: int | None,
                  today: dt.date | None = None) -> ReportRequest:
    """Fill the defaults and check the combination; raise ReportParameterErrors.

    Defaults: rating years = the latest year before the as-of year in
    which at least settings.RATING_COVERAGE_MIN of the population of the
    plan's rating tables in the organization was rated, else the year before
    the as-of year (reports.fetch.default_rating_year: two queries, none when
    the years are given); baseline rating years = the baseline's year; target
    year = the plan's earliest target year.
    `plan` must come with its rows and targets prefetched (reports.fetch.load_plan).
    """
    today = today or dt.date.today()
    errors: list[tuple[str, str]] = []
    choice = None
    if rating_years:
        rating_years = tuple(rating_years)
    else:
        choice = default_rating_year(plan, organization, as_of, today, rating_coverage_minimum())
        rating_years = (choice.year,)
    baseline_rating_years = tuple(baseline_rating_years) if baseline_rating_years else (baseline.year,)
    if baseline > as_of:
        errors.append(("baseline", (
            f"Ngày của cột năm gốc ({format_date_short(baseline)}) phải không sau ngày báo cáo "
            f"({format_date_short(as_of)})."
        )))
    _check_years_not_after(rating_years, as_of, "rating_years", "báo cáo", errors)
    _check_years_not_after(baseline_rating_years, baseline, "baseline_rating_years", "năm gốc", errors)
    in_future = [year for year in (*rating_years, *baseline_rating_years) if year > today.year]
    if in_future and not any(field in ("rating_years", "baseline_rating_years") for field, _ in errors):
        errors.append(("rating_years", f"Năm đánh giá {format_years(in_future)} chưa đến (năm nay là {today.year})."))
    _check_scope_exists(organization, as_of, rating_years, baseline, baseline_rating_years, errors)
    years = plan_target_years(plan)
    if target_year is None:
        target_year = years[0] if years else None
    elif target_year not in years:
        available = ", ".join(str(year) for year in years) if years else "không có năm nào"
        errors.append(("target_year", (
            f"Kế hoạch {plan.code} không có mục tiêu cho năm {target_year} (các năm có mục tiêu: {available})."
        )))
    if errors:
        raise ReportParameterErrors(errors)
    return ReportRequest(
        organization=organization,
        plan=plan,
        as_of=as_of,
        rating_years=rating_years,
        baseline=baseline,
        baseline_rating_years=baseline_rating_years,
        target_year=target_year,
        rating_year_choice=choice,
    )
