"""Exporters of the report document, in the style of reports/exporters.

Each has an `identifier`, a `verbose_name` and
`render(report) -> (filename, content_type, bytes)` for a report built by
reports.services.report_build (the command line, the report page), plus
`draw(composed)` for a document staff composed in the browser. Neither
computes: the figures come from documents/assembly.py.
"""
from __future__ import annotations

from documents.assembly import ComposedReport, report_compose
from documents.docx_render import render_docx
from documents.pdf_render import render_pdf
from documents.user_templates import DOCX_CONTENT_TYPE, render_template
from reports.structure import Report


class WordExporter:
    identifier = "docx"
    verbose_name = "Word (.docx)"
    content_type = DOCX_CONTENT_TYPE

    def render(self, report: Report) -> tuple[str, str, bytes]:
        return self.draw(report_compose(report))

    def draw(self, composed: ComposedReport, template_content: bytes | None = None) -> tuple[str, str, bytes]:
        """The built-in layout, or the district's own template when one is given."""
        if template_content is not None:
            content = render_template(template_content, composed)
        else:
            content = render_docx(composed.document)
        return f"{composed.document.file_stem}.docx", self.content_type, content


class PdfExporter:
    identifier = "pdf"
    verbose_name = "PDF"
    content_type = "application/pdf"

    def render(self, report: Report) -> tuple[str, str, bytes]:
        return self.draw(report_compose(report))

    def draw(self, composed: ComposedReport) -> tuple[str, str, bytes]:
        """Always the built-in layout (a district's Word template has no PDF counterpart)."""
        return f"{composed.document.file_stem}.pdf", self.content_type, render_pdf(composed.document)


DOCUMENT_EXPORTERS = {exporter.identifier: exporter for exporter in (WordExporter(), PdfExporter())}
