"""The workbook import, exactly as the import page (/nhap-du-lieu/): upload, dry run, commit, status, cancel.

    POST   /api/v1/imports/ (multipart: workbook=@file.xlsx)  keep the file and start its dry run
    GET    /api/v1/imports/<token>/                           status: problems, notices, summary, changes
    POST   /api/v1/imports/<token>/commit/ {"notices_read"}   write it, all or nothing (checked again)
    DELETE /api/v1/imports/<token>/                           cancel: the stored file is deleted

cadre.services.import_jobs does the work on the jobs/ runner. Only the uploader (or a superuser) sees an
upload (404 for anybody else); reviewers do not import (403). A file with errors is not written; a file
with notices is written only once the caller says they have read them.
"""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import Conflict, bad_request
from api.permissions import Editors
from api.serializers.imports import CommitSerializer, ImportSerializer, ImportUploadSerializer
from cadre.forms import WorkbookUploadForm
from cadre.services.import_jobs import (
    ImportJob,
    UnknownImport,
    import_job_cancel,
    import_job_get,
    import_job_of,
    import_job_start,
    import_upload_store,
)

TAGS = ["Nhập tệp trao đổi"]
NO_UPLOAD = "Không tìm thấy tệp đã tải lên."
TOKEN = OpenApiParameter("token", str, OpenApiParameter.PATH, description="Mã của tệp đã tải lên (32 chữ số hex).")


def shown(job: ImportJob) -> dict:
    return ImportSerializer(job).data


def upload_of(request, token: str) -> ImportJob:
    try:
        return import_job_of(token, request.user)
    except UnknownImport:
        raise NotFound(NO_UPLOAD) from None


class ImportListView(APIView):
    permission_classes = [Editors]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="imports_create", summary="Tải lên tệp trao đổi và kiểm tra",
        description=(
            "Tải lên một tệp Excel theo mẫu trao đổi (multipart, trường “workbook”) và chạy thử: kết quả (mọi lỗi, "
            "lưu ý, số dòng thêm, sửa và danh sách thay đổi) xem ở GET /api/v1/imports/{token}/ khi “state” là "
            "“done”. Chưa ghi gì vào cơ sở dữ liệu. Chỉ cán bộ nhập liệu (người chỉ xem: 403)."
        ),
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: ImportSerializer},
        tags=TAGS,
    )
    def post(self, request):
        form = WorkbookUploadForm(request.data, request.FILES)
        if not form.is_valid():
            return bad_request({field: list(messages) for field, messages in form.errors.items()})
        job = import_upload_store(upload=form.cleaned_data["workbook"], user=request.user)
        job = import_job_start(token=job.token, user=request.user, dry_run=True)
        return Response(shown(job), status=status.HTTP_201_CREATED)


class ImportDetailView(APIView):
    permission_classes = [Editors]

    @extend_schema(
        operation_id="imports_retrieve", summary="Tình trạng tệp đã tải lên",
        description=(
            "Trạng thái lần chạy gần nhất (kiểm tra hoặc ghi), tiến độ, mọi lỗi và lưu ý kèm trang tính, dòng, cột; "
            "số dòng thêm, sửa, giữ nguyên; các thay đổi. Chỉ người đã tải tệp lên xem được (người khác: 404)."
        ),
        parameters=[TOKEN], responses={200: ImportSerializer}, tags=TAGS,
    )
    def get(self, request, token):
        return Response(shown(upload_of(request, token)))

    @extend_schema(
        operation_id="imports_cancel", summary="Hủy tệp đã tải lên",
        description="Bỏ tệp đã tải lên: tệp được xóa khỏi máy chủ ngay. Không hủy được khi đang kiểm tra hoặc ghi (409).",
        parameters=[TOKEN], responses={204: None}, tags=TAGS,
    )
    def delete(self, request, token):
        upload_of(request, token)
        try:
            import_job_cancel(token)
        except ValueError as refusal:
            raise Conflict(str(refusal)) from None
        except UnknownImport:
            raise NotFound(NO_UPLOAD) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ImportCommitView(APIView):
    permission_classes = [Editors]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        operation_id="imports_commit", summary="Ghi tệp đã kiểm tra vào cơ sở dữ liệu",
        description=(
            "Ghi tệp đã kiểm tra không có lỗi, tất cả hoặc không gì cả: tệp được kiểm tra lại khi ghi. Tệp có lưu ý "
            "thì phải gửi “notices_read”: true (đã đọc các lưu ý), nếu không trả 400. Tệp còn lỗi, đã ghi hoặc đang "
            "chạy thì trả 409. Kết quả xem ở GET /api/v1/imports/{token}/ (“committed”)."
        ),
        parameters=[TOKEN], request=CommitSerializer, responses={202: ImportSerializer}, tags=TAGS,
    )
    def post(self, request, token):
        job = upload_of(request, token)
        given = CommitSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if job.committed:
            raise Conflict("Tệp này đã được ghi vào cơ sở dữ liệu.")
        if job.running:
            raise Conflict("Tệp đang được kiểm tra hoặc ghi; hãy chờ xong.")
        if not job.ok:
            raise Conflict("Tệp còn lỗi, chưa thể ghi. Hãy sửa tệp và tải lên lại.")
        if job.warnings and not given.validated_data["notices_read"]:
            return bad_request({"notices_read": [
                f"Tệp có {len(job.warnings)} lưu ý: hãy đọc các lưu ý (“notices”) rồi gửi “notices_read”: true "
                "trước khi ghi."]})
        try:
            import_job_start(token=token, user=request.user, dry_run=False)
        except ValueError as refusal:
            raise Conflict(str(refusal)) from None
        return Response(shown(import_job_get(token)), status=status.HTTP_202_ACCEPTED)
