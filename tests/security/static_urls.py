"""The application's addresses plus static files served through the middleware (as a test sees them)."""
from django.contrib.staticfiles.views import serve
from django.urls import re_path

from config.urls import urlpatterns as application

urlpatterns = [re_path(r"^static/(?P<path>.*)$", serve, {"insecure": True}), *application]
