"""Yearly ratings, and the rewards and disciplines that go with them.

One rating per person for each year 2019-2025 they were in office (on 30 June
or 31 December). About 10% HTXSNV, 74% HTTNV, 15% HTNV and 1% KHTNV overall;
each person leans strong, ordinary or weak, so ratings repeat as in life.
Many excellent years bring a reward; a discipline comes with a low rating.
"""
from __future__ import annotations

import datetime as dt
import random

from cadre.demo import names
from cadre.demo.dates import FIRST_RATED_YEAR, LAST_DAY, LAST_RATED_YEAR, held_on, overlaps_year, random_date
from cadre.demo.people import Person

RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
# Person lean -> (share of persons, probabilities of the four ratings).
LEANS = [
    (0.2, (0.30, 0.65, 0.05, 0.0)),
    (0.7, (0.07, 0.78, 0.145, 0.005)),
    (0.1, (0.02, 0.55, 0.38, 0.05)),
]


def add_ratings(rng: random.Random, person: Person) -> None:
    posts = [t for t in person.tenures if not t.title.startswith("UV_")]
    probabilities = _lean(rng)
    for year in range(FIRST_RATED_YEAR, LAST_RATED_YEAR + 1):
        if not any(overlaps_year(t.start, t.end, year) for t in posts):
            continue
        rating = _draw(rng, probabilities)
        workplace = _workplace(posts, year)
        if rating in ("KHTNV", "HTNV") and rng.random() < (0.6 if rating == "KHTNV" else 0.01):
            day = random_date(rng, dt.date(year, 2, 1), dt.date(year, 11, 30))
            person.events.append(("KY_LUAT", day, workplace, None, "", "", rng.choice(names.DISCIPLINE_NOTES)))
            if rating == "HTNV" and rng.random() < 0.5:
                rating = "KHTNV"
        person.ratings.append((year, rating))
        if rating == "HTXSNV" and rng.random() < 0.5 or rating == "HTTNV" and rng.random() < 0.02:
            day = random_date(rng, dt.date(year, 12, 15), dt.date(year + 1, 1, 25))
            if day <= LAST_DAY:
                note = f"{rng.choice(names.REWARD_NOTES)} về thành tích năm {year}"
                person.events.append(("KHEN_THUONG", day, workplace, None, "", "", note))


def _lean(rng: random.Random) -> tuple[float, ...]:
    pick = rng.random()
    for share, probabilities in LEANS:
        pick -= share
        if pick <= 0:
            return probabilities
    return LEANS[-1][1]


def _draw(rng: random.Random, probabilities: tuple[float, ...]) -> str:
    pick = rng.random()
    for rating, probability in zip(RATINGS, probabilities):
        pick -= probability
        if pick <= 0:
            return rating
    return "HTTNV"


def _workplace(posts, year: int):
    for day in (dt.date(year, 12, 31), dt.date(year, 6, 30)):
        for tenure in posts:
            if held_on(tenure.start, tenure.end, day):
                return tenure.organization
    return posts[0].organization
