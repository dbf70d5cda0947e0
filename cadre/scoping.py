"""The one mechanism that restricts data to an organization subtree.

Every organization stores its materialized path ("/1/5/23/"); the subtree of
X is every organization whose path starts with X's path. Each model that a
user can read gets a ScopedQuerySet that says how it reaches the tree:

- through an organization (`scope_via_organization`): organizations,
  positions held, planning entries, party statistics;
- through an official (`scope_via_official`): an official is inside a
  subtree when they have held a position there at any time, and their
  qualifications, ratings and career events follow them;
- through the lineage of an organization (`scope_via_lineage`): rows issued
  by the organization, any organization above it (a province's resolution
  applies below) or any organization inside its subtree (plans).

Pages, exports, reports and the API call `.visible_to(user)` or
`.within(organization)`; nothing else filters by organization.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q

if TYPE_CHECKING:
    from cadre.models import Organization


def user_scope(user) -> Organization | None:
    """The subtree root a user may see; None means the whole database.

    Superusers without an organization see everything. Any other user
    without an organization sees nothing (the caller gets an empty queryset).
    """
    organization = getattr(user, "organization", None)
    if organization is not None:
        return organization
    if getattr(user, "is_superuser", False):
        return None
    raise NoScope


class NoScope(Exception):
    """The user belongs to no organization and may see no data."""


def subtree_q(root, via: str = "") -> Q:
    """Q object: the organization reached through `via` lies in the subtree of `root`.

    `root` is an Organization, or an expression giving a root's path (such as
    OuterRef("path") in a subquery correlated to an outer organization).
    """
    prefix = f"{via}__" if via else ""
    root_path = getattr(root, "path", root)
    return Q(**{f"{prefix}path__startswith": root_path})


def path_ids(path: str) -> list[int]:
    """"/1/5/23/" -> [1, 5, 23]: the organization and its ancestors, root first."""
    return [int(part) for part in path.split("/") if part]


def lineage_q(root: Organization, via: str) -> Q:
    """Q object: the organization reached through `via` is `root`, above it or inside its subtree."""
    return Q(**{f"{via}_id__in": path_ids(root.path)}) | subtree_q(root, via)


def path_is_within(path: str, root: Organization) -> bool:
    """True when the organization with this stored path is `root` or lies below it."""
    return path.startswith(root.path)


class ScopedQuerySet(models.QuerySet):
    scope_via_organization: str | None = None
    scope_via_official: str | None = None
    scope_via_lineage: str | None = None

    def within(self, organization: Organization | None):
        """Rows inside the subtree of `organization` (None: no restriction)."""
        if organization is None:
            return self
        if self.scope_via_lineage is not None:
            return self.filter(lineage_q(organization, self.scope_via_lineage))
        if self.scope_via_organization is not None:
            return self.filter(subtree_q(organization, self.scope_via_organization))
        from cadre.models import PositionRecord

        held_inside = PositionRecord.objects.filter(
            subtree_q(organization, "organization"),
            official_id=OuterRef(self.scope_via_official),
        )
        return self.filter(Exists(held_inside))

    def visible_to(self, user):
        """Rows the user may see: the subtree of the user's organization (with its ancestors for lineage)."""
        try:
            return self.within(user_scope(user))
        except NoScope:
            return self.none()


def audit_entries_within(entries: models.QuerySet, organization: Organization | None) -> models.QuerySet:
    """Audit trail entries (cadre.ChangeRecord) about the subtree of `organization` (None: all of them).

    An entry belongs to the subtree when its organization path lies in it, or when it is about an official
    who is inside it (an official's own data carries no organization).
    """
    if organization is None:
        return entries
    from cadre.models import Official

    return entries.filter(
        Q(organization_path__startswith=organization.path)
        | Q(official__in=Official.objects.within(organization).values("pk"))
    )


def audit_entries_visible_to(entries: models.QuerySet, user) -> models.QuerySet:
    """The entries a user may read on the audit page: those of their subtree (everything for a superuser
    without an organization)."""
    try:
        return audit_entries_within(entries, user_scope(user))
    except NoScope:
        return entries.none()
