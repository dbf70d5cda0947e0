"""plan_as_file: a stored plan as its plan file, the inverse of the import."""
import copy
import json
from pathlib import Path

import pytest

from cadre.demo.populations import ensure_report_populations
from cadre.models import Organization
from planning.models import Plan
from planning.plan_file import read_plan
from planning.plan_writer import plan_as_file
from planning.services import plan_import
from tests.factories import make_district_tree, make_organization

pytestmark = pytest.mark.django_db

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.json"))
KINDS = ["TINH", "HUYEN", "XA"]

# Every key a plan file may hold, some written loosely (lower case, repeats, unsorted lists, "12,5" as text).
EVERY_KEY = {
    "code": "05-ĐA/HU", "title": "Đề án thử mọi khóa", "organization": "lc.a", "issued_on": "15/01/2021",
    "tables": [
        {"number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "cb_xa", "rows": [
            {"label": "Trình độ Đại học trở lên", "indicator": "cm_dai_hoc", "params": {},
             "targets": [{"year": 2030, "value": 100}, {"year": 2025, "value": "12,5"}]},
            {"label": "Trong đó nữ", "indicator": "NU", "parent": 1, "targets": []},
            {"label": "Cán bộ trẻ", "indicator": "TRE", "params": {"age_under": 40},
             "targets": [{"year": 2025, "min": 15, "max": 20.25}]},
            {"label": "Lý luận Sơ cấp, Trung cấp, không giữ CT HĐND",
             "where": {"all": [{"qual": {"type": "ly_luan", "in": ["trung_cap", "SO_CAP", "SO_CAP"]}},
                               {"not": {"holds": {"positions": ["ct_hdnd_xa", "BT_DU"], "at": "scope"}}}]},
             "population": {"unit_kind": "xa", "positions": ["pbt_du", "bt_du"], "at": {"kind": ["XA"]}},
             "compare": ["delta_points", "delta_points"], "targets": [{"year": 2025, "max": 2}]},
            {"label": "Xã có bí thư kiêm Chủ tịch HĐND", "unit": True,
             "population": {"positions": ["BT_DU"], "unit_kind": "XA"},
             "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}},
            {"label": "Quy hoạch Ban Chấp hành", "indicator": "TONG_SO",
             "population": {"planned_for": ["UV_BCH_HU"], "terms": ["2025-2030"]},
             "multiple_of": "BCH_HUYEN"},
            {"label": "Nữ dưới 40, đã đi học cao cấp", "unit": False,
             "where": {"any": [{"gender": "NU"}, {"age": {"lt": 40}},
                               {"event": {"kind": ["CU_DI_HOC"], "program": ["LLCT_CAO_CAP"], "from": "01/01/2020"}},
                               {"ethnicity": {"ne": "kinh"}}, {"party_member": True},
                               {"indicator": "TRE", "params": {"age_under": 30}}]}},
        ]},
        {"number": "Biểu 02", "title": "LÃNH ĐẠO PHÒNG", "population": "LANH_DAO_PHONG",
         "rows": [{"label": "Tổng số", "indicator": "TONG_SO"}]},
    ],
}

EVERY_KEY_AS_STORED = {
    "code": "05-ĐA/HU", "title": "Đề án thử mọi khóa", "organization": "LC.A", "issued_on": "2021-01-15",
    "tables": [
        {"number": "Biểu 01", "title": "CÁN BỘ CẤP XÃ", "population": "CB_XA", "rows": [
            {"label": "Trình độ Đại học trở lên", "indicator": "CM_DAI_HOC",
             "targets": [{"year": 2025, "value": 12.5}, {"year": 2030, "value": 100}]},
            {"label": "Trong đó nữ", "indicator": "NU", "parent": 1},
            {"label": "Cán bộ trẻ", "indicator": "TRE", "params": {"age_under": 40},
             "targets": [{"year": 2025, "min": 15, "max": 20.25}]},
            {"label": "Lý luận Sơ cấp, Trung cấp, không giữ CT HĐND",
             "where": {"all": [{"qual": {"type": "LY_LUAN", "in": ["SO_CAP", "TRUNG_CAP"]}},
                               {"not": {"holds": {"positions": ["BT_DU", "CT_HDND_XA"], "at": "scope"}}}]},
             "population": {"positions": ["BT_DU", "PBT_DU"], "at": {"kind": ["XA"]}, "unit_kind": "XA"},
             "compare": ["delta_points"], "targets": [{"year": 2025, "max": 2}]},
            {"label": "Xã có bí thư kiêm Chủ tịch HĐND", "unit": True,
             "population": {"positions": ["BT_DU"], "unit_kind": "XA"},
             "where": {"holds": {"positions": ["CT_HDND_XA"], "at": "same_unit"}}},
            {"label": "Quy hoạch Ban Chấp hành", "indicator": "TONG_SO",
             "population": {"planned_for": ["UV_BCH_HU"], "terms": ["2025-2030"]},
             "multiple_of": "BCH_HUYEN"},
            {"label": "Nữ dưới 40, đã đi học cao cấp",
             "where": {"any": [{"gender": "NU"}, {"age": {"lt": 40}},
                               {"event": {"kind": ["CU_DI_HOC"], "program": ["LLCT_CAO_CAP"], "from": "2020-01-01"}},
                               {"ethnicity": {"ne": "Kinh"}}, {"party_member": True},
                               {"indicator": "TRE", "params": {"age_under": 30}}]}},
        ]},
        {"number": "Biểu 02", "title": "LÃNH ĐẠO PHÒNG", "population": "LANH_DAO_PHONG",
         "rows": [{"label": "Tổng số", "indicator": "TONG_SO"}]},
    ],
}


def stored(code: str) -> Plan:
    return Plan.objects.for_report().get(code=code)


def ensure_organizations(code: str) -> None:
    """The organization a fixture names, with its parents (LC, LC.PT, LC.PT.XA), when missing."""
    parts = code.split(".")
    parent = None
    for depth in range(1, len(parts) + 1):
        prefix = ".".join(parts[:depth])
        parent = Organization.objects.filter(code=prefix).first() or make_organization(
            prefix, KINDS[min(depth - 1, 2)], parent)


def canonical(data: dict) -> dict:
    """What the file says, as the reader understands it (planning.plan_file.read_plan): codes as the catalogs
    spell them, the condition keys in their canonical JSON, percents as numbers; optional keys that say
    nothing (empty params or targets, unit false, no compare) left out, targets by year."""
    draft = read_plan(data)
    result = {"code": draft.code, "title": draft.title, "organization": draft.organization.code,
              "issued_on": draft.issued_on.isoformat(), "tables": []}
    for table in draft.tables:
        rows = []
        for row in table.rows:
            item = {"label": row.label}
            if row.indicator is not None:
                item["indicator"] = row.indicator.code
            for key, value in (("params", row.params), ("parent", row.parent), ("where", row.condition),
                               ("population", row.population), ("unit", row.unit or None),
                               ("multiple_of", row.multiple_of), ("compare", row.compare or None)):
                if value:
                    item[key] = value
            targets = [{"year": target.year, **{key: float(value) for key, value in (
                ("value", target.value), ("min", target.min_value), ("max", target.max_value)) if value is not None}}
                for target in sorted(row.targets, key=lambda target: target.year)]
            if targets:
                item["targets"] = targets
            rows.append(item)
        result["tables"].append({"number": table.number, "title": table.title, "population": table.population.code,
                                 "rows": rows})
    return result


@pytest.mark.parametrize("path", FIXTURES, ids=[path.name for path in FIXTURES])
def test_each_fixture_plan_reads_back_as_its_file(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    ensure_organizations(data["organization"])
    ensure_report_populations()  # the seed-000 plan's tables count populations the demo adds to the catalog
    plan_import(data=copy.deepcopy(data))
    written = plan_as_file(stored(data["code"]))
    assert written == canonical(data)
    # A file written as plan_as_file writes it is already canonical: importing it again changes nothing.
    plan_import(data=copy.deepcopy(written))
    assert plan_as_file(stored(data["code"])) == written


def test_every_key_of_a_plan_file_is_written_back_in_canonical_form():
    make_district_tree("LC")
    plan_import(data=copy.deepcopy(EVERY_KEY))
    written = plan_as_file(stored("05-ĐA/HU"))
    assert written == EVERY_KEY_AS_STORED
    # JSON numbers, not text: 12.5 and 100, as a file writes them.
    assert json.dumps(written["tables"][0]["rows"][0]["targets"]) == (
        '[{"year": 2025, "value": 12.5}, {"year": 2030, "value": 100}]')


def test_plan_as_file_reads_nothing_more_than_the_prefetched_plan(django_assert_num_queries):
    make_district_tree("LC")
    plan_import(data=copy.deepcopy(EVERY_KEY))
    plan = stored("05-ĐA/HU")
    with django_assert_num_queries(0):
        plan_as_file(plan)
