"""Organizations: the tree with its succession (predecessors and successors by code)."""
from rest_framework import serializers

from cadre.models import Organization, OrganizationCategory, OrganizationForm


class OrganizationSerializer(serializers.ModelSerializer):
    # Blank when the kind has none: the schema says so (an empty string besides the choices).
    form = serializers.ChoiceField(choices=OrganizationForm.choices, allow_blank=True, read_only=True)
    category = serializers.ChoiceField(choices=OrganizationCategory.choices, allow_blank=True, read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True,
                                          help_text="Mã tổ chức cấp trên (null: tổ chức gốc).")
    predecessors = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Mã các tổ chức tiền thân (kế thừa từ).")
    successors = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Mã các tổ chức kế thừa tổ chức này.")

    class Meta:
        model = Organization
        fields = ["id", "code", "name", "kind", "form", "category", "parent", "founded_on", "ceased_on",
                  "predecessors", "successors"]
        read_only_fields = fields
