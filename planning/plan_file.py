"""The plan file of docs/data-contract.md section 2: read and check it, before anything is written.

`read_plan(data)` returns a checked draft whose references (organization,
populations, indicators) are resolved to objects, or raises PlanFileError
with every problem found, each saying where it is, in Vietnamese.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from cadre.models import Organization, Population
from cadre.vietnamese import parse_date
from planning.conditions import (
    MAX_CONDITION_PARTS,
    UNIT_KINDS,
    ConditionCatalog,
    ConditionReader,
    condition_parts,
    mentions_same_unit,
)
from planning.models import Indicator, IndicatorKind, IndicatorParameterError, check_parameters

PLAN_KEYS = {"code", "title", "organization", "issued_on", "tables"}
TABLE_KEYS = {"number", "title", "population", "rows"}
ROW_KEYS = {"label", "indicator", "params", "parent", "targets"}
# The optional keys of "Conditions in plan rows" (planning/conditions.py reads them).
CONDITION_ROW_KEYS = {"where", "population", "unit", "multiple_of", "compare"}
COMPARISONS = ("delta_points",)
TARGET_KEYS = {"year", "value", "min", "max"}
MAX_PERCENT = Decimal("99999.99")
# A plan file is a few levels deep (plan > tables > rows > targets/params) and a few hundred kilobytes.
MAX_DEPTH = 20
MAX_FILE_BYTES = 5 * 1024 * 1024
TOO_DEEP = "Tệp kế hoạch lồng nhau quá sâu (quá {depth} cấp); hãy kiểm tra lại cấu trúc tệp."


class PlanFileError(ValueError):
    """The plan file cannot be imported; `problems` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class TargetDraft:
    year: int
    value: Decimal | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None


@dataclass
class RowDraft:
    label: str
    indicator: Indicator | None  # None only with a condition (`where`)
    params: dict
    parent: int | None  # 1-based index in the table's rows
    targets: list[TargetDraft] = field(default_factory=list)
    # Canonical JSON of the condition keys (planning/conditions.py); None / False / [] when absent.
    condition: dict | None = None
    population: str | dict | None = None
    unit: bool = False
    multiple_of: str | dict | None = None
    compare: list[str] = field(default_factory=list)


@dataclass
class TableDraft:
    number: str
    title: str
    population: Population | None  # None when the table's population is an object
    rows: list[RowDraft] = field(default_factory=list)
    # The object population (planning/conditions.py, canonical JSON) when the file gives one instead of a code.
    population_object: dict | None = None


@dataclass
class PlanDraft:
    code: str
    title: str
    organization: Organization
    issued_on: dt.date
    tables: list[TableDraft] = field(default_factory=list)


class _Reader:
    def __init__(self):
        self.problems: list[str] = []
        self.organizations = {}
        self.populations = {p.code.upper(): p for p in Population.objects.all()}
        self.indicators = {i.code.upper(): i for i in Indicator.objects.with_definitions()}
        self._conditions: ConditionReader | None = None

    @property
    def conditions(self) -> ConditionReader:
        """The reader of the condition keys, with its catalogs loaded on first use (old plans never load them)."""
        if self._conditions is None:
            self._conditions = ConditionReader(ConditionCatalog(self.populations, self.indicators), self.problem)
        return self._conditions

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def text(self, data: dict, key: str, where: str, label: str, max_length: int) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(where, f"thiếu {label} (“{key}”).")
            return ""
        value = value.strip()
        if len(value) > max_length:
            self.problem(where, f"{label} dài quá {max_length} ký tự.")
        return value

    def unknown_keys(self, data: dict, allowed: set[str], where: str) -> None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            self.problem(where, f"khóa không hợp lệ: {', '.join(unknown)} (chỉ dùng: {', '.join(sorted(allowed))}).")

    def percent(self, raw, where: str, key: str) -> Decimal | None:
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            self.problem(where, f"“{key}” phải là một số phần trăm, không phải “{raw}”.")
            return None
        try:
            value = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            self.problem(where, f"“{key}” phải là một số phần trăm, không phải “{raw}”.")
            return None
        if not value.is_finite() or value < 0 or value > MAX_PERCENT:
            self.problem(where, f"“{key}” = {raw} nằm ngoài khoảng cho phép (từ 0).")
            return None
        if value != value.quantize(Decimal("0.01")):
            self.problem(where, f"“{key}” = {raw} có quá 2 chữ số thập phân.")
            return None
        return value

    def read(self, data) -> PlanDraft | None:
        if not isinstance(data, dict):
            self.problem("", "Tệp kế hoạch phải là một đối tượng JSON (bắt đầu bằng “{”).")
            return None
        where = "Kế hoạch"
        self.unknown_keys(data, PLAN_KEYS, where)
        code = self.text(data, "code", where, "số hiệu", 40)
        title = self.text(data, "title", where, "trích yếu", 500)
        org_code = self.text(data, "organization", where, "mã tổ chức ban hành", 60)
        organization = None
        if org_code:
            organization = Organization.objects.filter(code__iexact=org_code).first()
            if organization is None:
                self.problem(where, f"không có tổ chức mã “{org_code}”.")
        issued_on = None
        issued_text = data.get("issued_on")
        if not isinstance(issued_text, str) or not issued_text.strip():
            self.problem(where, "thiếu ngày ban hành (“issued_on”, dạng YYYY-MM-DD).")
        else:
            try:
                issued_on = parse_date(issued_text)
            except ValueError as error:
                self.problem(where, f"ngày ban hành: {error}")
        tables = data.get("tables")
        drafts = []
        if not isinstance(tables, list) or not tables:
            self.problem(where, "phải có ít nhất một biểu (“tables”).")
        else:
            numbers = set()
            for index, table in enumerate(tables, start=1):
                draft = self.read_table(table, index)
                if draft is not None:
                    if draft.number.upper() in numbers:
                        self.problem(f"Biểu thứ {index}", f"số biểu “{draft.number}” bị trùng.")
                    numbers.add(draft.number.upper())
                    drafts.append(draft)
        if self.problems:
            return None
        return PlanDraft(code=code, title=title, organization=organization, issued_on=issued_on, tables=drafts)

    def read_table(self, data, index: int) -> TableDraft | None:
        where = f"Biểu thứ {index}"
        if not isinstance(data, dict):
            self.problem(where, "phải là một đối tượng JSON.")
            return None
        self.unknown_keys(data, TABLE_KEYS, where)
        number = self.text(data, "number", where, "số biểu", 20)
        if number:
            where = f"Biểu thứ {index} (“{number}”)"
        title = self.text(data, "title", where, "tên biểu", 300)
        population, population_object = None, None
        if data.get("population") is None or isinstance(data["population"], str):
            population_code = self.text(data, "population", where, "mã đối tượng", 40)
            population = self.populations.get(population_code.upper()) if population_code else None
            if population_code and population is None:
                self.problem(where, (
                    f"không có đối tượng mã “{population_code}” (có: {', '.join(sorted(self.populations))})."
                ))
        else:  # an object, as a row's population (planning/conditions.py)
            population_object = self.conditions.population(data["population"], f"{where}, “population”")
        rows = data.get("rows")
        drafts = []
        if not isinstance(rows, list):
            self.problem(where, "thiếu danh sách dòng (“rows”).")
        else:
            table_population = population.code if population is not None else population_object
            for row_index, row in enumerate(rows, start=1):
                drafts.append(self.read_row(row, row_index, len(rows), where, table_population))
        return TableDraft(number=number, title=title, population=population, rows=drafts,
                          population_object=population_object)

    def read_row(self, data, index: int, count: int, table_where: str,
                 table_population: str | dict | None = None) -> RowDraft | None:
        where = f"{table_where}, dòng {index}"
        if not isinstance(data, dict):
            self.problem(where, "phải là một đối tượng JSON.")
            return None
        self.unknown_keys(data, ROW_KEYS | CONDITION_ROW_KEYS, where)
        label = self.text(data, "label", where, "nội dung dòng", 300)
        has_where = data.get("where") is not None
        indicator = None
        if has_where and data.get("indicator") is None:
            indicator_code = ""  # optional with a condition: the row counts who satisfies it
        else:
            indicator_code = self.text(data, "indicator", where, "mã chỉ tiêu", 40)
        indicator = self.indicators.get(indicator_code.upper()) if indicator_code else None
        if indicator_code and indicator is None:
            self.problem(where, f"không có chỉ tiêu mã “{indicator_code}”.")
        params = data.get("params") or {}
        if indicator is not None:
            try:
                check_parameters(indicator, params)
            except IndicatorParameterError as error:
                self.problem(where, str(error))
        elif params and has_where:
            self.problem(where, "“params” là tham số của chỉ tiêu; dòng không có “indicator” thì không dùng “params”.")
        if isinstance(table_population, dict) and indicator is not None:
            self.check_object_table_indicator(data, where, indicator, table_population)
        conditions = self.read_row_conditions(data, where, indicator, table_population)
        parent = data.get("parent")
        if parent is not None:
            if isinstance(parent, bool) or not isinstance(parent, int) or not 1 <= parent < index:
                self.problem(where, (
                    f"“parent” phải là số thứ tự (từ 1) của một dòng đứng trước trong cùng biểu, không phải “{parent}”."
                ))
                parent = None
        targets = data.get("targets") or []
        drafts = []
        if not isinstance(targets, list):
            self.problem(where, "“targets” phải là một danh sách.")
        else:
            years = set()
            for target_index, target in enumerate(targets, start=1):
                draft = self.read_target(target, f"{where}, mục tiêu {target_index}")
                if draft is None:
                    continue
                if draft.year in years:
                    self.problem(where, f"có hai mục tiêu cho năm {draft.year}.")
                years.add(draft.year)
                drafts.append(draft)
        return RowDraft(label=label, indicator=indicator, params=params if isinstance(params, dict) else {},
                        parent=parent, targets=drafts, **conditions)

    def check_object_table_indicator(self, data: dict, where: str, indicator: Indicator, table_population: dict) -> None:
        """A row of a table whose population is an object: its rows are counted over that object (reports/
        conditions.py), which has no rating window and, without `unit_kind`, no units."""
        if indicator.kind == IndicatorKind.RATING:
            self.problem(where, (
                f"chỉ tiêu {indicator.code} tính theo lượt đánh giá, chỉ dùng trong biểu có mã đối tượng "
                "(ví dụ CB_XA), không dùng trong biểu có đối tượng theo chức vụ hay quy hoạch."
            ))
        elif (indicator.kind == IndicatorKind.UNIT and data.get("population") is None
              and not table_population.get("unit_kind")):
            self.problem(where, (
                f"chỉ tiêu {indicator.code} tính theo đơn vị: đối tượng của biểu cần “unit_kind” (XA hoặc CO_QUAN)."
            ))

    def read_row_conditions(self, data: dict, where: str, indicator: Indicator | None,
                            table_population: str | dict | None) -> dict:
        """The row's condition keys as canonical JSON (data-contract section 2, "Conditions in plan rows")."""
        given = [key for key in sorted(CONDITION_ROW_KEYS) if data.get(key) is not None]
        if not given:
            return {}
        if indicator is not None and indicator.kind == IndicatorKind.RATING:
            refused = [key for key in ("where", "unit", "population") if key in given]
            if refused:
                self.problem(where, (
                    f"chỉ tiêu {indicator.code} tính theo lượt đánh giá, không dùng "
                    + ", ".join(f"“{key}”" for key in refused) + "."
                ))
        reader = self.conditions
        result: dict = {}
        population = None
        if "population" in given:
            population = reader.population(data["population"], f"{where}, “population”")
            result["population"] = population
        unit = data.get("unit", False)
        if not isinstance(unit, bool):
            self.problem(where, f"“unit” phải là true hoặc false, không phải “{unit}”.")
            unit = False
        result["unit"] = unit
        unit_kind = reader.unit_kind_of(population if "population" in given else table_population)
        if "population" in given and population is None:
            unit_kind = "?"  # the population is wrong already: say nothing more about its unit kind
        if unit and unit_kind is None:
            self.problem(where, "dòng tính theo đơn vị (“unit”: true) cần đối tượng có loại đơn vị (“unit_kind”: XA hoặc CO_QUAN).")
        if indicator is not None and indicator.kind == IndicatorKind.UNIT and "population" in given and unit_kind is None:
            self.problem(where, f"chỉ tiêu {indicator.code} tính theo đơn vị: đối tượng cần “unit_kind” (XA hoặc CO_QUAN).")
        if "where" in given:
            condition = reader.condition(data["where"], f"{where}, điều kiện “where”")
            if condition_parts(condition) > MAX_CONDITION_PARTS:
                self.problem(where, (
                    f"điều kiện “where” có {condition_parts(condition)} điều kiện con, quá {MAX_CONDITION_PARTS}; "
                    "hãy tách thành nhiều dòng."
                ))
                condition = None
            if condition is not None and mentions_same_unit(condition) and unit_kind is None:
                self.problem(where, (
                    "điều kiện dùng “same_unit” (cùng đơn vị) nhưng đối tượng của dòng không có đơn vị: "
                    "hãy ghi “unit_kind” (XA hoặc CO_QUAN) cho đối tượng."
                ))
            elif condition is not None and mentions_same_unit(condition) and unit_kind not in (*UNIT_KINDS, "?"):
                # A catalog population of district posts (BCH_HUYEN: HUYEN): no XA or CO_QUAN at or above its
                # posts, so "the same unit" would never hold.
                self.problem(where, (
                    f"điều kiện dùng “same_unit” (cùng đơn vị) nhưng đối tượng của dòng có loại đơn vị {unit_kind}, "
                    "không phải đơn vị xã hay cơ quan: hãy dùng đối tượng theo chức vụ với “unit_kind” XA hoặc CO_QUAN."
                ))
            result["condition"] = condition
        if "multiple_of" in given:
            result["multiple_of"] = reader.population(data["multiple_of"], f"{where}, “multiple_of”")
        if "compare" in given:
            compare = data["compare"]
            if not isinstance(compare, list) or not all(isinstance(item, str) for item in compare) or (
                set(compare) - set(COMPARISONS)
            ):
                self.problem(where, f"“compare” phải là một danh sách trong: {', '.join(COMPARISONS)}, không phải “{compare}”.")
                compare = []
            result["compare"] = sorted(set(compare))
        return result

    def read_target(self, data, where: str) -> TargetDraft | None:
        if not isinstance(data, dict):
            self.problem(where, "phải là một đối tượng JSON, ví dụ {\"year\": 2025, \"value\": 50}.")
            return None
        self.unknown_keys(data, TARGET_KEYS, where)
        year = data.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or not 1945 <= year <= 2100:
            self.problem(where, f"“year” phải là một năm (ví dụ 2025), không phải “{year}”.")
            year = None
        present = [key for key in ("value", "min", "max") if data.get(key) is not None]
        if not present:
            self.problem(where, "cần “value”, “min”, “max” hoặc cả “min” và “max”.")
            return None
        if "value" in present and len(present) > 1:
            self.problem(where, "“value” không dùng cùng “min” hay “max”.")
            return None
        values = {key: self.percent(data[key], where, key) for key in present}
        if any(value is None for value in values.values()) or year is None:
            return None
        if "min" in values and "max" in values and values["min"] > values["max"]:
            self.problem(where, f"“min” ({data['min']}) lớn hơn “max” ({data['max']}).")
            return None
        return TargetDraft(year=year, value=values.get("value"), min_value=values.get("min"),
                           max_value=values.get("max"))


def check_depth(data, limit: int = MAX_DEPTH) -> None:
    """Raise PlanFileError when lists and objects nest deeper than `limit` (checked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                raise PlanFileError([TOO_DEEP.format(depth=limit)])
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def read_plan(data) -> PlanDraft:
    """Check a parsed plan file; return the draft or raise PlanFileError with every problem."""
    check_depth(data)
    reader = _Reader()
    draft = reader.read(data)
    if reader.problems or draft is None:
        raise PlanFileError(reader.problems)
    return draft
