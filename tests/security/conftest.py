import pytest


@pytest.fixture(autouse=True)
def _import_inline(settings):
    """Imports run in the request, so tests see their result at once."""
    settings.IMPORT_IN_BACKGROUND = False
