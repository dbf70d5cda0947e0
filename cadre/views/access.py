"""Who may open what: every page needs a login; writing pages need an editor."""
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def editor_required(view):
    """Logged in and allowed to enter data; reviewers get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.can_edit:
            raise PermissionDenied("Tài khoản của bạn chỉ có quyền xem.")
        return view(request, *args, **kwargs)

    return wrapped
