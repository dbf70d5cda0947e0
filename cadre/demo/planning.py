"""Planning (quy hoạch) for the 2020-2025 and 2025-2030 terms.

Each commune plans one to three of its officials for each chief post; each
agency plans its deputies for head; the district plans agency heads, deputies under 40 and
deputy chairmen for its leading posts. A planned person who leaves the unit
before the term ends is taken out of the planning on the day they leave.
The communes and wards founded on 1 July 2025 review the 2025-2030 planning
of their own in the months after.

Committee planning (`add_committee_planning`, from the demo's second
generator): about one and a half planned persons per seat of the district
committee and its standing committee, and 1.3 per seat of a commune
committee, most of the members staying in it.
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
# Deputies of agencies younger than this are planned for district posts too (planning favours young cadres).
YOUNG_DEPUTY_AGE = 40


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
            district_candidates += [(p, t) for p, t in present if t.title == "TRUONG_PHONG"
                                    or t.title == "PHO_PHONG" and p.age_on(approved) < YOUNG_DEPUTY_AGE]
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


# Committee planning (quy hoạch cấp ủy): about this many planned persons per seat held on the approval day.
COMMITTEE_PLANNING_RATIO = {"UV_BCH_HU": 1.5, "UV_BTV_HU": 1.5, "UV_BCH_XA": 1.3}
DISTRICT_COMMITTEE_SOURCES = frozenset({"TRUONG_PHONG", "PHO_PHONG", "BT_DU", "PBT_DU", "CT_UBND_XA",
                                        "BT_HU", "PBT_HU", "CT_HDND_HUYEN", "PCT_HDND_HUYEN", "CT_UBND_HUYEN",
                                        "PCT_UBND_HUYEN"})
OLDEST_PLANNED = 55  # age at the start of the term


def add_committee_planning(rng: random.Random, tree: DistrictTree, people: list[Person]) -> None:
    """Planning for the district committee (UV_BCH_HU), its standing committee (UV_BTV_HU) and the commune
    committees (UV_BCH_XA), for both terms, from `rng` (the demo's second generator): most members stay in the
    planning and others holding the posts committees are drawn from join them."""
    by_unit: dict[int, list[tuple[Person, Tenure]]] = {}
    for person in people:
        for tenure in person.tenures:
            by_unit.setdefault(tenure.organization.pk, []).append((person, tenure))
    for term, (first, last) in TERMS.items():
        approved = random_date(rng, first, last)
        term_start = dt.date(int(term[:4]), 7, 1)
        if tree.leadership.exists_on(approved):
            members = _seat_holders(people, "UV_BCH_HU", approved)
            others = [p for p in people if p not in members and _holds_any(p, DISTRICT_COMMITTEE_SOURCES, approved)]
            committee = _committee_plan(rng, members, others, "UV_BCH_HU", term_start)
            for person in committee:
                _plan_seat(person, "UV_BCH_HU", tree.district, term, approved)
            standing = _seat_holders(people, "UV_BTV_HU", approved)
            rest = [p for p in committee if p not in standing]
            for person in _committee_plan(rng, [p for p in standing if p in committee], rest, "UV_BTV_HU", term_start,
                                          seats=len(standing)):
                _plan_seat(person, "UV_BTV_HU", tree.district, term, approved)
        for unit in tree.communes:
            day = approved
            if unit.founded == REFORM_DATE:
                if term != "2025-2030":
                    continue
                day = random_date(rng, *REVIEWED_AFTER_REFORM)
            if not unit.exists_on(day):
                continue
            present = _holders(by_unit, unit.organization.pk, day)
            members = _distinct(p for p, t in present if t.title == "UV_BCH_XA")
            others = _distinct(p for p, t in present if not t.title.startswith("UV_") and p not in members)
            for person in _committee_plan(rng, members, others, "UV_BCH_XA", term_start):
                _plan_seat(person, "UV_BCH_XA", unit.organization, term, day)


def _holds_any(person: Person, titles, day: dt.date) -> bool:
    return any(t.title in titles and held_on(t.start, t.end, day) for t in person.tenures)


def _distinct(persons) -> list[Person]:
    """Each person once, in order."""
    seen: dict[int, Person] = {}
    for person in persons:
        seen.setdefault(id(person), person)
    return list(seen.values())


def _seat_holders(people: list[Person], seat: str, day: dt.date) -> list[Person]:
    return [p for p in people if _holds_any(p, {seat}, day)]


def _committee_plan(rng, members, others, seat: str, term_start: dt.date, seats: int | None = None) -> list[Person]:
    """Most of the members who can serve another term, then others, up to the seat's ratio of the seats; the
    others from the younger two thirds of those who can (planning favours young cadres)."""
    wanted = round(COMMITTEE_PLANNING_RATIO[seat] * (len(members) if seats is None else seats))
    staying = [p for p in members if p.age_on(term_start) <= OLDEST_PLANNED and rng.random() < 0.8]
    fresh = sorted((p for p in others if p.age_on(term_start) <= OLDEST_PLANNED), key=lambda p: p.birth_date,
                   reverse=True)
    chosen = staying[:wanted]
    missing = max(0, wanted - len(chosen))
    pool = fresh[:max(missing, (2 * len(fresh) + 2) // 3)]
    chosen += rng.sample(pool, min(len(pool), missing))
    return chosen


def _plan_seat(person: Person, seat: str, organization, term: str, approved: dt.date) -> None:
    posts = [t for t in person.tenures if not t.title.startswith("UV_")]
    removed = None
    if posts and all(t.end is not None for t in posts):
        left = max(t.end for t in posts) + dt.timedelta(days=1)
        if approved < left <= LAST_DAY:
            removed = left
    person.planning.append((seat, organization, term, approved, removed))
