"""Catalogs: data seeded by migrations and editable by admins."""
from django.db import models

from cadre.models.organizations import OrganizationKind
from cadre.vietnamese import search_key


def _compact(text: str) -> str:
    """Match key for catalog names: no diacritics, case, spaces, hyphens or apostrophes."""
    return "".join(ch for ch in search_key(text) if ch.isalnum())


class EthnicGroupQuerySet(models.QuerySet):
    def by_name(self) -> dict[str, "EthnicGroup"]:
        """Every group under its name and aliases, keyed for loose matching."""
        index = {}
        for group in self:
            for name in [group.name, *group.alias_list()]:
                index[_compact(name)] = group
        return index


class EthnicGroup(models.Model):
    """One of the 54 ethnic groups of Viet Nam."""

    code = models.PositiveSmallIntegerField("mã", unique=True)
    name = models.CharField("tên dân tộc", max_length=50, unique=True)
    aliases = models.CharField(
        "tên gọi khác", max_length=200, blank=True, help_text="Cách nhau bằng dấu phẩy."
    )
    is_minority = models.BooleanField("dân tộc thiểu số", default=True)

    objects = EthnicGroupQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "dân tộc"
        verbose_name_plural = "dân tộc"

    def __str__(self):
        return self.name

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.split(",") if a.strip()]

    @staticmethod
    def match_key(text: str) -> str:
        return _compact(text)


class PositionCategory(models.TextChoices):
    COMMUNE_CADRE = "CB_XA", "Cán bộ cấp xã"
    COMMUNE_CIVIL_SERVANT = "CC_XA", "Công chức cấp xã"
    COMMUNE_COMMITTEE = "UY_VIEN_XA", "Cấp ủy cấp xã"
    DISTRICT_COMMITTEE = "UY_VIEN_HUYEN", "Cấp ủy cấp huyện"
    DISTRICT = "HUYEN", "Chức danh cấp huyện"
    OTHER = "KHAC", "Khác"


class PositionTitle(models.Model):
    """A title in the position catalog (chức vụ, chức danh)."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên chức vụ", max_length=200)
    category = models.CharField(
        "nhóm", max_length=20, choices=PositionCategory.choices, default=PositionCategory.OTHER
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_single_holder = models.BooleanField(
        "chỉ một người giữ", default=False,
        help_text="Mỗi tổ chức chỉ có một người giữ chức vụ này cùng lúc (Bí thư, Chủ tịch UBND…): "
                  "người thứ hai phải được xác nhận khi nhập.",
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "chức vụ"
        verbose_name_plural = "danh mục chức vụ"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=PositionCategory.values),
                name="position_title_category_valid",
            ),
        ]

    def __str__(self):
        return self.name


class QualificationType(models.Model):
    """A kind of qualification: general education, professional, political theory…"""

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên loại trình độ", max_length=100)
    is_ranked = models.BooleanField(
        "có thang bậc",
        default=True,
        help_text="Có thang bậc: trình độ lấy theo danh mục. Không: ghi tự do, có là đạt chuẩn.",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "loại trình độ"
        verbose_name_plural = "loại trình độ"

    def __str__(self):
        return self.name


class QualificationLevel(models.Model):
    """A level on an ordered scale; a higher rank is a higher level."""

    qualification_type = models.ForeignKey(
        QualificationType, on_delete=models.PROTECT, related_name="levels", verbose_name="loại"
    )
    code = models.CharField("mã", max_length=30)
    name = models.CharField("tên trình độ", max_length=100)
    rank = models.PositiveSmallIntegerField("bậc", help_text="Bậc cao hơn là trình độ cao hơn.")
    aliases = models.CharField(
        "tên gọi khác", max_length=200, blank=True, help_text="Cách nhau bằng dấu phẩy."
    )

    class Meta:
        ordering = ["qualification_type__sort_order", "rank", "code"]
        verbose_name = "trình độ"
        verbose_name_plural = "danh mục trình độ"
        constraints = [
            models.UniqueConstraint(
                fields=["qualification_type", "code"], name="qualification_level_unique_code"
            ),
        ]

    def __str__(self):
        return f"{self.qualification_type.name}: {self.name}"

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.split(",") if a.strip()]


class Population(models.Model):
    """A population (đối tượng): the persons holding any of its titles on a date.

    A catalog: the official list filters by it, plans count over it. Its
    tables keep the names they had in the reports app (migration cadre 0009).
    """

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên đối tượng", max_length=200)
    titles = models.ManyToManyField(
        "PositionTitle", related_name="populations", verbose_name="chức vụ", db_table="reports_population_titles"
    )
    unit_kind = models.CharField(
        "loại đơn vị",
        max_length=10,
        choices=OrganizationKind.choices,
        help_text="Đơn vị dùng cho chỉ tiêu tính theo đơn vị (ví dụ: xã có cán bộ nữ).",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        db_table = "reports_population"
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
