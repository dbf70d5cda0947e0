"""Weighted random choices, drawn from the generator passed in (never the global one)."""
from __future__ import annotations

import bisect
import itertools
import random
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Values with relative weights; `pick` draws one in proportion to its weight."""

    __slots__ = ("values", "cumulative", "total")

    def __init__(self, pairs: list[tuple[T, float]]):
        self.values = [value for value, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.values[min(index, len(self.values) - 1)]
