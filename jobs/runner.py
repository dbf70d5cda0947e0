"""Submitting a job's run and executing it.

Where a run executes:
- CELERY_BROKER_URL set (a server with Redis): the Celery task jobs.tasks.run_job, on a worker
  (`celery -A config worker`; docs/deployment.md).
- Otherwise (the embedded default, `make run`): a thread of the web process, not Celery's
  task_always_eager. An eager task runs inside the request, so the page would wait for the whole job and
  show no progress bar; the thread lets the request answer at once and the progress bar poll the job's
  state file, exactly as with a worker. Nothing is lost if the process stops: the job's transaction rolls
  back, and the job is reported interrupted (jobs.state.STALE_AFTER) for the user to start again.
- IMPORT_IN_BACKGROUND=0 (tests): inline, inside the request. (The setting kept its name from when
  imports were the only background job; it now governs every kind.)

Whatever the runner, `job_execute` does the same: claim the run (at most once), mark it running, do the
kind's work, record done or the failure's Vietnamese message.
"""
from __future__ import annotations

import logging
import secrets
import threading
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connections

from cadre.audit import ChangeSource, audit_context
from jobs.kinds import JOB_KINDS
from jobs.state import DONE, FAILED, QUEUED, RUNNING, Job, JobFailed, UnknownJob, job_claim, job_load, job_save

logger = logging.getLogger(__name__)

NOT_SENT = "Không gửi được công việc tới hàng đợi xử lý nền (Redis). Hãy thử lại sau hoặc báo quản trị viên."


def job_submit(job: Job) -> Job:
    """Start a new run of the job: queued now, executed by the configured runner."""
    job.run = secrets.token_hex(8)
    job.state, job.step, job.error = QUEUED, "Đang chờ xử lý", ""
    job.started_at, job.finished_at, job.done, job.total, job.unit = time.time(), None, None, None, ""
    job_save(job)
    if settings.CELERY_BROKER_URL:
        import config.celery  # noqa: F401  (binds the task to the configured application)
        from jobs.tasks import run_job

        try:
            run_job.apply_async(args=(job.kind, job.token, job.run), retry=False)
        except Exception:  # the broker is down: say so now rather than leave the job waiting
            logger.exception("Job %s could not be sent to the broker", job.token)
            job.state, job.finished_at, job.error = FAILED, time.time(), NOT_SENT
            job_save(job)
    elif getattr(settings, "IMPORT_IN_BACKGROUND", True):
        threading.Thread(target=_execute_in_thread, args=(job.kind, job.token, job.run), daemon=True).start()
    else:
        job_execute(job.kind, job.token, job.run)
    return job_load(type(job), job.token)


def _execute_in_thread(kind: str, token: str, run: str) -> None:
    close_old_connections()
    try:
        job_execute(kind, token, run)
    finally:
        connections.close_all()  # this thread's connections only


def job_execute(kind: str, token: str, run: str) -> str:
    """Do one run of a job, at most once; answer what happened ("done", "failed" or why it was skipped)."""
    job_kind = JOB_KINDS.get(kind)
    if job_kind is None:
        logger.error("Unknown job kind %r (job %s)", kind, token)
        return "unknown kind"
    try:
        job = job_load(job_kind.state_class, token)
    except UnknownJob:
        return "unknown job"
    if job.run != run or job.state != QUEUED or not job_claim(job, run):
        return "skipped"  # an older run, or this run delivered again: it ran (or runs) elsewhere
    job.state, job.step = RUNNING, "Đang xử lý"
    job_save(job)
    user = get_user_model().objects.filter(pk=job.user_id, is_active=True).first() if job.user_id else None
    try:
        if job.user_id and user is None:
            raise JobFailed("Tài khoản đã bắt đầu công việc này không còn hoạt động.")
        # Started on a page: what the work writes is the user's, from a page (an import names its own source).
        with audit_context(user=user, source=ChangeSource.FORM):
            job_kind.work(job, user)
    except JobFailed as failure:
        job.state, job.error = FAILED, str(failure)
    except Exception:  # rolled back; the details go to the log, not to the user
        logger.exception("Job %s (%s) failed", token, kind)
        job.state, job.error = FAILED, job_kind.failure
    else:
        job.state, job.step = DONE, ""
    job.finished_at = time.time()
    job_save(job)
    return job.state
