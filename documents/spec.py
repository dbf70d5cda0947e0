"""From a stored ReportDocument (or a bare report request) to the plain DocumentSpec.

Blank header fields take their value from the organization tree on the
report's date (cadre/committees.py): the superior body, the issuing body,
the number suffix, the place, the office that files the report and the
default recipients follow the issuing committee's level (Tỉnh ủy, Huyện ủy,
Đảng ủy xã, phường). Official names are never rewritten.
"""
from __future__ import annotations

import datetime as dt

from cadre.models import Organization
from cadre.vietnamese import format_date_short
from documents.facts import PLAN_REVIEW, STAFF_SECTIONS, DocumentSpec, ManualFigureValue
from cadre.committees import issuer_of, plan_issuing_body
from documents.models import ReportDocument
from planning.models import Plan
from reports.issue import Issue
from planning.plan_kinds import plan_about, plan_kind, plan_word

def plan_reference(plan: Plan, reporter: Organization | None = None) -> str:
    """"Đề án số 01-ĐA/HU, ngày 15/01/2021 của Ban Chấp hành Đảng bộ huyện" (seed 002): the plan's kind and
    issuing body come from the plan (its number and its organization)."""
    kind = plan_kind(plan.code)
    body = plan_issuing_body(plan.organization, kind, reporter)
    return f"{plan_word(plan.code)} số {plan.code}, ngày {format_date_short(plan.issued_on)} của {body}"


def default_subject(kind: str, plan: Plan | None, term: str = "", reporter: Organization | None = None) -> str:
    """Seed 002: "Sơ kết thực hiện Đề án số 01-ĐA/HU, ngày 15/01/2021 của Ban Chấp hành Đảng bộ huyện về xây
    dựng đội ngũ cán bộ…"."""
    if kind == PLAN_REVIEW and plan is not None:
        about = plan_about(plan.code, plan.title)
        return " ".join(part for part in ("Sơ kết thực hiện", plan_reference(plan, reporter), about) if part)
    term = term.strip()
    return f"Về công tác xây dựng Đảng nhiệm kỳ {term}" if term else "Về công tác xây dựng Đảng"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.replace("\r", "").split("\n") if line.strip())


def tree_date(document: ReportDocument) -> dt.date:
    """The date whose organization tree names the issuer: the issue date while the organization exists on it,
    otherwise the as-of date (a draft of a committee that has since ceased, made today)."""
    issued_on, organization = document.issued_on, document.organization
    return issued_on if issued_on is not None and organization.exists_on(issued_on) else document.as_of


def manual_figure_values(document: ReportDocument) -> tuple[ManualFigureValue, ...]:
    """The figures typed in for a stored document, in their order (none for an unsaved one); read from the
    prefetch of ReportDocumentQuerySet.for_composing when there is one."""
    if document.pk is None:
        return ()
    figures = sorted(document.manual_figures.all(), key=lambda figure: (figure.order, figure.pk))
    return tuple(ManualFigureValue(key=figure.key, label=figure.label, value=figure.value, unit=figure.unit,
                                   note=figure.note) for figure in figures)


def spec_from_document(document: ReportDocument, *, rating_years: tuple[int, ...] = (),
                       baseline_rating_years: tuple[int, ...] = (), target_year: int | None = None) -> DocumentSpec:
    """The spec of a stored document; the years are passed in once checked (reports.parameters)."""
    organization = document.organization
    plan = document.plan
    issuer = issuer_of(organization, tree_date(document))
    return DocumentSpec(
        kind=document.kind,
        organization_code=organization.code,
        organization_name=issuer.name,
        organization_kind=organization.kind,
        superior_body=document.superior_body or issuer.superior_body,
        issuing_body=document.issuing_body or issuer.issuing_body,
        place=document.place or issuer.place,
        number=document.number,
        issued_on=document.issued_on,
        subject=document.subject or default_subject(document.kind, plan, document.term, organization),
        signer_authority=document.signer_authority,
        signer_title=document.signer_title,
        signer_name=document.signer_name,
        recipients=_lines(document.recipients) or issuer.default_recipients(),
        as_of=document.as_of,
        plan_code=plan.code if plan else "",
        plan_title=plan.title if plan else "",
        plan_issued_on=plan.issued_on if plan else None,
        baseline_as_of=document.baseline_as_of,
        rating_years=rating_years or document.rating_years,
        baseline_rating_years=baseline_rating_years or document.baseline_rating_years,
        target_year=target_year if target_year is not None else document.target_year,
        events_from=document.events_from,
        term=document.term,
        sections={key: getattr(document, key) for key, _ in STAFF_SECTIONS},
        number_suffix=issuer.number_suffix,
        filing_recipient=f"Lưu {issuer.office}",
        manual_figures=manual_figure_values(document),
    )


def spec_for_request(*, organization: Organization, plan: Plan, as_of: dt.date, rating_years: tuple[int, ...],
                     baseline: dt.date, baseline_rating_years: tuple[int, ...], target_year: int | None,
                     issue: Issue = Issue(), signer: tuple[str, str] = ("", "")) -> DocumentSpec:
    """A plan-review report for a bare request (the command line): the number, date and signer it was given,
    else a draft dated today, signed "T/M BAN THƯỜNG VỤ" by `signer` (title, name: the committee's secretary)."""
    issue = issue.dated()
    issuer = issuer_of(organization, issue.issued_on if organization.exists_on(issue.issued_on) else as_of)
    document = ReportDocument(
        organization=organization, kind=PLAN_REVIEW, plan=plan, as_of=as_of, baseline_as_of=baseline,
        issued_on=issue.issued_on, number=issue.number, recipients="",
        signer_authority=issue.authority or issuer.authority,
        signer_title=issue.signer_title or signer[0], signer_name=issue.signer_name or signer[1],
    )
    return spec_from_document(document, rating_years=rating_years, baseline_rating_years=baseline_rating_years,
                              target_year=target_year)

