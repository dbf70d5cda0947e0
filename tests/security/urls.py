"""The application's addresses plus views that fail, for the error-page tests."""
from django.core.exceptions import SuspiciousOperation
from django.urls import path

from config.urls import urlpatterns as application_urls


def broken(request):
    raise RuntimeError("internal detail that must not reach the user")


def suspicious(request):
    raise SuspiciousOperation("internal detail that must not reach the user")


urlpatterns = [
    path("loi-thu/500/", broken),
    path("loi-thu/400/", suspicious),
    *application_urls,
]
