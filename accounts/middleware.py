"""Idle timeout: a session lives SESSION_COOKIE_AGE seconds after its last refresh."""
import time

from django.contrib.auth import SESSION_KEY

REFRESHED_KEY = "_refreshed_at"
# At most one session write a minute per user: with SQLite, a write on every
# request would wait behind a running import.
REFRESH_INTERVAL_SECONDS = 60


def mark_refreshed(session) -> None:
    session[REFRESHED_KEY] = int(time.time())


def session_refreshed_at_login(sender, request, user, **kwargs):
    """user_logged_in: login saves the session anyway, so the next minute's requests need not."""
    if request is not None and hasattr(request, "session"):
        mark_refreshed(request.session)


class SessionRefreshMiddleware:
    """Move a signed-in session's expiry forward while the user is active."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.get(SESSION_KEY):
            if time.time() - session.get(REFRESHED_KEY, 0) >= REFRESH_INTERVAL_SECONDS:
                # Any change saves the session, and saving sets its expiry to now + SESSION_COOKIE_AGE.
                mark_refreshed(session)
        return self.get_response(request)
