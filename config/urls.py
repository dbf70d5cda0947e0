from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Hồ sơ cán bộ - Ban Tổ chức Huyện ủy"
admin.site.site_title = "Hồ sơ cán bộ"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
