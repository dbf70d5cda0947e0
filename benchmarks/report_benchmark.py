"""Benchmark: all three Biểu of a plan, both columns, for one district and for the whole province.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_report_bench \\
        .venv/bin/python benchmarks/report_benchmark.py [--generate 100000] [--repeat 7] [--explain]

--generate N migrates the database and fills it with `generate_demo --officials N`
(districts of about 4,000 officials) when it holds no demo data yet. The plan of
benchmarks/bieu_01_03_plan.json (Biểu 01-03 of seed 002) is imported each run.

For each scope the script times report_build (the ORM aggregates the
application uses) and one hand-written SQL statement that computes the same
counts in a different way (GROUP BY of the highest level per person, joins
instead of EXISTS), checks that both give the same numbers, and prints the
timings, the ratio and the query counts. It is a benchmark, not a test.

--comparison also times comparison_build (the page /bao-cao/so-sanh/: the report and the
same figures for every unit directly below the scope, from grouped statements) for each scope;
with --explain, its grouped statements are explained too.

report_build keeps each aggregate statement compiled per plan shape
(reports/fetch.py): the timed runs reuse them, as every report after the first
of a plan and scope does. "cold median" times the first report instead, with
the kept statements cleared before each run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CADRE_EMBEDDED", "1")  # a local run: the key file .secret_key when SECRET_KEY is unset
# Every report counted: this times the queries (benchmarks/figure_cache_benchmark.py times the kept figures).
os.environ.setdefault("FIGURE_CACHE", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cadre.models import Evaluation, Official, Organization, PositionRecord, QualificationRecord  # noqa: E402
from planning.services import plan_import  # noqa: E402
from reports.fetch import clear_statements, load_organization, load_plan  # noqa: E402
from reports.indicators import latest_birth_date_of_age, population_title_ids  # noqa: E402
from planning.models import IndicatorCondition, IndicatorKind  # noqa: E402
from reports.parameters import check_request  # noqa: E402
from reports.services import comparison_build, report_build  # noqa: E402
from reports.structure import TOTAL_ROW_KEY  # noqa: E402

PLAN_FILE = Path(__file__).with_name("bieu_01_03_plan.json")
AS_OF = dt.date(2024, 6, 30)
RATING_YEARS = (2022, 2023)
BASELINE = dt.date(2020, 12, 31)
BASELINE_RATING_YEARS = (2020,)


# --- the ORM path: what the application runs ----------------------------------


def orm_counts(scope: Organization, plan_code: str):
    """Build the report as the application does; return ({(table, column, row): (count, total)}, queries)."""
    with CaptureQueriesContext(connection) as queries:
        request = check_request(
            organization=scope, plan=load_plan(plan_code), as_of=AS_OF, rating_years=RATING_YEARS,
            baseline=BASELINE, baseline_rating_years=BASELINE_RATING_YEARS, target_year=None,
        )
        report = report_build(**request.as_service_arguments())
    counts = {}
    for table in report.tables:
        for row in table.rows:
            counts[(table.number, "baseline", row.key)] = (row.baseline.count, row.baseline.total)
            counts[(table.number, "current", row.key)] = (row.current.count, row.current.total)
    return counts, len(queries)


def comparison_queries(scope: Organization, plan_code: str) -> tuple[int, list[dict]]:
    """Build the comparison page's figures as the application does; return (units compared, queries)."""
    with CaptureQueriesContext(connection) as queries:
        request = check_request(
            organization=scope, plan=load_plan(plan_code), as_of=AS_OF, rating_years=RATING_YEARS,
            baseline=BASELINE, baseline_rating_years=BASELINE_RATING_YEARS, target_year=None,
        )
        comparison = comparison_build(**request.as_service_arguments())
    return len(comparison.units), queries.captured_queries


def explain(queries: list[dict], starts: tuple[str, ...]) -> None:
    """Print EXPLAIN (ANALYZE, BUFFERS) of the captured statements that start with one of `starts`."""
    with connection.cursor() as cursor:
        for query in queries:
            if query["sql"].startswith(starts):
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                plan_text = "\n".join(line for (line,) in cursor.fetchall())
                print(f"\n--- {query['time']}s\n{query['sql'][:300]}…\n{plan_text}")


# --- the hand-written statement ------------------------------------------------


def _date(value: dt.date) -> str:
    return f"DATE '{value.isoformat()}'"


def _held(on: dt.date) -> str:
    return f"p.start_date <= {_date(on)} AND (p.end_date IS NULL OR p.end_date >= {_date(on)})"


def _person_condition(indicator, params, on, person: str, qualification: str) -> str:
    condition = indicator.condition
    if condition == IndicatorCondition.ALL:
        return "TRUE"
    if condition == IndicatorCondition.FEMALE:
        return f"{person}.gender = 'NU'"
    if condition == IndicatorCondition.AGE_UNDER:
        cutoff = latest_birth_date_of_age(indicator.parameters(params)["age_under"], on)
        return f"{person}.birth_date > {_date(cutoff)}"
    if condition == IndicatorCondition.MINORITY:
        return f"{person}.is_minority"
    if condition == IndicatorCondition.PARTY_MEMBER:
        return f"{person}.party_joined_on <= {_date(on)}"
    if condition == IndicatorCondition.QUALIFICATION_AT_LEAST:
        return f"{qualification}.rank_{indicator.qualification_type_id} >= {indicator.min_level.rank}"
    if condition == IndicatorCondition.HAS_QUALIFICATION:
        return f"{qualification}.has_{indicator.qualification_type_id}"
    raise ValueError(condition)


def _qualification_columns(rows) -> str:
    ranked = sorted({r.indicator.qualification_type_id for r in rows
                     if r.indicator.condition == IndicatorCondition.QUALIFICATION_AT_LEAST})
    unranked = sorted({r.indicator.qualification_type_id for r in rows
                       if r.indicator.condition == IndicatorCondition.HAS_QUALIFICATION})
    columns = [f"MAX(l.rank) FILTER (WHERE r.qualification_type_id = {t}) AS rank_{t}" for t in ranked]
    columns += [f"BOOL_OR(r.qualification_type_id = {t}) AS has_{t}" for t in unranked]
    return ", ".join(columns) or "NULL AS nothing"


def hand_sql(scope: Organization, plan) -> tuple[str, list[tuple]]:
    """One statement for every table and both columns; returns it and what each output column means."""
    parts, meaning = [], []
    scope_like = f"'{scope.path}%'"
    for table in plan.tables.all():
        titles = ", ".join(str(pk) for pk in population_title_ids(table.population)) or "NULL"
        rows = list(table.rows.all())
        for column, on, years in (("baseline", BASELINE, BASELINE_RATING_YEARS), ("current", AS_OF, RATING_YEARS)):
            prefix = f"k{len(parts)}"
            person_rows = [r for r in rows if r.indicator.kind == IndicatorKind.PERSON]
            selects = [f"COUNT(*) AS {prefix}_total"] + [
                f"COUNT(*) FILTER (WHERE {_person_condition(r.indicator, r.indicator.parameters(r.params), on, 'o', 'q')})"
                f" AS {prefix}_{r.pk}" for r in person_rows
            ]
            parts.append(f"""(
  WITH pos AS (
    SELECT p.official_id FROM cadre_positionrecord p JOIN cadre_organization g ON g.id = p.organization_id
    WHERE g.path LIKE {scope_like} AND p.title_id IN ({titles}) AND {_held(on)}
  ), m AS (SELECT DISTINCT official_id FROM pos),
  q AS (
    SELECT r.official_id, {_qualification_columns(person_rows)}
    FROM cadre_qualificationrecord r JOIN m ON m.official_id = r.official_id
    LEFT JOIN cadre_qualificationlevel l ON l.id = r.level_id
    WHERE r.obtained_on <= {_date(on)} GROUP BY r.official_id
  ), o AS (
    SELECT f.id, f.gender, f.birth_date, f.party_joined_on, e.is_minority
    FROM m JOIN cadre_official f ON f.id = m.official_id JOIN cadre_ethnicgroup e ON e.id = f.ethnic_group_id
  )
  SELECT {", ".join(selects)} FROM o LEFT JOIN q ON q.official_id = o.id
) AS {prefix}""")
            meaning.append((table.number, column, "persons", prefix, person_rows))

            rating_rows = [r for r in rows if r.indicator.kind == IndicatorKind.RATING]
            if rating_rows:
                prefix = f"k{len(parts)}"
                year_list = ", ".join(f"({year})" for year in years)
                selects = [f"COUNT(*) AS {prefix}_total"] + [
                    f"COUNT(*) FILTER (WHERE ev.rating IN ({', '.join(repr(c) for c in r.indicator.rating_codes())}))"
                    f" AS {prefix}_{r.pk}" for r in rating_rows
                ]
                parts.append(f"""(
  SELECT {", ".join(selects)}
  FROM cadre_evaluation ev JOIN (
    SELECT DISTINCT p.official_id, y.year
    FROM cadre_positionrecord p JOIN cadre_organization g ON g.id = p.organization_id
    JOIN (VALUES {year_list}) AS y(year)
      ON p.start_date <= make_date(y.year, 12, 31) AND (p.end_date IS NULL OR p.end_date >= make_date(y.year, 12, 31))
    WHERE g.path LIKE {scope_like} AND p.title_id IN ({titles})
  ) mm ON mm.official_id = ev.official_id AND mm.year = ev.year
) AS {prefix}""")
                meaning.append((table.number, column, "ratings", prefix, rating_rows))

            unit_rows = [r for r in rows if r.indicator.kind == IndicatorKind.UNIT]
            if unit_rows:
                prefix = f"k{len(parts)}"
                selects = [f"COUNT(*) AS {prefix}_total"] + [
                    f"COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM pos WHERE pos.path LIKE u.path || '%' AND "
                    f"{_person_condition(r.indicator, r.indicator.parameters(r.params), on, 'pos', 'q')})) "
                    f"AS {prefix}_{r.pk}" for r in unit_rows
                ]
                parts.append(f"""(
  WITH pos AS (
    SELECT g.path, f.gender, f.birth_date, f.party_joined_on
    FROM cadre_positionrecord p JOIN cadre_organization g ON g.id = p.organization_id
    JOIN cadre_official f ON f.id = p.official_id
    WHERE g.path LIKE {scope_like} AND p.title_id IN ({titles}) AND {_held(on)}
  )
  SELECT {", ".join(selects)} FROM cadre_organization u
  WHERE u.kind = '{table.population.unit_kind}' AND u.path LIKE {scope_like}
    AND (u.founded_on IS NULL OR u.founded_on <= {_date(on)}) AND (u.ceased_on IS NULL OR u.ceased_on > {_date(on)})
) AS {prefix}""")
                meaning.append((table.number, column, "units", prefix, unit_rows))
    return "SELECT * FROM " + "\nCROSS JOIN ".join(parts), meaning


def hand_counts(scope: Organization, plan_code: str):
    plan = load_plan(plan_code)
    sql, meaning = hand_sql(scope, plan)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        names = [column.name for column in cursor.description]
        values = dict(zip(names, cursor.fetchone()))
    counts = {}
    for number, column, kind, prefix, rows in meaning:
        total = values[f"{prefix}_total"]
        if kind == "persons":
            counts[(number, column, TOTAL_ROW_KEY)] = (total, total)
        for row in rows:
            counts[(number, column, str(row.pk))] = (values[f"{prefix}_{row.pk}"], total)
    return counts, sql


# --- running -------------------------------------------------------------------


def timed(function, repeat: int, before=None):
    function()  # warm the caches
    seconds = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return result, seconds


def ensure_data(officials: int | None) -> None:
    if officials is None:
        return
    call_command("migrate", verbosity=0)
    if not Organization.objects.filter(is_demo=True).exists():
        print(f"Generating {officials:,} officials…", flush=True)
        call_command("generate_demo", officials=officials, seed=2026)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generate", type=int, metavar="N", help="generate N demo officials when none exist")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--district", help="district code (default: the first district)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the ORM queries")
    parser.add_argument("--no-analyze", action="store_true", dest="no_analyze",
                        help="do not run ANALYZE before timing: the statistics stay as the application left them")
    parser.add_argument("--comparison", action="store_true",
                        help="also time the comparison of the units below each scope (comparison_build)")
    parser.add_argument("--district-only", action="store_true", dest="district_only",
                        help="time the district only, not the province")
    arguments = parser.parse_args()

    if connection.vendor != "postgresql":
        print("warning: the numbers in docs/performance.md are for PostgreSQL; this is", connection.vendor)
    ensure_data(arguments.generate)
    result = plan_import(data=json.loads(PLAN_FILE.read_text(encoding="utf-8")))
    plan_code = result.plan.code
    province = Organization.objects.filter(kind="TINH", is_demo=True).order_by("code").first() or \
        Organization.objects.filter(kind="TINH").order_by("code").first()
    district = load_organization(arguments.district) if arguments.district else \
        Organization.objects.filter(kind="HUYEN", parent=province).order_by("code").first()
    if not arguments.no_analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            has_table = cursor.fetchone()[0]
            if has_table:
                cursor.execute("SELECT count(*) FROM sqlite_stat1")
            print("sqlite_stat1 rows:", cursor.fetchone()[0] if has_table else "none (never analyzed)")
    print("load average (1, 5, 15 min): %.2f %.2f %.2f" % os.getloadavg(), flush=True)

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
          f"{Official.objects.count():,} officials, {PositionRecord.objects.count():,} positions, "
          f"{QualificationRecord.objects.count():,} qualifications, {Evaluation.objects.count():,} ratings")
    print(f"plan {plan_code}: {result.tables} tables, {result.rows} rows; as of {AS_OF} (ratings "
          f"{RATING_YEARS}), baseline {BASELINE} (ratings {BASELINE_RATING_YEARS})")
    print(f"{'scope':<28}{'officials':>10}{'ORM median':>12}{'ORM min':>10}{'queries':>9}"
          f"{'SQL median':>12}{'ratio':>8}{'cold median':>13}")
    for scope in (district,) if arguments.district_only else (district, province):
        officials = Official.objects.within(scope).count()
        (orm, query_count), orm_seconds = timed(lambda: orm_counts(scope, plan_code), arguments.repeat)
        if connection.vendor == "postgresql":
            (hand, _), hand_seconds = timed(lambda: hand_counts(scope, plan_code), arguments.repeat)
        else:  # the hand-written statement is PostgreSQL's SQL (DATE literals): the ORM path only
            hand, hand_seconds = orm, [float("nan")]
        (cold, _), cold_seconds = timed(lambda: orm_counts(scope, plan_code), arguments.repeat,
                                        before=clear_statements)
        if cold != orm:
            raise SystemExit(f"A report with freshly compiled statements differs for {scope.code}")
        if orm != hand:
            differing = sorted(key for key in orm if orm[key] != hand.get(key))
            raise SystemExit(f"ORM and hand-written SQL disagree for {scope.code}: "
                             f"{[(key, orm[key], hand.get(key)) for key in differing]}")
        orm_median, hand_median = statistics.median(orm_seconds), statistics.median(hand_seconds)
        print(f"{scope.name + ' (' + scope.code + ')':<28}{officials:>10,}{orm_median:>11.3f}s{min(orm_seconds):>9.3f}s"
              f"{query_count:>9}{hand_median:>11.3f}s{orm_median / hand_median:>8.2f}"
              f"{statistics.median(cold_seconds):>12.3f}s", flush=True)
        print("    load average (1, 5, 15 min): %.2f %.2f %.2f" % os.getloadavg())
        members = {key: value for key, value in orm.items() if key[2] == TOTAL_ROW_KEY and key[1] == "current"}
        print("    population now:", ", ".join(f"{key[0]} {value[0]:,}" for key, value in sorted(members.items())))
        if arguments.explain:
            with CaptureQueriesContext(connection) as queries:
                orm_counts(scope, plan_code)
            explain(queries.captured_queries, ("SELECT COUNT",))
        if arguments.comparison:
            (units, compared), seconds = timed(lambda: comparison_queries(scope, plan_code), arguments.repeat)
            print(f"    comparison of {units} units: median {statistics.median(seconds):.3f}s, "
                  f"min {min(seconds):.3f}s, {len(compared)} queries", flush=True)
            if arguments.explain:
                # The grouped statements of fetch_column_by_unit (the report's own are explained above).
                explain(compared, ("SELECT (CASE", "SELECT CASE"))


if __name__ == "__main__":
    main()
