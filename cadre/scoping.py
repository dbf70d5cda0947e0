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


def as_roots(scope) -> list:
    """A scope given as one organization or as a list of roots (scope_roots), as a list of roots."""
    return list(scope) if isinstance(scope, (list, tuple)) else [scope]


def scope_q(roots, via: str = "") -> Q:
    """Q object: the organization reached through `via` lies in the subtree of one of `roots`.

    One root gives exactly subtree_q(root, via); several give the OR of their subtree_q; none gives a Q
    that matches nothing (the scope of an organization that did not exist and had no predecessors).
    """
    roots = list(roots)
    if not roots:
        prefix = f"{via}__" if via else ""
        return Q(**{f"{prefix}pk__in": []})
    condition = subtree_q(roots[0], via)
    for root in roots[1:]:
        condition |= subtree_q(root, via)
    return condition


def _succession_history(organizations) -> tuple[dict[int, list[int]], dict]:
    """The succession edges and every organization reachable backwards from `organizations`: two queries."""
    from cadre.models import Organization as OrganizationModel
    from cadre.models.organizations import predecessor_closure, succession_edges

    edges = succession_edges()
    reached = predecessor_closure([organization.pk for organization in organizations], edges)
    candidates = {candidate.pk: candidate for candidate in OrganizationModel.objects.filter(pk__in=reached)}
    for organization in organizations:
        candidates.setdefault(organization.pk, organization)
    return edges, candidates


def _roots_from_history(organization: Organization, on, edges: dict[int, list[int]], candidates: dict) -> list:
    """scope_roots computed from loaded edges and organizations (no query)."""
    if organization.exists_on(on):
        return [organization]
    found: dict[int, Organization] = {}
    seen: set[int] = {organization.pk}
    pending = list(edges.get(organization.pk, ()))
    while pending:  # a broken history (a cycle) ends where it comes back
        pk = pending.pop()
        if pk in seen or pk not in candidates:
            continue
        seen.add(pk)
        candidate = candidates[pk]
        if candidate.exists_on(on):
            found[pk] = candidate
        else:
            pending.extend(edges.get(pk, ()))
    # A root inside another root's subtree adds nothing to the union.
    kept: list[Organization] = []
    for candidate in sorted(found.values(), key=lambda candidate: candidate.path):
        if not any(path_is_within(candidate.path, root) for root in kept):
            kept.append(candidate)
    return kept


def scope_roots_on(organization: Organization, dates) -> dict:
    """scope_roots for several dates at once: {date: roots}.

    No query when the organization exists on every date; otherwise two, whatever the number of dates
    and predecessors (the succession edges, then the organizations they reach).
    """
    dates = list(dates)
    if all(organization.exists_on(on) for on in dates):
        return {on: [organization] for on in dates}
    edges, candidates = _succession_history([organization])
    return {on: _roots_from_history(organization, on, edges, candidates) for on in dates}


def scope_roots_of_each(organizations, dates) -> dict:
    """scope_roots for several organizations and dates: {(organization pk, date): roots}; no query when
    every organization exists on every date, two otherwise."""
    organizations, dates = list(organizations), list(dates)
    if all(organization.exists_on(on) for organization in organizations for on in dates):
        return {(organization.pk, on): [organization] for organization in organizations for on in dates}
    edges, candidates = _succession_history(organizations)
    return {
        (organization.pk, on): _roots_from_history(organization, on, edges, candidates)
        for organization in organizations for on in dates
    }


def scope_roots(organization: Organization, on) -> list[Organization]:
    """The roots whose subtrees make the scope of `organization` on the date (domain.md, "Scope over time").

    [organization] when it exists on the date (no query); otherwise the union of the scopes of its
    predecessors on the date, recursively (two queries); [] when it has none.
    """
    return scope_roots_on(organization, [on])[on]


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
        """Rows inside the subtree of `organization` (None: no restriction).

        `organization` may also be a list of roots (scope_roots): rows inside any of their subtrees.
        """
        if organization is None:
            return self
        if isinstance(organization, (list, tuple)):
            if self.scope_via_lineage is not None:
                raise ValueError("A lineage scope takes one organization.")
            roots = organization
        else:
            if self.scope_via_lineage is not None:
                return self.filter(lineage_q(organization, self.scope_via_lineage))
            roots = [organization]
        if self.scope_via_organization is not None:
            return self.filter(scope_q(roots, self.scope_via_organization))
        from cadre.models import PositionRecord

        held_inside = PositionRecord.objects.filter(
            scope_q(roots, "organization"),
            official_id=OuterRef(self.scope_via_official),
        )
        return self.filter(Exists(held_inside))

    def visible_to(self, user):
        """Rows the user may see: the subtree of the user's organization (with its ancestors for lineage)."""
        try:
            return self.within(user_scope(user))
        except NoScope:
            return self.none()

    def visible_on(self, user, dates):
        """Rows the user may see when reading figures as of these dates: the subtree of the user's
        organization, and on a date before it was formed its predecessors' (scope_roots), so the list
        behind a figure of the scope over time shows every person and unit the figure counts.

        Only a superuser sets predecessors across subtrees (cadre.organization_rules, the import's scope
        check), so a user reaches back only through the history of their own organization.
        """
        try:
            root = user_scope(user)
        except NoScope:
            return self.none()
        if root is None:
            return self
        reach = {root.pk: root}
        for roots in scope_roots_on(root, dates).values():
            reach.update((each.pk, each) for each in roots)
        return self.within(sorted(reach.values(), key=lambda each: each.path))


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
