"""History of changes made by imports and edits."""
from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One committed import of a workbook."""

    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="người nhập"
    )
    file_name = models.CharField("tệp", max_length=255)
    summary = models.JSONField("tóm tắt", default=dict)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "lần nhập dữ liệu"
        verbose_name_plural = "lịch sử nhập dữ liệu"

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"


class ChangeAction(models.TextChoices):
    CREATE = "create", "Thêm mới"
    UPDATE = "update", "Cập nhật"
    DELETE = "delete", "Xóa"


class ChangeRecord(models.Model):
    """One changed row: what it was and what it became."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="changes", verbose_name="lần nhập"
    )
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    entity = models.CharField("đối tượng", max_length=50)
    key = models.CharField("khóa", max_length=200)
    action = models.CharField("thao tác", max_length=6, choices=ChangeAction.choices)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = "thay đổi"
        verbose_name_plural = "lịch sử thay đổi"
        indexes = [models.Index(fields=["entity", "key"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.entity} {self.key}"
