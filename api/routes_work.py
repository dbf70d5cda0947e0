"""/api/v1/ routes of the work on records: plans, report downloads, submissions, imports."""
from django.urls import path

from api.views import downloads, imports, plans, submissions

urlpatterns: list = [
    path("plans/", plans.PlanListView.as_view(), name="plans"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan"),
    path("reports/xlsx/", downloads.ReportXlsxView.as_view(), name="report_xlsx"),
    path("reports/docx/", downloads.ReportDocxView.as_view(), name="report_docx"),
    path("reports/pdf/", downloads.ReportPdfView.as_view(), name="report_pdf"),
    path("submissions/", submissions.SubmissionListView.as_view(), name="submissions"),
    path("submissions/<int:pk>/", submissions.SubmissionDetailView.as_view(), name="submission"),
    path("submissions/<int:pk>/accept/", submissions.SubmissionAcceptView.as_view(), name="submission_accept"),
    path("submissions/<int:pk>/return/", submissions.SubmissionReturnView.as_view(), name="submission_return"),
    path("imports/", imports.ImportListView.as_view(), name="imports"),
    path("imports/<str:token>/", imports.ImportDetailView.as_view(), name="import"),
    path("imports/<str:token>/commit/", imports.ImportCommitView.as_view(), name="import_commit"),
]
