"""The official list: its rows, their paginator and the scope's head count, in a fixed number of queries."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from cadre.models import Official, PositionRecord, QualificationRecord
from cadre.selectors.access import scope_of

# The two qualification types the list shows in its own columns.
LIST_QUALIFICATION_TYPES = ("CHUYEN_MON", "LY_LUAN")


# The list's sort keys (the `sap_xep` parameter; "-" before one reverses it): only these are accepted, each ends
# with the unique code so that equal values keep one order from page to page.
SORT_KEYS = {
    "ten": ("name_sort_key", "code"),  # Vietnamese order: given name, then family and middle names
    "ma": ("code",),
    "ngay_sinh": ("birth_date", "name_sort_key", "code"),
}
DEFAULT_SORT = "ten"


def list_ordering(requested: str | None) -> tuple[str, tuple[str, ...]]:
    """The sort key as understood ("ten", "-ngay_sinh"; anything else: the default) and its order_by fields."""
    requested = (requested or "").strip()
    key = requested.removeprefix("-")
    if key not in SORT_KEYS:
        return DEFAULT_SORT, SORT_KEYS[DEFAULT_SORT]
    fields = SORT_KEYS[key]
    if requested.startswith("-"):
        fields = tuple(f"-{name}" for name in fields)
    return requested, fields


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
