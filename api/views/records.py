"""An official's dated records under /api/v1/officials/<id>/<resource>/: list, add, read, change, delete;
and ending a position.

Mirrors the record pages (cadre.views.officials.record_add_view, cadre.views.records): the official is looked
up in the user's scope, the record among the records of its kind the user may see (positions and planning:
inside the subtree) — anything else is 404; reviewers get 403 before any lookup; the page's form checks the
body and the page's service writes (cadre.services.officials *_add, cadre.services.records).
"""
from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import bad_request
from api.form_input import bind, checked, form_errors
from api.permissions import EditorsWrite
from api.serializers import records as shapes
from cadre.forms import RECORD_FORMS, PositionEndForm, RecordDeleteForm
from cadre.selectors.access import official_for
from cadre.services.officials import RECORD_SERVICES
from cadre.services.records import RecordRefused, position_end, record_delete, record_update, records_visible_to

TAGS = ["Hồ sơ của cán bộ"]
OFFICIAL_ID = OpenApiParameter("pk", int, OpenApiParameter.PATH, description="Mã số (id) của cán bộ.")
RECORD_ID = OpenApiParameter("record_pk", int, OpenApiParameter.PATH, description="Mã số (id) của mục hồ sơ.")
VERSION = OpenApiParameter("version", int, description="Phiên bản đã đọc (409 nếu người khác đã sửa sau đó).")


@dataclass(frozen=True)
class RecordResource:
    """One kind of record as the API names it."""

    kind: str  # the pages' slug (cadre.forms.RECORD_FORMS, cadre.services.records.RECORD_KINDS_BY_SLUG)
    serializer: type[serializers.Serializer]
    body: type[serializers.Serializer]
    noun: str  # "chức vụ"
    related: tuple[str, ...]  # what the answer names, fetched with the record

    def records(self, user, official):
        return records_visible_to(user, self.kind).filter(official=official).select_related(*self.related)


RECORD_RESOURCES = {
    "positions": RecordResource("chuc-vu", shapes.PositionSerializer, shapes.PositionBody, "chức vụ",
                                ("title", "organization")),
    "qualifications": RecordResource("trinh-do", shapes.QualificationSerializer, shapes.QualificationBody, "trình độ",
                                     ("qualification_type", "level")),
    "ratings": RecordResource("danh-gia", shapes.RatingSerializer, shapes.RatingBody, "xếp loại", ()),
    "events": RecordResource("su-kien", shapes.EventSerializer, shapes.EventBody, "sự kiện công tác",
                             ("from_organization", "to_organization")),
    "planning": RecordResource("quy-hoach", shapes.PlanningSerializer, shapes.PlanningBody, "quy hoạch",
                               ("title", "organization")),
}


def _record_for(resource: RecordResource, user, pk, record_pk):
    """(the official, the record) inside the user's scope, else 404."""
    official = official_for(user, pk)
    return official, get_object_or_404(resource.records(user, official), pk=record_pk)


def _bound_form(resource: RecordResource, body, *, official, user, instance=None):
    form_class = RECORD_FORMS[resource.kind][0]
    return bind(form_class, body, extra_allowed=tuple(resource.serializer().fields), official=official, user=user,
                **({"instance": instance} if instance is not None else {}))


class RecordListView(generics.ListAPIView):
    permission_classes = [EditorsWrite]
    filter_backends: list = []
    resource: RecordResource

    def get_serializer_class(self):
        return self.resource.serializer

    def get_queryset(self):
        official = official_for(self.request.user, self.kwargs["pk"])
        return self.resource.records(self.request.user, official)

    def post(self, request, pk):
        official = official_for(request.user, pk)
        form, problems = _bound_form(self.resource, request.data, official=official, user=request.user)
        errors = checked(form, problems)
        if errors:
            return bad_request(errors)
        fields = {name: form.cleaned_data[name] for name in form._meta.fields}
        record = RECORD_SERVICES[self.resource.kind](user=request.user, official=official, **fields)
        record = self.resource.records(request.user, official).get(pk=record.pk)
        return Response(self.resource.serializer(record).data, status=status.HTTP_201_CREATED)


class RecordDetailView(APIView):
    permission_classes = [EditorsWrite]
    resource: RecordResource

    def get(self, request, pk, record_pk):
        _, record = _record_for(self.resource, request.user, pk, record_pk)
        return Response(self.resource.serializer(record).data)

    def put(self, request, pk, record_pk):
        return self._update(request, pk, record_pk, partial=False)

    def patch(self, request, pk, record_pk):
        return self._update(request, pk, record_pk, partial=True)

    def _update(self, request, pk, record_pk, *, partial: bool):
        official, record = _record_for(self.resource, request.user, pk, record_pk)
        body = request.data
        if partial and isinstance(body, dict):
            current = self.resource.serializer(record).data
            body = {**{name: value for name, value in current.items() if name in self.resource.body().fields
                       and name != "version"}, **body}
        form, problems = _bound_form(self.resource, body, official=official, user=request.user, instance=record)
        errors = checked(form, problems)
        if errors:
            return bad_request(errors)
        changes = {name: form.cleaned_data[name] for name in form._meta.fields}
        record_update(user=request.user, kind=self.resource.kind, record=record, version=form.read_version,
                      changes=changes)
        return Response(self.resource.serializer(self.resource.records(request.user, official).get(pk=record.pk)).data)

    def delete(self, request, pk, record_pk):
        _, record = _record_for(self.resource, request.user, pk, record_pk)
        form, problems = bind(RecordDeleteForm, {"version": request.query_params.get("version")}, instance=record)
        errors = checked(form, problems)
        if errors:
            return bad_request(errors)
        try:
            record_delete(user=request.user, kind=self.resource.kind, record=record, version=form.read_version)
        except RecordRefused as refusal:
            return bad_request({"non_field_errors": [str(refusal)]})
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    summary="Kết thúc chức vụ",
    description="Ghi ngày kết thúc của chức vụ (như nút “Kết thúc” của trang hồ sơ); gửi kèm `version` đã đọc.",
    parameters=[OFFICIAL_ID, RECORD_ID], request=shapes.PositionEndBody, responses=shapes.PositionSerializer,
    tags=TAGS,
)
class PositionEndView(APIView):
    permission_classes = [EditorsWrite]

    def post(self, request, pk, record_pk):
        resource = RECORD_RESOURCES["positions"]
        official, record = _record_for(resource, request.user, pk, record_pk)
        form, problems = bind(PositionEndForm, request.data, instance=record, official=official, user=request.user)
        errors = checked(form, problems)
        if errors:
            return bad_request(errors)
        position_end(user=request.user, record=record, end_date=form.cleaned_data["end_date"],
                     version=form.read_version)
        return Response(resource.serializer(resource.records(request.user, official).get(pk=record.pk)).data)


def record_views(name: str) -> tuple[type, type]:
    """The list and detail views of one resource, each operation described in the schema."""
    resource = RECORD_RESOURCES[name]
    noun, body, shape = resource.noun, resource.body, resource.serializer
    list_view = extend_schema_view(
        get=extend_schema(summary=f"Danh sách {noun} của cán bộ", parameters=[OFFICIAL_ID], tags=TAGS, description=(
            f"Các mục {noun} của cán bộ mà bạn được xem" + (
                " (chỉ các mục tại tổ chức trong phạm vi của bạn)." if resource.kind in ("chuc-vu", "quy-hoach")
                else ".") + " Cán bộ ngoài phạm vi: 404.")),
        post=extend_schema(summary=f"Thêm {noun}", parameters=[OFFICIAL_ID], request=body, responses={201: shape},
                           tags=TAGS, description=(
                               f"Thêm {noun} với đúng các quy tắc của trang hồ sơ (cùng thông báo lỗi theo từng "
                               "trường); danh mục ghi theo mã, ngày theo YYYY-MM-DD.")),
    )(type(f"{name.title()}ListView", (RecordListView,), {"resource": resource}))
    detail_view = extend_schema_view(
        get=extend_schema(summary=f"Một {noun}", parameters=[OFFICIAL_ID, RECORD_ID], responses=shape, tags=TAGS,
                          description=f"Một mục {noun} của cán bộ; ngoài phạm vi: 404."),
        put=extend_schema(summary=f"Sửa {noun} (toàn bộ)", parameters=[OFFICIAL_ID, RECORD_ID], request=body,
                          responses=shape, tags=TAGS, description=(
                              "Ghi lại toàn bộ mục (trường không gửi thì để trống). Gửi `version` đã đọc: nếu người "
                              "khác đã sửa sau đó thì trả 409 nói ai sửa gì, kèm `current_version`.")),
        patch=extend_schema(summary=f"Sửa {noun} (một phần)", parameters=[OFFICIAL_ID, RECORD_ID], request=body,
                            responses=shape, tags=TAGS,
                            description="Như PUT, nhưng trường không gửi giữ nguyên giá trị hiện có."),
        delete=extend_schema(summary=f"Xóa {noun}", parameters=[OFFICIAL_ID, RECORD_ID, VERSION],
                             responses={204: None}, tags=TAGS, description=(
                                 "Xóa mục; nhật ký giữ mọi giá trị của mục. Chức vụ duy nhất của cán bộ trong phạm vi "
                                 "của bạn không xóa được (400): hãy kết thúc chức vụ.")),
    )(type(f"{name.title()}DetailView", (RecordDetailView,), {"resource": resource}))
    return list_view, detail_view
