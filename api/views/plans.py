"""Plans (nghị quyết, đề án) with their tables, rows and targets: list, read, create, replace.

    GET  /api/v1/plans/[?organization=LC.PT&q=…]  the plans the user may use (their organization's lineage)
    GET  /api/v1/plans/<id>/                       one plan as a plan file (data-contract section 2)
    POST /api/v1/plans/                            a new plan from a plan file (planning.services.plan_import)
    PUT  /api/v1/plans/<id>/                       the plan replaced by a plan file, with "version"

The rules are those of the command and the admin: the file is checked whole before anything is written, a
plan used by report documents is not replaced (409), a user writes only plans issued inside their subtree
(a province's resolution is read, not written, by a district: 403).
"""
from __future__ import annotations

import django_filters
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from api.errors import Conflict, bad_request
from api.permissions import EditorsWrite
from api.serializers.plans import PlanFileSerializer, PlanSerializer, PlanSummarySerializer, PlanUpdateSerializer
from cadre.models import Organization
from planning.models import Plan, PlanTable
from planning.plan_file import PlanFileError
from planning.selectors import plan_target_years, plans_with_contents
from planning.services import PlanInUse, plan_import, plan_replace

TAGS = ["Nghị quyết, đề án"]
NOT_WRITABLE = "Kế hoạch do tổ chức ngoài phạm vi của bạn (cấp trên) ban hành; bạn chỉ được xem."
BAD_VERSION = "Phiên bản (“version”) phải là một số nguyên dương: số “version” đọc được khi GET."


class PlanFilter(django_filters.FilterSet):
    organization = django_filters.CharFilter(
        field_name="organization__code", lookup_expr="iexact", help_text="Mã tổ chức ban hành, ví dụ LC.PT.")
    q = django_filters.CharFilter(method="search", help_text="Tìm trong số hiệu và trích yếu.")

    class Meta:
        model = Plan
        fields = ["organization", "q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))


def plan_file_refused(error: PlanFileError, plan: Plan | None = None) -> Response:
    """The plan file's problems: 409 for a plan in use, 400 with the key (code, organization) or the whole file."""
    if isinstance(error, PlanInUse):
        raise Conflict(" ".join(error.problems), plan.version if plan is not None else None)
    return bad_request({getattr(error, "field", "non_field_errors"): list(error.problems)})


def split_version(data) -> tuple[dict | object, int | None, Response | None]:
    """The plan file without its "version", the version, or a 400 answer when the version is not a number."""
    if not isinstance(data, dict) or "version" not in data:
        return data, None, None
    data = dict(data)
    version = data.pop("version")
    if version is None:
        return data, None, None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return data, None, bad_request({"version": [BAD_VERSION]})
    return data, version, None


def detail(plan_pk: int, user) -> dict:
    return PlanSerializer(plans_with_contents(user).get(pk=plan_pk)).data


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_list", summary="Danh sách nghị quyết, đề án",
        description=(
            "Các nghị quyết, đề án, kế hoạch người dùng được dùng: do tổ chức của họ, cấp trên hoặc tổ chức trực "
            "thuộc ban hành; mỗi kế hoạch kèm các Biểu và các năm có mục tiêu. Mới nhất trước."
        ),
        tags=TAGS,
    ),
    post=extend_schema(
        operation_id="plans_create", summary="Tạo nghị quyết, đề án",
        description=(
            "Tạo kế hoạch từ một tệp kế hoạch (hợp đồng dữ liệu, mục 2): số hiệu, trích yếu, tổ chức ban hành "
            "(trong phạm vi của bạn), ngày ban hành, các Biểu với dòng chỉ tiêu và mục tiêu. Tệp được kiểm tra "
            "toàn bộ trước khi ghi; có lỗi thì không ghi gì và trả 400 với mọi lỗi. Số hiệu đã có thì trả 400 "
            "(sửa kế hoạch đó bằng PUT). Trả về kế hoạch vừa tạo."
        ),
        request=PlanFileSerializer, responses={201: PlanSerializer}, tags=TAGS,
    ),
)
class PlanListView(generics.ListCreateAPIView):
    permission_classes = [EditorsWrite]
    parser_classes = [JSONParser]
    filterset_class = PlanFilter
    serializer_class = PlanSummarySerializer

    def get_queryset(self):
        return (
            Plan.objects.visible_to(self.request.user).select_related("organization")
            .prefetch_related(
                Prefetch("tables", PlanTable.objects.select_related("population").order_by("order"))).order_by("-issued_on", "code", "pk")
        )

    def list(self, request, *args, **kwargs):
        # 1 count, 2 the page of plans with their organization, 3 their tables, 4 their target years
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        years = plan_target_years([plan.pk for plan in page])
        return self.get_paginated_response(PlanSummarySerializer(page, many=True, context={"target_years": years}).data)

    def create(self, request, *args, **kwargs):
        data, _, problem = split_version(request.data)
        if problem:
            return problem
        try:
            result = plan_import(data=data, replace=False, user=request.user)
        except PlanFileError as error:
            return plan_file_refused(error)
        return Response(detail(result.plan.pk, request.user), status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        operation_id="plans_retrieve", summary="Một nghị quyết, đề án",
        description=(
            "Kế hoạch dưới dạng tệp kế hoạch (hợp đồng dữ liệu, mục 2): các Biểu, dòng chỉ tiêu (dòng “trong đó” "
            "ghi số thứ tự dòng cha), mục tiêu theo năm; kèm mã (id) và phiên bản (version) để sửa."
        ),
        tags=TAGS,
    ),
    put=extend_schema(
        operation_id="plans_update", summary="Thay nội dung nghị quyết, đề án",
        description=(
            "Thay toàn bộ trích yếu, tổ chức ban hành, ngày ban hành, các Biểu, dòng và mục tiêu bằng tệp kế "
            "hoạch gửi lên (cùng số hiệu), giữ mã (id) của kế hoạch. Gửi kèm “version” đã đọc: có người sửa "
            "sau đó thì trả 409 với nội dung đã sửa và phiên bản hiện tại. Kế hoạch đang dùng trong văn bản báo "
            "cáo thì không thay được (409). Chỉ sửa được kế hoạch do tổ chức trong phạm vi của bạn ban hành (403)."
        ),
        request=PlanUpdateSerializer, responses={200: PlanSerializer}, tags=TAGS,
    ),
)
class PlanDetailView(generics.GenericAPIView):
    permission_classes = [EditorsWrite]
    parser_classes = [JSONParser]
    serializer_class = PlanSerializer
    http_method_names = ["get", "put", "options"]

    def get(self, request, pk):
        return Response(PlanSerializer(get_object_or_404(plans_with_contents(request.user), pk=pk)).data)

    def put(self, request, pk):
        plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
        if not Organization.objects.visible_to(request.user).filter(pk=plan.organization_id).exists():
            raise PermissionDenied(NOT_WRITABLE)
        data, version, problem = split_version(request.data)
        if problem:
            return problem
        try:
            plan_replace(plan=plan, data=data, version=version, user=request.user)
        except PlanFileError as error:
            return plan_file_refused(error, plan)
        return Response(detail(plan.pk, request.user))
