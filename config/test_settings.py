"""Settings for the test suite (pyproject.toml): the production settings, given a throwaway key.

Nothing else differs, so the tests run against the safe defaults (DEBUG off).
Tests that start manage.py in a subprocess pass the environment they mean.
"""
import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret-" + "k3y" * 12)

from config.settings import *  # noqa: E402,F401,F403
