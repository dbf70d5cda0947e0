"""Planning (quy hoạch) for the 2020-2025 and 2025-2030 terms.

Each commune plans one to three of its officials for each chief post; each
agency plans its deputies for head; the district plans agency heads and
deputy chairmen for its leading posts. A planned person who leaves the unit
before the term ends is taken out of the planning on the day they leave.
The communes and wards founded on 1 July 2025 review the 2025-2030 planning
of their own in the months after.
"""
from __future__ import annotations

import datetime as dt
import random

from cadre.demo.careers import COMMUNE_CHIEFS, GRADES
from cadre.demo.dates import LAST_DAY, REFORM_DATE, held_on, random_date
from cadre.demo.people import Person, Tenure
from cadre.demo.structure import DistrictTree

# Term -> (first and last day the planning was approved).
TERMS = {
    "2020-2025": (dt.date(2019, 3, 1), dt.date(2019, 11, 30)),
    "2025-2030": (dt.date(2023, 4, 1), dt.date(2023, 12, 15)),
}
REVIEWED_AFTER_REFORM = (dt.date(2025, 8, 15), dt.date(2025, 10, 31))  # the new units' 2025-2030 planning
DISTRICT_PLANNED_TITLES = ("BT_HU", "PBT_HU", "CT_UBND_HUYEN", "CT_HDND_HUYEN", "PCT_UBND_HUYEN")


def add_planning(rng: random.Random, tree: DistrictTree, people: list[Person]) -> None:
    holdings: dict[int, list[tuple[Person, Tenure]]] = {}
    for person in people:
        for tenure in person.tenures:
            if not tenure.title.startswith("UV_"):
                holdings.setdefault(tenure.organization.pk, []).append((person, tenure))
    for term, (first, last) in TERMS.items():
        approved = random_date(rng, first, last)
        reviewed = random_date(rng, *REVIEWED_AFTER_REFORM)
        for unit in tree.communes:
            day = approved
            if unit.founded == REFORM_DATE and term == "2025-2030":
                day = reviewed
            if not unit.exists_on(day):
                continue
            present = _holders(holdings, unit.organization.pk, day)
            candidates = [(p, t) for p, t in present if GRADES.get(t.title, 0) >= 2]
            for title in COMMUNE_CHIEFS:
                _plan(rng, title, unit.organization, term, day, candidates)
        district_candidates = []
        for unit in tree.agencies:
            if not unit.exists_on(approved):
                continue
            present = _holders(holdings, unit.organization.pk, approved)
            deputies = [(p, t) for p, t in present if t.title == "PHO_PHONG"]
            _plan(rng, "TRUONG_PHONG", unit.organization, term, approved, deputies)
            district_candidates += [(p, t) for p, t in present if t.title == "TRUONG_PHONG"]
        district_candidates += [(p, t) for p, t in _holders(holdings, tree.district.pk, approved)
                                if t.title == "PCT_UBND_HUYEN"]
        for title in DISTRICT_PLANNED_TITLES:
            _plan(rng, title, tree.district, term, approved, district_candidates)


def _holders(holdings, organization_pk: int, day: dt.date) -> list[tuple[Person, Tenure]]:
    return [(p, t) for p, t in holdings.get(organization_pk, []) if held_on(t.start, t.end, day)]


def _plan(rng, title, organization, term, approved, candidates) -> None:
    eligible = []
    for person, tenure in candidates:
        if tenure.title == title or any(e[0] is person for e in eligible):
            continue
        if any(entry[0] == title and entry[1] is organization and entry[2] == term for entry in person.planning):
            continue
        eligible.append((person, tenure))
    if not eligible:
        return
    for person, tenure in rng.sample(eligible, min(len(eligible), rng.randint(1, 3))):
        removed = None
        left = _left_unit(person, tenure)
        if left is not None and approved < left <= LAST_DAY and rng.random() < 0.7:
            removed = left
        person.planning.append((title, organization, term, approved, removed))


def _left_unit(person: Person, tenure: Tenure) -> dt.date | None:
    """The first day the person held no post at the candidate's unit any more."""
    at_unit = [t for t in person.tenures if t.organization is tenure.organization and not t.title.startswith("UV_")]
    if any(t.end is None for t in at_unit):
        return None
    return max(t.end for t in at_unit) + dt.timedelta(days=1)
