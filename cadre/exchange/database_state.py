"""What the database holds now, fetched once per import into plain dicts.

Rows are described with the same field names and values the workbook uses:
organizations, officials and catalog entries by their codes, ethnic groups
by name. A constant number of queries per sheet, chunked by official.
"""
from __future__ import annotations

from collections import defaultdict

from cadre.exchange.catalog_lookup import Catalogs
from cadre.models import (
    CareerEvent,
    Evaluation,
    Official,
    Organization,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
    Succession,
)

CHUNK = 500  # ids per query, well under SQLite's parameter limit

ORGANIZATION_FIELDS = (
    "code", "name", "kind", "parent", "form", "founded_on", "ceased_on", "predecessors", "category",
)
OFFICIAL_FIELDS = (
    "code", "full_name", "gender", "birth_date", "ethnic_group", "citizen_id",
    "hometown_organization", "hometown_text", "party_joined_on",
)

PARTY_STATISTICS_COUNTS = ("members", "probationary", "female", "admitted", "removed")


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class DatabaseState:
    """Existing organizations, officials and the records of the officials in the file.

    With `party_statistics` (the workbook has a DangVien sheet), also every stored PartyStatistics row,
    by (upper-case organization code, year): one query, a few rows per organization.
    """

    def __init__(self, catalogs: Catalogs, official_codes: set[str], *, party_statistics: bool = False):
        self.catalogs = catalogs
        self._load_organizations()
        self._load_officials(official_codes)
        self.records: dict[str, dict[str, list[dict]]] = {}
        self._load_records()
        self.party_statistics: dict[tuple[str, int], dict] = {}
        if party_statistics:
            self._load_party_statistics()

    # --- organizations -----------------------------------------------------

    def _load_organizations(self) -> None:
        rows = list(Organization.objects.values(
            "id", "parent_id", "path", "code", "name", "kind", "form", "founded_on", "ceased_on", "category"
        ))
        self.organization_codes = {row["id"]: row["code"] for row in rows}
        predecessors: dict[int, list[str]] = defaultdict(list)
        for successor, predecessor in Succession.objects.values_list("successor_id", "predecessor_id"):
            predecessors[successor].append(self.organization_codes[predecessor])
        self.organizations: dict[str, dict] = {}
        self.organization_paths: dict[str, str] = {}
        for row in rows:
            fields = {name: row[name] for name in ORGANIZATION_FIELDS if name not in ("parent", "predecessors")}
            fields["parent"] = self.organization_codes.get(row["parent_id"])
            fields["predecessors"] = sorted(predecessors.get(row["id"], ()))
            fields["id"] = row["id"]
            self.organizations[row["code"].upper()] = fields
            self.organization_paths[row["code"].upper()] = row["path"]

    def organization(self, code: str) -> dict | None:
        return self.organizations.get(code.upper())

    # --- officials ---------------------------------------------------------

    def _load_officials(self, official_codes: set[str]) -> None:
        """All codes and citizen ids; full rows only for the officials in the file."""
        self.official_ids: dict[str, int] = {}  # upper-case code -> id
        self.official_codes: dict[int, str] = {}  # id -> code as stored
        self.citizen_ids: dict[str, str] = {}  # citizen id -> code as stored
        for pk, code, citizen_id in Official.objects.values_list("id", "code", "citizen_id"):
            self.official_ids[code.upper()] = pk
            self.official_codes[pk] = code
            if citizen_id:
                self.citizen_ids[citizen_id] = code
        wanted = [self.official_ids[code] for code in official_codes if code in self.official_ids]
        self.officials: dict[str, dict] = {}
        for chunk in chunks(wanted):
            for row in Official.objects.filter(pk__in=chunk).values(
                "id", "ethnic_group_id", "hometown_organization_id", *self._plain_official_fields()
            ):
                self.officials[row["code"].upper()] = self._official_fields(row)
        self._wanted_official_ids = wanted

    @staticmethod
    def _plain_official_fields():
        return [name for name in OFFICIAL_FIELDS if name not in ("ethnic_group", "hometown_organization")]

    def _official_fields(self, row: dict) -> dict:
        fields = {name: row[name] for name in self._plain_official_fields()}
        fields["ethnic_group"] = self.catalogs.ethnic_names[row["ethnic_group_id"]]
        fields["hometown_organization"] = self.organization_codes.get(row["hometown_organization_id"])
        fields["id"] = row["id"]
        return fields

    def official(self, code: str) -> dict | None:
        return self.officials.get(code.upper())

    # --- records of those officials ---------------------------------------

    def _load_records(self) -> None:
        for sheet, loader in (
            ("ChucVu", self._positions),
            ("TrinhDo", self._qualifications),
            ("DanhGia", self._evaluations),
            ("SuKien", self._events),
            ("QuyHoach", self._planning),
        ):
            by_official: dict[str, list[dict]] = defaultdict(list)
            for chunk in chunks(self._wanted_official_ids):
                for fields in loader(chunk):
                    by_official[fields["official"].upper()].append(fields)
            self.records[sheet] = by_official

    def _positions(self, chunk):
        org = self.organization_codes
        for row in PositionRecord.objects.filter(official_id__in=chunk).values(
            "id", "official_id", "organization_id", "title_id", "start_date", "end_date"
        ):
            yield {
                "id": row["id"],
                "official": self.official_codes[row["official_id"]],
                "organization": org[row["organization_id"]],
                "title": self.catalogs.title_codes[row["title_id"]],
                "start_date": row["start_date"],
                "end_date": row["end_date"],
            }

    def _qualifications(self, chunk):
        for row in QualificationRecord.objects.filter(official_id__in=chunk).values(
            "id", "official_id", "qualification_type_id", "level_id", "detail", "major", "obtained_on"
        ):
            yield {
                "id": row["id"],
                "official": self.official_codes[row["official_id"]],
                "qualification_type": self.catalogs.type_codes[row["qualification_type_id"]],
                "level": self.catalogs.level_codes.get(row["level_id"]),
                "detail": row["detail"],
                "major": row["major"],
                "obtained_on": row["obtained_on"],
            }

    def _evaluations(self, chunk):
        for row in Evaluation.objects.filter(official_id__in=chunk).values("id", "official_id", "year", "rating"):
            yield {
                "id": row["id"],
                "official": self.official_codes[row["official_id"]],
                "year": row["year"],
                "rating": row["rating"],
            }

    def _events(self, chunk):
        org = self.organization_codes
        for row in CareerEvent.objects.filter(official_id__in=chunk).values(
            "id", "official_id", "kind", "date", "from_organization_id", "from_text",
            "to_organization_id", "to_text", "note", "programme",
        ):
            yield {
                "id": row["id"],
                "official": self.official_codes[row["official_id"]],
                "kind": row["kind"],
                "date": row["date"],
                "from_organization": org.get(row["from_organization_id"]),
                "from_text": row["from_text"],
                "to_organization": org.get(row["to_organization_id"]),
                "to_text": row["to_text"],
                "note": row["note"],
                "programme": row["programme"],
            }

    def _planning(self, chunk):
        for row in PlanningEntry.objects.filter(official_id__in=chunk).values(
            "id", "official_id", "title_id", "organization_id", "term", "approved_on", "removed_on"
        ):
            yield {
                "id": row["id"],
                "official": self.official_codes[row["official_id"]],
                "title": self.catalogs.title_codes[row["title_id"]],
                "organization": self.organization_codes[row["organization_id"]],
                "term": row["term"],
                "approved_on": row["approved_on"],
                "removed_on": row["removed_on"],
            }

    # --- party-member statistics ------------------------------------------

    def _load_party_statistics(self) -> None:
        for row in PartyStatistics.objects.values("id", "organization_id", "year", *PARTY_STATISTICS_COUNTS):
            code = self.organization_codes[row.pop("organization_id")]
            self.party_statistics[(code.upper(), row["year"])] = {"organization": code, **row}

    def party_statistic(self, code: str, year: int) -> dict | None:
        return self.party_statistics.get((code.upper(), year))
