"""/api/: version 1 (/api/v1/…), its schema and documentation, and the first API's paths as aliases."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from api import routes_records, routes_work
from api.views import docs, legacy, reports

app_name = "api"

v1 = [
    path("reports/", reports.ReportView.as_view(), name="report"),
    path("comparison/", reports.ComparisonView.as_view(), name="comparison"),
    *routes_records.urlpatterns,  # organizations, officials and their records, populations, indicators, audit
    *routes_work.urlpatterns,  # plans, report downloads, submissions, imports
]

urlpatterns = [
    path("v1/", include((v1, "v1"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("tai-lieu/", docs.documentation, name="docs"),
    # The first API (before /v1/): the same views or, for the two lists, their old plain-list answers.
    path("bao-cao/", reports.ReportAliasView.as_view(), name="report"),
    path("so-sanh/", reports.ComparisonAliasView.as_view(), name="comparison"),
    path("ke-hoach/", legacy.PlanListView.as_view(), name="plans"),
    path("to-chuc/", legacy.OrganizationListView.as_view(), name="organizations"),
]
