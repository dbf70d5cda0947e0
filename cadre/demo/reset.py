"""Finding and deleting demo data, and nothing else.

Demo data is every organization marked is_demo and everything below it, the
records kept at those organizations, and the officials who held positions
only there. An official who also held a position elsewhere is real data: they
stay, and lose only their records at demo organizations. Rows of other apps
that point to a demo organization either lose the link (when it may be
empty) or go with it (a plan or report of a demo district).
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from cadre import data_versions
from cadre.models import (
    CareerEvent,
    Evaluation,
    Official,
    Organization,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
)
from cadre.models.organizations import rebuild_paths
from cadre.scoping import subtree_q

CHUNK = 5000


def demo_organizations() -> QuerySet:
    """Organizations marked is_demo and every organization below them."""
    roots: list[str] = []
    for path in sorted(Organization.objects.filter(is_demo=True).values_list("path", flat=True)):
        if not any(path.startswith(root) for root in roots):
            roots.append(path)  # the topmost demo organizations; the rest lie below them
    if not roots:
        return Organization.objects.none()
    condition = Q()
    for path in roots:
        condition |= subtree_q(path)
    return Organization.objects.filter(condition)


def demo_officials(organizations: QuerySet | None = None) -> QuerySet:
    """Officials with positions at demo organizations and nowhere else."""
    organizations = demo_organizations() if organizations is None else organizations
    inside = PositionRecord.objects.filter(official=OuterRef("pk"), organization__in=organizations)
    outside = PositionRecord.objects.filter(official=OuterRef("pk")).exclude(organization__in=organizations)
    return Official.objects.filter(Exists(inside)).exclude(Exists(outside))


def real_official_count() -> int:
    """Officials that are not demo data: those generate_demo must never touch."""
    return Official.objects.count() - demo_officials().count()


@transaction.atomic
def delete_demo_data() -> dict[str, int]:
    """Delete the demo data; return how many officials and organizations went."""
    rebuild_paths()  # paths are the subtree test; make sure none is stale
    organizations = demo_organizations()
    organization_ids = list(organizations.values_list("pk", "path"))
    official_ids = list(demo_officials(organizations).values_list("pk", flat=True))
    for first in range(0, len(official_ids), CHUNK):
        chunk = official_ids[first: first + CHUNK]
        for model in (PositionRecord, QualificationRecord, Evaluation, CareerEvent, PlanningEntry):
            model.objects.filter(official_id__in=chunk).delete()
        Official.objects.filter(pk__in=chunk).delete()
    _detach_organizations(organizations)
    # Children before parents: the parent link protects.
    by_depth: dict[int, list[int]] = {}
    for pk, path in organization_ids:
        by_depth.setdefault(path.count("/"), []).append(pk)
    for depth in sorted(by_depth, reverse=True):
        pks = by_depth[depth]
        for first in range(0, len(pks), CHUNK):
            Organization.objects.filter(pk__in=pks[first: first + CHUNK]).delete()
    data_versions.bump_everything()  # deleted in bulk, without an audit entry per row
    return {"officials": len(official_ids), "organizations": len(organization_ids)}


def _detach_organizations(organizations: QuerySet) -> None:
    """Remove what still points to demo organizations, keeping real rows."""
    for model in (PositionRecord, PlanningEntry, PartyStatistics):
        model.objects.filter(organization__in=organizations).delete()
    for field in ("from_organization", "to_organization"):
        text_field = field.replace("organization", "text")
        for event in CareerEvent.objects.filter(**{f"{field}__in": organizations}).select_related(field):
            setattr(event, text_field, getattr(event, text_field) or getattr(event, field).name)
            setattr(event, field, None)
            event.save(update_fields=[field, text_field])
    for official in Official.objects.filter(hometown_organization__in=organizations).select_related(
        "hometown_organization"
    ):
        official.hometown_text = official.hometown_text or official.hometown_organization.name
        official.hometown_organization = None
        official.save(update_fields=["hometown_organization", "hometown_text"])
    User.objects.filter(organization__in=organizations).update(organization=None)
    handled = {PositionRecord, PlanningEntry, PartyStatistics, CareerEvent, Official, User, Organization}
    for relation in Organization._meta.related_objects:
        model = relation.related_model
        if model in handled:
            continue
        if relation.many_to_many:
            through = relation.through
            link = next(f for f in through._meta.fields if f.related_model is Organization)
            through.objects.filter(**{f"{link.name}__in": organizations}).delete()
            continue
        rows = model._default_manager.filter(**{f"{relation.field.name}__in": organizations})
        if relation.field.null:
            rows.update(**{relation.field.name: None})
        else:
            rows.delete()  # a plan or report of a demo unit goes with it
