"""/api/v1/populations/ and /api/v1/indicators/: the catalogs, read by every user."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.exceptions import MethodNotAllowed, NotAuthenticated, NotFound

from api.errors import MESSAGES
from cadre.models import Population
from planning.models import Indicator
from tests.api.records_world import records_world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_populations_with_their_titles(records_world):  # noqa: F811
    client = records_world.client("staff_b")
    body = client.get(reverse("api:v1:populations")).json()
    assert body["count"] == Population.objects.count()
    key = Population.objects.get(code="CB_CHU_CHOT_XA")
    expected = {"id": key.pk, "code": "CB_CHU_CHOT_XA", "name": "Cán bộ chủ chốt cấp xã", "unit_kind": "XA",
                "sort_order": key.sort_order, "titles": list(key.titles.order_by("sort_order", "code")
                                                             .values_list("code", flat=True))}
    assert expected in body["results"]
    assert sorted(expected["titles"]) == ["BT_DU", "CT_HDND_XA", "CT_UBND_XA", "PBT_DU"]
    assert client.get(reverse("api:v1:population", args=[key.pk])).json() == expected
    assert client.get(reverse("api:v1:population", args=[10**6])).json() == {"detail": MESSAGES[NotFound], "errors": {}}


def test_indicators_with_their_conditions(records_world):  # noqa: F811
    client = records_world.client("reviewer")
    level = Indicator.objects.get(code="CM_DAI_HOC")
    body = client.get(reverse("api:v1:indicator", args=[level.pk])).json()
    assert body == {"id": level.pk, "code": "CM_DAI_HOC", "name": level.name, "kind": "NGUOI",
                    "condition": "TRINH_DO_TU", "qualification_type": "CHUYEN_MON", "min_level": "DAI_HOC",
                    "ratings": [], "sort_order": level.sort_order}
    rating = Indicator.objects.filter(kind="LUOT_DANH_GIA").first()
    assert client.get(reverse("api:v1:indicator", args=[rating.pk])).json()["ratings"] == rating.rating_codes() != []


def test_catalogs_are_read_only_and_need_authentication(records_world):  # noqa: F811
    for name in ("api:v1:populations", "api:v1:indicators"):
        assert records_world.client(None).get(reverse(name)).json() == {"detail": MESSAGES[NotAuthenticated],
                                                                       "errors": {}}
        refused = records_world.client("admin").post(reverse(name), {}, format="json")
        assert refused.status_code == 405 and refused.json() == {"detail": MESSAGES[MethodNotAllowed], "errors": {}}


def test_the_number_of_queries_does_not_grow_with_the_page(records_world):  # noqa: F811
    client = records_world.client("staff_a")
    for name, expected in (("api:v1:populations", 3), ("api:v1:indicators", 2)):
        counts = []
        for size in (1, 50):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name), {"page_size": size}).status_code == 200
            counts.append(len(queries))
        # count, the page (with its catalog rows), and for populations their titles
        assert counts == [expected, expected], name
