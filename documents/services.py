"""Writes of report documents and templates."""
from __future__ import annotations

from django.db import transaction

from cadre.models import Organization
from documents.assembly import ComposedReport
from documents.models import DocumentTemplate, ReportDocument
from documents.user_templates import TemplateProblems, check_template


@transaction.atomic
def report_document_save(*, document: ReportDocument, user) -> ReportDocument:
    """Store a document as composed so far (a draft may be saved at any time)."""
    if document.pk is None:
        document.created_by = user
    document.updated_by = user
    document.save()
    return document


@transaction.atomic
def document_template_upload(*, organization: Organization, name: str, file_name: str, content: bytes, user,
                             example: ComposedReport | None = None) -> DocumentTemplate:
    """Check and store a district's Word template; raise TemplateProblems listing everything wrong.

    A template with the same name for the same organization is replaced.
    """
    check = check_template(content, example)
    if check.problems:
        raise TemplateProblems(check.problems)
    template, _ = DocumentTemplate.objects.update_or_create(
        organization=organization, name=name,
        defaults={"file_name": file_name, "content": content, "variables": check.variables, "uploaded_by": user},
    )
    return template


@transaction.atomic
def document_template_delete(*, template: DocumentTemplate) -> None:
    """Remove a template; documents that used it fall back to the built-in layout."""
    template.delete()
