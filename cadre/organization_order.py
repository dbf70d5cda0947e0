"""The order organizations are offered in: the tree, and under each unit its units in Vietnamese alphabetical
order of their place names ("Phường Phong Thổ", "Xã Bản Lang", "Xã Dào San", "Xã Mường So"…).

The materialized path ("/1/5/23/") keeps the tree but orders siblings by primary key, that is by the order
they were loaded. Every drop-down of organizations and the comparison sort through `in_tree_order`, in Python
over the rows already fetched (no query).
"""
from __future__ import annotations

from typing import Callable, Iterable, TypeVar

from cadre.committees import place_of
from cadre.scoping import path_ids
from cadre.vietnamese import text_sort_key

T = TypeVar("T")


# Under one unit: the administrative units (districts, communes) first, then agencies, then party cells.
KIND_RANKS = {"TINH": 0, "HUYEN": 1, "XA": 2, "CO_QUAN": 3, "CHI_BO": 4}


def sibling_key(name: str, kind: str = "") -> tuple[int, str, str]:
    """Kind of unit, place name ("Xã Bản Lang" -> "Bản Lang"), then the whole name for units of the same place."""
    return KIND_RANKS.get(kind, 5), text_sort_key(place_of(name)), text_sort_key(name)


def in_tree_order(items: Iterable[T], *, path: Callable[[T], str] = lambda o: o.path,
                  name: Callable[[T], str] = lambda o: o.name, kind: Callable[[T], str] = lambda o: o.kind) -> list[T]:
    """The items in tree order, siblings alphabetically. Ancestors missing from the items (above the user's
    scope) count as equal, so the items keep their tree among themselves."""
    items = list(items)
    # The primary key last: two units of the same name keep their subtrees apart.
    keys = {pk: (*sibling_key(name(item), kind(item)), pk)
            for item in items if path(item) for pk in path_ids(path(item))[-1:]}
    empty = (0, "", "", 0)

    def key(item):
        return tuple(keys.get(pk, empty) for pk in path_ids(path(item)))

    return sorted(items, key=key)
