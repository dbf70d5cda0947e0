"""Planner statistics and connection settings of the database (docs/performance.md, "SQLite statistics").

SQLite's query planner knows nothing about a table's size or an index's
selectivity until ANALYZE has filled `sqlite_stat1`, and nothing runs it by
itself: a district report at 10.000 officials took seconds instead of a
fraction of one (docs/performance.md). `refresh_statistics()` is called after every bulk write
the application does — migrations (post_migrate), a committed workbook import,
the demo generation, a restore — and runs ANALYZE once the writes are
committed.

On PostgreSQL `refresh_statistics()` does nothing: autovacuum analyzes a
table once about a tenth of it has changed (checked every minute), and the
application's database role must not own the tables (docs/deployment.md),
while PostgreSQL up to 16 lets only the owner run ANALYZE (anyone else gets a
warning and nothing happens).

`configure_connection` (connection_created) puts a SQLite database file in
WAL mode with synchronous=NORMAL: readers no longer wait for an import's
write, and a commit no longer waits for the disk twice.
"""
from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

logger = logging.getLogger(__name__)


def refresh_statistics(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """On SQLite, ANALYZE the whole database once the current transaction commits (at once outside one).

    About 0,1 s at 10.000 officials (docs/performance.md). A failure is logged,
    never raised: the data is committed by then, and statistics only make
    queries faster. Nothing on other databases (module docstring).
    """
    if connections[using].vendor != "sqlite":
        return
    transaction.on_commit(lambda: _run(using, ["ANALYZE"]), using=using)


def _run(using: str, statements: list[str]) -> None:
    try:
        with connections[using].cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    except DatabaseError:
        logger.warning("Updating the planner statistics failed (%s)", "; ".join(statements), exc_info=True)


def analyze_after_migrate(sender, *, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """post_migrate (sent once per app; connected for the cadre app only)."""
    refresh_statistics(using=using)


def is_sqlite_file(name) -> bool:
    """Whether a SQLite database NAME is a file on disk (not an in-memory database)."""
    name = str(name or "")
    return bool(name) and name != ":memory:" and "mode=memory" not in name and not name.startswith("file:memorydb")


def configure_connection(sender, connection, **kwargs) -> None:
    """connection_created: WAL and synchronous=NORMAL for a SQLite database file (not in-memory test databases).

    WAL lets the pages read while an import writes, and with synchronous=NORMAL
    a commit is durable once the WAL is synced at a checkpoint: a power cut
    can lose the last commits but never corrupts the file. WAL needs the
    database on a local disk (not a network share). journal_mode=WAL is
    stored in the file; setting it again is a no-op.
    """
    if connection.vendor != "sqlite" or not is_sqlite_file(connection.settings_dict.get("NAME")):
        return
    with connection.cursor() as cursor:
        try:
            # The first switch to WAL needs the file to itself; should another process hold it then,
            # this connection goes on in the old mode and a later one switches.
            cursor.execute("PRAGMA journal_mode=WAL")
        except DatabaseError:
            logger.warning("Switching the SQLite database to WAL failed; trying again on the next connection",
                           exc_info=True)
        cursor.execute("PRAGMA synchronous=NORMAL")


# SQLite before 3.41.2 gives wrong counts for some report statements once ANALYZE has run (its "seek-scan"
# optimization; config/__init__.py replaces the system library by pysqlite3's where the wheel exists).
SQLITE_MINIMUM = (3, 41, 2)


def check_sqlite_library(app_configs=None, **kwargs):
    """System check: a SQLite database needs a library newer than the one that miscounts (Vietnamese)."""
    from django.core.checks import Warning as CheckWarning

    problems = []
    for alias in connections:
        connection = connections[alias]
        if connection.vendor != "sqlite":
            continue
        version = connection.Database.sqlite_version_info
        if tuple(version) < SQLITE_MINIMUM:
            problems.append(CheckWarning(
                f"Thư viện SQLite {'.'.join(map(str, version))} của máy có lỗi làm sai số liệu báo cáo sau khi "
                f"thống kê bảng (ANALYZE); cần từ {'.'.join(map(str, SQLITE_MINIMUM))} trở lên. Hãy cài gói "
                "pysqlite3-binary (pip) hoặc dùng PostgreSQL.",
                id="cadre.W001",
            ))
    return problems
