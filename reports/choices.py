"""What the report, comparison and composer forms start with.

The choices the user last made on any of them (kept in their session), else: their own organization,
the newest plan that applies to it, today (for a unit that has ceased, its last day) and the baseline of
the plan (31 December before the year it was issued). Rating years and the target year are left to
check_request's defaults.
"""
from __future__ import annotations

import datetime as dt

from cadre.forms import today
from cadre.models import Organization
from cadre.scoping import NoScope, user_scope
from cadre.vietnamese import format_date_input
from planning.models import Plan
from planning.selectors import plans_for_organization

SESSION_KEY = "report_choices"
REMEMBERED = ("org", "plan", "as_of", "baseline", "rating_years", "baseline_rating_years", "target_year")


def last_day_of(organization: Organization | None) -> dt.date:
    """Today; for an organization that has ceased (a district dissolved in 2025), its last day."""
    if organization is not None and organization.ceased_on is not None and organization.ceased_on <= today():
        return organization.ceased_on - dt.timedelta(days=1)
    return today()


def default_choices(user) -> dict[str, str]:
    """The form's starting values for a user who has made no choice yet (one or two queries)."""
    try:
        organization = user_scope(user)
    except NoScope:
        return {}
    if organization is None:  # a superuser without an organization: the top of the tree
        organization = Organization.objects.filter(parent__isnull=True).order_by("path").first()
        if organization is None:
            return {}
    on = last_day_of(organization)
    choices = {"org": organization.code, "as_of": format_date_input(on)}
    plan: Plan | None = plans_for_organization(organization, user=user).first()
    if plan is not None:
        choices["plan"] = plan.code
        choices["baseline"] = format_date_input(min(dt.date(plan.issued_on.year - 1, 12, 31), on))
    return choices


def starting_choices(request) -> dict[str, str]:
    """The last choices of this user's session, else the defaults."""
    remembered = request.session.get(SESSION_KEY)
    if isinstance(remembered, dict) and remembered.get("org"):
        return {name: str(value) for name, value in remembered.items() if name in REMEMBERED}
    return default_choices(request.user)


def remember_choices(request, values) -> None:
    """Keep the parameters of a report that was computed (a QueryDict or a dict) for the next form."""
    request.session[SESSION_KEY] = {name: str(values.get(name) or "") for name in REMEMBERED}
