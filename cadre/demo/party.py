"""Party membership: when each person joined, and the yearly member statistics.

Holders of party posts and committee seats joined before taking them up;
others joined at some point, or not yet. The statistics of a grassroots
organization count the officials who are members there plus the members
the system does not keep records of (villagers in hamlet cells, police and
army officers), growing by the admissions of each year.
"""
from __future__ import annotations

import datetime as dt
import random

from cadre.demo.careers import COMMUNE_CADRES, DISTRICT_LEADERS
from cadre.demo.dates import (
    FIRST_RATED_YEAR,
    LAST_DAY,
    LAST_RATED_YEAR,
    ONE_DAY,
    add_days,
    add_years,
    held_on,
    random_date,
)
from cadre.demo.people import Person
from cadre.demo.structure import DistrictTree, Unit
from cadre.models import OrganizationForm

PARTY_REQUIRED = frozenset({
    *COMMUNE_CADRES, *DISTRICT_LEADERS, "CC_CHQS", "TRUONG_PHONG",
    "UV_BCH_XA", "UV_BTV_XA", "UV_BCH_HU", "UV_BTV_HU",
})


def set_party_dates(rng: random.Random, people: list[Person]) -> None:
    for person in people:
        required = min((t.start for t in person.tenures if t.title in PARTY_REQUIRED), default=None)
        if required is None and not person.wants_party:
            continue
        earliest = add_days(add_years(person.birth_date, 18), 1)
        joined = add_days(add_years(person.birth_date, rng.randint(21, 34)), rng.randint(0, 364))
        if required is not None:
            latest = add_days(required, -60)
            if joined > latest:
                joined = random_date(rng, max(earliest, add_years(latest, -4)), latest)
        elif joined > LAST_DAY:
            continue  # not a member yet
        person.party_joined_on = max(joined, earliest)


def party_statistics(rng: random.Random, tree: DistrictTree, people: list[Person]) -> list[tuple]:
    """(organization, year, members, probationary, female, admitted, removed) per grassroots unit."""
    grassroots = [u for u in tree.units if u.organization.form in
                  (OrganizationForm.PARTY_COMMITTEE, OrganizationForm.GRASSROOTS_CELL)]
    recorded = _recorded_members(grassroots, people)
    rows = []
    for unit in grassroots:
        others = _unrecorded_members(rng, unit)
        others_admitted_before = 0
        for year in range(FIRST_RATED_YEAR, LAST_RATED_YEAR + 1):
            if not unit.exists_on(dt.date(year, 12, 31)):
                continue
            members, female, admitted, probationary = recorded.get((unit.organization.pk, year), (0, 0, 0, 0))
            others_admitted = round(others * rng.uniform(0.025, 0.06))
            removed = 1 if others and rng.random() < min(0.6, others / 300) else 0
            others = max(0, others + others_admitted - removed - round(others * rng.uniform(0.005, 0.02)))
            others_female = round(others * rng.uniform(0.22, 0.34))
            # A probationary member became full after twelve months: this year's and some of last year's.
            others_probationary = min(others, others_admitted + others_admitted_before // 3)
            others_admitted_before = others_admitted
            rows.append((
                unit.organization, year, members + others, probationary + others_probationary,
                female + others_female, admitted + others_admitted, removed,
            ))
    return rows


def _unrecorded_members(rng: random.Random, unit: Unit) -> int:
    if unit.kind == "commune":
        cells = unit.hamlets + 4
        return cells * rng.randint(9, 24)
    if unit.spec.key in ("CA", "QS"):
        return rng.randint(40, 130)
    return rng.randint(0, 3)


def _recorded_members(units: list[Unit], people: list[Person]) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """(organization pk, year) -> (members, female, admitted that year, probationary) among officials."""
    wanted = {u.organization.pk for u in units}
    counts: dict[tuple[int, int], list[int]] = {}
    for person in people:
        joined = person.party_joined_on
        if joined is None:
            continue
        for year in range(FIRST_RATED_YEAR, LAST_RATED_YEAR + 1):
            day = dt.date(year, 12, 31)
            if joined > day:
                continue
            places = []
            for tenure in person.tenures:
                pk = tenure.organization.pk
                if pk in wanted and pk not in places and held_on(tenure.start, tenure.end, day):
                    places.append(pk)
            for pk in places:
                row = counts.setdefault((pk, year), [0, 0, 0, 0])
                row[0] += 1
                row[1] += person.is_female
                row[2] += joined.year == year
                row[3] += joined > day - dt.timedelta(days=365) + ONE_DAY
    return {key: tuple(row) for key, row in counts.items()}
