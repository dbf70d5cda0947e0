"""Create and edit officials, add their dated records: forms in, services out."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from cadre.forms import RECORD_FORMS, FirstPositionForm, OfficialForm
from cadre.selectors.access import official_for
from cadre.services.officials import RECORD_SERVICES, official_create, official_update
from cadre.services.versions import StaleVersion, refresh_form
from cadre.views.access import editor_required


@editor_required
def official_create_view(request):
    form = OfficialForm(request.POST or None, user=request.user)
    position_form = FirstPositionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() & position_form.is_valid():
        official = official_create(user=request.user, **form.cleaned_data, **position_form.position_fields)
        messages.success(request, f"Đã thêm cán bộ {official.full_name}.")
        return redirect("cadre:official_detail", pk=official.pk)
    return render(
        request,
        "officials/form.html",
        {"form": form, "position_form": position_form, "heading": "Thêm cán bộ"},
    )


@editor_required
def official_update_view(request, pk):
    official = official_for(request.user, pk)
    form = OfficialForm(request.POST or None, instance=official, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            official_update(user=request.user, official=official, **form.cleaned_data)
        except StaleVersion as stale:
            refresh_form(form, stale)
        else:
            messages.success(request, "Đã lưu thông tin cá nhân.")
            return redirect("cadre:official_detail", pk=official.pk)
    return render(
        request,
        "officials/form.html",
        {"form": form, "official": official, "heading": f"Sửa thông tin: {official.full_name}"},
    )


@editor_required
def record_add_view(request, pk, kind):
    if kind not in RECORD_FORMS:
        raise Http404("Không có loại hồ sơ này.")
    official = official_for(request.user, pk)
    form_class, heading, noun = RECORD_FORMS[kind]
    form = form_class(request.POST or None, official=official, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form._meta.fields}
        RECORD_SERVICES[kind](user=request.user, official=official, **fields)
        messages.success(request, f"Đã thêm {noun}.")
        return redirect("cadre:official_detail", pk=official.pk)
    return render(
        request,
        "officials/record_form.html",
        {"form": form, "official": official, "heading": heading, "kind": kind},
    )
