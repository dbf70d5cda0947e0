"""The home page's panel of reports returned by the province and not yet sent again."""
from __future__ import annotations

from cadre.home_panels import HomePanel
from documents.models import Submission


def returned_reports_panel(request) -> HomePanel | None:
    """For those who send reports: each returned sending of their scope still waiting to be corrected, with the
    reason (one query); nothing when there is none."""
    user = request.user
    if not getattr(user, "can_edit", False):
        return None
    returned = list(
        Submission.objects.visible_to(user).awaiting_correction()
        .select_related("document__organization", "reviewed_by").defer("docx", "pdf", "figures")
        .order_by("-reviewed_at")
    )
    if not returned:
        return None
    return HomePanel("documents/_returned_panel.html", {"returned": returned})
