"""The officials list (search, filters, exports) and the profile page."""
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cadre import audit
from cadre.forms import OfficialFilter, today
from cadre.models import Official
from cadre.selectors.access import scope_of
from cadre.selectors.official_list import (
    SORT_KEYS,
    OfficialPaginator,
    list_ordering,
    list_rows,
    officials_for_list,
    scope_official_count,
)
from cadre.selectors.profile import official_profile
from cadre.services.official_list_export import XLSX_CONTENT_TYPE, render_official_list
from cadre.exchange.export_job import exchange_export_start

PAGE_SIZES = (25, 50, 100, 200)
EXPORT_LIMIT = 20000


def _filtered(request) -> OfficialFilter:
    _, ordering = list_ordering(request.GET.get("sap_xep"))
    return OfficialFilter(
        request.GET,
        queryset=Official.objects.visible_to(request.user).order_by(*ordering),
        user=request.user,
    )


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("so_dong", 50))
    except ValueError:
        return 50
    return size if size in PAGE_SIZES else 50


@login_required
@require_safe
def official_list(request):
    filters = _filtered(request)
    on = filters.on
    whole_scope = not filters.active_count() and not request.GET.get("q", "").strip()
    # The whole scope: counting distinct holders of positions in the subtree is the
    # same set and half the work of EXISTS over every official (docs/performance.md).
    count = scope_official_count(request.user, on) if whole_scope else None
    paginator = OfficialPaginator(filters.qs, _page_size(request), count=count)
    page = paginator.get_page(request.GET.get("trang"))
    officials = officials_for_list(page.object_list, user=request.user, on=on)
    return render(
        request,
        "officials/list.html",
        {
            "filters": filters,
            "form": filters.form,
            "page": page,
            "rows": list_rows(officials, on=on),
            "on": on,
            "is_today": on == today(),
            "page_sizes": PAGE_SIZES,
            "page_size": paginator.per_page,
            "first_number": page.start_index(),
            "sort": list_ordering(request.GET.get("sap_xep"))[0],
            "sort_keys": SORT_KEYS,
        },
    )


@login_required
@require_safe
def official_list_xlsx(request):
    """The filtered list (all pages) as a simple XLSX."""
    filters = _filtered(request)
    on = filters.on
    rows = list_rows(officials_for_list(filters.qs[: EXPORT_LIMIT + 1], user=request.user, on=on), on=on)
    scope = scope_of(request.user)
    title = f"DANH SÁCH CÁN BỘ — {scope.name.upper() if scope else 'TOÀN BỘ DỮ LIỆU'}"
    name, content_type, content = render_official_list(
        rows[:EXPORT_LIMIT], title=title, on=on, truncated=len(rows) > EXPORT_LIMIT
    )
    audit.record_export(request, "Danh sách cán bộ (XLSX)", request.GET,
                        organization=getattr(filters.form, "cleaned_data", {}).get("to_chuc") or scope)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_safe
def official_exchange_workbook(request):
    """The exchange workbook of the chosen organization (or the user's scope)."""
    from cadre.exchange.workbook_export import export_workbook  # the exchange colleague's module

    organization = _export_organization(request)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)
    handle.close()
    path = Path(handle.name)
    export_workbook(organization, path)
    audit.record_export(request, "Tệp trao đổi (XLSX)", request.GET, organization=organization)
    code = organization.code if organization else "toan-bo"
    return FileResponse(
        _ReadThenDelete(path), as_attachment=True, filename=f"trao-doi-{code}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


@login_required
@require_POST
def official_exchange_workbook_job(request):
    """The same exchange workbook as a background job, for large scopes: the job's page gives the file."""
    organization = _export_organization(request)
    job = exchange_export_start(user=request.user, organization=organization)
    return redirect("jobs:status", token=job.token)


def _export_organization(request):
    """The organization whose exchange workbook is asked for: the one chosen in the filters, else the user's
    scope root; None (the whole database) only for a superuser without an organization. Anyone else without
    an organization sees no data (cadre.scoping.NoScope), so has nothing to export."""
    filters = _filtered(request)
    filters.form.is_valid()
    organization = filters.form.cleaned_data.get("to_chuc") or scope_of(request.user)
    if organization is None and not request.user.is_superuser:
        raise PermissionDenied("Tài khoản chưa gắn với tổ chức nào nên không có dữ liệu để xuất.")
    return organization


class _ReadThenDelete:
    """A file object that removes its temporary file once the response is sent."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = path.open("rb")

    def read(self, *args):
        return self.handle.read(*args)

    def close(self):
        self.handle.close()
        self.path.unlink(missing_ok=True)


@login_required
@require_safe
def official_detail(request, pk):
    profile = official_profile(user=request.user, pk=pk, on=today())
    return render(request, "officials/detail.html", {"profile": profile, "official": profile.official})
