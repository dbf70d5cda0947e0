"""Settings for the test suite (pyproject.toml): the production settings, given a throwaway key.

Nothing else differs but the password hasher (MD5: logging a user in thousands of times must not take
minutes), so the tests run against the safe defaults (DEBUG off).
Tests that start manage.py in a subprocess pass the environment they mean.
"""
import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret-" + "k3y" * 12)

from config.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite asks the API far more than 120 times a minute as one user; tests/api/test_tokens.py sets
# the production rate where the throttle itself is tested.
API_THROTTLE_RATE = "100000/min"
