"""Entries of the audit trail (cadre.ChangeRecord), as stored and in words."""
from rest_framework import serializers

from cadre.audit_log import entry_text
from cadre.models import ChangeRecord


class ChangeRecordSerializer(serializers.ModelSerializer):
    official = serializers.IntegerField(source="official_id", read_only=True, allow_null=True,
                                        help_text="Mã số (id) của cán bộ mà thay đổi nói đến.")
    text = serializers.SerializerMethodField(help_text="Thay đổi bằng lời, như trang Nhật ký.")
    before = serializers.JSONField(read_only=True, allow_null=True)
    after = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = ChangeRecord
        fields = ["id", "created_at", "username", "source", "entity", "key", "action", "official", "before",
                  "after", "batch", "text"]
        read_only_fields = fields

    def get_text(self, entry) -> str:
        return entry_text(entry)
