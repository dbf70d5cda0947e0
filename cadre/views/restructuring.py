"""The restructuring tool's page: the request, its dry run, then the commit (cadre.services.restructuring)."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from cadre.forms import RestructureForm
from cadre.services.restructuring import RestructureRefused, plan_restructuring, restructure
from cadre.views.access import editor_required

COMMIT = "thuc_hien"  # the name of the button that commits a checked request
CONFIRM = "xac_nhan"  # the box confirming the notices


@editor_required
def restructure_view(request):
    """GET: the form. POST: the dry run (the list of changes); POST with COMMIT: re-validated and written."""
    form = RestructureForm(request.user, request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "organizations/restructure.html", {"form": form})
    wanted = form.restructure_request()
    refusal = ""
    if COMMIT in request.POST:
        try:
            plan = restructure(request.user, wanted, confirm=request.POST.get(CONFIRM) == "1")
        except RestructureRefused as refused:
            plan, refusal = refused.plan, refused.message
        else:
            messages.success(request, f"Đã sắp xếp: {plan.summary}")
            return redirect(reverse("cadre:organization_tree") + f"?goc={plan.created.pk}")
    else:
        plan = plan_restructuring(request.user, wanted)
    return render(request, "organizations/restructure.html", {
        "form": form, "plan": plan, "refusal": refusal, "commit": COMMIT, "confirm": CONFIRM,
    })
