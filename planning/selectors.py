"""Reads of plans for the pages."""
from __future__ import annotations

from cadre.models import Organization
from cadre.scoping import path_ids
from planning.models import Plan


def plans_for_organization(organization: Organization, *, user):
    """Plans the user may use that apply to the organization: issued by it or any organization above it,
    latest first."""
    return (
        Plan.objects.visible_to(user).filter(organization_id__in=path_ids(organization.path))
        .select_related("organization").order_by("-issued_on", "code")
    )
