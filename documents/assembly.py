"""One call from a stored report (or a bare report request) to the composed document.

The order is always the same: check the request, fetch every figure once
(documents/fetch.py), then compose (documents/compose.py, pure). Renderers
receive the result and never query.
"""
from __future__ import annotations

from dataclasses import dataclass

from documents.compose import compose
from documents.content import Document
from documents.facts import DocumentFacts, DocumentSpec
from documents.fetch import document_facts, facts_with_report, secretary_of
from documents.models import ReportDocument
from documents.spec import spec_for_request, spec_from_document
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from reports.structure import Report


@dataclass(frozen=True)
class ComposedReport:
    spec: DocumentSpec
    facts: DocumentFacts
    document: Document


def report_document_compose(document: ReportDocument) -> ComposedReport:
    """Fetch and compose a stored document. Raises reports.parameters.ReportParameterErrors when the
    plan no longer fits the document's years (for example a target year the plan dropped)."""
    plan = load_plan(document.plan.code) if document.plan_id else None
    rating_years = document.rating_years or (document.as_of.year - 1,)
    baseline_rating_years = document.baseline_rating_years
    target_year = document.target_year
    if plan is not None and document.baseline_as_of is not None:
        request = check_request(
            organization=document.organization, plan=plan, as_of=document.as_of,
            rating_years=document.rating_years or None, baseline=document.baseline_as_of,
            baseline_rating_years=document.baseline_rating_years or None, target_year=document.target_year,
        )
        rating_years, baseline_rating_years = request.rating_years, request.baseline_rating_years
        target_year = request.target_year
    spec = spec_from_document(document, rating_years=rating_years, baseline_rating_years=baseline_rating_years,
                              target_year=target_year)
    facts = document_facts(spec, document.organization, plan)
    return ComposedReport(spec, facts, compose(spec, facts))


def report_compose(report: Report) -> ComposedReport:
    """A draft document around a report already built (the command line and the report page's downloads)."""
    organization = load_organization(report.organization)
    plan = load_plan(report.plan)
    issue = report.issue.dated()
    spec = spec_for_request(
        organization=organization, plan=plan, as_of=report.as_of, rating_years=report.rating_years,
        baseline=report.baseline_as_of, baseline_rating_years=report.baseline_rating_years,
        target_year=report.target_year, issue=issue,
        signer=("", "") if issue.signer_name else secretary_of(organization, issue.issued_on),
    )
    facts = facts_with_report(spec, organization, plan, report)
    return ComposedReport(spec, facts, compose(spec, facts))
