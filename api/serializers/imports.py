"""A workbook import (cadre.services.import_jobs.ImportJob) as the API shows it, and what a caller sends."""
from __future__ import annotations

from rest_framework import serializers

from api.serializers.bodies import Body
from cadre.services.import_jobs import CHANGES_SHOWN


class ImportUploadSerializer(serializers.Serializer):
    """Documents the multipart upload; the import page's form (cadre.forms.WorkbookUploadForm) checks it."""

    workbook = serializers.FileField(help_text="Tệp Excel (.xlsx) theo mẫu trao đổi (hợp đồng dữ liệu, mục 1).")


class CommitSerializer(Body):
    notices_read = serializers.BooleanField(
        required=False, default=False,
        help_text="true: đã đọc các lưu ý của lần kiểm tra (bắt buộc khi tệp có lưu ý, như ô “Tôi đã xem … lưu ý”).",
        error_messages={"invalid": "“notices_read” phải là true hoặc false."},
    )


class ProblemSerializer(serializers.Serializer):
    sheet = serializers.CharField(allow_blank=True, help_text="Trang tính (ToChuc, CanBo, ChucVu…).")
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_null=True, allow_blank=True)
    message = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    sheet = serializers.CharField()
    sheet_title = serializers.CharField()
    action = serializers.ChoiceField(choices=["created", "updated", "deleted"])
    subject = serializers.CharField()
    record = serializers.CharField(allow_blank=True)
    field = serializers.CharField(allow_blank=True)
    old = serializers.CharField(allow_blank=True)
    new = serializers.CharField(allow_blank=True)
    text = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    created = serializers.IntegerField(required=False)
    updated = serializers.IntegerField(required=False)
    unchanged = serializers.IntegerField(required=False)
    deleted = serializers.IntegerField(required=False)


class ImportSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Mã của tệp đã tải lên (32 chữ số hex); chỉ người tải lên dùng được.")
    file_name = serializers.CharField()
    uploaded_at = serializers.CharField(help_text="Thời điểm tải lên (ISO 8601, UTC).")
    state = serializers.CharField(
        help_text="uploaded, queued (chờ), running (đang chạy), done (xong), failed (lỗi không mong đợi: xem “error”).")
    mode = serializers.CharField(allow_blank=True, help_text="Lần chạy gần nhất: dry_run (kiểm tra) hay commit (ghi).")
    step = serializers.CharField(allow_blank=True)
    percent = serializers.IntegerField(allow_null=True, help_text="Phần đã xong (%), khi biết được.")
    ok = serializers.BooleanField(allow_null=True, help_text="Tệp không có lỗi (null: chưa kiểm tra xong).")
    committed = serializers.BooleanField(help_text="Đã ghi vào cơ sở dữ liệu.")
    error = serializers.CharField(allow_blank=True)
    problems = ProblemSerializer(many=True, help_text="Mọi lỗi của tệp; có lỗi thì không ghi được gì.")
    notices = ProblemSerializer(many=True, source="warnings",
                                help_text="Lưu ý (không phải lỗi): phải xác nhận đã đọc (“notices_read”) khi ghi.")
    summary = serializers.DictField(child=CountsSerializer(), help_text="Số dòng thêm, sửa, giữ nguyên theo trang tính.")
    change_count = serializers.IntegerField()
    changes = ChangeSerializer(many=True, help_text=f"{CHANGES_SHOWN} thay đổi đầu tiên của lần chạy gần nhất.")
    batch = serializers.IntegerField(source="batch_id", allow_null=True,
                                     help_text="Mã lần nhập trong nhật ký, khi đã ghi.")
