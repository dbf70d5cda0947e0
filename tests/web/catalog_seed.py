"""Seeded catalogs for transactional tests.

A transactional test (live server, background thread) empties every table
when it ends, the catalogs that the data migrations seeded included. Tests
that need them call `ensure_catalogs()`, which runs the same seed functions
again when the catalogs are gone.
"""
import importlib

from django.apps import apps


SEEDS = [
    ("cadre.migrations.0002_seed_catalogs", "seed"),
    ("cadre.migrations.0007_edit_versions", "seed"),  # the one-person titles
    ("reports.migrations.0002_seed_populations", "seed"),
    ("reports.migrations.0004_seed_indicators", "seed"),
    ("cadre.migrations.0010_event_kinds_programme_civil_service_grade", "seed_grades"),  # the NGACH scale
]
# Models the seeds name by the app they were in when the seed was written.
MOVED = {("reports", "population"): ("cadre", "Population"), ("reports", "indicator"): ("planning", "Indicator")}


class _Registry:
    """The live app registry, answering for the models that moved since a seed was written."""

    @staticmethod
    def get_model(app_label: str, model_name: str):
        return apps.get_model(*MOVED.get((app_label, model_name.lower()), (app_label, model_name)))


def ensure_catalogs() -> None:
    from cadre.models import EthnicGroup

    if EthnicGroup.objects.exists():
        return
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(_Registry, None)
