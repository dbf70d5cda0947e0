"""Report pages: the Biểu tables for a chosen organization, plan and dates; the list behind any figure;
downloads. Thin: parse the form, call one service, render."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cadre import audit
from reports.batch_render import batch_render_start
from reports.choices import remember_choices, starting_choices
from reports.exporters import EXPORTERS
from reports.exporters.comparison_xlsx import render_comparison
from reports.forms import ReportForm
from reports.services import BASELINE, CURRENT, DENOMINATOR, NUMERATOR, comparison_build, counted_build, report_build


def _bound_form(request):
    """The report form, bound when the page was asked with parameters."""
    return ReportForm(request.GET or None, user=request.user)


def _page_form(request):
    """The form of the report and comparison pages: bound to the parameters asked for, or unbound and
    filled with the user's last choices or the defaults (reports/choices.py)."""
    if request.GET:
        return _bound_form(request)
    choices = starting_choices(request)
    form = ReportForm(None, user=request.user, initial=choices)
    # Shown as "Name (CODE)"; a remembered organization the user no longer sees is left out.
    form.initial["org"] = form.fields["org"].queryset.filter(code=choices.get("org")).first()
    return form


@login_required
@require_safe
def report_page(request):
    form = _page_form(request)
    report = None
    if form.is_bound and form.is_valid():
        report = report_build(**form.report_request.as_service_arguments())
        remember_choices(request, request.GET)
    return render(request, "reports/report.html", {
        "form": form,
        "report": report,
        "query": form.query_string() if report else "",
        "exporters": EXPORTERS.values(),
        "parts": {"baseline": BASELINE, "current": CURRENT, "numerator": NUMERATOR, "denominator": DENOMINATOR},
    })


@login_required
@require_safe
def comparison_page(request):
    """The figures of every organization directly below the chosen one, side by side."""
    form = _page_form(request)
    comparison, sections = None, []
    if form.is_bound and form.is_valid():
        comparison = comparison_build(**form.report_request.as_service_arguments())
        remember_choices(request, request.GET)
        queries = {unit.pk: form.query_string(organization=unit) for unit, _ in comparison.units}
        sections = [
            (table, [(unit, unit_table, queries[unit.pk]) for unit, unit_table in units])
            for table, units in comparison.tables()
        ]
    return render(request, "reports/comparison.html", {
        "form": form,
        "comparison": comparison,
        "sections": sections,
        "query": form.query_string() if comparison else "",
        "parts": {"baseline": BASELINE, "current": CURRENT, "numerator": NUMERATOR, "denominator": DENOMINATOR},
    })


@login_required
@require_safe
def comparison_download(request):
    form = _bound_form(request)
    if not form.is_bound or not form.is_valid():
        raise Http404("Không tải được bảng so sánh với các tham số này.")
    filename, content_type, content = render_comparison(comparison_build(**form.report_request.as_service_arguments()))
    audit.record_export(request, "Bảng so sánh (XLSX)", request.GET, organization=form.report_request.organization)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def counted_page(request):
    form = _bound_form(request)
    if not form.is_bound or not form.is_valid():
        raise Http404("Tham số báo cáo không hợp lệ.")
    try:
        counted = counted_build(
            viewer=request.user,
            request=form.report_request,
            table_id=int(request.GET.get("table", "")),
            row_key=request.GET.get("row", ""),
            column=request.GET.get("column", ""),
            part=request.GET.get("part", ""),
        )
    except (LookupError, ValueError):
        raise Http404("Không có số liệu này trong báo cáo.") from None
    return render(request, "reports/counted.html", {
        "form": form,
        "counted": counted,
        "query": form.query_string(),
        "parts": {"baseline": BASELINE, "current": CURRENT, "numerator": NUMERATOR, "denominator": DENOMINATOR},
    })


@login_required
@require_safe
def download(request, identifier):
    exporter = EXPORTERS.get(identifier)
    form = _bound_form(request)
    if exporter is None or not form.is_bound or not form.is_valid():
        raise Http404("Không tải được báo cáo với các tham số này.")
    filename, content_type, content = exporter.render(report_build(**form.report_request.as_service_arguments()))
    audit.record_export(request, f"Báo cáo ({identifier.upper()})", request.GET,
                        organization=form.report_request.organization)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def batch_render(request):
    """Start the job that renders the report of every unit below the chosen organization, as one ZIP
    (the report's parameters in the address, as for the downloads)."""
    form = _bound_form(request)
    if not form.is_bound or not form.is_valid():
        raise Http404("Không lập được báo cáo với các tham số này.")
    job = batch_render_start(user=request.user, request=form.report_request, with_pdf=request.POST.get("pdf") == "1")
    return redirect("jobs:status", token=job.token)
