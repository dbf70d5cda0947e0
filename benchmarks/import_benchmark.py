"""Benchmark: import a 10,000-official exchange workbook into an empty database.

    .venv/bin/python benchmarks/import_benchmark.py [--officials 10000] [--repeat 3]
        [--backends postgresql sqlite] [--progress] [--regenerate] [--cleanup]

The workbook is the project's own: `generate_demo --officials N --seed 2026`
into a scratch PostgreSQL database `cadre_import_src` (dropped and created),
then `export_workbook --org <province> FILE` of the whole province (all seven
sheets) to /tmp/import_benchmark/officials-N.xlsx. The file is reused by later
runs unless --regenerate is given.

Each run of a backend starts from a new empty database, migrated:
PostgreSQL `cadre_import_dst` (dropped and created; --pg-server names the
server, default postgres://postgres@127.0.0.1:5432) or the SQLite file
/tmp/import_benchmark/dst.sqlite3. Three steps follow, each in a fresh
process so that its peak memory (ru_maxrss) is its own, each calling
`cadre.exchange.workbook_import.import_workbook` as the `import_workbook`
command does (the web page's job runner calls the same function):

- dry run: `dry_run=True`, validation only, nothing written;
- commit: the real import, one transaction; afterwards the rows of every
  table are counted and must equal the workbook's rows (and the history one
  row per created row);
- re-import: the same file again; it must change nothing (no batch).

Printed: the workbook's sheet row counts, then per backend and step the
median, fastest and slowest wall time over --repeat runs, the peak RSS of
the process and how much it grew during the import (a lower bound of what
the import allocates: memory the start-up freed is reused), and the load
average before and after. --tracemalloc adds the Python heap peak of the
import itself, but slows it several times (time it without).

--progress also runs a dry run and a commit through the web page's job runner
(`cadre.services.import_jobs.import_job_start`, in its background thread, as
a superuser without an organization) on a fresh database of each backend,
polls the JSON state file the progress bar reads every 0.25 s, and prints
what the bar could show: (seconds, step, done / total).

The databases cadre_bench, cadre_ci and cadre_test* are never touched.
--cleanup drops the two scratch databases and deletes the files at the end.
It is a benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CADRE_EMBEDDED", "1")  # a local run: the key file .secret_key when SECRET_KEY is unset

WORK = Path("/tmp/import_benchmark")
SOURCE_DB = "cadre_import_src"
TARGET_DB = "cadre_import_dst"
PROTECTED = ("cadre_bench", "cadre_ci")
SHEETS = ("ToChuc", "CanBo", "ChucVu", "TrinhDo", "DanhGia", "SuKien", "QuyHoach", "DangVien")
STEPS = {"dry-run": "chạy thử (chỉ kiểm tra)", "commit": "ghi (commit)", "reimport": "nhập lại cùng tệp"}
MB = 1024 * 1024


# --- databases -------------------------------------------------------------------


def _check_name(name: str) -> None:
    if name in PROTECTED or name.startswith("cadre_test"):
        raise SystemExit(f"refusing to touch database {name}")


def recreate_postgres(server: str, name: str) -> str:
    """Drop and create database `name`; returns its DATABASE_URL."""
    import psycopg

    _check_name(name)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_postgres(server: str, name: str) -> None:
    import psycopg

    _check_name(name)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def recreate_sqlite() -> str:
    path = WORK / "dst.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def fresh_database(backend: str, server: str) -> str:
    url = recreate_postgres(server, TARGET_DB) if backend == "postgresql" else recreate_sqlite()
    manage(url, "migrate", "--noinput", "-v", "0")
    return url


def manage(url: str, *arguments: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *arguments], check=True, cwd=ROOT,
                   env={**os.environ, "DATABASE_URL": url})


def child(url: str, *arguments: str) -> dict:
    """Run this script in a new process on database `url`; its last output line is JSON."""
    completed = subprocess.run(
        [sys.executable, __file__, *arguments], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DATABASE_URL": url},
    )
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{completed.stdout}{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- the workbook ----------------------------------------------------------------


def make_workbook(server: str, officials: int, seed: int, regenerate: bool) -> Path:
    path = WORK / f"officials-{officials}.xlsx"
    if path.exists() and not regenerate:
        print(f"Workbook: {path} (reused; --regenerate to rebuild)")
        return path
    url = recreate_postgres(server, SOURCE_DB)
    manage(url, "migrate", "--noinput", "-v", "0")
    started = time.perf_counter()
    manage(url, "generate_demo", "--officials", str(officials), "--seed", str(seed))
    generated = time.perf_counter() - started
    province = child(url, "--phase", "province")["code"]
    started = time.perf_counter()
    manage(url, "export_workbook", "--org", province, str(path))
    exported = time.perf_counter() - started
    print(f"Workbook: {path}: generate_demo {generated:.1f} s, export_workbook --org {province} {exported:.1f} s")
    return path


def sheet_rows(path: Path) -> dict[str, int]:
    """Data rows of each sheet, as the import reads them."""
    import django

    django.setup()
    from cadre.exchange.workbook_reader import read_workbook

    workbook, problems = read_workbook(str(path))
    if problems:
        raise SystemExit(f"the workbook cannot be read: {problems}")
    return {name: len(workbook.sheets[name].rows) if name in workbook.sheets else 0 for name in SHEETS}


# --- one step, in its own process -------------------------------------------------


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB  # Linux: KiB


def run_phase(phase: str, path: str, use_tracemalloc: bool) -> dict:
    import django

    django.setup()
    from django.db import connection

    from cadre.models import Organization

    if phase == "province":
        return {"code": Organization.objects.filter(kind="TINH", parent=None).order_by("code").first().code}

    from cadre.exchange.workbook_import import import_workbook

    connection.ensure_connection()
    before = rss_mb()
    if use_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    result = import_workbook(path, dry_run=phase == "dry-run")
    seconds = time.perf_counter() - started
    heap = tracemalloc.get_traced_memory()[1] / MB if use_tracemalloc else None
    if use_tracemalloc:
        tracemalloc.stop()
    if not result.ok:
        raise SystemExit(f"{phase}: the import failed: {[str(p) for p in result.problems[:10]]}")
    return {
        "seconds": seconds, "rss_before": before, "rss_peak": rss_mb(), "heap_peak": heap,
        "summary": result.summary, "batch": result.batch.pk if result.batch else None,
        "counts": table_counts() if phase == "commit" else None,
    }


def table_counts() -> dict[str, int]:
    from cadre.models import (
        CareerEvent, ChangeRecord, Evaluation, ImportBatch, Official, Organization, PartyStatistics, PlanningEntry,
        PositionRecord, QualificationRecord,
    )

    models = {
        "ToChuc": Organization, "CanBo": Official, "ChucVu": PositionRecord, "TrinhDo": QualificationRecord,
        "DanhGia": Evaluation, "SuKien": CareerEvent, "QuyHoach": PlanningEntry,
        "DangVien": PartyStatistics, "ChangeRecord": ChangeRecord, "ImportBatch": ImportBatch,
    }
    return {name: model.objects.count() for name, model in models.items()}


def check(phase: str, measured: dict, rows: dict[str, int]) -> None:
    """The commit wrote exactly the workbook; the re-import changed nothing."""
    summary = measured["summary"]
    if phase in ("dry-run", "commit"):
        created = {name: summary[name]["created"] for name in SHEETS}
        if created != rows:
            raise SystemExit(f"{phase}: created {created}, the workbook has {rows}")
    if phase == "commit":
        counts = measured["counts"]
        expected = {**rows, "ChangeRecord": sum(rows.values()), "ImportBatch": 1}
        if counts != expected:
            raise SystemExit(f"after the commit the database holds {counts}, expected {expected}")
    if phase == "reimport":
        changed = {name: c for name, c in summary.items() if c["created"] or c["updated"] or c["deleted"]}
        if changed or measured["batch"] is not None:
            raise SystemExit(f"the re-import changed {changed} (batch {measured['batch']})")


# --- the progress bar ------------------------------------------------------------


def watch_progress(path: str) -> dict:
    """Dry run, then commit, through the web page's job runner; samples of the state file."""
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = str(WORK / "media")
    settings.IMPORT_IN_BACKGROUND = True
    from accounts.models import User
    from cadre.services import import_jobs

    user = User.objects.create_superuser("bench_admin", password=None)

    class Upload:
        name = Path(path).name

        def chunks(self):
            yield Path(path).read_bytes()

    job = import_jobs.import_upload_store(upload=Upload(), user=user)
    runs = {}
    for mode, dry_run in (("dry-run", True), ("commit", False)):
        started = time.time()
        import_jobs.import_job_start(token=job.token, user=user, dry_run=dry_run)
        samples = []
        while True:
            state = import_jobs.import_job_get(job.token)
            sample = [state.step, state.done, state.total, state.unit]
            if not samples or samples[-1][1:] != sample:
                samples.append([round(time.time() - started, 1), *sample])
            if not state.running:
                break
            time.sleep(0.25)
        runs[mode] = {"seconds": state.finished_at - state.started_at, "ok": state.ok,
                      "committed": state.committed, "samples": samples}
    return runs


def print_progress(backend: str, runs: dict) -> None:
    for mode, run in runs.items():
        print(f"\n{backend}, {STEPS[mode]} through the job runner: {run['seconds']:.1f} s, ok={run['ok']}, "
              f"committed={run['committed']}")
        steps: dict[str, int] = {}
        for seconds, step, done, total, unit in run["samples"]:
            shown = f"{done:,} / {total:,} {unit}".strip() if total else "(no count)"
            print(f"  {seconds:6.1f} s  {step or '(finished)':<36} {shown}")
            if total and step:
                steps[step] = steps.get(step, 0) + 1
        missing = [step for step, count in steps.items() if count < 2]
        print("  progress counted in every step" if steps and not missing else f"  NO PROGRESS in {missing or 'any step'}")


# --- main ------------------------------------------------------------------------


def measure_backend(backend: str, server: str, path: Path, rows: dict[str, int], repeat: int,
                    use_tracemalloc: bool) -> list[dict]:
    results = {phase: [] for phase in STEPS}
    load_before = os.getloadavg()
    for run in range(1, repeat + 1):
        url = fresh_database(backend, server)
        for phase in STEPS:
            arguments = ["--phase", phase, "--file", str(path)] + (["--tracemalloc"] if use_tracemalloc else [])
            measured = child(url, *arguments)
            check(phase, measured, rows)
            results[phase].append(measured)
            print(f"  {backend} run {run}: {phase:<9} {measured['seconds']:6.1f} s, peak RSS "
                  f"{measured['rss_peak']:.0f} MB (+{measured['rss_peak'] - measured['rss_before']:.0f})", flush=True)
    load_after = os.getloadavg()
    rows_out = []
    for phase, runs in results.items():
        seconds = [r["seconds"] for r in runs]
        rows_out.append({
            "backend": backend, "phase": phase, "median": statistics.median(seconds), "min": min(seconds),
            "max": max(seconds), "rss_peak": max(r["rss_peak"] for r in runs),
            "rss_added": max(r["rss_peak"] - r["rss_before"] for r in runs),
            "heap_peak": max(r["heap_peak"] for r in runs) if use_tracemalloc else None,
            "load": (load_before, load_after),
        })
    return rows_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--officials", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3, help="runs per backend, each on a new empty database")
    parser.add_argument("--backends", nargs="+", choices=("postgresql", "sqlite"), default=["postgresql", "sqlite"])
    parser.add_argument("--pg-server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--regenerate", action="store_true", help="build the workbook again")
    parser.add_argument("--progress", action="store_true", help="also watch the progress bar's state file")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also measure the Python heap peak (slows the import: the times are then not comparable)")
    parser.add_argument("--cleanup", action="store_true", help="drop the scratch databases and files at the end")
    parser.add_argument("--phase", choices=(*STEPS, "province", "progress"), help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.phase == "progress":
        print(json.dumps(watch_progress(options.file), ensure_ascii=False))
        return
    if options.phase:
        print(json.dumps(run_phase(options.phase, options.file, options.tracemalloc)))
        return

    WORK.mkdir(parents=True, exist_ok=True)
    path = make_workbook(options.pg_server, options.officials, options.seed, options.regenerate)
    rows = sheet_rows(path)
    print(f"{path.stat().st_size / MB:.1f} MB; rows: " + ", ".join(f"{name} {count:,}" for name, count in rows.items())
          + f"; total {sum(rows.values()):,}")
    print(f"load average at start: {' '.join(f'{value:.2f}' for value in os.getloadavg())}; "
          f"{os.cpu_count()} CPUs", flush=True)

    table = []
    for backend in options.backends:
        table += measure_backend(backend, options.pg_server, path, rows, options.repeat, options.tracemalloc)
    if options.progress:
        for backend in options.backends:
            url = fresh_database(backend, options.pg_server)
            print_progress(backend, child(url, "--phase", "progress", "--file", str(path)))

    print()
    print(f"Tệp: {options.officials:,} cán bộ; ".replace(",", ".")
          + ", ".join(f"{name} {count:,}".replace(",", ".") for name, count in rows.items()))
    heap = options.tracemalloc
    print("\n| cơ sở dữ liệu | bước | trung vị (s) | nhanh nhất (s) | chậm nhất (s) | RSS đỉnh (MB) | tăng thêm (MB) |"
          + (" heap Python đỉnh (MB) |" if heap else "") + " load average trước → sau |")
    print("|---|---|---:|---:|---:|---:|---:|" + ("---:|" if heap else "") + "---|")
    for row in table:
        before, after = row["load"]
        print(f"| {row['backend']} | {STEPS[row['phase']]} | {row['median']:.1f} | {row['min']:.1f} | {row['max']:.1f} "
              f"| {row['rss_peak']:.0f} | {row['rss_added']:.0f} |" + (f" {row['heap_peak']:.0f} |" if heap else "")
              + f" {before[0]:.2f} → {after[0]:.2f} |")
    slowest = max(table, key=lambda row: row["max"])
    if heap:
        verdict = "tracemalloc slows the import several times: time it again without --tracemalloc"
    else:
        verdict = ("under" if slowest["max"] < 60 else "OVER") + " the 60 s goal"
    print(f"\nSlowest single step: {slowest['backend']} {slowest['phase']} {slowest['max']:.1f} s ({verdict}).")

    if options.cleanup:
        drop_postgres(options.pg_server, SOURCE_DB)
        drop_postgres(options.pg_server, TARGET_DB)
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
