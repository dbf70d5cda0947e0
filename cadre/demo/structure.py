"""The organization tree of the demo province: districts, communes, agencies, cells.

Each district is sized from its budget of officials: about fifteen communes
(one or two formed by merging two older ones on 1 February 2020), the district
agencies that fit, hamlet cells under communes and agency cells under the
agencies that have their own party committee.

The 2025 restructuring (domain.md, "Restructuring and succession"): on
1 July 2025 the district, its agencies and its communes cease; the communes
of 30 June 2025 are merged in groups of two to four into new communes (the
group of the township into a ward), founded that day directly under the
province and naming the communes they were formed from as predecessors. The
district agencies are dropped: their work passed to the communes and the
province's departments, which the demo does not keep.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from cadre.demo import names
from cadre.demo.dates import REFORM_DATE, random_date
from cadre.models import Organization, OrganizationCategory, OrganizationForm, OrganizationKind, Succession
from cadre.vietnamese import search_key

MERGE_DATE = dt.date(2020, 2, 1)  # communes merged by the 2019 resolution
COMMUNE_SLOTS_ESTIMATE = 26  # commune posts (cadres, civil servants) with merges counted in


@dataclass(eq=False)
class Unit:
    """A commune or agency: an organization whose posts are filled over time."""

    organization: Organization
    kind: str  # "district", "commune" or "agency"
    founded: dt.date | None = None
    ceased: dt.date | None = None
    successor: Unit | None = None  # the unit it merged into when it ceased
    spec: names.AgencySpec | None = None
    congresses: list[dt.date] = field(default_factory=list)  # party congresses (term starts)
    elections: list[dt.date] = field(default_factory=list)  # first sessions of the People's Council
    hamlets: int = 0
    is_township: bool = False

    @property
    def code(self) -> str:
        return self.organization.code

    def exists_on(self, day: dt.date) -> bool:
        return (self.founded is None or self.founded <= day) and (self.ceased is None or self.ceased > day)


@dataclass(eq=False)
class DistrictTree:
    district: Organization
    name: str
    leadership: Unit
    communes: list[Unit]
    agencies: list[Unit]
    cells: int = 0

    @property
    def units(self) -> list[Unit]:
        return [*self.communes, *self.agencies]

    @property
    def new_communes(self) -> list[Unit]:
        """The communes and wards founded by the 2025 restructuring, under the province."""
        return [u for u in self.communes if u.founded == REFORM_DATE]


def initials(name: str) -> str:
    return "".join(word[0] for word in search_key(name).upper().split())


def unique_code(base: str, taken: set[str]) -> str:
    code, number = base, 2
    while code in taken:
        code = f"{base}{number}"
        number += 1
    taken.add(code)
    return code


def create_province() -> Organization:
    province = Organization(
        code=names.PROVINCE_CODE, name=f"Đảng bộ tỉnh {names.PROVINCE_NAME}",
        kind=OrganizationKind.PROVINCE, is_demo=True,
    )
    province.save()
    return province


def district_names(count: int) -> list[str]:
    """Lai Châu's districts first, then borrowed names, then numbered ones."""
    pool = [name for name, _ in names.LAI_CHAU_DISTRICTS] + names.BORROWED_DISTRICTS
    result = pool[:count]
    number = 2
    while len(result) < count:
        result.extend(f"{name} {number}" for name in pool[: count - len(result)])
        number += 1
    return result


def agencies_for(budget: int) -> list[names.AgencySpec]:
    return [spec for spec in names.AGENCIES if spec.min_budget <= budget]


def commune_count(rng: random.Random, budget: int, agencies: list[names.AgencySpec]) -> int:
    """About fifteen communes, fewer when the budget of officials is small."""
    agency_posts = sum(1 + spec.deputies[1] for spec in agencies)
    affordable = int((0.8 * budget - 10 - agency_posts) // COMMUNE_SLOTS_ESTIMATE)
    wanted = rng.randint(13, 18) if budget >= 2000 else 15
    return max(3, min(wanted, affordable))


def commune_names(rng: random.Random, district_index: int, count: int) -> list[str]:
    """Real names for Lai Châu's districts, composed Thái and Mông names beyond them."""
    real = []
    if district_index < len(names.LAI_CHAU_DISTRICTS):
        real = list(names.LAI_CHAU_DISTRICTS[district_index][1])
        rng.shuffle(real)
    chosen = real[:count]
    while len(chosen) < count:
        candidate = f"{rng.choice(names.PLACE_FIRST)} {rng.choice(names.PLACE_SECOND)}"
        if candidate not in chosen:
            chosen.append(candidate)
    return chosen


def build_district(rng: random.Random, province: Organization, index: int, name: str,
                   budget: int, taken_codes: set[str]) -> DistrictTree:
    """Create the district's organizations and return them as units with their calendars."""
    code = unique_code(f"{province.code}.{initials(name)}", taken_codes)
    district = Organization(code=code, name=f"Huyện ủy {name}", kind=OrganizationKind.DISTRICT,
                            parent=province, ceased_on=REFORM_DATE, is_demo=True)
    district.save()
    leadership = Unit(district, "district", ceased=REFORM_DATE, congresses=[
        random_date(rng, dt.date(2015, 7, 1), dt.date(2015, 8, 31)),
        random_date(rng, dt.date(2020, 7, 1), dt.date(2020, 8, 15)),
    ], elections=[dt.date(2016, 6, rng.randint(20, 30)), dt.date(2021, 6, rng.randint(20, 30))])

    specs = agencies_for(budget)
    communes = _commune_units(rng, district, index, name, commune_count(rng, budget, specs), taken_codes)
    agencies = _agency_units(district, name, specs, taken_codes)
    for unit in agencies:
        if unit.ceased is None:
            unit.ceased = unit.organization.ceased_on = REFORM_DATE  # dropped with the district
    new_communes = _reform_communes(rng, province, name, communes, taken_codes)
    Organization.objects.bulk_create([u.organization for u in communes + agencies + new_communes], batch_size=2000)
    store_child_paths(district, [u.organization for u in communes + agencies])
    store_child_paths(province, [u.organization for u in new_communes])
    communes += new_communes
    Succession.objects.bulk_create([
        Succession(successor=u.successor.organization, predecessor=u.organization)
        for u in communes + agencies if u.successor is not None
    ])
    tree = DistrictTree(district, name, leadership, communes, agencies)
    tree.cells = _create_cells(rng, tree)
    return tree


def _commune_units(rng, district, index, district_name, count, taken_codes) -> list[Unit]:
    """The township, the communes, and per merge two old communes and the one they formed."""
    merges = 0 if count < 8 else (2 if count >= 14 and rng.random() < 0.5 else 1)
    place_names = commune_names(rng, index, count - 1 + merges)
    units = [_commune_unit(rng, district, f"Thị trấn {district_name}", taken_codes, township=True,
                           category=OrganizationCategory.TOWNSHIP)]
    units += [_commune_unit(rng, district, f"Xã {place}", taken_codes) for place in place_names]
    merged_pairs = [units[len(units) - 2 * (n + 1): len(units) - 2 * n] for n in range(merges)]
    for old in merged_pairs:
        new_name = _fresh_commune_name(rng, units)
        new = _commune_unit(rng, district, f"Xã {new_name}", taken_codes, founded=MERGE_DATE)
        for unit in old:
            unit.ceased = MERGE_DATE
            unit.organization.ceased_on = MERGE_DATE
            unit.successor = new
            unit.congresses = unit.congresses[:1]
            unit.elections = unit.elections[:1]
        units.append(new)
    return units


def _reform_communes(rng, province, district_name, communes: list[Unit], taken_codes) -> list[Unit]:
    """The new communes and ward of 1 July 2025, each formed from two to four communes of the district."""
    old = [u for u in communes if u.ceased is None]  # the township first, then in list order (neighbours)
    new_units: list[Unit] = []
    first = 0
    while first < len(old):
        left = len(old) - first
        if len(old) <= 4:  # a small demo: two new units all the same, one of them maybe a rename
            size = (len(old) + 1) // 2 if not new_units else left
        else:
            size = left if left <= 4 else rng.randint(2, min(4, left - 2))
        group = old[first: first + size]
        first += size
        if not new_units:
            name, category = f"Phường {district_name}", OrganizationCategory.WARD
        else:
            name, category = f"Xã {_fresh_commune_name(rng, communes + new_units)}", OrganizationCategory.COMMUNE
        new = _commune_unit(rng, province, name, taken_codes, founded=REFORM_DATE, category=category,
                            township=not new_units)
        new.congresses = [REFORM_DATE]  # the committee appointed at the founding
        new.hamlets = min(30, sum(u.hamlets for u in group))
        for unit in group:
            unit.ceased = unit.organization.ceased_on = REFORM_DATE
            unit.successor = new
        new_units.append(new)
    return new_units


def _fresh_commune_name(rng, units: list[Unit]) -> str:
    used = {u.organization.name for u in units}
    while True:
        candidate = f"{rng.choice(names.PLACE_FIRST)} {rng.choice(names.PLACE_SECOND)}"
        if f"Xã {candidate}" not in used:
            return candidate


def _commune_unit(rng, parent, name, taken_codes, *, township=False, founded=None,
                  category=OrganizationCategory.COMMUNE) -> Unit:
    """A commune under `parent` (its district; the province for the communes and wards of 2025)."""
    suffix = "TT" if name.startswith("Thị trấn ") else initials(name.removeprefix("Xã ").removeprefix("Phường "))
    organization = Organization(
        code=unique_code(f"{parent.code}.{suffix}", taken_codes), name=name,
        kind=OrganizationKind.COMMUNE, form=OrganizationForm.PARTY_COMMITTEE, parent=parent,
        founded_on=founded, category=category, is_demo=True,
    )
    congresses = [
        random_date(rng, dt.date(2015, 4, 1), dt.date(2015, 6, 30)),
        random_date(rng, dt.date(2020, 4, 1), dt.date(2020, 6, 30)),
    ]
    elections = [dt.date(2016, 6, rng.randint(20, 30)), dt.date(2021, 6, rng.randint(20, 30))]
    if founded is not None:
        congresses = [c for c in congresses if c > founded]
        elections = [e for e in elections if e > founded]
    return Unit(organization, "commune", founded=founded, congresses=congresses, elections=elections,
                hamlets=rng.randint(5, 9) if township else rng.randint(6, 14), is_township=township)


def _agency_units(district, district_name, specs, taken_codes) -> list[Unit]:
    units = []
    for spec in specs:
        founded = dt.date(*spec.founded) if spec.founded else None
        unit = Unit(_agency_org(district, spec.key, spec.name, district_name, spec.form, taken_codes,
                                founded=founded, category=spec.category), "agency", founded=founded, spec=spec)
        for key, name in spec.merged_from:
            old = Unit(_agency_org(district, key, name, district_name, OrganizationForm.GRASSROOTS_CELL,
                                   taken_codes, ceased=founded, category=spec.category), "agency", ceased=founded,
                       successor=unit, spec=spec)
            units.append(old)
        units.append(unit)
    return units


def _agency_org(district, key, name, district_name, form, taken_codes, *, founded=None, ceased=None, category=""):
    return Organization(
        code=unique_code(f"{district.code}.{key}", taken_codes), name=name.format(d=district_name),
        kind=OrganizationKind.AGENCY, form=form, parent=district, founded_on=founded,
        ceased_on=ceased, category=category, is_demo=True,
    )


def _create_cells(rng, tree: DistrictTree) -> int:
    """Hamlet and agency cells under communes; agency cells under party committees of agencies."""
    cells = []
    for unit in tree.communes:
        commune = unit.organization
        place = commune.name.removeprefix("Xã ").removeprefix("Thị trấn ").removeprefix("Phường ")
        cell_names = _hamlet_names(rng, unit)
        agency_cells = [t.format(commune=place) for t in rng.sample(names.COMMUNE_AGENCY_CELLS, rng.randint(3, 5))]
        for number, name in enumerate(cell_names + agency_cells, start=1):
            form = OrganizationForm.HAMLET_CELL if number <= len(cell_names) else OrganizationForm.AGENCY_CELL
            cells.append(_cell(commune, number, name, form))
    for unit in tree.agencies:
        if unit.organization.form != OrganizationForm.PARTY_COMMITTEE:
            continue
        for number, template in enumerate(unit.spec.cells, start=1):
            cells.append(_cell(unit.organization, number, template.format(d=tree.name), OrganizationForm.AGENCY_CELL))
    Organization.objects.bulk_create(cells, batch_size=2000)
    for unit in tree.units:
        store_child_paths(unit.organization, [c for c in cells if c.parent is unit.organization])
    return len(cells)


def store_child_paths(parent: Organization, children: list[Organization]) -> None:
    """Set the materialized paths of bulk-created children, in the database and in memory.

    bulk_create skips save(), which keeps paths. rebuild_paths() would repair
    them too, but it rewrites every organization through a large CASE per batch.
    """
    if not children:
        return
    Organization.objects.filter(parent=parent).update(
        path=Concat(Value(parent.path), Cast("id", output_field=CharField()), Value("/"))
    )
    for child in children:
        child.path = f"{parent.path}{child.pk}/"


def _hamlet_names(rng, unit: Unit) -> list[str]:
    if unit.is_township:
        return [f"Chi bộ Tổ dân phố số {n}" for n in range(1, unit.hamlets + 1)]
    chosen: list[str] = []
    while len(chosen) < unit.hamlets:
        name = f"Chi bộ bản {rng.choice(names.HAMLET_FIRST)} {rng.choice(names.HAMLET_SECOND)}"
        if name not in chosen:
            chosen.append(name)
    return chosen


def _cell(parent: Organization, number: int, name: str, form: str) -> Organization:
    # Parent codes are unique, so numbered codes below them are too.
    return Organization(
        code=f"{parent.code}.CB{number:02d}", name=name, kind=OrganizationKind.CELL, form=form,
        parent=parent, founded_on=parent.founded_on, ceased_on=parent.ceased_on, is_demo=True,
    )
