"""An uploaded workbook between dry run and commit, and the import run in the background.

The file is kept as MEDIA_ROOT/imports/<token>.xlsx; the session holds the
token and the status file the uploader, so only the person who uploaded it
(or a superuser) can see, commit or cancel it. The workbook is deleted once
committed or cancelled, abandoned uploads after IMPORT_KEEP_HOURS. Each run (dry run
or commit) writes its state to MEDIA_ROOT/imports/<token>.json, which the
progress bar polls: the state lives on disk, so it is the same for every
worker process and survives a reload of the page. The state holds the first
CHANGES_SHOWN changes of the run; all of them are in <token>.changes.json
(`import_job_changes`), so the polled file stays small. A commit re-validates the
whole file (import_workbook is all or nothing).
"""
from __future__ import annotations

import datetime as dt
import inspect
import json
import logging
import os
import secrets
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connections

logger = logging.getLogger(__name__)

TOKEN_BYTES = 16
CHANGES_SHOWN = 500  # the status page lists this many changes; the rest are on the list of all changes
STALE_AFTER = dt.timedelta(minutes=30)  # a run not finished by then died with its process


class UnknownImport(Exception):
    """No uploaded file for this token."""


@dataclass
class ImportJob:
    """What the status page shows about one uploaded workbook."""

    token: str
    file_name: str
    user_id: int | None
    uploaded_at: str
    mode: str = ""  # "dry_run" or "commit"
    state: str = "uploaded"  # uploaded, running, done, failed
    started_at: float | None = None
    finished_at: float | None = None
    step: str = ""
    done: int | None = None
    total: int | None = None
    unit: str = ""  # what done/total count, when a user can read it ("dòng"); else only the share is shown
    ok: bool | None = None
    committed: bool = False
    problems: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    changes: list[dict] = field(default_factory=list)  # the first CHANGES_SHOWN (ChangeLine.as_dict())
    change_count: int = 0
    batch_id: int | None = None
    error: str = ""

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def percent(self) -> int | None:
        """Share done when the import reports its progress; None when it cannot know."""
        if self.done is None or not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def changes_not_shown(self) -> int:
        return self.change_count - len(self.changes)

    @property
    def elapsed(self) -> int:
        if self.started_at is None:
            return 0
        return round((self.finished_at or time.time()) - self.started_at)


def imports_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _valid_token(token: str) -> bool:
    return len(token) == TOKEN_BYTES * 2 and all(c in "0123456789abcdef" for c in token)


def workbook_path(token: str) -> Path:
    if not _valid_token(token):
        raise UnknownImport(token)
    return imports_dir() / f"{token}.xlsx"


def _status_path(token: str) -> Path:
    return imports_dir() / f"{token}.json"


def _changes_path(token: str) -> Path:
    return imports_dir() / f"{token}.changes.json"


def import_job_changes(token: str) -> list[dict]:
    """Every change of the upload's last run (ChangeLine.as_dict()), in order."""
    path = _changes_path(token) if _valid_token(token) else None
    if path is None or not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _write(job: ImportJob) -> None:
    """Replace the status file in one step, so a reader never sees half of it."""
    path = _status_path(job.token)
    temporary = path.with_suffix(f".{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def import_job_get(token: str) -> ImportJob:
    """The stored state of an upload; a run that outlived STALE_AFTER is reported failed."""
    path = _status_path(token) if _valid_token(token) else None
    if path is None or not path.exists():
        raise UnknownImport(token)
    job = ImportJob(**json.loads(path.read_text(encoding="utf-8")))
    if job.running and job.started_at and time.time() - job.started_at > STALE_AFTER.total_seconds():
        job.state, job.error = "failed", "Quá trình nhập bị gián đoạn. Hãy thử lại."
    return job


def import_job_of(token: str, user) -> ImportJob:
    """The upload if this user made it (a superuser may see any); UnknownImport otherwise."""
    job = import_job_get(token)
    if job.user_id != user.pk and not user.is_superuser:
        raise UnknownImport(token)
    return job


def import_job_cancel(token: str) -> None:
    """Forget an upload: its workbook, status and change files are deleted (a running import is left alone)."""
    job = import_job_get(token)
    if job.running:
        raise ValueError("Tệp đang được kiểm tra hoặc ghi; hãy chờ xong rồi hủy.")
    workbook_path(token).unlink(missing_ok=True)
    _status_path(token).unlink(missing_ok=True)
    _changes_path(token).unlink(missing_ok=True)


def import_upload_store(*, upload, user) -> ImportJob:
    """Keep an uploaded workbook under a new token."""
    remove_old_files()
    token = secrets.token_hex(TOKEN_BYTES)
    with workbook_path(token).open("wb") as destination:
        for chunk in upload.chunks():
            destination.write(chunk)
    job = ImportJob(
        token=token,
        file_name=Path(upload.name).name[:255],
        user_id=user.pk,
        uploaded_at=dt.datetime.now(dt.timezone.utc).isoformat(),
    )
    _write(job)
    return job


def import_job_start(*, token: str, user, dry_run: bool) -> ImportJob:
    """Run the import (dry run or commit) of an uploaded workbook, in the background if configured."""
    job = import_job_get(token)
    if job.running:
        return job
    if not dry_run and not job.ok:
        raise ValueError("Chỉ ghi được tệp đã kiểm tra không có lỗi.")
    job.mode = "dry_run" if dry_run else "commit"
    job.state, job.step, job.error = "running", "Đang đọc và kiểm tra tệp", ""
    job.started_at, job.finished_at, job.done, job.total, job.unit = time.time(), None, None, None, ""
    _write(job)
    if getattr(settings, "IMPORT_IN_BACKGROUND", True):
        thread = threading.Thread(target=_run_in_thread, args=(token, user.pk, dry_run), daemon=True)
        thread.start()
    else:
        _run(token, user, dry_run)
    return import_job_get(token)


def _run_in_thread(token: str, user_id: int, dry_run: bool) -> None:
    close_old_connections()
    try:
        _run(token, get_user_model().objects.get(pk=user_id), dry_run)
    finally:
        connections.close_all()  # this thread's connections only


def _run(token: str, user, dry_run: bool) -> None:
    from cadre.exchange.workbook_import import import_workbook  # the exchange colleague's module

    job = import_job_get(token)
    kwargs = {"user": user, "dry_run": dry_run, "file_name": job.file_name}
    if "progress" in inspect.signature(import_workbook).parameters:
        kwargs["progress"] = _progress_reporter(job)
    try:
        result = import_workbook(str(workbook_path(token)), **kwargs)
    except Exception:  # the transaction has rolled back; the details go to the log, not to the user
        job = import_job_get(token)
        job.state, job.finished_at = "failed", time.time()
        job.error = "Lỗi không mong đợi khi nhập; chưa có dữ liệu nào được ghi. Hãy thử lại hoặc báo quản trị viên."
        _write(job)
        logger.exception("Import %s failed", token)
        return
    job = import_job_get(token)
    job.state, job.finished_at, job.step = "done", time.time(), ""
    job.ok = result.ok
    job.problems = [_located(problem) for problem in result.problems]
    job.warnings = [_located(problem) for problem in getattr(result, "warnings", [])]
    job.summary = result.summary
    changes = [change.as_dict() for change in getattr(result, "changes", [])]
    _changes_path(token).write_text(json.dumps(changes, ensure_ascii=False), encoding="utf-8")
    job.changes, job.change_count = changes[:CHANGES_SHOWN], len(changes)
    if not dry_run and result.ok:
        job.committed = True
        job.batch_id = getattr(result.batch, "pk", None)
        workbook_path(token).unlink(missing_ok=True)  # written into the database: the file is not kept
    _write(job)


def _located(problem) -> dict:
    return {"sheet": problem.sheet, "row": problem.row, "column": problem.column, "message": problem.message}


def _progress_reporter(job: ImportJob):
    """A callback (done, total, step, unit) that saves the progress at most every half second.

    A new step and the end of a step are saved at once.
    """
    last = [0.0]

    def report(done: int, total: int, step: str = "", unit: str = "") -> None:
        now = time.time()
        if now - last[0] < 0.5 and done < total and (not step or step == job.step):
            return
        last[0] = now
        job.done, job.total, job.unit = done, total, unit
        if step:
            job.step = step
        _write(job)

    return report


def remove_old_files(*, older_than: dt.timedelta | None = None) -> int:
    """Delete uploaded workbooks, status and temporary files older than IMPORT_KEEP_HOURS (abandoned
    uploads); return how many were deleted. Runs on every upload and from `cleanup_imports`."""
    if older_than is None:
        older_than = dt.timedelta(hours=settings.IMPORT_KEEP_HOURS)
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for path in imports_dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed
