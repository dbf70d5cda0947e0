"""The organization tree of the user's scope on a date: people, members, succession links."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Subquery

from cadre.models import (
    Organization,
    OrganizationKind,
    PartyStatistics,
    PositionRecord,
    Succession,
)
from cadre.scoping import path_ids, path_is_within
from cadre.selectors.access import scope_of
from cadre.vietnamese import quick_search_key


@dataclass(frozen=True)
class SuccessionLink:
    """The other side of a succession edge, as a page shows it: a link only when the user may see it."""

    pk: int
    name: str
    visible: bool


@dataclass
class TreeNode:
    organization: Organization
    depth: int
    official_count: int = 0
    party_members: int | None = None
    children: list["TreeNode"] = field(default_factory=list)
    ancestor_ids: tuple[int, ...] = ()  # inside the tree, from its top to this node
    expanded: bool = False  # its children are on the page from the start
    indent: int = 0  # levels below the user's scope, for display
    formed_from: list[SuccessionLink] = field(default_factory=list)  # its predecessors
    merged_into: list[SuccessionLink] = field(default_factory=list)  # its successors
    merged_on: dt.date | None = None  # when it became its successors: its end date, else theirs

    @property
    def formed_on(self) -> dt.date | None:
        return self.organization.founded_on

    @property
    def child_label(self) -> str:
        """What opening the node shows: "12 chi bộ" or "46 đơn vị trực thuộc"."""
        cells = sum(1 for child in self.children if child.organization.kind == OrganizationKind.CELL)
        if cells == len(self.children):
            return f"{cells} chi bộ"
        return f"{len(self.children)} đơn vị trực thuộc"


@dataclass
class OrganizationTree:
    root: Organization | None
    nodes: list[TreeNode]  # every node, in tree order
    rows: list[TreeNode]  # what the page shows first: the top and one level below; the rest opens on demand
    statistics_year: int | None
    on: dt.date


TREE_FIELDS = ("code", "name", "kind", "form", "parent", "path", "founded_on", "ceased_on")


def organization_tree(*, user, on: dt.date, root: Organization | None = None) -> OrganizationTree:
    """The user's subtree (or `root`'s, inside it) with counts per node, in four queries whatever its size.

    1 the organizations (as rows of values: model instances only for the nodes, down to two levels below
    the top); 2 (official, organization) of positions held on the
    date; 3 party members per organization for the latest year; 4 the
    succession edges touching them. Counts are rolled up the tree in Python:
    an official holding positions in two communes counts once at the district.
    """
    organizations = Organization.objects.visible_to(user)
    positions = PositionRecord.objects.visible_to(user)
    statistics = PartyStatistics.objects.visible_to(user)
    if root is not None:
        organizations, positions, statistics = (q.within(root) for q in (organizations, positions, statistics))
    scope = scope_of(user)
    base = scope.depth if scope is not None else 1
    # Nodes down to two levels below the top: the page shows the top and its children, and a child's
    # button says what it holds. Deeper organizations (a province's 10,000 party cells) are read as
    # (id, path) only and counted in their ancestors; opening a unit asks for its own tree (?goc=).
    deepest = (root.depth if root is not None else base) + 2
    # In the model's field order: Model.from_db reads the values of the fields it is given in that order.
    wanted = {"id", *(f"{name}_id" if name == "parent" else name for name in TREE_FIELDS)}
    fields = [field.attname for field in Organization._meta.concrete_fields if field.attname in wanted]
    database = organizations.db
    nodes: dict[int, TreeNode] = {}
    deep_paths: dict[int, str] = {}
    for values in organizations.order_by("path").values_list(*fields):
        path = values[fields.index("path")]
        if path.count("/") - 1 <= deepest:
            organization = Organization.from_db(database, fields, values)
            nodes[organization.pk] = TreeNode(organization, organization.depth)
        else:
            deep_paths[values[0]] = path
    for node in nodes.values():
        node.indent = node.depth - base
        node.ancestor_ids = tuple(pk for pk in path_ids(node.organization.path) if pk in nodes)
    # Where each organization's people and members count: itself and its ancestors among the nodes.
    counted_in = {pk: node.ancestor_ids for pk, node in nodes.items()}
    counted_in.update((pk, tuple(ancestor for ancestor in path_ids(path) if ancestor in nodes))
                      for pk, path in deep_paths.items())
    people: dict[int, set[int]] = defaultdict(set)
    for official_id, organization_id in positions.held_on(on).values_list("official_id", "organization_id"):
        for ancestor in counted_in[organization_id]:
            people[ancestor].add(official_id)
    latest = list(
        statistics.filter(year=Subquery(statistics.order_by("-year").values("year")[:1])).values_list(
            "organization_id", "members", "year"
        )
    )
    members: Counter = Counter()
    year = None
    for organization_id, count, year in latest:
        for ancestor in counted_in[organization_id]:
            members[ancestor] += count
    tops = []
    for pk, node in nodes.items():
        node.official_count = len(people.get(pk, ()))
        node.party_members = members.get(pk) if latest else None
        parent = node.ancestor_ids[-2] if len(node.ancestor_ids) > 1 else None
        if parent is not None:
            nodes[parent].children.append(node)
        else:
            tops.append(node)
    ordered: list[TreeNode] = []
    rows: list[TreeNode] = []

    def walk(node: TreeNode, level: int) -> None:
        ordered.append(node)
        if level < 2:
            rows.append(node)
            node.expanded = level == 0
        node.children.sort(key=_sibling_order)
        for child in node.children:
            walk(child, level + 1)

    for top in sorted(tops, key=_sibling_order):
        walk(top, 0)
    _add_succession(nodes, organizations, scope)  # no scope: a superuser (anyone else has no nodes)
    return OrganizationTree(root=root, nodes=ordered, rows=rows, statistics_year=year, on=on)


def _add_succession(nodes: dict[int, TreeNode], organizations, scope: Organization | None) -> None:
    """What each node was formed from and what it became, in one query; `scope` None sees everything."""
    if not nodes:
        return
    shown = organizations.values("pk")
    rows = Succession.objects.filter(Q(successor__in=shown) | Q(predecessor__in=shown)).values_list(
        "successor_id", "successor__name", "successor__path", "successor__founded_on",
        "predecessor_id", "predecessor__name", "predecessor__path",
    )

    def visible(path: str) -> bool:
        return scope is None or path_is_within(path, scope)

    for successor, successor_name, successor_path, founded_on, predecessor, predecessor_name, predecessor_path in rows:
        if successor in nodes:
            nodes[successor].formed_from.append(SuccessionLink(predecessor, predecessor_name, visible(predecessor_path)))
        if predecessor in nodes:
            node = nodes[predecessor]
            node.merged_into.append(SuccessionLink(successor, successor_name, visible(successor_path)))
            node.merged_on = node.organization.ceased_on or founded_on
    for node in nodes.values():
        node.formed_from.sort(key=lambda link: quick_search_key(link.name))
        node.merged_into.sort(key=lambda link: quick_search_key(link.name))


_KIND_ORDER = {kind: index for index, kind in enumerate(OrganizationKind.values)}


def _sibling_order(node: TreeNode):
    """Communes before agencies before cells; then by name, ignoring diacritics."""
    return (_KIND_ORDER.get(node.organization.kind, 99), quick_search_key(node.organization.name))
