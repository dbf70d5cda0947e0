"""The audit page (Nhật ký): every entry of the trail in the user's subtree, in words; read only."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cadre.audit_log import (
    PAGE_SIZE, AuditFilterForm, actor_text, audit_entries, entity_title, entry_text, key_text, may_read_audit,
)


@login_required
@require_safe
def audit_log(request):
    if not may_read_audit(request.user):
        raise PermissionDenied("Chỉ quản trị hệ thống xem được nhật ký thay đổi.")
    form = AuditFilterForm(request.GET or None, user=request.user)
    page = Paginator(audit_entries(request.user, form), PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = [(entry, actor_text(entry, with_account=True), entity_title(entry.entity), key_text(entry.key),
             entry_text(entry, with_account=True))
            for entry in page.object_list]
    return render(request, "audit/log.html", {"form": form, "page": page, "rows": rows},
                  status=400 if form.errors else 200)
