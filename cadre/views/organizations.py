from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cadre.forms import today
from cadre.selectors import organization_tree


@login_required
def organization_tree_view(request):
    tree = organization_tree(user=request.user, on=today())
    return render(request, "organizations/tree.html", {"tree": tree})
