"""The catalogs, loaded once per import, looked up by code or by name."""
from __future__ import annotations

from functools import lru_cache

from django.db import models

from cadre.models import EthnicGroup, PositionTitle, QualificationLevel, QualificationType


@lru_cache(maxsize=8192)
def _loose(text: str) -> str:
    """Codes and names compared without case, diacritics, spaces or punctuation.

    Cached: a workbook repeats the same few codes on thousands of rows.
    """
    return EthnicGroup.match_key(text)


class Catalogs:
    """Ethnic groups, titles, qualification scales, ratings and event kinds."""

    def __init__(self):
        self.ethnic_groups = EthnicGroup.objects.by_name()
        self.ethnic_names = {group.pk: group.name for group in self.ethnic_groups.values()}
        self.ethnic_ids = {group.name: group.pk for group in self.ethnic_groups.values()}

        titles = list(PositionTitle.objects.all())
        self.titles = self._index(titles, lambda title: (title.code, title.name))
        self.title_codes = {title.pk: title.code for title in titles}
        self.title_ids = {title.code: title.pk for title in titles}

        types = list(QualificationType.objects.all())
        self.types = self._index(types, lambda kind: (kind.code, kind.name))
        self.type_codes = {kind.pk: kind.code for kind in types}
        self.type_ids = {kind.code: kind.pk for kind in types}
        self.ranked_types = {kind.code for kind in types if kind.is_ranked}

        levels = list(QualificationLevel.objects.all())
        self.level_codes = {level.pk: level.code for level in levels}
        self.level_ids = {(self.type_codes[level.qualification_type_id], level.code): level.pk for level in levels}
        self.levels: dict[str, dict[str, QualificationLevel]] = {}
        for level in levels:
            type_code = self.type_codes[level.qualification_type_id]
            names = (level.code, level.name, *level.alias_list())
            for name in names:
                self.levels.setdefault(type_code, {}).setdefault(_loose(name), level)
        self.level_choices = {
            type_code: ", ".join(level.code for level in levels if self.type_codes[level.qualification_type_id] == type_code)
            for type_code in self.ranked_types
        }

    @staticmethod
    def _index(items, names) -> dict:
        """Items under the loose form of their code, then of their name."""
        index = {}
        for item in items:
            for name in names(item):
                index.setdefault(_loose(name), item)
        return index

    def ethnic_group(self, text: str) -> EthnicGroup | None:
        return self.ethnic_groups.get(_loose(text))

    def title(self, text: str) -> PositionTitle | None:
        return self.titles.get(_loose(text))

    def qualification_type(self, text: str) -> QualificationType | None:
        return self.types.get(_loose(text))

    def level(self, type_code: str, text: str) -> QualificationLevel | None:
        return self.levels.get(type_code, {}).get(_loose(text))


def choice(choices: type[models.TextChoices], text: str) -> str | None:
    """The value of a choice given by its code or its Vietnamese label."""
    return _choice_index(choices).get(_loose(text))


@lru_cache(maxsize=None)
def _choice_index(choices: type[models.TextChoices]) -> dict[str, str]:
    index = {}
    for value, label in choices.choices:
        index.setdefault(_loose(value), value)
        index.setdefault(_loose(label), value)
    return index


@lru_cache(maxsize=None)
def choice_codes(choices: type[models.TextChoices]) -> str:
    return ", ".join(choices.values)

