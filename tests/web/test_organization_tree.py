"""The organization tree: counts per node rolled up the subtree, in constant queries."""
import datetime as dt

from django.urls import reverse

from tests.factories import add_position, make_official

URL = reverse("cadre:organization_tree")


def counts(response):
    return {node.organization.code: (node.official_count, node.party_members) for node in response.context["tree"].nodes}


def test_each_node_counts_officials_holding_a_position_there_or_below_today(staff_client, people):
    response = staff_client.get(URL)
    # Đức holds two positions in X1 (once), Hoa is in the agency, An in X2; Mai left A for B.
    assert counts(response) == {
        "LC.A": (3, 200),
        "LC.A.X1": (1, 120),
        "LC.A.X2": (1, 80),
        "LC.A.PNV": (1, None),  # no statistics kept for it
    }
    assert response.context["tree"].statistics_year == 2024


def test_the_tree_lists_communes_then_agencies_with_links_to_each_units_officials(staff_client, people, tree):
    response = staff_client.get(URL)
    assert [node.organization.code for node in response.context["tree"].rows] == ["LC.A", "LC.A.X1", "LC.A.X2", "LC.A.PNV"]
    assert f'?to_chuc={tree["LC.A.X1"].pk}' in response.content.decode()


def test_party_cells_are_counted_but_listed_only_when_their_unit_is_opened(staff_client, people, tree):
    from tests.factories import make_organization

    cell = make_organization("LC.A.X1.B1", "CHI_BO", tree["LC.A.X1"], form="AP", name="Chi bộ bản Nà Củng")
    add_position(make_official("C1"), cell, "UV_BCH_XA", dt.date(2021, 1, 1))
    page = staff_client.get(URL)
    assert "Chi bộ bản Nà Củng" not in page.content.decode()
    assert counts(page)["LC.A.X1"] == (2, 120)
    assert "▸ 1 chi bộ" in page.content.decode()
    rows = staff_client.get(reverse("cadre:organization_cells", args=[tree["LC.A.X1"].pk]))
    assert "Chi bộ bản Nà Củng" in rows.content.decode()
    assert [node.organization.code for node in rows.context["rows"]] == ["LC.A.X1.B1"]
    assert f'cell under-{tree["LC.A.X1"].pk}"' in rows.content.decode()  # closing the commune hides it
    subtree = staff_client.get(URL, {"goc": tree["LC.A.X1"].pk})
    assert [node.organization.code for node in subtree.context["tree"].rows] == ["LC.A.X1", "LC.A.X1.B1"]


def test_a_unit_outside_the_scope_cannot_be_opened(staff_client, people, tree):
    assert staff_client.get(reverse("cadre:organization_cells", args=[tree["LC.B.X1"].pk])).status_code == 404
    assert staff_client.get(URL, {"goc": tree["LC.B"].pk}).status_code == 404


def test_a_reviewer_sees_the_whole_province_opened_one_level(reviewer_client, people, tree):
    response = reviewer_client.get(URL)
    assert [node.organization.code for node in response.context["tree"].rows] == ["LC", "LC.A", "LC.B"]
    assert "▸ 3 đơn vị trực thuộc" in response.content.decode()
    assert counts(response)["LC"] == (5, 290)
    assert counts(response)["LC.B"] == (2, 90)


def test_the_tree_issues_the_same_queries_however_many_officials(staff_client, tree, django_assert_num_queries):
    for number in range(50):
        add_position(make_official(f"T{number:03d}"), tree["LC.A.X1" if number % 2 else "LC.A.X2"], "CC_DC", dt.date(2020, 1, 1))
    # 1 session, 2 user, 3 scope organization, 4 organizations, 5 positions held today,
    # 6 party statistics of the latest year, 7 succession edges, 8 demo banner
    with django_assert_num_queries(8):
        response = staff_client.get(URL)
    assert counts(response)["LC.A"] == (50, None)
