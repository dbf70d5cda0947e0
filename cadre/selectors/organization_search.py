"""The searchable organization field: organizations of the user's subtree matching what was typed."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from cadre.models import Organization
from cadre.organization_order import sibling_key
from cadre.vietnamese import format_date_input, quick_search_key, search_key


# The most organizations a search answers with (the field's list shows them all).
ORGANIZATION_SEARCH_LIMIT = 20


@functools.lru_cache(maxsize=65536)
def _name_key(name: str) -> str:
    """quick_search_key of an organization name, kept: a search folds the whole subtree's names (8,000 and
    more for a province), which repeat from one keystroke to the next. Keyed by the text, so a renamed
    organization is simply folded again."""
    return quick_search_key(name)


@dataclass(frozen=True)
class OrganizationMatch:
    code: str
    name: str
    label: str  # what the field shows and accepts back: "Name (CODE)"
    detail: str  # the unit above it, and whether it existed on the date


def organization_label(organization) -> str:
    """The text of an organization in the search field: its name and code; the field accepts it back."""
    return f"{organization.name} ({organization.code})"


def organization_search(*, user, text: str, on: dt.date, kind: str | None = None, issuers: bool = False,
                        limit: int = ORGANIZATION_SEARCH_LIMIT) -> list[OrganizationMatch]:
    """Organizations of the user's subtree (of one kind when given) whose name or code contains every word
    typed, ignoring case and diacritics ("phong tho" finds "Phong Thổ"); the one whose code was typed
    exactly first, then those existing on the date, then the higher levels, in tree order; at most `limit`. Two queries: the subtree's names (read as a few
    short columns, then matched here, where the diacritics can be folded on every database) and the
    matches' parents."""
    words = search_key(text).split()
    if not words:
        return []
    organizations = Organization.objects.visible_to(user)
    if kind:
        organizations = organizations.filter(kind=kind)
    if issuers:  # the committees that issue reports (the document composer)
        organizations = organizations.report_issuers()
    rows = organizations.order_by().values_list(
        "pk", "code", "name", "path", "founded_on", "ceased_on", "parent_id")
    found = []
    for pk, code, name, path, founded_on, ceased_on, parent_id in rows:
        haystack = f"{_name_key(name)} {code.lower()}"
        if all(word in haystack for word in words):
            existing = (founded_on is None or founded_on <= on) and (ceased_on is None or ceased_on > on)
            exact = " ".join(words) == code.lower()
            found.append((not exact, not existing, path.count("/"), sibling_key(name), code, name, founded_on,
                          ceased_on, parent_id))
    found.sort()  # at each level, in the alphabetical order of the drop-downs (cadre.organization_order)
    found = [row[1:] for row in found[:limit]]
    parents = dict(
        Organization.objects.filter(pk__in={row[-1] for row in found if row[-1]}).order_by().values_list("pk", "name")
    )
    matches = []
    for missing, _, _, code, name, founded_on, ceased_on, parent_id in found:
        detail = [parents[parent_id]] if parent_id in parents else []
        if missing and ceased_on is not None and ceased_on <= on:
            detail.append(f"giải thể từ {format_date_input(ceased_on)}")
        elif missing:
            detail.append(f"thành lập từ {format_date_input(founded_on)}")
        matches.append(OrganizationMatch(code, name, f"{name} ({code})", " — ".join(detail)))
    return matches


