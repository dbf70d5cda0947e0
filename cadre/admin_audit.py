"""Every write made in the admin leaves an audit entry with the values before and after.

`AuditedAdminMixin` goes first in the bases of every ModelAdmin that can write:
a saved row gives CREATE (its values) or UPDATE (changed fields only), a deleted
row DELETE (the values it had), one by one or in bulk, and so do the rows of
its inlines. Who and from where come from AuditMiddleware (source "admin").
Passwords are never written: a changed one reads {"password": "(đã đổi)"}.
"""
from __future__ import annotations

from cadre import audit
from cadre.models.history import ChangeAction


def _stored_values(instance) -> dict | None:
    """The values of the row as stored now (None for a new row)."""
    if instance.pk is None:
        return None
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    return audit.instance_values(stored) if stored is not None else None


def audit_saved(instance, before: dict | None) -> None:
    """The entry for a row just saved, given its values before the save (None: it was created)."""
    after = audit.instance_values(instance)
    if before is None:
        audit.record_instance(instance, ChangeAction.CREATE, None, after)
        return
    before, after = audit.changed_values(before, after)
    if after:
        audit.record_instance(instance, ChangeAction.UPDATE, before, after)


def audit_deleted(instance) -> None:
    audit.record_instance(instance, ChangeAction.DELETE, audit.instance_values(instance), None)


class AuditedAdminMixin:
    """Put first in the bases of a ModelAdmin that can write (cadre.admin, planning, documents, reports,
    accounts)."""

    def save_model(self, request, obj, form, change):
        before = _stored_values(obj) if change else None
        super().save_model(request, obj, form, change)
        audit_saved(obj, before)

    def delete_model(self, request, obj):
        audit_deleted(obj)  # first: the row's relations are still there to say whose it was
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_deleted(obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        befores = {
            id(inline_form.instance): _stored_values(inline_form.instance)
            for inline_form in formset.forms
            if inline_form.instance.pk is not None and inline_form.has_changed()
        }
        deleted = [inline_form.instance for inline_form in getattr(formset, "deleted_forms", [])
                   if inline_form.instance.pk is not None]
        for instance in deleted:
            audit_deleted(instance)
        super().save_formset(request, form, formset, change)
        for instance in formset.new_objects:
            audit_saved(instance, None)
        for instance, _ in formset.changed_objects:
            audit_saved(instance, befores.get(id(instance)) or {})


def audit_password_changed(user) -> None:
    """A password was set (the admin's password form, or the user's own page): said, never shown."""
    audit.record_instance(user, ChangeAction.UPDATE, None, {"password": audit.HIDDEN_VALUE})
