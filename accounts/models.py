"""Users belong to an organization; what they see is that organization's subtree."""
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    # The stored code is kept; the role enters data for the user's organization at any level: a province,
    # a district (before 1/7/2025), a commune or ward (cadre.scoping limits it to that subtree).
    DISTRICT_STAFF = "district_staff", "Cán bộ Ban Tổ chức / văn phòng cấp ủy"
    PROVINCIAL_REVIEWER = "provincial_reviewer", "Chuyên viên Ban Tổ chức Tỉnh ủy"
    ADMIN = "admin", "Quản trị hệ thống"


class User(AbstractUser):
    organization = models.ForeignKey(
        "cadre.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name="tổ chức",
        help_text="Người dùng chỉ xem được dữ liệu của tổ chức này và các tổ chức trực thuộc.",
    )
    role = models.CharField("vai trò", max_length=30, choices=Role.choices, default=Role.DISTRICT_STAFF)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="user_role_valid"),
        ]

    def get_full_name(self) -> str:
        """"Trần Văn B": family and middle names (last_name) before the given name (first_name), as Vietnamese
        names are written; pages name people through cadre.services.versions.person_label."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)

    get_full_name.short_description = "họ và tên"

    @property
    def can_edit(self) -> bool:
        """Reviewers read; staff of a committee (province, district, commune) and admins enter data."""
        return self.is_superuser or self.role in (Role.DISTRICT_STAFF, Role.ADMIN)

    @property
    def can_review(self) -> bool:
        """Provincial reviewers (and admins) accept or return the reports sent up to them."""
        return self.is_superuser or self.role in (Role.PROVINCIAL_REVIEWER, Role.ADMIN)

    @property
    def can_use_admin(self) -> bool:
        """The admin site (config.admin_site) admits superusers and staff accounts with the admin role."""
        return self.is_active and (self.is_superuser or (self.is_staff and self.role == Role.ADMIN))
