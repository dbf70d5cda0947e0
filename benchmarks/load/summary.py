"""A Markdown table of a locust stats CSV: p50/p95/p99, throughput and errors per page."""
import csv
import sys


def main(path: str, title: str) -> None:
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    print(f"\n#### {title}\n")
    print("| trang | yêu cầu | lỗi | p50 (ms) | p95 (ms) | p99 (ms) | yêu cầu/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**tổng**"
        print(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {row['95%']} | "
              f"{row['99%']} | {float(row['Requests/s']):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
