"""The project's configuration package.

SQLite: the system library of Debian 12 (3.40.1) answers some of the report's statements wrongly once
ANALYZE has given its planner statistics (an IN list on one index column followed by a range on the next,
inside a correlated EXISTS: SQLite's "seek-scan" optimization, fixed in 3.41.2). Where the pysqlite3-binary
wheel is installed (pyproject.toml), its current SQLite replaces the system's for the whole process, before
Django opens a database. tests/reports/test_sqlite_library.py keeps the wrong answer from coming back.
"""
import sys

try:
    import pysqlite3
except ImportError:  # no wheel for this platform: the system library (the check cadre.W001 warns, cadre/db_maintenance.py)
    pass
else:
    sys.modules["sqlite3"] = pysqlite3
    sys.modules["sqlite3.dbapi2"] = pysqlite3.dbapi2
