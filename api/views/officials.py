"""Officials: the list (the officials page's filters), the profile, create, update, retire and restore.

Every write goes through the page's form (api/form_input.py) and the page's service (cadre.services), so the
rules, the scope, the audit trail and the version check are the pages'.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import bad_request
from api.filters import official_filter
from api.form_input import bind, checked
from api.permissions import EditorsWrite
from api.serializers.officials import (
    OfficialCreateBody,
    OfficialListSerializer,
    OfficialSerializer,
    OfficialUpdateBody,
    ProfileSerializer,
    RestoreResultSerializer,
    RetireBody,
)
from cadre.forms import FirstPositionForm, OfficialForm, RetireForm, today
from cadre.models import Official
from cadre.selectors.access import official_for
from cadre.selectors.official_list import list_rows, officials_for_list
from cadre.selectors.profile import official_profile
from cadre.services.officials import official_create, official_update
from cadre.services.retirement import official_restore, official_retire

TAGS = ["Cán bộ"]
OFFICIAL_ID = OpenApiParameter("pk", int, OpenApiParameter.PATH, description="Mã số (id) của cán bộ.")
LIST_PARAMETERS = [
    OpenApiParameter("q", str, description="Tìm theo tên (không dấu cũng được), mã cán bộ hoặc số CCCD."),
    OpenApiParameter("on", OpenApiTypes.DATE, description="Tính đến ngày (mặc định hôm nay): chức vụ đang giữ, tuổi, "
                                                          "đảng viên; cán bộ đã thôi theo dõi trước ngày này không có."),
    OpenApiParameter("organization", str, description="Mã tổ chức (cả các tổ chức trực thuộc)."),
    OpenApiParameter("population", str, description="Mã đối tượng: người giữ chức vụ của đối tượng vào ngày `on`."),
    OpenApiParameter("title", str, description="Mã chức vụ đang giữ vào ngày `on`."),
    OpenApiParameter("gender", str, enum=["NAM", "NU"], description="Giới tính."),
    OpenApiParameter("ethnic_group", str, description="Tên dân tộc (ví dụ Thái), hoặc dtts: mọi dân tộc thiểu số."),
    OpenApiParameter("age_band", str, enum=["duoi-30", "30-39", "40-49", "50-59", "tu-60"], description="Độ tuổi."),
    OpenApiParameter("level", str, description="Trình độ từ mức này trở lên: loại:trình độ, ví dụ CHUYEN_MON:DAI_HOC."),
    OpenApiParameter("party_member", bool, description="true: là đảng viên; false: chưa là đảng viên."),
    OpenApiParameter("rating_year", int, description="Năm đánh giá của bộ lọc xếp loại (mặc định năm trước `on`)."),
    OpenApiParameter("rating", str, enum=["HTXSNV", "HTTNV", "HTNV", "KHTNV"], description="Xếp loại."),
]


def _profile_answer(request, pk, status_code=status.HTTP_200_OK) -> Response:
    profile = official_profile(user=request.user, pk=pk, on=today())
    return Response(ProfileSerializer(profile).data, status=status_code)


class OfficialListView(generics.ListAPIView):
    serializer_class = OfficialListSerializer
    permission_classes = [EditorsWrite]
    filter_backends: list = []  # the officials page's own filter, below

    @extend_schema(
        summary="Danh sách cán bộ",
        description=(
            "Cán bộ trong phạm vi của bạn theo thứ tự tên, với đúng các bộ lọc của trang Danh sách cán bộ (tên tiếng "
            "Anh, danh mục theo mã); mỗi dòng kèm các chức vụ đang giữ vào ngày `on` trong phạm vi của bạn và "
            "trình độ chuyên môn, lý luận cao nhất."
        ),
        parameters=LIST_PARAMETERS, tags=TAGS,
    )
    def get(self, request):
        filters, errors = official_filter(request.query_params, user=request.user,
                                          queryset=Official.objects.visible_to(request.user).in_name_order())
        if errors:
            return bad_request(errors)
        on = filters.on
        officials = self.paginate_queryset(officials_for_list(filters.qs, user=request.user, on=on))
        rows = {row.official.pk: row for row in list_rows(officials, on=on)}
        return self.get_paginated_response(self.get_serializer(officials, many=True, context={"rows": rows}).data)

    @extend_schema(
        summary="Thêm cán bộ",
        description=(
            "Thêm cán bộ cùng chức vụ đầu tiên (chức vụ đặt cán bộ vào phạm vi của bạn), với đúng các quy tắc của "
            "trang Thêm cán bộ: mã và số CCCD không trùng, đủ 16 tuổi, ngày không ở tương lai, tổ chức trong phạm vi. "
            "Chức vụ chỉ một người giữ đã có người giữ: lỗi ở `position.confirmed`; gửi lại với "
            "`\"confirmed\": true` nếu vẫn lưu. Trả hồ sơ cán bộ (201)."
        ),
        request=OfficialCreateBody, responses={201: ProfileSerializer}, tags=TAGS,
    )
    def post(self, request):
        body = request.data
        position_body = body.get("position") if isinstance(body, dict) else None
        form, problems = bind(OfficialForm, body, extra_allowed=("position",), user=request.user)
        position_form, position_problems = bind(FirstPositionForm, position_body if position_body is not None else {},
                                                prefix="position", user=request.user)
        errors = checked(form, problems)
        position_errors = checked(position_form, position_problems, under="position")
        if position_body is None and isinstance(body, dict):
            position_errors = {"position": [
                "Ghi chức vụ đầu tiên của cán bộ: {\"title\", \"organization\", \"start_date\"}."]}
        errors.update(position_errors)
        if errors:
            return bad_request(errors)
        official = official_create(user=request.user, **form.cleaned_data, **position_form.position_fields)
        return _profile_answer(request, official.pk, status.HTTP_201_CREATED)


class OfficialDetailView(APIView):
    permission_classes = [EditorsWrite]

    @extend_schema(
        summary="Hồ sơ cán bộ",
        description=(
            "Hồ sơ như trang Hồ sơ cán bộ: thông tin cá nhân, chức vụ và quy hoạch trong phạm vi của bạn (cùng số "
            "chức vụ ở nơi khác), trình độ, xếp loại, sự kiện công tác. Ngoài phạm vi: 404."
        ),
        parameters=[OFFICIAL_ID], responses=ProfileSerializer, tags=TAGS,
    )
    def get(self, request, pk):
        return _profile_answer(request, pk)

    @extend_schema(
        summary="Sửa thông tin cá nhân (toàn bộ)",
        description=(
            "Ghi lại toàn bộ thông tin cá nhân (trường không gửi thì để trống), như trang Sửa thông tin; mã cán bộ "
            "không sửa được. Gửi `version` đã đọc: nếu người khác đã sửa sau đó thì trả 409 nói ai sửa gì, kèm "
            "`current_version`."
        ),
        parameters=[OFFICIAL_ID], request=OfficialUpdateBody, responses=ProfileSerializer, tags=TAGS,
    )
    def put(self, request, pk):
        return self._update(request, pk, partial=False)

    @extend_schema(
        summary="Sửa thông tin cá nhân (một phần)",
        description="Như PUT, nhưng trường không gửi giữ nguyên giá trị hiện có.",
        parameters=[OFFICIAL_ID], request=OfficialUpdateBody, responses=ProfileSerializer, tags=TAGS,
    )
    def patch(self, request, pk):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk, *, partial: bool):
        official = official_for(request.user, pk)
        body = request.data
        if partial and isinstance(body, dict):
            current = OfficialSerializer(official).data
            body = {**{name: current[name] for name in OfficialUpdateBody().fields if name in current
                       and name != "version"}, **body}
        form, problems = bind(OfficialForm, body, extra_allowed=tuple(OfficialSerializer().fields),
                              instance=official, user=request.user)
        errors = checked(form, problems)
        if errors:
            return bad_request(errors)
        official_update(user=request.user, official=official, **form.cleaned_data)
        return _profile_answer(request, pk)


class OfficialRetireView(APIView):
    permission_classes = [EditorsWrite]

    @extend_schema(
        summary="Cho thôi theo dõi",
        description=(
            "Như trang Cho thôi theo dõi: từ ngày `retired_on` cán bộ không còn trong danh sách và số liệu; các chức "
            "vụ đang giữ kết thúc ngày hôm trước, quy hoạch đưa ra vào ngày đó; không xóa gì. Trả thông tin cá nhân."
        ),
        parameters=[OFFICIAL_ID], request=RetireBody, responses=OfficialSerializer, tags=TAGS,
    )
    def post(self, request, pk):
        official = official_for(request.user, pk)
        form, problems = bind(RetireForm, request.data)
        errors = checked(form, problems)
        if errors:
            return bad_request(errors)
        try:
            official = official_retire(user=request.user, official=official,
                                       retired_on=form.cleaned_data["retired_on"], reason=form.cleaned_data["reason"])
        except ValidationError as error:
            return bad_request(_validation_errors(error))
        return Response(OfficialSerializer(official).data)


class OfficialRestoreView(APIView):
    permission_classes = [EditorsWrite]

    @extend_schema(
        summary="Khôi phục theo dõi",
        description=(
            "Theo dõi lại cán bộ đã thôi theo dõi: mở lại đúng các chức vụ, quy hoạch đã kết thúc khi cho thôi theo "
            "dõi (`reopened`); mục đã được sửa hoặc xóa sau đó giữ nguyên (`left`). Không cần nội dung."
        ),
        parameters=[OFFICIAL_ID], request=None, responses=RestoreResultSerializer, tags=TAGS,
    )
    def post(self, request, pk):
        official = official_for(request.user, pk)
        try:
            result = official_restore(user=request.user, official=official)
        except ValidationError as error:
            return bad_request(_validation_errors(error))
        return Response(RestoreResultSerializer(result).data)


def _validation_errors(error: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as {field: [messages]}."""
    if hasattr(error, "error_dict"):
        return {("non_field_errors" if name == "__all__" else name): messages
                for name, messages in error.message_dict.items()}
    return {"non_field_errors": list(error.messages)}
