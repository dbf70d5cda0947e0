"""Dated records of an official: positions, qualifications, ratings, events, planning.

Deleting an official deletes their own records; catalogs and organizations
that records point to are protected, so no history is lost by deleting them.
"""
from django.db import models
from django.db.models import F, Q

from cadre.models.catalogs import PositionTitle, QualificationLevel, QualificationType
from cadre.models.officials import Official
from cadre.models.organizations import Organization
from cadre.scoping import ScopedQuerySet


class OrganizationRecordQuerySet(ScopedQuerySet):
    scope_via_organization = "organization"


class PositionRecordQuerySet(OrganizationRecordQuerySet):
    def held_on(self, on):
        """Positions held on the date: start ≤ date and (no end or end ≥ date)."""
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


class PositionRecord(models.Model):
    """A position held at an organization over a period; several may overlap."""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="positions", verbose_name="cán bộ"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="positions", verbose_name="tổ chức"
    )
    title = models.ForeignKey(
        PositionTitle, on_delete=models.PROTECT, related_name="holders", verbose_name="chức vụ"
    )
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True, help_text="Để trống: đang giữ.")

    # Advanced by every write, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    objects = PositionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["official", "start_date", "title__sort_order"]
        verbose_name = "chức vụ đảm nhiệm"
        verbose_name_plural = "quá trình giữ chức vụ"
        indexes = [
            models.Index(fields=["title", "start_date", "end_date"]),
            # Positions held on a date inside a subtree (reports/indicators.py, held_positions): the
            # database starts from the subtree's organizations (their path index) and reads their
            # positions of the titles here, without the table (PostgreSQL: an index-only scan), instead
            # of every position of the titles in the database (docs/performance.md).
            models.Index(fields=["organization", "title", "start_date"], include=["end_date", "official"],
                         name="position_scope_title_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "organization", "title", "start_date"],
                name="position_record_unique",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_record_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} - {self.organization}"


class PersonRecordQuerySet(ScopedQuerySet):
    scope_via_official = "official_id"


class QualificationRecord(models.Model):
    """A qualification obtained on a date."""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="qualifications", verbose_name="cán bộ"
    )
    qualification_type = models.ForeignKey(
        QualificationType, on_delete=models.PROTECT, related_name="records", verbose_name="loại"
    )
    level = models.ForeignKey(
        QualificationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name="trình độ",
        help_text="Bắt buộc với loại có thang bậc.",
    )
    detail = models.CharField(
        "trình độ (ghi tự do)", max_length=200, blank=True,
        help_text="Với tin học, ngoại ngữ, bồi dưỡng: tên chứng chỉ.",
    )
    major = models.CharField("chuyên ngành", max_length=200, blank=True)
    obtained_on = models.DateField("ngày cấp")

    # Advanced by every write, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        ordering = ["official", "qualification_type__sort_order", "obtained_on"]
        verbose_name = "trình độ"
        verbose_name_plural = "trình độ đào tạo"
        indexes = [models.Index(fields=["qualification_type", "obtained_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "qualification_type", "level", "obtained_on"],
                condition=Q(level__isnull=False),
                name="qualification_record_unique_level",
            ),
            models.UniqueConstraint(
                fields=["official", "qualification_type", "detail", "obtained_on"],
                condition=Q(level__isnull=True),
                name="qualification_record_unique_detail",
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=False) | ~Q(detail=""),
                name="qualification_record_has_level_or_detail",
            ),
        ]

    def __str__(self):
        return f"{self.qualification_type}: {self.level_label}"

    @property
    def level_label(self) -> str:
        return self.level.name if self.level_id else self.detail


class Rating(models.TextChoices):
    EXCELLENT = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    DONE = "HTNV", "Hoàn thành nhiệm vụ"
    NOT_DONE = "KHTNV", "Không hoàn thành nhiệm vụ"


class Evaluation(models.Model):
    """The yearly rating; one per person per year."""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="evaluations", verbose_name="cán bộ"
    )
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=6, choices=Rating.choices)

    # Advanced by every write, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        ordering = ["official", "year"]
        verbose_name = "đánh giá, xếp loại"
        verbose_name_plural = "đánh giá, xếp loại"
        indexes = [models.Index(fields=["year", "rating"])]
        constraints = [
            models.UniqueConstraint(fields=["official", "year"], name="evaluation_one_per_year"),
            models.CheckConstraint(condition=Q(rating__in=Rating.values), name="evaluation_rating_valid"),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="evaluation_year_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.get_rating_display()}"


class CareerEventKind(models.TextChoices):
    ROTATION = "LUAN_CHUYEN", "Luân chuyển"
    TRANSFER = "DIEU_DONG", "Điều động"
    APPOINTMENT = "BO_NHIEM", "Bổ nhiệm"
    REAPPOINTMENT = "BO_NHIEM_LAI", "Bổ nhiệm lại"
    ELECTION_APPROVAL = "CHUAN_Y", "Chuẩn y"
    REWARD = "KHEN_THUONG", "Khen thưởng"
    DISCIPLINE = "KY_LUAT", "Kỷ luật"
    TRAINING = "CU_DI_HOC", "Cử đi học"
    RECRUITMENT = "TUYEN_DUNG", "Tuyển dụng"
    RESIGNATION = "THOI_VIEC", "Thôi việc"
    DESIGNATION = "CHI_DINH", "Chỉ định"
    NOMINATION = "GIOI_THIEU_UNG_CU", "Giới thiệu ứng cử"


class TrainingProgramme(models.TextChoices):
    """The programme of a training (`Chương trình` of a CU_DI_HOC event, data contract)."""

    THEORY_ADVANCED = "LLCT_CAO_CAP", "Cao cấp lý luận chính trị"
    THEORY_INTERMEDIATE = "LLCT_TRUNG_CAP", "Trung cấp lý luận chính trị"
    THEORY_ELEMENTARY = "LLCT_SO_CAP", "Sơ cấp lý luận chính trị"
    POSTGRADUATE = "SAU_DAI_HOC", "Sau đại học"
    UNIVERSITY = "DAI_HOC", "Đại học"
    STATE_MANAGEMENT = "QLNN", "Quản lý nhà nước"
    REFRESHER = "BOI_DUONG", "Bồi dưỡng"


class CareerEvent(models.Model):
    """A career event: rotation, transfer, appointment, reward, discipline…"""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="events", verbose_name="cán bộ"
    )
    kind = models.CharField("loại", max_length=20, choices=CareerEventKind.choices)
    date = models.DateField("ngày")
    programme = models.CharField(
        "chương trình", max_length=20, blank=True, choices=TrainingProgramme.choices,
        help_text="Chỉ với sự kiện “Cử đi học”: chương trình đào tạo, bồi dưỡng.",
    )
    from_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="events_out", verbose_name="từ tổ chức",
    )
    from_text = models.CharField("từ (ghi tự do)", max_length=200, blank=True)
    to_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="events_in", verbose_name="đến tổ chức",
    )
    to_text = models.CharField("đến (ghi tự do)", max_length=200, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    # Advanced by every write, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    objects = PersonRecordQuerySet.as_manager()

    class Meta:
        ordering = ["official", "date"]
        verbose_name = "sự kiện công tác"
        verbose_name_plural = "quá trình công tác (sự kiện)"
        indexes = [models.Index(fields=["kind", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CareerEventKind.values), name="career_event_kind_valid"),
            # A programme belongs to a training, and is one of the contract's codes.
            models.CheckConstraint(
                condition=Q(programme="") | Q(kind=CareerEventKind.TRAINING, programme__in=TrainingProgramme.values),
                name="career_event_programme_of_training",
                violation_error_message="Chương trình chỉ ghi cho sự kiện Cử đi học, và phải là một chương trình trong danh mục.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def from_label(self) -> str:
        return self.from_organization.name if self.from_organization_id else self.from_text

    @property
    def to_label(self) -> str:
        return self.to_organization.name if self.to_organization_id else self.to_text


class PlanningEntry(models.Model):
    """Planning (quy hoạch): an official planned for a title at a unit for a term."""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="planning", verbose_name="cán bộ"
    )
    title = models.ForeignKey(
        PositionTitle, on_delete=models.PROTECT, related_name="planned", verbose_name="chức vụ quy hoạch"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="planning", verbose_name="tổ chức"
    )
    term = models.CharField("nhiệm kỳ", max_length=9, help_text="Ví dụ 2025-2030.")
    approved_on = models.DateField("ngày phê duyệt", null=True, blank=True)
    removed_on = models.DateField("ngày đưa ra khỏi quy hoạch", null=True, blank=True)

    # Advanced by every write, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        ordering = ["official", "term", "title__sort_order"]
        verbose_name = "quy hoạch"
        verbose_name_plural = "quy hoạch"
        constraints = [
            models.UniqueConstraint(
                fields=["official", "title", "organization", "term"], name="planning_entry_unique"
            ),
            models.CheckConstraint(
                condition=Q(term__regex=r"^[0-9]{4}-[0-9]{4}$"), name="planning_entry_term_format"
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True)
                | Q(approved_on__isnull=True)
                | Q(removed_on__gte=F("approved_on")),
                name="planning_entry_removed_after_approved",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.term})"


class PartyStatistics(models.Model):
    """Party-member statistics of one organization for one year."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="party_statistics", verbose_name="tổ chức"
    )
    year = models.PositiveSmallIntegerField("năm")
    members = models.PositiveIntegerField("tổng số đảng viên")
    probationary = models.PositiveIntegerField("đảng viên dự bị", default=0)
    female = models.PositiveIntegerField("đảng viên nữ", default=0)
    admitted = models.PositiveIntegerField("kết nạp trong năm", default=0)
    removed = models.PositiveIntegerField("đưa ra khỏi Đảng trong năm", default=0)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "year"]
        verbose_name = "thống kê đảng viên"
        verbose_name_plural = "thống kê đảng viên"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="party_statistics_one_per_year"),
            models.CheckConstraint(condition=Q(probationary__lte=F("members")), name="party_statistics_probationary_le_members"),
            models.CheckConstraint(condition=Q(female__lte=F("members")), name="party_statistics_female_le_members"),
            models.CheckConstraint(condition=Q(year__gte=1930, year__lte=2100), name="party_statistics_year_plausible"),
        ]

    def __str__(self):
        return f"{self.organization} - {self.year}"
