from django.urls import path

from reports import api

app_name = "api"

urlpatterns = [
    path("bao-cao/", api.ReportView.as_view(), name="report"),
    path("so-sanh/", api.ComparisonView.as_view(), name="comparison"),
    path("ke-hoach/", api.PlanListView.as_view(), name="plans"),
    path("to-chuc/", api.OrganizationListView.as_view(), name="organizations"),
]
