"""Compare the wanted state with the database: what to create, update, delete.

Organizations and officials are matched by code (ignoring case). The records
of the other sheets are matched by a natural key:

| sheet    | key                                                  | updatable            |
|----------|------------------------------------------------------|----------------------|
| ChucVu   | official, organization, title, start date            | end date             |
| TrinhDo  | official, type, level (or free text), date           | major                |
| DanhGia  | official, year                                       | rating               |
| SuKien   | official, kind, date, from, to, note                 | programme            |
| QuyHoach | official, title, organization, term                  | approval, removal    |
| DangVien | organization, year                                   | the five counts      |

A cell that holds a code or free text ("Quê quán", "Từ tổ chức", "Đến tổ
chức", "Trình độ") is stored as a (code, text) pair. Data entered by hand may
hold both; the export then writes the code. So when the workbook names the
same code as stored, the stored text is kept and is no part of the
comparison: exporting and importing again erases nothing.

For an official listed in CanBo, the rows of a record sheet present in the
workbook are the complete set of that kind: stored rows that the sheet no
longer has are deleted. Positions and planning are tied to an organization:
the workbook speaks only for the organizations its ToChuc sheet lists and
those below them (all of them when it lists none), so one district's export
never deletes what its officials hold in another district. For an official only named in a record sheet, rows
are added or updated, never deleted. A column missing from the sheet (an
optional one) is left out of the comparison and keeps its stored value.

DangVien (an extension of the contract, docs/data-model.md) is matched by
organization and year; its rows are added or updated, never deleted: a
sheet with this year's figures leaves the earlier years alone.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from cadre.exchange.database_state import PARTY_STATISTICS_COUNTS, DatabaseState
from cadre.exchange.workbook_format import SHEETS
from cadre.exchange.workbook_validation import Item, WantedState

ACTIONS = ("created", "updated", "unchanged", "deleted")


@dataclass(frozen=True)
class EntityKind:
    sheet: str
    key_fields: tuple[str, ...]
    value_fields: tuple[str, ...]
    columns: dict[str, str] = field(default_factory=dict)  # field -> column key, where they differ
    pairs: tuple[tuple[str, str], ...] = ()  # (code field, free-text field) sharing one column

    def present(self, names: tuple[str, ...], columns: set[str]) -> tuple[str, ...]:
        """The fields whose column is in the sheet."""
        return tuple(name for name in names if self.columns.get(name, name) in columns)

    def column_key(self, name: str) -> str:
        return self.columns.get(name, name)

    def keep_stored_text(self, before: dict, after: dict) -> dict:
        """`after`, with the stored free text of each pair whose code stays the same."""
        kept = dict(after)
        for code, text in self.pairs:
            if code in kept and kept[code] and kept[code] == before.get(code):
                kept[text] = before.get(text, "")
        return kept


# "predecessors" is the sorted list of the codes it was formed from (Kế thừa từ).
ORGANIZATION = EntityKind(
    "ToChuc", ("code",),
    ("name", "kind", "parent", "form", "founded_on", "ceased_on", "predecessors", "category"),
)
OFFICIAL = EntityKind(
    "CanBo",
    ("code",),
    ("full_name", "gender", "birth_date", "ethnic_group", "citizen_id",
     "hometown_organization", "hometown_text", "party_joined_on"),
    {"hometown_organization": "hometown", "hometown_text": "hometown"},
    (("hometown_organization", "hometown_text"),),
)
RECORD_KINDS = {
    kind.sheet: kind
    for kind in (
        EntityKind("ChucVu", ("official", "organization", "title", "start_date"), ("end_date",)),
        EntityKind(
            "TrinhDo", ("official", "qualification_type", "level", "detail", "obtained_on"), ("major",),
            {"detail": "level"},
            (("level", "detail"),),
        ),
        EntityKind("DanhGia", ("official", "year"), ("rating",)),
        EntityKind(
            "SuKien",
            ("official", "kind", "date", "from_organization", "from_text", "to_organization", "to_text", "note"),
            ("programme",),
            {"from_text": "from_organization", "to_text": "to_organization"},
            (("from_organization", "from_text"), ("to_organization", "to_text")),
        ),
        EntityKind("QuyHoach", ("official", "title", "organization", "term"), ("approved_on", "removed_on")),
    )
}
PARTY_STATISTICS = EntityKind("DangVien", ("organization", "year"), PARTY_STATISTICS_COUNTS)
# Records tied to an organization: a limited user only sees (and may delete) those in the subtree.
ORGANIZATION_RECORDS = ("ChucVu", "QuyHoach")


@dataclass
class EntityChanges:
    kind: EntityKind
    changed_fields: tuple[str, ...] = ()  # the value fields an update writes
    creates: list[dict] = field(default_factory=list)
    updates: list[tuple[dict, dict]] = field(default_factory=list)  # (before, after), both with "id"
    deletes: list[dict] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.creates),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "deleted": len(self.deletes),
        }

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates or self.deletes)


@dataclass
class ChangePlan:
    entities: dict[str, EntityChanges]

    def __getitem__(self, sheet: str) -> EntityChanges:
        return self.entities[sheet]

    @property
    def has_changes(self) -> bool:
        return any(changes.has_changes for changes in self.entities.values())

    def summary(self) -> dict[str, dict[str, int]]:
        return {sheet.name: self.entities[sheet.name].counts() for sheet in SHEETS}


def empty_summary() -> dict[str, dict[str, int]]:
    return {sheet.name: dict.fromkeys(ACTIONS, 0) for sheet in SHEETS}


def plan_changes(
    wanted: WantedState, state: DatabaseState, in_scope: Callable[[str], bool] | None = None,
    covered: Callable[[str], bool] | None = None,
) -> ChangePlan:
    """Everything the workbook changes; `in_scope` limits which stored records may be touched,
    `covered` which stored positions and planning a sheet that lacks them deletes."""
    entities = {
        "ToChuc": _plan_matched(ORGANIZATION, wanted.organizations, lambda fields: state.organization(fields["code"]),
                                wanted.columns.get("ToChuc", set())),
        "CanBo": _plan_matched(OFFICIAL, wanted.officials, lambda fields: state.official(fields["code"]),
                               wanted.columns.get("CanBo", set())),
    }
    for sheet, kind in RECORD_KINDS.items():
        if sheet in wanted.records:
            stored = _stored_records(state, sheet, in_scope)
            may_delete = covered if covered is not None and sheet in ORGANIZATION_RECORDS else None
            entities[sheet] = _plan_records(kind, wanted, stored, may_delete)
        else:
            entities[sheet] = EntityChanges(kind)
    entities["DangVien"] = _plan_matched(
        PARTY_STATISTICS, wanted.party_statistics,
        lambda fields: state.party_statistic(fields["organization"], fields["year"]),
        wanted.columns.get("DangVien", set()),
    )
    return ChangePlan(entities)


def _plan_matched(
    kind: EntityKind, items: list[Item], find: Callable[[dict], dict | None], columns: set[str]
) -> EntityChanges:
    """Rows matched one to one with the stored row `find` gives (by code, or by organization and year)."""
    changes = EntityChanges(kind, kind.present(kind.value_fields, columns))
    for item in items:
        before = find(item.fields)
        if before is None:
            changes.creates.append(item.fields)
        else:
            _compare(changes, before, item.fields)
    return changes


def _compare(changes: EntityChanges, before: dict, wanted: dict) -> None:
    after = {**before, **{name: wanted[name] for name in changes.changed_fields}}
    after = changes.kind.keep_stored_text(before, after)
    if after == before:
        changes.unchanged += 1
    else:
        changes.updates.append((before, after))


def _stored_records(state: DatabaseState, sheet: str, in_scope) -> dict[str, list[dict]]:
    stored = state.records[sheet]
    if in_scope is None or sheet not in ORGANIZATION_RECORDS:
        return stored
    return {
        official: [row for row in rows if in_scope(row["organization"])]
        for official, rows in stored.items()
    }


def _plan_records(
    kind: EntityKind, wanted: WantedState, stored: dict[str, list[dict]], may_delete=None
) -> EntityChanges:
    columns = wanted.columns[kind.sheet]
    key_fields = kind.present(kind.key_fields, columns)
    changes = EntityChanges(kind, kind.present(kind.value_fields, columns))
    by_official: dict[str, list[Item]] = defaultdict(list)
    for item in wanted.records[kind.sheet]:
        by_official[item.fields["official"].upper()].append(item)
    for official in {*by_official, *wanted.listed_officials}:
        remaining = defaultdict(list)
        for row in stored.get(official, []):
            remaining[_key(kind, row, key_fields)].append(row)
        for item in by_official.get(official, []):
            matches = remaining.get(_key(kind, item.fields, key_fields))
            if matches:
                _compare(changes, matches.pop(0), item.fields)
            else:
                changes.creates.append(item.fields)
        if official in wanted.listed_officials:
            changes.deletes.extend(
                row for rows in remaining.values() for row in rows
                if may_delete is None or may_delete(row["organization"])
            )
    return changes


def listed_subtrees(listed: set[str], parents: dict[str, str | None]) -> Callable[[str], bool] | None:
    """Whether an organization is one of `listed` (upper-case codes) or below one, by `parents`
    (upper-case code -> upper-case parent code, after the import); None when nothing is listed."""
    if not listed:
        return None
    known: dict[str, bool] = {}

    def covered(code: str) -> bool:
        upper = code.upper()
        if upper not in known:
            chain, current, result = [], upper, False
            while current is not None and current not in chain:
                if current in listed or known.get(current):
                    result = True
                    break
                chain.append(current)
                current = parents.get(current)
            known.update(dict.fromkeys([upper, *chain], result))
        return known[upper]

    return covered


def _key(kind: EntityKind, fields: dict, names: tuple[str, ...]) -> tuple:
    """Codes are already spelled as stored, so plain equality matches.

    The free text of a pair whose code is set is left out: the workbook
    cannot carry it beside the code.
    """
    ignored = {text for code, text in kind.pairs if fields.get(code)}
    return tuple("" if name in ignored else fields[name] for name in names)


def describe_key(kind: EntityKind, fields: dict) -> str:
    """A readable key for the history: "TH0001 | DT.TH.TANHOCO | BT_DU | 2022-02-01"."""
    parts = [as_json_value(fields.get(name)) for name in kind.key_fields]
    return " | ".join(str(part) for part in parts if part not in (None, ""))[:200]


def as_json(fields: dict) -> dict:
    return {name: as_json_value(value) for name, value in fields.items() if name != "id"}


def as_json_value(value):
    return value.isoformat() if isinstance(value, dt.date) else value
