import pytest


@pytest.fixture(autouse=True)
def _jobs_inline(settings):
    """Jobs run inside the request, so tests see their outcome at once (jobs.runner)."""
    settings.IMPORT_IN_BACKGROUND = False
    settings.CELERY_BROKER_URL = ""
