"""From a stored ReportDocument (or a bare report request) to the plain DocumentSpec.

Blank header fields take their value from the organization tree: the
superior body from the parent organization, the issuing body and the place
from the organization's own name. Official names are printed as written
(upper-cased for the header), never rewritten.
"""
from __future__ import annotations

import datetime as dt
import re

from cadre.models import Organization
from cadre.vietnamese import format_date_short, search_key
from documents.facts import PLAN_REVIEW, STAFF_SECTIONS, DocumentSpec
from documents.models import DEFAULT_RECIPIENTS, ReportDocument
from planning.models import Plan

# Prefixes cut from an organization's name to get the place name ("Huyện ủy Phong Thổ" -> "Phong Thổ"),
# compared without diacritics or case ("Uỷ" and "Ủy" alike).
PLACE_PREFIXES = (
    "dang bo huyen", "dang bo tinh", "dang bo thanh pho", "dang bo thi xa", "dang bo xa", "dang bo thi tran",
    "huyen uy", "tinh uy", "thanh uy", "thi uy", "dang uy xa", "dang uy", "dang bo", "huyen", "tinh",
)


def place_of(name: str) -> str:
    """The place in an organization's name: "Huyện ủy Phong Thổ" -> "Phong Thổ"."""
    words = name.split()
    for prefix in PLACE_PREFIXES:
        count = len(prefix.split())
        if len(words) > count and search_key(" ".join(words[:count])) == prefix:
            return " ".join(words[count:])
    return name.strip()


def default_subject(kind: str, plan: Plan | None, term: str = "") -> str:
    if kind == PLAN_REVIEW and plan is not None:
        return (f"Sơ kết thực hiện {plan.code}, ngày {format_date_short(plan.issued_on)} "
                f"về “{plan.title}”")
    term = term.strip()
    return f"Về công tác xây dựng Đảng nhiệm kỳ {term}" if term else "Về công tác xây dựng Đảng"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.replace("\r", "").split("\n") if line.strip())


def spec_from_document(document: ReportDocument, *, rating_years: tuple[int, ...] = (),
                       baseline_rating_years: tuple[int, ...] = (), target_year: int | None = None) -> DocumentSpec:
    """The spec of a stored document; the years are passed in once checked (reports.parameters)."""
    organization = document.organization
    plan = document.plan
    return DocumentSpec(
        kind=document.kind,
        organization_code=organization.code,
        organization_name=organization.name,
        organization_kind=organization.kind,
        superior_body=document.superior_body or (organization.parent.name if organization.parent_id else ""),
        issuing_body=document.issuing_body or organization.name,
        place=document.place or place_of(organization.name),
        number=document.number,
        issued_on=document.issued_on,
        subject=document.subject or default_subject(document.kind, plan, document.term),
        signer_authority=document.signer_authority,
        signer_title=document.signer_title,
        signer_name=document.signer_name,
        recipients=_lines(document.recipients),
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
    )


def spec_for_request(*, organization: Organization, plan: Plan, as_of: dt.date, rating_years: tuple[int, ...],
                     baseline: dt.date, baseline_rating_years: tuple[int, ...], target_year: int | None,
                     issued_on: dt.date | None = None) -> DocumentSpec:
    """A draft plan-review report for a bare request (the command line): no number, default signer."""
    document = ReportDocument(
        organization=organization, kind=PLAN_REVIEW, plan=plan, as_of=as_of, baseline_as_of=baseline,
        issued_on=issued_on or dt.date.today(), recipients=DEFAULT_RECIPIENTS,
    )
    return spec_from_document(document, rating_years=rating_years, baseline_rating_years=baseline_rating_years,
                              target_year=target_year)


def number_is_valid(number: str) -> bool:
    """"408-BC/HU": digits, a dash, a kind and an issuer."""
    return bool(re.fullmatch(r"\d+-[A-ZĐ]+/[A-ZĐ0-9]+", number.strip().upper()))
