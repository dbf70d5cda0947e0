"""Every write made in the admin leaves an audit entry with the values before and after.

`AuditedAdminMixin` goes first in the bases of every ModelAdmin that can write:
a saved row gives CREATE (its values) or UPDATE (changed fields only), a deleted
row DELETE (the values it had), one by one or in bulk, and so do the rows of
its inlines. Who and from where come from AuditMiddleware (source "admin").
Passwords are never written: a changed one reads {"password": "(đã đổi)"}.
"""
from __future__ import annotations

from django.db import router, transaction

from cadre import audit
from cadre.models.history import ChangeAction


class AuditedAdminMixin:
    """Put first in the bases of a ModelAdmin that can write (cadre.admin, planning, documents, reports,
    accounts)."""

    def save_model(self, request, obj, form, change):
        before = audit.stored_values(obj) if change else None
        super().save_model(request, obj, form, change)
        audit.record_saved(obj, before)

    def delete_model(self, request, obj):
        audit.record_deleted(obj)  # first: the row's relations are still there to say whose it was
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One transaction (the admin's bulk actions have none): the entries, and the data versions they
        # replace (cadre.data_versions), must not commit before the rows are gone.
        with transaction.atomic(using=router.db_for_write(queryset.model)):
            for obj in queryset:
                audit.record_deleted(obj)
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        befores = {
            id(inline_form.instance): audit.stored_values(inline_form.instance)
            for inline_form in formset.forms
            if inline_form.instance.pk is not None and inline_form.has_changed()
        }
        deleted = [inline_form.instance for inline_form in getattr(formset, "deleted_forms", [])
                   if inline_form.instance.pk is not None]
        for instance in deleted:
            audit.record_deleted(instance)
        super().save_formset(request, form, formset, change)
        for instance in formset.new_objects:
            audit.record_saved(instance, None)
        for instance, _ in formset.changed_objects:
            audit.record_saved(instance, befores.get(id(instance)) or {})


def audit_password_changed(user) -> None:
    """A password was set (the admin's password form, or the user's own page): said, never shown."""
    audit.record_instance(user, ChangeAction.UPDATE, None, {"password": audit.HIDDEN_VALUE})
