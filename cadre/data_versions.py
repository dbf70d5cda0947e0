"""Data versions: what tells kept report figures (cadre/figure_cache.py) that the records changed.

Each organization has a stamp (cadre.models.DataVersion "organization:<id>"), and so has everything
("all"). A write replaces, in its own transaction, the stamp of every organization whose subtree it
changes and of all their ancestors; a write the figures of any scope may depend on (a catalog such as
the ethnic groups, a restore, the demo data) replaces the stamp of everything. Figures are kept under a
key holding the stamps of their scope's roots and of everything, so a reader after the commit looks for
a key nobody stored yet, and a reader before it keeps using figures that were right before it.

Stamps are random, never counters: a restored database, a rolled-back transaction or another database
sharing the cache can never bring back a stamp under which other figures were kept.

What a write changes is said by its audit entries (cadre.audit: every write path records one), so
`audit.record` and the import's bulk history call `Changes`; paths that write without an entry per row
(the demo data, a restore) call `bump_everything`. The rules, by the entity an entry names:

- CanBo, TrinhDo, DanhGia (an official's data, qualifications, ratings): every organization where the
  official has held a position, since the official counts in those scopes;
- ChucVu (a position): its organization, before and after the change (the official's, when the entry
  names none);
- ToChuc (an organization): the organization and its parent before and after (a move);
- the records no figure counts (career events, planning entries, plans, documents, users, downloads):
  nothing; a plan's definitions are part of the figures' key instead (cadre/figure_cache.py);
- anything else (catalogs, successions edited on their own, restores, demo data): everything.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator

from django.db.models.functions import Upper

from cadre.models import DataVersion, Organization, PositionRecord
from cadre.scoping import path_ids

EVERYTHING = "all"
CHUNK = 500

# Career events and planning entries count too: conditions in plan rows (data contract, "Conditions in
# plan rows") test a person's events and take populations from planning entries.
OFFICIAL_ENTITIES = {"CanBo", "TrinhDo", "DanhGia", "SuKien", "QuyHoach"}
POSITION_ENTITY = "ChucVu"
ORGANIZATION_ENTITY = "ToChuc"
PLANNING_ENTITY = "QuyHoach"
# Entities no report figure counts (plans are part of the figures' key; documents, users and downloads
# are not figures; party statistics are read by documents, which are not kept).
UNCOUNTED_ENTITIES = {"KeHoach", "VanBan", "NguoiDung", "TaiXuong", "PartyStatistics", "DangVien"}
# The fields of an entry's values that name an organization by its code, for each entity.
ORGANIZATION_FIELDS = {
    POSITION_ENTITY: ("organization",), ORGANIZATION_ENTITY: ("parent",), PLANNING_ENTITY: ("organization",),
}


def organization_name(pk: int) -> str:
    return f"organization:{pk}"


def _bump(names: Iterable[str], using: str | None = None) -> None:
    """Give the named stamps one new random value (created when missing), in the caller's transaction.

    Sorted, so that concurrent writers take the rows' locks in the same order.
    """
    stamp = secrets.randbits(62)
    rows = [DataVersion(name=name, stamp=stamp) for name in sorted(set(names))]
    if rows:
        DataVersion.objects.using(using).bulk_create(rows, update_conflicts=True, unique_fields=["name"], update_fields=["stamp"],
                                        batch_size=CHUNK)


def bump_organizations(organization_ids: Iterable[int]) -> None:
    """Replace the stamps of these organizations (give every ancestor too: see `ancestors_of`)."""
    _bump(organization_name(pk) for pk in organization_ids)


def bump_everything(using: str | None = None) -> None:
    """Replace the stamp every kept figure depends on: after writes that carry no entry per row."""
    _bump([EVERYTHING], using)


def stamps(organization_ids: Iterable[int]) -> tuple[int, ...] | None:
    """The stamp of everything, then of each organization (sorted by id; 0 for one never written): one
    query. None when the database has no stamp for everything (a flushed database): keep nothing then."""
    ids = sorted(set(organization_ids))
    names = [EVERYTHING, *(organization_name(pk) for pk in ids)]
    found = dict(DataVersion.objects.filter(name__in=names).values_list("name", "stamp"))
    if EVERYTHING not in found:
        return None
    return tuple(found.get(name, 0) for name in names)


def _chunks(values) -> Iterator[list]:
    values = sorted(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


class Changes:
    """What audit entries say was written, gathered as they go by; `bump()` then replaces the stamps.

    An entry is the dict cadre.audit.entry_fields gives (entity, official_id, organization_path,
    before, after).
    """

    def __init__(self):
        self.everything = False
        self.paths: set[str] = set()
        self.codes: set[str] = set()
        self.officials: set[int] = set()

    def add(self, entry: dict) -> None:
        entity = entry["entity"]
        if entity in UNCOUNTED_ENTITIES:
            return
        if entity not in OFFICIAL_ENTITIES and entity not in ORGANIZATION_FIELDS:
            self.everything = True
            return
        path, official = entry.get("organization_path") or "", entry.get("official_id")
        codes = [
            values[name] for values in (entry.get("before"), entry.get("after")) if isinstance(values, dict)
            for name in ORGANIZATION_FIELDS.get(entity, ()) if isinstance(values.get(name), str) and values[name]
        ]
        if path:
            self.paths.add(path)
        self.codes.update(code.upper() for code in codes)
        if official and (entity in OFFICIAL_ENTITIES or (entity == POSITION_ENTITY and not path and not codes)):
            self.officials.add(official)

    def noting(self, entries: Iterable[dict]) -> Iterator[dict]:
        """The entries, unchanged, each noted on the way (for a bulk insert of a generator)."""
        for entry in entries:
            self.add(entry)
            yield entry

    def organization_ids(self) -> set[int]:
        """Every organization whose subtree the entries changed, with its ancestors: a query per 500
        officials and per 500 codes named."""
        paths = set(self.paths)
        for chunk in _chunks(self.codes):
            paths.update(
                Organization.objects.annotate(upper_code=Upper("code")).filter(upper_code__in=chunk)
                .values_list("path", flat=True)
            )
        for chunk in _chunks(self.officials):
            paths.update(
                PositionRecord._base_manager.filter(official_id__in=chunk).order_by()
                .values_list("organization__path", flat=True).distinct()
            )
        return {pk for path in paths if path for pk in path_ids(path)}

    def bump(self) -> None:
        """Replace the stamps of what the entries changed (in the caller's transaction, after the write
        or inside its transaction: never before a write that commits on its own)."""
        if self.everything:
            bump_everything()
            return
        bump_organizations(self.organization_ids())


def bump_for_entries(entries: Iterable[dict]) -> None:
    """Replace the stamps of what these audit entries changed."""
    changes = Changes()
    for entry in entries:
        changes.add(entry)
    changes.bump()
