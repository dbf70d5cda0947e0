"""Benchmark: reports and comparisons counted afresh against kept (cadre/figure_cache.py).

    DATABASE_URL=sqlite:////tmp/bench10k.sqlite3 CADRE_EMBEDDED=1 python manage.py generate_demo --officials 10000
    DATABASE_URL=sqlite:////tmp/bench10k.sqlite3 python benchmarks/figure_cache_benchmark.py [--repeat 9]

For the first district and the province, with the plan of benchmarks/bieu_01_03_plan.json (imported
each run, as report_benchmark.py does), it times what a report page and the comparison page run —
loading the organization and the plan, checking the request (the default rating year when
--default-years, else the benchmark's years), then report_build or comparison_build — three ways:

- afresh: settings.FIGURE_CACHE off (every figure counted, as before the cache);
- kept: the cache on and warm (what every request after the first one runs while nothing changes);
  "kept service" times report_build / comparison_build alone, the organization and plan loaded;
- after a write: the cache on, each run preceded by a write in the district (a rating edited through
  cadre.services.records.record_update), so the scope's figures are counted again and kept.

It checks that the kept report and comparison equal the ones counted afresh, and prints medians,
minimums and query counts as a Markdown table for docs/performance.md. The edits are rolled back at
the end (one transaction). Not a test.
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

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from cadre.models import Evaluation, Official, Organization  # noqa: E402
from cadre.services.records import record_update  # noqa: E402
from planning.services import plan_import  # noqa: E402
from reports.exporters.report_json import report_as_dict  # noqa: E402
from reports.fetch import load_organization, load_plan  # noqa: E402
from reports.parameters import check_request  # noqa: E402
from reports.services import comparison_build, report_build  # noqa: E402

PLAN_FILE = Path(__file__).with_name("bieu_01_03_plan.json")
AS_OF = dt.date(2024, 6, 30)
RATING_YEARS = (2022, 2023)
BASELINE = dt.date(2020, 12, 31)


def page(kind: str, code: str, plan_code: str, default_years: bool):
    """What the report (or comparison) page runs after parsing: load, check, build."""
    request = check_request(
        organization=load_organization(code), plan=load_plan(plan_code), as_of=AS_OF,
        rating_years=None if default_years else RATING_YEARS, baseline=BASELINE, baseline_rating_years=None,
        target_year=None, today=dt.date(2026, 1, 1),
    )
    if kind == "report":
        return report_as_dict(report_build(**request.as_service_arguments()))
    comparison = comparison_build(**request.as_service_arguments())
    return report_as_dict(comparison.report), [(unit.code, report_as_dict(r)) for unit, r in comparison.units]


def timed(function, repeat: int, before=None) -> tuple[object, list[float], int]:
    seconds, queries, result = [], 0, None
    for _ in range(repeat):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = function()
            seconds.append(time.perf_counter() - started)
        queries = len(captured)
    return result, seconds, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--default-years", action="store_true", dest="default_years",
                        help="let check_request choose the rating year, as the dashboard does")
    arguments = parser.parse_args()

    plan_code = plan_import(data=json.loads(PLAN_FILE.read_text(encoding="utf-8"))).plan.code
    province = Organization.objects.filter(kind="TINH", is_demo=True).order_by("code").first()
    district = Organization.objects.filter(kind="HUYEN", parent=province).order_by("code").first()
    editor = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "figure-bench", password=None)
    ratings = list(Evaluation.objects.within(district).filter(year=2023).order_by("pk")[:200])
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; {Official.objects.count():,} officials")
    print("load average (1, 5, 15 min): %.2f %.2f %.2f" % os.getloadavg(), flush=True)
    print("| scope | page | afresh median (min) | queries | kept median (min) | queries "
          "| kept service median (min) | queries | after a write median (min) | queries |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    edits = iter(ratings)

    def write_in_district():
        rating = next(edits)
        record_update(user=editor, kind="danh-gia", record=rating,
                      changes={"rating": "HTTNV" if rating.rating != "HTTNV" else "HTNV"})

    with transaction.atomic():
        for scope in (district, province):
            for kind in ("report", "comparison"):
                run = lambda: page(kind, scope.code, plan_code, arguments.default_years)  # noqa: E731
                settings.FIGURE_CACHE = False
                run()  # compiled statements kept, as in a running server
                afresh, afresh_seconds, afresh_queries = timed(run, arguments.repeat)
                settings.FIGURE_CACHE = True
                cache.clear()
                run()
                kept, kept_seconds, kept_queries = timed(run, arguments.repeat)
                if kept != afresh:
                    raise SystemExit(f"The kept {kind} of {scope.code} differs from the one counted afresh")
                arguments_now = check_request(
                    organization=load_organization(scope.code), plan=load_plan(plan_code), as_of=AS_OF,
                    rating_years=RATING_YEARS, baseline=BASELINE, baseline_rating_years=None, target_year=None,
                    today=dt.date(2026, 1, 1),
                ).as_service_arguments()
                build = report_build if kind == "report" else comparison_build
                _, service_seconds, service_queries = timed(lambda: build(**arguments_now), arguments.repeat)
                _, written_seconds, written_queries = timed(run, arguments.repeat, before=write_in_district)

                def cell(seconds):
                    return f"{statistics.median(seconds) * 1000:.1f} ms ({min(seconds) * 1000:.1f})"

                print(f"| {scope.code} | {kind} | {cell(afresh_seconds)} | {afresh_queries} | {cell(kept_seconds)} "
                      f"| {kept_queries} | {cell(service_seconds)} | {service_queries} "
                      f"| {cell(written_seconds)} | {written_queries} |", flush=True)
        transaction.set_rollback(True)
    print("load average (1, 5, 15 min): %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
