"""Populations of the catalog that the demo's seed 000 plan counts over (fixtures/seed_000_plan.json).

Seed 000 reports on all the cadres, civil servants and public employees of the district, on those of
the district level and on the cadres and civil servants of the communes (lines 31-33). The catalog's
populations (domain.md) have none of these groups, and a table's population is a catalog code (a
rating row counts over the table's population), so the demo adds them, as an administrator would.
They are catalog data, not demo data: a reset leaves them, and they are only added when missing.
"""
from __future__ import annotations

from cadre.models import OrganizationKind, Population, PositionTitle

COMMUNE_CADRES = ["BT_DU", "PBT_DU", "CT_HDND_XA", "PCT_HDND_XA", "CT_UBND_XA", "PCT_UBND_XA",
                  "CT_MTTQ_XA", "BT_DOAN_XA", "CT_HLHPN_XA", "CT_HND_XA", "CT_HCCB_XA"]
COMMUNE_CIVIL_SERVANTS = ["CC_CHQS", "CC_VPTK", "CC_DC", "CC_TCKT", "CC_TPHT", "CC_VHXH"]
DISTRICT_LEVEL = ["BT_HU", "PBT_HU", "CT_HDND_HUYEN", "PCT_HDND_HUYEN", "CT_UBND_HUYEN", "PCT_UBND_HUYEN",
                  "TRUONG_PHONG", "PHO_PHONG", "CONG_CHUC_HUYEN", "VIEN_CHUC"]
# (code, name, unit kind, titles)
POPULATIONS = [
    ("CBCCVC", "Cán bộ, công chức, viên chức", OrganizationKind.DISTRICT,
     COMMUNE_CADRES + COMMUNE_CIVIL_SERVANTS + DISTRICT_LEVEL),
    ("CBCCVC_HUYEN", "Cán bộ, công chức, viên chức cấp huyện", OrganizationKind.AGENCY, DISTRICT_LEVEL),
    ("CBCC_XA", "Cán bộ, công chức cấp xã", OrganizationKind.COMMUNE, COMMUNE_CADRES + COMMUNE_CIVIL_SERVANTS),
]
FIRST_SORT_ORDER = 20  # after the seeded ones


def ensure_report_populations() -> list[str]:
    """Add the populations that are missing (an existing code is left as it is); return the codes added."""
    existing = set(Population.objects.values_list("code", flat=True))
    titles = {title.code: title for title in PositionTitle.objects.all()}
    added = []
    for order, (code, name, unit_kind, codes) in enumerate(POPULATIONS, start=FIRST_SORT_ORDER):
        if code in existing:
            continue
        population = Population.objects.create(code=code, name=name, unit_kind=unit_kind, sort_order=order)
        population.titles.set([titles[c] for c in codes if c in titles])
        added.append(code)
    return added
