"""Reads for the web pages: each fetches what one page needs in a fixed number of queries.

Every queryset starts from `.visible_to(user)` or `.within(organization)`
(cadre/scoping.py), so a page can only show the user's subtree.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from cadre.models import (
    ChangeRecord,
    Evaluation,
    Official,
    Organization,
    OrganizationKind,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    QualificationLevel,
    QualificationRecord,
    Succession,
)
from cadre.scoping import NoScope, path_ids, path_is_within, scope_roots, user_scope
from cadre.vietnamese import age_on, format_date_input, quick_search_key, search_key

# Age bands of the filters and the composition charts: (key, label, lowest age, highest age).
AGE_BANDS = [
    ("duoi-30", "Dưới 30 tuổi", None, 29),
    ("30-39", "Từ 30 đến 39 tuổi", 30, 39),
    ("40-49", "Từ 40 đến 49 tuổi", 40, 49),
    ("50-59", "Từ 50 đến 59 tuổi", 50, 59),
    ("tu-60", "Từ 60 tuổi trở lên", 60, None),
]

# The two qualification types the list shows in its own columns.
LIST_QUALIFICATION_TYPES = ("CHUYEN_MON", "LY_LUAN")


def scope_of(user) -> Organization | None:
    """The organization whose subtree the user sees; None for a superuser without one."""
    try:
        return user_scope(user)
    except NoScope:
        return None


def birth_date_range(on: dt.date, lowest_age: int | None, highest_age: int | None) -> Q:
    """Q: age on `on` (completed years) lies between the two ages, both included."""
    condition = Q()
    if highest_age is not None:
        # Age ≤ highest  ⇔  born after the day `highest + 1` years before `on`.
        condition &= Q(birth_date__gt=_years_before(on, highest_age + 1))
    if lowest_age is not None:
        condition &= Q(birth_date__lte=_years_before(on, lowest_age))
    return condition


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a year that has none
        return on.replace(year=on.year - years, day=28)


def holding_titles(*, user, titles, on: dt.date) -> Exists:
    """Exists(): the official holds one of the titles on the date inside the user's subtree."""
    held = PositionRecord.objects.visible_to(user).held_on(on).filter(official_id=OuterRef("pk"), title__in=titles)
    return Exists(held)


def level_at_least(*, level: QualificationLevel, on: dt.date) -> Exists:
    """Exists(): the official has a record of the level's type at this rank or higher by the date."""
    records = QualificationRecord.objects.filter(
        official_id=OuterRef("pk"),
        qualification_type_id=level.qualification_type_id,
        level__rank__gte=level.rank,
        obtained_on__lte=on,
    )
    return Exists(records)


def rated(*, year: int, rating: str) -> Exists:
    """Exists(): the official's rating of the year is `rating`.

    An EXISTS rather than a join with the ratings: it cannot repeat an
    official, and it is answered by the indexes on (official, year) when a
    page walks the name index and on (year, rating) when a count starts from
    the year's ratings. With one rating a year per official the rows are the
    join's, and so is the time (measured in docs/performance.md).
    """
    return Exists(Evaluation.objects.filter(official_id=OuterRef("pk"), year=year, rating=rating))


# --- officials list ------------------------------------------------------


@dataclass
class OfficialRow:
    """One line of the officials list, computed from prefetched records."""

    official: Official
    positions: list[str]
    units: list[str]  # each unit once, for the XLSX
    position_units: list[tuple[str, str]]  # (title, unit) per position, for the page
    professional: str
    theory: str
    is_party_member: bool


def officials_for_list(queryset, *, user, on: dt.date):
    """The list's officials with what its columns need, in two prefetch queries.

    Query 1: the officials (with their ethnic group); query 2: positions held
    on the date inside the user's subtree; query 3: professional and political
    theory qualifications obtained by the date.
    """
    return queryset.select_related("ethnic_group").prefetch_related(
        Prefetch(
            "positions",
            queryset=PositionRecord.objects.visible_to(user)
            .held_on(on)
            .select_related("title", "organization")
            .order_by("title__sort_order", "start_date"),
            to_attr="positions_on_date",
        ),
        Prefetch(
            "qualifications",
            queryset=QualificationRecord.objects.filter(
                qualification_type__code__in=LIST_QUALIFICATION_TYPES, obtained_on__lte=on
            ).select_related("qualification_type", "level"),
            to_attr="main_qualifications",
        ),
    )


class OfficialPaginator(Paginator):
    """Pages of an officials list, fetched the fast way for the result's size.

    With `count` given (the whole scope, counted from the positions side), a
    page walks the name index and stops after one page. Otherwise the ids of
    the filtered officials are read first, at most SMALL_RESULT + 1 of them:
    when the filters leave few officials (a search), that list is the count
    and the page sorts only those ids; PostgreSQL would otherwise walk the
    name index testing every official. A larger result is counted and paged
    as usual. (Reading the ids with COUNT(*) OVER () to save that count was
    measured and left: under the LIMIT, PostgreSQL plans the window for a
    few rows and a 60.000-official result got slower; docs/performance.md.)
    """

    SMALL_RESULT = 2000

    def __init__(self, object_list, per_page, *, count: int | None = None):
        super().__init__(object_list, per_page)
        self.ids: list[int] | None = None
        if count is None:
            ids = list(object_list.order_by().values_list("pk", flat=True)[: self.SMALL_RESULT + 1])
            if len(ids) <= self.SMALL_RESULT:
                self.ids = ids
                count = len(ids)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached property

    def page(self, number):
        if self.ids is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ordering = self.object_list.query.order_by
        page_list = self.object_list.model.objects.filter(pk__in=self.ids).order_by(*ordering)[
            bottom : bottom + self.per_page
        ]
        return self._get_page(page_list, number, self)


def scope_official_count(user, on: dt.date) -> int:
    """How many officials the user sees, not retired by the date: those who held a position in the
    subtree (one query).

    The same set as Official.objects.visible_to(user).followed_on(on), counted from the
    positions side, which PostgreSQL does in half the time on 100.000 officials.
    """
    if scope_of(user) is None and getattr(user, "is_superuser", False):
        return Official.objects.followed_on(on).count()
    return PositionRecord.objects.visible_to(user).filter(
        Q(official__retired_on__isnull=True) | Q(official__retired_on__gt=on)
    ).aggregate(count=Count("official_id", distinct=True))["count"]


def list_rows(officials, *, on: dt.date) -> list[OfficialRow]:
    """Plain rows for the template and the XLSX list (officials from officials_for_list)."""
    rows = []
    for official in officials:
        highest: dict[str, QualificationRecord] = {}
        for record in official.main_qualifications:
            code = record.qualification_type.code
            current = highest.get(code)
            if current is None or (record.level.rank if record.level_id else 0) > (
                current.level.rank if current.level_id else 0
            ):
                highest[code] = record
        units = []
        for position in official.positions_on_date:
            if position.organization.name not in units:
                units.append(position.organization.name)
        rows.append(
            OfficialRow(
                official=official,
                positions=[position.title.name for position in official.positions_on_date],
                units=units,
                position_units=[(p.title.name, p.organization.name) for p in official.positions_on_date],
                professional=_level_text(highest.get("CHUYEN_MON")),
                theory=_level_text(highest.get("LY_LUAN")),
                is_party_member=official.party_joined_on is not None and official.party_joined_on <= on,
            )
        )
    return rows


def _level_text(record: QualificationRecord | None) -> str:
    if record is None:
        return ""
    if record.major:
        return f"{record.level_label} ({record.major})"
    return record.level_label


# --- profile -------------------------------------------------------------


@dataclass
class Profile:
    official: Official
    positions: list[PositionRecord]
    hidden_position_count: int
    qualifications: list[QualificationRecord]
    evaluations: list
    events: list
    planning: list[PlanningEntry]
    changes: list[ChangeRecord]
    age: int
    on: dt.date


def official_for(user, pk, *, related=()) -> Official:
    """The official if the user may see them, else 404 (never 403: no hint that it exists)."""
    return get_object_or_404(Official.objects.visible_to(user).select_related(*related), pk=pk)


def official_profile(*, user, pk, on: dt.date) -> Profile:
    """Everything the profile page shows, in eight queries whatever the record counts.

    1 the official with ethnic group and hometown; 2 positions inside the
    user's subtree; 3 count of all positions (to say some are hidden);
    4 qualifications; 5 ratings; 6 career events; 7 planning inside the
    subtree; 8 the last changes recorded for the official.
    """
    official = official_for(user, pk, related=("ethnic_group", "hometown_organization"))
    positions = list(
        PositionRecord.objects.visible_to(user)
        .filter(official=official)
        .select_related("title", "organization")
        .order_by("-start_date", "title__sort_order")
    )
    all_positions = PositionRecord.objects.filter(official=official).count()
    qualifications = list(
        official.qualifications.select_related("qualification_type", "level").order_by(
            "qualification_type__sort_order", "-obtained_on"
        )
    )
    evaluations = list(official.evaluations.order_by("-year"))
    events = list(official.events.select_related("from_organization", "to_organization").order_by("-date"))
    planning = list(
        PlanningEntry.objects.visible_to(user)
        .filter(official=official)
        .select_related("title", "organization")
        .order_by("-term", "title__sort_order")
    )
    changes = list(
        ChangeRecord.objects.filter(
            Q(official=official)  # entries written since the trail names the official
            | Q(official__isnull=True, entity="CanBo", key=official.code)  # older entries: by their key
            | Q(official__isnull=True, entity__in=RECORD_ENTITIES, key__startswith=f"{official.code} | ")
        ).select_related("user").order_by("-created_at", "-id")[:10]
    )
    return Profile(
        official=official,
        positions=positions,
        hidden_position_count=all_positions - len(positions),
        qualifications=qualifications,
        evaluations=evaluations,
        events=events,
        planning=planning,
        changes=changes,
        age=age_on(official.birth_date, on),
        on=on,
    )


# The exchange workbook's sheets (the `entity` of change records and import summaries), in words.
SHEET_TITLES = {
    "ToChuc": "Tổ chức", "CanBo": "Cán bộ", "ChucVu": "Chức vụ", "TrinhDo": "Trình độ",
    "DanhGia": "Đánh giá, xếp loại", "SuKien": "Sự kiện công tác", "QuyHoach": "Quy hoạch",
}

# Change records of an official's records: keyed "CODE | rest of the natural key" (as the import writes them).
RECORD_ENTITIES = ("ChucVu", "TrinhDo", "DanhGia", "SuKien", "QuyHoach")


# --- organization tree ----------------------------------------------------


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


def organization_tree(*, user, on: dt.date, root: Organization | None = None) -> OrganizationTree:
    """The user's subtree (or `root`'s, inside it) with counts per node, in four queries whatever its size.

    1 the organizations; 2 (official, organization) of positions held on the
    date; 3 party members per organization for the latest year; 4 the
    succession edges touching them. Counts are rolled up the tree in Python:
    an official holding positions in two communes counts once at the district.
    """
    organizations = Organization.objects.visible_to(user)
    positions = PositionRecord.objects.visible_to(user)
    statistics = PartyStatistics.objects.visible_to(user)
    if root is not None:
        organizations, positions, statistics = (q.within(root) for q in (organizations, positions, statistics))
    nodes = {org.pk: TreeNode(org, org.depth) for org in organizations.order_by("path")}
    scope = scope_of(user)
    base = scope.depth if scope is not None else 1
    for node in nodes.values():
        node.indent = node.depth - base
        node.ancestor_ids = tuple(pk for pk in path_ids(node.organization.path) if pk in nodes)
    people: dict[int, set[int]] = defaultdict(set)
    for official_id, organization_id in positions.held_on(on).values_list("official_id", "organization_id"):
        for ancestor in nodes[organization_id].ancestor_ids:
            people[ancestor].add(official_id)
    latest = list(
        statistics.filter(year=Subquery(statistics.order_by("-year").values("year")[:1])).values_list(
            "organization_id", "members", "year"
        )
    )
    members: Counter = Counter()
    year = None
    for organization_id, count, year in latest:
        for ancestor in nodes[organization_id].ancestor_ids:
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
        node.formed_from.sort(key=lambda link: search_key(link.name))
        node.merged_into.sort(key=lambda link: search_key(link.name))


_KIND_ORDER = {kind: index for index, kind in enumerate(OrganizationKind.values)}


def _sibling_order(node: TreeNode):
    """Communes before agencies before cells; then by name, ignoring diacritics."""
    return (_KIND_ORDER.get(node.organization.kind, 99), search_key(node.organization.name))


# --- composition of a population -----------------------------------------


@dataclass
class Composition:
    total: int
    age_bands: list[tuple[str, int]]
    genders: list[tuple[str, int]]
    ethnic_groups: list[tuple[str, int]]
    minority: int
    professional_levels: list[tuple[str, int]]


def population_members(*, user, population, on: dt.date, organization: Organization | None = None):
    """Officials holding one of the population's titles on the date, inside the organization's scope on
    that date (cadre.scoping.scope_roots: its predecessors' before it was formed)."""
    positions = PositionRecord.objects.visible_to(user).held_on(on).filter(
        official_id=OuterRef("pk"), title__in=population.titles.all()
    )
    if organization is not None:
        positions = positions.within(scope_roots(organization, on))
    return Official.objects.visible_to(user).filter(Exists(positions))


def composition(*, user, population, on: dt.date, organization: Organization | None = None) -> Composition:
    """Age bands, gender, ethnicity and professional level of a population: four aggregate queries.

    1 age bands and gender together; 2 ethnic groups; 3 highest professional
    level per person, grouped; 4 the level names.
    """
    members = population_members(user=user, population=population, on=on, organization=organization)
    aggregates = {
        f"age_{key}": Count("pk", filter=birth_date_range(on, low, high)) for key, _, low, high in AGE_BANDS
    }
    aggregates["male"] = Count("pk", filter=Q(gender="NAM"))
    aggregates["female"] = Count("pk", filter=Q(gender="NU"))
    aggregates["total"] = Count("pk")
    figures = members.aggregate(**aggregates)
    ethnic = list(
        members.values("ethnic_group__name", "ethnic_group__is_minority")
        .annotate(count=Count("pk"))
        .order_by("-count", "ethnic_group__name")
    )
    highest_rank = Subquery(
        QualificationRecord.objects.filter(
            official_id=OuterRef("pk"), qualification_type__code="CHUYEN_MON", obtained_on__lte=on
        )
        .values("official_id")
        .annotate(top=Max("level__rank"))
        .values("top")[:1],
        output_field=IntegerField(),
    )
    by_rank = dict(
        members.annotate(rank=highest_rank).values_list("rank").annotate(count=Count("pk")).values_list("rank", "count")
    )
    level_names = dict(
        QualificationLevel.objects.filter(qualification_type__code="CHUYEN_MON").values_list("rank", "name")
    )
    professional = [(level_names[rank], by_rank.get(rank, 0)) for rank in sorted(level_names)]
    professional.append(("Chưa qua đào tạo", by_rank.get(None, 0)))
    return Composition(
        total=figures["total"],
        age_bands=[(label, figures[f"age_{key}"]) for key, label, _, _ in AGE_BANDS],
        genders=[("Nam", figures["male"]), ("Nữ", figures["female"])],
        ethnic_groups=_top_groups(ethnic),
        minority=sum(row["count"] for row in ethnic if row["ethnic_group__is_minority"]),
        professional_levels=professional,
    )


def _top_groups(rows: list[dict], keep: int = 6) -> list[tuple[str, int]]:
    """The largest groups by name, the rest summed as "Dân tộc khác"."""
    top = [(row["ethnic_group__name"], row["count"]) for row in rows[:keep]]
    rest = sum(row["count"] for row in rows[keep:])
    if rest:
        top.append(("Dân tộc khác", rest))
    return top


def organization_for(user, pk) -> Organization:
    """An organization inside the user's subtree, else 404."""
    try:
        return Organization.objects.visible_to(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tổ chức.") from None


# --- the organization search field ------------------------------------------

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


def organization_search(*, user, text: str, on: dt.date, kind: str | None = None,
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
    rows = organizations.order_by().values_list(
        "pk", "code", "name", "path", "founded_on", "ceased_on", "parent_id")
    found = []
    for pk, code, name, path, founded_on, ceased_on, parent_id in rows:
        haystack = f"{_name_key(name)} {code.lower()}"
        if all(word in haystack for word in words):
            existing = (founded_on is None or founded_on <= on) and (ceased_on is None or ceased_on > on)
            exact = " ".join(words) == code.lower()
            found.append((not exact, not existing, path.count("/"), path, code, name, founded_on, ceased_on, parent_id))
    found.sort()
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


# --- dashboard -------------------------------------------------------------


def plans_for_organization(organization: Organization, *, user):
    """Plans the user may use that apply to the organization: issued by it or any organization above it,
    latest first."""
    from planning.models import Plan

    return (
        Plan.objects.visible_to(user).filter(organization_id__in=path_ids(organization.path))
        .select_related("organization").order_by("-issued_on", "code")
    )
