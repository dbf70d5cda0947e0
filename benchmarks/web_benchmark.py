"""Time the officials list and profile pages (and the other pages) on a large database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_web_bench \
        python manage.py generate_demo --officials 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_web_bench \
        python benchmarks/web_benchmark.py [--repeat 15]

Each page is requested through Django's test client (the whole stack:
middleware, session, scoping, selectors, templates; no network), once to
warm up, then `--repeat` times. Prints the median and the slowest time and
the number of SQL queries, as a Markdown table for docs/performance.md,
with the load average before and after the run (the machine is shared:
compare runs made at a similar load, and prefer medians of several runs).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CADRE_EMBEDDED", "1")  # a local run: the key file .secret_key when SECRET_KEY is unset
os.environ["DEBUG"] = "0"
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from cadre.models import Official, PositionRecord  # noqa: E402
from cadre.models import Population  # noqa: E402


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    """(median ms, slowest ms, queries, status) of `repeat` requests after one warm-up."""
    client.get(url)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), len(queries), response.status_code


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: the machine is shared, so each run says how busy it was."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:  # not available on this platform
        return "n/a"


def busiest_official(user) -> Official:
    """The official of the user's scope with the most position records (the heaviest profile)."""
    from django.db.models import Count

    return (
        Official.objects.visible_to(user).annotate(records=Count("positions")).order_by("-records", "pk").first()
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--random-page-cost", type=float, default=None,
                        help="PostgreSQL planner setting for this run (1.1 is usual on SSD; the server default is 4).")
    options = parser.parse_args()
    if options.random_page_cost is not None and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET random_page_cost = %s", [options.random_page_cost])
    officials = Official.objects.count()
    print(f"Database: {connection.vendor}, {officials:,} officials, "
          f"{PositionRecord.objects.count():,} positions".replace(",", "."))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW random_page_cost")
            print(f"random_page_cost = {cursor.fetchone()[0]}")
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'cadre_official_search_trgm'")
            print(f"trigram index on search_text: {'yes' if cursor.fetchone() else 'no (migrate cadre)'}")
    print(f"load average before: {load_average()}")
    population = Population.objects.get(code="CB_XA")
    rows = []
    for username in ("staff1", "reviewer"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        scope = Official.objects.visible_to(user).count()
        heavy = busiest_official(user)
        list_url = reverse("cadre:official_list")
        pages = [
            ("Danh sách, trang 1 (50 dòng)", list_url),
            ("Danh sách, 200 dòng", f"{list_url}?so_dong=200"),
            ("Danh sách, trang 100", f"{list_url}?trang=100"),
            ("Tìm “nguyen van” (không dấu)", f"{list_url}?q=nguyen+van"),
            ("Tìm theo số CCCD", f"{list_url}?q={heavy.citizen_id or heavy.code}"),
            ("Lọc: cán bộ cấp xã, nữ, đảng viên", f"{list_url}?doi_tuong={population.pk}&gioi_tinh=NU&dang_vien=co"),
            ("Lọc: xếp loại HTXSNV năm 2024", f"{list_url}?nam_danh_gia=2024&xep_loai=HTXSNV"),
            (f"Hồ sơ ({heavy.positions.count()} chức vụ)", reverse("cadre:official_detail", args=[heavy.pk])),
            ("Cây tổ chức", reverse("cadre:organization_tree")),
            ("Tổng quan chỉ tiêu", reverse("dashboard")),
        ]
        for label, url in pages:
            median, slowest, queries, status = measure(client, url, options.repeat)
            rows.append((f"{username} ({scope:,} cán bộ)".replace(",", "."), label, median, slowest, queries, status))
            print(f"{rows[-1][0]:<26} {label:<40} {median:7.1f} ms  max {slowest:7.1f} ms  {queries:3d} queries  {status}")
    print(f"load average after: {load_average()}")
    print()
    print("| người dùng (phạm vi) | trang | trung vị (ms) | chậm nhất (ms) | số truy vấn |")
    print("|---|---|---:|---:|---:|")
    for who, label, median, slowest, queries, status in rows:
        print(f"| {who} | {label} | {median:.0f} | {slowest:.0f} | {queries} |")


if __name__ == "__main__":
    main()
