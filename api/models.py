"""API tokens: a program acts as the user who created the token, under the same scope and role."""
from django.conf import settings
from django.db import models


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens not revoked."""
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A token is shown once when created; only its SHA-256 is kept (api/tokens.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name="người dùng")
    name = models.CharField("tên gợi nhớ", max_length=100)
    prefix = models.CharField("tiền tố", max_length=16, unique=True)
    digest = models.CharField("mã băm SHA-256", max_length=64)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
