from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import PasswordChangeView
from api.views.tokens import token_page, token_revoke_page
from cadre.views.home import home
from documents.views import guide
from reports.dashboard import dashboard


urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChangeView.as_view(),
         name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
         name="password_change_done"),
    path("admin/", admin.site.urls),
    path("bao-cao/", include("reports.urls")),
    path("van-ban/", include("documents.urls")),
    path("api/", include("api.urls")),
    path("khoa-api/", token_page, name="api_tokens"),
    path("khoa-api/<int:pk>/thu-hoi/", token_revoke_page, name="api_token_revoke"),
    path("viec-nen/", include("jobs.urls")),
    path("", home, name="home"),
    path("tong-quan/", dashboard, name="dashboard"),
    path("huong-dan/", guide, name="guide"),
    path("", include("cadre.urls")),
]

# Under /api/ the API's one error body, elsewhere the Vietnamese pages (templates/404.html, 500.html).
handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
