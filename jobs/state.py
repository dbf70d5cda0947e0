"""The state of a background job, kept on disk where every process sees it.

Why a file and not a table: a job's progress is written while its work runs inside one database
transaction (an import is all or nothing, demo generation is one transaction), so a progress row would
stay invisible to the polling page until the end, and on SQLite its write would wait for the lock the
job itself holds. A small JSON file replaced in one step (`os.replace`) is seen at once, whole, by every
web and worker process of the machine (web and worker share MEDIA_ROOT, as they must for the results).

A job is MEDIA_ROOT/<folder>/<token>.json (imports keep their folder, `imports/`; every other kind is in
`jobs/`), its result MEDIA_ROOT/jobs/<token>.result, written to a temporary file and renamed when complete
(a result is never half-written). The token is 32 random hex digits: a job is found by token and shown
only to the user who started it (a superuser may see any); anyone else gets UnknownJob, which pages
answer with 404.

A run: each start gives the job a new `run` id and hands (kind, token, run) to the runner. The executor
first *claims* the run by creating jobs/<token>.<run>.claim with O_EXCL, which only one process can do; a
delivery of the same run again (a Celery retry, a duplicated message, a second click) finds the claim
and does nothing, so a run is executed at most once and an import is never committed twice. A run that
died with its process is reported failed once nothing has been saved for STALE_AFTER, and the user
starts it again (a new run; the rolled-back transaction left nothing behind).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import secrets
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import ClassVar, TypeVar

from django.conf import settings

TOKEN_BYTES = 16
STALE_AFTER = dt.timedelta(minutes=30)  # nothing saved for this long: the run died with its process
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
INTERRUPTED = "Công việc bị gián đoạn (tiến trình xử lý đã dừng). Hãy thử lại."
NOT_PICKED_UP = "Chưa có tiến trình xử lý nền nào nhận công việc. Hãy thử lại hoặc báo quản trị viên."


class UnknownJob(Exception):
    """No job with this token (for this user)."""


class JobFailed(Exception):
    """The job cannot be done; the message is for the user, in Vietnamese. Nothing has been written."""


@dataclass
class Job:
    """What the status page shows about one job."""

    token: str
    user_id: int | None
    kind: str = ""
    title: str = ""  # what the job does, for the page ("Báo cáo các đơn vị trực thuộc Huyện ủy A")
    state: str = QUEUED  # queued, running, done, failed
    run: str = ""  # the current run; an older run's delivery does nothing
    created_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None
    updated_at: float | None = None
    step: str = ""
    done: int | None = None
    total: int | None = None
    unit: str = ""  # what done/total count, when a user can read it ("đơn vị"); else only the share is shown
    error: str = ""
    params: dict = field(default_factory=dict)
    result_name: str = ""  # the download's file name, once there is a result
    result_type: str = ""
    result_size: int = 0

    folder: ClassVar[str] = "jobs"

    @property
    def running(self) -> bool:
        """Waiting for a worker or being worked on."""
        return self.state in (QUEUED, RUNNING)

    @property
    def percent(self) -> int | None:
        """Share done when the job reports its progress; None when it cannot know."""
        if self.done is None or not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def elapsed(self) -> int:
        if self.started_at is None:
            return 0
        return round((self.finished_at or time.time()) - self.started_at)

    @property
    def has_result(self) -> bool:
        return self.state == DONE and bool(self.result_name)


JobT = TypeVar("JobT", bound=Job)


def job_folder(job_class: type[Job] = Job) -> Path:
    folder = Path(settings.MEDIA_ROOT) / job_class.folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def valid_token(token: str) -> bool:
    return isinstance(token, str) and len(token) == TOKEN_BYTES * 2 and all(c in "0123456789abcdef" for c in token)


def new_token() -> str:
    return secrets.token_hex(TOKEN_BYTES)


def state_path(job_class: type[Job], token: str) -> Path:
    if not valid_token(token):
        raise UnknownJob(token)
    return job_folder(job_class) / f"{token}.json"


def result_path(token: str) -> Path:
    if not valid_token(token):
        raise UnknownJob(token)
    return job_folder(Job) / f"{token}.result"


def job_save(job: Job) -> None:
    """Replace the state file in one step, so a reader never sees half of it."""
    job.updated_at = time.time()
    path = state_path(type(job), job.token)
    temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def job_load(job_class: type[JobT], token: str) -> JobT:
    """The stored state; a run with nothing saved for STALE_AFTER is reported failed."""
    path = state_path(job_class, token)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UnknownJob(token) from None
    known = {f.name for f in dataclasses.fields(job_class)}
    job = job_class(**{name: value for name, value in stored.items() if name in known})
    last = job.updated_at or job.started_at
    if job.running and last and time.time() - last > STALE_AFTER.total_seconds():
        job.error = NOT_PICKED_UP if job.state == QUEUED else INTERRUPTED
        job.state = FAILED
    return job


def job_of(job_class: type[JobT], token: str, user) -> JobT:
    """The job if this user started it (a superuser may see any); UnknownJob otherwise."""
    job = job_load(job_class, token)
    if job.user_id != user.pk and not user.is_superuser:
        raise UnknownJob(token)
    return job


def job_create(*, kind: str, user, title: str, params: dict) -> Job:
    job = Job(token=new_token(), user_id=getattr(user, "pk", None), kind=kind, title=title, params=params,
              created_at=time.time())
    job_save(job)
    return job


def job_claim(job: Job, run: str) -> bool:
    """Take the run for this process; False when another delivery of it took it first."""
    if not run or not all(c in "0123456789abcdef" for c in run):
        return False
    claim = job_folder(Job) / f"{job.token}.{run}.claim"  # every kind's claims in jobs/, beside no upload
    try:
        os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    return True


def result_write(job: Job, *, name: str, content_type: str, write) -> None:
    """Store the job's result: `write(path)` fills a temporary file, which then becomes the result at once."""
    final = result_path(job.token)
    temporary = final.with_suffix(f".{os.getpid()}.{threading.get_ident()}.partial")
    try:
        write(temporary)
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    job.result_name, job.result_type, job.result_size = name, content_type, final.stat().st_size


def progress_reporter(job: Job):
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
        job_save(job)

    return report


def remove_old_job_files(*, older_than: dt.timedelta | None = None) -> int:
    """Delete job states, results and claims older than JOB_KEEP_HOURS; return how many were deleted."""
    return remove_files_older_than(job_folder(Job), dt.timedelta(hours=settings.JOB_KEEP_HOURS) if older_than is None else older_than)


def remove_files_older_than(folder, older_than: dt.timedelta) -> int:
    """Delete the files of `folder` last written before `older_than` ago; return how many were deleted
    (a file another process deleted meanwhile is not counted)."""
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed
