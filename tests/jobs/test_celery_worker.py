"""End to end: a job sent through Redis to a real Celery worker (started by .ci/run), which does it against
the same test database and MEDIA_ROOT. Runs only where .ci/run says a worker listens:

    CELERY_E2E_BROKER=redis://127.0.0.1:6379/1  CELERY_E2E_MEDIA_ROOT=/tmp/…  on PostgreSQL (the worker opens
    the test database by name; SQLite's test database lives in this process's memory)
"""
from __future__ import annotations

import datetime as dt
import io
import os
import time

import pytest
from django.db import connection
from openpyxl import load_workbook

from cadre.exchange.export_job import exchange_export_start
from cadre.exchange.workbook_export import export_workbook
from jobs.runner import job_execute
from jobs.state import DONE, Job, job_load, result_path
from tests.factories import add_position, make_district_tree, make_official, make_user
from tests.web.catalog_seed import ensure_catalogs

BROKER = os.environ.get("CELERY_E2E_BROKER", "")
MEDIA = os.environ.get("CELERY_E2E_MEDIA_ROOT", "")

pytestmark = [
    pytest.mark.skipif(not (BROKER and MEDIA), reason="CELERY_E2E_BROKER and CELERY_E2E_MEDIA_ROOT are unset: "
                                                       "no Celery worker to send to (.ci/run starts one)"),
    pytest.mark.django_db(transaction=True),
]


def cells(path):
    book = load_workbook(io.BytesIO(path.read_bytes()))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_a_job_sent_through_the_broker_is_done_by_the_worker(settings, tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database only on PostgreSQL")
    import config.celery

    settings.CELERY_BROKER_URL, settings.MEDIA_ROOT, settings.IMPORT_IN_BACKGROUND = BROKER, MEDIA, True
    config.celery.app.conf.broker_url = BROKER
    ensure_catalogs()  # an earlier transactional test may have emptied the seeded catalogs
    tree = make_district_tree("LC")
    person = make_official("A1", full_name="Nguyễn Văn Đức")
    add_position(person, tree["LC.A.X1"], "BT_DU", dt.date(2019, 1, 1))
    staff = make_user("staff_a", tree["LC.A"])

    def not_here(*args):
        raise AssertionError("the job ran in the test process, not on the worker")

    monkeypatch.setattr("jobs.runner.job_execute", not_here)
    monkeypatch.setattr("jobs.runner._execute_in_thread", not_here)
    job = exchange_export_start(user=staff, organization=tree["LC.A"])
    deadline = time.time() + 60
    while (job := job_load(Job, job.token)).running and time.time() < deadline:
        time.sleep(0.2)
    assert (job.state, job.error) == (DONE, "")
    export_workbook(tree["LC.A"], tmp_path / "sync.xlsx")
    assert cells(result_path(job.token)) == cells(tmp_path / "sync.xlsx")
    # The worker claimed the run: delivering it again here does nothing.
    assert job_execute("exchange_export", job.token, job.run) == "skipped"
