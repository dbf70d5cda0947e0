"""Persons of the demo data, planned in memory before they are written.

A `Person` is a plain object: identity (name, birth, ethnic group, CCCD),
the positions held (`Tenure`), the moves between positions (`Move`) and the
records added later (qualifications, ratings, events, planning).
`PersonMaker` invents new persons that fit a title and a start date.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from cadre.demo import names
from cadre.demo.chance import Weighted
from cadre.demo.dates import OLDEST_BIRTH, YOUNGEST_BIRTH, add_days, add_years
from cadre.models import Gender, Organization

MALE, FEMALE = Gender.MALE.value, Gender.FEMALE.value  # plain strings: rows are written as tuples


@dataclass(slots=True, eq=False)
class Tenure:
    """A position held at an organization from `start` to `end` (None: still held)."""

    organization: Organization
    title: str
    start: dt.date
    end: dt.date | None
    slot: str = ""  # the chain of successive holders it belongs to


@dataclass(slots=True, eq=False)
class Move:
    """A change of position: from one tenure to the next, or out of the district."""

    date: dt.date
    source: Tenure
    target: Tenure | None  # None: left for a post outside the district
    merger: bool = False  # the old unit was merged into the new one
    outside: str = ""  # where the person went when target is None


@dataclass(slots=True, eq=False)
class Person:
    code: str
    full_name: str
    gender: str
    birth_date: dt.date
    ethnic_group: str
    citizen_id: str | None
    hometown: Organization | None
    hometown_text: str
    wants_party: bool  # joins the party at some point even without a party post
    tenures: list[Tenure] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    party_joined_on: dt.date | None = None
    qualifications: list[tuple] = field(default_factory=list)  # (type, level or detail, major, date)
    ratings: list[tuple[int, str]] = field(default_factory=list)
    # (kind, date, from org, to org, from text, to text, note[, programme of a training])
    events: list[tuple] = field(default_factory=list)
    planning: list[tuple] = field(default_factory=list)  # (title, organization, term, approved, removed)

    @property
    def is_female(self) -> bool:
        return self.gender == FEMALE

    def age_on(self, day: dt.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (1 if before_birthday else 0)

    def first_start(self) -> dt.date:
        return min(t.start for t in self.tenures)


# Per title: (youngest, oldest age when taking it up, share of women, party member share).
TITLE_PROFILES: dict[str, tuple[int, int, float, float]] = {
    "BT_DU": (30, 48, 0.05, 1.0),
    "PBT_DU": (26, 45, 0.07, 1.0),
    "CT_HDND_XA": (30, 48, 0.05, 1.0),
    "PCT_HDND_XA": (25, 45, 0.08, 1.0),
    "CT_UBND_XA": (27, 45, 0.04, 1.0),
    "PCT_UBND_XA": (24, 42, 0.07, 1.0),
    "CT_MTTQ_XA": (27, 48, 0.10, 1.0),
    "BT_DOAN_XA": (22, 28, 0.18, 1.0),
    "CT_HLHPN_XA": (23, 38, 1.0, 1.0),
    "CT_HND_XA": (27, 48, 0.04, 1.0),
    "CT_HCCB_XA": (40, 56, 0.0, 1.0),
    "CC_CHQS": (23, 38, 0.0, 1.0),
    "CC_VPTK": (22, 35, 0.35, 0.7),
    "CC_DC": (22, 35, 0.15, 0.65),
    "CC_TCKT": (22, 35, 0.45, 0.7),
    "CC_TPHT": (22, 35, 0.35, 0.7),
    "CC_VHXH": (22, 35, 0.35, 0.7),
    "BT_HU": (42, 55, 0.05, 1.0),
    "PBT_HU": (40, 55, 0.12, 1.0),
    "CT_HDND_HUYEN": (40, 55, 0.10, 1.0),
    "PCT_HDND_HUYEN": (38, 54, 0.20, 1.0),
    "CT_UBND_HUYEN": (40, 54, 0.05, 1.0),
    "PCT_UBND_HUYEN": (36, 54, 0.15, 1.0),
    "TRUONG_PHONG": (32, 52, 0.14, 1.0),
    "PHO_PHONG": (28, 50, 0.25, 0.95),
    "CONG_CHUC_HUYEN": (22, 45, 0.40, 0.55),
    "VIEN_CHUC": (22, 45, 0.46, 0.35),
}



FAMILY_NAMES = {ethnic: Weighted(style[0]) for ethnic, style in names.NAME_STYLES.items()}
ETHNIC_GROUPS_COMMUNE = Weighted(names.ETHNIC_WEIGHTS_COMMUNE)
ETHNIC_GROUPS_DISTRICT = Weighted(names.ETHNIC_WEIGHTS_DISTRICT)


def full_name(rng: random.Random, ethnic_group: str, gender: str) -> str:
    style = ethnic_group if ethnic_group in names.NAME_STYLES else "Thái"
    _, middle_m, middle_f, given_m, given_f = names.NAME_STYLES[style]
    female = gender == FEMALE
    middle = rng.choice(middle_f if female else middle_m)
    given = rng.choice(given_f if female else given_m)
    return f"{FAMILY_NAMES[style].pick(rng)} {middle} {given}"


class CitizenIds:
    """Unique 12-digit CCCD numbers: province, century and sex, birth year, serial."""

    def __init__(self):
        self._used: set[str] = set()

    def issue(self, rng: random.Random, province_prefix: str, gender: str, birth: dt.date) -> str:
        century_sex = (0 if birth.year < 2000 else 2) + (1 if gender == FEMALE else 0)
        head = f"{province_prefix}{century_sex}{birth.year % 100:02d}"
        while True:
            number = f"{head}{rng.randrange(1_000_000):06d}"
            if number not in self._used:
                self._used.add(number)
                return number


class PersonMaker:
    """Invents persons for one district: names, ages, origin, CCCD and code."""

    def __init__(self, rng: random.Random, district_code: str, communes: list[Organization],
                 citizen_ids: CitizenIds):
        self.rng = rng
        self.district_code = district_code
        self.communes = communes
        self.citizen_ids = citizen_ids
        self.people: list[Person] = []

    def make(self, title: str, start: dt.date, *, commune_level: bool, gender: str | None = None) -> Person:
        """A new person of an age and sex that fit taking up `title` on `start`."""
        rng = self.rng
        youngest, oldest, female_share, party_share = TITLE_PROFILES[title]
        if gender is None:
            gender = FEMALE if rng.random() < female_share else MALE
        age = rng.randint(youngest, oldest)
        birth = add_days(add_years(start, -age), -rng.randint(0, 364))
        # Everyone is 22 to 60 years old in 2024, and 22 or older when taking up a post.
        latest = min(YOUNGEST_BIRTH, add_years(start, -22))
        if birth < OLDEST_BIRTH:
            birth = add_days(OLDEST_BIRTH, rng.randint(0, 364))
        if birth > latest:
            birth = add_days(latest, -rng.randint(0, 180))
        ethnic = (ETHNIC_GROUPS_COMMUNE if commune_level else ETHNIC_GROUPS_DISTRICT).pick(rng)
        hometown, hometown_text, province_prefix = self._origin(ethnic)
        citizen_id = None
        if rng.random() < 0.96:
            citizen_id = self.citizen_ids.issue(rng, province_prefix, gender, birth)
        person = Person(
            code=f"{self.district_code}-{len(self.people) + 1:05d}",
            full_name=full_name(rng, ethnic, gender),
            gender=gender,
            birth_date=birth,
            ethnic_group=ethnic,
            citizen_id=citizen_id,
            hometown=hometown,
            hometown_text=hometown_text,
            wants_party=rng.random() < party_share,
        )
        self.people.append(person)
        return person

    def _origin(self, ethnic: str) -> tuple[Organization | None, str, str]:
        """Hometown: a commune of the district for most, another province for some Kinh."""
        rng = self.rng
        if ethnic == "Kinh" and rng.random() < 0.6:
            index = rng.randrange(len(names.HOME_PROVINCES))
            prefix, province = names.HOME_PROVINCES[index]
            return None, f"{names.HOME_COMMUNES[index]}, {province}", prefix
        if rng.random() < 0.85:
            return rng.choice(self.communes), "", names.PROVINCE_CCCD_PREFIX
        return None, "", names.PROVINCE_CCCD_PREFIX
