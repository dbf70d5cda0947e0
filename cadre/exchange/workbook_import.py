"""Import the exchange workbook (data contract, section 1): all or nothing.

    result = import_workbook(uploaded_file, user=request.user)
    if not result.ok:
        for problem in result.problems: ...   # sheet, row, column, Vietnamese message

Steps, each in its own module:

1. `workbook_reader` reads the file: sheets, headers, raw rows. Unknown
   sheets, missing required sheets or columns, and files that are not .xlsx
   stop here. Extra columns are ignored.
2. `workbook_validation` checks every row against the catalogs and the
   database and collects every problem at once.
3. `change_plan` compares with the database (see its docstring for the
   natural keys and for how a record sheet replaces an official's records).
4. `change_writer` writes everything in one transaction, with an
   ImportBatch and one ChangeRecord per created, updated or deleted row.

Nothing is written when there is any problem, on a dry run, or when the
workbook changes nothing (re-importing the same file creates no batch).
Warnings (`result.warnings`) do not stop the import and are returned with
the problems too. `result.changes` lists every change field by field
(`change_list`), on a dry run and on a write alike. The database is read
before the transaction; should a concurrent change then break a constraint,
the transaction is rolled back and the result carries one problem.

`progress`, when given, is called as progress(done, total, step, unit) while
the import runs (the web page's progress bar): `step` names the phase in
Vietnamese ("Bước 2/3: kiểm tra từng dòng"), done/total count its units
(bytes of the sheets while reading, rows of the file while checking, rows
written, history included, while writing) and `unit` names them when the
count means something to a user ("dòng": rows of the file), else "".
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.utils import timezone

from cadre.db_maintenance import refresh_statistics
from cadre.exchange.catalog_lookup import Catalogs
from cadre.exchange.cell_values import to_text
from cadre.exchange.change_list import ChangeLine, change_lines
from cadre.exchange.change_plan import empty_summary, listed_subtrees, plan_changes
from cadre.exchange.change_writer import rows_to_write, write_changes
from cadre.exchange.database_state import DatabaseState
from cadre.exchange.problems import Problem
from cadre.exchange.progress import Progress, ProgressCallback
from cadre.exchange.workbook_format import SHEETS, sheet_for
from cadre.exchange.workbook_reader import WorkbookData, read_workbook
from cadre.exchange.workbook_validation import Scope, WorkbookValidation
from cadre.models import ImportBatch
from cadre.scoping import NoScope, user_scope

__all__ = ["ImportResult", "Problem", "import_workbook"]


@dataclass
class ImportResult:
    problems: list[Problem]
    summary: dict[str, dict[str, int]]  # sheet name -> created / updated / unchanged / deleted
    batch: ImportBatch | None = None  # set when the import was written and changed something
    warnings: list[Problem] = field(default_factory=list)
    changes: list[ChangeLine] = field(default_factory=list)  # every change, field by field (change_list)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_workbook(
    source, *, user=None, dry_run=False, file_name=None, progress: ProgressCallback | None = None
) -> ImportResult:
    """Validate the whole workbook, then write it in one transaction (unless dry_run).

    `source` is a path or a binary file object. With a `user`, the import is
    limited to the user's organization subtree (none for a superuser without
    an organization).
    """
    steps = 2 if dry_run else 3
    reporter = Progress(progress)
    workbook, problems = read_workbook(source, reporter, f"Bước 1/{steps}: đọc tệp")
    if problems:
        return _failed(problems)
    try:
        scope = Scope(user_scope(user), bool(getattr(user, "is_superuser", False))) if user is not None else Scope()
    except NoScope:
        return _failed([Problem("", None, None, "Tài khoản chưa được gán tổ chức nên không được nhập dữ liệu.")])

    rows = sum(len(sheet.rows) for sheet in workbook.sheets.values())
    reporter.phase(f"Bước 2/{steps}: kiểm tra từng dòng", rows, unit="dòng")
    catalogs = Catalogs()
    state = DatabaseState(catalogs, _official_codes(workbook), party_statistics=workbook.get("DangVien") is not None)
    validation = WorkbookValidation(workbook, catalogs, state, scope, timezone.localdate(), reporter)
    wanted = validation.run()
    if validation.problems:
        return _failed(validation.problems, validation.warnings)

    listed = {item.fields["code"].upper() for item in wanted.organizations}
    plan = plan_changes(
        wanted, state, validation.in_scope if scope.limited else None,
        covered=listed_subtrees(listed, validation.final_parents),
    )
    # One person per one-person title, no position twice (cadre.position_rules): duplicates stop the import,
    # the other collisions are notices the user reads before committing.
    position_errors, position_notices = position_conflicts(plan["ChucVu"], wanted.records.get("ChucVu", []))
    if position_errors:
        return _failed(position_errors, validation.warnings + position_notices)
    validation.warnings.extend(position_notices)
    result = ImportResult(
        [], plan.summary(), warnings=_in_order(validation.warnings), changes=change_lines(plan, wanted, state)
    )
    if dry_run or not plan.has_changes:
        return result
    reporter.phase(f"Bước 3/{steps}: ghi vào cơ sở dữ liệu", rows_to_write(plan))
    try:
        result.batch = write_changes(
            plan, state, catalogs, user=_saved_user(user), file_name=file_name or _name_of(source), progress=reporter
        )
    except DatabaseError:  # a concurrent change broke a constraint: nothing was written
        # The database's own text could name another scope's values: the user gets none of it.
        return _failed([Problem("", None, None, "Không ghi được dữ liệu vì cơ sở dữ liệu vừa được thay đổi cùng lúc "
                                                "(ví dụ trùng mã cán bộ hoặc số CCCD); chưa có thay đổi nào được lưu. "
                                                "Hãy kiểm tra lại rồi nhập lại tệp.")])
    refresh_statistics()  # SQLite's planner statistics, once committed (cadre.db_maintenance)
    return result


def position_conflicts(changes, items) -> tuple[list[Problem], list[Problem]]:
    from cadre.models import PositionTitle
    from cadre.position_rules import import_conflicts

    single = set(PositionTitle.objects.filter(is_single_holder=True).values_list("code", flat=True))
    return import_conflicts(changes, items, single)


def _failed(problems: list[Problem], warnings: list[Problem] | None = None) -> ImportResult:
    return ImportResult(_in_order(problems), empty_summary(), None, _in_order(warnings or []))


def _in_order(problems: list[Problem]) -> list[Problem]:
    """File problems first, then by sheet in the contract's order, then by row."""
    order = {sheet.name: index for index, sheet in enumerate(SHEETS, start=1)}

    def position(problem: Problem):
        sheet = sheet_for(problem.sheet) if problem.sheet else None
        rank = order[sheet.name] if sheet else (0 if not problem.sheet else len(order) + 1)
        return rank, problem.row or 0

    return sorted(problems, key=position)


def _official_codes(workbook: WorkbookData) -> set[str]:
    """Upper-case codes of every official the workbook names, in any sheet."""
    codes = set()
    for name, sheet in workbook.sheets.items():
        key = "code" if name == "CanBo" else "official"
        if name in ("ToChuc", "DangVien"):  # sheets of organizations only
            continue
        codes.update(to_text(row.values.get(key)).upper() for row in sheet.rows)
    codes.discard("")
    return codes


def _name_of(source) -> str:
    name = source if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "") or ""
    return os.path.basename(os.fspath(name)) or "workbook.xlsx"


def _saved_user(user):
    return user if user is not None and getattr(user, "pk", None) else None
