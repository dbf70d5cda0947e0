"""Populations and indicators: the definitions reports count with (catalogs, read only)."""
from rest_framework import serializers

from cadre.models import Population
from planning.models import Indicator


class PopulationSerializer(serializers.ModelSerializer):
    titles = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True,
                                          help_text="Mã các chức vụ: người giữ một trong các chức vụ này thuộc đối tượng.")

    class Meta:
        model = Population
        fields = ["id", "code", "name", "unit_kind", "sort_order", "titles"]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer):
    qualification_type = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    min_level = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True,
                                             help_text="Mã trình độ tối thiểu (trong loại trình độ).")
    ratings = serializers.SerializerMethodField(help_text="Các mã xếp loại được tính (chỉ tiêu đánh giá).")

    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "kind", "condition", "qualification_type", "min_level", "ratings",
                  "sort_order"]
        read_only_fields = fields

    def get_ratings(self, indicator) -> list[str]:
        return indicator.rating_codes()
