"""An uploaded workbook between dry run and commit, and the import, run as a background job (jobs/).

The file is kept as MEDIA_ROOT/imports/<token>.xlsx; the session holds the
token and the status file the uploader, so only the person who uploaded it
(or a superuser) can see, commit or cancel it. The workbook is deleted once
committed or cancelled, abandoned uploads after IMPORT_KEEP_HOURS. Each run (dry run
or commit) is a run of the job (jobs.runner: a Celery worker, or a thread of the web process)
and writes its state to MEDIA_ROOT/imports/<token>.json (jobs.state), which the
progress bar polls. The state holds the first
CHANGES_SHOWN changes of the run; all of them are in <token>.changes.json
(`import_job_changes`), so the polled file stays small. A commit re-validates the
whole file (import_workbook is all or nothing), and a commit is started only while the job is not
committed and runs at most once (jobs.state.job_claim): a retried task never commits twice.
"""
from __future__ import annotations

import datetime as dt
import inspect
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from jobs.runner import job_submit
from jobs.state import (
    Job,
    UnknownJob,
    job_load,
    job_of,
    job_save,
    new_token,
    progress_reporter,
    remove_files_older_than,
)
from jobs.state import valid_token as _valid_token


CHANGES_SHOWN = 500  # the status page lists this many changes; the rest are on the list of all changes


class UnknownImport(UnknownJob):
    """No uploaded file for this token."""


@dataclass
class ImportJob(Job):
    """What the status page shows about one uploaded workbook: a job (jobs.state.Job) of kind "import"."""

    kind: str = "import"
    state: str = "uploaded"  # uploaded, then as every job: queued, running, done, failed
    file_name: str = ""
    uploaded_at: str = ""
    mode: str = ""  # "dry_run" or "commit"
    ok: bool | None = None
    committed: bool = False
    problems: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    changes: list[dict] = field(default_factory=list)  # the first CHANGES_SHOWN (ChangeLine.as_dict())
    change_count: int = 0
    batch_id: int | None = None

    folder = "imports"

    @property
    def changes_not_shown(self) -> int:
        return self.change_count - len(self.changes)


def imports_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / ImportJob.folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
    job_save(job)


def import_job_get(token: str) -> ImportJob:
    """The stored state of an upload; a run with nothing saved for STALE_AFTER is reported failed."""
    try:
        return job_load(ImportJob, token)
    except UnknownJob:
        raise UnknownImport(token) from None


def import_job_of(token: str, user) -> ImportJob:
    """The upload if this user made it (a superuser may see any); UnknownImport otherwise."""
    try:
        return job_of(ImportJob, token, user)
    except UnknownJob:
        raise UnknownImport(token) from None


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
    token = new_token()
    with workbook_path(token).open("wb") as destination:
        for chunk in upload.chunks():
            destination.write(chunk)
    job = ImportJob(
        token=token,
        file_name=Path(upload.name).name[:255],
        user_id=user.pk,
        uploaded_at=dt.datetime.now(dt.timezone.utc).isoformat(),
        title=f"Nhập tệp {Path(upload.name).name[:255]}",
        created_at=time.time(),
    )
    _write(job)
    return job


def import_job_start(*, token: str, user, dry_run: bool) -> ImportJob:
    """Run the import (dry run or commit) of an uploaded workbook, as a background job (jobs.runner)."""
    job = import_job_get(token)
    if job.running:
        return job
    if job.committed:
        raise ValueError("Tệp này đã được ghi vào cơ sở dữ liệu.")
    if not dry_run and not job.ok:
        raise ValueError("Chỉ ghi được tệp đã kiểm tra không có lỗi.")
    job.mode = "dry_run" if dry_run else "commit"
    job_submit(job)
    return import_job_get(token)


def import_work(job: ImportJob, user) -> None:
    """The job's work (jobs.kinds): import_workbook, all or nothing; the outcome goes into the job."""
    from cadre.exchange.workbook_import import import_workbook  # the exchange colleague's module

    job.step = "Đang đọc và kiểm tra tệp"
    job_save(job)
    dry_run = job.mode != "commit"
    kwargs = {"user": user, "dry_run": dry_run, "file_name": job.file_name}
    if "progress" in inspect.signature(import_workbook).parameters:
        kwargs["progress"] = progress_reporter(job)
    result = import_workbook(str(workbook_path(job.token)), **kwargs)
    job.ok = result.ok
    job.problems = [_located(problem) for problem in result.problems]
    job.warnings = [_located(problem) for problem in getattr(result, "warnings", [])]
    job.summary = result.summary
    changes = [change.as_dict() for change in getattr(result, "changes", [])]
    _changes_path(job.token).write_text(json.dumps(changes, ensure_ascii=False), encoding="utf-8")
    job.changes, job.change_count = changes[:CHANGES_SHOWN], len(changes)
    if not dry_run and result.ok:
        job.committed = True
        job.batch_id = getattr(result.batch, "pk", None)
        workbook_path(job.token).unlink(missing_ok=True)  # written into the database: the file is not kept


def _located(problem) -> dict:
    return {"sheet": problem.sheet, "row": problem.row, "column": problem.column, "message": problem.message}


def remove_old_files(*, older_than: dt.timedelta | None = None) -> int:
    """Delete uploaded workbooks, status and temporary files older than IMPORT_KEEP_HOURS (abandoned
    uploads); return how many were deleted. Runs on every upload and from `cleanup_imports`."""
    return remove_files_older_than(imports_dir(), dt.timedelta(hours=settings.IMPORT_KEEP_HOURS) if older_than is None else older_than)
