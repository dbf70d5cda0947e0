"""Exporters render a built report; they never query or compute.

Each has an `identifier`, a `verbose_name` and
`render(report) -> (filename, content_type, bytes)`. This module owns the
one registry, EXPORTERS: JSON and XLSX are registered here; apps that add
formats (the BC/HU documents: DOCX and PDF) register theirs with
`register()` from their AppConfig.ready(), so the command line and the
report page offer every format without knowing who provides it.
"""
from reports.exporters.report_json import JsonExporter
from reports.exporters.report_xlsx import XlsxExporter

EXPORTERS = {}


class ExportFailed(Exception):
    """An exporter could not render; the message is for the user, in Vietnamese."""


def register(exporter) -> None:
    EXPORTERS[exporter.identifier] = exporter


for _exporter in (JsonExporter(), XlsxExporter()):
    register(_exporter)
