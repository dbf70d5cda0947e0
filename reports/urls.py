from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="report"),
    path("so-sanh/", views.comparison_page, name="comparison"),
    path("so-sanh/tai-ve/", views.comparison_download, name="comparison_download"),
    path("danh-sach/", views.counted_page, name="counted"),
    path("tai-ve/<slug:identifier>/", views.download, name="download"),
    path("tao-tat-ca-don-vi/", views.batch_render, name="batch_render"),
]
