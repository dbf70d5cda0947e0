"""Reports and comparisons: the report JSON of data-contract section 3, computed as of a date.

    GET /api/v1/reports/?org=LC.PT&plan=01-ĐA/HU&as_of=2023-06-30&baseline=2020-12-31
                        [&rating_years=2021-2022][&baseline_rating_years=2020][&target_year=2025]
        -> exactly what `build_report --format json` writes
    GET /api/v1/comparison/?<the same>  -> {"report": that JSON, "units": [the same JSON for each unit below]}

Parameters are the command line's, checked by the report page's form (dates
as YYYY-MM-DD or dd/mm/yyyy). The first API's paths (/api/bao-cao/,
/api/so-sanh/) are aliases of these.
"""
from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import bad_request
from cadre import audit
from reports.exporters.report_json import report_as_dict
from reports.forms import ReportForm
from reports.services import comparison_build, report_build

REPORT_PARAMETERS = [
    OpenApiParameter("org", str, required=True, description="Mã tổ chức (ví dụ LC.PT)."),
    OpenApiParameter("plan", str, required=True, description="Số hiệu nghị quyết, đề án (ví dụ 01-ĐA/HU)."),
    OpenApiParameter("as_of", OpenApiTypes.DATE, required=True, description="Ngày số liệu (YYYY-MM-DD hoặc dd/mm/yyyy)."),
    OpenApiParameter("baseline", OpenApiTypes.DATE, required=True, description="Ngày số liệu đầu kỳ (mốc so sánh)."),
    OpenApiParameter("rating_years", str, description="Năm đánh giá, ví dụ 2022 hoặc 2021-2022; để trống: tự chọn."),
    OpenApiParameter("baseline_rating_years", str, description="Năm đánh giá của cột đầu kỳ."),
    OpenApiParameter("target_year", int, description="Năm mục tiêu (một năm có mục tiêu trong kế hoạch)."),
]


def checked_request(request):
    """The report request of the query parameters, or a 400 answer with each field's problems."""
    form = ReportForm(request.query_params, user=request.user)
    if not form.is_valid():
        return None, bad_request({field: list(messages) for field, messages in form.errors.items()})
    return form.report_request, None


class ReportView(APIView):
    @extend_schema(
        operation_id="reports_compute",
        summary="Tính báo cáo",
        description=(
            "Tính các Biểu của một nghị quyết, đề án cho một tổ chức tại ngày số liệu, cùng cột đầu kỳ: đúng JSON "
            "của lệnh `build_report --format json` (hợp đồng dữ liệu, mục 3). Mọi con số tính từ hồ sơ, trong "
            "phạm vi của tổ chức tại ngày đó (trước khi sáp nhập: các tổ chức tiền thân)."
        ),
        parameters=REPORT_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
        tags=["Báo cáo"],
    )
    def get(self, request):
        report_request, problem = checked_request(request)
        if problem:
            return problem
        report = report_build(**report_request.as_service_arguments())
        audit.record_export(request, "Báo cáo (API JSON)", request.query_params,
                            organization=report_request.organization)
        return Response(report_as_dict(report))


class ComparisonView(APIView):
    @extend_schema(
        operation_id="comparison_compute",
        summary="So sánh các đơn vị",
        description="Báo cáo của tổ chức và cùng báo cáo cho từng đơn vị trực thuộc trực tiếp.",
        parameters=REPORT_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
        tags=["Báo cáo"],
    )
    def get(self, request):
        report_request, problem = checked_request(request)
        if problem:
            return problem
        comparison = comparison_build(**report_request.as_service_arguments())
        audit.record_export(request, "Bảng so sánh (API JSON)", request.query_params,
                            organization=report_request.organization)
        return Response({
            "report": report_as_dict(comparison.report),
            "units": [report_as_dict(report) for _, report in comparison.units],
        })


ALIAS = "Bí danh của {path} (đường dẫn của API trước phiên bản 1), cùng tham số và cùng kết quả."


@extend_schema_view(get=extend_schema(operation_id="reports_compute_alias", summary="Tính báo cáo (bí danh)",
                                      description=ALIAS.format(path="/api/v1/reports/"), deprecated=True))
class ReportAliasView(ReportView):
    pass


@extend_schema_view(get=extend_schema(operation_id="comparison_compute_alias", summary="So sánh các đơn vị (bí danh)",
                                      description=ALIAS.format(path="/api/v1/comparison/"), deprecated=True))
class ComparisonAliasView(ComparisonView):
    pass
