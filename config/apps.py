"""django.contrib.admin with the site of config.admin_site (kept apart: an app config imports no models)."""
from django.contrib.admin.apps import AdminConfig


class CadreAdminConfig(AdminConfig):
    default_site = "config.admin_site.CadreAdminSite"
