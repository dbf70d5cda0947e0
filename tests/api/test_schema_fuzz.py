"""Schemathesis over the whole OpenAPI schema, in-process: no 5xx, and every answer as the schema says.

The schema is the one /api/schema/ serves (drf-spectacular, built in-process); each operation is called
through Django's WSGI application with an administrator's API token on a small seeded world, with a few
generated requests (derandomized, so a run is repeatable). Writes happen inside the test's transaction and
are rolled back; uploads go to the test's MEDIA_ROOT.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import schemathesis
from schemathesis import GenerationMode
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from accounts.models import Role
from api.tokens import token_create
from documents.models import ReportDocument, Submission
from planning.models import Plan
from planning.services import plan_import
from tests.api.work_world import plan_file
from tests.factories import add_position, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


def api_schema():
    """The schema /api/schema/ serves, built in-process, whose calls go to Django's WSGI application."""
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    schema.app = get_wsgi_application()
    return schema


@pytest.fixture
def connection_kept():
    """As Django's test client does: the WSGI handler must not close the test's database connection (and its
    transaction) at the end of each request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def admin_token(db, settings, connection_kept):  # noqa: F811 (pytest-django's settings fixture)
    settings.IMPORT_IN_BACKGROUND = False
    settings.API_THROTTLE_RATE = "100000/min"
    tree = make_district_tree("LC")
    person = make_official("A1", full_name="Cán Bộ A")
    add_position(person, tree["LC.A.X1"], "BT_DU", dt.date(2019, 1, 1))
    plan_import(data=plan_file("01-ĐA/HU", "LC.A"))
    document = ReportDocument.objects.create(
        organization=tree["LC.A"], plan=Plan.objects.get(), as_of=dt.date(2023, 5, 15),
        baseline_as_of=dt.date(2020, 12, 31), issued_on=dt.date(2023, 7, 12), number="401-BC/HU", subject="Sơ kết")
    Submission.objects.create(document=document, sequence=1, title_text="Báo cáo", as_of=document.as_of,
                              docx_name="a.docx", docx=b"PK", pdf_name="a.pdf", pdf=b"%PDF", figures={})
    admin = make_user("admin", None, role=Role.ADMIN, is_superuser=True)
    _, text = token_create(user=admin, name="Kiểm thử lược đồ")
    return text


def test_every_operation_answers_as_documented(admin_token):
    # schemathesis' own pytest integration (from_fixture, parametrize) does not run under pytest 9, so each
    # operation gets its own bounded Hypothesis run here, in valid and in invalid requests.
    headers = {"Authorization": f"Bearer {admin_token}"}
    failures, operations, statuses = [], 0, Counter()
    for result in api_schema().get_all_operations():
        operation = result.ok()
        operations += 1
        for mode, examples in ((GenerationMode.POSITIVE, 5), (GenerationMode.NEGATIVE, 3)):

            @settings(max_examples=examples, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                statuses[case.call_and_validate(headers=headers, checks=CHECKS).status_code] += 1

            try:
                run()
            except Exception as failure:  # noqa: BLE001 (every operation is tried; all failures are reported)
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    assert operations >= 20
    print(dict(statuses))
    assert {200, 400, 404} <= set(statuses), statuses  # the requests really reach the views
    assert not failures, "\n\n".join(failures)
