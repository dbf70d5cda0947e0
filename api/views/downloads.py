"""The report as a file: /api/v1/reports/xlsx/, /docx/, /pdf/, with the parameters of /api/v1/reports/.

The same exporters as the report page's downloads and `build_report --format` (reports.exporters.EXPORTERS:
the XLSX Biểu; the BÁO CÁO document in Word and PDF, registered by the documents app), audited as a
download of personal data like the page's.
"""
from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import error_body
from api.schema import ErrorSerializer
from api.views.reports import REPORT_PARAMETERS, checked_request
from cadre import audit
from reports.exporters import EXPORTERS, ExportFailed
from reports.services import report_build

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
NAMES = {"xlsx": "bảng Biểu (Excel)", "docx": "văn bản báo cáo (Word)", "pdf": "văn bản báo cáo (PDF)"}


def file_renderer(identifier: str) -> type[BaseRenderer]:
    """A renderer that lets a client ask for the file's own type (Accept); the file is written by the view."""
    return type(f"{identifier.title()}Renderer", (BaseRenderer,), {
        "media_type": MEDIA_TYPES[identifier], "format": identifier, "charset": None, "render_style": "binary",
        "render": lambda self, data, accepted_media_type=None, renderer_context=None: data,
    })


class ReportDownloadView(APIView):
    identifier = ""

    def get_renderers(self):
        return [JSONRenderer(), file_renderer(self.identifier)()]

    def finalize_response(self, request, response, *args, **kwargs):
        # An error is the one JSON body, whatever type the client asked for.
        if isinstance(response, Response):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def get(self, request):
        report_request, problem = checked_request(request)
        if problem:
            return problem
        try:
            filename, content_type, content = EXPORTERS[self.identifier].render(
                report_build(**report_request.as_service_arguments()))
        except ExportFailed as failure:  # the PDF's fonts are missing on the server
            return Response(error_body(str(failure)), status=status.HTTP_503_SERVICE_UNAVAILABLE)
        audit.record_export(request, f"Báo cáo (API {self.identifier.upper()})", request.query_params,
                            organization=report_request.organization)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def download_schema(identifier: str):
    return extend_schema(
        operation_id=f"reports_download_{identifier}",
        summary=f"Tải báo cáo: {NAMES[identifier]}",
        description=(
            f"Báo cáo dưới dạng {NAMES[identifier]}: cùng tham số với /api/v1/reports/ và cùng tệp như nút tải về "
            "trên trang báo cáo và lệnh `build_report --format " + identifier + "`. Mỗi lần tải được ghi vào "
            "nhật ký như trên trang."
        ),
        parameters=REPORT_PARAMETERS,
        responses={
            (200, MEDIA_TYPES[identifier]): OpenApiResponse(OpenApiTypes.BINARY, description="Tệp báo cáo."),
            **({(503, "application/json"): OpenApiResponse(ErrorSerializer, description="Máy chủ thiếu phông chữ để tạo PDF.")}
               if identifier == "pdf" else {}),
        },
        tags=["Báo cáo"],
    )


@extend_schema_view(get=download_schema("xlsx"))
class ReportXlsxView(ReportDownloadView):
    identifier = "xlsx"


@extend_schema_view(get=download_schema("docx"))
class ReportDocxView(ReportDownloadView):
    identifier = "docx"


@extend_schema_view(get=download_schema("pdf"))
class ReportPdfView(ReportDownloadView):
    identifier = "pdf"
