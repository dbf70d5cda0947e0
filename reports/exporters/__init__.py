"""Exporters render a built report; they never query or compute.

Each has an `identifier`, a `verbose_name` and
`render(report) -> (filename, content_type, bytes)`. DOCX and PDF come with a
later issue; until then they are listed as not yet supported.
"""
from reports.exporters.report_json import JsonExporter
from reports.exporters.report_xlsx import XlsxExporter

EXPORTERS = {exporter.identifier: exporter for exporter in (JsonExporter(), XlsxExporter())}

# Formats the command line accepts but that are not built yet.
NOT_YET_SUPPORTED = {"docx": "Word (.docx)", "pdf": "PDF"}
