"""The object a page is about, inside the user's subtree (404 outside): one helper per object type."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from cadre.models import Official, Organization
from cadre.scoping import NoScope, user_scope


def scope_of(user) -> Organization | None:
    """The organization whose subtree the user sees; None for a superuser without one."""
    try:
        return user_scope(user)
    except NoScope:
        return None


def organization_for(user, pk) -> Organization:
    """An organization inside the user's subtree, else 404."""
    try:
        return Organization.objects.visible_to(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tổ chức.") from None


def official_for(user, pk, *, related=()) -> Official:
    """The official if the user may see them, else 404 (never 403: no hint that it exists)."""
    return get_object_or_404(Official.objects.visible_to(user).select_related(*related), pk=pk)
