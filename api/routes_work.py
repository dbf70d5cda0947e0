"""/api/v1/ routes of the work on records: plans, report downloads, submissions, imports."""
from django.urls import path

from api.views import plans

urlpatterns: list = [
    path("plans/", plans.PlanListView.as_view(), name="plans"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan"),
]
