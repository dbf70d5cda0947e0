"""Plans (nghị quyết, đề án, kế hoạch), their tables (Biểu), rows and targets."""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from cadre.scoping import ScopedQuerySet
from cadre.vietnamese import format_percent
from planning.models.definitions import IndicatorKind


# The keys of a population object in the order the plan file's reader writes them (planning/conditions.py):
# PostgreSQL's jsonb keeps keys in its own order, so what is read back is put in this one.
POPULATION_KEYS = ("positions", "at", "planned_for", "terms", "unit_kind")
AT_KEYS = ("kind", "form", "group")


def population_in_order(population):
    """A stored population (a code, or a canonical object) with its keys in the reader's order."""
    if not isinstance(population, dict):
        return population
    ordered = {key: population[key] for key in POPULATION_KEYS if key in population}
    if isinstance(ordered.get("at"), dict):
        ordered["at"] = {key: ordered["at"][key] for key in AT_KEYS if key in ordered["at"]}
    return ordered


class PlanQuerySet(ScopedQuerySet):
    # A user uses the plans of their organization's lineage: those issued above it
    # (a province's resolution applies to its districts), by it, or inside its subtree.
    scope_via_lineage = "organization"

    def for_report(self):
        """Plans with everything a report reads: tables, populations and titles, rows, indicators, targets."""
        return self.select_related("organization").prefetch_related(
            models.Prefetch(
                "tables",
                queryset=PlanTable.objects.select_related("population").prefetch_related(
                    "population__titles",
                    models.Prefetch(
                        "rows",
                        queryset=PlanRow.objects.select_related(
                            "indicator__qualification_type", "indicator__min_level"
                        ).prefetch_related("targets", "indicator__qualification_type__levels"),
                    ),
                ),
            )
        )

    def target_years(self):
        """The years the plans set targets for, in order."""
        return (
            Target.objects.filter(row__table__plan__in=self).values_list("year", flat=True).distinct().order_by("year")
        )


class Plan(models.Model):
    """A resolution, project or plan that sets targets (e.g. 01-ĐA/HU)."""

    code = models.CharField("số hiệu", max_length=40, unique=True, help_text="Ví dụ: 01-ĐA/HU.")
    title = models.CharField("trích yếu", max_length=500)
    organization = models.ForeignKey(
        "cadre.Organization", on_delete=models.PROTECT, related_name="plans", verbose_name="cấp ủy ban hành"
    )
    issued_on = models.DateField("ngày ban hành")
    # Advanced by every edit, so that a save over a newer version is refused (cadre.services.versions).
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "code"]
        verbose_name = "nghị quyết, đề án"
        verbose_name_plural = "nghị quyết, đề án, kế hoạch"

    def __str__(self):
        return f"{self.code} - {self.title}"


class PlanTable(models.Model):
    """One statistical table (Biểu) of a plan: the rows for one population."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tables", verbose_name="nghị quyết, đề án")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    number = models.CharField("số biểu", max_length=20, help_text="Ví dụ: Biểu 01.")
    title = models.CharField("tên biểu", max_length=300, help_text="Ví dụ: TỔNG HỢP CHẤT LƯỢNG CÁN BỘ.")
    # A population code of the catalog, or an object of the plan file (data-contract section 2,
    # "Conditions in plan rows": positions or planned_for) in its canonical JSON; exactly one is set.
    population = models.ForeignKey(
        "cadre.Population", on_delete=models.PROTECT, related_name="plan_tables", verbose_name="đối tượng",
        null=True, blank=True, help_text="Để trống chỉ khi biểu dùng đối tượng theo chức vụ hoặc quy hoạch.",
    )
    population_object = models.JSONField(
        "đối tượng theo chức vụ, quy hoạch", null=True, blank=True,
        help_text='Ví dụ: {"positions": ["BT_DU"], "unit_kind": "XA"}; để trống khi biểu dùng mã đối tượng.',
    )

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = "biểu thống kê"
        verbose_name_plural = "biểu thống kê"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_table_unique_number"),
            models.CheckConstraint(
                condition=Q(population__isnull=False, population_object__isnull=True)
                | Q(population__isnull=True, population_object__isnull=False),
                name="plan_table_one_population",
            ),
        ]

    def __str__(self):
        return f"{self.number} - {self.title}"

    @property
    def population_value(self) -> str | dict:
        """The table's population as the plan file gives it: the catalog code, or the canonical object."""
        return self.population.code if self.population_id is not None else population_in_order(self.population_object)

    def clean(self):
        if (self.population_id is None) == (self.population_object is None):
            raise ValidationError({"population": (
                "Biểu cần đúng một đối tượng: một mã đối tượng, hoặc một đối tượng theo chức vụ, quy hoạch."
            )})


class PlanRow(models.Model):
    """A row of a table: an indicator with its parameters, possibly a "Trong đó" of another row.

    The condition keys of the plan file (data-contract section 2, "Conditions in plan rows") are kept
    as their canonical JSON (planning/conditions.py); a row without them counts as it always did.
    """

    table = models.ForeignKey(PlanTable, on_delete=models.CASCADE, related_name="rows", verbose_name="biểu")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    label = models.CharField("nội dung", max_length=300)
    indicator = models.ForeignKey(
        "planning.Indicator", on_delete=models.PROTECT, related_name="plan_rows", verbose_name="chỉ tiêu",
        null=True, blank=True, help_text="Để trống chỉ khi dòng có điều kiện (where).",
    )
    condition = models.JSONField("điều kiện (where)", null=True, blank=True)
    population = models.JSONField(
        "đối tượng riêng", null=True, blank=True,
        help_text="Mã đối tượng hoặc đối tượng theo chức vụ, quy hoạch; để trống: đối tượng của biểu.",
    )
    unit = models.BooleanField("tính theo đơn vị", default=False)
    multiple_of = models.JSONField("gấp bao nhiêu lần đối tượng", null=True, blank=True)
    compare = models.JSONField("so sánh thêm", default=list, blank=True, help_text='Ví dụ: ["delta_points"].')
    params = models.JSONField(
        "tham số", default=dict, blank=True, help_text='Ví dụ với cán bộ trẻ: {"age_under": 35}.'
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="thuộc dòng (trong đó)",
    )

    class Meta:
        ordering = ["table", "order", "id"]
        verbose_name = "dòng chỉ tiêu"
        verbose_name_plural = "dòng chỉ tiêu"
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="plan_row_not_own_parent"),
            models.CheckConstraint(
                condition=Q(indicator__isnull=False) | Q(condition__isnull=False),
                name="plan_row_indicator_or_condition",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def has_conditions(self) -> bool:
        """True when the row uses a condition key that changes what it counts (where, population, unit)."""
        return self.condition is not None or self.population is not None or self.unit

    def clean(self):
        if self.indicator_id is None and self.condition is None:
            raise ValidationError({"indicator": "Dòng không có điều kiện (where) phải có chỉ tiêu."})
        if self.indicator_id is not None and self.has_conditions and self.indicator.kind == IndicatorKind.RATING:
            raise ValidationError({"indicator": (
                "Chỉ tiêu tính theo lượt đánh giá không dùng cùng điều kiện, đối tượng riêng hay cách tính theo đơn vị."
            )})
        if (self.indicator_id is not None and self.indicator.kind == IndicatorKind.RATING
                and self.table_id is not None and self.table.population_id is None):
            raise ValidationError({"indicator": (
                "Chỉ tiêu tính theo lượt đánh giá chỉ dùng trong biểu có mã đối tượng, "
                "không dùng trong biểu có đối tượng theo chức vụ hay quy hoạch."
            )})
        if self.parent_id and self.parent.table_id != self.table_id:
            raise ValidationError({"parent": "Dòng cha phải thuộc cùng một biểu."})
        if not isinstance(self.params, dict):
            raise ValidationError({"params": "Tham số phải là một đối tượng JSON, ví dụ {\"age_under\": 35}."})


class Target(models.Model):
    """The target of a row for one year: a value (at least v%), a lower or upper bound, or a range."""

    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="targets", verbose_name="dòng chỉ tiêu")
    year = models.PositiveSmallIntegerField("năm mục tiêu")
    value = models.DecimalField(
        "mục tiêu (%)", max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))], help_text="Đạt khi tỷ lệ từ mức này trở lên.",
    )
    min_value = models.DecimalField(
        "từ (%)", max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))], help_text="Cận dưới (… % trở lên).",
    )
    max_value = models.DecimalField(
        "đến (%)", max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0))], help_text="Cận trên (không quá … %).",
    )

    class Meta:
        ordering = ["row", "year"]
        verbose_name = "mục tiêu theo năm"
        verbose_name_plural = "mục tiêu theo năm"
        constraints = [
            models.UniqueConstraint(fields=["row", "year"], name="target_one_per_row_and_year"),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(min_value__isnull=False) | Q(max_value__isnull=False),
                name="target_has_a_bound",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(min_value__isnull=True, max_value__isnull=True),
                name="target_value_or_bounds",
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(max_value__isnull=True) | Q(min_value__lte=F("max_value")),
                name="target_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=True) | Q(value__gte=0))
                & (Q(min_value__isnull=True) | Q(min_value__gte=0))
                & (Q(max_value__isnull=True) | Q(max_value__gte=0)),
                name="target_not_negative",
            ),
            models.CheckConstraint(condition=Q(year__gte=1945, year__lte=2100), name="target_year_plausible"),
        ]

    def __str__(self):
        return f"{self.year}: {self.describe()}"

    def describe(self) -> str:
        if self.value is not None:
            return format_percent(self.value)
        if self.min_value is not None and self.max_value is not None:
            return f"{format_percent(self.min_value)} - {format_percent(self.max_value)}"
        if self.min_value is not None:
            return f"{format_percent(self.min_value)} trở lên"
        return f"không quá {format_percent(self.max_value)}"
