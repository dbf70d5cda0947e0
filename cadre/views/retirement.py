"""Retire an official (a confirmation form) and restore them: forms in, cadre.services.retirement out."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cadre.forms import RetireForm
from cadre.selectors.access import official_for
from cadre.services.retirement import official_restore, official_retire, retirement_problem
from cadre.vietnamese import format_date_input
from cadre.views.access import editor_required


@editor_required
def official_retire_view(request, pk):
    official = official_for(request.user, pk)
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            official_retire(user=request.user, official=official, retired_on=form.cleaned_data["retired_on"],
                            reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã cho thôi theo dõi cán bộ {official.full_name} từ ngày "
                                      f"{format_date_input(form.cleaned_data['retired_on'])}.")
            return redirect("cadre:official_detail", pk=official.pk)
    return render(request, "officials/retire.html", {
        "form": form, "official": official, "already": retirement_problem(official, None),
    })


@login_required
@require_POST
@editor_required
def official_restore_view(request, pk):
    official = official_for(request.user, pk)
    try:
        result = official_restore(user=request.user, official=official)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("cadre:official_detail", pk=official.pk)
    text = f"Đã khôi phục cán bộ {official.full_name}"
    if result.reopened:
        text += f"; mở lại {len(result.reopened)} chức vụ, quy hoạch đã kết thúc khi cho thôi theo dõi"
    messages.success(request, text + ".")
    if result.left:
        messages.warning(request, "Không mở lại (đã được sửa hoặc xóa sau khi cho thôi theo dõi): "
                                  + "; ".join(result.left) + ".")
    return redirect("cadre:official_detail", pk=official.pk)
