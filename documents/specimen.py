"""Example figures to fill a user template once when it is uploaded (no database needed).

Every variable gets a value of its real shape, so a template that renders
here renders with real data too.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from documents.assembly import ComposedReport
from documents.compose import compose
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


def _row(key, number, label, indicator, before, now, target, depth=0):
    baseline, current = computation.figure(*before), computation.figure(*now)
    return ReportRow(key=key, number=number, label=label, indicator=indicator, kind="NGUOI", depth=depth,
                     baseline=baseline, current=current, target=target,
                     vs_target=computation.vs_target(current.percent, target),
                     vs_baseline=computation.ratio(current.percent, baseline.percent),
                     status=computation.status(current.percent, target))


def specimen(organization_name: str = "Huyện ủy Phong Thổ") -> ComposedReport:
    as_of = dt.date(2023, 5, 15)
    table = ReportTable(key=1, number="Biểu 01", title="Tổng hợp chất lượng cán bộ", population="CB_XA",
                        population_name="Cán bộ cấp xã", rows=(
        _row(TOTAL_ROW_KEY, "", TOTAL_LABEL, TOTAL_INDICATOR, (183, 183), (190, 190), None),
        _row("1", "1", "Trình độ chuyên môn Trung cấp trở lên", "CM_TRUNG_CAP", (181, 183), (190, 190),
             TargetBounds(value=Decimal(100))),
        _row("2", "", "Trong đó trình độ Đại học trở lên", "CM_DAI_HOC", (48, 183), (121, 190),
             TargetBounds(value=Decimal(50)), depth=1),
        _row("3", "2", "Tỷ lệ cán bộ trẻ", "TRE", (110, 183), (88, 190),
             TargetBounds(min=Decimal(35), max=Decimal(40))),
    ))
    report = Report(organization="LC.PT", organization_name=organization_name, plan="01-ĐA/HU",
                    plan_title="Đề án về xây dựng đội ngũ cán bộ", as_of=as_of, rating_years=(2021, 2022),
                    baseline_as_of=dt.date(2020, 12, 31), baseline_rating_years=(2020,), target_year=2025,
                    tables=(table,))
    spec = DocumentSpec(
        kind=PLAN_REVIEW, organization_code="LC.PT", organization_name=organization_name, organization_kind="HUYEN",
        superior_body="Đảng bộ tỉnh Lai Châu", issuing_body=organization_name, place="Phong Thổ",
        number="408-BC/HU", issued_on=dt.date(2023, 7, 12), subject="Sơ kết thực hiện Đề án số 01-ĐA/HU",
        signer_authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ", signer_name="Nguyễn Văn A",
        recipients=("Ban Tổ chức Tỉnh ủy", "Lưu Văn phòng Huyện ủy"), as_of=as_of, plan_code="01-ĐA/HU",
        plan_title="Đề án về xây dựng đội ngũ cán bộ", plan_issued_on=dt.date(2021, 1, 15),
        baseline_as_of=dt.date(2020, 12, 31), rating_years=(2021, 2022), baseline_rating_years=(2020,),
        target_year=2025, events_from=dt.date(2021, 1, 1), term="2020 - 2025",
        sections={"strengths": "Ưu điểm **nổi bật**.", "weaknesses": "- Hạn chế.", "tasks": "+ Nhiệm vụ."},
    )
    facts = DocumentFacts(
        scope_kind="HUYEN",
        scope_word="huyện",
        organizations=OrganizationCounts(57, 4, 15, 38, 258, 128, 108, 15, 22, 4, 15, 2),
        members=PartyMembers(2023, 4809, 150, 1499),
        movement=PartyMovement(2021, 2023, 320, 17),
        compositions=(GroupComposition("CB_XA", "Cán bộ cấp xã", 190, 30, 168, 88),),
        committees=(GroupComposition("BCH_HUYEN", "Ban Chấp hành Đảng bộ huyện", 41, 5, 10, 3),),
        events=CareerEvents(dt.date(2021, 1, 1), as_of, (EventTally("LUAN_CHUYEN", 5, (("huyen_xa", 2),)),)),
        leadership=CommuneLeadership(17, 12, 1, 17, 5),
        report=report,
        planning=(PlanningGroup("2025-2030", "huyen", 61, 20, 19),),
    )
    return ComposedReport(spec, facts, compose(spec, facts))
