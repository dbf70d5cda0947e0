from django.urls import path

from reports import plan_editor, views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="report"),
    path("so-sanh/", views.comparison_page, name="comparison"),
    path("so-sanh/tai-ve/", views.comparison_download, name="comparison_download"),
    path("danh-sach/", views.counted_page, name="counted"),
    path("tai-ve/<slug:identifier>/", views.download, name="download"),
    path("tao-tat-ca-don-vi/", views.batch_render, name="batch_render"),
    # The plan editor (reports/plan_editor.py).
    path("ke-hoach/", plan_editor.plan_list, name="plan_list"),
    path("ke-hoach/moi/", plan_editor.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/sua/", plan_editor.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/tep/", plan_editor.plan_file, name="plan_file"),
    path("ke-hoach/xem-truoc/", plan_editor.plan_preview, name="plan_preview"),
    path("ke-hoach/xem-truoc/danh-sach/", plan_editor.plan_preview_counted, name="plan_preview_counted"),
]
