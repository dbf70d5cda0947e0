"""The demo plans: a province resolution, a district scheme and a commune resolution with targets, and
the district's review of seed 000 (fixtures/seed_000_plan.json: seed 000's figures stated as rows).

They come from plan files in fixtures/ (data-contract section 2) and are
imported through the same service as `import_plan`, so the dashboard, the
Biểu and the report documents have something to show right after
`make run`. Each file names the demo organization it belongs to; it is set
here to the generated province, first district and first new commune (the
ward formed on 1 July 2025, whose report compares 2025 with its predecessors'
2020), whatever their codes.
"""
from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from cadre.models import Organization

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DISTRICT_PLAN = FIXTURES / "demo_plan.json"
PROVINCE_PLAN = FIXTURES / "demo_province_plan.json"
COMMUNE_PLAN = FIXTURES / "demo_commune_plan.json"
SEED_000_PLAN = FIXTURES / "seed_000_plan.json"


def add_demo_plans(province: Organization, districts: list[Organization],
                   new_communes: list[Organization]) -> list[str]:
    """Import the demo plans for the province, its first district (two) and first new commune; return the codes.

    A plan whose code is already taken is left alone: importing would replace
    it, and it may be real data (demo plans go with their demo organization
    on --reset, so a taken code is never an old demo plan).
    """
    # planning builds on cadre, not the other way round
    from planning.models import Plan
    from planning.services import plan_import

    codes = []
    plans = ((PROVINCE_PLAN, province), (DISTRICT_PLAN, districts[0]), (COMMUNE_PLAN, new_communes[0]),
             (SEED_000_PLAN, districts[0]))
    for path, organization in plans:
        data = json.loads(path.read_text(encoding="utf-8"))
        if Plan.objects.filter(code__iexact=data["code"]).exists():
            continue
        data["organization"] = organization.code
        codes.append(plan_import(data=data).plan.code)
    return codes
