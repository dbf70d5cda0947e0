"""Career events from 2019 on, read off the positions and moves of a person.

- a move between units: LUAN_CHUYEN of a leader between district and commune
  or to a commune chief post, DIEU_DONG otherwise (and for merged units);
- a move out of the district: LUAN_CHUYEN for leaders, DIEU_DONG for others;
- a new head or deputy of an agency: BO_NHIEM, and BO_NHIEM_LAI every five years;
- a new party secretary or deputy: CHUAN_Y of the election.
"""
from __future__ import annotations

from cadre.demo.careers import AGENCY_LEADERS, COMMUNE_CHIEFS, DISTRICT_LEADERS, PARTY_POSTS
from cadre.demo.dates import EVENTS_FROM, LAST_DAY, add_years, held_on
from cadre.demo.people import Move, Person
from cadre.models import OrganizationKind

LEADING = frozenset({*COMMUNE_CHIEFS, *DISTRICT_LEADERS, *AGENCY_LEADERS})


def add_career_events(person: Person) -> None:
    for move in person.moves:
        if EVENTS_FROM <= move.date <= LAST_DAY:
            event = _move_event(move)
            if event is not None:
                person.events.append(event)
    for tenure in person.tenures:
        organization = tenure.organization
        if tenure.title in AGENCY_LEADERS:
            if EVENTS_FROM <= tenure.start <= LAST_DAY:
                person.events.append(("BO_NHIEM", tenure.start, None, organization, "", "",
                                      f"Bổ nhiệm {_title_label(tenure.title)}"))
            for years in (5, 10):
                again = add_years(tenure.start, years)
                if EVENTS_FROM <= again <= LAST_DAY and held_on(tenure.start, tenure.end, again):
                    person.events.append(("BO_NHIEM_LAI", again, None, organization, "", "",
                                          f"Bổ nhiệm lại {_title_label(tenure.title)}"))
        elif tenure.title in PARTY_POSTS and EVENTS_FROM <= tenure.start <= LAST_DAY:
            person.events.append(("CHUAN_Y", tenure.start, None, organization, "", "",
                                  f"Chuẩn y kết quả bầu {_title_label(tenure.title)}"))


def _move_event(move: Move) -> tuple | None:
    source = move.source.organization
    if move.target is None:
        kind = "LUAN_CHUYEN" if move.source.title in LEADING else "DIEU_DONG"
        note = "Sắp xếp, sáp nhập đơn vị" if source.ceased_on == move.date else "Chuyển công tác ra ngoài huyện"
        return (kind, move.date, source, None, "", move.outside, note)
    target = move.target.organization
    if target is source:
        return None  # a new post in the same unit: appointment or election, recorded above
    if source.ceased_on == move.date:
        return ("DIEU_DONG", move.date, source, target, "", "", "Sắp xếp, sáp nhập đơn vị")
    across_levels = (source.kind == OrganizationKind.COMMUNE) != (target.kind == OrganizationKind.COMMUNE)
    leading = move.source.title in LEADING or move.target.title in LEADING
    if leading and (across_levels or move.target.title in COMMUNE_CHIEFS):
        return ("LUAN_CHUYEN", move.date, source, target, "", "", "")
    return ("DIEU_DONG", move.date, source, target, "", "", "")


TITLE_LABELS = {
    "TRUONG_PHONG": "giữ chức Trưởng phòng, ban, ngành",
    "PHO_PHONG": "giữ chức Phó Trưởng phòng, ban, ngành",
    "BT_DU": "Bí thư Đảng ủy xã",
    "PBT_DU": "Phó Bí thư Đảng ủy xã",
    "BT_HU": "Bí thư Huyện ủy",
    "PBT_HU": "Phó Bí thư Huyện ủy",
}


def _title_label(title: str) -> str:
    return TITLE_LABELS[title]
