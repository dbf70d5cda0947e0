"""The world of the work endpoints' tests: two districts, a user of each role, a plan per district.

Test modules import the fixtures they use by name (pytest finds them in the module's namespace).
"""
from __future__ import annotations

import pytest
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.test import APIClient

from accounts.models import Role
from api.errors import INVALID, MESSAGES
from planning.models import Plan
from planning.services import plan_import
from tests.factories import make_district_tree, make_user

NOT_FOUND = MESSAGES[NotFound]
NOT_AUTHENTICATED = MESSAGES[NotAuthenticated]
READ_ONLY = "Tài khoản của bạn chỉ có quyền xem."
__all__ = ["INVALID", "NOT_FOUND", "NOT_AUTHENTICATED", "READ_ONLY", "plan_file", "client_of", "tree", "users", "plans"]


def plan_file(code: str, organization: str, **changes) -> dict:
    data = {
        "code": code, "title": "Đề án xây dựng đội ngũ cán bộ cấp xã", "organization": organization,
        "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA", "rows": [
            {"label": "Trình độ chuyên môn Trung cấp trở lên", "indicator": "CM_TRUNG_CAP",
             "targets": [{"year": 2025, "value": 100}]},
            {"label": "Trong đó Đại học trở lên", "indicator": "CM_DAI_HOC", "parent": 1,
             "targets": [{"year": 2025, "value": 50}, {"year": 2030, "min": 60, "max": 80}]},
        ]}],
    }
    data.update(changes)
    return data


def client_of(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def tree(db):
    return make_district_tree("LC")


@pytest.fixture
def users(tree):
    return {
        "staff_a": make_user("staff_a", tree["LC.A"]),
        "staff_b": make_user("staff_b", tree["LC.B"]),
        "province": make_user("province", tree["LC"]),
        "reviewer": make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER),
        "admin": make_user("admin", None, role=Role.ADMIN, is_superuser=True),
    }


@pytest.fixture
def plans(tree) -> dict[str, Plan]:
    for code, organization in (("01-ĐA/HU", "LC.A"), ("02-ĐA/HU", "LC.B"), ("15-NQ/TU", "LC")):
        plan_import(data=plan_file(code, organization))
    return {plan.code: plan for plan in Plan.objects.all()}
