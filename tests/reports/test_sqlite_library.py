"""The SQLite library counts right once the planner has statistics.

Debian 12's SQLite (3.40.1) answered the "higher education or above on D" count wrongly after ANALYZE on a
realistic database: the plan below (an IN list on level_id, then a range on obtained_on, in the covering
index of a correlated EXISTS) counted a master's degree obtained the day after D. config/__init__.py puts a
current SQLite in its place; this test keeps the wrong answer from coming back.
"""
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection

from cadre.db_maintenance import SQLITE_MINIMUM, check_sqlite_library
from tests.factories import add_position, add_qualification, make_district_tree, make_official
from tests.reports.plans import build_json, current, make_plan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite library's fault; PostgreSQL is not affected"),
]


def test_the_library_is_one_that_counts_right():
    assert connection.Database.sqlite_version_info >= SQLITE_MINIMUM
    assert check_sqlite_library() == []


def test_a_degree_obtained_the_day_after_is_not_counted_once_the_planner_has_statistics():
    call_command("generate_demo", officials=300, seed=3, stdout=io.StringIO())  # a realistic spread of rows
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    tree = make_district_tree("LX")
    person = make_official()
    add_position(person, tree["LX.A.X1"], "PBT_DU", dt.date(2020, 1, 1))
    add_qualification(person, "CHUYEN_MON", "TRUNG_CAP", dt.date(2005, 1, 1))
    add_qualification(person, "CHUYEN_MON", "THAC_SI", dt.date(2022, 6, 1))
    make_plan([{"label": "Đại học", "indicator": "CM_DAI_HOC"}], organization="LX.A", code="T-99/HU")

    before = current(build_json("LX.A", dt.date(2022, 5, 31), plan="T-99/HU"))
    after = current(build_json("LX.A", dt.date(2022, 6, 1), plan="T-99/HU"))

    assert (before["Đại học"], after["Đại học"]) == ((0, 1), (1, 1))
