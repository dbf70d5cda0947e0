"""Reports sent up to the province: list, read, send a report document, accept or return (documents.services).

    GET  /api/v1/submissions/[?state=cho_tiep_nhan]  what the user's scope sent (the province: its inbox)
    GET  /api/v1/submissions/<id>/                   one, with the figures as they were sent
    POST /api/v1/submissions/ {"document": id}       send a report document (editors)
    POST /api/v1/submissions/<id>/accept/ {"note"}   the province accepts (reviewers)
    POST /api/v1/submissions/<id>/return/ {"note"}   the province returns it with the reason (reviewers)

As on the pages: another scope's submission is 404; reviewers do not send and editors do not decide (403);
what cannot be done now (a draft, a report already sent or decided) is 409 with the reason.
"""
from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import Conflict, bad_request, error_body
from api.permissions import EditorsWrite
from api.schema import ErrorSerializer
from api.serializers.submissions import (
    AcceptSerializer,
    ReturnSerializer,
    SubmissionDetailSerializer,
    SubmissionSerializer,
    SubmitSerializer,
)
from documents.fonts import DocumentFontMissing
from documents.models import ReportDocument, Submission, SubmissionState
from documents.services import SubmissionRefused, report_document_submit, submission_accept, submission_return
from documents.user_templates import TemplateProblems
from reports.parameters import ReportParameterErrors

TAGS = ["Báo cáo gửi Tỉnh ủy"]
NO_DOCUMENT = "Không có văn bản báo cáo này (hoặc văn bản ngoài phạm vi của bạn)."
REVIEWERS_ONLY = "Chỉ Ban Tổ chức Tỉnh ủy tiếp nhận hoặc trả lại báo cáo."


class SubmissionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=SubmissionState.choices, help_text="Trạng thái (như bộ lọc của trang).",
                                        error_messages={"invalid_choice": "Trạng thái “%(value)s” không có."})

    class Meta:
        model = Submission
        fields = ["state"]


def submissions_of(user):
    return Submission.objects.visible_to(user).with_document()


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_list", summary="Danh sách báo cáo đã gửi",
        description=("Các báo cáo đã gửi Ban Tổ chức Tỉnh ủy trong phạm vi của người dùng (với Tỉnh ủy: các báo cáo "
                     "nhận được), mới nhất trước; lọc theo trạng thái."),
        tags=TAGS,
    ),
    post=extend_schema(
        operation_id="submissions_create", summary="Gửi báo cáo lên Tỉnh ủy",
        description=(
            "Gửi một văn bản báo cáo: tệp Word, PDF và số liệu các Biểu được lưu đúng như lúc gửi. Văn bản phải "
            "có số hiệu và ngày ban hành; văn bản đang chờ tiếp nhận hoặc đã được tiếp nhận thì không gửi lại "
            "(409). Chỉ cán bộ nhập liệu gửi (người chỉ xem: 403)."
        ),
        request=SubmitSerializer,
        responses={201: SubmissionDetailSerializer,
                   (503, "application/json"): OpenApiResponse(ErrorSerializer, description="Máy chủ thiếu phông chữ để tạo PDF.")},
        tags=TAGS,
    ),
)
class SubmissionListView(generics.ListCreateAPIView):
    permission_classes = [EditorsWrite]
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter

    def get_queryset(self):
        # 1 count, 2 the page with the document, its organization, the sender and the reviewer
        return (submissions_of(self.request.user).defer("docx", "pdf", "figures", "manual_figures")
                .order_by("-submitted_at", "-pk"))

    def create(self, request, *args, **kwargs):
        given = SubmitSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        document = ReportDocument.objects.visible_to(request.user).filter(pk=given.validated_data["document"]).first()
        if document is None:
            return bad_request({"document": [NO_DOCUMENT]})
        try:
            submission = report_document_submit(document=document, user=request.user)
        except SubmissionRefused as refusal:
            raise Conflict(str(refusal)) from None
        except ReportParameterErrors as error:
            return bad_request({"document": [message for _, message in error.errors]})
        except TemplateProblems as error:
            return bad_request({"document": list(error.problems)})
        except DocumentFontMissing as error:
            return Response(error_body(str(error)), status=status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response(SubmissionDetailSerializer(submissions_of(request.user).get(pk=submission.pk)).data,
                        status=status.HTTP_201_CREATED)


@extend_schema_view(get=extend_schema(
    operation_id="submissions_retrieve", summary="Một báo cáo đã gửi",
    description="Báo cáo đã gửi với trạng thái, ý kiến của Tỉnh ủy và số liệu các Biểu đúng như lúc gửi.",
    tags=TAGS,
))
class SubmissionDetailView(generics.RetrieveAPIView):
    serializer_class = SubmissionDetailSerializer

    def get_queryset(self):
        return submissions_of(self.request.user)


class DecisionView(APIView):
    """Accept or return: the submission is looked up first (another scope's is 404), then the role checked."""

    serializer_class = AcceptSerializer
    decide = None

    def post(self, request, pk):
        submission = get_object_or_404(submissions_of(request.user), pk=pk)
        if not request.user.can_review:
            raise PermissionDenied(REVIEWERS_ONLY)
        given = self.serializer_class(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            self.decide(submission=submission, user=request.user, note=given.validated_data["note"])
        except SubmissionRefused as refusal:
            raise Conflict(str(refusal)) from None
        return Response(SubmissionDetailSerializer(submissions_of(request.user).get(pk=submission.pk)).data)


@extend_schema_view(post=extend_schema(
    operation_id="submissions_accept", summary="Tiếp nhận báo cáo",
    description=("Ban Tổ chức Tỉnh ủy tiếp nhận một báo cáo đang chờ, kèm ý kiến nếu có. Báo cáo đã được xử lý thì "
                 "trả 409. Chỉ người duyệt của Tỉnh ủy (và quản trị viên): người khác 403."),
    request=AcceptSerializer, responses={200: SubmissionDetailSerializer}, tags=TAGS,
))
class SubmissionAcceptView(DecisionView):
    serializer_class = AcceptSerializer
    decide = staticmethod(submission_accept)


@extend_schema_view(post=extend_schema(
    operation_id="submissions_return", summary="Trả lại báo cáo",
    description=("Ban Tổ chức Tỉnh ủy trả lại một báo cáo đang chờ, với lý do (bắt buộc); đơn vị sửa văn bản rồi "
                 "gửi lại (lần gửi mới). Báo cáo đã được xử lý thì trả 409. Chỉ người duyệt của Tỉnh ủy."),
    request=ReturnSerializer, responses={200: SubmissionDetailSerializer}, tags=TAGS,
))
class SubmissionReturnView(DecisionView):
    serializer_class = ReturnSerializer
    decide = staticmethod(submission_return)
