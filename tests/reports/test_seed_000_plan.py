"""Seed 000 from the records: the plan of fixtures/seed_000_plan.json on the demo data.

One demo province of 2,000 officials is generated for the module (inside a transaction rolled back at the
end); the demo imports the plan for its first district, Phong Thổ (LC.PT). The report is as of 30/6/2024
(the district ceased on 1/7/2025), against 31/12/2020, the start of the 2020 - 2025 term. Every row must
have a figure there; a few rows are counted again by hand from the records.
"""
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import override_settings

from cadre.demo import generate_demo
from cadre.models import CareerEvent, Organization, PlanningEntry, PositionRecord, QualificationRecord
from cadre.vietnamese import format_count, vietnamese_two_places
from documents import sentences
from documents.compose import compose
from documents.docx_render import render_docx
from documents.fetch import document_facts
from planning.models import Plan
from planning.plan_file import read_plan
from reports import computation
from tests.documents.samples import sample_spec
from tests.reports.plans import build

pytestmark = pytest.mark.django_db

PLAN_FILE = Path(settings.BASE_DIR) / "fixtures" / "seed_000_plan.json"
CODE = "60-KH/HU"
DISTRICT = "LC.PT"
AS_OF = dt.date(2024, 6, 30)
BASELINE = dt.date(2020, 12, 31)
OFFICIALS = 2000
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AGENCY_TITLES = ["TRUONG_PHONG", "PHO_PHONG", "CONG_CHUC_HUYEN", "VIEN_CHUC"]
COMMUNE_TITLES = ["BT_DU", "PBT_DU", "CT_HDND_XA", "PCT_HDND_XA", "CT_UBND_XA", "PCT_UBND_XA", "CT_MTTQ_XA",
                  "BT_DOAN_XA", "CT_HLHPN_XA", "CT_HND_XA", "CT_HCCB_XA",
                  "CC_CHQS", "CC_VPTK", "CC_DC", "CC_TCKT", "CC_TPHT", "CC_VHXH"]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS), django_db_blocker.unblock(), transaction.atomic():
        summary = generate_demo(officials=OFFICIALS, seed=2026)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def district():
    return Organization.objects.get(code=DISTRICT)


@pytest.fixture
def report():
    return build(DISTRICT, AS_OF, plan=CODE, rating_years=[2023], baseline=BASELINE, baseline_rating_years=[2020],
                 target_year=2025)


def find(report, number: str, label: str, occurrence: int = 0):
    """The row of table `number` with this label (the `occurrence`-th, for "Trong đó …" labels used twice)."""
    table = next(table for table in report.tables if table.number == number)
    return [row for row in table.rows if row.label == label][occurrence]


def held(district, titles, on=AS_OF):
    return PositionRecord.objects.held_on(on).within(district).filter(title__code__in=titles)


def officials(queryset) -> set[int]:
    return set(queryset.values_list("official_id", flat=True))


# --- the file ---------------------------------------------------------------------------------------


def test_the_file_reads_without_a_problem_and_the_demo_imported_it(demo):
    data = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    draft = read_plan(data)  # raises PlanFileError with every problem
    assert CODE in demo.plans
    plan = Plan.objects.get(code=CODE)
    assert plan.organization.code == DISTRICT
    assert [(t.number, t.rows.count()) for t in plan.tables.order_by("order")] == [
        (table["number"], len(table["rows"])) for table in data["tables"]
    ] == [(table.number, len(table.rows)) for table in draft.tables]


def test_the_import_command_takes_the_file_as_it_is():
    out = io.StringIO()
    call_command("import_plan", str(PLAN_FILE), stdout=out)
    data = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    plan = Plan.objects.get(code=CODE)
    assert plan.tables.count() == len(data["tables"]) == 6
    assert sum(table.rows.count() for table in plan.tables.all()) == sum(len(t["rows"]) for t in data["tables"])


# --- every row has a figure -----------------------------------------------------------------------------


def test_every_row_has_a_figure_for_the_district_and_counts_someone_in_the_province(report):
    """No row is 0/0 for the district on the report date; none counts nobody in the whole province (a few rows
    count rare things, e.g. a transfer with a by-election since June 2022: a small district may have none)."""
    data = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
    assert [len(table.rows) for table in report.tables] == [len(table["rows"]) + 1 for table in data["tables"]]
    province = build("LC", AS_OF, plan=CODE, rating_years=[2023], baseline=BASELINE, baseline_rating_years=[2020],
                     target_year=2025)
    without_total, counting_nobody = [], []
    for table, province_table in zip(report.tables, province.tables):
        for row, province_row in zip(table.rows, province_table.rows):
            for figure in (row.baseline, row.current, province_row.current):
                assert 0 <= figure.count <= figure.total, (table.number, row.label)
            if not row.current.total:
                without_total.append((table.number, row.label))
            if not province_row.current.count:
                counting_nobody.append((table.number, row.label, province_row.current.total))
    assert without_total == []
    assert counting_nobody == [], "\n".join(map(str, counting_nobody))


def test_rows_with_targets_compare_with_them_and_rows_that_ask_for_more_get_it(report):
    planned = find(report, "Biểu 04", "Cán bộ diện quy hoạch Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2025 - 2030 được "
                                      "đào tạo, bồi dưỡng, cập nhật kiến thức mới")
    assert planned.asks_multiple and planned.multiple is not None and planned.target.value == 100
    young = find(report, "Biểu 06", "Phòng, ban, ngành huyện có cán bộ trẻ giữ chức danh lãnh đạo, quản lý")
    assert young.asks_delta_points
    assert young.delta_points == young.current.percent - young.baseline.percent
    assert young.status in ("dat", "vuot", "chua_dat")


# --- figures counted again by hand from the records ------------------------------------------------------


def test_heads_of_agencies_outside_the_district_committee_by_hand(report, district):
    heads = officials(held(district, ["TRUONG_PHONG"]).filter(organization__kind="CO_QUAN"))
    members = officials(held(district, ["UV_BCH_HU"]))
    row = find(report, "Biểu 04", "Trưởng các phòng, ban, ngành, đoàn thể huyện không là Ủy viên Ban Chấp hành "
                                  "Đảng bộ huyện")
    assert (row.current.count, row.current.total) == (len(heads - members), len(heads))
    assert 0 < row.current.count < row.current.total


def test_communes_whose_secretary_chairs_the_peoples_committee_by_hand(report, district):
    communes = Organization.objects.within(district).existing_on(AS_OF).filter(kind="XA")
    joint = 0
    for commune in communes:
        at_commune = Q(organization__path__startswith=commune.path)
        secretaries = officials(held(district, ["BT_DU"]).filter(at_commune))
        chairs = officials(held(district, ["CT_UBND_XA"]).filter(at_commune))
        joint += bool(secretaries & chairs)
    row = find(report, "Biểu 05", "Xã, thị trấn có bí thư cấp ủy đồng thời là chủ tịch UBND")
    assert (row.current.count, row.current.total) == (joint, communes.count())
    assert joint > 0


def test_elementary_political_theory_exactly_by_hand(report, district):
    population = officials(held(district, COMMUNE_TITLES))
    best: dict[int, int] = {}
    for official, rank in QualificationRecord.objects.filter(
        official_id__in=population, qualification_type__code="LY_LUAN", obtained_on__lte=AS_OF,
    ).values_list("official_id", "level__rank"):
        best[official] = max(rank, best.get(official, 0))
    elementary = sum(1 for rank in best.values() if rank == 1)
    row = find(report, "Biểu 03", "Lý luận chính trị sơ cấp")
    assert (row.current.count, row.current.total) == (elementary, len(population))
    assert elementary > 0


def test_the_planned_district_committee_trained_and_its_multiple_by_hand(report, district):
    planned = set(PlanningEntry.objects.within(district).filter(
        Q(removed_on__isnull=True) | Q(removed_on__gt=AS_OF),
        title__code="UV_BCH_HU", term="2025-2030", approved_on__lte=AS_OF,
    ).values_list("official_id", flat=True))
    trained = set(CareerEvent.objects.filter(official_id__in=planned, kind="CU_DI_HOC", date__lte=AS_OF)
                  .values_list("official_id", flat=True))
    committee = officials(held(district, ["UV_BCH_HU"]))
    row = find(report, "Biểu 04", "Cán bộ diện quy hoạch Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2025 - 2030 được "
                                  "đào tạo, bồi dưỡng, cập nhật kiến thức mới")
    assert (row.current.count, row.current.total) == (len(trained), len(planned))
    assert row.multiple == computation.multiple(len(planned), len(committee))
    assert len(planned) > len(committee) > 0


def test_the_party_and_mass_organization_block_by_hand(report, district):
    groups = ["DANG", "MTTQ_DOAN_THE"]
    block = officials(held(district, AGENCY_TITLES).filter(
        Q(organization__category__in=groups) | Q(organization__kind="CHI_BO", organization__parent__category__in=groups)
    ))
    row = find(report, "Biểu 02", "Khối Đảng, Mặt trận Tổ quốc, đoàn thể")
    assert (row.current.count, row.current.total) == (len(block), len(block))
    assert block


# --- the document ---------------------------------------------------------------------------------------


def test_the_plan_review_document_reads_the_condition_rows(district):
    plan = Plan.objects.for_report().get(code=CODE)
    spec = sample_spec(
        organization_code=DISTRICT, number="", issued_on=dt.date(2024, 8, 15), as_of=AS_OF, plan_code=CODE,
        plan_title=plan.title, plan_issued_on=plan.issued_on, baseline_as_of=BASELINE, rating_years=(2023,),
        baseline_rating_years=(2020,), target_year=2025, events_from=dt.date(2018, 1, 1),
        subject="Sơ kết 05 năm thực hiện Nghị quyết số 26-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII",
    )
    facts = document_facts(spec, district, plan)
    document = compose(spec, facts)
    text = document.all_text()
    report = facts.report

    joint = find(report, "Biểu 05", "Xã, thị trấn có bí thư cấp ủy đồng thời là chủ tịch UBND")
    joint_clause = (f"{format_count(joint.current.count)}/{format_count(joint.current.total)} xã, thị trấn có bí thư "
                    f"cấp ủy đồng thời là chủ tịch UBND ({sentences.percent_text(joint.current.percent)})")
    state = find(report, "Biểu 02", "Khối Nhà nước")
    planned = find(report, "Biểu 04", "Cán bộ diện quy hoạch Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2025 - 2030 được "
                                      "đào tạo, bồi dưỡng, cập nhật kiến thức mới")
    young = find(report, "Biểu 06", "Phòng, ban, ngành huyện có cán bộ trẻ giữ chức danh lãnh đạo, quản lý")
    assert f"+ {joint_clause}" in text
    assert f"+ Khối Nhà nước: {format_count(state.current.total)} đồng chí" in text
    assert f"gấp {vietnamese_two_places(planned.multiple)} lần" in text
    assert sentences.delta_points_text(young) and sentences.delta_points_text(young) in text
    assert "giới thiệu ứng cử" in text and "tuyển dụng" in text
    assert [table.number for table in document.appendix] == [f"Biểu 0{n}" for n in range(1, 7)]

    from docx import Document as WordDocument  # the rendered Word file says the same

    word = WordDocument(io.BytesIO(render_docx(document)))
    assert any(joint_clause in paragraph.text for paragraph in word.paragraphs)
