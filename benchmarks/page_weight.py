"""Page weight: the bytes of the pages with an organization field, for a user of the province.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_bench .venv/bin/python benchmarks/page_weight.py [--user tinh1]

Each page is fetched once through Django's test client (no network) as the demo user (default `tinh1`,
staff of the province: every organization of the province is in scope); the script prints the size of
the HTML and how many <option> elements it holds. It is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CADRE_EMBEDDED", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

PAGES = [
    ("report", "reports:report"),
    ("comparison", "reports:comparison"),
    ("document composer", "documents:create"),
    ("template list (upload form)", "documents:templates"),
    ("officials list", "cadre:official_list"),
    ("new official", "cadre:official_create"),
    ("restructuring", "cadre:organization_restructure"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--user", default="tinh1")
    arguments = parser.parse_args()
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username=arguments.user))
    print(f"{'page':<30}{'status':>7}{'bytes':>12}{'options':>9}")
    for label, name in PAGES:
        response = client.get(reverse(name))
        body = response.content
        print(f"{label:<30}{response.status_code:>7}{len(body):>12,}{body.count(b'<option'):>9,}")


if __name__ == "__main__":
    main()
