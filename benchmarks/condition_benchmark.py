"""Benchmark: a plan whose rows use every kind of condition (data-contract section 2), both columns,
for one district and for the whole province, on generated demo data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_cond_bench \\
        .venv/bin/python benchmarks/condition_benchmark.py [--generate 20000] [--repeat 5] [--plan-file F]
            [--comparison [--no-object-table]]

--generate N migrates the database and fills it with `generate_demo --officials N` when it holds no
demo data yet. The plan (one table over CB_XA with the rows of tests/reports/test_conditions.py
EVERY_KIND) is imported each run. Prints the median time of report_build, the number of queries, and
the time of the same report with the kept statements cleared (the first report of a plan). A
benchmark, not a test.

--plan-file F times that plan file's plan instead (e.g. fixtures/seed_000_plan.json, seed 000's
figures as rows), every table of it; the plan is imported when its code is absent, issued by the
organization it names or, when that does not exist, by the first demo district.

--comparison times comparison_build instead (the report of the scope and of each unit directly below
it: the province's districts, the district's communes and agencies) for the built-in plan, then for a
plan with a second table over a population object (the communes' key posts) whose rows are indicator
rows and conditions (--no-object-table: the first plan only).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CADRE_EMBEDDED", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.report_benchmark import AS_OF, BASELINE, ensure_data, timed  # noqa: E402
from cadre.models import Official, Organization  # noqa: E402
from planning.models import Plan  # noqa: E402
from planning.services import plan_import  # noqa: E402
from reports.fetch import clear_statements, comparison_units, load_plan  # noqa: E402
from reports.parameters import check_request  # noqa: E402
from reports.services import comparison_build, report_build  # noqa: E402

SECRETARIES = {"positions": ["BT_DU"], "unit_kind": "XA"}
ROWS = [
    {"label": "LLCT sơ cấp", "where": {"qual": {"type": "LY_LUAN", "eq": "SO_CAP"}}},
    {"label": "LLCT sơ cấp, trung cấp", "where": {"qual": {"type": "LY_LUAN", "in": ["SO_CAP", "TRUNG_CAP"]}}},
    {"label": "LLCT dưới cao cấp", "where": {"qual": {"type": "LY_LUAN", "lt": "CAO_CAP"}}},
    {"label": "Chưa có LLCT", "where": {"qual": {"type": "LY_LUAN", "none": True}}},
    {"label": "Nam 30-60 không là Thái, chưa vào Đảng", "where": {"all": [
        {"gender": "NAM"}, {"age": {"gte": 30, "lt": 60}}, {"ethnicity": {"ne": "Thái"}},
        {"not": {"party_member": True}}]}},
    {"label": "Trẻ dưới 40", "where": {"indicator": "TRE", "params": {"age_under": 40}}},
    {"label": "Giữ CT HĐND xã trong phạm vi", "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "scope"}}},
    {"label": "BT kiêm CT HĐND cùng xã", "population": SECRETARIES,
     "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}},
    {"label": "BT không là người địa phương", "population": SECRETARIES,
     "where": {"hometown": {"outside": "same_unit"}}},
    {"label": "Cử đi học cao cấp", "where": {"event": {"kind": ["CU_DI_HOC"], "program": ["LLCT_CAO_CAP"]}}},
    {"label": "Xã có BT kiêm CT HĐND", "population": SECRETARIES, "unit": True, "compare": ["delta_points"],
     "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}},
    {"label": "Quy hoạch BT", "indicator": "TONG_SO", "multiple_of": "CB_XA",
     "population": {"planned_for": ["BT_DU"], "terms": ["2025-2030", "2026-2031"]}},
]
PLAN = {"code": "BENCH-DK/HU", "title": "Điều kiện", "organization": None, "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "ĐIỀU KIỆN", "population": "CB_XA", "rows": ROWS}]}
# The comparison's plan: the same table, and one over a population object (its indicator rows count over it).
KEY_POSTS = {"positions": ["BT_DU", "CT_HDND_XA", "CT_UBND_XA"], "unit_kind": "XA"}
OBJECT_ROWS = [
    {"label": "Nữ", "indicator": "NU"},
    {"label": "LLCT trung cấp trở lên", "indicator": "LLCT_TRUNG_CAP"},
    {"label": "Giữ CT HĐND xã trong phạm vi", "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "scope"}}},
    {"label": "Không là người địa phương", "where": {"hometown": {"outside": "same_unit"}}},
    {"label": "Xã có cán bộ nữ", "indicator": "DV_CO_NU"},
]
COMPARISON_PLAN = {**PLAN, "code": "BENCH-SS/HU", "tables": [
    *PLAN["tables"],
    {"number": "Biểu 02", "title": "CHỦ CHỐT XÃ", "population": KEY_POSTS, "rows": OBJECT_ROWS},
]}


def build(scope: Organization, code: str = PLAN["code"]):
    with CaptureQueriesContext(connection) as queries:
        request = check_request(organization=scope, plan=load_plan(code), as_of=AS_OF, rating_years=None,
                                baseline=BASELINE, baseline_rating_years=None, target_year=None)
        report = report_build(**request.as_service_arguments())
    return report, len(queries)


def build_comparison(scope: Organization, plan: dict):
    with CaptureQueriesContext(connection) as queries:
        request = check_request(organization=scope, plan=load_plan(plan["code"]), as_of=AS_OF, rating_years=None,
                                baseline=BASELINE, baseline_rating_years=None, target_year=None)
        comparison = comparison_build(**request.as_service_arguments())
    return comparison, len(queries)


def compare(scopes, plan: dict, repeat: int) -> None:
    """The comparison of each scope: median and minimum time, queries, units, and the first units' figures."""
    print(f"{'scope':<34}{'units':>6}{'median':>9}{'min':>8}{'queries':>9}{'cold median':>13}")
    for scope in scopes:
        (comparison, queries), seconds = timed(lambda: build_comparison(scope, plan), repeat)
        _, cold = timed(lambda: build_comparison(scope, plan), repeat, before=clear_statements)
        print(f"{scope.name[:32]:<34}{len(comparison_units(scope, AS_OF)):>6}{statistics.median(seconds):>8.3f}s"
              f"{min(seconds):>7.3f}s{queries:>9}{statistics.median(cold):>12.3f}s")
        for unit, report in comparison.units[:2]:
            for table in report.tables:
                print(f"    {unit.name[:24]:<25}{table.number}: " + ", ".join(
                    f"{row.current.count}/{row.current.total}" for row in table.rows))


def plan_from_file(path: Path, district: Organization) -> Plan:
    """The plan file's plan, imported first when absent (issued by `district` when the organization
    the file names does not exist)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not Plan.objects.filter(code__iexact=data["code"]).exists():
        if not Organization.objects.filter(code__iexact=data["organization"]).exists():
            data["organization"] = district.code
        plan_import(data=data)
    return Plan.objects.select_related("organization").get(code__iexact=data["code"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generate", type=int, metavar="N")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--plan-file", type=Path, dest="plan_file", metavar="F",
                        help="time this plan file's plan (imported when absent) instead of the built-in one")
    parser.add_argument("--comparison", action="store_true",
                        help="time comparison_build (each unit below the scope): the plan, then with a table over a "
                             "population object")
    parser.add_argument("--no-object-table", action="store_true", dest="no_object_table",
                        help="with --comparison: the plan only (code that reads no population objects)")
    arguments = parser.parse_args()
    ensure_data(arguments.generate)
    province = Organization.objects.filter(kind="TINH", is_demo=True).order_by("code").first()
    district = Organization.objects.filter(kind="HUYEN", parent=province).order_by("code").first()
    if arguments.comparison:
        plans = [PLAN] if arguments.no_object_table else [PLAN, COMPARISON_PLAN]
        for plan in plans:
            plan_import(data={**plan, "organization": province.code})
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"database: {connection.vendor}; {Official.objects.count():,} officials; "
              "load average %.2f %.2f %.2f" % os.getloadavg())
        for plan in plans:
            print(f"plan {plan['code']}: {len(plan['tables'])} table(s)")
            compare((district, province), plan, arguments.repeat)
        return
    if arguments.plan_file is not None:
        plan = plan_from_file(arguments.plan_file, district)
        code = plan.code
        if plan.organization.kind == "HUYEN":  # the district the plan is for (the demo: its first, Phong Thổ)
            district = plan.organization
    else:
        code = PLAN["code"]
        plan_import(data={**PLAN, "organization": province.code})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"database: {connection.vendor}; {Official.objects.count():,} officials; plan {code}; "
          "load average %.2f %.2f %.2f" % os.getloadavg())
    print(f"{'scope':<34}{'officials':>10}{'median':>9}{'min':>8}{'queries':>9}{'cold median':>13}")
    for scope in (district, province):
        (report, queries), seconds = timed(lambda: build(scope, code), arguments.repeat)
        _, cold = timed(lambda: build(scope, code), arguments.repeat, before=clear_statements)
        print(f"{scope.name[:32]:<34}{Official.objects.within(scope).count():>10,}"
              f"{statistics.median(seconds):>8.3f}s{min(seconds):>7.3f}s{queries:>9}{statistics.median(cold):>12.3f}s")
        for table in report.tables if arguments.plan_file is not None else report.tables[:1]:
            if arguments.plan_file is not None:
                print(f"  {table.number}")
            for row in table.rows:
                print(f"    {row.label[:45]:<46}{row.current.count:>7,}/{row.current.total:<7,}"
                      f"{'' if row.multiple is None else f'  multiple {float(row.multiple):.2f}'}")


if __name__ == "__main__":
    main()
