"""Requests per minute, counted per token (a program) or per user (the browser, HTTP Basic).

Two scripts of one user with two tokens are limited separately; revoking a
token stops its requests at once. Rates: API_THROTTLE_RATE (settings, "120/min").
"""
from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class TokenOrUserRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return getattr(settings, "API_THROTTLE_RATE", "120/min")

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return f"throttle_{self.scope}_{ident}"
