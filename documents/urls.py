from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("van-ban.css", views.document_stylesheet, name="stylesheet"),
    path("moi/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/sua/", views.document_edit, name="edit"),
    path("<int:pk>/so-lieu/", views.manual_figures, name="manual_figures"),
    path("<int:pk>/tai-ve/<slug:identifier>/", views.document_download, name="download"),
    path("<int:pk>/gui/", views.document_submit, name="submit"),
    path("da-gui/", views.submission_list, name="submissions"),
    path("da-gui/<int:pk>/", views.submission_detail, name="submission"),
    path("da-gui/<int:pk>/tai-ve/<slug:identifier>/", views.submission_download, name="submission_download"),
    path("mau/", views.template_list, name="templates"),
    path("mau/<int:pk>/", views.template_detail, name="template_detail"),
    path("mau/<int:pk>/xem-thu/<int:document_pk>/", views.template_preview, name="template_preview"),
    path("mau/<int:pk>/xoa/", views.template_delete, name="template_delete"),
]
