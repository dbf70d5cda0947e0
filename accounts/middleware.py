"""Idle timeout: a session lives SESSION_COOKIE_AGE seconds after its last refresh."""
import time

from django.contrib.auth import SESSION_KEY

REFRESHED_KEY = "_refreshed_at"
# At most one session write a minute per user: with SQLite, a write on every
# request would wait behind a running import.
REFRESH_INTERVAL_SECONDS = 60


class SessionRefreshMiddleware:
    """Move a signed-in session's expiry forward while the user is active."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.get(SESSION_KEY):
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= REFRESH_INTERVAL_SECONDS:
                # Any change saves the session, and saving sets its expiry to now + SESSION_COOKIE_AGE.
                session[REFRESHED_KEY] = now
        return self.get_response(request)
