"""/api/v1/ routes of the records: organizations, officials and their records, populations, indicators, audit."""
from django.urls import path

from api.views import audit, definitions, officials, organizations, records


def _record_routes() -> list:
    routes = []
    for name in records.RECORD_RESOURCES:
        list_view, detail_view = records.record_views(name)
        routes += [
            path(f"officials/<int:pk>/{name}/", list_view.as_view(), name=f"official_{name}"),
            path(f"officials/<int:pk>/{name}/<int:record_pk>/", detail_view.as_view(), name=f"official_{name}_detail"),
        ]
    return routes


urlpatterns: list = [
    path("organizations/", organizations.OrganizationListView.as_view(), name="organizations"),
    path("organizations/<int:pk>/", organizations.OrganizationDetailView.as_view(), name="organization"),
    path("officials/", officials.OfficialListView.as_view(), name="officials"),
    path("officials/<int:pk>/", officials.OfficialDetailView.as_view(), name="official"),
    path("officials/<int:pk>/retire/", officials.OfficialRetireView.as_view(), name="official_retire"),
    path("officials/<int:pk>/restore/", officials.OfficialRestoreView.as_view(), name="official_restore"),
    *_record_routes(),
    path("officials/<int:pk>/positions/<int:record_pk>/end/", records.PositionEndView.as_view(),
         name="official_position_end"),
    path("populations/", definitions.PopulationListView.as_view(), name="populations"),
    path("populations/<int:pk>/", definitions.PopulationDetailView.as_view(), name="population"),
    path("indicators/", definitions.IndicatorListView.as_view(), name="indicators"),
    path("indicators/<int:pk>/", definitions.IndicatorDetailView.as_view(), name="indicator"),
    path("audit/", audit.AuditListView.as_view(), name="audit"),
]
