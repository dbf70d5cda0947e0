"""The data of the records API tests: a province with districts A and B, their staff, a reviewer, an
administrator, and an official of each district with one record of every kind."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from accounts.models import Role
from cadre.models import CareerEvent, Official, Organization, PlanningEntry, PositionTitle
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user


@dataclass
class RecordsWorld:
    tree: dict[str, Organization]
    users: dict
    officials: dict[str, Official]

    def client(self, name: str | None) -> APIClient:
        client = APIClient()
        if name is not None:
            client.force_authenticate(self.users[name])
        return client


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def records_world(db) -> RecordsWorld:
    tree = make_district_tree("LC")
    users = {
        "staff_a": make_user("staff_a", tree["LC.A"]),
        "staff_b": make_user("staff_b", tree["LC.B"]),
        "reviewer": make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER),
        "admin": make_user("admin", None, role=Role.ADMIN, is_superuser=True, is_staff=True),
    }
    officials = {}
    for district in ("A", "B"):
        person = make_official(f"{district}1", full_name=f"Lò Văn {district}", birth_date=dt.date(1980, 5, 2),
                               party_joined_on=dt.date(2005, 3, 4))
        add_position(person, tree[f"LC.{district}.X1"], "BT_DU", dt.date(2019, 1, 1))
        add_qualification(person, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 6, 30))
        add_rating(person, 2023, "HTTNV")
        CareerEvent.objects.create(official=person, kind="BO_NHIEM", date=dt.date(2019, 1, 1),
                                   to_organization=tree[f"LC.{district}.X1"], note="Quyết định 12")
        PlanningEntry.objects.create(official=person, title=PositionTitle.objects.get(code="CT_UBND_XA"),
                                     organization=tree[f"LC.{district}.X1"], term="2025-2030",
                                     approved_on=dt.date(2024, 2, 1))
        officials[district] = person
    return RecordsWorld(tree=tree, users=users, officials=officials)
