"""Officials (cán bộ, công chức, viên chức)."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from cadre.models.catalogs import EthnicGroup
from cadre.models.organizations import Organization
from cadre.scoping import ScopedQuerySet
from cadre.vietnamese import name_sort_key, search_key


class Gender(models.TextChoices):
    MALE = "NAM", "Nam"
    FEMALE = "NU", "Nữ"


class OfficialQuerySet(ScopedQuerySet):
    scope_via_official = "pk"

    def search(self, text: str):
        """Officials whose name, code or CCCD contains every word, ignoring diacritics."""
        result = self
        for word in search_key(text).split():
            result = result.filter(search_text__contains=word)
        return result

    def followed_on(self, on):
        """Officials still followed on the date: not retired, or retired only after it."""
        return self.filter(Q(retired_on__isnull=True) | Q(retired_on__gt=on))

    def followed(self):
        """Officials not retired (the admin's default list)."""
        return self.filter(retired_on__isnull=True)

    def in_name_order(self):
        """Vietnamese order: given name, then family and middle names."""
        return self.order_by("name_sort_key", "code")


class Official(models.Model):
    """A person whose records the committee keeps."""

    code = models.CharField("mã cán bộ", max_length=40, unique=True)
    full_name = models.CharField("họ và tên", max_length=100)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh")
    ethnic_group = models.ForeignKey(
        EthnicGroup, on_delete=models.PROTECT, related_name="officials", verbose_name="dân tộc"
    )
    citizen_id = models.CharField(
        "số CCCD", max_length=12, null=True, blank=True, unique=True,
        help_text="12 chữ số.",
    )
    hometown_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="natives",
        verbose_name="quê quán (xã)",
    )
    hometown_text = models.CharField("quê quán", max_length=200, blank=True)
    party_joined_on = models.DateField("ngày vào Đảng", null=True, blank=True)
    # Set and cleared only by cadre.services.retirement (which ends and reopens the positions too).
    retired_on = models.DateField(
        "thôi theo dõi từ ngày", null=True, blank=True, editable=False,
        help_text="Từ ngày này cán bộ không còn trong danh sách và số liệu hiện tại; hồ sơ và số liệu trước đó giữ nguyên.",
    )
    retired_reason = models.CharField("lý do thôi theo dõi", max_length=500, blank=True, editable=False)
    # Derived from the name and identifiers; kept by save() and refresh_keys().
    name_sort_key = models.CharField(max_length=400, db_index=True, editable=False, default="")
    search_text = models.CharField(max_length=300, editable=False, default="")
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    # Advanced by every write, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["name_sort_key", "code"]
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        constraints = [
            models.CheckConstraint(
                condition=Q(gender__in=Gender.values), name="official_gender_valid"
            ),
            models.CheckConstraint(
                condition=Q(citizen_id__isnull=True) | Q(citizen_id__regex=r"^[0-9]{12}$"),
                name="official_citizen_id_12_digits",
            ),
            models.CheckConstraint(
                condition=Q(party_joined_on__isnull=True) | Q(party_joined_on__gt=F("birth_date")),
                name="official_joined_party_after_birth",
            ),
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True, retired_reason="")
                | (Q(retired_on__isnull=False) & ~Q(retired_reason="")),
                name="official_retired_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.code})"

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    @property
    def is_female(self) -> bool:
        return self.gender == Gender.FEMALE

    @property
    def hometown(self) -> str:
        """The hometown commune's name, else the free text; both when (older) data holds both."""
        if not self.hometown_organization_id:
            return self.hometown_text
        if self.hometown_text:
            return f"{self.hometown_organization.name} ({self.hometown_text})"
        return self.hometown_organization.name

    def clean(self):
        super().clean()
        if self.hometown_organization_id and self.hometown_text.strip():
            raise ValidationError({
                "hometown_text": "Chỉ chọn xã trong danh mục hoặc ghi quê quán tự do, không dùng cả hai "
                                 "(tệp trao đổi chỉ có một cột “Quê quán”).",
            })

    def refresh_keys(self) -> None:
        """Recompute the sort and search keys from the name and identifiers."""
        self.name_sort_key = name_sort_key(self.full_name)
        self.search_text = " ".join(
            part for part in (search_key(self.full_name), self.code.lower(), self.citizen_id or "") if part
        )

    def save(self, *args, **kwargs):
        self.refresh_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_sort_key", "search_text"}
        super().save(*args, **kwargs)
