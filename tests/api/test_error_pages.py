"""Answers Django gives before an API view runs are in the API's one error body too."""
import json

import pytest
from django.test import Client

from tests.factories import make_district_tree, make_user

pytestmark = pytest.mark.django_db


def test_an_api_path_that_matches_no_route_answers_the_json_error_body():
    tree = make_district_tree("LC")
    client = Client()
    client.force_login(make_user("staff", tree["LC.A"]))
    for path in ("/api/v1/officials/abc/", "/api/v1/khong-co/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Không tìm thấy (hoặc ngoài phạm vi quản lý của bạn).", "errors": {}}
    page = client.get("/khong-co-trang-nay/")
    assert page.status_code == 404 and "text/html" in page["Content-Type"]


def test_a_crash_under_the_api_answers_the_json_error_body(rf):
    from api.errors import server_error

    response = server_error(rf.get("/api/v1/officials/"))
    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "Lỗi máy chủ; chưa có gì được ghi thêm. Hãy thử lại hoặc báo quản trị viên.",
                               "errors": {}}
    assert "text/html" in server_error(rf.get("/can-bo/"))["Content-Type"]
