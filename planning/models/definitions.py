"""Indicators as definitions: what a plan row counts, out of its table's population.

Plan rows refer to these and the report engine (reports/indicators.py)
computes them; reports imports this module, never the other way. Populations
are a catalog of the cadre app (cadre/models/catalogs.py). The table keeps the
name it had when the definitions lived in the reports app (migrations planning
0003 and reports 0005).
"""
from django.core.exceptions import ValidationError
from django.db import models



class IndicatorKind(models.TextChoices):
    PERSON = "NGUOI", "Tính theo người"
    RATING = "LUOT_DANH_GIA", "Tính theo lượt đánh giá"
    UNIT = "DON_VI", "Tính theo đơn vị"


class IndicatorCondition(models.TextChoices):
    """What a person (or, for a rating indicator, a rating) must satisfy."""

    ALL = "TAT_CA", "Không điều kiện (tổng số)"
    FEMALE = "NU", "Giới tính nữ"
    AGE_UNDER = "DUOI_TUOI", "Dưới độ tuổi (tham số age_under)"
    MINORITY = "DTTS", "Người dân tộc thiểu số"
    PARTY_MEMBER = "DANG_VIEN", "Đã vào Đảng"
    QUALIFICATION_AT_LEAST = "TRINH_DO_TU", "Trình độ từ bậc đã chọn trở lên"
    HAS_QUALIFICATION = "CO_TRINH_DO", "Có trình độ thuộc loại đã chọn"
    RATING_IN = "XEP_LOAI", "Xếp loại thuộc danh sách"


# Parameters a plan row may give, per condition, with their defaults.
CONDITION_PARAMETERS = {IndicatorCondition.AGE_UNDER: {"age_under": 35}}


class IndicatorQuerySet(models.QuerySet):
    def with_definitions(self):
        """Indicators with the catalog rows their condition needs."""
        return self.select_related("qualification_type", "min_level")


class Indicator(models.Model):
    """An indicator (chỉ tiêu) as a definition: what is counted, out of what.

    The computation lives in reports/indicators.py and reads only these
    fields, so an admin can add an indicator (say "Cao đẳng trở lên") by
    choosing a condition and its catalog level, without code changes.
    """

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=200)
    kind = models.CharField(
        "cách tính",
        max_length=15,
        choices=IndicatorKind.choices,
        default=IndicatorKind.PERSON,
        help_text=(
            "Theo người: tỷ lệ trên số người của đối tượng. Theo lượt đánh giá: cộng các năm đánh giá, "
            "đối tượng lấy tại ngày 31/12 mỗi năm. Theo đơn vị: số đơn vị có ít nhất một người thỏa điều kiện."
        ),
    )
    condition = models.CharField("điều kiện", max_length=15, choices=IndicatorCondition.choices)
    qualification_type = models.ForeignKey(
        "cadre.QualificationType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="loại trình độ",
    )
    min_level = models.ForeignKey(
        "cadre.QualificationLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="trình độ tối thiểu",
        help_text="Với điều kiện “trình độ từ bậc … trở lên”: mọi trình độ có bậc cao hơn hoặc bằng đều được tính.",
    )
    ratings = models.CharField(
        "các mức xếp loại",
        max_length=40,
        blank=True,
        help_text="Với chỉ tiêu đánh giá: các mã xếp loại được tính, cách nhau bằng dấu phẩy (ví dụ HTXSNV,HTTNV).",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        db_table = "reports_indicator"
        ordering = ["sort_order", "code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "danh mục chỉ tiêu"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=IndicatorKind.values), name="indicator_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(condition__in=IndicatorCondition.values), name="indicator_condition_valid"
            ),
            # Rating indicators, and only they, test the rating.
            models.CheckConstraint(
                condition=models.Q(kind=IndicatorKind.RATING, condition=IndicatorCondition.RATING_IN)
                | (~models.Q(kind=IndicatorKind.RATING) & ~models.Q(condition=IndicatorCondition.RATING_IN)),
                name="indicator_rating_kind_matches_condition",
            ),
            models.CheckConstraint(
                condition=~models.Q(condition=IndicatorCondition.RATING_IN) | ~models.Q(ratings=""),
                name="indicator_rating_condition_has_ratings",
            ),
            models.CheckConstraint(
                condition=~models.Q(condition=IndicatorCondition.QUALIFICATION_AT_LEAST)
                | models.Q(qualification_type__isnull=False, min_level__isnull=False),
                name="indicator_level_condition_has_level",
            ),
            models.CheckConstraint(
                condition=~models.Q(condition=IndicatorCondition.HAS_QUALIFICATION)
                | models.Q(qualification_type__isnull=False),
                name="indicator_qualification_condition_has_type",
            ),
        ]

    def __str__(self):
        return f"{self.code} - {self.name}"

    def rating_codes(self) -> list[str]:
        return [code.strip().upper() for code in self.ratings.split(",") if code.strip()]

    def parameters(self, given: dict | None = None) -> dict:
        """The condition's parameters: its defaults overridden by a plan row's values."""
        return {**CONDITION_PARAMETERS.get(self.condition, {}), **(given or {})}

    def clean(self):
        from cadre.models import Rating

        errors = {}
        if self.min_level_id and self.qualification_type_id and (
            self.min_level.qualification_type_id != self.qualification_type_id
        ):
            errors["min_level"] = "Trình độ tối thiểu phải thuộc loại trình độ đã chọn."
        unknown = [code for code in self.rating_codes() if code not in Rating.values]
        if unknown:
            errors["ratings"] = f"Mã xếp loại không hợp lệ: {', '.join(unknown)}."
        if errors:
            raise ValidationError(errors)


class IndicatorParameterError(ValueError):
    """A plan row's parameters do not fit its indicator."""


def age_under(params: dict) -> int:
    value = params.get("age_under")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise IndicatorParameterError(f"Tham số age_under phải là số nguyên từ 1 đến 120, không phải “{value}”.")
    return value


def check_parameters(indicator: Indicator, given: dict | None) -> dict:
    """The parameters of a plan row for its indicator, with defaults; raise on unknown or invalid ones."""
    given = given or {}
    if not isinstance(given, dict):
        raise IndicatorParameterError("Tham số phải là một đối tượng JSON, ví dụ {\"age_under\": 35}.")
    params = indicator.parameters(given)
    allowed = set(indicator.parameters())
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise IndicatorParameterError(
            f"Chỉ tiêu {indicator.code} không có tham số {', '.join(unknown)}"
            + (f" (chỉ có: {', '.join(sorted(allowed))})." if allowed else ".")
        )
    if indicator.condition == IndicatorCondition.AGE_UNDER:
        age_under(params)
    return params
