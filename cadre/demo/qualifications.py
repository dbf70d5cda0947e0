"""Qualifications with the dates they were obtained.

Each person follows the profile of their track (commune cadre, commune civil
servant, district leader, head or deputy of an agency, civil servant, public
employee). Commune officials often started with a secondary degree and
studied for a university degree while in office, mostly from 2020 on; that is
what makes the 2020 and 2023 columns of the reports differ. A person sent to
study from 2019 on gets a CU_DI_HOC event with the study's programme.

Civil-service grades (NGACH, `add_civil_service_grade`) come from the demo's
second generator: chuyên viên for most, chuyên viên chính for many leaders,
cán sự for the rest; public employees hold none.
"""
from __future__ import annotations

import datetime as dt
import random

from cadre.demo import names
from cadre.demo.chance import Weighted
from cadre.demo.careers import COMMUNE_CADRES, COMMUNE_CIVIL_SERVANTS, DISTRICT_LEADERS
from cadre.demo.dates import EVENTS_FROM, LAST_DAY, add_days, add_years, held_on, random_date
from cadre.demo.people import Person

COMMUNE_TRACKS = ("commune_cadre", "commune_civil")
DEGREE_RANK = {"SO_CAP": 1, "TRUNG_CAP": 2, "CAO_DANG": 3, "DAI_HOC": 4, "THAC_SI": 5, "TIEN_SI": 6}

# Per track: first degree weights, share upgrading to university, share with a master's.
PROFESSIONAL = {
    "commune_cadre": (Weighted([("TRUNG_CAP", 64), ("SO_CAP", 4), ("CAO_DANG", 14), ("DAI_HOC", 18)]), 0.55, 0.02),
    "commune_civil": (Weighted([("TRUNG_CAP", 35), ("CAO_DANG", 15), ("DAI_HOC", 50)]), 0.5, 0.01),
    "leader": (Weighted([("DAI_HOC", 100)]), 1.0, 0.45),
    "head": (Weighted([("DAI_HOC", 95), ("CAO_DANG", 5)]), 1.0, 0.18),
    "deputy": (Weighted([("DAI_HOC", 92), ("CAO_DANG", 4), ("TRUNG_CAP", 4)]), 0.7, 0.08),
    "civil": (Weighted([("DAI_HOC", 88), ("CAO_DANG", 6), ("TRUNG_CAP", 6)]), 0.4, 0.04),
    "public": (Weighted([("DAI_HOC", 68), ("CAO_DANG", 20), ("TRUNG_CAP", 12)]), 0.3, 0.02),
}
# Per track: shares reaching sơ cấp, trung cấp, cao cấp political theory.
POLITICAL = {
    "commune_cadre": (0.97, 0.98, 0.08),
    "commune_civil": (0.75, 0.55, 0.01),
    "leader": (1.0, 1.0, 0.97),
    "head": (1.0, 1.0, 0.4),
    "deputy": (1.0, 0.85, 0.08),
    "civil": (0.6, 0.2, 0.02),
    "public": (0.45, 0.3, 0.0),  # teachers among them: seed 000 line 252, 9% with trung cấp
}
# Per track: shares reaching chuyên viên, chuyên viên chính, chuyên viên cao cấp.
STATE_MANAGEMENT = {
    "commune_cadre": (0.78, 0.0, 0.0),
    "commune_civil": (0.82, 0.0, 0.0),
    "leader": (1.0, 0.9, 0.15),
    "head": (1.0, 0.45, 0.0),
    "deputy": (0.95, 0.1, 0.0),
    "civil": (0.7, 0.03, 0.0),
    "public": (0.2, 0.0, 0.0),
}
JOB_TRAINING = {
    "BT_DU": "Bồi dưỡng cập nhật kiến thức cho Bí thư Đảng ủy cấp xã",
    "PBT_DU": "Bồi dưỡng nghiệp vụ công tác đảng cho cấp ủy cơ sở",
    "CT_HDND_XA": "Bồi dưỡng kỹ năng hoạt động cho đại biểu HĐND cấp xã",
    "PCT_HDND_XA": "Bồi dưỡng kỹ năng hoạt động cho đại biểu HĐND cấp xã",
    "CT_UBND_XA": "Bồi dưỡng kiến thức, kỹ năng cho Chủ tịch UBND cấp xã",
    "PCT_UBND_XA": "Bồi dưỡng kiến thức, kỹ năng cho Phó Chủ tịch UBND cấp xã",
    "CT_MTTQ_XA": "Bồi dưỡng nghiệp vụ công tác Mặt trận cấp cơ sở",
    "BT_DOAN_XA": "Bồi dưỡng nghiệp vụ công tác Đoàn cấp cơ sở",
    "CT_HLHPN_XA": "Bồi dưỡng nghiệp vụ công tác Hội Phụ nữ cơ sở",
    "CT_HND_XA": "Bồi dưỡng nghiệp vụ công tác Hội Nông dân cơ sở",
    "CT_HCCB_XA": "Bồi dưỡng nghiệp vụ công tác Hội Cựu chiến binh cơ sở",
    "CC_CHQS": "Bồi dưỡng Chỉ huy trưởng Quân sự cấp xã",
    "CC_VPTK": "Bồi dưỡng nghiệp vụ Văn phòng - Thống kê cấp xã",
    "CC_DC": "Bồi dưỡng nghiệp vụ Địa chính - Xây dựng cấp xã",
    "CC_TCKT": "Bồi dưỡng nghiệp vụ Tài chính - Kế toán cấp xã",
    "CC_TPHT": "Bồi dưỡng nghiệp vụ Tư pháp - Hộ tịch cấp xã",
    "CC_VHXH": "Bồi dưỡng nghiệp vụ Văn hóa - Xã hội cấp xã",
    **{title: "Bồi dưỡng cán bộ lãnh đạo, quản lý cấp huyện" for title in DISTRICT_LEADERS},
    "TRUONG_PHONG": "Bồi dưỡng lãnh đạo, quản lý cấp phòng",
    "PHO_PHONG": "Bồi dưỡng lãnh đạo, quản lý cấp phòng",
    "CONG_CHUC_HUYEN": "Bồi dưỡng nghiệp vụ theo vị trí việc làm",
    "VIEN_CHUC": "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp",
}
MAJOR_AREAS = {
    "CC_CHQS": "military", "CC_TCKT": "economy", "CC_DC": "economy", "CC_TPHT": "society",
    "CC_VHXH": "society", "CC_VPTK": "party",
}
AGENCY_AREAS = {"PGDDT": "teaching", "TTYT": "health", "TTVH": "culture", "TTVHTT": "culture",
                "DTTTH": "culture", "PNN": "economy", "PTCKH": "economy", "PKTHT": "economy",
                "PTNMT": "economy", "BQLDA": "economy", "TTDVNN": "economy"}


def track_of(person: Person) -> str:
    titles = {t.title for t in person.tenures}
    if titles & set(DISTRICT_LEADERS):
        return "leader"
    if "TRUONG_PHONG" in titles:
        return "head"
    if "PHO_PHONG" in titles:
        return "deputy"
    if titles & set(COMMUNE_CADRES):
        return "commune_cadre"
    if titles & set(COMMUNE_CIVIL_SERVANTS):
        return "commune_civil"
    if "CONG_CHUC_HUYEN" in titles:
        return "civil"
    return "public"


def add_qualifications(rng: random.Random, person: Person, agency_keys: dict[int, str]) -> None:
    track = track_of(person)
    records: list[tuple] = []
    records += _general_education(rng, person, track)
    records += _professional(rng, person, track, agency_keys)
    records += _political_theory(rng, person, track)
    records += _state_management(rng, person, track)
    records += _certificates(rng, person, track)
    records += _job_training(rng, person, track)
    person.qualifications = [r for r in records if r[4] <= LAST_DAY]
    _sent_to_study(rng, person)


def _at_age(rng: random.Random, person: Person, years: int, month: int = 6) -> dt.date:
    return dt.date(person.birth_date.year + years, month, rng.randint(1, 28))


def _later(rng: random.Random, low: dt.date, high: dt.date) -> dt.date | None:
    return random_date(rng, low, high) if low <= high else None


def _general_education(rng, person, track) -> list[tuple]:
    if track in COMMUNE_TRACKS and rng.random() < 0.10:
        lower = ("PHO_THONG", "9/12", "", "", _at_age(rng, person, 15))
        if rng.random() < 0.2 and person.birth_date.year < 1978:
            return [lower]
        completed = _later(rng, max(add_years(person.birth_date, 20), dt.date(2008, 1, 1)), dt.date(2022, 12, 31))
        return [lower] + ([("PHO_THONG", "12/12", "", "", completed)] if completed else [])
    return [("PHO_THONG", "12/12", "", "", _at_age(rng, person, 18))]


def _major(rng, person, agency_keys) -> str:
    area = "party"
    for tenure in person.tenures:
        if tenure.title in MAJOR_AREAS:
            area = MAJOR_AREAS[tenure.title]
            break
        key = agency_keys.get(tenure.organization.pk)
        if key in AGENCY_AREAS and tenure.title in ("VIEN_CHUC", "CONG_CHUC_HUYEN", "PHO_PHONG", "TRUONG_PHONG"):
            area = AGENCY_AREAS[key]
            break
        if tenure.title in ("CT_UBND_XA", "PCT_UBND_XA", "CT_HND_XA"):
            area = rng.choice(["economy", "party"])
    return rng.choice(names.MAJORS[area])


def _professional(rng, person, track, agency_keys) -> list[tuple]:
    first_weights, upgrade_share, master_share = PROFESSIONAL[track]
    major = _major(rng, person, agency_keys)
    first = first_weights.pick(rng)
    graduation_age = {"SO_CAP": 19, "TRUNG_CAP": 20, "CAO_DANG": 21, "DAI_HOC": 22}[first]
    obtained = min(_at_age(rng, person, graduation_age + rng.randint(0, 2)),
                   add_days(person.first_start(), -rng.randint(20, 200)))
    obtained = max(obtained, add_years(person.birth_date, 18))
    records = [("CHUYEN_MON", first, "", major, obtained)]
    if first == "SO_CAP" and rng.random() < 0.8:
        obtained = _later(rng, add_years(obtained, 2), dt.date(2016, 12, 31))
        if obtained:
            records.append(("CHUYEN_MON", "TRUNG_CAP", "", major, obtained))
    if DEGREE_RANK[records[-1][1]] < DEGREE_RANK["DAI_HOC"] and rng.random() < upgrade_share:
        earliest = add_years(records[-1][4], 2)
        if track in COMMUNE_TRACKS and rng.random() < 0.78:
            earliest = max(earliest, dt.date(2020, 1, 1))  # the push of the 2020-2025 term
        else:
            earliest = max(earliest, dt.date(2012, 1, 1))
        obtained = _later(rng, earliest, dt.date(2024, 6, 30))
        if obtained:
            records.append(("CHUYEN_MON", "DAI_HOC", "", major, obtained))
    if records[-1][1] == "DAI_HOC" and rng.random() < master_share:
        obtained = _later(rng, max(add_years(records[-1][4], 3), dt.date(2008, 1, 1)), dt.date(2024, 10, 31))
        if obtained:
            records.append(("CHUYEN_MON", "THAC_SI", "", major, obtained))
            if track == "leader" and rng.random() < 0.05:
                doctor = _later(rng, add_years(obtained, 4), dt.date(2024, 10, 31))
                if doctor:
                    records.append(("CHUYEN_MON", "TIEN_SI", "", major, doctor))
    return records


def _political_theory(rng, person, track) -> list[tuple]:
    basic, middle, high = POLITICAL[track]
    if person.party_joined_on is None and track in ("civil", "public", "commune_civil"):
        basic, middle, high = basic / 4, 0.0, 0.0
    records = []
    start = person.first_start()
    adult = add_years(person.birth_date, 20)
    if rng.random() >= basic:
        return records
    obtained = _later(rng, max(adult, dt.date(2005, 1, 1)), min(add_years(start, 1), LAST_DAY))
    if obtained is None:
        return records
    records.append(("LY_LUAN", "SO_CAP", "", "", obtained))
    if rng.random() >= middle:
        return records
    earliest = max(add_years(obtained, 1), add_years(person.birth_date, 23), dt.date(2008, 1, 1))
    if track in COMMUNE_TRACKS:
        latest = dt.date(2019, 12, 31) if rng.random() < 0.85 else dt.date(2023, 6, 30)
    elif track in ("leader", "head"):
        latest = min(add_years(person.birth_date, 36), dt.date(2022, 12, 31))
    else:
        latest = dt.date(2024, 6, 30)
    obtained = _later(rng, earliest, max(earliest, latest))
    records.append(("LY_LUAN", "TRUNG_CAP", "", "", obtained))
    if rng.random() >= high:
        return records
    earliest = max(add_years(obtained, 2), add_years(person.birth_date, 32), dt.date(2010, 1, 1))
    level = "CU_NHAN" if rng.random() < 0.05 else "CAO_CAP"
    obtained = _later(rng, earliest, dt.date(2024, 6, 30))
    if obtained:
        records.append(("LY_LUAN", level, "", "", obtained))
    return records


def _state_management(rng, person, track) -> list[tuple]:
    officer, senior, principal = STATE_MANAGEMENT[track]
    if rng.random() >= officer:
        return []
    earliest = max(add_years(person.birth_date, 23), dt.date(2010, 1, 1))
    if track in COMMUNE_TRACKS:
        # Most commune officials took the course in the 2020-2025 term.
        if rng.random() < 0.65:
            earliest = max(earliest, dt.date(2020, 1, 1))
    obtained = _later(rng, earliest, dt.date(2024, 6, 30))
    if obtained is None:
        return []
    records = [("QLNN", "CHUYEN_VIEN", "", "", obtained)]
    if rng.random() < senior:
        obtained = _later(rng, max(add_years(obtained, 3), add_years(person.birth_date, 33)), dt.date(2024, 6, 30))
        if obtained:
            records.append(("QLNN", "CHUYEN_VIEN_CHINH", "", "", obtained))
            if rng.random() < principal:
                top = _later(rng, add_years(obtained, 4), dt.date(2024, 6, 30))
                if top:
                    records.append(("QLNN", "CHUYEN_VIEN_CAO_CAP", "", "", top))
    return records


def _certificates(rng, person, track) -> list[tuple]:
    records = []
    earliest = max(add_years(person.birth_date, 19), dt.date(2006, 1, 1))
    it_share, language_share = (0.93, 0.8) if track in COMMUNE_TRACKS else (0.95, 0.86)
    if rng.random() < it_share:
        obtained = _later(rng, earliest, dt.date(2023, 12, 31))
        if obtained:
            pool = names.IT_CERTIFICATES_OLD if obtained.year < 2015 else names.IT_CERTIFICATES_NEW
            records.append(("TIN_HOC", None, rng.choice(pool), "", obtained))
    if rng.random() < language_share:
        obtained = _later(rng, earliest, dt.date(2023, 12, 31))
        if obtained:
            pool = names.LANGUAGE_CERTIFICATES_OLD if obtained.year < 2015 else names.LANGUAGE_CERTIFICATES_NEW
            records.append(("NGOAI_NGU", None, rng.choice(pool), "", obtained))
    return records


def _job_training(rng, person, track) -> list[tuple]:
    share = 0.97 if track in COMMUNE_TRACKS else 0.85
    records = []
    seen = []
    for tenure in sorted(person.tenures, key=lambda t: t.start):
        detail = JOB_TRAINING.get(tenure.title)
        if detail is None or detail in seen or rng.random() >= share:
            continue
        seen.append(detail)
        records.append(("BOI_DUONG_VTVL", None, detail, "", random_date(rng, tenure.start, add_years(tenure.start, 2))))
        if len(seen) == 2:
            break
    return records


# Study before obtaining a qualification: (type, level) -> (months, school).
STUDY = {
    ("CHUYEN_MON", "DAI_HOC"): (36, names.SCHOOLS["university"]),
    ("CHUYEN_MON", "THAC_SI"): (24, names.SCHOOLS["master"]),
    ("LY_LUAN", "TRUNG_CAP"): (9, names.SCHOOLS["political_middle"]),
    ("LY_LUAN", "CAO_CAP"): (18, names.SCHOOLS["political_high"]),
    ("LY_LUAN", "CU_NHAN"): (36, names.SCHOOLS["political_high"]),
}
# The programme (CareerEvent.programme) of each study.
PROGRAMMES = {
    ("CHUYEN_MON", "DAI_HOC"): "DAI_HOC",
    ("CHUYEN_MON", "THAC_SI"): "SAU_DAI_HOC",
    ("LY_LUAN", "TRUNG_CAP"): "LLCT_TRUNG_CAP",
    ("LY_LUAN", "CAO_CAP"): "LLCT_CAO_CAP",
    ("LY_LUAN", "CU_NHAN"): "LLCT_CAO_CAP",
}
LEVEL_NAMES = {"DAI_HOC": "đại học", "THAC_SI": "thạc sĩ", "TRUNG_CAP": "trung cấp lý luận chính trị",
               "CAO_CAP": "cao cấp lý luận chính trị", "CU_NHAN": "cử nhân chính trị"}


def _sent_to_study(rng, person: Person) -> None:
    """A CU_DI_HOC event for studies that began in office from 2019 on."""
    for type_code, level, _, _, obtained in person.qualifications:
        study = STUDY.get((type_code, level))
        if study is None:
            continue
        months, school = study
        began = add_days(obtained, -months * 30 - rng.randint(0, 20))
        if began < EVENTS_FROM or began > LAST_DAY:
            continue
        workplace = next((t.organization for t in person.tenures
                          if held_on(t.start, t.end, began) and not t.title.startswith("UV_")), None)
        if workplace is None:
            continue
        person.events.append(("CU_DI_HOC", began, workplace, None, "", school,
                              f"Cử đi học {LEVEL_NAMES[level]}", PROGRAMMES[(type_code, level)]))


# Civil-service grade (NGACH) per track: shares reaching chuyên viên, chuyên viên chính, chuyên viên cao cấp
# (the rest are cán sự). Public employees (viên chức) hold professional ranks, not grades: none.
GRADES = {
    "commune_cadre": (0.92, 0.0, 0.0),
    "commune_civil": (0.7, 0.0, 0.0),
    "leader": (1.0, 0.85, 0.12),
    "head": (1.0, 0.45, 0.0),
    "deputy": (1.0, 0.15, 0.0),
    "civil": (0.85, 0.05, 0.0),
}
# The chiefs of a commune all hold the chuyên viên grade (seed 000: 92/92).
CHIEF_TITLES = frozenset({"BT_DU", "PBT_DU", "CT_HDND_XA", "CT_UBND_XA"})


def add_civil_service_grade(rng: random.Random, person: Person) -> None:
    """The person's grades (NGACH) with the dates they were obtained, from `rng` (the demo's second generator,
    so that the records before it stay as they were)."""
    track = track_of(person)
    shares = GRADES.get(track)
    if shares is None:
        return
    officer, senior, principal = shares
    if track == "commune_cadre" and any(t.title in CHIEF_TITLES for t in person.tenures):
        officer = 1.0
    start = max(person.first_start(), add_years(person.birth_date, 22))
    records = []
    if rng.random() < officer:
        obtained = _later(rng, start, min(add_years(start, 3), dt.date(2024, 6, 30)))
        if obtained is None:
            return  # took up the first post too late for a grade
        records.append(("NGACH", "CHUYEN_VIEN", "", "", obtained))
        if rng.random() < senior:
            obtained = _later(rng, max(add_years(obtained, 9), add_years(person.birth_date, 35)), dt.date(2024, 6, 30))
            if obtained:
                records.append(("NGACH", "CHUYEN_VIEN_CHINH", "", "", obtained))
                if rng.random() < principal:
                    top = _later(rng, add_years(obtained, 6), dt.date(2024, 6, 30))
                    if top:
                        records.append(("NGACH", "CHUYEN_VIEN_CAO_CAP", "", "", top))
    else:
        records.append(("NGACH", "CAN_SU", "", "", start))
    person.qualifications += [r for r in records if r[4] <= LAST_DAY]
