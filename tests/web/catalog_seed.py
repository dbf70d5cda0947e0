"""Seeded catalogs for transactional tests.

A transactional test (live server, background thread) empties every table
when it ends, the catalogs that the data migrations seeded included. Tests
that need them call `ensure_catalogs()`, which runs the same seed functions
again when the catalogs are gone.
"""
import importlib

from django.apps import apps


class _MovedModels:
    """The current models, found also under the app they lived in when the seed was written
    (Population and Indicator moved from reports to cadre and planning)."""

    @staticmethod
    def get_model(app_label, model_name=None):
        if model_name is None:
            app_label, model_name = app_label.split(".")
        try:
            return apps.get_model(app_label, model_name)
        except LookupError:
            matches = [model for model in apps.get_models() if model.__name__.lower() == model_name.lower()]
            if len(matches) != 1:
                raise
            return matches[0]

SEEDS = [
    "cadre.migrations.0002_seed_catalogs",
    "cadre.migrations.0007_edit_versions",  # the one-person titles
    "reports.migrations.0002_seed_populations",
    "reports.migrations.0004_seed_indicators",
]


def ensure_catalogs() -> None:
    from cadre.models import EthnicGroup

    if EthnicGroup.objects.exists():
        return
    for module in SEEDS:
        importlib.import_module(module).seed(_MovedModels, None)
