"""Reports sent up to the province (documents.Submission) as the API shows them, and what a caller sends."""
from __future__ import annotations

from rest_framework import serializers

from api.serializers.bodies import Body

from documents.models import SubmissionState

STATES = ", ".join(f"{value} ({label})" for value, label in SubmissionState.choices)


class SubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    document = serializers.IntegerField(source="document_id", help_text="Mã (id) của văn bản báo cáo.")
    organization = serializers.CharField(source="document.organization.code", help_text="Mã cấp ủy báo cáo.")
    sequence = serializers.IntegerField(help_text="Lần gửi (1, 2, … sau mỗi lần bị trả lại).")
    title = serializers.CharField(source="title_text")
    as_of = serializers.DateField(help_text="Số liệu tính đến ngày.")
    state = serializers.ChoiceField(choices=SubmissionState.choices, help_text=f"Trạng thái: {STATES}.")
    submitted_by = serializers.CharField(source="submitted_by.username", allow_null=True, default=None)
    submitted_at = serializers.DateTimeField()
    reviewed_by = serializers.CharField(source="reviewed_by.username", allow_null=True, default=None)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_note = serializers.CharField(allow_blank=True, help_text="Ý kiến của Ban Tổ chức Tỉnh ủy (lý do trả lại).")
    docx_name = serializers.CharField()
    pdf_name = serializers.CharField()


class SubmissionDetailSerializer(SubmissionSerializer):
    figures = serializers.JSONField(allow_null=True, help_text=(
        "Số liệu các Biểu tại lúc gửi: JSON báo cáo (hợp đồng dữ liệu, mục 3); null với văn bản không có Biểu."))
    manual_figures = serializers.JSONField(help_text=(
        "Số liệu nhập tay của văn bản tại lúc gửi, theo thứ tự đã nhập: mỗi số liệu có key (mã), label (tên), "
        "value (giá trị chính xác, dạng chuỗi số kiểu máy: \"1234.5\"), text (viết kiểu Việt Nam: \"1.234,5\"), "
        "unit (đơn vị tính), note (ghi chú)."))


class SubmitSerializer(Body):
    document = serializers.IntegerField(min_value=1, help_text="Mã (id) của văn bản báo cáo cần gửi.", error_messages={
        "required": "Hãy cho mã (id) của văn bản báo cáo cần gửi.",
        "null": "Hãy cho mã (id) của văn bản báo cáo cần gửi.",
        "invalid": "Mã văn bản phải là một số nguyên.",
        "min_value": "Mã văn bản phải là một số nguyên dương.",
        "max_string_length": "Mã văn bản quá dài.",
    })


NOTE_ERRORS = {"invalid": "Ý kiến phải là một đoạn văn bản.", "null": "Ý kiến phải là một đoạn văn bản.",
               "max_length": "Ý kiến dài quá {max_length} ký tự."}


class AcceptSerializer(Body):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000,
                                 help_text="Ý kiến khi tiếp nhận (không bắt buộc).", error_messages=NOTE_ERRORS)


class ReturnSerializer(Body):
    note = serializers.CharField(max_length=5000, help_text="Lý do trả lại, để đơn vị biết cần sửa gì.",
                                 error_messages={**NOTE_ERRORS,
                                                 "required": "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.",
                                                 "blank": "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."})
