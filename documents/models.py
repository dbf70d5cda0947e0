"""Reports staff compose in the browser, and the Word templates a committee may upload."""
from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from cadre.scoping import ScopedQuerySet
from documents import manual_figures as manual
from documents.facts import PARTY_BUILDING, PLAN_REVIEW


class ReportKind(models.TextChoices):
    PLAN_REVIEW_KIND = PLAN_REVIEW, "Sơ kết, tổng kết thực hiện nghị quyết, đề án"
    PARTY_BUILDING_KIND = PARTY_BUILDING, "Báo cáo công tác xây dựng Đảng"


class DocumentTemplateQuerySet(ScopedQuerySet):
    scope_via_organization = "organization"


class DocumentTemplate(models.Model):
    """A district's own Word template (docxtpl), checked when it is uploaded."""

    organization = models.ForeignKey(
        "cadre.Organization", on_delete=models.PROTECT, related_name="document_templates", verbose_name="tổ chức"
    )
    name = models.CharField("tên mẫu", max_length=200)
    file_name = models.CharField("tên tệp", max_length=255)
    content = models.BinaryField("nội dung tệp")
    variables = models.JSONField("các biến dùng trong mẫu", default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="người tải lên",
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)

    objects = DocumentTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản (Word)"
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="document_template_unique_name"),
        ]

    def __str__(self):
        return self.name


class ReportDocumentQuerySet(ScopedQuerySet):
    scope_via_organization = "organization"

    def for_composing(self):
        """Documents with what composing one reads: organization and its parent, plan, template, the figures
        typed in."""
        return (self.select_related("organization__parent", "plan", "template", "updated_by")
                .prefetch_related("manual_figures"))


class ReportDocument(models.Model):
    """A report (BÁO CÁO …-BC/HU) as the staff compose it: choices, numbers, their own sections.

    The figures are never stored: they are computed from the records every time
    the document is shown or downloaded.
    """

    organization = models.ForeignKey(
        "cadre.Organization", on_delete=models.PROTECT, related_name="report_documents",
        verbose_name="cấp ủy báo cáo",
    )
    kind = models.CharField("loại báo cáo", max_length=15, choices=ReportKind.choices, default=PLAN_REVIEW)
    plan = models.ForeignKey(
        "planning.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="report_documents",
        verbose_name="nghị quyết, đề án",
    )
    as_of = models.DateField("số liệu tính đến ngày")
    rating_year_from = models.PositiveSmallIntegerField("đánh giá, xếp loại từ năm", null=True, blank=True)
    rating_year_to = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    baseline_as_of = models.DateField("ngày số liệu năm gốc (so sánh)", null=True, blank=True)
    baseline_rating_year_from = models.PositiveSmallIntegerField("đánh giá năm gốc từ năm", null=True, blank=True)
    baseline_rating_year_to = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    target_year = models.PositiveSmallIntegerField("năm mục tiêu", null=True, blank=True)
    events_from = models.DateField("tính luân chuyển, điều động từ ngày", null=True, blank=True)
    term = models.CharField("nhiệm kỳ", max_length=20, blank=True, help_text="Ví dụ: 2020 - 2025.")

    number = models.CharField(
        "số hiệu", max_length=40, blank=True,
        help_text="Ví dụ 408-BC/HU. Để trống khi còn là dự thảo: số và ngày được để trống khi in.",
    )
    place = models.CharField("địa danh", max_length=100, blank=True, help_text="Để trống: lấy theo tên cấp ủy.")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    superior_body = models.CharField(
        "cấp ủy cấp trên", max_length=200, blank=True, help_text="Để trống: lấy theo tổ chức cấp trên."
    )
    issuing_body = models.CharField("cơ quan ban hành", max_length=200, blank=True,
                                    help_text="Để trống: lấy theo tên cấp ủy báo cáo.")
    subject = models.TextField("trích yếu", blank=True, help_text="Mỗi dòng là một dòng của trích yếu.")
    signer_authority = models.CharField("thẩm quyền ký", max_length=100, blank=True, default="T/M BAN THƯỜNG VỤ")
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True, default="PHÓ BÍ THƯ")
    signer_name = models.CharField("họ tên người ký", max_length=100, blank=True)
    # Blank: the issuing committee's usual recipients on the report's date (cadre/committees.py).
    recipients = models.TextField("nơi nhận", blank=True,
                                  help_text="Mỗi dòng một nơi nhận. Để trống: lấy theo cấp ủy báo cáo.")

    opening = models.TextField("mở đầu", blank=True)
    situation = models.TextField("đặc điểm, tình hình", blank=True)
    implementation = models.TextField("công tác lãnh đạo, chỉ đạo", blank=True)
    strengths = models.TextField("ưu điểm", blank=True)
    weaknesses = models.TextField("hạn chế, khuyết điểm", blank=True)
    causes = models.TextField("nguyên nhân", blank=True)
    lessons = models.TextField("bài học kinh nghiệm", blank=True)
    tasks = models.TextField("nhiệm vụ, giải pháp", blank=True)
    proposals = models.TextField("kiến nghị, đề xuất", blank=True)

    template = models.ForeignKey(
        DocumentTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents",
        verbose_name="mẫu Word", help_text="Để trống: dùng mẫu có sẵn của hệ thống.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="người tạo",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="người sửa cuối",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    # Advanced by every save, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    objects = ReportDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "văn bản báo cáo"
        verbose_name_plural = "văn bản báo cáo"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ReportKind.values), name="report_document_kind_valid"),
            models.CheckConstraint(
                condition=Q(rating_year_from__isnull=True) | Q(rating_year_to__isnull=True)
                | Q(rating_year_to__gte=F("rating_year_from")),
                name="report_document_rating_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(baseline_rating_year_from__isnull=True) | Q(baseline_rating_year_to__isnull=True)
                | Q(baseline_rating_year_to__gte=F("baseline_rating_year_from")),
                name="report_document_baseline_rating_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(baseline_as_of__isnull=True) | Q(baseline_as_of__lte=F("as_of")),
                name="report_document_baseline_not_after_as_of",
            ),
        ]

    def __str__(self):
        return self.title_text

    @property
    def is_draft(self) -> bool:
        return not self.number.strip()

    @property
    def title_text(self) -> str:
        subject = " ".join(self.subject.split())
        head = f"Báo cáo số {self.number}" if self.number.strip() else "Dự thảo báo cáo"
        return f"{head}: {subject}" if subject else head

    @property
    def rating_years(self) -> tuple[int, ...]:
        return _years(self.rating_year_from, self.rating_year_to)

    @property
    def baseline_rating_years(self) -> tuple[int, ...]:
        return _years(self.baseline_rating_year_from, self.baseline_rating_year_to)


def _years(first: int | None, last: int | None) -> tuple[int, ...]:
    if first is None and last is None:
        return ()
    first = first or last
    last = last or first
    return tuple(range(first, last + 1))


class ManualFigureQuerySet(ScopedQuerySet):
    scope_via_organization = "document__organization"


class ManualFigure(models.Model):
    """A figure no register holds (inspections, staff quotas, area, population…), typed in for one document.

    Used by its key: [[so_lieu:key]] in the staff's text, {{ so_lieu.key }} in a Word template, and by the
    built-in party-building report for the figures it names (documents/manual_figures.py). Written only by
    documents.services.manual_figures_save, with the document's version check and the audit trail.
    """

    document = models.ForeignKey(ReportDocument, on_delete=models.CASCADE, related_name="manual_figures",
                                 verbose_name="văn bản")
    key = models.CharField("mã", max_length=manual.KEY_MAX_LENGTH)
    label = models.CharField("tên số liệu", max_length=manual.LABEL_MAX_LENGTH)
    value = models.DecimalField("giá trị", max_digits=manual.MAX_DIGITS, decimal_places=manual.DECIMAL_PLACES)
    unit = models.CharField("đơn vị tính", max_length=manual.UNIT_MAX_LENGTH, blank=True)
    note = models.CharField("ghi chú", max_length=manual.NOTE_MAX_LENGTH, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = ManualFigureQuerySet.as_manager()

    class Meta:
        ordering = ["document", "order", "pk"]
        verbose_name = "số liệu nhập tay"
        verbose_name_plural = "số liệu nhập tay"
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="manual_figure_unique_key"),
            models.CheckConstraint(condition=Q(key__regex=manual.KEY_REGEX), name="manual_figure_key_valid"),
        ]

    def __str__(self):
        return f"{self.label} ({self.key})"

    @property
    def value_text(self) -> str:
        return manual.value_text(self.value)


class SubmissionState(models.TextChoices):
    PENDING = "cho_tiep_nhan", "Chờ tiếp nhận"
    ACCEPTED = "da_tiep_nhan", "Đã tiếp nhận"
    RETURNED = "tra_lai", "Trả lại"


class SubmissionQuerySet(ScopedQuerySet):
    scope_via_organization = "document__organization"

    def with_document(self):
        return self.select_related("document__organization", "submitted_by", "reviewed_by")

    def open(self):
        """Submissions that lock their document: waiting for review, or accepted."""
        return self.filter(state__in=[SubmissionState.PENDING, SubmissionState.ACCEPTED])

    def awaiting_correction(self):
        """Returned sendings not yet followed by another sending of their document: work for the unit."""
        later = Submission.objects.filter(document_id=OuterRef("document_id"), sequence__gt=OuterRef("sequence"))
        return self.filter(state=SubmissionState.RETURNED).exclude(Exists(later))

    def returns_before(self, submission: "Submission"):
        """The earlier sendings of the same document that were returned, oldest first, with who returned them."""
        return (self.filter(document_id=submission.document_id, state=SubmissionState.RETURNED,
                            sequence__lt=submission.sequence)
                .select_related("reviewed_by").defer("docx", "pdf", "figures", "manual_figures").order_by("sequence"))


class Submission(models.Model):
    """A report sent up to the province, frozen as it was sent.

    The document's figures are computed anew whenever it is shown; what the
    province receives must not change afterwards, so the Word and PDF files
    and the report's figures are stored at the moment of sending. The
    province accepts the submission or returns it with a reason; a returned
    document can be corrected and sent again (a new submission).
    """

    document = models.ForeignKey(ReportDocument, on_delete=models.PROTECT, related_name="submissions",
                                 verbose_name="văn bản")
    sequence = models.PositiveSmallIntegerField("lần gửi")
    title_text = models.CharField("văn bản", max_length=500)
    as_of = models.DateField("số liệu tính đến ngày")
    docx_name = models.CharField("tên tệp Word", max_length=255)
    docx = models.BinaryField("tệp Word")
    pdf_name = models.CharField("tên tệp PDF", max_length=255)
    pdf = models.BinaryField("tệp PDF")
    figures = models.JSONField("số liệu các Biểu (JSON)", null=True, blank=True)
    # The document's manual figures as they were at sending: [{"key", "label", "value" (exact, as text), "unit",
    # "note"}], in the staff's order (documents.services.frozen_manual_figures).
    manual_figures = models.JSONField("số liệu nhập tay lúc gửi", default=list, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+", verbose_name="người gửi")
    submitted_at = models.DateTimeField("thời điểm gửi", auto_now_add=True)
    state = models.CharField("trạng thái", max_length=15, choices=SubmissionState.choices,
                             default=SubmissionState.PENDING)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="người xử lý")
    reviewed_at = models.DateTimeField("thời điểm xử lý", null=True, blank=True)
    review_note = models.TextField("ý kiến của Ban Tổ chức Tỉnh ủy", blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "báo cáo đã gửi"
        verbose_name_plural = "báo cáo đã gửi"
        constraints = [
            models.UniqueConstraint(fields=["document", "sequence"], name="submission_unique_sequence"),
            models.UniqueConstraint(fields=["document"], condition=Q(state="cho_tiep_nhan"),
                                    name="submission_one_pending_per_document"),
            models.CheckConstraint(condition=Q(state__in=SubmissionState.values), name="submission_state_valid"),
            models.CheckConstraint(condition=~Q(state="tra_lai") | ~Q(review_note=""),
                                   name="submission_return_has_reason"),
            models.CheckConstraint(
                condition=Q(state="cho_tiep_nhan", reviewed_at__isnull=True)
                | (~Q(state="cho_tiep_nhan") & Q(reviewed_at__isnull=False)),
                name="submission_reviewed_when_decided",
            ),
        ]

    def __str__(self):
        return f"{self.title_text} (lần {self.sequence})"
