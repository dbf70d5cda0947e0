"""Career events from 2019 on, read off the positions and moves of a person.

- a move between units: LUAN_CHUYEN of a leader between district and commune
  or to a commune chief post, DIEU_DONG otherwise (and for merged units);
- a move out of the district: LUAN_CHUYEN for leaders, DIEU_DONG for others;
- a new head or deputy of an agency: BO_NHIEM, and BO_NHIEM_LAI every five years;
- a new party secretary or deputy: CHUAN_Y of the election;
- a committee seat taken up during a term: CHI_DINH (designated by the committee above);
- holders of elected council and committee posts after the 2021 elections, and those who take such a
  post by a move later: GIOI_THIEU_UNG_CU (introduced as candidates);
- a civil servant or public employee whose first post starts from 2019 on: TUYEN_DUNG;
- a person under 55 who leaves their last post without a move (not at the 2025 restructuring): THOI_VIEC.

`add_refresher_training` adds the refresher courses (CU_DI_HOC, programme BOI_DUONG) of commune party
secretaries and committee members and of the persons planned for a committee, from its own generator.
"""
from __future__ import annotations

import datetime as dt
import random

from cadre.demo.careers import (
    AGENCY_LEADERS,
    COMMUNE_CHIEFS,
    COMMUNE_CIVIL_SERVANTS,
    COUNCIL_POSTS,
    DISTRICT_LEADERS,
    PARTY_POSTS,
)
from cadre.demo.committees import DESIGNATED
from cadre.demo.dates import EVENTS_FROM, LAST_DAY, ONE_DAY, REFORM_DATE, add_days, add_years, held_on, random_date
from cadre.demo.people import Move, Person
from cadre.models import OrganizationKind

LEADING = frozenset({*COMMUNE_CHIEFS, *DISTRICT_LEADERS, *AGENCY_LEADERS})
RECRUITED = frozenset({"CONG_CHUC_HUYEN", "VIEN_CHUC", *COMMUNE_CIVIL_SERVANTS})
# The 2021 elections of the People's Councils: candidates introduced in March, councils seated by July.
CANDIDATES_INTRODUCED = dt.date(2021, 3, 20)
COUNCILS_SEATED = dt.date(2021, 7, 15)
RESIGNATION_AGE = 55  # older leavers retire
# Refresher courses: title or seat -> (share of holders, note).
REFRESHERS = {
    "BT_DU": (0.6, "Bồi dưỡng chức danh Bí thư, Phó Bí thư đảng ủy cấp xã"),
    "PBT_DU": (0.6, "Bồi dưỡng chức danh Bí thư, Phó Bí thư đảng ủy cấp xã"),
    "UV_BCH_XA": (0.45, "Bồi dưỡng kiến thức cho cấp ủy viên cơ sở"),
}
PLANNED_REFRESHER = "Bồi dưỡng, cập nhật kiến thức mới cho cán bộ diện quy hoạch cấp ủy"
# Share of the persons planned for a committee (2025-2030) sent to a refresher course.
PLANNED_REFRESHER_SHARE = {"UV_BCH_HU": 0.95, "UV_BTV_HU": 0.95, "UV_BCH_XA": 0.15}


def add_career_events(person: Person) -> None:
    for move in person.moves:
        if EVENTS_FROM <= move.date <= LAST_DAY:
            event = _move_event(move)
            if event is not None:
                person.events.append(event)
            if _introduced_by_move(move):
                person.events.append(("GIOI_THIEU_UNG_CU", move.date, None, move.target.organization, "", "",
                                      "Giới thiệu ứng cử bổ sung"))
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
        elif tenure.slot.endswith(DESIGNATED) and EVENTS_FROM <= tenure.start <= LAST_DAY:
            person.events.append(("CHI_DINH", tenure.start, None, organization, "", "",
                                  f"Chỉ định bổ sung {SEAT_LABELS.get(tenure.title, 'cấp ủy viên')}"))
    council = next((t for t in person.tenures
                    if t.title in COUNCIL_POSTS and held_on(t.start, t.end, COUNCILS_SEATED)), None)
    if council is not None:
        person.events.append(("GIOI_THIEU_UNG_CU", CANDIDATES_INTRODUCED, None, council.organization, "", "",
                              "Giới thiệu ứng cử đại biểu HĐND nhiệm kỳ 2021 - 2026"))
    _recruitment_and_resignation(person)


def _introduced_by_move(move: Move) -> bool:
    """A move into an elected council or committee post between elections: a by-election candidate."""
    return (move.target is not None and move.target.title in COUNCIL_POSTS
            and not CANDIDATES_INTRODUCED <= move.date <= COUNCILS_SEATED
            and move.target.organization is not move.source.organization)


def _recruitment_and_resignation(person: Person) -> None:
    posts = sorted((t for t in person.tenures if not t.title.startswith("UV_")), key=lambda t: t.start)
    if not posts:
        return
    first = posts[0]
    moved_in = {id(move.target) for move in person.moves if move.target is not None}
    if first.title in RECRUITED and id(first) not in moved_in and EVENTS_FROM <= first.start <= LAST_DAY:
        word = "viên chức" if first.title == "VIEN_CHUC" else "công chức"
        person.events.append(("TUYEN_DUNG", first.start, None, first.organization, "", "", f"Tuyển dụng {word}"))
    if any(t.end is None for t in posts):
        return
    last = max(posts, key=lambda t: t.end)
    left = last.end + ONE_DAY
    if left == REFORM_DATE or any(move.date == left for move in person.moves):
        return
    if EVENTS_FROM <= left <= LAST_DAY and person.age_on(left) < RESIGNATION_AGE:
        person.events.append(("THOI_VIEC", left, last.organization, None, "", "", "Thôi việc theo nguyện vọng"))


def add_refresher_training(rng: random.Random, person: Person) -> None:
    """Refresher courses (CU_DI_HOC, BOI_DUONG) of commune secretaries and committee members, and of the
    persons planned for a committee for 2025-2030 (after the planning was approved)."""
    noted = set()
    for tenure in person.tenures:
        share, note = REFRESHERS.get(tenure.title, (0.0, ""))
        if note in noted or rng.random() >= share:
            continue
        day = random_date(rng, add_days(tenure.start, 30), add_days(tenure.start, 400))
        if EVENTS_FROM <= day <= LAST_DAY and held_on(tenure.start, tenure.end, day):
            noted.add(note)
            person.events.append(("CU_DI_HOC", day, tenure.organization, None, "", "", note, "BOI_DUONG"))
    for title, organization, term, approved, removed in person.planning:
        share = PLANNED_REFRESHER_SHARE.get(title, 0.0)
        if term != "2025-2030" or PLANNED_REFRESHER in noted or rng.random() >= share:
            continue
        latest = min(LAST_DAY, removed - ONE_DAY if removed else LAST_DAY, dt.date(2024, 12, 31))
        day = random_date(rng, add_days(approved, 20), latest)
        if day <= latest:
            noted.add(PLANNED_REFRESHER)
            person.events.append(("CU_DI_HOC", day, None, None, "", "", PLANNED_REFRESHER, "BOI_DUONG"))


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


SEAT_LABELS = {
    "UV_BCH_HU": "Ủy viên Ban Chấp hành Đảng bộ huyện",
    "UV_BTV_HU": "Ủy viên Ban Thường vụ Huyện ủy",
    "UV_BCH_XA": "Ủy viên Ban Chấp hành Đảng bộ xã",
    "UV_BTV_XA": "Ủy viên Ban Thường vụ Đảng ủy xã",
}


def _title_label(title: str) -> str:
    return TITLE_LABELS[title]
