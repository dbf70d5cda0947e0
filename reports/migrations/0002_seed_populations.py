"""Seed the populations of domain.md."""
from django.db import migrations

COMMUNE_CADRES = [
    "BT_DU", "PBT_DU", "CT_HDND_XA", "PCT_HDND_XA", "CT_UBND_XA", "PCT_UBND_XA",
    "CT_MTTQ_XA", "BT_DOAN_XA", "CT_HLHPN_XA", "CT_HND_XA", "CT_HCCB_XA",
]
POPULATIONS = [
    ("CB_XA", "Cán bộ cấp xã", "XA", COMMUNE_CADRES),
    ("CB_CHU_CHOT_XA", "Cán bộ chủ chốt cấp xã", "XA", ["BT_DU", "PBT_DU", "CT_HDND_XA", "CT_UBND_XA"]),
    ("CC_XA", "Công chức cấp xã", "XA", ["CC_CHQS", "CC_VPTK", "CC_DC", "CC_TCKT", "CC_TPHT", "CC_VHXH"]),
    ("BCH_HUYEN", "Ban Chấp hành Đảng bộ huyện", "HUYEN", ["UV_BCH_HU"]),
    ("BTV_HUYEN", "Ban Thường vụ Huyện ủy", "HUYEN", ["UV_BTV_HU"]),
    ("CB_CHU_CHOT_HUYEN", "Cán bộ chủ chốt cấp huyện", "HUYEN",
     ["BT_HU", "PBT_HU", "CT_HDND_HUYEN", "PCT_HDND_HUYEN", "CT_UBND_HUYEN", "PCT_UBND_HUYEN"]),
    ("LANH_DAO_PHONG", "Lãnh đạo phòng, ban, ngành huyện", "CO_QUAN", ["TRUONG_PHONG", "PHO_PHONG"]),
]


def seed(apps, schema_editor):
    Population = apps.get_model("reports", "Population")
    PositionTitle = apps.get_model("cadre", "PositionTitle")
    titles = {t.code: t for t in PositionTitle.objects.all()}
    for order, (code, name, unit_kind, codes) in enumerate(POPULATIONS, start=1):
        population = Population.objects.create(code=code, name=name, unit_kind=unit_kind, sort_order=order)
        population.titles.set([titles[c] for c in codes])


def unseed(apps, schema_editor):
    apps.get_model("reports", "Population").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("cadre", "0002_seed_catalogs")]
    operations = [migrations.RunPython(seed, unseed)]
