"""The organization tree with counts; party cells of a unit are fetched when opened."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadre.forms import today
from cadre.selectors.access import organization_for
from cadre.selectors.tree import organization_tree


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
