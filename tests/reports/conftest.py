import pytest

from reports import fetch


@pytest.fixture(autouse=True)
def _check_kept_statements(monkeypatch):
    """Every aggregate statement served from the per-shape cache is compiled again and compared.

    The cache is kept across tests on purpose: a shape key that misses something the
    expressions read (a definition, the scope) then fails here rather than giving wrong figures.
    """
    monkeypatch.setattr(fetch, "CHECK_CACHED_STATEMENTS", True)
