from django.contrib import admin

from reports.models import Population


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_kind", "title_codes"]
    filter_horizontal = ["titles"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("titles")

    @admin.display(description="chức vụ")
    def title_codes(self, obj):
        return ", ".join(t.code for t in obj.titles.all())
