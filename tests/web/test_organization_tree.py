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


def test_the_tree_is_in_tree_order_with_links_to_each_units_officials(staff_client, people, tree):
    response = staff_client.get(URL)
    assert [node.organization.code for node in response.context["tree"].nodes] == ["LC.A", "LC.A.X1", "LC.A.X2", "LC.A.PNV"][:1] + sorted(
        ["LC.A.X1", "LC.A.X2", "LC.A.PNV"], key=lambda code: tree[code].path
    )
    assert f'?to_chuc={tree["LC.A.X1"].pk}' in response.content.decode()


def test_a_reviewer_sees_the_whole_province(reviewer_client, people):
    response = reviewer_client.get(URL)
    assert counts(response)["LC"] == (5, 290)
    assert counts(response)["LC.B"] == (2, 90)


def test_the_tree_issues_the_same_queries_however_many_officials(staff_client, tree, django_assert_num_queries):
    for number in range(50):
        add_position(make_official(f"T{number:03d}"), tree["LC.A.X1" if number % 2 else "LC.A.X2"], "CC_DC", dt.date(2020, 1, 1))
    # 1 session, 2 user, 3 scope organization, 4 organizations, 5 positions held today,
    # 6 party statistics of the latest year, 7 demo banner
    with django_assert_num_queries(7):
        response = staff_client.get(URL)
    assert counts(response)["LC.A"] == (50, None)
