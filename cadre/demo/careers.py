"""Who held which post when.

Every post (a title at a unit, e.g. the second Phó Chủ tịch UBND of a commune)
is a *chain* of successive holders: the first took it up between 2010 and 2015
(or when the unit was founded), and it changed hands a few times, mostly at
party congresses and council elections. Filling the chains in date order lets
a holder who leaves one post take up another a little later: promotions,
transfers between communes, rotations between district and commune, and the
staff of merged units moving to the new one. Persons who leave and are not
taken up elsewhere move to a district agency or out of the district.

Some posts are held concurrently by the holder of another (the Bí thư is also
Chủ tịch HĐND, and in a few communes Chủ tịch UBND): those are *shadows* of
the master chain.

On 1 July 2025 (structure.py) every post of the district ends and the posts
of the new communes start: the holders of the same post in the merged
communes carry on (one of them; others step down to a deputy post), district
leaders and heads of agencies take up chief and deputy posts, and the rest
leave for the province or are not taken up again; a few newcomers fill
what remains. `carry_over_staff` moves the agency staff the same way.

The rest of a district's officials are civil servants and public employees
of the agencies (`fill_staff`).
"""
from __future__ import annotations

import datetime as dt
import heapq
import random
from dataclasses import dataclass, field

from cadre.demo import names
from cadre.demo.dates import FIRST_DAY, ONE_DAY, REFORM_DATE, add_days, add_years, random_date
from cadre.demo.chance import Weighted
from cadre.demo.people import FEMALE, MALE, Move, Person, PersonMaker, Tenure
from cadre.demo.structure import DistrictTree, Unit

COMMUNE_CADRES = ["BT_DU", "PBT_DU", "CT_HDND_XA", "PCT_HDND_XA", "CT_UBND_XA", "PCT_UBND_XA",
                  "CT_MTTQ_XA", "BT_DOAN_XA", "CT_HLHPN_XA", "CT_HND_XA", "CT_HCCB_XA"]
COMMUNE_CIVIL_SERVANTS = ["CC_CHQS", "CC_VPTK", "CC_DC", "CC_TCKT", "CC_TPHT", "CC_VHXH"]
COMMUNE_CHIEFS = ("BT_DU", "PBT_DU", "CT_HDND_XA", "CT_UBND_XA")
DISTRICT_LEADERS = ("BT_HU", "PBT_HU", "CT_HDND_HUYEN", "PCT_HDND_HUYEN", "CT_UBND_HUYEN", "PCT_UBND_HUYEN")
AGENCY_LEADERS = ("TRUONG_PHONG", "PHO_PHONG")
PARTY_POSTS = ("BT_DU", "PBT_DU", "BT_HU", "PBT_HU")
COUNCIL_POSTS = ("CT_HDND_XA", "PCT_HDND_XA", "CT_UBND_XA", "PCT_UBND_XA",
                 "CT_HDND_HUYEN", "PCT_HDND_HUYEN", "CT_UBND_HUYEN", "PCT_UBND_HUYEN")
# Term years of the commune mass organizations (their congresses change the chairs).
MASS_ORGANIZATION_TERMS = {
    "CT_MTTQ_XA": (2019, 2024), "BT_DOAN_XA": (2017, 2022), "CT_HLHPN_XA": (2016, 2021),
    "CT_HND_XA": (2018, 2023), "CT_HCCB_XA": (2017, 2022),
}

# Seniority of a title; a holder moves to a post of the same or the next grade.
GRADES = {
    **{title: 1 for title in COMMUNE_CIVIL_SERVANTS},
    "CT_MTTQ_XA": 2, "BT_DOAN_XA": 2, "CT_HLHPN_XA": 2, "CT_HND_XA": 2, "CT_HCCB_XA": 2,
    "PBT_DU": 3, "PCT_HDND_XA": 3, "PCT_UBND_XA": 3,
    "BT_DU": 4, "CT_HDND_XA": 4, "CT_UBND_XA": 4, "PHO_PHONG": 4,
    "TRUONG_PHONG": 5, "PCT_HDND_HUYEN": 6, "PCT_UBND_HUYEN": 6,
    "PBT_HU": 7, "CT_UBND_HUYEN": 7, "CT_HDND_HUYEN": 7, "BT_HU": 8,
}

# How many times a post changed hands after its first holder.
CHANGES = Weighted([(0, 18), (1, 45), (2, 28), (3, 9)])
YOUTH_CHANGES = Weighted([(1, 3), (2, 5), (3, 2)])  # Đoàn secretaries are young, and move on
CIVIL_SERVANT_CHANGES = Weighted([(0, 50), (1, 35), (2, 15)])

LAST_CHANGE = dt.date(2024, 9, 30)  # the last day a post changes hands
MOVE_WINDOW = 120  # days between leaving one post and taking up another
MIN_TERM = 300  # days a holder stays at least


@dataclass(eq=False)
class Chain:
    """Successive holders of one post; tenure i runs from starts[i] to the next start."""

    unit: Unit
    title: str
    key: str
    starts: list[dt.date]
    end: dt.date | None  # last day of the post (its unit ceased), None: still open
    alive: int = 0  # tenures still planned; fewer when the budget of persons runs out
    holders: list[Person | None] = field(default_factory=list)
    tenures: list[Tenure | None] = field(default_factory=list)

    def __post_init__(self):
        self.alive = len(self.starts)
        self.holders = [None] * len(self.starts)
        self.tenures = [None] * len(self.starts)

    def tenure_end(self, index: int) -> dt.date | None:
        if index + 1 < self.alive:
            return self.starts[index + 1] - ONE_DAY
        return self.end

    def leaving_day(self, index: int) -> dt.date | None:
        """The first day tenure `index` is over; None while it lasts."""
        end = self.tenure_end(index)
        return end + ONE_DAY if end is not None else None


@dataclass(eq=False)
class Departure:
    date: dt.date  # the first day without the post
    person: Person
    tenure: Tenure
    unit: Unit
    taken: bool = False


class Staffing:
    """Fills the chains of one district in date order; see the module docstring."""

    def __init__(self, rng: random.Random, tree: DistrictTree, maker: PersonMaker, budget: int,
                 secretary_chairs_committee: frozenset[Unit] = frozenset()):
        self.rng = rng
        self.tree = tree
        self.maker = maker
        # Communes whose party secretary also chairs the People's Committee (no separate chairman's post).
        self.secretary_chairs_committee = secretary_chairs_committee
        self.chains: list[Chain] = []
        self.shadows: list[tuple[Chain, str]] = []
        self.pool: list[Departure] = []  # in date order
        self._pool_from = 0  # departures before this index are too old to be taken
        self._queue: list[tuple] = []
        self._sequence = 0
        self._plan_chains()
        # Each chain's last holder is reserved; earlier holders come from this allowance.
        spare = budget - len(self.chains) - max(10, budget // 20)
        self.history_left = max(0, min(int(0.7 * len(self.chains)), spare))

    # --- planning the posts ------------------------------------------------

    def _plan_chains(self) -> None:
        rng, tree = self.rng, self.tree
        leaders = tree.leadership
        for title in ("BT_HU", "PBT_HU", "CT_UBND_HUYEN", "PCT_HDND_HUYEN"):
            self._chain(leaders, title)
        for number in range(rng.randint(2, 3)):
            self._chain(leaders, "PCT_UBND_HUYEN", number)
        chairman = self._find(leaders, "CT_UBND_HUYEN")
        self.shadows.append((chairman, "PBT_HU"))
        council_master = self._find(leaders, "BT_HU" if rng.random() < 0.5 else "PBT_HU")
        self.shadows.append((council_master, "CT_HDND_HUYEN"))
        for unit in tree.agencies:
            self._chain(unit, "TRUONG_PHONG")
            for number in range(rng.randint(*unit.spec.deputies)):
                self._chain(unit, "PHO_PHONG", number)
        for unit in tree.communes:
            joint = unit in self.secretary_chairs_committee
            for title in COMMUNE_CADRES:
                if title == "CT_HDND_XA" or (title == "CT_UBND_XA" and joint):
                    continue
                deputies = 2 if title == "PCT_UBND_XA" and rng.random() < 0.7 else 1
                for number in range(deputies):
                    self._chain(unit, title, number)
            # Where the secretary chairs the committee, the deputy secretary chairs the council.
            council_master = self._find(unit, "BT_DU" if rng.random() < 0.55 and not joint else "PBT_DU")
            self.shadows.append((council_master, "CT_HDND_XA"))
            if joint:
                self.shadows.append((self._find(unit, "BT_DU"), "CT_UBND_XA"))
            for title in COMMUNE_CIVIL_SERVANTS:
                # One military commander (a single-holder title of the catalog); one or two of the others.
                for number in range(1 if rng.random() < 0.5 or title == "CC_CHQS" else 2):
                    self._chain(unit, title, number)

    def _find(self, unit: Unit, title: str) -> Chain:
        return next(c for c in self.chains if c.unit is unit and c.title == title)

    def _chain(self, unit: Unit, title: str, number: int = 0) -> None:
        starts = self._starts(unit, title)
        end = unit.ceased - ONE_DAY if unit.ceased else None
        self.chains.append(Chain(unit, title, f"{unit.code}:{title}:{number}", starts, end))

    def _starts(self, unit: Unit, title: str) -> list[dt.date]:
        """When the post changed hands: first holder, then changes at congresses or at random."""
        rng = self.rng
        first = unit.founded or random_date(rng, FIRST_DAY, dt.date(2015, 6, 30))
        horizon = min(unit.ceased - ONE_DAY, LAST_CHANGE) if unit.ceased else LAST_CHANGE
        anchors = self._anchors(unit, title)
        if title == "BT_DOAN_XA":
            changes = YOUTH_CHANGES.pick(rng)
        elif title in COMMUNE_CIVIL_SERVANTS:
            changes = CIVIL_SERVANT_CHANGES.pick(rng)
        else:
            changes = CHANGES.pick(rng)
        candidates = []
        for _ in range(changes):
            if anchors and rng.random() < 0.7:
                candidates.append(anchors.pop(rng.randrange(len(anchors))))
            else:
                candidates.append(random_date(rng, add_years(first, 1), horizon))
        starts = [first]
        for day in sorted(candidates):
            if (day - starts[-1]).days >= MIN_TERM and day <= horizon:
                starts.append(day)
        return starts

    def _anchors(self, unit: Unit, title: str) -> list[dt.date]:
        if title in PARTY_POSTS:
            return list(unit.congresses)
        if title in COUNCIL_POSTS:
            return list(unit.elections)
        if title in MASS_ORGANIZATION_TERMS:
            return [random_date(self.rng, dt.date(year, 4, 1), dt.date(year, 6, 30))
                    for year in MASS_ORGANIZATION_TERMS[title]]
        return []

    # --- filling the posts in date order -----------------------------------

    def run(self) -> None:
        for chain in self.chains:
            for index in range(len(chain.starts)):
                self._schedule(chain.starts[index], 1, chain, index)  # arrival
                leaving = chain.leaving_day(index)
                if leaving is not None:
                    self._schedule(leaving, 0, chain, index)  # departure
        while self._queue:
            day, phase, _, chain, index = heapq.heappop(self._queue)
            if index >= chain.alive:
                continue  # dropped when the chain was shortened
            if phase == 1:
                self._arrive(chain, index)
            elif day == chain.leaving_day(index):
                self.pool.append(Departure(day, chain.holders[index], chain.tenures[index], chain.unit))
        self._settle_leavers()
        self._add_shadows()

    def _schedule(self, day: dt.date, phase: int, chain: Chain, index: int) -> None:
        # Departures (phase 0) of a day come before its arrivals (phase 1).
        heapq.heappush(self._queue, (day, phase, self._sequence, chain, index))
        self._sequence += 1

    def _arrive(self, chain: Chain, index: int) -> None:
        start = chain.starts[index]
        unit = chain.unit
        departure = None
        take_share = 0.95 if unit.founded == start else (0.5 if GRADES[chain.title] >= 3 else 0.3)
        if self.rng.random() < take_share:
            departure = self._take(chain, start)
        if departure is not None:
            person, source = departure.person, departure.tenure
        else:
            if index < chain.alive - 1:
                if self.history_left > 0:
                    self.history_left -= 1
                else:
                    chain.alive = index + 1  # this holder keeps the post to the end
                    if chain.end is not None:
                        self._schedule(chain.leaving_day(index), 0, chain, index)
            person = self._new_holder(chain, start)
            source = self._earlier_post(person, chain, start)
        tenure = Tenure(unit.organization, chain.title, start, chain.tenure_end(index), chain.key)
        person.tenures.append(tenure)
        if source is not None:
            person.moves.append(Move(start, source, tenure))
        chain.holders[index] = person
        chain.tenures[index] = tenure

    def _take(self, chain: Chain, start: dt.date) -> Departure | None:
        """The best fitting person who left a post lately, if any."""
        best, best_score = None, 0
        earliest = add_days(start, -MOVE_WINDOW)
        while self._pool_from < len(self.pool) and self.pool[self._pool_from].date < earliest:
            self._pool_from += 1
        for departure in self.pool[self._pool_from:]:
            if departure.taken or departure.date > start:
                continue
            source = departure.tenure
            merged = departure.unit.successor is chain.unit
            reform = departure.date == REFORM_DATE == chain.unit.founded
            if source.slot == chain.key or not (
                _can_move(source.title, chain.title) or reform and _reform_move(source.title, chain.title, merged)
            ):
                continue
            if departure.unit is chain.unit and source.title == chain.title:
                continue  # the same post again is no move
            if not _fits(departure.person, chain, start):
                continue
            score = (3 if source.title == chain.title else 2 if GRADES[chain.title] > GRADES[source.title] else 1)
            score += 2 if departure.date == start else 0
            score += 2 if merged else 0
            score += 6 if reform and source.title in DISTRICT_LEADERS and chain.title in ("BT_DU", "CT_UBND_XA") else 0
            if score > best_score:
                best, best_score = departure, score
        if best is not None:
            best.taken = True
        return best

    def _new_holder(self, chain: Chain, start: dt.date) -> Person:
        title, unit = chain.title, chain.unit
        gender = None
        if title == "CT_HLHPN_XA" or (title == "TRUONG_PHONG" and unit.spec.female_head):
            gender = FEMALE
        return self.maker.make(title, start, commune_level=unit.kind == "commune", gender=gender)

    def _earlier_post(self, person: Person, chain: Chain, start: dt.date) -> Tenure | None:
        """Some new holders were district civil servants before (promotion or rotation)."""
        rng = self.rng
        title = chain.title
        if title in AGENCY_LEADERS:
            if rng.random() > (0.5 if title == "PHO_PHONG" else 0.3):
                return None
            agency = chain.unit
        elif title in COMMUNE_CHIEFS or GRADES.get(title) == 3:
            if rng.random() > 0.15:
                return None
            agency = rng.choice(self._stable_agencies())
        else:
            return None
        latest = add_years(start, -2)
        earliest = max(FIRST_DAY, add_years(person.birth_date, 22), agency.founded or FIRST_DAY)
        if earliest > latest:
            return None
        earlier = Tenure(agency.organization, "CONG_CHUC_HUYEN", random_date(rng, earliest, latest),
                         start - ONE_DAY)
        person.tenures.append(earlier)
        return earlier

    def _stable_agencies(self) -> list[Unit]:
        return [u for u in self.tree.agencies
                if u.founded is None and u.ceased in (None, REFORM_DATE) and u.spec.civil_servants > 0]

    def _settle_leavers(self) -> None:
        """Persons who left a post and took no other: a district agency, outside, or retired."""
        rng = self.rng
        agencies = self._stable_agencies()
        for departure in self.pool:
            if departure.taken:
                continue
            person, source = departure.person, departure.tenure
            if departure.unit.kind == "commune" and departure.date <= LAST_CHANGE and rng.random() < 0.35:
                target = Tenure(rng.choice(agencies).organization, "CONG_CHUC_HUYEN", departure.date, None)
                person.tenures.append(target)
                person.moves.append(Move(departure.date, source, target))
            elif rng.random() < 0.5:
                person.moves.append(Move(departure.date, source, None,
                                         outside=rng.choice(names.OUTSIDE_DESTINATIONS)))

    def _add_shadows(self) -> None:
        for master, title in self.shadows:
            for index in range(master.alive):
                holder = master.holders[index]
                holder.tenures.append(Tenure(
                    master.unit.organization, title, master.starts[index], master.tenure_end(index),
                    f"{master.key}/{title}",
                ))


def _can_move(source: str, target: str) -> bool:
    if source.startswith("CC_") and target.startswith("CC_"):
        return source == target  # civil servants keep their field
    if target.startswith("CC_"):
        return False
    if source in AGENCY_LEADERS and target in COMMUNE_CHIEFS:
        return True  # rotation from the district to a commune
    return 0 <= GRADES[target] - GRADES[source] <= 1


def _reform_move(source: str, target: str, merged: bool) -> bool:
    """Moves of the 2025 restructuring beyond the usual ones (see the module docstring)."""
    if source.startswith("CC_") or target.startswith("CC_"):
        return False
    if merged and 0 <= GRADES[source] - GRADES[target] <= 1:
        return True  # the chief of a merged commune becomes a deputy of the new one
    if source in DISTRICT_LEADERS:
        return target in COMMUNE_CHIEFS
    return source in AGENCY_LEADERS and GRADES[target] in (3, 4)


def _fits(person: Person, chain: Chain, start: dt.date) -> bool:
    age = person.age_on(start)
    title = chain.title
    if age > 57:
        return False
    if title == "BT_DOAN_XA":
        return age <= 30
    if title == "CT_HCCB_XA":
        return person.gender == MALE and age >= 40
    if title == "CC_CHQS":
        return person.gender == MALE
    if title == "CT_HLHPN_XA" or (title == "TRUONG_PHONG" and chain.unit.spec.female_head):
        return person.gender == FEMALE
    return True


def fill_staff(rng: random.Random, tree: DistrictTree, maker: PersonMaker, count: int) -> None:
    """Civil servants and public employees of the agencies, with a few transfers and leavers."""
    choices = []
    for unit in tree.agencies:
        if unit.successor is not None:
            continue  # staff of merged units are placed through their successor
        if unit.spec.civil_servants:
            choices.append(((unit, "CONG_CHUC_HUYEN"), unit.spec.civil_servants))
        if unit.spec.public_employees:
            choices.append(((unit, "VIEN_CHUC"), unit.spec.public_employees))
    if not choices:
        return
    choices = Weighted(choices)
    for _ in range(count):
        unit, title = choices.pick(rng)
        _staff_member(rng, tree, maker, unit, title, choices)


def _staff_member(rng, tree, maker: PersonMaker, unit: Unit, title: str, choices) -> None:
    # Recruitment dates lean early: most of today's staff were there ten years ago.
    recruited = random_date(rng, FIRST_DAY, dt.date(2024, 9, 30))
    if rng.random() < 0.5:
        recruited = min(recruited, random_date(rng, FIRST_DAY, dt.date(2024, 9, 30)))
    person = maker.make(title, recruited, commune_level=False)
    start = max(recruited, add_years(person.birth_date, 22))
    if unit.founded and start < unit.founded:
        old = rng.choice([u for u in tree.agencies if u.successor is unit])
        first = Tenure(old.organization, title, start, unit.founded - ONE_DAY)
        second = Tenure(unit.organization, title, unit.founded, None)
        person.tenures += [first, second]
        person.moves.append(Move(unit.founded, first, second))
    else:
        person.tenures.append(Tenure(unit.organization, title, start, None))
    current = person.tenures[-1]
    latest_change = dt.date(2024, 6, 30)
    earliest_change = max(add_years(current.start, 1), dt.date(2012, 1, 1))
    if earliest_change >= latest_change:
        return
    roll = rng.random()
    if roll < 0.07:
        other_unit, other_title = choices.pick(rng)
        if other_unit is unit or (other_unit.founded and other_unit.founded > earliest_change):
            return
        day = random_date(rng, earliest_change, latest_change)
        current.end = day - ONE_DAY
        moved = Tenure(other_unit.organization, other_title, day, None)
        person.tenures.append(moved)
        person.moves.append(Move(day, current, moved))
    elif roll < 0.12:
        day = random_date(rng, earliest_change, latest_change)
        current.end = day - ONE_DAY
        if rng.random() < 0.5:
            person.moves.append(Move(day, current, None, outside=rng.choice(names.OUTSIDE_DESTINATIONS)))


# Civil servant posts of a new commune open to the staff of the dropped district agencies.
REFORM_CIVIL_SERVANTS = ("CC_VPTK", "CC_DC", "CC_TCKT", "CC_TPHT", "CC_VHXH")


def carry_over_staff(rng: random.Random, tree: DistrictTree, people: list[Person]) -> None:
    """Agency staff in office on 30 June 2025: to a new commune, to the province, or no further post."""
    dropped = {u.organization.pk for u in tree.agencies if u.ceased == REFORM_DATE}
    communes = tree.new_communes
    for person in people:
        for tenure in list(person.tenures):
            if (tenure.title not in ("CONG_CHUC_HUYEN", "VIEN_CHUC") or tenure.organization.pk not in dropped
                    or (tenure.end is not None and tenure.end < REFORM_DATE)):
                continue
            tenure.end = REFORM_DATE - ONE_DAY
            roll = rng.random()
            if tenure.title == "CONG_CHUC_HUYEN" and roll < 0.6 and person.age_on(REFORM_DATE) <= 57:
                target = Tenure(rng.choice(communes).organization, rng.choice(REFORM_CIVIL_SERVANTS), REFORM_DATE, None)
                person.tenures.append(target)
                person.moves.append(Move(REFORM_DATE, tenure, target))
            elif roll < 0.8:
                person.moves.append(Move(REFORM_DATE, tenure, None, outside=rng.choice(names.OUTSIDE_DESTINATIONS)))
