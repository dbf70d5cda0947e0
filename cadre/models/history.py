"""The audit trail: every write to the records, by whom, from where, with the values before and after.

ChangeRecord rows are append-only: no page, admin or API changes or deletes
them, and on PostgreSQL a trigger refuses UPDATE and DELETE on the table
(migration 0004). Write them only through `cadre.audit`.
"""
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
    RETIRE = "retire", "Cho thôi theo dõi"
    RESTORE = "restore", "Khôi phục"
    EXPORT = "export", "Tải xuống"
    SUBMIT = "submit", "Gửi báo cáo"
    ACCEPT = "accept", "Tiếp nhận"
    RETURN = "return", "Trả lại"


class ChangeSource(models.TextChoices):
    FORM = "form", "Trang nhập liệu"
    ADMIN = "admin", "Trang quản trị"
    IMPORT = "import", "Nhập tệp Excel"
    API = "api", "API"
    COMMAND = "command", "Lệnh quản trị"


class ChangeRecord(models.Model):
    """One changed row: what it was and what it became."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="changes", verbose_name="lần nhập"
    )
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    # The entry outlives what it is about: no database constraint ties it to the user or the official
    # (an entry about removed demo data stays readable; nothing else is ever deleted).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True,
        related_name="+", verbose_name="người thực hiện",
    )
    # Kept as written at the time: the entry reads the same if the account is renamed later.
    username = models.CharField("tên đăng nhập", max_length=150, blank=True)
    source = models.CharField("nguồn", max_length=10, choices=ChangeSource.choices, default=ChangeSource.COMMAND)
    entity = models.CharField("đối tượng", max_length=50)
    key = models.CharField("khóa", max_length=200)
    action = models.CharField("thao tác", max_length=10, choices=ChangeAction.choices)
    # The official the entry is about (their own data or one of their records), for the profile's history.
    official = models.ForeignKey(
        "cadre.Official", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+",
        verbose_name="cán bộ",
    )
    # The materialized path of the organization the entry belongs to, for scoping the audit page.
    organization_path = models.CharField("đường dẫn tổ chức", max_length=255, blank=True, db_index=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = "thay đổi"
        verbose_name_plural = "lịch sử thay đổi"
        indexes = [
            models.Index(fields=["entity", "key"]),
            models.Index(fields=["official", "-created_at"]),
            models.Index(fields=["-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(action__in=ChangeAction.values), name="change_action_valid"),
            models.CheckConstraint(condition=models.Q(source__in=ChangeSource.values), name="change_source_valid"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.entity} {self.key}"
