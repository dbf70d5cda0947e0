from django.contrib import admin

from documents.models import DocumentTemplate, ReportDocument, Submission


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


@admin.register(Submission)
class SubmissionAdmin(ScopedDocumentsAdmin):
    """Read only: reports are sent, accepted and returned on the Văn bản pages, and never changed."""

    list_display = ["title_text", "sequence", "state", "submitted_at", "reviewed_at"]
    list_filter = ["state"]
    list_select_related = ["document__organization"]
    exclude = ["docx", "pdf"]
    readonly_fields = ["document", "sequence", "title_text", "as_of", "docx_name", "pdf_name", "figures",
                       "submitted_by", "submitted_at", "state", "reviewed_by", "reviewed_at", "review_note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
