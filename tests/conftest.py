import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_kept_figures(settings):
    """Figures are computed afresh in every test: tests build their data with factories and the ORM,
    which bypass the application's write paths and so its data versions (cadre.data_versions).
    tests/reports/test_figure_cache.py turns the cache on and writes through those paths."""
    settings.FIGURE_CACHE = False
