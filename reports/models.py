"""Definitions the indicators are computed over."""
from django.db import models

from cadre.models import OrganizationKind, PositionTitle


class Population(models.Model):
    """A population (đối tượng): the persons holding any of its titles on a date."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên đối tượng", max_length=200)
    titles = models.ManyToManyField(PositionTitle, related_name="populations", verbose_name="chức vụ")
    unit_kind = models.CharField(
        "loại đơn vị",
        max_length=10,
        choices=OrganizationKind.choices,
        help_text="Đơn vị dùng cho chỉ tiêu tính theo đơn vị (ví dụ: xã có cán bộ nữ).",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "đối tượng"
        verbose_name_plural = "đối tượng thống kê"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit_kind__in=OrganizationKind.values), name="population_unit_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name
