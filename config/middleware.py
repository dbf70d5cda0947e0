"""Project-wide response headers.

Every page and download of this system may carry personal data (officials'
records, reports with names), so no browser or proxy may keep a copy:
`Cache-Control: no-store` unless the response says otherwise. Static files
keep their own caching (WhiteNoise sets Cache-Control on them; the
development server serves them before any middleware runs).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def _static_prefix() -> str | None:
    """The path of STATIC_URL when it is served by this site, else None."""
    static_url = getattr(settings, "STATIC_URL", None)
    if not static_url:
        return None
    parts = urlsplit(static_url)
    if parts.netloc:  # served from another host: never seen here
        return None
    return parts.path if parts.path.startswith("/") else "/" + parts.path


class NoStoreMiddleware:
    """Add `Cache-Control: no-store` and `Pragma: no-cache` to every response that does not set its own caching."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = _static_prefix()

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if self.static_prefix and request.path.startswith(self.static_prefix):
            return response
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response
