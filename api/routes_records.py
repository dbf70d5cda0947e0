"""/api/v1/ routes of the records: organizations, officials and their records, populations, indicators, audit."""

urlpatterns: list = []
