"""The organization field: a text input whose list comes from a scoped search (cadre.forms.OrganizationCodeField,
/to-chuc/tim/), instead of a select of the whole subtree."""
import datetime as dt

import pytest
from django.urls import reverse

from cadre.forms import FirstPositionForm
from cadre.selectors.organization_search import ORGANIZATION_SEARCH_LIMIT
from tests.factories import make_organization

URL = reverse("cadre:organization_search")


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_it_finds_by_name_without_diacritics_or_by_code_inside_the_users_subtree_only(staff_client, tree):
    # "xa x1" finds "Xã X1 A" of the user's district; "Xã X1 B" of the other district is never answered.
    assert search(staff_client, q="xa x1") == [
        {"code": "LC.A.X1", "name": "Xã X1 A", "label": "Xã X1 A (LC.A.X1)", "detail": "Huyện ủy A"},
    ]
    assert [match["code"] for match in search(staff_client, q="LC.A.PNV")] == ["LC.A.PNV"]
    assert search(staff_client, q="LC.B") == []
    assert search(staff_client, q="Huyện ủy B") == []


def test_the_organization_whose_code_is_typed_comes_first_even_if_it_ceased(staff_client, tree):
    make_organization("LC.A.X", "XA", tree["LC.A"], name="Xã cũ", ceased_on=dt.date(2020, 1, 1))
    assert [match["code"] for match in search(staff_client, q="lc.a.x")] == ["LC.A.X", "LC.A.X1", "LC.A.X2"]


def test_it_answers_one_kind_when_asked_for_a_home_town(staff_client, tree):
    assert [match["code"] for match in search(staff_client, q="a", loai="XA")] == ["LC.A.X1", "LC.A.X2"]
    assert search(staff_client, q="a", loai="KHONG-CO") == []


def test_the_province_sees_every_district_higher_levels_first(reviewer_client, tree):
    codes = [match["code"] for match in search(reviewer_client, q="huyen uy")]
    assert codes == ["LC.A", "LC.B"]


def test_units_that_did_not_exist_on_the_date_come_last_and_say_why(staff_client, tree):
    make_organization("LC.A.X9", "XA", tree["LC.A"], name="Xã X9 A", ceased_on=dt.date(2025, 7, 1))
    make_organization("LC.A.X0", "XA", tree["LC.A"], name="Xã X0 A", founded_on=dt.date(2025, 7, 1))
    before = search(staff_client, q="xa", ngay="30/06/2025")
    assert before[-1] == {"code": "LC.A.X0", "name": "Xã X0 A", "label": "Xã X0 A (LC.A.X0)",
                          "detail": "Huyện ủy A — thành lập từ 01/07/2025"}
    after = search(staff_client, q="xa", ngay="01/07/2025")
    assert after[-1]["detail"] == "Huyện ủy A — giải thể từ 01/07/2025"
    # A date that is no date is today's.
    assert [match["code"] for match in search(staff_client, q="xa", ngay="31/02/2025")] == \
        [match["code"] for match in search(staff_client, q="xa")]


def test_it_answers_at_most_twenty_in_two_queries(staff_client, tree, django_assert_num_queries):
    for number in range(ORGANIZATION_SEARCH_LIMIT + 5):
        make_organization(f"LC.A.X1.CB{number:02d}", "CHI_BO", tree["LC.A.X1"], name=f"Chi bộ thôn {number}")
    # session, user, the user's organization; the subtree's names, the matches' parents.
    with django_assert_num_queries(3 + 2):
        results = search(staff_client, q="chi bo thon")
    assert len(results) == ORGANIZATION_SEARCH_LIMIT
    assert {match["detail"] for match in results} == {"Xã X1 A"}


def test_a_few_letters_or_nothing_typed_answer_nothing_and_anonymous_users_are_sent_to_log_in(client, staff_client):
    assert search(staff_client, q="") == []
    assert search(staff_client, q="   ") == []
    anonymous = client.__class__().get(URL, {"q": "xa"})
    assert anonymous.status_code == 302


@pytest.mark.parametrize("typed", ["LC.A.X2", "lc.a.x2", " LC.A.X2 ", "Xã X2 A (LC.A.X2)", "Tên đã sửa (LC.A.X2)"])
def test_the_field_takes_the_code_or_the_lists_name_and_code(staff_a, tree, typed):
    form = FirstPositionForm({"position-organization": typed}, user=staff_a)
    form.is_valid()
    assert "organization" not in form.errors
    assert form.cleaned_data["organization"] == tree["LC.A.X2"]


@pytest.mark.parametrize("typed", ["LC.B.X1", "Xã X1 B (LC.B.X1)", "KHONG-CO", "²", "9" * 40, "(", "()", "LC.A\x00"])
def test_a_code_outside_the_scope_gets_the_same_message_as_an_unknown_one_and_stays_typed(staff_a, tree, typed):
    form = FirstPositionForm({"position-organization": typed}, user=staff_a)
    assert not form.is_valid()
    assert form.errors["organization"] == ["Tổ chức không có trong phạm vi của bạn."]
    assert f'value="{typed}"' in str(form["organization"]).replace("&lt;", "<") or typed.strip() == ""


def test_an_id_of_the_subtree_is_still_taken_and_shown_as_name_and_code(staff_a, tree):
    form = FirstPositionForm({"position-organization": str(tree["LC.A.X1"].pk)}, user=staff_a)
    form.is_valid()
    assert form.cleaned_data["organization"] == tree["LC.A.X1"]
    outside = FirstPositionForm({"position-organization": str(tree["LC.B.X1"].pk)}, user=staff_a)
    assert not outside.is_valid() and outside.errors["organization"] == ["Tổ chức không có trong phạm vi của bạn."]
    initial = FirstPositionForm(initial={"organization": tree["LC.A.X1"].pk}, user=staff_a)
    assert 'value="Xã X1 A (LC.A.X1)"' in str(initial["organization"])


def test_the_new_official_page_lists_no_organizations(staff_client, tree):
    body = staff_client.get(reverse("cadre:official_create")).content.decode()
    assert "Xã X1 A" not in body and "Phòng Nội vụ A" not in body
    assert 'name="position-organization"' in body and 'data-search-url="/to-chuc/tim/"' in body


@pytest.mark.django_db
def test_the_composers_search_offers_only_the_committees_that_issue_reports(client):
    from cadre.models import Organization
    from tests.factories import make_district_tree, make_organization, make_user

    tree = make_district_tree("LQ")
    make_organization("LQ.A.X1.B1", "CHI_BO", tree["LQ.A.X1"], form="AP", name="Chi bộ thôn X1")
    make_organization("LQ.A.VP", "CO_QUAN", tree["LQ.A"], name="Văn phòng X1 huyện")
    client.force_login(make_user("composer", tree["LQ.A"]))
    every = {m["code"] for m in client.get("/to-chuc/tim/", {"q": "x1"}).json()["results"]}
    issuers = {m["code"] for m in client.get("/to-chuc/tim/", {"q": "x1", "cap_uy": "1"}).json()["results"]}
    assert {"LQ.A.X1.B1", "LQ.A.VP"} <= every
    assert issuers == {"LQ.A.X1"} and Organization.objects.get(code="LQ.A.X1").kind == "XA"
    page = client.get("/van-ban/moi/").content.decode()
    assert 'data-issuers="1"' in page
