"""Plans as the API shows them: the plan file of data-contract section 2, with the plan's id and version.

A plan read here (GET /api/v1/plans/<id>/) is a plan file: change it and send it back (PUT) with its
`version`. The request serializers only document the file; planning.plan_file.read_plan checks it.
"""
from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

PERCENT = {"max_digits": 7, "decimal_places": 2, "coerce_to_string": False, "required": False, "allow_null": True}


class TargetSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1945, max_value=2100, help_text="Năm mục tiêu.")
    value = serializers.DecimalField(**PERCENT, help_text="Đạt khi tỷ lệ từ mức này (%) trở lên.")
    min = serializers.DecimalField(source="min_value", **PERCENT, help_text="Cận dưới (%).")
    max = serializers.DecimalField(source="max_value", **PERCENT, help_text="Cận trên (%).")


# --- the plan file sent (documentation only: read_plan checks it) -----------------------------------------


class PlanFileRowSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=300, help_text="Nội dung dòng.")
    indicator = serializers.CharField(max_length=40, help_text="Mã chỉ tiêu (ví dụ CM_DAI_HOC).")
    params = serializers.DictField(required=False, help_text='Tham số của chỉ tiêu, ví dụ {"age_under": 35}.')
    parent = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                      help_text="Số thứ tự (từ 1) của dòng đứng trước mà dòng này là “trong đó”.")
    targets = TargetSerializer(many=True, required=False)


class PlanFileTableSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=20, help_text="Số biểu, ví dụ Biểu 01.")
    title = serializers.CharField(max_length=300, help_text="Tên biểu.")
    population = serializers.JSONField(help_text=(
        "Mã đối tượng (ví dụ CB_XA), hoặc đối tượng theo chức vụ ({\"positions\": [...], \"at\": {...}, "
        "\"unit_kind\": \"XA\"}) hay quy hoạch ({\"planned_for\": [...], \"terms\": [\"2025-2030\"]})."
    ))
    rows = PlanFileRowSerializer(many=True)


class PlanFileSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40, help_text="Số hiệu, ví dụ 01-ĐA/HU.")
    title = serializers.CharField(max_length=500, help_text="Trích yếu.")
    organization = serializers.CharField(max_length=60, help_text="Mã tổ chức ban hành (trong phạm vi của bạn).")
    issued_on = serializers.DateField(help_text="Ngày ban hành (YYYY-MM-DD).")
    tables = PlanFileTableSerializer(many=True)


class PlanUpdateSerializer(PlanFileSerializer):
    version = serializers.IntegerField(required=False, min_value=1,
                                       help_text="Phiên bản đã đọc (GET); đã có bản mới hơn thì trả 409.")


# --- plans read ----------------------------------------------------------------------------------------


class PlanRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    indicator = serializers.CharField(source="indicator.code", allow_null=True,
                                      help_text="Mã chỉ tiêu; null: dòng chỉ tính theo điều kiện (where).")
    params = serializers.DictField()
    parent = serializers.SerializerMethodField()
    targets = TargetSerializer(many=True, source="targets.all")

    where = serializers.JSONField(source="condition", required=False,
                                  help_text="Điều kiện của dòng (hợp đồng dữ liệu, “Conditions in plan rows”); chỉ có khi dòng dùng.")
    population = serializers.JSONField(required=False, help_text="Đối tượng riêng của dòng; chỉ có khi dòng dùng.")
    unit = serializers.BooleanField(required=False, help_text="Dòng tính theo đơn vị; chỉ có khi đúng.")
    multiple_of = serializers.JSONField(required=False, help_text="Đối tượng để tính “gấp … lần”; chỉ có khi dòng dùng.")
    compare = serializers.ListField(child=serializers.CharField(), required=False,
                                    help_text="Ví dụ [\"delta_points\"]; chỉ có khi dòng dùng.")

    # The condition keys are written only when a row uses them, as in a plan file (an old plan reads as before).
    OPTIONAL = {"where": None, "population": None, "unit": False, "multiple_of": None, "compare": []}

    def to_representation(self, row):
        data = super().to_representation(row)
        for key, unused in self.OPTIONAL.items():
            if data.get(key) == unused or data.get(key) is None:
                data.pop(key, None)
        return data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_parent(self, row) -> int | None:
        return self.context["positions"].get(row.parent_id)


class PlanTableSerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    population = serializers.JSONField(source="population_value",
                                       help_text="Mã đối tượng, hoặc đối tượng theo chức vụ, quy hoạch như trong tệp.")
    rows = serializers.SerializerMethodField()

    @extend_schema_field(PlanRowSerializer(many=True))
    def get_rows(self, table) -> list[dict]:
        rows = list(table.rows.all())
        # A row's parent is written as its place in the table (1-based), as in the plan file.
        positions = {row.pk: index for index, row in enumerate(rows, start=1)}
        return PlanRowSerializer(rows, many=True, context={"positions": positions}).data


class PlanTableSummarySerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    population = serializers.JSONField(source="population_value",
                                       help_text="Mã đối tượng, hoặc đối tượng theo chức vụ, quy hoạch như trong tệp.")


class PlanSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    organization = serializers.CharField(source="organization.code")
    issued_on = serializers.DateField()
    target_years = serializers.SerializerMethodField()
    tables = PlanTableSummarySerializer(many=True, source="tables.all")

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_target_years(self, plan) -> list[int]:
        return self.context["target_years"].get(plan.pk, [])


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    organization = serializers.CharField(source="organization.code")
    issued_on = serializers.DateField()
    tables = PlanTableSerializer(many=True, source="tables.all")
