"""Hand-built inputs for the pure parts: a spec, facts and a report like seed 002's Biểu 01."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from documents.facts import (
    PLAN_REVIEW,
    CareerEvents,
    CommuneLeadership,
    DocumentFacts,
    DocumentSpec,
    EventTally,
    GroupComposition,
    OrganizationCounts,
    PartyMembers,
    PartyMovement,
    PlanningGroup,
)
from reports import computation
from reports.structure import TOTAL_INDICATOR, TOTAL_LABEL, TOTAL_ROW_KEY, Report, ReportRow, ReportTable, TargetBounds

PERSON, RATING = "NGUOI", "LUOT_DANH_GIA"


def row(number, label, indicator, before, now, target=None, kind=PERSON, depth=0):
    baseline = computation.figure(*before)
    current = computation.figure(*now)
    return ReportRow(
        key=f"{indicator}-{number}", number=number, label=label, indicator=indicator, kind=kind, depth=depth,
        baseline=baseline, current=current, target=target,
        vs_target=computation.vs_target(current.percent, target),
        vs_baseline=computation.ratio(current.percent, baseline.percent),
        status=computation.status(current.percent, target),
    )


def total_row(before, now):
    return ReportRow(
        key=TOTAL_ROW_KEY, number="", label=TOTAL_LABEL, indicator=TOTAL_INDICATOR, kind=PERSON, depth=0,
        baseline=computation.figure(before, before), current=computation.figure(now, now),
        target=None, vs_target=None, vs_baseline=None, status=None,
    )


def seed_002_table(number="Biểu 01") -> ReportTable:
    """Seed 002's Biểu 01 (as the system computes it: 121/190 is 63,68%, not capped)."""
    return ReportTable(
        key=1, number=number, title="Tổng hợp chất lượng cán bộ", population="CB_XA",
        population_name="Cán bộ cấp xã",
        rows=(
            total_row(183, 190),
            row("1", "Giáo dục Trung học phổ thông", "PT_THPT", (180, 183), (190, 190),
                TargetBounds(value=Decimal(100))),
            row("2", "Trình độ chuyên môn Trung cấp trở lên", "CM_TRUNG_CAP", (181, 183), (190, 190),
                TargetBounds(value=Decimal(100))),
            row("", "Trong đó trình độ Đại học trở lên", "CM_DAI_HOC", (48, 183), (121, 190),
                TargetBounds(value=Decimal(50)), depth=1),
            row("3", "Trình độ Lý luận chính trị Trung cấp trở lên", "LLCT_TRUNG_CAP", (171, 183), (189, 190),
                TargetBounds(value=Decimal(100))),
            row("4", "Hoàn thành tốt nhiệm vụ trở lên", "DG_TOT", (175, 183), (355, 382),
                TargetBounds(value=Decimal(95)), kind=RATING),
            row("", "Trong đó hoàn thành xuất sắc nhiệm vụ", "DG_XUAT_SAC", (19, 183), (36, 382),
                TargetBounds(value=Decimal(5)), kind=RATING, depth=1),
            row("5", "Tỷ lệ cán bộ nữ", "NU", (29, 183), (30, 190), TargetBounds(value=Decimal(15))),
            row("6", "Tỷ lệ cán bộ trẻ", "TRE", (14, 54), (8, 60), TargetBounds(min=Decimal(35), max=Decimal(40))),
            row("7", "Không hoàn thành nhiệm vụ", "DG_KHONG_HT", (0, 183), (5, 382),
                TargetBounds(max=Decimal(2)), kind=RATING),
        ),
    )


def sample_report(tables=None) -> Report:
    return Report(
        organization="LC.PT", organization_name="Huyện ủy Phong Thổ", plan="01-ĐA/HU",
        plan_title="Đề án về xây dựng đội ngũ cán bộ, công chức cấp xã",
        as_of=dt.date(2023, 5, 15), rating_years=(2021, 2022),
        baseline_as_of=dt.date(2020, 12, 31), baseline_rating_years=(2020,), target_year=2025,
        tables=tuple(tables) if tables is not None else (seed_002_table(),),
    )


def sample_spec(**changes) -> DocumentSpec:
    values = dict(
        kind=PLAN_REVIEW, organization_code="LC.PT", organization_name="Huyện ủy Phong Thổ",
        organization_kind="HUYEN", superior_body="Đảng bộ tỉnh Lai Châu", issuing_body="Huyện ủy Phong Thổ",
        place="Phong Thổ", number="408-BC/HU", issued_on=dt.date(2023, 7, 12),
        subject="Sơ kết giữa nhiệm kỳ thực hiện Đề án số 01-ĐA/HU, ngày 15/01/2021 của Ban Chấp hành Đảng bộ huyện",
        signer_authority="T/M Huyện ủy", signer_title="Phó Bí thư", signer_name="Nguyễn Văn Thanh",
        recipients=("Thường trực Huyện ủy (b/c)", "Ban Tổ chức Tỉnh ủy", "Đảng ủy các xã, thị trấn"),
        as_of=dt.date(2023, 5, 15), plan_code="01-ĐA/HU", plan_title="Đề án về xây dựng đội ngũ cán bộ",
        plan_issued_on=dt.date(2021, 1, 15), baseline_as_of=dt.date(2020, 12, 31), rating_years=(2021, 2022),
        baseline_rating_years=(2020,), target_year=2025, events_from=dt.date(2021, 1, 1), term="2020 - 2025",
        sections={
            "opening": "Thực hiện Công văn số 1848-CV/BTCTU, Huyện ủy báo cáo như sau:",
            "strengths": "Đội ngũ cán bộ **có bản lĩnh chính trị** vững vàng.\n- Quy hoạch *đồng bộ*.",
            "weaknesses": "+ Tỷ lệ cán bộ trẻ còn thấp.",
            "tasks": "(1)- Tăng cường sự lãnh đạo của cấp ủy.",
            "proposals": "Đề nghị Tỉnh ủy tháo gỡ vướng mắc.",
        },
    )
    values.update(changes)
    return DocumentSpec(**values)


def sample_facts(report: Report | None = None, **changes) -> DocumentFacts:
    values = dict(
        scope_kind="HUYEN",
        scope_word="huyện",
        organizations=OrganizationCounts(
            grassroots=57, agency_committees=4, commune_committees=15, grassroots_cells=38, cells=258,
            hamlet_cells_in_communes=128, other_cells_in_communes=108, communes_with_cells=15,
            cells_in_agencies=22, agencies_with_cells=4, communes=15, townships=2,
        ),
        members=PartyMembers(year=2023, members=4809, probationary=150, female=1499),
        movement=PartyMovement(first_year=2021, last_year=2023, admitted=320, removed=17),
        compositions=(GroupComposition("CB_XA", "Cán bộ cấp xã", 190, 30, 168, 88),),
        committees=(GroupComposition("BCH_HUYEN", "Ban Chấp hành Đảng bộ huyện", 41, 5, 20, 3),
                    GroupComposition("BTV_HUYEN", "Ban Thường vụ Huyện ủy", 12, 1, 5, 0)),
        events=CareerEvents(dt.date(2021, 1, 1), dt.date(2023, 5, 15), (
            EventTally("LUAN_CHUYEN", 5, (("huyen_xa", 2), ("xa_xa", 3))),
            EventTally("DIEU_DONG", 6, (("huyen_xa", 2), ("xa_xa", 1), ("xa_huyen", 3))),
            EventTally("BO_NHIEM", 9),
        )),
        leadership=CommuneLeadership(communes=17, secretary_chairs_council=12, secretary_chairs_committee=1,
                                     secretaries=17, secretaries_not_local=5),
        report=report if report is not None else sample_report(),
        planning=(PlanningGroup("2025-2030", "huyen", 61, 20, 19), PlanningGroup("2025-2030", "xa", 328, 99, 89)),
    )
    values.update(changes)
    return DocumentFacts(**values)


def long_report(pages_of_text: int = 12, tables: int = 3):
    """A district report of about 15 pages with three Biểu (for the benchmark and size tests)."""
    paragraph = (
        "Cấp ủy cơ sở, nhất là người đứng đầu cấp ủy luôn quan tâm lãnh đạo, chỉ đạo nâng cao nhận thức, "
        "trách nhiệm về vai trò và tầm quan trọng của việc nâng cao chất lượng đội ngũ cán bộ, công chức cấp xã; "
        "**tích cực tuyên truyền** và vận động cán bộ, đảng viên, đoàn viên, hội viên và nhân dân thực hiện "
        "đổi mới phương thức lãnh đạo, đổi mới *tác phong, lề lối làm việc* của tổ chức đảng, chính quyền."
    )
    block = "\n".join(["- " + paragraph if i % 3 else paragraph for i in range(pages_of_text)])
    sections = {key: block for key in ("situation", "implementation", "strengths", "weaknesses", "causes",
                                         "lessons", "tasks")}
    sections["opening"] = "Thực hiện Công văn số 1848-CV/BTCTU, Huyện ủy báo cáo như sau:"
    report = sample_report(tables=[seed_002_table(f"Biểu {n:02d}") for n in range(1, tables + 1)])
    return sample_spec(sections=sections), sample_facts(report)
