"""Correct, delete and end an official's dated records: forms in, cadre.services.records out.

A record is looked up through the official the user may see and the records of its kind the user may see:
anything else is 404. Reviewers get 403 before anything is looked up (editor_required). A save over a newer
version shows the form again with what the user typed and who changed what since (cadre.services.versions).
"""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cadre.forms import RECORD_FORMS, PositionEndForm, RecordDeleteForm
from cadre.selectors.access import official_for
from cadre.services.records import (
    RECORD_KINDS_BY_SLUG,
    RecordRefused,
    position_end,
    record_delete,
    record_update,
    records_visible_to,
)
from cadre.services.versions import RowGone, StaleVersion, refresh_form
from cadre.views.access import editor_required
from cadre.vietnamese import format_date_input


def _record_for(user, pk, kind, record_pk):
    if kind not in RECORD_KINDS_BY_SLUG:
        raise Http404("Không có loại hồ sơ này.")
    official = official_for(user, pk)
    record = get_object_or_404(records_visible_to(user, kind).filter(official=official), pk=record_pk)
    return official, record


def record_text(kind: str, record) -> str:
    """The record in words, as the profile shows it."""
    if kind == "chuc-vu":
        end = format_date_input(record.end_date) if record.end_date else "nay"
        return f"{record.title.name}, {record.organization.name} ({format_date_input(record.start_date)} – {end})"
    if kind == "trinh-do":
        return f"{record.qualification_type.name}: {record.level_label} ({format_date_input(record.obtained_on)})"
    if kind == "danh-gia":
        return f"năm {record.year}: {record.get_rating_display()}"
    if kind == "quy-hoach":
        return f"{record.title.name}, {record.organization.name}, nhiệm kỳ {record.term}"
    return str(record)


def _gone(request, official, error: RowGone):
    messages.error(request, error.message)
    return redirect("cadre:official_detail", pk=official.pk)


def _page(request, template, official, kind, record, form, heading, **extra):
    return render(request, template, {
        "form": form, "official": official, "heading": heading, "kind": kind, "record": record,
        "record_text": record_text(kind, record), **extra,
    })


@editor_required
def record_edit_view(request, pk, kind, record_pk):
    official, record = _record_for(request.user, pk, kind, record_pk)
    text = record_text(kind, record)  # before the form changes the instance
    form_class, _, noun = RECORD_FORMS[kind]
    form = form_class(request.POST or None, instance=record, official=official, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            record_update(user=request.user, kind=kind, record=record, version=form.read_version, changes=fields)
        except StaleVersion as stale:
            refresh_form(form, stale)
        except RowGone as gone:
            return _gone(request, official, gone)
        else:
            messages.success(request, f"Đã lưu {noun}.")
            return redirect("cadre:official_detail", pk=official.pk)
    return render(request, "officials/record_form.html", {
        "form": form, "official": official, "heading": f"Sửa {noun}", "kind": kind, "record": record,
        "record_text": text,
    })


@editor_required
def record_delete_view(request, pk, kind, record_pk):
    """GET: the confirmation page; POST: delete."""
    official, record = _record_for(request.user, pk, kind, record_pk)
    noun = RECORD_FORMS[kind][2]
    form = RecordDeleteForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            record_delete(user=request.user, kind=kind, record=record, version=form.read_version)
        except StaleVersion as stale:
            refresh_form(form, stale)
        except RecordRefused as refusal:
            form.add_error(None, str(refusal))
        except RowGone as gone:
            return _gone(request, official, gone)
        else:
            messages.success(request, f"Đã xóa {noun}.")
            return redirect("cadre:official_detail", pk=official.pk)
    return _page(request, "officials/record_delete.html", official, kind, record, form, f"Xóa {noun}", noun=noun)


@editor_required
def position_end_view(request, pk, record_pk):
    official, record = _record_for(request.user, pk, "chuc-vu", record_pk)
    text = record_text("chuc-vu", record)
    form = PositionEndForm(request.POST or None, instance=record, official=official, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            position_end(user=request.user, record=record, end_date=form.cleaned_data["end_date"],
                         version=form.read_version)
        except StaleVersion as stale:
            refresh_form(form, stale)
        except RowGone as gone:
            return _gone(request, official, gone)
        else:
            messages.success(request, "Đã kết thúc chức vụ.")
            return redirect("cadre:official_detail", pk=official.pk)
    return render(request, "officials/record_form.html", {
        "form": form, "official": official, "heading": "Kết thúc chức vụ", "kind": "chuc-vu", "record": record,
        "record_text": text,
    })
