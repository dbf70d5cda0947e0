"""Server-side time per page from gunicorn's access log (gunicorn.conf.py writes `%(M)sms`): what a worker
spent on each request, without the time it waited in the listen queue, per page and per run window.

    .venv/bin/python benchmarks/load/server_times.py benchmarks/load/results/gunicorn.log

Windows: the requests are split where the log has a gap of more than 20 s without requests (between the
two runs of run_load_test.sh). Pages are named as in locustfile.py.
"""
from __future__ import annotations

import datetime as dt
import re
import sys

LINE = re.compile(r'\[(\d+/\w+/\d+:\d+:\d+:\d+) [+-]\d{4}\] "(\w+) (\S+) [^"]*" (\d+) \S+ (\d+)ms')
PAGES = [  # (path prefix, page), first match wins; the query string is not in the log
    ("/bao-cao/so-sanh/", "so sánh"),
    ("/bao-cao/", "báo cáo"),
    ("/to-chuc/", "cây tổ chức"),
    ("/tong-quan/", "tổng quan"),
    ("/dang-nhap/", "đăng nhập"),
]


def page_of(method: str, path: str) -> str:
    if path == "/can-bo/":
        return "danh sách cán bộ, tìm kiếm"
    if path.startswith("/can-bo/"):
        return "hồ sơ cán bộ"
    for prefix, name in PAGES:
        if path.startswith(prefix):
            return f"{name} ({method})" if name == "đăng nhập" else name
    return path


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(path: str) -> None:
    requests = []
    for line in open(path, encoding="utf-8", errors="replace"):
        found = LINE.search(line)
        if found and "python-requests" in line:
            at = dt.datetime.strptime(found.group(1), "%d/%b/%Y:%H:%M:%S")
            requests.append((at, page_of(found.group(2), found.group(3)), int(found.group(5))))
    windows, current = [], []
    for request in requests:
        if current and (request[0] - current[-1][0]).total_seconds() > 20:
            windows.append(current)
            current = []
        current.append(request)
    if current:
        windows.append(current)
    for number, window in enumerate(windows, start=1):
        print(f"\nrun {number}: {window[0][0]:%H:%M:%S} → {window[-1][0]:%H:%M:%S} (server time)\n")
        print("| trang | yêu cầu | p50 (ms) | p95 (ms) | p99 (ms) | chậm nhất (ms) |")
        print("|---|---:|---:|---:|---:|---:|")
        pages: dict[str, list[int]] = {}
        for _, page, ms in window:
            pages.setdefault(page, []).append(ms)
        for page, values in sorted(pages.items()):
            print(f"| {page} | {len(values)} | {percentile(values, .5)} | {percentile(values, .95)} | "
                  f"{percentile(values, .99)} | {max(values)} |")


if __name__ == "__main__":
    main(sys.argv[1])
