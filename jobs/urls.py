from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("du-lieu-mau/", views.demo_generation, name="demo"),
    path("<str:token>/", views.job_status, name="status"),
    path("<str:token>/tien-do/", views.job_progress, name="progress"),
    path("<str:token>/tai-ve/", views.job_download, name="download"),
]
