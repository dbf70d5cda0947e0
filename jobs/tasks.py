"""The one Celery task: a run of a job (jobs.runner.job_execute). A delivery of a run that already ran
or runs does nothing (jobs.state.job_claim), so a retried or duplicated message is harmless."""
from celery import shared_task
from django.db import connections

from jobs.runner import job_execute


@shared_task(name="jobs.run_job", ignore_result=True)
def run_job(kind: str, token: str, run: str) -> str:
    try:
        return job_execute(kind, token, run)
    finally:
        connections.close_all()  # no connection is held between jobs (a database may be dropped meanwhile)
