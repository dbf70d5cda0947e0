from django.contrib import admin

from documents.models import DocumentTemplate, ReportDocument


class ScopedDocumentsAdmin(admin.ModelAdmin):
    """Lists only what the user may see (the one scoping mechanism)."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(ReportDocument)
class ReportDocumentAdmin(ScopedDocumentsAdmin):
    list_display = ["title_text", "organization", "kind", "as_of", "updated_at"]
    list_filter = ["kind"]
    list_select_related = ["organization"]
    search_fields = ["number", "subject"]
    raw_id_fields = ["organization", "plan", "template", "created_by", "updated_by"]


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(ScopedDocumentsAdmin):
    list_display = ["name", "organization", "file_name", "uploaded_at"]
    list_select_related = ["organization"]
    exclude = ["content"]
    readonly_fields = ["file_name", "variables", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False  # templates are uploaded, and checked, on the Mẫu văn bản page
