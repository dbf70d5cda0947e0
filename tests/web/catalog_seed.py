"""Seeded catalogs for transactional tests.

A transactional test (live server, background thread) empties every table
when it ends, the catalogs that the data migrations seeded included. Tests
that need them call `ensure_catalogs()`, which runs the same seed functions
again when the catalogs are gone.
"""
import importlib

from django.apps import apps

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
        importlib.import_module(module).seed(apps, None)
