"""A change plan as a list a person can check: who, which field, old → new.

Each line names the official (or organization) a change belongs to, the
sheet, the record (its key columns, for the record sheets) and, for an
update, one changed column with its old and new value. Column names are the
workbook's headers and values are written as the workbook writes them
(codes, "Nam"/"Nữ", dates dd/mm/yyyy), so a line can be found in the file.
A new or deleted row is one line that lists its filled columns.

    lines = change_lines(plan, wanted, state)
    print(lines[0].text)    # "Họ và tên: Nguyễn Văn A → Nguyễn Văn B"
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from cadre.exchange.change_plan import ChangePlan, EntityChanges, EntityKind
from cadre.exchange.database_state import DatabaseState
from cadre.exchange.workbook_format import SHEETS, SheetFormat
from cadre.exchange.workbook_validation import WantedState
from cadre.models import Gender
from cadre.vietnamese import format_date_input

EMPTY = "(trống)"
ACTION_WORDS = {"created": "Thêm", "updated": "Sửa", "deleted": "Xóa"}
_FORMATS = {sheet.name: sheet for sheet in SHEETS}
_ORDER = {sheet.name: index for index, sheet in enumerate(SHEETS)}
_GENDERS = dict(Gender.choices)


@dataclass(frozen=True)
class ChangeLine:
    sheet: str  # the contract's sheet name
    action: str  # created, updated, deleted
    subject: str  # "PT001 Nguyễn Văn An" or "LC.PT Huyện ủy Phong Thổ"
    record: str = ""  # the record's key columns (record sheets only)
    field: str = ""  # the column's header, for an update
    old: str = ""
    new: str = ""

    @property
    def sheet_title(self) -> str:
        return _FORMATS[self.sheet].title

    @property
    def text(self) -> str:
        """"Họ và tên: A → B" for an update; "Thêm: Mã tổ chức: X; …" for a new or deleted row."""
        if self.action == "updated":
            return f"{self.field}: {self.old or EMPTY} → {self.new or EMPTY}"
        return f"{ACTION_WORDS[self.action]}: {self.old or self.new}"

    def as_dict(self) -> dict:
        return {**asdict(self), "sheet_title": self.sheet_title, "text": self.text}

    def __str__(self) -> str:
        where = f"{self.subject} · {self.sheet_title}"
        if self.record:
            where += f" ({self.record})"
        return f"{where} · {self.text}"


def change_lines(plan: ChangePlan, wanted: WantedState, state: DatabaseState) -> list[ChangeLine]:
    """Every created, updated or deleted row of the plan, by organization, then official, then sheet."""
    names = _official_names(wanted, state)
    organization_names = _organization_names(wanted, state)
    lines: list[tuple[tuple, ChangeLine]] = []
    for sheet, changes in plan.entities.items():
        describer = _Describer(changes.kind, organization_names if sheet == "DangVien" else names)
        for position, line in enumerate(describer.lines(changes)):
            lines.append(((sheet != "ToChuc", line.subject.upper(), _ORDER[sheet], position), line))
    lines.sort(key=lambda pair: pair[0])
    return [line for _, line in lines]


def _official_names(wanted: WantedState, state: DatabaseState) -> dict[str, str]:
    names = {code: fields["full_name"] for code, fields in state.officials.items()}
    names.update((item.fields["code"].upper(), item.fields["full_name"]) for item in wanted.officials)
    return names


def _organization_names(wanted: WantedState, state: DatabaseState) -> dict[str, str]:
    names = {code: fields["name"] for code, fields in state.organizations.items()}
    names.update((item.fields["code"].upper(), item.fields["name"]) for item in wanted.organizations)
    return names


class _Describer:
    def __init__(self, kind: EntityKind, names: dict[str, str]):
        """`names`: the names of the officials (of the organizations, for DangVien) by upper-case code."""
        self.kind = kind
        self.format: SheetFormat = _FORMATS[kind.sheet]
        self.names = names
        self._fields_of_column: dict[tuple, list[str]] = {}  # (column key, the row's field names) -> fields

    @property
    def subject_field(self) -> str:
        """The field naming whom a record sheet's row belongs to."""
        return "organization" if self.kind.sheet == "DangVien" else "official"

    def lines(self, changes: EntityChanges):
        for fields in changes.creates:
            yield self._whole_row("created", fields)
        for before, after in changes.updates:
            for column in self._columns(changes.changed_fields):
                old, new = self.cell(before, column), self.cell(after, column)
                if old != new:
                    yield ChangeLine(
                        self.kind.sheet, "updated", self.subject(after), self.record(after),
                        self.format.column(column).header, old, new,
                    )
        for fields in changes.deletes:
            yield self._whole_row("deleted", fields)

    def _whole_row(self, action: str, fields: dict) -> ChangeLine:
        shown = [column.key for column in self.format.columns if column.key not in (self.subject_field, "code")]
        row = self._describe(fields, shown)
        old, new = (row, "") if action == "deleted" else ("", row)
        return ChangeLine(self.kind.sheet, action, self.subject(fields), "", "", old, new)

    def _columns(self, field_names) -> list[str]:
        """The column keys of these fields, each once, in the sheet's order."""
        keys = {self.kind.column_key(name) for name in field_names}
        return [column.key for column in self.format.columns if column.key in keys]

    def subject(self, fields: dict) -> str:
        if self.kind.sheet == "ToChuc":
            code, name = fields["code"], fields["name"]
        elif self.kind.sheet == "CanBo":
            code, name = fields["code"], fields["full_name"]
        else:
            code = fields[self.subject_field]
            name = self.names.get(code.upper(), "")
        return f"{code} {name}".strip()

    def record(self, fields: dict) -> str:
        if self.kind.sheet in ("ToChuc", "CanBo"):
            return ""
        keys = self._columns(name for name in self.kind.key_fields if name != self.subject_field)
        return self._describe(fields, keys)

    def _describe(self, fields: dict, column_keys) -> str:
        parts = []
        for key in column_keys:
            value = self.cell(fields, key)
            if value:
                parts.append(f"{self.format.column(key).header}: {value}")
        return "; ".join(parts)

    def cell(self, fields: dict, column_key: str) -> str:
        """The value as the workbook's cell shows it: a pair gives its code, else its text."""
        names = self._fields_of_column.get((column_key, tuple(fields)))
        if names is None:  # the same for every row of a sheet: found once (a province workbook has 150,000 rows)
            pair = next((pair for pair in self.kind.pairs if self.kind.column_key(pair[0]) == column_key), None)
            names = pair or [name for name in fields if name != "id" and self.kind.column_key(name) == column_key]
            self._fields_of_column[(column_key, tuple(fields))] = names
        value = next((fields.get(name) for name in names if fields.get(name) not in (None, "")), None)
        return format_cell(self.kind.sheet, column_key, value)


def format_cell(sheet: str, column_key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # the codes of "Kế thừa từ"
        return ", ".join(value)
    if isinstance(value, dt.date):
        return format_date_input(value)
    if sheet == "CanBo" and column_key == "gender":
        return _GENDERS.get(value, value)
    return str(value)
