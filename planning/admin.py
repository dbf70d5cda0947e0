"""Indicators and plans in the admin: indicators (administrators only); plan → tables (Biểu) → rows → targets per year."""
from django.contrib import admin

from cadre.admin import ScopedChoicesMixin, SuperuserWritesMixin
from cadre.admin_audit import AuditedAdminMixin
from cadre.models import Organization
from cadre.services.versions import VersionedAdminMixin
from planning.models import Indicator, Plan, PlanRow, PlanTable, Target


def visible_plans(request):
    """Plans issued inside the user's subtree."""
    return Plan.objects.filter(organization__in=Organization.objects.visible_to(request.user))


class PlanTableInline(admin.TabularInline):
    model = PlanTable
    extra = 0
    fields = ["order", "number", "title", "population", "population_object"]
    # A population object is checked only by the plan file's reader (planning/conditions.py): shown, not edited.
    readonly_fields = ["population_object"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(AuditedAdminMixin, VersionedAdminMixin, ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["code", "title", "organization", "issued_on"]
    search_fields = ["code", "title"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    date_hierarchy = "issued_on"
    inlines = [PlanTableInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=visible_plans(request).values("pk"))


class PlanRowInline(admin.TabularInline):
    model = PlanRow
    fk_name = "table"
    extra = 0
    fields = ["order", "label", "indicator", "params", "parent"]
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            table_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = PlanRow.objects.filter(table_id=table_id) if table_id else PlanRow.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(PlanTable)
class PlanTableAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "title", "plan", "population"]
    list_filter = ["population"]
    search_fields = ["number", "title", "plan__code"]
    list_select_related = ["plan", "population"]
    readonly_fields = ["population_object"]
    inlines = [PlanRowInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(plan__in=visible_plans(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "plan":
            kwargs["queryset"] = visible_plans(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1
    fields = ["year", "value", "min_value", "max_value"]


@admin.register(PlanRow)
class PlanRowAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["label", "indicator", "table", "order", "target_summary"]
    list_filter = ["indicator"]
    search_fields = ["label", "table__plan__code"]
    list_select_related = ["indicator", "table__plan"]
    inlines = [TargetInline]
    # The condition keys are checked only by the plan file's reader (planning/conditions.py): shown, not edited.
    readonly_fields = ["condition", "population", "unit", "multiple_of", "compare"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(table__plan__in=visible_plans(request)).prefetch_related("targets")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "table":
            kwargs["queryset"] = PlanTable.objects.filter(plan__in=visible_plans(request))
        if db_field.name == "parent" and request.resolver_match:
            row_id = request.resolver_match.kwargs.get("object_id")
            row = PlanRow.objects.filter(pk=row_id).first() if row_id else None
            if row is not None:
                kwargs["queryset"] = PlanRow.objects.filter(table_id=row.table_id).exclude(pk=row.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="mục tiêu")
    def target_summary(self, obj):
        return "; ".join(str(target) for target in obj.targets.all())


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "condition", "qualification_type", "min_level", "ratings"]
    list_filter = ["kind", "condition"]
    search_fields = ["code", "name"]
    list_select_related = ["qualification_type", "min_level__qualification_type"]
    fieldsets = [
        (None, {"fields": ["code", "name", "kind", "sort_order"]}),
        ("Điều kiện", {
            "fields": ["condition", "qualification_type", "min_level", "ratings"],
            "description": (
                "Trình độ: chọn loại và (nếu có thang bậc) trình độ tối thiểu. Đánh giá: ghi các mã xếp loại. "
                "Cán bộ trẻ: tuổi (age_under) ghi ở từng dòng của kế hoạch, mặc định 35."
            ),
        }),
    ]
