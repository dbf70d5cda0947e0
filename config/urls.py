from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from cadre import views as cadre_views

admin.site.site_header = "Hồ sơ cán bộ - Ban Tổ chức Huyện ủy"
admin.site.site_title = "Hồ sơ cán bộ"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", cadre_views.home, name="home"),
]
