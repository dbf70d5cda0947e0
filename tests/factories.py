"""Small factories that build test data in code.

Each takes only what a test cares about and fills the rest with plausible
values. Catalogs (ethnic groups, titles, qualification levels, populations)
come from the seeding migrations.
"""
from __future__ import annotations

import datetime as dt
import itertools

from accounts.models import Role, User
from cadre.models import (
    Evaluation,
    EthnicGroup,
    Official,
    Organization,
    PositionRecord,
    PositionTitle,
    QualificationLevel,
    QualificationRecord,
    QualificationType,
)

_sequence = itertools.count(1)


def make_organization(code: str, kind: str = "XA", parent: Organization | None = None, **fields) -> Organization:
    fields.setdefault("name", f"Tổ chức {code}")
    return Organization.objects.create(code=code, kind=kind, parent=parent, **fields)


def make_district_tree(prefix: str = "LC") -> dict[str, Organization]:
    """A province with two districts, each with two communes and an agency."""
    province = make_organization(prefix, "TINH", name=f"Đảng bộ tỉnh {prefix}")
    orgs = {prefix: province}
    for district in ("A", "B"):
        d = make_organization(f"{prefix}.{district}", "HUYEN", province, name=f"Huyện ủy {district}")
        orgs[d.code] = d
        for commune in ("X1", "X2"):
            c = make_organization(f"{d.code}.{commune}", "XA", d, form="DANG_BO", name=f"Xã {commune} {district}")
            orgs[c.code] = c
        agency = make_organization(f"{d.code}.PNV", "CO_QUAN", d, form="CHI_BO_CO_SO", name=f"Phòng Nội vụ {district}")
        orgs[agency.code] = agency
    return orgs


def make_official(code: str | None = None, **fields) -> Official:
    number = next(_sequence)
    fields.setdefault("full_name", f"Nguyễn Văn Thử {number}")
    fields.setdefault("gender", "NAM")
    fields.setdefault("birth_date", dt.date(1980, 1, 1))
    if "ethnic_group" not in fields:
        fields["ethnic_group"] = EthnicGroup.objects.get(name=fields.pop("ethnicity", "Kinh"))
    return Official.objects.create(code=code or f"T{number:05d}", **fields)


def add_position(official: Official, organization: Organization, title: str, start: dt.date, end: dt.date | None = None) -> PositionRecord:
    return PositionRecord.objects.create(
        official=official,
        organization=organization,
        title=PositionTitle.objects.get(code=title),
        start_date=start,
        end_date=end,
    )


def add_qualification(official: Official, type_code: str, level: str, obtained_on: dt.date) -> QualificationRecord:
    qualification_type = QualificationType.objects.get(code=type_code)
    if qualification_type.is_ranked:
        return QualificationRecord.objects.create(
            official=official,
            qualification_type=qualification_type,
            level=QualificationLevel.objects.get(qualification_type=qualification_type, code=level),
            obtained_on=obtained_on,
        )
    return QualificationRecord.objects.create(
        official=official, qualification_type=qualification_type, detail=level, obtained_on=obtained_on
    )


def add_rating(official: Official, year: int, rating: str) -> Evaluation:
    return Evaluation.objects.create(official=official, year=year, rating=rating)


def make_user(username: str, organization: Organization | None, role: str = Role.DISTRICT_STAFF, **fields) -> User:
    user = User.objects.create_user(username=username, password="pw-test-123", organization=organization, role=role, **fields)
    return user
