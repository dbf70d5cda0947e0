"""Planner statistics after bulk writes, and WAL for a SQLite file (cadre/db_maintenance.py).

Without ANALYZE, SQLite plans the report queries blind (a district report at
10.000 officials: 9,9 s instead of 0,14 s, docs/performance.md). The restore's
statistics are checked in tests/cadre/test_backup.py.
"""
import io
import logging
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

from cadre import db_maintenance
from cadre.exchange.workbook_import import import_workbook
from cadre.models import Official, PositionRecord
from tests.sample_workbook import corrected_sample

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite",
                       reason="sqlite_stat1 is SQLite's; PostgreSQL's autovacuum analyzes by itself"),
]

CADRE_RECORD_TABLES = {"cadre_official", "cadre_organization", "cadre_positionrecord", "cadre_changerecord"}


def analyzed_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl FROM sqlite_stat1")
        return {table for (table,) in cursor.fetchall()}


def forget_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1")
    assert analyzed_tables() == set()


def test_migrate_leaves_statistics_for_the_catalogs_it_seeds():
    # The test database was just migrated: ANALYZE ran after it (empty tables get no row in sqlite_stat1).
    assert {"cadre_positiontitle", "cadre_ethnicgroup"} <= analyzed_tables()


def test_migrate_analyzes_again(django_capture_on_commit_callbacks):
    forget_statistics()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("migrate", verbosity=0)
    assert {"cadre_positiontitle", "cadre_ethnicgroup"} <= analyzed_tables()


def test_a_committed_import_analyzes_the_tables_it_wrote(django_capture_on_commit_callbacks):
    forget_statistics()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = import_workbook(corrected_sample())
    assert result.ok and Official.objects.count() > 0 and PositionRecord.objects.count() > 0
    assert len(callbacks) == 1
    assert CADRE_RECORD_TABLES <= analyzed_tables()


def test_a_dry_run_does_not_analyze(django_capture_on_commit_callbacks):
    forget_statistics()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = import_workbook(corrected_sample(), dry_run=True)
    assert result.ok and callbacks == [] and analyzed_tables() == set()


def test_generate_demo_analyzes_the_tables_it_filled(django_capture_on_commit_callbacks):
    forget_statistics()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_demo", officials=300, seed=3, stdout=io.StringIO())
    assert CADRE_RECORD_TABLES | {"cadre_evaluation", "cadre_qualificationrecord"} <= analyzed_tables()


def test_a_failed_analyze_is_logged_not_raised(caplog):
    with caplog.at_level(logging.WARNING, logger="cadre.db_maintenance"):
        db_maintenance._run("default", ["ANALYZE no_such_table"])
    assert [record.getMessage() for record in caplog.records] == [
        "Updating the planner statistics failed (ANALYZE no_such_table)"
    ]


def test_a_sqlite_file_gets_wal_and_synchronous_normal(tmp_path):
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "file.sqlite3")}, alias="wal-test")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone() == (1,)  # NORMAL
    finally:
        wrapper.close()


def test_an_in_memory_database_is_left_alone():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("memory",)
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone() == (2,)  # FULL, SQLite's default


def test_a_file_another_connection_writes_to_stays_usable_and_switches_to_wal_later(tmp_path, caplog):
    path = tmp_path / "busy.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE official (name TEXT)")
    other.execute("BEGIN IMMEDIATE")  # writing: others may still read
    other.execute("INSERT INTO official VALUES ('not committed')")
    settings_dict = {**connection.settings_dict, "NAME": str(path), "OPTIONS": {"timeout": 0.1}}
    first = DatabaseWrapper(settings_dict, alias="busy-1")
    try:
        with caplog.at_level(logging.WARNING, logger="cadre.db_maintenance"):
            first.ensure_connection()
        assert [record.getMessage() for record in caplog.records] == [
            "Switching the SQLite database to WAL failed; trying again on the next connection"
        ]
        other.execute("ROLLBACK")
        with first.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("delete",)
            cursor.execute("SELECT count(*) FROM official")
            assert cursor.fetchone() == (0,)
    finally:
        first.close()
        other.close()
    second = DatabaseWrapper(settings_dict, alias="busy-2")
    try:
        with second.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
    finally:
        second.close()
