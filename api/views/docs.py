"""The API's documentation page: Swagger UI (vendored in static/vendor/swagger-ui) over /api/schema/."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_required
@require_safe
def documentation(request):
    return render(request, "api/docs.html")
