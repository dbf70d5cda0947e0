"""The plan editor (issue 15): plans (nghị quyết, đề án) written in the browser, with a live preview.

The page (templates/reports/plan_editor.html, static/js/plan_editor.js) keeps the plan as a plan file
(docs/data-contract.md section 2) and posts it whole; the catalogs its lists offer come with the page as
JSON. Saving goes through planning.services (plan_import for a new plan, plan_replace with the version read
for an existing one): the file is checked whole first, every problem is listed in Vietnamese and what was
typed comes back in the editor. The preview (reports/plan_preview.py) counts the draft without keeping it.

Everybody signed in lists the plans they may use and downloads their files; only users who enter data open
the editor and preview (reviewers: 403), and save plans issued inside their subtree.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cadre.models import Organization
from cadre.selectors.organization_search import organization_label
from cadre.services.versions import RowGone, StaleVersion
from cadre.vietnamese import format_date_input, search_key
from cadre.views.access import editor_required
from planning.editor_lists import editor_catalogs, may_write_plan, plans_for_list
from planning.plan_file import MAX_DEPTH, MAX_FILE_BYTES, TOO_DEEP, PlanFileError
from planning.plan_writer import plan_as_file
from planning.selectors import plans_with_contents
from planning.services import plan_import, plan_replace
from reports.forms import PlanPreviewForm
from reports.plan_preview import PreviewRefused, PreviewRequest, preview_build, preview_counted

PLAN_FIELD = "plan_json"
NOT_WRITABLE = (
    "Kế hoạch này do tổ chức ngoài phạm vi của bạn (cấp trên) ban hành: bạn chỉ được xem và sao chép, không sửa."
)
NOT_FOUND = "Không có kế hoạch này trong phạm vi của bạn."
BAD_VERSION = "Trang soạn thảo đã cũ (không rõ phiên bản kế hoạch); hãy tải lại trang rồi sửa lại."


def _plan_or_404(user, pk: int):
    plan = plans_with_contents(user).filter(pk=pk).first()
    if plan is None:
        raise Http404(NOT_FOUND)
    return plan


def parse_plan_text(text: str) -> tuple[object, list[str]]:
    """The plan file typed or posted, parsed: (data, []) or (None, [the reason, in Vietnamese])."""
    if not text.strip():
        return None, ["Chưa có nội dung kế hoạch."]
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        return None, [f"Nội dung kế hoạch quá lớn (tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)."]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [f"Nội dung kế hoạch không phải JSON hợp lệ: lỗi ở dòng {error.lineno}, cột {error.colno}."]
    except RecursionError:
        return None, [TOO_DEEP.format(depth=MAX_DEPTH)]


def _issuer_label(user, code) -> str:
    """What the issuer field shows: "Name (CODE)" for an organization of the user's subtree, else what was given."""
    if not isinstance(code, str) or not code.strip():
        return ""
    found = Organization.objects.visible_to(user).filter(code__iexact=code.strip()).first()
    return organization_label(found) if found else code


def _editor(request, *, plan=None, data=None, text: str | None = None, version: int | None = None,
            problems=(), status: int = 200):
    """The editor page for `data` (a plan file), or for `text` as posted when it is not one."""
    user = request.user
    if text is None:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    organization = data.get("organization") if isinstance(data, dict) else None
    preview_organization = user.organization
    return render(request, "reports/plan_editor.html", {
        "plan": plan,
        "heading": f"Sửa kế hoạch {plan.code}" if plan else "Soạn nghị quyết, đề án mới",
        "plan_text": text,
        "version": version,
        "problems": list(problems),
        "documents": plan.report_documents.count() if plan else 0,
        "issuer_label": _issuer_label(user, organization),
        "preview_organization": organization_label(preview_organization) if preview_organization else "",
        "preview_date": format_date_input(dt.date.today()),
        "editor_data": {
            "plan": data if isinstance(data, dict) else None,
            "catalogs": editor_catalogs(),
            "urls": {"preview": reverse("reports:plan_preview"), "counted": reverse("reports:plan_preview_counted")},
        },
    }, status=status)


def _blank_plan(user) -> dict:
    """A new plan: issued by the user's organization today, one table with one row to fill in."""
    return {
        "code": "", "title": "", "organization": user.organization.code if user.organization else "",
        "issued_on": dt.date.today().isoformat(),
        "tables": [{"number": "Biểu 01", "title": "", "population": "", "rows": []}],
    }


def _read_version(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < len(text) <= 9 else None


def _save(request, plan):
    """Save the posted plan file: a new plan (`plan` None) or `plan` replaced; every problem listed otherwise."""
    text = request.POST.get(PLAN_FIELD, "")
    data, problems = parse_plan_text(text)
    version = None
    if plan is not None:
        version = _read_version(request.POST.get("version", ""))
        if version is None:
            problems.append(BAD_VERSION)
    if not problems:
        try:
            if plan is None:
                result = plan_import(data=data, replace=False, user=request.user)
            else:
                result = plan_replace(plan=plan, data=data, version=version, user=request.user)
        except PlanFileError as error:
            problems = list(error.problems)
        except StaleVersion as stale:
            # As an edit form does (cadre.services.versions.refresh_form): what was typed stays, with the
            # current version, so that saving again (after a look) replaces the newer plan.
            problems, version = [stale.message], stale.current_version
        except RowGone as gone:
            problems = [gone.message]
        else:
            messages.success(request, (
                f"Đã lưu kế hoạch {result.plan.code}: {result.tables} biểu, {result.rows} dòng chỉ tiêu, "
                f"{result.targets} mục tiêu."
            ))
            return redirect("reports:plan_edit", pk=result.plan.pk)
    return _editor(request, plan=plan, data=data, text=text, version=version, problems=problems, status=400)


@login_required
@require_safe
def plan_list(request):
    """The plans the user may use, with what they may do with each."""
    return render(request, "reports/plan_list.html", {"plans": list(plans_for_list(request.user))})


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_create(request):
    """A new plan: blank, or a copy of a plan the user may see (?tu=<id>), which keeps everything but its code."""
    if request.method == "POST":
        return _save(request, None)
    data = _blank_plan(request.user)
    source = request.GET.get("tu", "")
    if source:
        if not source.isdigit() or len(source) > 9:
            raise Http404(NOT_FOUND)
        original = _plan_or_404(request.user, int(source))
        data = {**plan_as_file(original), "code": ""}
        if not may_write_plan(request.user, original):
            data["organization"] = _blank_plan(request.user)["organization"]
    return _editor(request, data=data)


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_edit(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not may_write_plan(request.user, plan):
        raise PermissionDenied(NOT_WRITABLE)
    if request.method == "POST":
        return _save(request, plan)
    return _editor(request, plan=plan, data=plan_as_file(plan), version=plan.version)


@login_required
@require_safe
def plan_file(request, pk):
    """The plan as a plan file (.json), as the editor loads it and import_plan reads it."""
    plan = _plan_or_404(request.user, pk)
    content = json.dumps(plan_as_file(plan), ensure_ascii=False, indent=1) + "\n"
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", search_key(plan.code).upper()).strip("-") or str(plan.pk)
    response = HttpResponse(content.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{slug}.json"'
    return response


# --- the preview: JSON in, JSON out ----------------------------------------------------------------------


def _refused(problems: list[str], status: int = 400) -> JsonResponse:
    return JsonResponse({"problems": problems}, status=status)


def _preview_request(request) -> tuple[PreviewRequest | None, dict, JsonResponse | None]:
    """The preview's request body ({"plan": {…}, "org": …, "as_of": …, "rating_years": …}) checked:
    (request, body, None) or (None, body, the 400 answer with every problem)."""
    body, problems = parse_plan_text(request.body.decode("utf-8", errors="replace"))
    if problems:
        return None, {}, _refused(problems)
    if not isinstance(body, dict) or not isinstance(body.get("plan"), dict):
        return None, {}, _refused(["Yêu cầu xem trước phải gồm kế hoạch (“plan”), tổ chức và ngày số liệu."])
    form = PlanPreviewForm({name: str(body.get(name) or "") for name in ("org", "as_of", "rating_years")},
                           user=request.user)
    if not form.is_valid():
        return None, body, _refused(form.problems())
    data = form.cleaned_data
    return PreviewRequest(data=body["plan"], organization=data["org"], as_of=data["as_of"],
                          rating_years=data["rating_years"]), body, None


@editor_required
@require_POST
def plan_preview(request):
    """The draft's figures on the date for the organization's subtree: 200 with the tables, or 400 with
    every problem (of the draft or of the parameters), in Vietnamese."""
    preview, _, refused = _preview_request(request)
    if refused:
        return refused
    try:
        return JsonResponse(preview_build(user=request.user, request=preview))
    except (PlanFileError, PreviewRefused) as error:
        return _refused(list(error.problems))


@editor_required
@require_POST
def plan_preview_counted(request):
    """Who one figure of the draft counts ("table": place, "row": place or "tong-so", "part": "tu-so" or
    "mau-so"): the first ones and how many, or 400 / 404."""
    preview, body, refused = _preview_request(request)
    if refused:
        return refused
    table = body.get("table")
    if isinstance(table, bool) or not isinstance(table, int):
        return _refused(["Không có số liệu này trong bản xem trước."], status=404)
    try:
        return JsonResponse(preview_counted(user=request.user, request=preview, table=table,
                                            row=str(body.get("row", "")), part=str(body.get("part", ""))))
    except (PlanFileError, PreviewRefused) as error:
        return _refused(list(error.problems))
    except LookupError:
        return _refused(["Không có số liệu này trong bản xem trước."], status=404)
