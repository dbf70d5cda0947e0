from django.urls import path

from cadre.views import audit, editing, imports, officials, organizations, records, restructuring, retirement

app_name = "cadre"

urlpatterns = [
    path("can-bo/", officials.official_list, name="official_list"),
    path("can-bo/xuat-excel/", officials.official_list_xlsx, name="official_list_xlsx"),
    path("can-bo/xuat-tep-trao-doi/", officials.official_exchange_workbook, name="official_exchange_workbook"),
    path("can-bo/xuat-tep-trao-doi/chay-nen/", officials.official_exchange_workbook_job,
         name="official_exchange_workbook_job"),
    path("can-bo/them/", editing.official_create_view, name="official_create"),
    path("can-bo/<int:pk>/", officials.official_detail, name="official_detail"),
    path("can-bo/<int:pk>/sua/", editing.official_update_view, name="official_update"),
    path("can-bo/<int:pk>/them/<slug:kind>/", editing.record_add_view, name="record_add"),
    path("can-bo/<int:pk>/thoi-theo-doi/", retirement.official_retire_view, name="official_retire"),
    path("can-bo/<int:pk>/khoi-phuc/", retirement.official_restore_view, name="official_restore"),
    path("can-bo/<int:pk>/<slug:kind>/<int:record_pk>/sua/", records.record_edit_view, name="record_edit"),
    path("can-bo/<int:pk>/<slug:kind>/<int:record_pk>/xoa/", records.record_delete_view, name="record_delete"),
    path("can-bo/<int:pk>/chuc-vu/<int:record_pk>/ket-thuc/", records.position_end_view, name="position_end"),
    path("to-chuc/", organizations.organization_tree_view, name="organization_tree"),
    path("to-chuc/sap-xep/", restructuring.restructure_view, name="organization_restructure"),
    path("to-chuc/tim/", organizations.organization_search_view, name="organization_search"),
    path("to-chuc/<int:pk>/chi-bo/", organizations.organization_cells, name="organization_cells"),
    path("nhat-ky/", audit.audit_log, name="audit_log"),
    path("nhap-du-lieu/", imports.import_upload, name="import_upload"),
    path("nhap-du-lieu/<str:token>/", imports.import_status, name="import_status"),
    path("nhap-du-lieu/<str:token>/tien-do/", imports.import_progress, name="import_progress"),
    path("nhap-du-lieu/<str:token>/ghi/", imports.import_commit, name="import_commit"),
    path("nhap-du-lieu/<str:token>/huy/", imports.import_cancel, name="import_cancel"),
    path("nhap-du-lieu/<str:token>/thay-doi/", imports.import_changes, name="import_changes"),
]
