from django.contrib import admin

from cadre.admin import ScopedAdminMixin
from cadre.admin_audit import AuditedAdminMixin
from documents.models import DocumentTemplate, ReportDocument, Submission


class ScopedDocumentsAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Lists only what the user may see, and offers only organizations inside it (the one scoping mechanism)."""


@admin.register(ReportDocument)
class ReportDocumentAdmin(ScopedDocumentsAdmin):
    list_display = ["title_text", "organization", "kind", "as_of", "updated_at"]
    list_filter = ["kind"]
    list_select_related = ["organization"]
    search_fields = ["number", "subject"]
    raw_id_fields = ["organization", "plan", "template", "created_by", "updated_by"]

    @staticmethod
    def _locked(obj) -> bool:
        """A sent report waiting for review, or accepted, stays as it was sent (documents.services)."""
        return obj is not None and obj.submissions.open().exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the bulk action would not ask about each document
        return actions


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
                       "manual_figures", "submitted_by", "submitted_at", "state", "reviewed_by", "reviewed_at",
                       "review_note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
