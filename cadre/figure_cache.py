"""Figures kept between requests, never stale.

A report's, a comparison's or the default rating year's figures (reports/fetch.py) and the dashboard's
composition of a population (cadre.selectors.composition) are kept in the cache (settings.CACHES:
Redis with REDIS_URL, else the process's memory) under a key made of:

- what was asked: the kind, and the parameters the caller gives — the scope and its roots on every
  date used (cadre.scoping.scope_roots), the dates and rating years, and for each table the
  population's titles and unit kind and each row's key and definition
  (reports.indicators.definition_key: everything the queries read from the plan and the catalog);
  whatever the caller reads besides the data (a viewer's scope) is its own to add;
- the data versions (cadre.data_versions) of every root those figures were counted in, and of
  everything; a write replaces them in its own transaction;
- the database, and CODE_VERSION (raise it when what fetch returns changes shape or meaning).

A reader reads the versions (one query), then the cache. On a miss it computes the figures and keeps
them only if the versions are still the same afterwards: a write committed while it counted may have
been seen by some of its queries and not others, so those figures go under no key anyone will ask for.
Figures under an old version are never read again and expire after settings.FIGURE_CACHE_SECONDS.
With settings.FIGURE_CACHE off, or a database without versions, everything is computed each time.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router

from cadre import data_versions
from cadre.models import Official, Organization

logger = logging.getLogger(__name__)

CODE_VERSION = 1

T = TypeVar("T")
_MISSING = object()


def _key(kind: str, parts, organization_ids: list[int], stamps: tuple[int, ...]) -> str:
    database = connections[router.db_for_read(Official)]
    text = repr((CODE_VERSION, database.vendor, database.settings_dict.get("NAME"), kind, parts,
                 organization_ids, stamps))
    return f"figures:{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def kept(kind: str, parts, roots: Iterable[Organization], compute: Callable[[], T]) -> T:
    """compute(), or what it gave before for the same `parts` while the versions of `roots` (the
    organizations whose subtrees the figures were counted in) and of everything are unchanged.

    `parts` must hold everything else the figures depend on, as plain values (numbers, text, dates,
    tuples): it is compared by its repr.
    """
    if not settings.FIGURE_CACHE:
        return compute()
    organization_ids = sorted({root.pk for root in roots})
    before = data_versions.stamps(organization_ids)
    if before is None:
        return compute()
    key = _key(kind, parts, organization_ids, before)
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # the cache server is down: count, as without a cache
        logger.warning("Figure cache unavailable; computing %s", kind, exc_info=True)
        return compute()
    if value is not _MISSING:
        return value
    value = compute()
    if data_versions.stamps(organization_ids) == before:
        try:
            cache.set(key, value, settings.FIGURE_CACHE_SECONDS)
        except Exception:
            logger.warning("Figure cache unavailable; %s not kept", kind, exc_info=True)
    return value
