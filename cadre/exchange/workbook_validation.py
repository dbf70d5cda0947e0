"""Check every row of a workbook and turn it into the wanted state, or into problems.

The result describes rows with the workbook's vocabulary: organizations and
officials by code (as stored when they exist already), titles, qualification
types and levels by code, ethnic groups by name. Nothing is written here.

Rules beyond the cell types:

- codes are matched ignoring case; "Mã cấp trên", "Mã tổ chức", each code of
  "Kế thừa từ" and the official code of the record sheets must be in the
  workbook or the database;
- succession ("Kế thừa từ", codes separated by "," or ";"): an organization
  is not formed from itself, succession has no cycle (through the file and
  the database together), and a successor is not founded before one of its
  predecessors ceased (when both dates are known); "Nhóm" must be one of the
  categories of the row's kind (cadre.models.organizations.CATEGORIES_BY_KIND);
- "Quê quán", "Từ tổ chức" and "Đến tổ chức" are an organization code when
  one matches, free text otherwise;
- dates must exist and not be after today; an official must be 16 or older
  and have joined the party after birth; a CCCD has 12 digits and belongs to
  one official only;
- an end date before its start date is an error in every sheet with a date
  range (ToChuc, ChucVu, QuyHoach): it is never swapped, a typo must not
  become a longer position;
- a column whose header is not in the contract is ignored, with a notice
  (a misspelt optional header would otherwise drop its values silently);
- with a scope (a user below the whole database), every organization row, every
  predecessor it names and every organization a position or planning row
  points to must be inside the user's subtree, and so must every existing official the workbook touches.
  "Quê quán" and the two places of an event may lie outside: they say where
  someone comes from, and a district's own export names them. The user's
  scope root may appear only unchanged, and no organization may leave the
  subtree (cadre.organization_rules); a new official needs a ChucVu row in
  the same file; a CCCD or code held outside the scope is never attributed;
- DangVien (party-member statistics, an extension of the contract; see
  docs/data-model.md): its organization follows the rules of "Mã tổ chức"
  above (known, and inside the scope); the year lies between 1930 and this
  year and is given once per organization; counts are whole numbers from 0;
  probationary and female members are at most the members.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cadre.exchange.catalog_lookup import Catalogs, choice, choice_codes
from cadre.exchange.cell_values import to_citizen_id, to_count, to_term, to_text, to_year
from cadre.exchange.database_state import PARTY_STATISTICS_COUNTS, DatabaseState, chunks
from cadre.exchange.problems import Problem
from cadre.exchange.progress import Progress
from cadre.exchange.row_check import RowCheck
from cadre.exchange.workbook_reader import SheetData, WorkbookData
from cadre.models import (
    CareerEventKind,
    Gender,
    Official,
    Organization,
    OrganizationCategory,
    OrganizationForm,
    OrganizationKind,
    Rating,
    TrainingProgramme,
)
from cadre.models.organizations import CATEGORIES_BY_KIND, category_fits_kind
from cadre.organization_rules import ROOT_FIELDS, organization_write_problem
from cadre.scoping import path_is_within
from cadre.vietnamese import age_on, format_date_input

MINIMUM_AGE = 16
FIRST_RATING_YEAR = 1945
FIRST_STATISTICS_YEAR = 1930  # the Party's founding (PartyStatistics' own constraint)

# What a user limited to a subtree is told about a value held outside it: never whose it is.
CITIZEN_ID_USED_ELSEWHERE = "Số CCCD này đã được dùng cho một người khác ngoài phạm vi của bạn."


def official_code_used_message(code: str) -> str:
    return f"Mã cán bộ “{code}” đã được dùng, hãy chọn mã khác."


def citizen_id_owner_message(citizen_id: str, owner_code: str) -> str:
    """For an owner the user may see anyway (inside their scope, or any owner for the whole database)."""
    return f"Số CCCD “{citizen_id}” đã thuộc về cán bộ “{owner_code}”."


@dataclass
class Item:
    """One valid workbook row as field values."""

    row: int
    fields: dict


@dataclass
class WantedState:
    organizations: list[Item] = field(default_factory=list)
    officials: list[Item] = field(default_factory=list)
    records: dict[str, list[Item]] = field(default_factory=dict)  # by sheet name
    columns: dict[str, set[str]] = field(default_factory=dict)  # column keys present, by sheet name
    listed_officials: set[str] = field(default_factory=set)  # upper-case codes of the CanBo rows
    party_statistics: list[Item] = field(default_factory=list)  # DangVien rows (an extension sheet)


@dataclass
class Scope:
    """The subtree an import may touch; `root` None means the whole database."""

    root: Organization | None = None
    may_change_root: bool = False  # a superuser limited to a subtree may still edit its root

    @property
    def limited(self) -> bool:
        return self.root is not None


class WorkbookValidation:
    def __init__(
        self, workbook: WorkbookData, catalogs: Catalogs, state: DatabaseState, scope: Scope, today: dt.date,
        progress: Progress | None = None,
    ):
        """`progress`, when given, is in a phase counting the workbook's rows; each checked row advances it."""
        self.workbook = workbook
        self.progress = progress or Progress()
        self.catalogs = catalogs
        self.state = state
        self.scope = scope
        self.today = today
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.wanted = WantedState()
        self.file_organizations = self._codes_in(workbook.get("ToChuc"))
        self.file_officials = self._codes_in(workbook.get("CanBo"))
        self.final_parents: dict[str, str | None] = {}
        self.final_predecessors: dict[str, list[str]] = {}  # upper-case code -> upper-case codes, after the import
        self._in_scope: dict[str, bool] = {}
        self._visible_officials: set[int] | None = None

    @staticmethod
    def _codes_in(sheet: SheetData | None) -> dict[str, str]:
        """Upper-case code -> code as written, for the first row of each code."""
        codes: dict[str, str] = {}
        if sheet is not None:
            for row in sheet.rows:
                code = to_text(row.values.get("code"))
                if code:
                    codes.setdefault(code.upper(), code)
        return codes

    def run(self) -> WantedState:
        for name, sheet in self.workbook.sheets.items():
            self.wanted.columns[name] = set(sheet.headers)
            for header in sheet.ignored:
                self.warnings.append(Problem(
                    sheet.title, 1, header, f"Cột “{header}” không thuộc mẫu trao đổi nên được bỏ qua.",
                ))
        self._check_organizations(self.workbook.get("ToChuc"))
        self._find_visible_officials()
        self._check_officials(self.workbook.get("CanBo"))
        for name, check_row in (
            ("ChucVu", self._position),
            ("TrinhDo", self._qualification),
            ("DanhGia", self._evaluation),
            ("SuKien", self._event),
            ("QuyHoach", self._planning),
        ):
            sheet = self.workbook.get(name)
            if sheet is not None:
                self.wanted.records[name] = self._check_records(sheet, check_row)
        self._check_party_statistics(self.workbook.get("DangVien"))
        return self.wanted

    def _row(self, sheet: SheetData, row) -> RowCheck:
        return RowCheck(sheet, row, self.problems, self.today)

    # --- references ----------------------------------------------------------

    def organization_code(self, text: str) -> str | None:
        """The organization's code as stored (or as written when new), or None."""
        upper = text.upper()
        existing = self.state.organization(upper)
        if existing:
            return existing["code"]
        return self.file_organizations.get(upper)

    def official_code(self, text: str) -> str | None:
        upper = text.upper()
        pk = self.state.official_ids.get(upper)
        if pk is not None:
            return self.state.official_codes[pk]
        return self.file_officials.get(upper)

    def _organization_reference(
        self, check: RowCheck, key: str, *, label: str = "Mã tổ chức", text: str | None = None
    ) -> str | None:
        """The code of the organization the cell (or `text`, one code of it) names; a problem when unknown."""
        if text is None:
            text = check.text(key)
        if not text:
            return None
        code = self.organization_code(text)
        if code is None:
            check.fail(key, f"{label} “{text}” không có trong sheet ToChuc và chưa có trong cơ sở dữ liệu.")
        return code

    def _scoped_organization(self, check: RowCheck, key: str) -> str | None:
        code = self._organization_reference(check, key)
        if code and not self.in_scope(code):
            check.fail(key, f"Tổ chức “{code}” ngoài phạm vi quản lý của người nhập.")
        return code

    def _official_reference(self, check: RowCheck) -> str | None:
        text = check.text("official")
        if not text:
            return None
        code = self.official_code(text)
        if self.scope.limited and (code is None or not self._may_touch_official(code)):
            # One message whether the code is unknown or held outside the scope: it must not tell which.
            check.fail("official", f"Mã cán bộ “{text}” không dùng được: không phải cán bộ mới trong sheet CanBo, "
                                   "cũng không phải cán bộ trong phạm vi quản lý của bạn.")
        elif code is None:
            check.fail("official", f"Mã cán bộ “{text}” không có trong sheet CanBo và chưa có trong cơ sở dữ liệu.")
        return code

    def _place(self, text: str) -> tuple[str | None, str]:
        """An organization code if one matches, else free text: (code, text)."""
        if not text:
            return None, ""
        code = self.organization_code(text)
        return (code, "") if code else (None, text)

    # --- scope -------------------------------------------------------------

    def in_scope(self, code: str) -> bool:
        """Whether the organization lies in the user's subtree, after this import."""
        if not self.scope.limited:
            return True
        upper = code.upper()
        if upper not in self._in_scope:
            self._in_scope[upper] = self._reaches_scope_root(upper)
        return self._in_scope[upper]

    def _reaches_scope_root(self, upper: str) -> bool:
        root = self.scope.root.code.upper()
        existing_path = self.state.organization_paths.get(upper)
        if existing_path is not None and not path_is_within(existing_path, self.scope.root):
            return False  # an organization outside the subtree cannot be pulled into it
        seen = set()
        current: str | None = upper
        while current is not None and current not in seen:
            if current == root:
                return True
            seen.add(current)
            current = self.final_parents.get(current)
        return False

    def _find_visible_officials(self) -> None:
        """Ids of the existing officials in the file that the user may change."""
        if not self.scope.limited:
            return
        codes = set(self.file_officials)
        for name in ("ChucVu", "TrinhDo", "DanhGia", "SuKien", "QuyHoach"):
            sheet = self.workbook.get(name)
            if sheet is not None:
                codes.update(to_text(row.values.get("official")).upper() for row in sheet.rows)
        ids = [self.state.official_ids[code] for code in codes if code in self.state.official_ids]
        self._visible_officials = set()
        for chunk in chunks(ids):
            self._visible_officials.update(
                Official.objects.within(self.scope.root).filter(pk__in=chunk).values_list("pk", flat=True)
            )

    def _may_touch_official(self, code: str) -> bool:
        if self._visible_officials is None:
            return True
        pk = self.state.official_ids.get(code.upper())
        return pk is None or pk in self._visible_officials

    # --- ToChuc ------------------------------------------------------------

    def _check_organizations(self, sheet: SheetData | None) -> None:
        self.final_parents = {upper: (row["parent"] or "").upper() or None for upper, row in self.state.organizations.items()}
        self.final_predecessors = {
            upper: [code.upper() for code in row["predecessors"]] for upper, row in self.state.organizations.items()
        }
        if sheet is None:
            return
        first_rows: dict[str, int] = {}
        for row in sheet.rows:
            self.progress.advance()
            check = self._row(sheet, row)
            fields = self._organization_fields(check)
            written = to_text(row.values.get("code"))
            self._once(check, "code", written.upper(), first_rows, f"Mã tổ chức “{written}” bị lặp", whole_row=False)
            if check.ok:
                self.wanted.organizations.append(Item(row.number, fields))
                if sheet.has("parent"):
                    self.final_parents[fields["code"].upper()] = (fields["parent"] or "").upper() or None
                if sheet.has("predecessors"):
                    self.final_predecessors[fields["code"].upper()] = [code.upper() for code in fields["predecessors"]]
        for item in self.wanted.organizations:
            self._check_tree(sheet, item)
        file_rows = {item.fields["code"].upper(): item.fields for item in self.wanted.organizations}
        for item in self.wanted.organizations:
            self._check_succession(sheet, item, file_rows)

    def _organization_fields(self, check: RowCheck) -> dict:
        code = check.text("code")
        fields = {
            "code": self.organization_code(code) or code,
            "name": check.text("name"),
            "kind": check.lookup("kind", lambda text: choice(OrganizationKind, text),
                                 f"Loại tổ chức không hợp lệ: “{{value}}” (chấp nhận: {choice_codes(OrganizationKind)})."),
            "parent": self._organization_reference(check, "parent", label="Mã cấp trên"),
            "form": check.lookup("form", lambda text: choice(OrganizationForm, text),
                                 f"Hình thức không hợp lệ: “{{value}}” (chấp nhận: {choice_codes(OrganizationForm)}).") or "",
            "founded_on": check.date("founded_on"),
            "ceased_on": check.date("ceased_on"),
            "predecessors": self._predecessors(check, code),
        }
        fields["category"] = self._category(check, fields["kind"])
        check.ordered(fields["founded_on"], "ceased_on", fields["ceased_on"],
                      "Ngày giải thể ({end}) trước ngày thành lập ({start}).")
        return fields

    def _predecessors(self, check: RowCheck, code: str) -> list[str]:
        """The codes of "Kế thừa từ" as stored (or as written when new), sorted, each once."""
        found: set[str] = set()
        for text in split_codes(check.text("predecessors")):
            predecessor = self._organization_reference(check, "predecessors", label="Mã tổ chức tiền thân", text=text)
            if predecessor is None:
                continue
            if code and predecessor.upper() == code.upper():
                check.fail("predecessors", f"Tổ chức “{code}” không thể kế thừa từ chính nó.")
            else:
                found.add(predecessor)
        return sorted(found)

    def _category(self, check: RowCheck, kind: str | None) -> str:
        category = check.lookup("category", lambda text: choice(OrganizationCategory, text),
                                f"Nhóm không hợp lệ: “{{value}}” (chấp nhận: {choice_codes(OrganizationCategory)}).")
        if not category or kind is None:
            return category or ""
        if not category_fits_kind(category, kind):
            allowed = CATEGORIES_BY_KIND.get(kind, ())
            kind_label = OrganizationKind(kind).label
            accepted = (f"chấp nhận: {', '.join(allowed)}" if allowed
                        else "loại này không có nhóm, hãy để trống")
            check.fail("category", f"Nhóm “{category}” không dùng cho loại tổ chức {kind} ({kind_label}); {accepted}.")
        return category

    def _check_tree(self, sheet: SheetData, item: Item) -> None:
        code = item.fields["code"]
        upper = code.upper()
        cycle = self._cycle_from(upper)
        if cycle:
            self._problem(sheet, item.row, "parent", f"Mã cấp trên tạo thành vòng lặp: {' → '.join(cycle)}.")
        elif self.scope.limited:
            problem = self._organization_rule(sheet, item)
            if problem is not None:
                self._problem(sheet, item.row, problem.field, problem.message)

    def _organization_rule(self, sheet: SheetData, item: Item):
        """cadre.organization_rules for one ToChuc row, with the tree as it is after the import."""
        fields = item.fields
        upper = fields["code"].upper()
        before = self.state.organization(upper)
        if before is None:
            changed, existed_inside = list(ROOT_FIELDS), None
        else:
            changed = [name for name in ROOT_FIELDS
                       if name != "code" and sheet.has(name) and fields[name] != before[name]]
            existed_inside = path_is_within(self.state.organization_paths[upper], self.scope.root)
        parent = self.final_parents.get(upper)
        parent_code = fields["parent"] if sheet.has("parent") else (before or {}).get("parent")
        return organization_write_problem(
            root_code=self.scope.root.code,
            may_change_root=self.scope.may_change_root,
            code=fields["code"],
            existed_inside=existed_inside,
            changed=changed,
            parent_code=parent_code,
            parent_inside=parent is not None and self.in_scope(parent),
        )

    def _check_succession(self, sheet: SheetData, item: Item, file_rows: dict[str, dict]) -> None:
        """Scope, cycles and dates of one row's predecessors, with the file and the database together."""
        fields = item.fields
        upper = fields["code"].upper()
        if sheet.has("predecessors"):
            outside = [code for code in fields["predecessors"] if self.scope.limited and not self.in_scope(code)]
            for code in outside:
                self._problem(sheet, item.row, "predecessors",
                              f"Tổ chức tiền thân “{code}” ngoài phạm vi quản lý của người nhập.")
            if outside:
                return
            cycle = self._succession_cycle_from(upper)
            if cycle:
                self._problem(sheet, item.row, "predecessors",
                              f"Kế thừa từ tạo thành vòng lặp: {' → '.join(cycle)}.")
                return
        founded_on = self._final_value(upper, "founded_on", sheet, file_rows)
        if founded_on is None:
            return
        for predecessor in self.final_predecessors.get(upper, ()):
            ceased_on = self._final_value(predecessor, "ceased_on", sheet, file_rows)
            if ceased_on is not None and founded_on < ceased_on:
                key = "predecessors" if sheet.has("predecessors") else "founded_on"
                self._problem(sheet, item.row, key, (
                    f"Tổ chức “{fields['code']}” thành lập ngày {format_date_input(founded_on)} trước ngày giải thể "
                    f"của tổ chức tiền thân “{self.organization_code(predecessor) or predecessor}” "
                    f"({format_date_input(ceased_on)})."
                ))

    def _final_value(self, upper: str, name: str, sheet: SheetData, file_rows: dict[str, dict]):
        """A field of an organization after the import: the file's when its row and column are there."""
        if upper in file_rows and sheet.has(name):
            return file_rows[upper][name]
        return (self.state.organization(upper) or {}).get(name)

    def _succession_cycle_from(self, upper: str) -> list[str]:
        """A shortest chain of predecessors leading back to `upper` ([] when there is none)."""
        came_from: dict[str, str] = {}
        frontier = [upper]
        while frontier:
            following = []
            for current in frontier:
                for predecessor in self.final_predecessors.get(current, ()):
                    if predecessor == upper:
                        chain = [current]
                        while chain[-1] != upper:
                            chain.append(came_from[chain[-1]])
                        chain.reverse()
                        return [self.organization_code(code) or code for code in [*chain, upper]]
                    if predecessor not in came_from:
                        came_from[predecessor] = current
                        following.append(predecessor)
            frontier = following
        return []

    def _cycle_from(self, upper: str) -> list[str]:
        chain = [upper]
        current = self.final_parents.get(upper)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.final_parents.get(current)
        if current == upper:
            return [*chain, upper]
        return []

    def _problem(self, sheet: SheetData, row: int, key: str, message: str) -> None:
        self.problems.append(Problem(sheet.title, row, sheet.header(key), message))

    def _once(self, check: RowCheck, key: str, value, first_rows: dict, message: str, *, whole_row=True) -> None:
        """A value that must not repeat in the sheet; `message` names it.

        With `whole_row`, rows already found invalid are skipped: the value is
        built from several cells, some of which may be missing.
        """
        if not value or (whole_row and not check.ok):
            return
        if value in first_rows:
            check.fail(key, f"{message} (đã có ở dòng {first_rows[value]}).")
        else:
            first_rows[value] = check.number

    # --- CanBo -------------------------------------------------------------

    def _check_officials(self, sheet: SheetData | None) -> None:
        if sheet is None:
            return
        first_rows: dict[str, int] = {}
        citizen_rows: dict[str, int] = {}
        for row in sheet.rows:
            self.progress.advance()
            check = self._row(sheet, row)
            fields = self._official_fields(check)
            written = to_text(row.values.get("code"))
            self._once(check, "code", written.upper(), first_rows, f"Mã cán bộ “{written}” bị lặp", whole_row=False)
            if fields["citizen_id"]:
                self._once(check, "citizen_id", fields["citizen_id"], citizen_rows,
                           f"Số CCCD “{fields['citizen_id']}” bị lặp", whole_row=False)
                self._check_citizen_id_owner(check, fields)
            if fields["code"] and not self._may_touch_official(fields["code"]):
                check.fail("code", official_code_used_message(written))
            elif self.scope.limited and fields["code"] and fields["code"].upper() not in self.state.official_ids:
                self._require_position(check, written)
            if check.ok:
                self.wanted.officials.append(Item(row.number, fields))
                self.wanted.listed_officials.add(fields["code"].upper())

    def _official_fields(self, check: RowCheck) -> dict:
        code = check.text("code")
        fields = {
            "code": (self.official_code(code) or code) if code else "",
            "full_name": check.text("full_name"),
            "gender": check.lookup("gender", lambda text: choice(Gender, text), "Giới tính phải là Nam hoặc Nữ: “{value}”."),
            "birth_date": self._birth_date(check),
            "ethnic_group": self._ethnic_group(check),
            "citizen_id": check.convert("citizen_id", to_citizen_id),
        }
        fields["hometown_organization"], fields["hometown_text"] = self._place(check.text("hometown"))
        fields["party_joined_on"] = joined = check.date("party_joined_on")
        birth_date = fields["birth_date"]
        if birth_date and joined and joined <= birth_date:
            check.fail("party_joined_on", f"Ngày vào Đảng ({format_date_input(joined)}) phải sau ngày sinh.")
        return fields

    def _birth_date(self, check: RowCheck):
        birth_date = check.date("birth_date")
        if birth_date and age_on(birth_date, self.today) < MINIMUM_AGE:
            check.fail("birth_date", f"Chưa đủ {MINIMUM_AGE} tuổi (sinh ngày {format_date_input(birth_date)}).")
        return birth_date

    def _ethnic_group(self, check: RowCheck) -> str | None:
        group = check.lookup("ethnic_group", self.catalogs.ethnic_group,
                             "Dân tộc “{value}” không có trong danh mục 54 dân tộc.")
        return group.name if group else None

    def _check_citizen_id_owner(self, check: RowCheck, fields: dict) -> None:
        """A CCCD held by another official who is not in the sheet stays theirs."""
        owner = self.state.citizen_ids.get(fields["citizen_id"])
        if owner is None or owner.upper() == fields["code"].upper() or owner.upper() in self.file_officials:
            return
        if self.scope.limited and not Official.objects.within(self.scope.root).filter(code=owner).exists():
            check.fail("citizen_id", CITIZEN_ID_USED_ELSEWHERE)
        else:
            check.fail("citizen_id", citizen_id_owner_message(fields["citizen_id"], owner))

    def _require_position(self, check: RowCheck, code: str) -> None:
        """A new official must hold a position inside the scope, or nobody limited to it would see them.

        The ChucVu rows of the same file place them; each of those rows is checked to lie inside.
        """
        positions = self.workbook.get("ChucVu")
        upper = code.upper()
        if positions is not None and any(
            to_text(row.values.get("official")).upper() == upper for row in positions.rows
        ):
            return
        check.fail("code", f"Cán bộ mới phải có ít nhất một chức vụ tại tổ chức trong phạm vi quản lý của bạn: "
                           f"thêm dòng trong sheet ChucVu cho mã “{code}” trong cùng tệp.")

    # --- record sheets -----------------------------------------------------

    def _check_records(self, sheet: SheetData, check_row) -> list[Item]:
        items = []
        first_rows: dict[tuple, int] = {}
        for row in sheet.rows:
            self.progress.advance()
            check = self._row(sheet, row)
            fields = check_row(check, first_rows)
            if check.ok:
                items.append(Item(row.number, fields))
        return items

    def _position(self, check: RowCheck, first_rows: dict) -> dict:
        fields = {
            "official": self._official_reference(check),
            "organization": self._scoped_organization(check, "organization"),
            "title": self._title(check),
            "start_date": check.date("start_date"),
            "end_date": check.date("end_date"),
        }
        check.ordered(fields["start_date"], "end_date", fields["end_date"],
                      "Đến ngày ({end}) trước Từ ngày ({start}); hãy sửa lại ngày cho đúng.")
        key = (_upper(fields["official"]), _upper(fields["organization"]), fields["title"], fields["start_date"])
        self._once(check, "start_date", key, first_rows, "Chức vụ này của cán bộ bị lặp")
        return fields

    def _title(self, check: RowCheck) -> str | None:
        title = check.lookup("title", self.catalogs.title, "Chức vụ “{value}” không có trong danh mục chức vụ.")
        return title.code if title else None

    def _qualification(self, check: RowCheck, first_rows: dict) -> dict:
        official = self._official_reference(check)
        kind = check.lookup("qualification_type", self.catalogs.qualification_type,
                            f"Loại trình độ “{{value}}” không có trong danh mục (chấp nhận: {', '.join(self.catalogs.type_ids)}).")
        level, detail = self._level(check, kind.code if kind else None)
        fields = {
            "official": official,
            "qualification_type": kind.code if kind else None,
            "level": level,
            "detail": detail,
            "major": check.text("major"),
            "obtained_on": check.date("obtained_on"),
        }
        key = (_upper(official), fields["qualification_type"], level, detail, fields["obtained_on"])
        self._once(check, "level", key, first_rows, "Trình độ này của cán bộ bị lặp")
        return fields

    def _level(self, check: RowCheck, type_code: str | None) -> tuple[str | None, str]:
        """(level code, "") for a ranked type; (None, free text) otherwise."""
        text = check.text("level")
        if not text or type_code is None:
            return None, ""
        if type_code not in self.catalogs.ranked_types:
            return None, text
        level = self.catalogs.level(type_code, text)
        if level is None:
            check.fail("level", f"Trình độ “{text}” không có trong thang của loại {type_code} "
                                f"(chấp nhận: {self.catalogs.level_choices[type_code]}).")
            return None, ""
        return level.code, ""

    def _evaluation(self, check: RowCheck, first_rows: dict) -> dict:
        official = self._official_reference(check)
        year = check.convert("year", to_year)
        if year is not None and not FIRST_RATING_YEAR <= year <= self.today.year:
            check.fail("year", f"Năm {year} không hợp lệ (từ {FIRST_RATING_YEAR} đến năm nay).")
        rating = check.lookup("rating", lambda text: choice(Rating, text),
                              f"Xếp loại không hợp lệ: “{{value}}” (chấp nhận: {choice_codes(Rating)}).")
        self._once(check, "year", (_upper(official), year), first_rows, f"Cán bộ đã có xếp loại năm {year}")
        return {"official": official, "year": year, "rating": rating}

    def _event(self, check: RowCheck, first_rows: dict) -> dict:
        fields = {
            "official": self._official_reference(check),
            "kind": check.lookup("kind", lambda text: choice(CareerEventKind, text),
                                 f"Loại sự kiện không hợp lệ: “{{value}}” (chấp nhận: {choice_codes(CareerEventKind)})."),
            "date": check.date("date"),
        }
        fields["from_organization"], fields["from_text"] = self._place(check.text("from_organization"))
        fields["to_organization"], fields["to_text"] = self._place(check.text("to_organization"))
        fields["note"] = check.text("note")
        programme = check.lookup("programme", lambda text: choice(TrainingProgramme, text),
                                 f"Chương trình không hợp lệ: “{{value}}” (chấp nhận: {choice_codes(TrainingProgramme)}).")
        if programme and fields["kind"] and fields["kind"] != CareerEventKind.TRAINING:
            check.fail("programme", "Chương trình chỉ ghi cho sự kiện Cử đi học (CU_DI_HOC).")
        fields["programme"] = programme or ""
        return fields  # identical events may repeat: no uniqueness check

    def _planning(self, check: RowCheck, first_rows: dict) -> dict:
        fields = {
            "official": self._official_reference(check),
            "title": self._title(check),
            "organization": self._scoped_organization(check, "organization"),
            "term": check.convert("term", to_term),
            "approved_on": check.date("approved_on"),
            "removed_on": check.date("removed_on"),
        }
        check.ordered(fields["approved_on"], "removed_on", fields["removed_on"],
                      "Ngày đưa ra khỏi quy hoạch ({end}) trước ngày phê duyệt ({start}).")
        key = (_upper(fields["official"]), fields["title"], _upper(fields["organization"]), fields["term"])
        self._once(check, "term", key, first_rows, "Quy hoạch này của cán bộ bị lặp")
        return fields

    # --- DangVien (extension) ----------------------------------------------

    def _check_party_statistics(self, sheet: SheetData | None) -> None:
        if sheet is None:
            return
        first_rows: dict[tuple, int] = {}
        for row in sheet.rows:
            self.progress.advance()
            check = self._row(sheet, row)
            fields = self._party_statistic(check, first_rows)
            if check.ok:
                self.wanted.party_statistics.append(Item(row.number, fields))

    def _party_statistic(self, check: RowCheck, first_rows: dict) -> dict:
        """One organization's counts for one year; a count whose column the sheet lacks keeps its stored
        value (0 for a new row), and the dependent counts are compared with the members after the import."""
        organization = self._scoped_organization(check, "organization")
        year = check.convert("year", to_year)
        if year is not None and not FIRST_STATISTICS_YEAR <= year <= self.today.year:
            check.fail("year", f"Năm {year} không hợp lệ (từ {FIRST_STATISTICS_YEAR} đến năm nay).")
        self._once(check, "year", (_upper(organization), year), first_rows,
                   f"Tổ chức đã có số liệu đảng viên năm {year}")
        stored = self.state.party_statistic(organization, year) if organization and year is not None else None
        fields = {"organization": organization, "year": year}
        readable = True
        for name in PARTY_STATISTICS_COUNTS:
            if not check.sheet.has(name):
                fields[name] = (stored or {}).get(name, 0)
                continue
            problems = len(self.problems)
            fields[name] = check.convert(name, to_count) or 0
            readable = readable and len(self.problems) == problems
        for name, label in (("probationary", "Số đảng viên dự bị"), ("female", "Số đảng viên nữ")):
            if readable and fields[name] > fields["members"]:
                check.fail(name if check.sheet.has(name) else "members",
                           f"{label} ({fields[name]}) nhiều hơn tổng số đảng viên ({fields['members']}).")
        return fields


def split_codes(text: str) -> list[str]:
    """"A, b; C" -> ["A", "b", "C"]: the codes of a cell listing several, spaces trimmed, empty parts dropped."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _upper(code: str | None) -> str | None:
    return code.upper() if code else None
