"""The issuing committee's forms: how an organization is named when it issues a report.

One function, `issuer_of(organization, on)`, answers for every level of the
tree on a given date (Hướng dẫn 36-HD/VPTW; docs document-format.md):

| kind    | superior line              | issuing line          | number  | office line         |
|---------|----------------------------|-----------------------|---------|---------------------|
| TINH    | ĐẢNG BỘ TỈNH LAI CHÂU      | TỈNH ỦY LAI CHÂU      | -BC/TU  | Văn phòng Tỉnh ủy   |
| HUYEN   | ĐẢNG BỘ TỈNH LAI CHÂU      | HUYỆN ỦY PHONG THỔ    | -BC/HU  | Văn phòng Huyện ủy  |
| XA      | ĐẢNG BỘ TỈNH LAI CHÂU      | ĐẢNG ỦY XÃ MƯỜNG SO   | -BC/ĐU  | Văn phòng Đảng ủy   |
|         | (before 1/7/2025 under a district: ĐẢNG BỘ HUYỆN PHONG THỔ)                          |

The superior is the nearest ancestor that exists on the date (a commune whose
district has ceased stands under the province). Official names are never
rewritten: only the level word before the place name is chosen, from the
organization's kind and the word its name starts with ("Phường …", "Thị xã …").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre.models import Organization, OrganizationKind
from cadre.vietnamese import search_key

AUTHORITY = "T/M BAN THƯỜNG VỤ"

# Prefixes cut from an organization's name to get the place name ("Huyện ủy Phong Thổ" -> "Phong Thổ"),
# compared without diacritics or case ("Uỷ" and "Ủy" alike); longer prefixes first.
PLACE_PREFIXES = (
    "dang bo huyen", "dang bo tinh", "dang bo thanh pho", "dang bo thi xa", "dang bo thi tran", "dang bo xa",
    "dang bo phuong", "dang bo quan", "dang uy thi tran", "dang uy xa", "dang uy phuong",
    "huyen uy", "tinh uy", "thanh uy", "thi uy", "quan uy", "dang uy", "dang bo",
    "thanh pho", "thi xa", "thi tran", "huyen", "tinh", "quan", "xa", "phuong",
)

# The unit word ("tỉnh", "thành phố", …) and the committee's name ("Tỉnh ủy", "Thành ủy", …) by kind, chosen by
# what the organization's name says; the first entry of each kind is its default.
UNIT_WORDS = {
    OrganizationKind.PROVINCE: (("thanh pho", "thành phố", "Thành ủy"), ("thanh uy", "thành phố", "Thành ủy"),
                                ("", "tỉnh", "Tỉnh ủy")),
    OrganizationKind.DISTRICT: (("thanh pho", "thành phố", "Thành ủy"), ("thanh uy", "thành phố", "Thành ủy"),
                                ("thi xa", "thị xã", "Thị ủy"), ("thi uy", "thị xã", "Thị ủy"),
                                ("quan", "quận", "Quận ủy"), ("", "huyện", "Huyện ủy")),
    OrganizationKind.COMMUNE: (("phuong", "phường", "Đảng ủy"), ("thi tran", "thị trấn", "Đảng ủy"),
                               ("", "xã", "Đảng ủy")),
}
NUMBER_SUFFIXES = {"TINH": "-BC/TU", "HUYEN": "-BC/HU", "XA": "-BC/ĐU", "CO_QUAN": "-BC/ĐU", "CHI_BO": "-BC/CB"}


def number_suffix(organization: Organization) -> str:
    """The suffix of the organization's report numbers: "-BC/TU", "-BC/HU", "-BC/ĐU"."""
    return NUMBER_SUFFIXES.get(organization.kind, "-BC/HU")


def place_of(name: str) -> str:
    """The place in an organization's name: "Huyện ủy Phong Thổ" -> "Phong Thổ", "Xã Mường So" -> "Mường So"."""
    words = name.split()
    for prefix in PLACE_PREFIXES:
        count = len(prefix.split())
        if len(words) > count and search_key(" ".join(words[:count])) == prefix:
            return " ".join(words[count:])
    return name.strip()


def _unit(organization: Organization) -> tuple[str, str] | None:
    """("tỉnh", "Tỉnh ủy"), ("phường", "Đảng ủy") …; None for agencies and cells."""
    return _unit_of(organization.kind, organization.name)


def unit_word(kind: str, name: str) -> str:
    """The administrative unit an organization of this kind and name stands for: "tỉnh", "huyện",
    "thị xã", "xã", "phường", "thị trấn"…; "" for agencies and cells."""
    unit = _unit_of(kind, name)
    return unit[0] if unit else ""


# The words hamlet cells ("Chi bộ ấp, bản") are named by, in the order a report lists them; longer first where
# one starts another ("tổ dân phố" before "tổ"), compared without diacritics or case.
HAMLET_WORDS = ("thôn", "bản", "ấp", "khu phố", "tổ dân phố", "xóm", "làng", "buôn", "bon", "khối", "tổ")
_HAMLET_KEYS = sorted(((search_key(word), word) for word in HAMLET_WORDS), key=lambda pair: -len(pair[0]))


def hamlet_word(name: str) -> str:
    """The hamlet word of a cell's name: "Chi bộ thôn Nà Hừ" -> "thôn", "Chi bộ Tổ dân phố 3" -> "tổ dân phố";
    "" when the name uses none."""
    key = search_key(name).removeprefix("chi bo ").strip()
    for word_key, word in _HAMLET_KEYS:
        if key == word_key or key.startswith(f"{word_key} "):
            return word
    return ""


def hamlet_words(names) -> tuple[str, ...]:
    """The hamlet words a set of cells' names use, each once, in HAMLET_WORDS order."""
    present = {hamlet_word(name) for name in names}
    return tuple(word for word in HAMLET_WORDS if word in present)


def _unit_of(kind: str, name: str) -> tuple[str, str] | None:
    choices = UNIT_WORDS.get(kind)
    if choices is None:
        return None
    key = search_key(name)
    for committee_prefix in ("dang uy ", "dang bo "):
        key = key.removeprefix(committee_prefix)
    for word, unit, committee in choices:
        if not word or key.startswith(f"{word} "):
            return unit, committee
    return choices[-1][1:]


def party_body(organization: Organization) -> str:
    """"Đảng bộ tỉnh Lai Châu", "Đảng bộ huyện Phong Thổ", "Đảng bộ xã Mường So"; an agency: its name."""
    unit = _unit(organization)
    if unit is None:
        return organization.name.strip()
    return f"Đảng bộ {unit[0]} {place_of(organization.name)}"


def committee_word(organization: Organization) -> str:
    """"Tỉnh ủy", "Huyện ủy", "Đảng ủy" (a cell: "Chi bộ")."""
    unit = _unit(organization)
    if unit is not None:
        return unit[1]
    return "Chi bộ" if organization.kind == OrganizationKind.CELL else "Đảng ủy"


def short_name(organization: Organization) -> str:
    """"Tỉnh ủy Lai Châu", "Huyện ủy Phong Thổ", "Đảng ủy xã Mường So", "Đảng ủy phường Tân Phong"."""
    unit = _unit(organization)
    if unit is None:
        return organization.name.strip()
    unit_word, committee = unit
    place = place_of(organization.name)
    if organization.kind == OrganizationKind.COMMUNE:
        return f"{committee} {unit_word} {place}"
    return f"{committee} {place}"


def department_name(organization: Organization) -> str:
    """Who works in the system for the organization: "Ban Tổ chức Tỉnh ủy Lai Châu", "Ban Tổ chức Huyện ủy
    Phong Thổ"; a commune's committee itself: "Đảng ủy xã Mường So" (no query: name and kind only)."""
    name = short_name(organization)
    if organization.kind in (OrganizationKind.PROVINCE, OrganizationKind.DISTRICT):
        return f"Ban Tổ chức {name}"
    return name


# Plan kinds adopted by the Ban Chấp hành (the rest by its Ban Thường vụ); see planning/plan_kinds.py.
FULL_COMMITTEE_KINDS = ("NQ", "ĐA", "CTR")


def plan_issuing_body(organization: Organization, kind: str, reporter: Organization | None = None) -> str:
    """Who adopted a plan of this kind: "Ban Chấp hành Đảng bộ huyện" (a Nghị quyết, Đề án, Chương trình),
    "Ban Thường vụ Huyện ủy" (a Kế hoạch, Chỉ thị). Reported by the organization itself the place is
    understood (seed 002); by another, it is named: "Ban Chấp hành Đảng bộ tỉnh Lai Châu"."""
    same = reporter is not None and reporter.pk == organization.pk
    unit = _unit(organization)
    if unit is None:
        body = f"Ban Chấp hành {organization.name.strip()}" if kind in FULL_COMMITTEE_KINDS else (
            f"Ban Thường vụ {organization.name.strip()}")
        return body
    unit_word, committee = unit
    place = "" if same else f" {place_of(organization.name)}"
    if kind in FULL_COMMITTEE_KINDS:
        return f"Ban Chấp hành Đảng bộ {unit_word}{place}"
    if organization.kind == OrganizationKind.COMMUNE:
        return f"Ban Thường vụ {committee} {unit_word}{place}"
    return f"Ban Thường vụ {committee}{place}"


def superior_of(organization: Organization, on: dt.date) -> Organization | None:
    """The nearest ancestor existing on the date; the direct parent when none does (or None at the top)."""
    ancestor = organization.parent
    while ancestor is not None:
        if ancestor.exists_on(on):
            return ancestor
        ancestor = ancestor.parent
    return organization.parent


@dataclass(frozen=True)
class Issuer:
    superior_body: str  # ĐẢNG BỘ TỈNH LAI CHÂU
    issuing_body: str  # ĐẢNG ỦY XÃ MƯỜNG SO
    name: str  # Đảng ủy xã Mường So ("của …" in the attachment line)
    number_suffix: str  # -BC/ĐU
    office: str  # Văn phòng Đảng ủy ("- Lưu Văn phòng Đảng ủy.")
    place: str  # Mường So
    authority: str  # T/M BAN THƯỜNG VỤ
    committee: str  # Đảng ủy (Thường trực Đảng ủy, Đảng ủy viên)
    department: str  # who works in the system for it: "Ban Tổ chức Tỉnh ủy Lai Châu", "Đảng ủy xã Mường So"
    superior_committee: str  # Tỉnh ủy (the reviewer is "Ban Tổ chức Tỉnh ủy"); Trung ương for a province

    def default_recipients(self) -> tuple[str, ...]:
        return (
            f"Ban Tổ chức {self.superior_committee} (b/c)",
            f"Thường trực {self.committee} (b/c)",
            f"Các đồng chí {self.committee} viên",
            "Các đảng bộ, chi bộ trực thuộc",
            f"Lưu {self.office}",
        )


def issuer_of(organization: Organization, on: dt.date | None = None) -> Issuer:
    """The issuing committee's forms for the organization on the date (today when not given)."""
    on = on or dt.date.today()
    name = short_name(organization)
    committee = committee_word(organization)
    if organization.kind == OrganizationKind.PROVINCE:
        superior, superior_committee = organization, "Trung ương"
    else:
        superior = superior_of(organization, on)
        superior_committee = committee_word(superior) if superior is not None else "Trung ương"
    department = department_name(organization)
    return Issuer(
        superior_body=party_body(superior).upper() if superior is not None else "",
        issuing_body=name.upper(),
        name=name,
        number_suffix=number_suffix(organization),
        office="Chi bộ" if organization.kind == OrganizationKind.CELL else f"Văn phòng {committee}",
        place=place_of(organization.name),
        authority=AUTHORITY,
        committee=committee,
        department=department,
        superior_committee=superior_committee,
    )
