"""The organization tree with counts; party cells of a unit are fetched when opened."""
from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadre.forms import today
from cadre.models import OrganizationKind
from cadre.selectors.access import organization_for
from cadre.selectors.organization_search import organization_search
from cadre.selectors.tree import organization_tree
from cadre.vietnamese import parse_date


@login_required
@require_safe
def organization_tree_view(request):
    """The whole subtree without party cells, or (?goc=) one unit's subtree with its cells."""
    root = organization_for(request.user, request.GET["goc"]) if request.GET.get("goc") else None
    tree = organization_tree(user=request.user, on=today(), root=root)
    return render(request, "organizations/tree.html", {"tree": tree})


@login_required
@require_safe
def organization_cells(request, pk):
    """The rows of one unit's party cells, inserted under its row (htmx)."""
    unit = organization_for(request.user, pk)
    tree = organization_tree(user=request.user, on=today(), root=unit)
    return render(request, "organizations/_rows.html", {"rows": tree.rows[1:], "parent": unit})


@login_required
@require_safe
def organization_search_view(request):
    """The organization field's list (cadre.forms.OrganizationCodeField): ?q= words of the name or the code,
    ?ngay= dd/mm/yyyy the date the organizations should exist on (default today; those that did not come
    last), ?loai= one kind only (a commune for a home town), ?cap_uy=1 only the committees that issue reports
    (the document composer). Only organizations of the user's subtree;
    {"results": [{code, name, label, detail}]}."""
    text = request.GET.get("q", "")[:100]
    try:
        on = parse_date(request.GET["ngay"]) if request.GET.get("ngay") else today()
    except ValueError:
        on = today()
    kind = request.GET.get("loai") or None
    if kind is not None and kind not in OrganizationKind.values:
        kind = "?"  # no organization is of an unknown kind
    matches = organization_search(user=request.user, text=text, on=on, kind=kind,
                                  issuers=request.GET.get("cap_uy") == "1")
    return JsonResponse({"results": [asdict(match) for match in matches]})
