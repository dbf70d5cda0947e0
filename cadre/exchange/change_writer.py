"""Write a change plan in one transaction, with its import batch and history rows.

Everything goes through bulk statements: bulk_create for organizations (few,
and their new ids are needed at once), `bulk_statements` with plain dicts
elsewhere; new officials' ids are read back by code. save() is bypassed, so the derived fields it keeps are refreshed
here (Official.refresh_keys, rebuild_paths).

`progress`, when given, is in a phase of `rows_to_write(plan)` rows: every
created, updated or deleted row and its history row advance it.
"""
from __future__ import annotations

from django.db import transaction

from cadre import data_versions
from cadre.audit import ChangeSource, audit_context, entry_fields

from cadre.exchange import bulk_statements
from cadre.exchange.catalog_lookup import Catalogs
from cadre.exchange.change_plan import ChangePlan, EntityChanges, as_json, describe_key
from cadre.exchange.database_state import PARTY_STATISTICS_COUNTS, DatabaseState, chunks
from cadre.exchange.progress import Progress
from cadre.models import (
    CareerEvent,
    ChangeRecord,
    Evaluation,
    ImportBatch,
    Official,
    Organization,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
    Succession,
)
from cadre.models.history import ChangeAction
from cadre.models.organizations import rebuild_paths

BATCH_SIZE = 500
ORGANIZATION_FIELDS = ["name", "kind", "parent_id", "form", "founded_on", "ceased_on", "category"]
OFFICIAL_FIELDS = [
    "full_name", "gender", "birth_date", "ethnic_group_id", "citizen_id", "hometown_organization_id",
    "hometown_text", "party_joined_on", "name_sort_key", "search_text",
]


class Identifiers:
    """Primary keys by code: what existed before, plus what this import creates."""

    def __init__(self, state: DatabaseState, catalogs: Catalogs):
        self.catalogs = catalogs
        self.organizations = {code: row["id"] for code, row in state.organizations.items()}
        self.officials = dict(state.official_ids)

    def organization(self, code: str | None) -> int | None:
        return self.organizations[code.upper()] if code else None

    def official(self, code: str) -> int:
        return self.officials[code.upper()]


def rows_to_write(plan: ChangePlan) -> int:
    """The rows write_changes writes: each change, and its history row."""
    return 2 * sum(len(c.creates) + len(c.updates) + len(c.deletes) for c in plan.entities.values())


def write_changes(
    plan: ChangePlan, state: DatabaseState, catalogs: Catalogs, *, user, file_name: str,
    progress: Progress | None = None,
) -> ImportBatch:
    ids = Identifiers(state, catalogs)
    advance = (progress or Progress()).advance
    with transaction.atomic(), audit_context(user=user, source=ChangeSource.IMPORT):
        _write_organizations(plan["ToChuc"], ids, advance)
        _write_officials(plan["CanBo"], ids, advance)
        for sheet, (model, build) in RECORD_MODELS.items():
            _write_records(plan[sheet], model, build, ids, advance)
        _write_records(plan["DangVien"], PartyStatistics, _party_statistic, ids, advance)
        batch = ImportBatch.objects.create(user=user, file_name=file_name[:255], summary=plan.summary())
        changes = data_versions.Changes()
        # prepared chunk by chunk; each entry says what the import changed, for the data versions
        bulk_statements.insert(ChangeRecord, changes.noting(_history(plan, batch, ids)), advance)
        changes.bump()  # last: the versions' row locks are held only until the commit
    return batch


def _values(instance, attnames: list[str]) -> dict:
    """A row for bulk_statements; "id" is None for a new instance."""
    return {"id": instance.pk, **{name: getattr(instance, name) for name in attnames}}


# --- organizations ------------------------------------------------------------


def _organization(fields: dict, ids: Identifiers, pk: int | None = None) -> Organization:
    return Organization(
        pk=pk,
        code=fields["code"],
        name=fields["name"],
        kind=fields["kind"],
        form=fields["form"],
        founded_on=fields["founded_on"],
        ceased_on=fields["ceased_on"],
        category=fields["category"],
        parent_id=ids.organizations.get((fields["parent"] or "").upper()),
    )


def _write_organizations(changes: EntityChanges, ids: Identifiers, advance) -> None:
    if not changes.has_changes:
        return
    created = [_organization(fields, ids) for fields in changes.creates]
    Organization.objects.bulk_create(created, batch_size=BATCH_SIZE)
    advance(len(created))
    ids.organizations.update({organization.code.upper(): organization.pk for organization in created})
    # Parents created in the same import get their ids only now.
    relinked = [
        {"id": organization.pk, "parent_id": ids.organization(fields["parent"])}
        for organization, fields in zip(created, changes.creates)
        if fields["parent"] and organization.parent_id is None
    ]
    bulk_statements.update(Organization, relinked, ["parent_id"])
    updated = [_values(_organization(after, ids, before["id"]), ORGANIZATION_FIELDS) for before, after in changes.updates]
    bulk_statements.update(Organization, updated, ORGANIZATION_FIELDS, advance)
    rebuild_paths()
    _write_successions(changes, ids)


def _write_successions(changes: EntityChanges, ids: Identifiers) -> None:
    """The succession edges of the new organizations and of those whose "Kế thừa từ" changed.

    Edges are deleted before they are inserted, so an edge that stays is deleted and inserted again only
    when its successor's list changed; the history records the list as a whole ("predecessors").
    """
    rewritten = [(before["id"], after["predecessors"]) for before, after in changes.updates
                 if after["predecessors"] != before["predecessors"]]
    for chunk in chunks([pk for pk, _ in rewritten]):
        Succession.objects.filter(successor_id__in=chunk).delete()
    wanted = [(ids.organization(fields["code"]), fields["predecessors"]) for fields in changes.creates]
    edges = [
        {"successor_id": successor, "predecessor_id": ids.organization(code)}
        for successor, codes in [*rewritten, *wanted]
        for code in codes
    ]
    bulk_statements.insert(Succession, edges)


# --- officials ----------------------------------------------------------------


def _official(fields: dict, ids: Identifiers, pk: int | None = None) -> Official:
    official = Official(
        pk=pk,
        code=fields["code"],
        full_name=fields["full_name"],
        gender=fields["gender"],
        birth_date=fields["birth_date"],
        ethnic_group_id=ids.catalogs.ethnic_ids[fields["ethnic_group"]],
        citizen_id=fields["citizen_id"] or None,
        hometown_organization_id=ids.organization(fields["hometown_organization"]),
        hometown_text=fields["hometown_text"],
        party_joined_on=fields["party_joined_on"],
    )
    official.refresh_keys()
    return official


def _write_officials(changes: EntityChanges, ids: Identifiers, advance) -> None:
    # Free the citizen ids that move, so that two officials may swap them.
    moving = [
        {"id": before["id"], "citizen_id": None}
        for before, after in changes.updates
        if before["citizen_id"] and before["citizen_id"] != after["citizen_id"]
    ]
    bulk_statements.update(Official, moving, ["citizen_id"])
    created = [_values(_official(fields, ids), ["code", *OFFICIAL_FIELDS]) for fields in changes.creates]
    bulk_statements.insert(Official, created, advance)
    codes = [row["code"] for row in created]
    for chunk in chunks(codes):
        ids.officials.update((code.upper(), pk) for code, pk in Official.objects.filter(code__in=chunk).values_list("code", "pk"))
    updated = [_values(_official(after, ids, before["id"]), OFFICIAL_FIELDS) for before, after in changes.updates]
    bulk_statements.update(Official, updated, OFFICIAL_FIELDS, advance)  # updated_at follows auto_now


# --- records, as plain rows keyed by attname ----------------------------------


def _position(fields: dict, ids: Identifiers) -> dict:
    return {
        "official_id": ids.official(fields["official"]),
        "organization_id": ids.organization(fields["organization"]),
        "title_id": ids.catalogs.title_ids[fields["title"]],
        "start_date": fields["start_date"],
        "end_date": fields["end_date"],
    }


def _qualification(fields: dict, ids: Identifiers) -> dict:
    type_code = fields["qualification_type"]
    return {
        "official_id": ids.official(fields["official"]),
        "qualification_type_id": ids.catalogs.type_ids[type_code],
        "level_id": ids.catalogs.level_ids[(type_code, fields["level"])] if fields["level"] else None,
        "detail": fields["detail"],
        "major": fields["major"],
        "obtained_on": fields["obtained_on"],
    }


def _evaluation(fields: dict, ids: Identifiers) -> dict:
    return {"official_id": ids.official(fields["official"]), "year": fields["year"], "rating": fields["rating"]}


def _event(fields: dict, ids: Identifiers) -> dict:
    return {
        "official_id": ids.official(fields["official"]),
        "kind": fields["kind"],
        "date": fields["date"],
        "from_organization_id": ids.organization(fields["from_organization"]),
        "from_text": fields["from_text"],
        "to_organization_id": ids.organization(fields["to_organization"]),
        "to_text": fields["to_text"],
        "note": fields["note"],
        "programme": fields.get("programme", ""),
    }


def _planning(fields: dict, ids: Identifiers) -> dict:
    return {
        "official_id": ids.official(fields["official"]),
        "title_id": ids.catalogs.title_ids[fields["title"]],
        "organization_id": ids.organization(fields["organization"]),
        "term": fields["term"],
        "approved_on": fields["approved_on"],
        "removed_on": fields["removed_on"],
    }


def _party_statistic(fields: dict, ids: Identifiers) -> dict:
    return {
        "organization_id": ids.organization(fields["organization"]),
        "year": fields["year"],
        **{name: fields[name] for name in PARTY_STATISTICS_COUNTS},
    }


RECORD_MODELS = {
    "ChucVu": (PositionRecord, _position),
    "TrinhDo": (QualificationRecord, _qualification),
    "DanhGia": (Evaluation, _evaluation),
    "SuKien": (CareerEvent, _event),
    "QuyHoach": (PlanningEntry, _planning),
}


def _write_records(changes: EntityChanges, model, build, ids: Identifiers, advance) -> None:
    # Deletions first: a replaced row may share a unique key with its successor.
    deleted = [fields["id"] for fields in changes.deletes]
    for chunk in chunks(deleted):
        model.objects.filter(pk__in=chunk).delete()
        advance(len(chunk))
    bulk_statements.insert(model, [build(fields, ids) for fields in changes.creates], advance)
    # The value fields that change are never foreign keys, so names and attnames agree.
    updated = [{**build(after, ids), "id": before["id"]} for before, after in changes.updates]
    bulk_statements.update(model, updated, list(changes.changed_fields), advance)


# --- history ------------------------------------------------------------------


# The organization an entry of each sheet belongs to (for scoping the audit page), first one set wins.
PLACE_FIELDS = {
    "ToChuc": ("code",), "ChucVu": ("organization",), "QuyHoach": ("organization",), "DangVien": ("organization",),
    "SuKien": ("to_organization", "from_organization"),
}


def _history(plan: ChangePlan, batch: ImportBatch, ids: Identifiers):
    paths = _organization_paths(plan)
    for sheet, changes in plan.entities.items():
        kind = changes.kind

        def change(fields, action, before, after):
            official, organization = _place(sheet, fields, ids, paths)
            return _change(batch, sheet, describe_key(kind, fields), action, before, after, official, organization)

        for fields in changes.creates:
            yield change(fields, ChangeAction.CREATE, None, as_json(fields))
        for before, after in changes.updates:
            yield change(after, ChangeAction.UPDATE, as_json(before), as_json(after))
        for fields in changes.deletes:
            yield change(fields, ChangeAction.DELETE, as_json(fields), None)


def _organization_paths(plan: ChangePlan) -> dict[str, str]:
    """Paths by upper-case code of every organization the entries name: one query per chunk of codes."""
    codes = set()
    for sheet, names in PLACE_FIELDS.items():
        changes = plan[sheet]
        for fields in [*changes.creates, *(after for _, after in changes.updates), *changes.deletes]:
            codes.update(str(fields[name]).upper() for name in names if fields.get(name))
    paths = {}
    for chunk in chunks(sorted(codes)):
        paths.update((code.upper(), path) for code, path in Organization.objects.filter(code__in=chunk).values_list("code", "path"))
    return paths


def _place(sheet: str, fields: dict, ids: Identifiers, paths: dict[str, str]) -> tuple[int | None, str]:
    """(official id, organization path) of one entry."""
    code = fields.get("code") if sheet == "CanBo" else fields.get("official")
    official = ids.officials.get(str(code).upper()) if code and sheet != "ToChuc" else None
    path = next((paths.get(str(fields[name]).upper(), "") for name in PLACE_FIELDS.get(sheet, ()) if fields.get(name)), "")
    return official, path


def _change(batch: ImportBatch, entity: str, key: str, action: str, before, after, official=None,
            organization_path: str = "") -> dict:
    return entry_fields(batch=batch, entity=entity, key=key, action=action, before=before, after=after,
                        official=official, organization=organization_path)
