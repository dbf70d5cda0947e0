"""Committee seats, held concurrently with a post.

At each party congress the committee (BCH) is elected from the holders of the
main posts; its standing committee (BTV) from the chiefs. A seat lasts the
term, or until the member leaves the unit. Commune cadres and district leaders
who take up their post during a term join the committee then (chỉ định bổ sung).
"""
from __future__ import annotations

import datetime as dt

from cadre.demo.careers import COMMUNE_CADRES, COMMUNE_CHIEFS, DISTRICT_LEADERS
from cadre.demo.dates import ONE_DAY, held_on
from cadre.demo.people import Person, Tenure
from cadre.demo.structure import DistrictTree, Unit

COMMUNE_COMMITTEE_TITLES = (*COMMUNE_CADRES, "CC_CHQS")
# The slot suffix of a seat taken up during a term: designated by the committee above (chỉ định bổ sung),
# which events.py records as a CHI_DINH event.
DESIGNATED = ":chi-dinh"
DISTRICT_STANDING_LEADERS = ("BT_HU", "PBT_HU", "CT_UBND_HUYEN", "CT_HDND_HUYEN")


def add_committee_seats(tree: DistrictTree, people: list[Person]) -> None:
    communes = {unit.organization.pk: unit for unit in tree.communes}
    agencies = {unit.organization.pk: unit for unit in tree.agencies}
    for person in people:
        by_commune: dict[int, list[Tenure]] = {}
        for tenure in person.tenures:
            if tenure.organization.pk in communes:
                by_commune.setdefault(tenure.organization.pk, []).append(tenure)
        seats = []
        for pk, tenures in by_commune.items():
            unit = communes[pk]
            seats += _seats(unit, "UV_BCH_XA", tenures, COMMUNE_COMMITTEE_TITLES, COMMUNE_CADRES)
            seats += _seats(unit, "UV_BTV_XA", tenures, COMMUNE_CHIEFS, COMMUNE_CHIEFS)
        district_tenures = [t for t in person.tenures if _sits_in_district_committee(t, agencies)]
        if district_tenures:
            seats += _seats(tree.leadership, "UV_BCH_HU", district_tenures,
                            ("*",), DISTRICT_LEADERS)
            standing = [t for t in district_tenures if _sits_in_standing_committee(t, agencies)]
            seats += _seats(tree.leadership, "UV_BTV_HU", standing, ("*",), ("*",))
        person.tenures += seats


def _sits_in_district_committee(tenure: Tenure, agencies: dict[int, Unit]) -> bool:
    if tenure.title in DISTRICT_LEADERS or tenure.title == "BT_DU":
        return True
    agency = agencies.get(tenure.organization.pk)
    return tenure.title == "TRUONG_PHONG" and agency is not None and agency.spec.in_committee


def _sits_in_standing_committee(tenure: Tenure, agencies: dict[int, Unit]) -> bool:
    if tenure.title in DISTRICT_STANDING_LEADERS:
        return True
    if tenure.title == "PCT_UBND_HUYEN":
        return tenure.slot.endswith(":0")  # the first deputy chairman
    agency = agencies.get(tenure.organization.pk)
    return tenure.title == "TRUONG_PHONG" and agency is not None and agency.spec.in_standing_committee


def _seats(unit: Unit, seat_title: str, tenures: list[Tenure], elected_from: tuple[str, ...],
           coopted_from: tuple[str, ...]) -> list[Tenure]:
    """Seats of one person in the committee of `unit`, term by term."""
    elected = _intervals([t for t in tenures if "*" in elected_from or t.title in elected_from])
    coopted = _intervals([t for t in tenures if "*" in coopted_from or t.title in coopted_from])
    seats: list[Tenure] = []
    for number, congress in enumerate(unit.congresses):
        if number + 1 < len(unit.congresses):
            term_end = unit.congresses[number + 1] - ONE_DAY
        else:
            term_end = unit.ceased - ONE_DAY if unit.ceased else None
        for start, end in elected:
            if held_on(start, end, congress):
                seats.append(_seat(unit, seat_title, congress, end, term_end))
        for start, end in coopted:
            joined = start
            if joined <= congress or (term_end is not None and joined > term_end):
                continue
            if any(held_on(s.start, s.end, joined) for s in seats):
                continue
            seats.append(_seat(unit, seat_title, joined, end, term_end, slot_suffix=DESIGNATED))
    return seats


def _seat(unit: Unit, title: str, start: dt.date, end: dt.date | None, term_end: dt.date | None,
          slot_suffix: str = "") -> Tenure:
    ends = [day for day in (end, term_end) if day is not None]
    return Tenure(unit.organization, title, start, min(ends) if ends else None, f"{unit.code}:{title}{slot_suffix}")


def _intervals(tenures: list[Tenure]) -> list[tuple[dt.date, dt.date | None]]:
    """Periods covered by the tenures, with touching or overlapping periods joined."""
    merged: list[list] = []
    for tenure in sorted(tenures, key=lambda t: t.start):
        if merged and (merged[-1][1] is None or tenure.start <= merged[-1][1] + ONE_DAY):
            if merged[-1][1] is not None and (tenure.end is None or tenure.end > merged[-1][1]):
                merged[-1][1] = tenure.end
            continue
        merged.append([tenure.start, tenure.end])
    return [(start, end) for start, end in merged]
