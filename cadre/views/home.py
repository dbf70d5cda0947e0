from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadre.home_panels import panels_for
from cadre.models import Official, Organization
from cadre.selectors.access import scope_of
from cadre.vietnamese import format_int


@login_required
@require_safe
def home(request):
    """The user's scope at a glance, with the way to each part of the system."""
    scope = scope_of(request.user)
    return render(
        request,
        "home.html",
        {
            "scope_name": scope.name if scope else "Toàn bộ dữ liệu",
            "official_count_text": format_int(Official.objects.visible_to(request.user).followed().count()),
            "organization_count_text": format_int(Organization.objects.visible_to(request.user).count()),
            "panels": panels_for(request),
        },
    )
