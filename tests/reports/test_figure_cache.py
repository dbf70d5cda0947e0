"""Kept figures (cadre/figure_cache.py) are never stale: every write path replaces the data versions
of exactly the scopes it changes (cadre.data_versions), and a kept report is the computed one."""
import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import Role
from cadre.exchange.workbook_import import import_workbook
from cadre.models import DataVersion, EthnicGroup, Evaluation, Official, Organization, PositionRecord
from cadre.services.officials import official_update
from cadre.services.records import record_update
from cadre.services.restructuring import RestructureRequest, restructure
from cadre.services.retirement import official_restore, official_retire
from planning.models import PlanRow
from reports import fetch
from reports.exporters.report_json import report_as_dict
from reports.fetch import load_organization, load_plan
from reports.parameters import check_request
from reports.services import comparison_build, report_build
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user
from tests.reports.plans import build_json, make_plan
from tests.web.workbooks import district_a_workbook

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 8, 1)
BASELINE = dt.date(2020, 12, 31)
SCOPES = ("LC", "LC.A", "LC.B")
ROWS = [
    {"label": "Nữ", "indicator": "NU"},
    {"label": "Dân tộc thiểu số", "indicator": "DTTS"},
    {"label": "Trẻ", "indicator": "TRE", "params": {"age_under": 35}},
    {"label": "Đại học trở lên", "indicator": "CM_DAI_HOC"},
    {"label": "Hoàn thành tốt", "indicator": "DG_TOT"},
    {"label": "Có cán bộ nữ", "indicator": "DV_CO_NU"},
]


@pytest.fixture
def kept(settings):
    """The figure cache on, and empty (the test database's data is rolled back between tests)."""
    settings.FIGURE_CACHE = True
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def world(kept):
    """Province LC with districts A and B; commune cadres in both; a plan of the province."""
    tree = make_district_tree("LC")
    start = dt.date(2019, 1, 1)
    mai = make_official("P1", full_name="Lò Thị Mai", gender="NU", birth_date=dt.date(1980, 3, 1))
    add_position(mai, tree["LC.A.X1"], "BT_DU", start)
    add_qualification(mai, "CHUYEN_MON", "DAI_HOC", dt.date(2002, 6, 1))
    add_rating(mai, 2022, "HTTNV")
    hung = make_official("P2", full_name="Nguyễn Văn Hùng", birth_date=dt.date(1995, 5, 16))
    add_position(hung, tree["LC.A.X2"], "CT_MTTQ_XA", start)
    add_rating(hung, 2022, "HTNV")
    lan = make_official("Q1", full_name="Hà Thị Lan", gender="NU", ethnicity="Thái", birth_date=dt.date(1990, 1, 1))
    add_position(lan, tree["LC.B.X1"], "BT_DU", start)
    add_rating(lan, 2022, "HTXSNV")
    make_plan(ROWS, organization="LC")
    province_staff = make_user("tinh", tree["LC"], role=Role.DISTRICT_STAFF)
    return {"tree": tree, "mai": mai, "hung": hung, "lan": lan, "staff": province_staff}


@pytest.fixture
def computed(monkeypatch):
    """The scopes whose figures were counted (not read from the cache), as the test goes."""
    scopes = []
    original = fetch.fetch_column

    def counting(population, scope, column, rows):
        scopes.append(scope.code)
        return original(population, scope, column, rows)

    monkeypatch.setattr(fetch, "fetch_column", counting)
    return scopes


def reports() -> dict[str, dict]:
    return {code: build_json(code, AS_OF, rating_years=(2022,), baseline=BASELINE) for code in SCOPES}


def computed_afresh(settings) -> dict[str, dict]:
    settings.FIGURE_CACHE = False
    try:
        return reports()
    finally:
        settings.FIGURE_CACHE = True


def recounted(computed: list) -> set[str]:
    scopes = set(computed)
    computed.clear()
    return scopes


def warm(computed) -> dict[str, dict]:
    """Every scope's report computed once and kept: a second round counts nothing."""
    first = reports()
    assert recounted(computed) == set(SCOPES)
    assert reports() == first
    assert recounted(computed) == set()
    return first


def check_after_write(kept, computed, expected_scopes: set[str]) -> dict[str, dict]:
    """After a write: exactly `expected_scopes` are counted again, and every report (kept or not) is
    the one computed without the cache."""
    after = reports()
    assert recounted(computed) == expected_scopes
    assert after == computed_afresh(kept)
    computed.clear()
    return after


# --- a kept figure is the computed one, for a constant number of queries ----------------------------


def test_a_kept_report_is_the_computed_json_and_costs_one_query_after_the_plan(
        world, kept, computed, django_assert_num_queries):
    afresh = computed_afresh(kept)
    assert reports() == afresh  # counted, then kept
    assert recounted(computed) == set(SCOPES)
    for code in SCOPES:
        organization, plan = load_organization(code), load_plan("T-01/HU")
        # The data versions of the scope's root and of everything; the figures come from the cache.
        with django_assert_num_queries(1):
            report = report_build(organization=organization, plan=plan, as_of=AS_OF, rating_years=(2022,),
                                  baseline=BASELINE, baseline_rating_years=(2020,), target_year=None)
        assert report_as_dict(report) == afresh[code]
    assert computed == []


def test_a_kept_comparison_is_the_computed_one_and_costs_three_queries(
        world, kept, computed, django_assert_num_queries):
    arguments = {"organization": load_organization("LC"), "plan": load_plan("T-01/HU"), "as_of": AS_OF,
                 "rating_years": (2022,), "baseline": BASELINE, "baseline_rating_years": (2020,), "target_year": None}

    def as_json(comparison):
        return report_as_dict(comparison.report), [(unit.code, report_as_dict(report)) for unit, report in comparison.units]

    kept.FIGURE_CACHE = False
    afresh = as_json(comparison_build(**arguments))
    kept.FIGURE_CACHE = True
    assert as_json(comparison_build(**arguments)) == afresh
    # The units below the scope; the versions for the scope's report; the versions for the units'.
    with django_assert_num_queries(3):
        comparison = comparison_build(**arguments)
    assert as_json(comparison) == afresh
    assert [code for code, _ in afresh[1]] == ["LC.A", "LC.B"]


def test_the_default_rating_year_is_kept_and_follows_a_new_rating(world, kept, django_assert_num_queries):
    organization, plan = load_organization("LC.A"), load_plan("T-01/HU")

    def default_year():
        return check_request(organization=organization, plan=plan, as_of=AS_OF, rating_years=None,
                             baseline=BASELINE, baseline_rating_years=None, target_year=None,
                             today=dt.date(2026, 1, 1)).rating_years

    assert default_year() == (2022,)  # both of the district's commune cadres rated for 2022
    with django_assert_num_queries(1):  # the data versions; the shares come from the cache
        assert default_year() == (2022,)
    user = make_user("huyen_a", world["tree"]["LC.A"])
    record_update(user=user, kind="danh-gia", record=Evaluation.objects.get(official=world["hung"], year=2022),
                  changes={"year": 2023})
    assert default_year() == (2024,)  # half rated in 2022 and in 2023: the year before the date
    record_update(user=user, kind="danh-gia", record=Evaluation.objects.get(official=world["mai"], year=2022),
                  changes={"year": 2023})
    assert default_year() == (2023,)


# --- each write path replaces exactly the versions it must ------------------------------------------


def test_a_record_edit_in_district_a_recounts_a_and_the_province_not_b(world, kept, computed):
    before = warm(computed)
    record_update(user=world["staff"], kind="danh-gia", record=Evaluation.objects.get(official=world["mai"], year=2022),
                  changes={"rating": "KHTNV"})
    after = check_after_write(kept, computed, {"LC", "LC.A"})
    assert after["LC.B"] == before["LC.B"]
    assert after["LC.A"] != before["LC.A"]


def test_an_officials_edit_recounts_every_scope_they_held_a_position_in(world, kept, computed):
    add_position(world["mai"], world["tree"]["LC.B.X2"], "CT_UBND_XA", dt.date(2024, 1, 1))
    warm(computed)
    official_update(user=world["staff"], official=world["mai"], gender="NAM")
    check_after_write(kept, computed, {"LC", "LC.A", "LC.B"})
    official_update(user=world["staff"], official=world["hung"], full_name="Nguyễn Văn Hưng")
    check_after_write(kept, computed, {"LC", "LC.A"})


def test_moving_a_position_to_another_district_recounts_both(world, kept, computed):
    warm(computed)
    position = PositionRecord.objects.get(official=world["mai"])
    record_update(user=world["staff"], kind="chuc-vu", record=position,
                  changes={"organization": world["tree"]["LC.B.X2"]})
    after = check_after_write(kept, computed, {"LC", "LC.A", "LC.B"})
    assert after["LC.B"]["tables"][0]["rows"][0]["current"]["count"] == 2


def test_an_import_recounts_the_district_it_writes_in(world, kept, computed, tmp_path):
    warm(computed)
    path = district_a_workbook(
        tmp_path / "a.xlsx",
        officials=[["N100", "Lường Thị Sơn", "Nữ", "28/02/1990", "Thái", None, None, None]],
        positions=[["N100", "LC.A.X1", "CT_HLHPN_XA", "01/01/2020", None]],
    )
    assert import_workbook(path).ok
    after = check_after_write(kept, computed, {"LC", "LC.A"})
    assert after["LC.A"]["tables"][0]["rows"][0]["current"]["count"] == 3


def test_an_import_that_changes_nothing_recounts_nothing(world, kept, computed, tmp_path):
    path = district_a_workbook(tmp_path / "a.xlsx", officials=[], positions=[])
    warm(computed)
    assert import_workbook(path).ok
    check_after_write(kept, computed, set())


def test_a_restructuring_recounts_the_old_units_scopes_and_the_new_ones(world, kept, computed):
    warm(computed)
    restructure(None, RestructureRequest(
        old_codes=("LC.A.X1", "LC.A.X2"), new_code="LC.M", new_name="Đảng bộ xã M", kind="XA", parent_code="LC",
        date=dt.date(2025, 7, 1), form="DANG_BO", category="XA", move_holders=True,
    ), confirm=True)
    after = check_after_write(kept, computed, {"LC", "LC.A"})
    assert after["LC.A"]["tables"][0]["rows"][0]["current"]["count"] == 0
    assert build_json("LC.M", AS_OF, rating_years=(2022,), baseline=BASELINE) == computed_afresh_of(kept, "LC.M")


def computed_afresh_of(settings, code: str) -> dict:
    settings.FIGURE_CACHE = False
    try:
        return build_json(code, AS_OF, rating_years=(2022,), baseline=BASELINE)
    finally:
        settings.FIGURE_CACHE = True


def test_retiring_and_restoring_an_official_recount_their_district(world, kept, computed):
    warm(computed)
    official_retire(user=world["staff"], official=world["lan"], retired_on=dt.date(2025, 3, 1), reason="Nghỉ hưu")
    retired = check_after_write(kept, computed, {"LC", "LC.B"})
    assert retired["LC.B"]["tables"][0]["rows"][0]["current"]["count"] == 0
    official_restore(user=world["staff"], official=Official.objects.get(pk=world["lan"].pk))
    restored = check_after_write(kept, computed, {"LC", "LC.B"})
    assert restored["LC.B"]["tables"][0]["rows"][0]["current"]["count"] == 1


# --- the admin ---------------------------------------------------------------------------------------


def admin_form(response) -> dict:
    """The POST data of an admin change page as it stands: the form and its inlines, unchanged."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(item) for item in value]
            elif isinstance(value, dt.date):
                data[key] = value.strftime("%d/%m/%Y")
            elif value is not None:
                data[key] = str(value) if not isinstance(value, dict) else __import__("json").dumps(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.initial_forms:
            add(form)
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))
    return data


def admin_change(client, model: str, pk: int, **changes):
    url = reverse(f"admin:{model}_change", args=[pk])
    data = {**admin_form(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return response


@pytest.fixture
def superuser(client):
    client.force_login(make_user("root", None, role=Role.ADMIN, is_superuser=True, is_staff=True))
    return client


def test_an_admin_edit_of_an_official_recounts_their_district(world, kept, computed, superuser):
    warm(computed)
    admin_change(superuser, "cadre_official", world["hung"].pk, gender="NU")
    after = check_after_write(kept, computed, {"LC", "LC.A"})
    assert after["LC.A"]["tables"][0]["rows"][1]["current"]["count"] == 2


def test_an_admin_edit_of_an_organization_recounts_its_old_and_new_ancestors(world, kept, computed, superuser):
    warm(computed)
    admin_change(superuser, "cadre_organization", world["tree"]["LC.A.X2"].pk, parent=world["tree"]["LC.B"].pk)
    after = check_after_write(kept, computed, {"LC", "LC.A", "LC.B"})
    assert after["LC.B"]["tables"][0]["rows"][0]["current"]["count"] == 2


def test_an_admin_edit_of_a_catalog_recounts_everything(world, kept, computed, superuser):
    warm(computed)
    thai = EthnicGroup.objects.get(name="Thái")
    assert thai.is_minority
    data = admin_form(superuser.get(reverse("admin:cadre_ethnicgroup_change", args=[thai.pk])))
    data.pop("is_minority")
    assert superuser.post(reverse("admin:cadre_ethnicgroup_change", args=[thai.pk]), data).status_code == 302
    after = check_after_write(kept, computed, set(SCOPES))
    assert after["LC.B"]["tables"][0]["rows"][2]["current"]["count"] == 0


def test_an_admin_edit_of_a_plan_row_gives_its_new_figures(world, kept, computed, superuser):
    before = warm(computed)
    row = PlanRow.objects.get(indicator__code="TRE")
    admin_change(superuser, "planning_planrow", row.pk, params='{"age_under": 30}')
    after = check_after_write(kept, computed, set(SCOPES))
    young = [report["tables"][0]["rows"][3]["current"]["count"] for report in (before["LC"], after["LC"])]
    assert young == [1, 0]
    # A change only the computation reads (a label, a target) is shown at once too (the computed tables
    # are kept with their figures, under one key: they are counted again).
    admin_change(superuser, "planning_planrow", row.pk, label="Dưới 30 tuổi", **{
        "targets-TOTAL_FORMS": "1", "targets-0-year": "2025", "targets-0-value": "40"})
    relabelled = check_after_write(kept, computed, set(SCOPES))
    assert relabelled["LC"]["tables"][0]["rows"][3]["label"] == "Dưới 30 tuổi"
    assert relabelled["LC"]["tables"][0]["rows"][3]["target"]["value"] == "40.00"


def test_nothing_recounts_after_a_write_no_figure_counts(world, kept, computed):
    from cadre import audit

    warm(computed)
    audit.record_export(world["staff"], "Báo cáo (XLSX)", {"org": "LC"}, organization=world["tree"]["LC"])
    check_after_write(kept, computed, set())


def test_a_career_event_or_planning_entry_recounts_the_scopes_conditions_may_read_them_in(world, kept, computed):
    """Plan rows may test events and count planned persons (data contract, "Conditions in plan rows"):
    an event recounts where its person held a position; a planning entry, its organization's scopes too."""
    from cadre.services.officials import career_event_add, planning_add
    from cadre.models import PositionTitle

    warm(computed)
    career_event_add(user=world["staff"], official=world["mai"], kind="CU_DI_HOC", date=dt.date(2023, 9, 1),
                     programme="LLCT_CAO_CAP")
    check_after_write(kept, computed, {"LC", "LC.A"})
    planning_add(user=world["staff"], official=world["hung"], title=PositionTitle.objects.get(code="BT_DU"),
                 organization=world["tree"]["LC.A.X1"], term="2025-2030", approved_on=dt.date(2023, 4, 1))
    check_after_write(kept, computed, {"LC", "LC.A"})


# --- a reader that counts while a write commits -------------------------------------------------------


class RecordingCache:
    """The cache, with the keys figures are kept under written down."""

    def __init__(self, inner):
        self.inner, self.kept = inner, []

    def get(self, *args, **kwargs):
        return self.inner.get(*args, **kwargs)

    def set(self, key, *args, **kwargs):
        self.kept.append(key)
        return self.inner.set(key, *args, **kwargs)


def test_figures_counted_while_a_write_commits_are_not_kept(world, kept, computed, monkeypatch):
    from cadre import figure_cache

    recording = RecordingCache(figure_cache.cache)
    monkeypatch.setattr(figure_cache, "cache", recording)
    counting = fetch.fetch_column
    writes = []

    def writing_meanwhile(population, scope, column, rows):
        figures = counting(population, scope, column, rows)
        if not writes:  # a write commits after the report's first query, before the others
            writes.append(official_update(user=world["staff"], official=world["mai"], gender="NAM"))
        return figures

    monkeypatch.setattr(fetch, "fetch_column", writing_meanwhile)
    build_json("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE)
    # Some of its queries saw the write and some did not: kept under no version at all.
    assert writes and recording.kept == []
    monkeypatch.setattr(fetch, "fetch_column", counting)
    computed.clear()
    assert build_json("LC.A", AS_OF, rating_years=(2022,), baseline=BASELINE) == computed_afresh_of(kept, "LC.A")
    assert recounted(computed) == {"LC.A"} and len(recording.kept) == 1  # counted again, and kept this time


def test_without_a_version_for_everything_nothing_is_kept(world, kept, computed):
    DataVersion.objects.filter(name="all").delete()
    reports()
    reports()
    assert computed.count("LC") == 2 * 2 * 1  # two rounds, two columns, one table: counted every time


def test_figures_kept_in_redis_follow_the_writes_too(world, kept, computed):
    """With REDIS_URL (production), the same: kept once for every process, replaced by a write. Uses the
    Redis of the test machine (database 4 unless FIGURE_CACHE_TEST_REDIS says otherwise)."""
    import os

    import redis

    location = os.environ.get("FIGURE_CACHE_TEST_REDIS", "redis://127.0.0.1:6379/4")
    try:
        redis.Redis.from_url(location, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"no Redis at {location}")
    kept.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location,
                               "KEY_PREFIX": f"cadre-test-{os.getpid()}"}}
    try:
        before = warm(computed)
        record_update(user=world["staff"], kind="danh-gia",
                      record=Evaluation.objects.get(official=world["lan"], year=2022), changes={"rating": "KHTNV"})
        after = check_after_write(kept, computed, {"LC", "LC.B"})
        assert after["LC.A"] == before["LC.A"] and after["LC.B"] != before["LC.B"]
    finally:
        cache.clear()


# --- the dashboard's composition of a population ---------------------------------------------------------


def test_the_dashboards_composition_is_kept_per_viewer_and_follows_a_write(world, kept, django_assert_num_queries):
    from reports.composition import composition
    from cadre.models import Population

    population = Population.objects.get(code="CB_XA")
    district_a = make_user("huyen_a", world["tree"]["LC.A"])

    def mixes():
        return {(viewer.username, code): composition(user=viewer, population=population, on=AS_OF,
                                                     organization=world["tree"][code])
                for viewer in (world["staff"], district_a) for code in SCOPES}

    kept.FIGURE_CACHE = False
    afresh = mixes()
    kept.FIGURE_CACHE = True
    assert mixes() == afresh
    assert afresh[("tinh", "LC")].total == 3 and afresh[("huyen_a", "LC")].total == 2  # the viewer's subtree
    with django_assert_num_queries(2):  # the population's titles, the data versions
        assert composition(user=district_a, population=population, on=AS_OF,
                           organization=world["tree"]["LC"]) == afresh[("huyen_a", "LC")]
    official_update(user=world["staff"], official=world["hung"], gender="NU")
    after = mixes()
    kept.FIGURE_CACHE = False
    assert after == mixes()
    assert dict(after[("huyen_a", "LC.A")].genders) == {"Nam": 0, "Nữ": 2}
    assert after[("tinh", "LC.B")] == afresh[("tinh", "LC.B")]


# --- plans with conditions ---------------------------------------------------------------------------

CONDITION_ROWS = [
    {"label": "Đại học (đúng bậc)", "where": {"qual": {"type": "CHUYEN_MON", "eq": "DAI_HOC"}},
     "compare": ["delta_points"]},
    {"label": "Bí thư là nữ", "population": {"positions": ["BT_DU"]}, "where": {"gender": "NU"}},
    {"label": "Xã có bí thư nữ", "unit": True, "population": {"positions": ["BT_DU"], "unit_kind": "XA"},
     "where": {"gender": "NU"}},
    {"label": "Đi học", "where": {"event": {"kind": ["CU_DI_HOC"]}}},
    {"label": "Bí thư so với cán bộ", "indicator": "TONG_SO", "population": {"positions": ["BT_DU"]},
     "multiple_of": "CB_XA"},
]


def condition_reports() -> dict[str, dict]:
    return {code: build_json(code, AS_OF, plan="T-02/HU", rating_years=(2022,), baseline=BASELINE)
            for code in SCOPES}


def test_a_plan_with_conditions_is_kept_and_follows_the_writes(world, kept, django_assert_num_queries):
    from cadre.models import Population, PositionTitle
    from cadre.services.officials import career_event_add

    make_plan(CONDITION_ROWS, organization="LC", code="T-02/HU")

    def afresh() -> dict[str, dict]:
        kept.FIGURE_CACHE = False
        try:
            return condition_reports()
        finally:
            kept.FIGURE_CACHE = True

    first = condition_reports()
    assert first == afresh()
    for code in SCOPES:
        organization, plan = load_organization(code), load_plan("T-02/HU")
        # The titles every population resolves to; the data versions; the tables come from the cache.
        with django_assert_num_queries(2):
            report = report_build(organization=organization, plan=plan, as_of=AS_OF, rating_years=(2022,),
                                  baseline=BASELINE, baseline_rating_years=(2020,), target_year=None)
        assert report_as_dict(report) == first[code]
    assert [row["current"]["count"] for row in first["LC"]["tables"][0]["rows"][1:5]] == [1, 2, 2, 0]

    # A career event of a district A cadre: A and the province count it, B's kept figures stay right.
    career_event_add(user=world["staff"], official=world["hung"], kind="CU_DI_HOC", date=dt.date(2023, 9, 1),
                     programme="LLCT_CAO_CAP")
    after = condition_reports()
    assert after == afresh()
    assert [after[code]["tables"][0]["rows"][4]["current"]["count"] for code in SCOPES] == [1, 1, 0]
    assert after["LC.B"] == first["LC.B"]

    # A population's titles changed without an audit entry (the admin's many-to-many): the key follows.
    Population.objects.get(code="CB_XA").titles.remove(PositionTitle.objects.get(code="CT_MTTQ_XA"))
    changed = condition_reports()
    assert changed == afresh()
    assert changed["LC"]["tables"][0]["rows"][0]["current"]["total"] == 2

    # The comparison of the province's districts is kept too, and equals the one counted afresh.
    arguments = {"organization": load_organization("LC"), "plan": load_plan("T-02/HU"), "as_of": AS_OF,
                 "rating_years": (2022,), "baseline": BASELINE, "baseline_rating_years": (2020,), "target_year": None}

    def as_json(comparison):
        return [(unit.code, report_as_dict(report)) for unit, report in comparison.units]

    kept.FIGURE_CACHE = False
    compared_afresh = as_json(comparison_build(**arguments))
    kept.FIGURE_CACHE = True
    assert as_json(comparison_build(**arguments)) == compared_afresh
    # The units; the titles and versions for the scope's report, then for the units'.
    with django_assert_num_queries(5):
        assert as_json(comparison_build(**arguments)) == compared_afresh
    assert [(code, report["tables"]) for code, report in compared_afresh] == [
        ("LC.A", changed["LC.A"]["tables"]), ("LC.B", changed["LC.B"]["tables"])]
