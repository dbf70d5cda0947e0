"""The condition language of plan rows (docs/data-contract.md section 2, "Conditions in plan rows").

Reading only: a row's `where`, `population` and `multiple_of` are checked against the catalogs
and turned into their canonical JSON (codes in upper case, lists of codes sorted and without
repeats, dates as YYYY-MM-DD), which is what the plan row stores and what the report engine
(reports/conditions.py) compiles. Every problem is reported through `problem(where, message)`,
in Vietnamese, with where it is; nothing is raised.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from cadre.models import EthnicGroup, Population, PositionTitle, QualificationType
from cadre.models.organizations import OrganizationCategory, OrganizationForm, OrganizationKind
from cadre.models.records import CareerEventKind, TrainingProgramme
from cadre.vietnamese import parse_date
from planning.models import Indicator, IndicatorKind, IndicatorParameterError, check_parameters

SAME_UNIT, SCOPE = "same_unit", "scope"
UNIT_KINDS = (OrganizationKind.COMMUNE.value, OrganizationKind.AGENCY.value)
QUAL_COMPARISONS = ("eq", "in", "gte", "lt", "none")
ETHNICITY_COMPARISONS = ("eq", "ne", "in")
TERM_PATTERN = re.compile(r"^(\d{4})-(\d{4})$")
CONDITION_NAMES = ("all", "any", "not", "indicator", "qual", "gender", "age", "ethnicity", "party_member",
                   "holds", "event", "hometown")
MAX_AGE = 150
# A row's condition becomes one SQL expression: a bound on its size keeps a plan file from asking for a
# statement the database would spend minutes planning.
MAX_CONDITION_PARTS = 100


def mentions_same_unit(condition) -> bool:
    """True when a canonical condition evaluates something at the unit of a population post."""
    if not isinstance(condition, dict):
        return False
    if "all" in condition or "any" in condition:
        return any(mentions_same_unit(part) for part in condition.get("all") or condition.get("any"))
    if "not" in condition:
        return mentions_same_unit(condition["not"])
    if "holds" in condition:
        return condition["holds"]["at"] == SAME_UNIT
    return "hometown" in condition


def describe_population(population: dict, title_names: Mapping[str, str]) -> str:
    """A canonical population object in Vietnamese, for where a page names a table's population:
    "Người giữ chức vụ Trưởng phòng (loại tổ chức: Cơ quan, đơn vị)", "Quy hoạch Bí thư Đảng ủy xã,
    nhiệm kỳ 2025-2030". `title_names`: {title code: name}; a code not in it is written as is."""
    titles = ", ".join(title_names.get(code, code) for code in population.get("positions")
                       or population.get("planned_for") or [])
    if "planned_for" in population:
        return f"Quy hoạch {titles}, nhiệm kỳ {', '.join(population.get('terms', []))}"
    at = population.get("at") or {}
    selectors = [
        f"{what}: {' hoặc '.join(str(labels.get(code, code)) for code in at[key])}"
        for key, what, labels in (
            ("kind", "loại tổ chức", dict(OrganizationKind.choices)),
            ("form", "hình thức tổ chức", dict(OrganizationForm.choices)),
            ("group", "nhóm", dict(OrganizationCategory.choices)),
        )
        if at.get(key)
    ]
    return f"Người giữ chức vụ {titles}" + (f" ({'; '.join(selectors)})" if selectors else "")


def condition_parts(condition) -> int:
    """How many conditions a canonical tree holds (itself included)."""
    if not isinstance(condition, dict):
        return 0
    parts = condition.get("all") or condition.get("any") or ([condition["not"]] if "not" in condition else [])
    return 1 + sum(condition_parts(part) for part in parts)


class ConditionCatalog:
    """The catalogs a condition names, loaded once per plan file (five queries)."""

    def __init__(self, populations: dict[str, Population] | None = None,
                 indicators: dict[str, Indicator] | None = None):
        self.titles = set(PositionTitle.objects.values_list("code", flat=True))
        self.populations = populations if populations is not None else {
            population.code.upper(): population for population in Population.objects.all()
        }
        self.indicators = indicators if indicators is not None else {
            indicator.code.upper(): indicator for indicator in Indicator.objects.with_definitions()
        }
        self.qualifications = {
            qualification_type.code: qualification_type
            for qualification_type in QualificationType.objects.prefetch_related("levels")
        }
        self.ethnic_groups = EthnicGroup.objects.all().by_name()


class ConditionReader:
    """Reads the new keys of plan rows; `problem(where, message)` collects what is wrong."""

    def __init__(self, catalog: ConditionCatalog, problem: Callable[[str, str], None]):
        self.catalog = catalog
        self.problem = problem

    # --- small checks ---------------------------------------------------------------------

    def _object(self, raw, where: str, example: str) -> dict | None:
        if not isinstance(raw, dict):
            self.problem(where, f"phải là một đối tượng JSON, ví dụ {example}.")
            return None
        return raw

    def _unknown(self, raw: dict, allowed: tuple[str, ...], where: str) -> None:
        unknown = sorted(set(raw) - set(allowed))
        if unknown:
            self.problem(where, f"khóa không hợp lệ: {', '.join(unknown)} (chỉ dùng: {', '.join(allowed)}).")

    def _codes(self, raw, where: str, key: str, known, what: str, required: bool = True) -> list[str] | None:
        """A non-empty list of codes, each one of `known` (compared in upper case), sorted and unique."""
        if raw is None and not required:
            return None
        if not isinstance(raw, list) or not raw or not all(isinstance(code, str) and code.strip() for code in raw):
            self.problem(where, f"“{key}” phải là một danh sách {what} (mã), không rỗng.")
            return None
        codes = sorted({code.strip().upper() for code in raw})
        unknown = [code for code in codes if code not in known]
        if unknown:
            self.problem(where, f"không có {what} mã {', '.join(f'“{code}”' for code in unknown)}.")
            return None
        return codes

    # --- populations ------------------------------------------------------------------------

    def population(self, raw, where: str):
        """A population code (canonical: the catalog's code) or object (canonical dict); None when wrong."""
        if isinstance(raw, str):
            population = self.catalog.populations.get(raw.strip().upper())
            if population is None:
                self.problem(where, (
                    f"không có đối tượng mã “{raw}” (có: {', '.join(sorted(self.catalog.populations))})."
                ))
                return None
            return population.code
        data = self._object(raw, where, '{"positions": ["BT_DU"], "unit_kind": "XA"} hoặc một mã đối tượng')
        if data is None:
            return None
        if "positions" in data and "planned_for" in data:
            self.problem(where, "chỉ dùng một trong hai: “positions” (người giữ chức vụ) hoặc “planned_for” (quy hoạch).")
            return None
        unit_kind = self._unit_kind(data.get("unit_kind"), where)
        if "planned_for" in data:
            self._unknown(data, ("planned_for", "terms", "unit_kind"), where)
            titles = self._codes(data.get("planned_for"), where, "planned_for", self.catalog.titles, "chức vụ")
            terms = self._terms(data.get("terms"), where)
            if titles is None or terms is None:
                return None
            result = {"planned_for": titles, "terms": terms}
        elif "positions" in data:
            self._unknown(data, ("positions", "at", "unit_kind"), where)
            titles = self._codes(data.get("positions"), where, "positions", self.catalog.titles, "chức vụ")
            at = self._at(data.get("at"), f"{where}, “at”") if "at" in data else {}
            if titles is None or at is None:
                return None
            result = {"positions": titles}
            if at:
                result["at"] = at
        else:
            self.problem(where, "đối tượng phải có “positions” (danh sách chức vụ) hoặc “planned_for” (quy hoạch).")
            return None
        if unit_kind is False:
            return None
        if unit_kind:
            result["unit_kind"] = unit_kind
        return result

    def _unit_kind(self, raw, where: str):
        """The unit kind (XA or CO_QUAN), None when absent, False when wrong."""
        if raw is None:
            return None
        if not isinstance(raw, str) or raw.strip().upper() not in UNIT_KINDS:
            self.problem(where, f"“unit_kind” phải là {' hoặc '.join(UNIT_KINDS)}, không phải “{raw}”.")
            return False
        return raw.strip().upper()

    def _terms(self, raw, where: str) -> list[str] | None:
        if not isinstance(raw, list) or not raw:
            self.problem(where, "“terms” phải là một danh sách nhiệm kỳ, ví dụ [\"2025-2030\"].")
            return None
        terms = set()
        for term in raw:
            match = TERM_PATTERN.match(term.strip()) if isinstance(term, str) else None
            if match is None or int(match.group(1)) >= int(match.group(2)):
                self.problem(where, f"nhiệm kỳ “{term}” không hợp lệ (dạng YYYY-YYYY, ví dụ 2025-2030).")
                return None
            terms.add(term.strip())
        return sorted(terms)

    def _at(self, raw, where: str) -> dict | None:
        data = self._object(raw, where, '{"kind": ["CO_QUAN"]}')
        if data is None:
            return None
        self._unknown(data, ("kind", "form", "group"), where)
        result = {}
        for key, known, what in (
            ("kind", OrganizationKind.values, "loại tổ chức"),
            ("form", OrganizationForm.values, "hình thức tổ chức"),
            ("group", OrganizationCategory.values, "nhóm tổ chức"),
        ):
            if key in data:
                codes = self._codes(data[key], where, key, set(known), what)
                if codes is None:
                    return None
                result[key] = codes
        return result

    def unit_kind_of(self, population) -> str | None:
        """The unit kind of a canonical population: a code's catalog unit kind, or the object's."""
        if isinstance(population, str):
            found = self.catalog.populations.get(population.upper())
            return found.unit_kind if found is not None else None
        if isinstance(population, dict):
            return population.get("unit_kind")
        return None

    # --- conditions -------------------------------------------------------------------------

    def condition(self, raw, where: str):
        """The canonical condition tree, or None when something in it is wrong (each problem reported)."""
        data = self._object(raw, where, '{"gender": "NU"}')
        if data is None:
            return None
        if set(data) == {"indicator", "params"}:  # {"indicator": CODE, "params": {…}}
            result = self._condition_indicator(data, f"{where} › indicator")
            return None if result is None else {"indicator": result["code"], "params": result["params"]}
        if len(data) != 1:
            self.problem(where, (
                "mỗi điều kiện có đúng một khóa, một trong: " + ", ".join(CONDITION_NAMES)
                + (f" (ở đây có {len(data)}: {', '.join(sorted(map(str, data)))})." if data else " (ở đây rỗng).")
            ))
            return None
        (name, value), = data.items()
        reader = getattr(self, f"_condition_{name}", None) if name in CONDITION_NAMES else None
        if reader is None:
            self.problem(where, f"không có điều kiện “{name}” (dùng: {', '.join(CONDITION_NAMES)}).")
            return None
        result = reader(value, f"{where} › {name}")
        if result is None:
            return None
        if name == "indicator":
            return {"indicator": result["code"], "params": result["params"]}
        return {name: result}

    def _parts(self, value, where: str):
        if not isinstance(value, list) or not value:
            self.problem(where, "phải là một danh sách điều kiện, không rỗng.")
            return None
        parts = [self.condition(part, f"{where}[{index}]") for index, part in enumerate(value, start=1)]
        return None if any(part is None for part in parts) else parts

    _condition_all = _parts
    _condition_any = _parts

    def _condition_not(self, value, where: str):
        return self.condition(value, where)

    def _condition_indicator(self, value, where: str):
        # {"indicator": CODE} alone, or with "params" beside it ({"indicator": "TRE", "params": {…}}).
        data = value if isinstance(value, dict) else {"indicator": value}
        code = data.get("indicator")
        indicator = self.catalog.indicators.get(code.strip().upper()) if isinstance(code, str) else None
        if indicator is None:
            self.problem(where, f"không có chỉ tiêu mã “{code}”.")
            return None
        if indicator.kind != IndicatorKind.PERSON:
            self.problem(where, (
                f"chỉ tiêu {indicator.code} là chỉ tiêu {indicator.get_kind_display().lower()}; "
                "trong điều kiện chỉ dùng chỉ tiêu tính theo người."
            ))
            return None
        params = data.get("params") or {}
        try:
            check_parameters(indicator, params)
        except IndicatorParameterError as error:
            self.problem(where, str(error))
            return None
        return {"code": indicator.code, "params": dict(sorted(params.items()))}

    def _condition_qual(self, value, where: str):
        data = self._object(value, where, '{"type": "LY_LUAN", "eq": "SO_CAP"}')
        if data is None:
            return None
        self._unknown(data, ("type", *QUAL_COMPARISONS), where)
        code = data.get("type")
        qualification_type = self.catalog.qualifications.get(code.strip().upper()) if isinstance(code, str) else None
        if qualification_type is None:
            self.problem(where, (
                f"không có loại trình độ mã “{code}” (có: {', '.join(sorted(self.catalog.qualifications))})."
            ))
            return None
        comparisons = [key for key in QUAL_COMPARISONS if key in data]
        if len(comparisons) != 1:
            self.problem(where, f"cần đúng một phép so sánh trong: {', '.join(QUAL_COMPARISONS)}.")
            return None
        comparison = comparisons[0]
        if comparison == "none":
            if data["none"] is not True:
                self.problem(where, "“none” chỉ nhận giá trị true (không có trình độ loại này).")
                return None
            return {"type": qualification_type.code, "none": True}
        levels = {level.code: level for level in qualification_type.levels.all()}
        if not qualification_type.is_ranked or not levels:
            self.problem(where, (
                f"loại trình độ {qualification_type.code} không có thang bậc; chỉ dùng “none” "
                f"(hoặc chỉ tiêu {qualification_type.code} cho “có trình độ”)."
            ))
            return None
        raw_levels = data[comparison] if comparison == "in" else [data[comparison]]
        if comparison == "in" and (not isinstance(raw_levels, list) or not raw_levels):
            self.problem(where, "“in” phải là một danh sách trình độ, không rỗng.")
            return None
        found = []
        for raw_level in raw_levels:
            level = levels.get(raw_level.strip().upper()) if isinstance(raw_level, str) else None
            if level is None:
                self.problem(where, (
                    f"“{raw_level}” không phải trình độ của thang {qualification_type.code} "
                    f"(có: {', '.join(sorted(levels, key=lambda c: (levels[c].rank, c)))})."
                ))
                return None
            found.append(level.code)
        if comparison == "in":
            return {"type": qualification_type.code, "in": sorted(set(found))}
        return {"type": qualification_type.code, comparison: found[0]}

    def _condition_gender(self, value, where: str):
        if value not in ("NU", "NAM"):
            self.problem(where, f"giới tính phải là “NU” hoặc “NAM”, không phải “{value}”.")
            return None
        return value

    def _condition_age(self, value, where: str):
        data = self._object(value, where, '{"gte": 30, "lt": 45}')
        if data is None:
            return None
        self._unknown(data, ("gte", "lt"), where)
        result = {}
        for key in ("gte", "lt"):
            if key in data:
                bound = data[key]
                if isinstance(bound, bool) or not isinstance(bound, int) or not 0 <= bound <= MAX_AGE:
                    self.problem(where, f"“{key}” phải là số tuổi nguyên từ 0 đến {MAX_AGE}, không phải “{bound}”.")
                    return None
                result[key] = bound
        if not result:
            self.problem(where, "cần ít nhất một cận tuổi: “gte” (từ) hoặc “lt” (dưới).")
            return None
        if "gte" in result and "lt" in result and result["gte"] >= result["lt"]:
            self.problem(where, f"“gte” ({result['gte']}) phải nhỏ hơn “lt” ({result['lt']}).")
            return None
        return result

    def _ethnic_name(self, raw, where: str) -> str | None:
        group = self.catalog.ethnic_groups.get(EthnicGroup.match_key(raw)) if isinstance(raw, str) else None
        if group is None:
            self.problem(where, f"không có dân tộc “{raw}” trong danh mục.")
            return None
        return group.name

    def _condition_ethnicity(self, value, where: str):
        data = self._object(value, where, '{"eq": "Kinh"}')
        if data is None:
            return None
        self._unknown(data, ETHNICITY_COMPARISONS, where)
        comparisons = [key for key in ETHNICITY_COMPARISONS if key in data]
        if len(comparisons) != 1:
            self.problem(where, f"cần đúng một phép so sánh trong: {', '.join(ETHNICITY_COMPARISONS)}.")
            return None
        comparison = comparisons[0]
        if comparison == "in":
            if not isinstance(data["in"], list) or not data["in"]:
                self.problem(where, "“in” phải là một danh sách tên dân tộc, không rỗng.")
                return None
            names = [self._ethnic_name(raw, where) for raw in data["in"]]
            return None if None in names else {"in": sorted(set(names))}
        name = self._ethnic_name(data[comparison], where)
        return None if name is None else {comparison: name}

    def _condition_party_member(self, value, where: str):
        if not isinstance(value, bool):
            self.problem(where, f"phải là true hoặc false, không phải “{value}”.")
            return None
        return value

    def _condition_holds(self, value, where: str):
        data = self._object(value, where, '{"positions": ["CT_HDND_XA"], "at": "same_unit"}')
        if data is None:
            return None
        self._unknown(data, ("positions", "at"), where)
        titles = self._codes(data.get("positions"), where, "positions", self.catalog.titles, "chức vụ")
        at = data.get("at")
        if at not in (SCOPE, SAME_UNIT):
            self.problem(where, f"“at” phải là “{SCOPE}” (trong phạm vi báo cáo) hoặc “{SAME_UNIT}” (cùng đơn vị), không phải “{at}”.")
            return None
        return None if titles is None else {"positions": titles, "at": at}

    def _condition_event(self, value, where: str):
        data = self._object(value, where, '{"kind": ["CU_DI_HOC"], "program": ["LLCT_CAO_CAP"]}')
        if data is None:
            return None
        self._unknown(data, ("kind", "program", "from"), where)
        kinds = self._codes(data.get("kind"), where, "kind", set(CareerEventKind.values), "loại sự kiện")
        programmes = self._codes(data.get("program"), where, "program", set(TrainingProgramme.values),
                                 "chương trình đào tạo", required=False)
        if kinds is None or ("program" in data and programmes is None):
            return None
        result = {"kind": kinds}
        if programmes:
            if CareerEventKind.TRAINING.value not in kinds:
                self.problem(where, f"“program” chỉ dùng với sự kiện {CareerEventKind.TRAINING.value} (cử đi học).")
                return None
            result["program"] = programmes
        if "from" in data:
            start = data["from"]
            if not isinstance(start, str):
                self.problem(where, f"“from” phải là một ngày dạng YYYY-MM-DD, không phải “{start}”.")
                return None
            try:
                result["from"] = parse_date(start).isoformat()
            except ValueError as error:
                self.problem(where, f"“from”: {error}")
                return None
        return result

    def _condition_hometown(self, value, where: str):
        data = self._object(value, where, '{"outside": "same_unit"}')
        if data is None:
            return None
        self._unknown(data, ("inside", "outside"), where)
        sides = [side for side in ("inside", "outside") if side in data]
        if len(sides) != 1:
            self.problem(where, "cần đúng một trong hai: “inside” (trong đơn vị) hoặc “outside” (ngoài đơn vị).")
            return None
        if data[sides[0]] != SAME_UNIT:
            self.problem(where, f"quê quán chỉ so với đơn vị của chức vụ: “{sides[0]}”: “{SAME_UNIT}”.")
            return None
        return {sides[0]: SAME_UNIT}
