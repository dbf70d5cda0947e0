"""Which positions may be held together: one rule for the record forms and the workbook import.

- An exact duplicate — the same person, title and organization over overlapping dates — is refused.
- A second holder of a one-person title (PositionTitle.is_single_holder: Bí thư, Chủ tịch UBND…) at the same
  organization over overlapping dates, and a person holding the same title at two organizations at once,
  may be right (a hand-over, a concurrent appointment) but are usually a typo: the form asks for an explicit
  confirmation showing the other record, the import lists them as notices beside its errors.

Callers describe positions with plain values (`Held`), so the import (codes in a workbook) and the forms
(model instances) ask the same question.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from cadre.vietnamese import format_date_input

DUPLICATE, SINGLE_HOLDER, SAME_TITLE = "duplicate", "single_holder", "same_title"


@dataclass(frozen=True)
class Held:
    """A position as plain values; codes compare without case."""

    official: str  # the official's code
    official_name: str
    title: str  # the title's code
    title_name: str
    organization: str  # the organization's code
    organization_name: str
    start: dt.date
    end: dt.date | None = None
    id: int | None = None  # a stored row (left out when it is the one being edited)

    @property
    def period(self) -> str:
        start = format_date_input(self.start)
        return f"từ {start} đến {format_date_input(self.end)}" if self.end else f"từ {start}"


@dataclass(frozen=True)
class Conflict:
    kind: str  # DUPLICATE refuses; SINGLE_HOLDER and SAME_TITLE need a confirmation
    other: Held
    message: str

    @property
    def refuses(self) -> bool:
        return self.kind == DUPLICATE


def overlaps(a: Held, b: Held) -> bool:
    return a.start <= (b.end or dt.date.max) and b.start <= (a.end or dt.date.max)


def position_conflicts(new: Held, others: Iterable[Held], *, single_holder: bool) -> list[Conflict]:
    """What `new` collides with among `others` (stored rows and the other rows of the same file)."""
    conflicts = []
    for other in others:
        if new.id is not None and other.id == new.id or not overlaps(new, other):
            continue
        same_person = other.official.upper() == new.official.upper()
        same_title = other.title.upper() == new.title.upper()
        same_place = other.organization.upper() == new.organization.upper()
        if same_person and same_title and same_place:
            conflicts.append(Conflict(DUPLICATE, other, (
                f"Cán bộ đã có chức vụ {other.title_name} tại {other.organization_name} {other.period}: "
                "trùng thời gian với chức vụ này."
            )))
        elif same_person and same_title:
            conflicts.append(Conflict(SAME_TITLE, other, (
                f"Cán bộ cũng giữ chức vụ {other.title_name} tại {other.organization_name} {other.period}, "
                "trùng thời gian; vẫn lưu?"
            )))
        elif single_holder and same_title and same_place:
            conflicts.append(Conflict(SINGLE_HOLDER, other, (
                f"{other.organization_name} đã có {other.title_name} {other.official_name} {other.period}; vẫn lưu?"
            )))
    return conflicts


def held(record) -> Held:
    """A stored PositionRecord (with official, title and organization loaded) as plain values."""
    return Held(
        official=record.official.code, official_name=record.official.full_name,
        title=record.title.code, title_name=record.title.name,
        organization=record.organization.code, organization_name=record.organization.name,
        start=record.start_date, end=record.end_date, id=record.pk,
    )


def stored_positions(*, official_codes: Iterable[str], titles: Iterable[str], places: Iterable[tuple[str, str]]):
    """The stored positions that may collide: the officials' positions of these titles, and every position of
    (title, organization) pairs. Codes compare without case."""
    from cadre.models import PositionRecord

    official_codes, titles = list(official_codes), list(titles)
    places = {(title.upper(), organization.upper()) for title, organization in places}
    condition = Q(official__code__in=_case_variants(official_codes), title__code__in=_case_variants(titles))
    if places:
        condition |= Q(title__code__in=_case_variants(t for t, _ in places),
                       organization__code__in=_case_variants(o for _, o in places))
    rows = PositionRecord.objects.filter(condition).select_related("official", "title", "organization")
    found = [held(row) for row in rows]
    officials = {code.upper() for code in _case_variants(official_codes)}
    titles = {code.upper() for code in titles}
    return [row for row in found if (row.official.upper() in officials and row.title.upper() in titles)
            or (row.title.upper(), row.organization.upper()) in places]


def _case_variants(codes: Iterable[str]) -> set[str]:
    return {variant for code in codes for variant in (code, code.upper(), code.lower())}


# --- the workbook import ------------------------------------------------------------------------


def import_conflicts(changes, items, single_holder_titles: set[str]):
    """The rule applied to what an import would write to ChucVu (a change_plan.EntityChanges, and the sheet's
    valid rows for their row numbers): (errors, notices) as problems located by row.

    Rows the import deletes are left out; two rows of the file collide as stored rows do (reported once, on
    the later row).
    """
    from cadre.exchange.problems import Problem

    def key(fields) -> tuple:
        return (fields["official"].upper(), fields["organization"].upper(), fields["title"].upper(),
                fields["start_date"])

    rows = {key(item.fields): item.row for item in items}
    written = [(fields, None) for fields in changes.creates] + [(after, after.get("id")) for _, after in changes.updates]
    if not written:
        return [], []
    single = {code.upper() for code in single_holder_titles}
    new = [
        (rows.get(key(fields)), Held(
            official=fields["official"], official_name=f"mã {fields['official']}", title=fields["title"],
            title_name=fields["title"], organization=fields["organization"],
            organization_name=fields["organization"], start=fields["start_date"], end=fields["end_date"], id=pk,
        ))
        for fields, pk in written
    ]
    gone = {fields["id"] for fields in changes.deletes} | {pk for _, pk in written if pk is not None}
    stored = [
        position for position in stored_positions(
            official_codes={position.official for _, position in new}, titles={position.title for _, position in new},
            places={(position.title, position.organization) for _, position in new if position.title.upper() in single},
        )
        if position.id not in gone
    ]
    by_person, by_place = {}, {}
    for row, position in [(None, position) for position in stored] + new:
        by_person.setdefault((position.official.upper(), position.title.upper()), []).append((row, position))
        by_place.setdefault((position.title.upper(), position.organization.upper()), []).append((row, position))
    errors, notices = [], []
    for row, position in new:
        single_holder = position.title.upper() in single
        # Another holder of the same title at the same place matters only for a single-holder title: for the
        # others (a commune's civil servants, an agency's specialists: hundreds per place) only the person's
        # own positions of the title can collide, and comparing every holder of the place was quadratic.
        same_place = by_place[(position.title.upper(), position.organization.upper())] if single_holder else []
        candidates = {id(other): (other_row, other) for other_row, other in (
            by_person[(position.official.upper(), position.title.upper())] + same_place
        ) if other is not position and not (other_row is not None and row is not None and other_row > row)}
        others = [other for _, other in candidates.values()]
        for conflict in position_conflicts(position, others, single_holder=single_holder):
            other_row = next(r for r, o in candidates.values() if o is conflict.other)
            message = conflict.message.replace("; vẫn lưu?", "; hãy kiểm tra lại.")
            if other_row is not None:
                message += f" (dòng {other_row} của tệp)"
            problem = Problem("ChucVu", row, "Từ ngày", message)
            (errors if conflict.refuses else notices).append(problem)
    return errors, notices
