"""Conditions the official list filters and the composition charts share (age bands, titles held, levels, ratings)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from cadre.models import Evaluation, PositionRecord, QualificationLevel, QualificationRecord

# Age bands of the filters and the composition charts: (key, label, lowest age, highest age).
AGE_BANDS = [
    ("duoi-30", "Dưới 30 tuổi", None, 29),
    ("30-39", "Từ 30 đến 39 tuổi", 30, 39),
    ("40-49", "Từ 40 đến 49 tuổi", 40, 49),
    ("50-59", "Từ 50 đến 59 tuổi", 50, 59),
    ("tu-60", "Từ 60 tuổi trở lên", 60, None),
]

def birth_date_range(on: dt.date, lowest_age: int | None, highest_age: int | None) -> Q:
    """Q: age on `on` (completed years) lies between the two ages, both included."""
    condition = Q()
    if highest_age is not None:
        # Age ≤ highest  ⇔  born after the day `highest + 1` years before `on`.
        condition &= Q(birth_date__gt=_years_before(on, highest_age + 1))
    if lowest_age is not None:
        condition &= Q(birth_date__lte=_years_before(on, lowest_age))
    return condition


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a year that has none
        return on.replace(year=on.year - years, day=28)


def holding_titles(*, user, titles, on: dt.date) -> Exists:
    """Exists(): the official holds one of the titles on the date inside the user's subtree."""
    held = PositionRecord.objects.visible_to(user).held_on(on).filter(official_id=OuterRef("pk"), title__in=titles)
    return Exists(held)


def level_at_least(*, level: QualificationLevel, on: dt.date) -> Exists:
    """Exists(): the official has a record of the level's type at this rank or higher by the date."""
    records = QualificationRecord.objects.filter(
        official_id=OuterRef("pk"),
        qualification_type_id=level.qualification_type_id,
        level__rank__gte=level.rank,
        obtained_on__lte=on,
    )
    return Exists(records)


def rated(*, year: int, rating: str) -> Exists:
    """Exists(): the official's rating of the year is `rating`.

    An EXISTS rather than a join with the ratings: it cannot repeat an
    official, and it is answered by the indexes on (official, year) when a
    page walks the name index and on (year, rating) when a count starts from
    the year's ratings. With one rating a year per official the rows are the
    join's, and so is the time (measured in docs/performance.md).
    """
    return Exists(Evaluation.objects.filter(official_id=OuterRef("pk"), year=year, rating=rating))
