"""Permission sweep: every URL pattern of the application, every role, objects inside and outside the scope.

The list of patterns comes from the URL resolver, not from a hand list: a new pattern without a rule in
RULES makes `test_every_url_pattern_has_a_rule` fail. For each pattern the rule says what each user gets
for a safe (GET) and an unsafe (POST) request:

- anonymous: the login page (pages) or 401 (API);
- staff of district A: the object of district A is inside their scope;
- staff of district B: the same object is outside their scope: 404, whatever they may do elsewhere;
- the provincial reviewer: reads everything in the province, writes nothing (403);
- the administrator (superuser).

Every object pattern is also asked by staff of district A for the object of district B: 404.
The admin site's patterns are swept by one rule: only administrators are admitted.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from dataclasses import dataclass, field
from typing import Callable

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role
from api.tokens import token_create
from cadre.models import (
    CareerEvent, ChangeRecord, ImportBatch, PartyStatistics, PlanningEntry, Population, PositionTitle,
)
from documents.models import DocumentTemplate, ReportDocument, Submission
from cadre.exchange.export_job import exchange_export_start
from planning.models import Indicator, Plan
from planning.services import plan_import
from reports.services import CURRENT, NUMERATOR
from tests.documents.word_templates import good_template
from tests.factories import (
    add_position, add_qualification, add_rating, make_district_tree, make_official, make_user,
)
from tests.web.workbooks import corrected_workbook

pytestmark = pytest.mark.django_db

USERS = ("anonymous", "staff_a", "staff_b", "reviewer", "admin")
LOGIN = "login"  # redirected to the login page
ALLOWED = "allowed"  # permitted: any answer but 401, 403, 404, 405 or a server error
API_ANONYMOUS = 401


def expect(anonymous, staff_a, staff_b, reviewer, admin) -> dict:
    return dict(zip(USERS, (anonymous, staff_a, staff_b, reviewer, admin)))


# Pages without an object: everybody logged in reads them; the unsafe method is not accepted.
READ = expect(LOGIN, 200, 200, 200, 200)
READ_ONLY_POST = expect(LOGIN, 405, 405, 405, 405)
# Object pages: district B does not see district A's object.
READ_A = expect(LOGIN, 200, 404, 200, 200)
# Writing pages: reviewers are refused before anything is looked up.
EDIT = expect(LOGIN, 200, 200, 403, 200)
EDIT_POST = expect(LOGIN, ALLOWED, ALLOWED, 403, ALLOWED)
EDIT_A = expect(LOGIN, 200, 404, 403, 200)
EDIT_A_POST = expect(LOGIN, ALLOWED, 404, 403, ALLOWED)
POST_ONLY = expect(LOGIN, 405, 405, 405, 405)
API_READ = expect(API_ANONYMOUS, 200, 200, 200, 200)
API_POST = expect(API_ANONYMOUS, 405, 405, 405, 405)
API_READ_A = expect(API_ANONYMOUS, 200, 404, 200, 200)
# API writes: reviewers are refused before anything is looked up; the empty body of the sweep is a 400.
API_EDIT_POST = expect(API_ANONYMOUS, 400, 400, 403, 400)
API_EDIT_A_POST = expect(API_ANONYMOUS, ALLOWED, 404, 403, ALLOWED)
# An object that is written with PUT, PATCH and DELETE: a POST is not accepted, but reviewers are refused first.
API_EDITOR_METHODS = expect(API_ANONYMOUS, 405, 405, 403, 405)
API_RECORDS = ("positions", "qualifications", "ratings", "events", "planning")


def api_record(name):
    """URL arguments of district A's or B's official's record of one kind (API v1)."""
    def args(world, district):
        person = world.of(district, "official")
        related = {"positions": "positions", "qualifications": "qualifications", "ratings": "evaluations",
                   "events": "events", "planning": "planning"}[name]
        return {"pk": person.pk, "record_pk": getattr(person, related).get().pk}
    return args


@dataclass
class World:
    tree: dict
    users: dict
    clients: dict
    objects: dict = field(default_factory=dict)

    def of(self, district: str, name: str):
        return self.objects[f"{name}_{district.lower()}"]


@dataclass(frozen=True)
class Rule:
    get: dict
    post: dict
    args: Callable[[World, str], dict] | None = None  # URL arguments naming district A's or B's object
    query: Callable[[World, str], dict] | None = None  # GET parameters naming district A's or B's object

    @property
    def has_object(self) -> bool:
        return self.args is not None or self.query is not None


def report_query(world: World, district: str) -> dict:
    return {"org": f"LC.{district}", "plan": world.of(district, "plan").code, "as_of": "15/05/2023",
            "baseline": "31/12/2020"}


def counted_query(world: World, district: str) -> dict:
    table = world.of(district, "plan").tables.get()
    return {**report_query(world, district), "table": table.pk, "row": table.rows.first().pk, "column": CURRENT,
            "part": NUMERATOR}


def api_query(world: World, district: str) -> dict:
    return {**report_query(world, district), "as_of": "2023-05-15", "baseline": "2020-12-31"}


def official(world, district):
    return {"pk": world.of(district, "official").pk}


def position(world, district):
    person = world.of(district, "official")
    return {"pk": person.pk, "record_pk": person.positions.get().pk}


def qualification(world, district):
    person = world.of(district, "official")
    return {"pk": person.pk, "kind": "trinh-do", "record_pk": person.qualifications.get().pk}


def document(world, district):
    return {"pk": world.of(district, "document").pk}


def submission(world, district):
    return {"pk": world.of(district, "submission").pk}


def template(world, district):
    return {"pk": world.of(district, "template").pk}


def import_token(world, district):
    return {"token": world.of(district, "import")}


def job_token(world, district):
    return {"token": world.of(district, "job")}


# A background job belongs to the user who started it (and superusers): anybody else gets 404.
JOB_GET = expect(LOGIN, 200, 404, 404, 200)

# An upload belongs to the user who made it (and superusers): nobody else may see, commit or cancel it.
IMPORT_GET = expect(LOGIN, 200, 404, 403, 200)
IMPORT_POST = expect(LOGIN, ALLOWED, 404, 403, ALLOWED)

RULES: dict[str, Rule] = {
    "login": Rule(get=expect(200, 302, 302, 302, 302), post=expect(ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED)),
    "logout": Rule(get=expect(405, 405, 405, 405, 405), post=expect(302, 302, 302, 302, 302)),
    "home": Rule(get=READ, post=READ_ONLY_POST),
    "password_change": Rule(get=READ, post=expect(LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED)),
    "password_change_done": Rule(get=READ, post=READ_ONLY_POST),
    # Officials
    "dashboard": Rule(get=READ, post=READ_ONLY_POST),
    "cadre:official_list": Rule(get=READ, post=READ_ONLY_POST),
    # The audit page: administrators only; read only for everybody.
    "cadre:audit_log": Rule(get=expect(LOGIN, 403, 403, 403, 200), post=READ_ONLY_POST),
    "cadre:official_list_xlsx": Rule(get=READ, post=READ_ONLY_POST),
    "cadre:official_exchange_workbook": Rule(get=READ, post=READ_ONLY_POST),
    # The same export as a background job: started by a POST, for the user's scope (filters outside it fall back).
    "cadre:official_exchange_workbook_job": Rule(get=expect(LOGIN, 405, 405, 405, 405),
                                                 post=expect(LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED)),
    "cadre:official_create": Rule(get=EDIT, post=EDIT_POST),
    "cadre:official_detail": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405), args=official),
    "cadre:official_update": Rule(get=EDIT_A, post=EDIT_A_POST, args=official),
    "cadre:official_retire": Rule(get=EDIT_A, post=EDIT_A_POST, args=official),
    "cadre:official_restore": Rule(get=POST_ONLY, post=EDIT_A_POST, args=official),
    "cadre:record_add": Rule(get=EDIT_A, post=EDIT_A_POST, args=lambda w, d: {**official(w, d), "kind": "chuc-vu"}),
    "cadre:record_edit": Rule(get=EDIT_A, post=EDIT_A_POST, args=lambda w, d: {**position(w, d), "kind": "chuc-vu"}),
    "cadre:record_delete": Rule(get=EDIT_A, post=EDIT_A_POST, args=qualification),
    "cadre:position_end": Rule(get=EDIT_A, post=EDIT_A_POST, args=position),
    # Organizations
    "cadre:organization_tree": Rule(get=READ, post=READ_ONLY_POST),
    # The restructuring tool: editors only; the old units and the parent are choices limited to the scope.
    "cadre:organization_restructure": Rule(get=EDIT, post=EDIT_POST),
    # The organization field's search: JSON of the user's own subtree (tests/web/test_organization_search.py).
    "cadre:organization_search": Rule(get=READ, post=READ_ONLY_POST),
    "cadre:organization_cells": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405),
                                     args=lambda w, d: {"pk": w.tree[f"LC.{d}.X1"].pk}),
    # Imports
    "cadre:import_upload": Rule(get=EDIT, post=EDIT_POST),
    "cadre:import_status": Rule(get=IMPORT_GET, post=expect(LOGIN, 405, 405, 403, 405), args=import_token),
    "cadre:import_progress": Rule(get=IMPORT_GET, post=expect(LOGIN, 405, 405, 403, 405), args=import_token),
    "cadre:import_cancel": Rule(get=expect(LOGIN, 405, 405, 403, 405), post=IMPORT_POST, args=import_token),
    "cadre:import_changes": Rule(get=IMPORT_GET, post=expect(LOGIN, 405, 405, 403, 405), args=import_token),
    "cadre:import_commit": Rule(get=expect(LOGIN, 405, 405, 403, 405), post=IMPORT_POST, args=import_token),
    # Reports: the organization and plan are parameters; another district's answer 404 where a figure is asked.
    "reports:report": Rule(get=READ, post=READ_ONLY_POST),
    "reports:comparison": Rule(get=READ, post=READ_ONLY_POST),
    "reports:comparison_download": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405), query=report_query),
    "reports:counted": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405), query=counted_query),
    "reports:download": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405),
                             args=lambda w, d: {"identifier": "xlsx"}, query=report_query),
    # The reports of the units below, as one ZIP, in the background: the parameters are those of the downloads.
    "reports:batch_render": Rule(get=expect(LOGIN, 405, 405, 405, 405),
                                 post=expect(LOGIN, ALLOWED, 404, ALLOWED, ALLOWED), query=report_query),
    # The plan editor: everybody reads the list and a plan's file; only editors open the editor and the preview
    # (reviewers are refused before anything is looked up), and write plans issued inside their subtree.
    "reports:plan_list": Rule(get=READ, post=READ_ONLY_POST),
    "reports:plan_create": Rule(get=EDIT, post=EDIT_POST),
    "reports:plan_edit": Rule(get=EDIT_A, post=EDIT_A_POST, args=lambda w, d: {"pk": w.of(d, "plan").pk}),
    "reports:plan_file": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405),
                              args=lambda w, d: {"pk": w.of(d, "plan").pk}),
    "reports:plan_preview": Rule(get=expect(LOGIN, 405, 405, 403, 405), post=EDIT_POST),
    "reports:plan_preview_counted": Rule(get=expect(LOGIN, 405, 405, 403, 405), post=EDIT_POST),
    # Background jobs: their page, progress and result belong to whoever started them.
    "jobs:status": Rule(get=JOB_GET, post=expect(LOGIN, 405, 405, 405, 405), args=job_token),
    "jobs:progress": Rule(get=JOB_GET, post=expect(LOGIN, 405, 405, 405, 405), args=job_token),
    "jobs:download": Rule(get=JOB_GET, post=expect(LOGIN, 405, 405, 405, 405), args=job_token),
    # Demo data: system administrators only.
    "jobs:demo": Rule(get=expect(LOGIN, 403, 403, 403, 200), post=expect(LOGIN, 403, 403, 403, ALLOWED)),
    # Report documents
    "documents:list": Rule(get=READ, post=READ_ONLY_POST),
    "documents:stylesheet": Rule(get=READ, post=READ_ONLY_POST),
    "documents:create": Rule(get=EDIT, post=EDIT_POST),
    "documents:detail": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405), args=document),
    "documents:edit": Rule(get=EDIT_A, post=EDIT_A_POST, args=document),
    "documents:manual_figures": Rule(get=EDIT_A, post=EDIT_A_POST, args=document),
    "documents:download": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405),
                               args=lambda w, d: {**document(w, d), "identifier": "docx"}),
    # GET asks for confirmation (a draft goes back to the document with the reason); POST sends.
    "documents:submit": Rule(get=expect(LOGIN, ALLOWED, 404, 403, ALLOWED), post=expect(LOGIN, ALLOWED, 404, 403, ALLOWED),
                             args=document),
    "documents:submissions": Rule(get=READ, post=READ_ONLY_POST),
    # A district reads what it sent; only reviewers (and administrators) accept or return.
    "documents:submission": Rule(get=READ_A, post=expect(LOGIN, 403, 404, ALLOWED, ALLOWED), args=submission),
    "documents:submission_download": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405),
                                          args=lambda w, d: {**submission(w, d), "identifier": "docx"}),
    "documents:templates": Rule(get=READ, post=expect(LOGIN, ALLOWED, ALLOWED, 403, ALLOWED)),
    "documents:template_detail": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405), args=template),
    "documents:template_preview": Rule(get=READ_A, post=expect(LOGIN, 405, 405, 405, 405),
                                       args=lambda w, d: {**template(w, d), "document_pk": w.of(d, "document").pk}),
    "documents:template_delete": Rule(get=expect(LOGIN, 405, 405, 405, 405), post=EDIT_A_POST, args=template),
    # API (read only)
    "api:report": Rule(get=expect(API_ANONYMOUS, 200, 400, 200, 200), post=API_POST, query=api_query),
    "api:comparison": Rule(get=expect(API_ANONYMOUS, 200, 400, 200, 200), post=API_POST, query=api_query),
    "api:plans": Rule(get=API_READ, post=API_POST),
    "api:organizations": Rule(get=API_READ, post=API_POST),
    "api:v1:report": Rule(get=expect(API_ANONYMOUS, 200, 400, 200, 200), post=API_POST, query=api_query),
    "api:v1:comparison": Rule(get=expect(API_ANONYMOUS, 200, 400, 200, 200), post=API_POST, query=api_query),
    # API v1: records (organizations, officials and their records, populations, indicators, audit)
    "api:v1:organizations": Rule(get=API_READ, post=API_POST),
    "api:v1:organization": Rule(get=API_READ_A, post=API_POST, args=lambda w, d: {"pk": w.tree[f"LC.{d}.X1"].pk}),
    "api:v1:officials": Rule(get=API_READ, post=API_EDIT_POST),
    "api:v1:official": Rule(get=API_READ_A, post=API_EDITOR_METHODS, args=official),
    "api:v1:official_retire": Rule(get=API_POST, post=API_EDIT_A_POST, args=official),
    "api:v1:official_restore": Rule(get=API_POST, post=API_EDIT_A_POST, args=official),
    **{f"api:v1:official_{name}": Rule(get=API_READ_A, post=API_EDIT_A_POST, args=official) for name in API_RECORDS},
    **{f"api:v1:official_{name}_detail": Rule(get=API_READ_A, post=API_EDITOR_METHODS, args=api_record(name))
       for name in API_RECORDS},
    "api:v1:official_position_end": Rule(get=API_POST, post=API_EDIT_A_POST, args=api_record("positions")),
    "api:v1:populations": Rule(get=API_READ, post=API_POST),
    "api:v1:population": Rule(get=API_READ, post=API_POST, args=lambda w, d: {"pk": Population.objects.first().pk}),
    "api:v1:indicators": Rule(get=API_READ, post=API_POST),
    "api:v1:indicator": Rule(get=API_READ, post=API_POST, args=lambda w, d: {"pk": Indicator.objects.first().pk}),
    "api:v1:audit": Rule(get=expect(API_ANONYMOUS, 403, 403, 403, 200), post=expect(API_ANONYMOUS, 403, 403, 403, 405)),
    # API v1: work (plans, report downloads, submissions, imports)
    "api:v1:plans": Rule(get=API_READ, post=expect(API_ANONYMOUS, ALLOWED, ALLOWED, 403, ALLOWED)),
    "api:v1:plan": Rule(get=expect(API_ANONYMOUS, 200, 404, 200, 200), post=expect(API_ANONYMOUS, 405, 405, 403, 405),
                        args=lambda w, d: {"pk": w.of(d, "plan").pk}),
    **{f"api:v1:report_{identifier}": Rule(get=expect(API_ANONYMOUS, 200, 400, 200, 200), post=API_POST, query=api_query)
       for identifier in ("xlsx", "docx", "pdf")},
    "api:v1:submissions": Rule(get=API_READ, post=expect(API_ANONYMOUS, ALLOWED, ALLOWED, 403, ALLOWED)),
    "api:v1:submission": Rule(get=expect(API_ANONYMOUS, 200, 404, 200, 200), post=API_POST, args=submission),
    # Only reviewers (and administrators) accept or return; staff read what they sent.
    **{f"api:v1:submission_{action}": Rule(get=API_POST, post=expect(API_ANONYMOUS, 403, 404, ALLOWED, ALLOWED),
                                           args=submission) for action in ("accept", "return")},
    # Reviewers do not import; an upload is its uploader's (and superusers').
    "api:v1:imports": Rule(get=expect(API_ANONYMOUS, 405, 405, 403, 405), post=expect(API_ANONYMOUS, ALLOWED, ALLOWED, 403, ALLOWED)),
    "api:v1:import": Rule(get=expect(API_ANONYMOUS, 200, 404, 403, 200), post=expect(API_ANONYMOUS, 405, 405, 403, 405),
                          args=import_token),
    "api:v1:import_commit": Rule(get=expect(API_ANONYMOUS, 405, 405, 403, 405),
                                 post=expect(API_ANONYMOUS, ALLOWED, 404, 403, ALLOWED), args=import_token),
    "api:schema": Rule(get=API_READ, post=API_POST),
    "api:docs": Rule(get=READ, post=READ_ONLY_POST),
    # Everyone has their own API tokens; nobody revokes another's (404), whatever their role.
    "api_tokens": Rule(get=READ, post=expect(LOGIN, ALLOWED, ALLOWED, ALLOWED, ALLOWED)),
    "api_token_revoke": Rule(get=expect(LOGIN, 405, 405, 405, 405), post=expect(LOGIN, ALLOWED, 404, 404, 404),
                             args=lambda w, d: {"pk": w.of(d, "token").pk}),
    # The help page: everybody signed in reads it.
    "guide": Rule(get=READ, post=READ_ONLY_POST),
}

# Statuses that mean "out of scope" for a pattern whose object is a parameter, not part of the path.
OUTSIDE = {"api:report": 400, "api:comparison": 400, "api:v1:report": 400, "api:v1:comparison": 400,
           "api:v1:report_xlsx": 400, "api:v1:report_docx": 400, "api:v1:report_pdf": 400}
OUTSIDE.update({"api:v1:population": 200, "api:v1:indicator": 200})  # catalogs: the same rows for every scope


def url_patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    """(namespaced name, pattern) of every named URL pattern the resolver knows."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_patterns(entry, inner)
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
        else:
            found.append((f"{namespace}<unnamed {entry.pattern}>", entry))
    return found


def application_patterns() -> list[str]:
    return sorted({name for name, _ in url_patterns() if not name.startswith("admin:")})


def admin_patterns() -> list[str]:
    return sorted({name for name, _ in url_patterns() if name.startswith("admin:")})


def test_every_url_pattern_has_a_rule():
    missing = [name for name in application_patterns() if name not in RULES]
    stale = [name for name in RULES if name not in application_patterns()]
    assert missing == [], f"URL patterns without a permission rule: {missing}"
    assert stale == [], f"rules for URL patterns that no longer exist: {stale}"


# --- the world -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _inline_imports(settings):
    settings.IMPORT_IN_BACKGROUND = False


def _plan(code: str, organization: str) -> None:
    plan_import(data={
        "code": code, "title": "Đề án xây dựng đội ngũ cán bộ cấp xã", "organization": organization,
        "issued_on": "2021-01-15",
        "tables": [{"number": "Biểu 01", "title": "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ", "population": "CB_XA", "rows": [
            {"label": "Trình độ chuyên môn Đại học trở lên", "indicator": "CM_DAI_HOC",
             "targets": [{"year": 2025, "value": 50}]},
        ]}],
    })


@pytest.fixture
def world(db, tmp_path) -> World:
    tree = make_district_tree("LC")
    everything = Permission.objects.all()
    users = {
        # District staff and reviewers are given is_staff and every permission: the admin must still refuse them.
        "staff_a": make_user("staff_a", tree["LC.A"], is_staff=True),
        "staff_b": make_user("staff_b", tree["LC.B"], is_staff=True),
        "reviewer": make_user("reviewer", tree["LC"], role=Role.PROVINCIAL_REVIEWER, is_staff=True),
        "admin": make_user("admin", None, role=Role.ADMIN, is_superuser=True, is_staff=True),
    }
    for name in ("staff_a", "staff_b", "reviewer"):
        users[name].user_permissions.set(everything)
    clients = {"anonymous": Client()}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    world = World(tree=tree, users=users, clients=clients)
    for district in ("A", "B"):
        person = make_official(f"{district}1", full_name=f"Cán Bộ {district}")
        add_position(person, tree[f"LC.{district}.X1"], "BT_DU", dt.date(2019, 1, 1))
        add_qualification(person, "CHUYEN_MON", "DAI_HOC", dt.date(2010, 1, 1))
        add_rating(person, 2023, "HTTNV")
        CareerEvent.objects.create(official=person, kind="BO_NHIEM", date=dt.date(2019, 1, 1))
        PlanningEntry.objects.create(official=person, title=PositionTitle.objects.get(code="CT_UBND_XA"),
                                     organization=tree[f"LC.{district}.X1"], term="2025-2030")
        code = f"0{1 if district == 'A' else 2}-ĐA/HU"
        _plan(code, f"LC.{district}")
        plan = Plan.objects.get(code=code)
        doc = ReportDocument.objects.create(
            organization=tree[f"LC.{district}"], plan=plan, as_of=dt.date(2023, 5, 15),
            baseline_as_of=dt.date(2020, 12, 31), issued_on=dt.date(2023, 7, 12), subject="Sơ kết đề án",
        )
        sent = ReportDocument.objects.create(
            organization=tree[f"LC.{district}"], plan=plan, as_of=dt.date(2023, 5, 15),
            baseline_as_of=dt.date(2020, 12, 31), issued_on=dt.date(2023, 7, 12), subject="Đã gửi",
            number=f"40{1 if district == 'A' else 2}-BC/HU",
        )
        submitted = Submission.objects.create(
            document=sent, sequence=1, title_text="Báo cáo", as_of=dt.date(2023, 5, 15), docx_name="bao-cao.docx",
            docx=b"PK", pdf_name="bao-cao.pdf", pdf=b"%PDF-1.7", figures={}, submitted_by=users[f"staff_{district.lower()}"],
        )
        word = DocumentTemplate.objects.create(
            organization=tree[f"LC.{district}"], name="Mẫu", file_name="mau.docx", content=good_template(),
            variables=["dong_so"],
        )
        token, _ = token_create(user=users[f"staff_{district.lower()}"], name=f"Khóa {district}")
        world.objects.update({
            f"token_{district.lower()}": token,
            f"official_{district.lower()}": person, f"plan_{district.lower()}": plan,
            f"document_{district.lower()}": doc, f"submission_{district.lower()}": submitted,
            f"template_{district.lower()}": word,
        })
    # One row of every kind the admin lists, so that every change, delete and history page is asked.
    Group.objects.create(name="Nhóm thử")
    batch = ImportBatch.objects.create(file_name="nhap.xlsx", user=users["staff_a"], summary={})
    ChangeRecord.objects.create(batch=batch, entity="CanBo", key="A1", action="update", before={}, after={})
    PartyStatistics.objects.create(organization=tree["LC.A.X1"], year=2024, members=120, female=30)
    AccessAttempt.objects.create(username="staff_a", ip_address="10.0.0.1", user_agent="x", failures_since_start=1)
    AccessFailureLog.objects.create(username="staff_a", ip_address="10.0.0.1", user_agent="x")
    for district in ("A", "B"):
        uploader = clients[f"staff_{district.lower()}"]
        with open(corrected_workbook(tmp_path / f"nhap-{district}.xlsx"), "rb") as handle:
            response = uploader.post(reverse("cadre:import_upload"), {"workbook": handle})
        assert response.status_code == 302, response
        world.objects[f"import_{district.lower()}"] = response["Location"].rstrip("/").split("/")[-1]
        job = exchange_export_start(user=users[f"staff_{district.lower()}"], organization=tree[f"LC.{district}"])
        world.objects[f"job_{district.lower()}"] = job.token
    return world


# --- the sweep -------------------------------------------------------------------------


def _url(name: str, rule: Rule, world: World, district: str) -> tuple[str, dict]:
    kwargs = rule.args(world, district) if rule.args else {}
    query = rule.query(world, district) if rule.query else {}
    return reverse(name, kwargs=kwargs), query


def _ask(client: Client, method: str, url: str, query: dict):
    """One request whose writes are undone afterwards, in the database and in the stored uploads,
    so that what one user did does not change what the next one is answered."""
    client.raise_request_exception = False
    uploads = Path(settings.MEDIA_ROOT) / "imports"
    kept = {path: path.read_bytes() for path in uploads.iterdir()} if uploads.is_dir() else {}
    with transaction.atomic():
        if method == "get":
            response = client.get(url, query)
        else:
            response = client.post(url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""), {})
        transaction.set_rollback(True)
    for path, content in kept.items():
        path.write_bytes(content)
    return response


def _verdict(response, expected, login_url: str) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if expected == LOGIN:
        if status == 302 and response["Location"].startswith(login_url):
            return None
        return f"expected a redirect to {login_url}, got {status} {response.get('Location', '')}"
    if expected == ALLOWED:
        return None if status not in (401, 403, 404, 405) else f"expected to be allowed, got {status}"
    return None if status == expected else f"expected {expected}, got {status}"


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_pattern_answers_each_user_as_its_rule_says(world, name):
    if name not in application_patterns():
        pytest.fail(f"{name} is not a URL pattern")
    rule = RULES[name]
    failures = []
    for method, expectations in (("get", rule.get), ("post", rule.post)):
        url, query = _url(name, rule, world, "A")
        for user in USERS:
            problem = _verdict(_ask(world.clients[user], method, url, query), expectations[user], reverse("login"))
            if problem:
                failures.append(f"{method.upper()} {url} as {user}: {problem}")
        if rule.has_object and expectations["staff_a"] not in (LOGIN, 405):
            url_b, query_b = _url(name, rule, world, "B")
            outside = OUTSIDE.get(name, 404)
            problem = _verdict(_ask(world.clients["staff_a"], method, url_b, query_b), outside, reverse("login"))
            if problem:
                failures.append(f"{method.upper()} {url_b} (district B's) as staff_a: {problem}")
    assert not failures, "\n".join(failures)


# --- the admin site --------------------------------------------------------------------


def _admin_url(name: str, pattern: URLPattern, world: World) -> str | None:
    """The admin URL with an existing object for the patterns that need one; None when there is none."""
    official = world.of("A", "official")
    if name == "admin:<unnamed (?P<url>.*)$>":
        return reverse("admin:index") + "khong-co-trang-nay/"  # the admin's catch-all
    if name == "admin:<unnamed <path:object_id>/>":
        return reverse("admin:cadre_official_changelist") + f"{official.pk}/"  # old-style change address
    needed = set(pattern.pattern.regex.groupindex)
    if not needed:
        return reverse(name)
    kwargs = {}
    if "app_label" in needed:
        kwargs["app_label"] = "cadre"
    if "content_type_id" in needed:
        kwargs["content_type_id"] = ContentType.objects.get_for_model(official).pk
        kwargs["object_id"] = official.pk
    for key in ("object_id", "id"):
        if key in needed and key not in kwargs:
            model = get_user_model() if name == "admin:auth_user_password_change" else _admin_model(name)
            instance = model._default_manager.order_by("pk").first() if model is not None else None
            if instance is None:
                return None
            kwargs[key] = instance.pk
    if set(kwargs) != needed:
        return None
    return reverse(name, kwargs=kwargs)


def _admin_model(name: str):
    from django.contrib import admin

    short = name.split(":", 1)[1]
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if short.startswith(prefix):
            return model
    return None


@pytest.mark.parametrize("name", admin_patterns())
def test_only_administrators_are_admitted_to_the_admin(world, name):
    pattern = dict(url_patterns())[name]
    url = _admin_url(name, pattern, world)
    if url is None:
        pytest.skip(f"{name}: no object of this kind in the test data")
    admin_login = reverse("admin:login")
    failures = []
    if name not in ("admin:login", "admin:logout", "admin:jsi18n"):
        for user in ("anonymous", "staff_a", "staff_b", "reviewer"):
            for method in ("get", "post"):
                response = _ask(world.clients[user], method, url, {})
                if not (response.status_code == 302 and response["Location"].startswith(admin_login)):
                    failures.append(
                        f"{method.upper()} {url} as {user}: expected the admin login, got {response.status_code}")
    response = _ask(world.clients["admin"], "get", url, {})
    no_page = name in ("admin:<unnamed (?P<url>.*)$>", "admin:view_on_site")  # officials have no public page
    if response.status_code >= 500 or (response.status_code == 404 and not no_page):
        failures.append(f"GET {url} as admin: {response.status_code}")
    assert not failures, "\n".join(failures)
