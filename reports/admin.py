from django.contrib import admin

from cadre.admin import SuperuserWritesMixin
from cadre.admin_audit import AuditedAdminMixin

from reports.models import Indicator, Population


@admin.register(Population)
class PopulationAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ["code", "name", "unit_kind", "title_codes"]
    filter_horizontal = ["titles"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("titles")

    @admin.display(description="chức vụ")
    def title_codes(self, obj):
        return ", ".join(t.code for t in obj.titles.all())


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
