"""/api/v1/organizations/: the user's subtree with its succession, filtered like the pages; read only."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.errors import INVALID, MESSAGES
from cadre.models import Organization, Succession
from rest_framework.exceptions import MethodNotAllowed, NotAuthenticated, NotFound
from tests.api.records_world import records_world  # noqa: F401 (fixture)
from tests.factories import make_organization

pytestmark = pytest.mark.django_db
LIST = reverse("api:v1:organizations")


def row(org, **extra):
    return {"id": org.pk, "code": org.code, "name": org.name, "kind": org.kind, "form": org.form,
            "category": org.category, "parent": org.parent.code if org.parent else None,
            "founded_on": org.founded_on.isoformat() if org.founded_on else None,
            "ceased_on": org.ceased_on.isoformat() if org.ceased_on else None,
            "predecessors": [], "successors": [], **extra}


@pytest.fixture
def merged(records_world):  # noqa: F811
    """Communes X1 and X2 of district A merged into a new commune on 1/7/2025."""
    tree = records_world.tree
    for code in ("LC.A.X1", "LC.A.X2"):
        tree[code].ceased_on = dt.date(2025, 7, 1)
        tree[code].save()
    new = make_organization("LC.A.MOI", "XA", tree["LC.A"], name="Xã Mới", founded_on=dt.date(2025, 7, 1),
                            form="DANG_BO", category="XA")
    for code in ("LC.A.X1", "LC.A.X2"):
        Succession.objects.create(successor=new, predecessor=tree[code])
    return new


def test_the_list_is_the_subtree_in_tree_order_with_succession(records_world, merged):  # noqa: F811
    tree = records_world.tree
    tree["LC.A.X1"].refresh_from_db()
    tree["LC.A.X2"].refresh_from_db()
    response = records_world.client("staff_a").get(LIST)
    assert response.status_code == 200
    expected = {
        "LC.A": row(tree["LC.A"]),
        "LC.A.MOI": row(merged, predecessors=["LC.A.X1", "LC.A.X2"]),
        "LC.A.X1": row(tree["LC.A.X1"], successors=["LC.A.MOI"]),
        "LC.A.X2": row(tree["LC.A.X2"], successors=["LC.A.MOI"]),
        "LC.A.PNV": row(tree["LC.A.PNV"]),
    }
    # Tree order is the order of the stored paths ("/1/2/10/" before "/1/2/3/" in some collations).
    order = Organization.objects.within(tree["LC.A"]).order_by("path").values_list("code", flat=True)
    assert response.json() == {"count": 5, "next": None, "previous": None,
                               "results": [expected[code] for code in order]}


def test_filters_kind_parent_date_and_search(records_world, merged):  # noqa: F811
    client = records_world.client("reviewer")

    def codes(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200, response.json()
        return sorted(item["code"] for item in response.json()["results"])  # tree order: see above

    assert codes(kind="HUYEN") == ["LC.A", "LC.B"]
    assert codes(parent="lc.a") == ["LC.A.MOI", "LC.A.PNV", "LC.A.X1", "LC.A.X2"]
    assert codes(parent="LC.A", exists_on="2025-07-01") == ["LC.A.MOI", "LC.A.PNV"]
    assert codes(parent="LC.A", exists_on="30/06/2025") == ["LC.A.PNV", "LC.A.X1", "LC.A.X2"]
    assert codes(q="xã mới") == ["LC.A.MOI"]
    assert codes(q="PNV") == ["LC.A.PNV", "LC.B.PNV"]


def test_bad_filters_are_named_in_vietnamese(records_world):  # noqa: F811
    response = records_world.client("staff_a").get(LIST, {"kind": "THON", "exists_on": "31/02/2025"})
    assert response.status_code == 400
    assert response.json() == {"detail": INVALID, "errors": {
        "kind": ["Loại tổ chức “THON” không có; chỉ có: TINH, HUYEN, XA, CO_QUAN, CHI_BO."],
        "exists_on": ["Ngày không tồn tại: “31/02/2025”."],
    }}


def test_detail_inside_the_scope_and_404_outside(records_world):  # noqa: F811
    tree = records_world.tree
    client = records_world.client("staff_a")
    inside = client.get(reverse("api:v1:organization", args=[tree["LC.A.X1"].pk]))
    assert inside.status_code == 200 and inside.json() == row(tree["LC.A.X1"])
    for org in (tree["LC.B.X1"], tree["LC"]):
        outside = client.get(reverse("api:v1:organization", args=[org.pk]))
        assert outside.status_code == 404
        assert outside.json() == {"detail": MESSAGES[NotFound], "errors": {}}
    assert client.get(reverse("api:v1:organization", args=[10**20])).status_code == 404


def test_anonymous_callers_are_asked_to_authenticate_and_writes_are_not_offered(records_world):  # noqa: F811
    anonymous = records_world.client(None).get(LIST)
    assert anonymous.status_code == 401 and anonymous.json() == {"detail": MESSAGES[NotAuthenticated], "errors": {}}
    for user in ("staff_a", "reviewer"):
        refused = records_world.client(user).post(LIST, {}, format="json")
        assert refused.status_code == 405
        assert refused.json() == {"detail": MESSAGES[MethodNotAllowed], "errors": {}}


def test_the_number_of_queries_does_not_grow_with_the_page(records_world, merged):  # noqa: F811
    client = records_world.client("admin")
    counts = []
    for size in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST, {"page_size": size}).status_code == 200
        counts.append(len(queries))
    # count, the page with parents, predecessors, successors
    assert counts == [4, 4]
