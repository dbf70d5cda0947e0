"""/api/v1/reports/xlsx|docx|pdf/: the report page's files, with the parameters of /api/v1/reports/."""
import io

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from accounts.models import Role
from api.errors import INVALID
from cadre.models import ChangeRecord, Organization
from reports.exporters import EXPORTERS
from reports.forms import ReportForm
from reports.services import report_build
from tests.api.test_reports_api import client_of, query
from tests.api.work_world import NOT_AUTHENTICATED
from tests.factories import make_organization, make_user
from tests.reports.test_sample_tan_hong import sample  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def expected_file(user, parameters: dict, identifier: str) -> tuple[str, str, bytes]:
    """What the report page's download gives for the same parameters."""
    form = ReportForm(parameters, user=user)
    assert form.is_valid(), form.errors
    return EXPORTERS[identifier].render(report_build(**form.report_request.as_service_arguments()))


def cells(content: bytes) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets]


def paragraphs(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]


def test_each_format_is_the_page_download_and_is_audited(sample):  # noqa: F811
    user = make_user("staff", Organization.objects.get(code=sample["org"]))
    client = client_of(user)
    for identifier, compare in (("xlsx", cells), ("docx", paragraphs), ("pdf", None)):
        response = client.get(reverse(f"api:v1:report_{identifier}"), query(sample))
        assert response.status_code == 200, response.content[:300]
        filename, content_type, content = expected_file(user, query(sample), identifier)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        if compare is None:
            assert response.content.startswith(b"%PDF-")
        else:
            assert compare(response.content) == compare(content)
    entries = ChangeRecord.objects.filter(action="export").order_by("pk")
    assert [(e.key, e.user, e.source, e.after["org"]) for e in entries] == [
        (f"Báo cáo (API {identifier})", user, "api", sample["org"]) for identifier in ("XLSX", "DOCX", "PDF")]


def test_bad_parameters_are_answered_in_json_whatever_the_client_accepts(sample):  # noqa: F811
    user = make_user("staff", Organization.objects.get(code=sample["org"]))
    response = client_of(user).get(reverse("api:v1:report_pdf"), {**query(sample), "as_of": "31/02/2023"},
                                   HTTP_ACCEPT="application/pdf")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": INVALID, "errors": {"as_of": ["Ngày không tồn tại: “31/02/2023”."]}}
    assert not ChangeRecord.objects.filter(action="export").exists()


def test_an_organization_outside_the_scope_and_anonymous_callers_get_no_file(sample):  # noqa: F811
    other = make_organization("DT.XX", "HUYEN", Organization.objects.get(code="DT"), name="Huyện ủy khác")
    outside = client_of(make_user("other", other)).get(reverse("api:v1:report_xlsx"), query(sample))
    assert outside.status_code == 400
    assert outside.json() == {"detail": INVALID, "errors": {"org": ["Tổ chức không có trong phạm vi của bạn."],
                                                            "plan": ["Không có nghị quyết, đề án này."]}}
    anonymous = client_of(None).get(reverse("api:v1:report_docx"), query(sample))
    assert anonymous.status_code == 401 and anonymous.json() == {"detail": NOT_AUTHENTICATED, "errors": {}}


def test_reviewers_download_too_and_nobody_posts(sample):  # noqa: F811
    reviewer = make_user("reviewer", Organization.objects.get(code="DT"), role=Role.PROVINCIAL_REVIEWER)
    client = client_of(reviewer)
    assert client.get(reverse("api:v1:report_xlsx"), query(sample)).status_code == 200
    posted = client.post(reverse("api:v1:report_xlsx"), query(sample))
    assert posted.status_code == 405
