"""/api/v1/ routes of the work on records: plans, report downloads, submissions, imports."""

urlpatterns: list = []
