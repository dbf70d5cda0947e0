from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "Văn bản báo cáo"

    def ready(self):
        # The report's DOCX and PDF formats join the one exporter registry.
        from documents.exporters import DOCUMENT_EXPORTERS
        from reports.exporters import register

        for exporter in DOCUMENT_EXPORTERS.values():
            register(exporter)

        # Returned reports wait on the home page of the unit that sent them.
        from cadre import home_panels
        from documents.home import returned_reports_panel

        home_panels.register(returned_reports_panel)
