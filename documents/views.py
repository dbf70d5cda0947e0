"""Pages of report documents: list, compose, preview, download; and the Word templates.

Thin: check access, parse the form, call one service or the assembly, render.
Every lookup goes through `.visible_to(user)`: another district's document
answers 404. Reviewers read and download; only editors compose and upload.
"""
from __future__ import annotations


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cadre import audit
from cadre.models import Organization
from cadre.services.versions import StaleVersion, refresh_form
from cadre.vietnamese import format_date_input
from documents.assembly import report_document_compose
from documents.exporters import DOCUMENT_EXPORTERS
from documents.fonts import DocumentFontMissing
from documents.forms import (
    MANUAL_FIGURES_PREFIX,
    DocumentVersionForm,
    ManualFigureForm,
    ManualFigureFormSet,
    ReportDocumentForm,
    TemplateUploadForm,
)
from documents.manual_figures import suggestions_for
from documents.guide import guide_content
from documents.models import DocumentTemplate, ReportDocument, Submission, SubmissionState
from documents.pdf_render import document_context, document_css
from documents.services import (
    LOCKED_MESSAGE,
    ManualFigureProblems,
    SubmissionRefused,
    document_template_delete,
    document_template_upload,
    manual_figures_save,
    report_document_save,
    report_document_submit,
    submission_accept,
    submission_recipient,
    submission_refusal,
    submission_return,
)
from documents.specimen import specimen
from documents.submission_reading import submitted_blocks
from documents.user_templates import TEMPLATE_VARIABLES, TemplateProblems, preview_blocks
from planning.models import Plan
from reports.choices import remember_choices, starting_choices
from reports.parameters import ReportParameterErrors, format_years


def _editor(user) -> None:
    if not getattr(user, "can_edit", False):
        raise PermissionDenied("Bạn chỉ có quyền xem văn bản.")


def _document_for(user, pk: int) -> ReportDocument:
    return get_object_or_404(ReportDocument.objects.visible_to(user).for_composing(), pk=pk)


def _template_for(user, pk: int) -> DocumentTemplate:
    return get_object_or_404(DocumentTemplate.objects.visible_to(user).select_related("organization"), pk=pk)


def _attachment(filename: str, content_type: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def document_list(request):
    documents = ReportDocument.objects.visible_to(request.user).select_related("organization", "plan", "updated_by")
    return render(request, "documents/list.html", {"documents": documents})


def _edit(request, document: ReportDocument | None):
    _editor(request.user)
    if document is not None and document.submissions.open().exists():
        messages.error(request, LOCKED_MESSAGE)
        return redirect("documents:detail", pk=document.pk)
    initial = {}
    if document is None:
        choices = starting_choices(request)
        organization = Organization.objects.visible_to(request.user).report_issuers().filter(
            code=choices.get("org")).first()
        plan = Plan.objects.visible_to(request.user).filter(code=choices.get("plan")).first()
        initial.update({
            "organization": organization.pk if organization else None,
            "plan": plan.pk if plan else None,
            "as_of": choices.get("as_of"), "baseline_as_of": choices.get("baseline"),
            "rating_years": choices.get("rating_years"), "baseline_rating_years": choices.get("baseline_rating_years"),
            "target_year": choices.get("target_year"),
        })
        initial = {name: value for name, value in initial.items() if value}
    form = ReportDocumentForm(request.POST or None, instance=document, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = report_document_save(document=form.save(commit=False), user=request.user,
                                         version=form.read_version)
        except SubmissionRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("documents:detail", pk=document.pk)
        except StaleVersion as stale:
            refresh_form(form, stale)
            return render(request, "documents/form.html", {"form": form, "document": document}, status=400)
        except ManualFigureProblems as error:
            for problem in error.problems:
                form.add_error(None, problem)
            return render(request, "documents/form.html", {"form": form, "document": document}, status=400)
        remember_choices(request, {
            "org": saved.organization.code, "plan": saved.plan.code if saved.plan else "",
            "as_of": format_date_input(saved.as_of),
            "baseline": format_date_input(saved.baseline_as_of) if saved.baseline_as_of else "",
            "rating_years": format_years(saved.rating_years) if saved.rating_years else "",
            "baseline_rating_years": format_years(saved.baseline_rating_years) if saved.baseline_rating_years else "",
            "target_year": saved.target_year or "",
        })
        messages.success(request, "Đã lưu văn bản." if not saved.is_draft else "Đã lưu dự thảo.")
        return redirect("documents:detail", pk=saved.pk)
    return render(request, "documents/form.html", {"form": form, "document": document},
                  status=400 if form.errors else 200)


@login_required
def document_create(request):
    return _edit(request, None)


@login_required
def document_edit(request, pk):
    return _edit(request, _document_for(request.user, pk))


# --- manual figures ------------------------------------------------------------------------------

ADD = "them"  # the button that adds a row (its value: a suggested key, or "" for an empty row)


def _typed_rows(formset) -> list[dict]:
    """The rows as typed in a posted formset (nothing checked): kept when the page is shown again."""
    rows = []
    for form in formset.forms:
        row = {name: form.data.get(form.add_prefix(name), "") for name in ManualFigureForm.FIELDS}
        row["DELETE"] = bool(form.data.get(form.add_prefix("DELETE")))
        rows.append(row)
    return rows


def _figures_page(request, document: ReportDocument, formset, version_form, status: int = 200, problems=()):
    keys = {str(form["key"].value() or "").strip() for form in formset.forms}
    suggestions = [(item, item.key in keys) for item in suggestions_for(document.kind)]
    return render(request, "documents/manual_figures.html", {
        "document": document, "formset": formset, "version_form": version_form, "problems": list(problems),
        "suggestions": suggestions, "add": ADD,
    }, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manual_figures(request, pk):
    """The figures no register holds, typed in for the document: one form of rows saved all at once.

    "Thêm" buttons add a row (empty, or a suggested figure's key, name and unit) to what was typed, without
    saving; "Lưu" checks every row and saves all of them or none."""
    _editor(request.user)
    document = _document_for(request.user, pk)
    if document.submissions.open().exists():
        messages.error(request, LOCKED_MESSAGE)
        return redirect("documents:detail", pk=document.pk)
    if request.method != "POST":
        initial = [{"key": figure.key, "label": figure.label, "value": figure.value_text, "unit": figure.unit,
                    "note": figure.note} for figure in document.manual_figures.all()]
        formset = ManualFigureFormSet(initial=initial or [{}], prefix=MANUAL_FIGURES_PREFIX)
        return _figures_page(request, document, formset, DocumentVersionForm(initial={"version": document.version}))
    formset = ManualFigureFormSet(request.POST, prefix=MANUAL_FIGURES_PREFIX)
    version_form = DocumentVersionForm(request.POST)
    if ADD in request.POST:
        rows = _typed_rows(formset)
        suggestion = next((item for item in suggestions_for(document.kind) if item.key == request.POST[ADD]), None)
        rows.append({"key": suggestion.key, "label": suggestion.label, "unit": suggestion.unit}
                    if suggestion else {})
        formset = ManualFigureFormSet(initial=rows, prefix=MANUAL_FIGURES_PREFIX)
        return _figures_page(request, document, formset, DocumentVersionForm(request.POST))
    if not (formset.is_valid() and version_form.is_valid()):
        return _figures_page(request, document, formset, version_form, status=400,
                             problems=version_form.errors.get("version", []))
    try:
        saved = manual_figures_save(document=document, rows=formset.rows(), user=request.user,
                                    version=version_form.cleaned_data.get("version"))
    except SubmissionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("documents:detail", pk=document.pk)
    except ManualFigureProblems as error:
        return _figures_page(request, document, formset, version_form, status=400, problems=error.problems)
    except StaleVersion as stale:
        data = request.POST.copy()
        data["version"] = str(stale.current_version)
        return _figures_page(request, document, ManualFigureFormSet(data, prefix=MANUAL_FIGURES_PREFIX),
                             DocumentVersionForm(data), status=400, problems=[stale.message])
    messages.success(request, f"Đã lưu {len(saved)} số liệu nhập tay." if saved else "Văn bản không còn số liệu "
                              "nhập tay nào.")
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_safe
def document_detail(request, pk):
    document = _document_for(request.user, pk)
    submissions = list(document.submissions.with_document().defer("docx", "pdf", "figures", "manual_figures"))
    context = {
        "document_record": document, "exporters": DOCUMENT_EXPORTERS.values(), "problems": [],
        "submissions": submissions, "manual_figures": list(document.manual_figures.all()),
        "locked": any(s.state != SubmissionState.RETURNED for s in submissions),
    }
    try:
        composed = report_document_compose(document)
    except ReportParameterErrors as error:
        context["problems"] = [message for _, message in error.errors]
    else:
        context.update(document_context(composed.document))
    return render(request, "documents/detail.html", context)


@login_required
@require_safe
def document_stylesheet(request):
    """The document's layout for the preview page, from documents/layout.py.

    A stylesheet of its own because the Content-Security-Policy forbids <style> blocks in pages.
    """
    return HttpResponse(document_css(None), content_type="text/css; charset=utf-8")


def _cannot_make(request, document: ReportDocument,
                 error: ReportParameterErrors | DocumentFontMissing | TemplateProblems):
    """The page that says why the files could not be made: the parameters or the district's own Word
    template (400), or the server's fonts (503)."""
    if isinstance(error, ReportParameterErrors):
        problems, status = [message for _, message in error.errors], 400
    elif isinstance(error, TemplateProblems):
        problems, status = error.problems, 400
    else:
        problems, status = [str(error)], 503
    return render(request, "documents/problem.html", {"problems": problems, "document_record": document}, status=status)


@login_required
@require_safe
def document_download(request, pk, identifier):
    document = _document_for(request.user, pk)
    exporter = DOCUMENT_EXPORTERS.get(identifier)
    if exporter is None:
        return render(request, "documents/problem.html", {"problems": ["Không có định dạng tải về này."]}, status=404)
    try:
        composed = report_document_compose(document)
        if identifier == "docx" and document.template_id:
            result = exporter.draw(composed, bytes(document.template.content))
        else:
            result = exporter.draw(composed)
    except (ReportParameterErrors, DocumentFontMissing, TemplateProblems) as error:
        return _cannot_make(request, document, error)
    audit.record_export(request, f"Văn bản ({identifier.upper()}): {document.title_text}", {"document": document.pk},
                        organization=document.organization)
    return _attachment(*result)


# --- sending reports up to the province -----------------------------------------------


def _submission_for(user, pk: int) -> Submission:
    return get_object_or_404(Submission.objects.visible_to(user).with_document(), pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def document_submit(request, pk):
    """Sending asks first: GET shows what will be sent and a confirming form (no script needed); only a POST
    from that form (`xac_nhan`) sends; any other POST comes back to the question."""
    document = _document_for(request.user, pk)
    _editor(request.user)
    if request.method != "POST" or request.POST.get("xac_nhan") != "1":
        refusal = submission_refusal(document)
        if refusal:
            messages.error(request, refusal)
            return redirect("documents:detail", pk=document.pk)
        return render(request, "documents/submit_confirm.html", {
            "document_record": document, "recipient": submission_recipient(document),
            "sent_before": document.submissions.count(),
        })
    try:
        submission = report_document_submit(document=document, user=request.user)
    except SubmissionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("documents:detail", pk=document.pk)
    except (ReportParameterErrors, DocumentFontMissing, TemplateProblems) as error:
        return _cannot_make(request, document, error)
    messages.success(request, f"Đã gửi báo cáo lên Ban Tổ chức {submission_recipient(document)} "
                              f"(lần {submission.sequence}).")
    return redirect("documents:submission", pk=submission.pk)


@login_required
@require_safe
def submission_list(request):
    """Reports sent up: the province's inbox, or what a district has sent."""
    state = request.GET.get("trang_thai", "")
    submissions = (Submission.objects.visible_to(request.user).with_document()
                   .defer("docx", "pdf", "figures", "manual_figures"))
    if state in SubmissionState.values:
        submissions = submissions.filter(state=state)
    return render(request, "documents/submissions.html", {
        "submissions": submissions, "state": state, "states": SubmissionState.choices,
    })


def _submission_context(submission: Submission, **extra) -> dict:
    """The sent report as the reviewer reads it (its stored Word file) and the returns before it."""
    return {
        "submission": submission,
        "blocks": submitted_blocks(bytes(submission.docx)),
        "earlier_returns": list(Submission.objects.returns_before(submission)),
        **extra,
    }


@login_required
def submission_detail(request, pk):
    submission = _submission_for(request.user, pk)
    if request.method == "POST":
        if not request.user.can_review:
            raise PermissionDenied("Chỉ Ban Tổ chức Tỉnh ủy tiếp nhận hoặc trả lại báo cáo.")
        action, note = request.POST.get("action"), request.POST.get("review_note", "")
        try:
            if action == "accept":
                submission_accept(submission=submission, user=request.user, note=note)
                messages.success(request, "Đã tiếp nhận báo cáo.")
            elif action == "return":
                submission_return(submission=submission, user=request.user, note=note)
                messages.success(request, "Đã trả lại báo cáo cho đơn vị.")
            else:
                messages.error(request, "Thao tác không hợp lệ.")
        except SubmissionRefused as refusal:
            return render(request, "documents/submission.html",
                          _submission_context(submission, note=note, refusal=str(refusal)), status=400)
        return redirect("documents:submission", pk=submission.pk)
    return render(request, "documents/submission.html", _submission_context(submission, note=""))


@login_required
@require_safe
def submission_download(request, pk, identifier):
    """The files exactly as they were sent."""
    submission = _submission_for(request.user, pk)
    if identifier in ("docx", "pdf"):
        audit.record_export(request, f"Báo cáo đã gửi ({identifier.upper()}): {submission}",
                            {"submission": submission.pk}, organization=submission.document.organization)
    if identifier == "docx":
        return _attachment(submission.docx_name, DOCUMENT_EXPORTERS["docx"].content_type, bytes(submission.docx))
    if identifier == "pdf":
        return _attachment(submission.pdf_name, DOCUMENT_EXPORTERS["pdf"].content_type, bytes(submission.pdf))
    return render(request, "documents/problem.html", {"problems": ["Không có định dạng tải về này."]}, status=404)


# --- templates ----------------------------------------------------------------------


@login_required
def template_list(request):
    form = TemplateUploadForm(request.POST or None, request.FILES or None, user=request.user)
    problems = []
    if request.method == "POST":
        _editor(request.user)
        if form.is_valid():
            try:
                template = document_template_upload(
                    organization=form.cleaned_data["organization"], name=form.cleaned_data["name"],
                    file_name=form.cleaned_data["file"].name, content=form.cleaned_data["file"].read(),
                    user=request.user, example=specimen(form.cleaned_data["organization"].name),
                )
            except TemplateProblems as error:
                problems = error.problems
            else:
                messages.success(request, f"Đã kiểm tra và lưu mẫu “{template.name}”.")
                return redirect("documents:template_detail", pk=template.pk)
    templates = DocumentTemplate.objects.visible_to(request.user).select_related("organization", "uploaded_by")
    status = 400 if (form.errors or problems) else 200
    return render(request, "documents/templates.html", {
        "form": form, "problems": problems, "templates": templates, "variables": TEMPLATE_VARIABLES.items(),
    }, status=status)


@login_required
@require_safe
def template_detail(request, pk):
    template = _template_for(request.user, pk)
    documents = ReportDocument.objects.visible_to(request.user).select_related("organization")
    return render(request, "documents/template_detail.html", {
        "template": template, "documents": documents, "variables": TEMPLATE_VARIABLES,
    })


@login_required
@require_safe
def template_preview(request, pk, document_pk):
    """The template filled with a document's current figures: its text on a page, or the file."""
    template = _template_for(request.user, pk)
    document = _document_for(request.user, document_pk)
    try:
        filename, content_type, content = DOCUMENT_EXPORTERS["docx"].draw(
            report_document_compose(document), bytes(template.content))
    except (ReportParameterErrors, TemplateProblems) as error:
        return _cannot_make(request, document, error)
    if request.GET.get("tai-ve"):
        audit.record_export(request, f"Văn bản theo mẫu “{template.name}” (DOCX): {document.title_text}",
                            {"document": document.pk, "template": template.pk}, organization=document.organization)
        return _attachment(filename, content_type, content)
    return render(request, "documents/template_preview.html", {
        "template": template, "document_record": document, "blocks": preview_blocks(content),
    })


@login_required
@require_POST
def template_delete(request, pk):
    _editor(request.user)
    template = _template_for(request.user, pk)
    document_template_delete(template=template)
    messages.success(request, f"Đã xóa mẫu “{template.name}”; các văn bản dùng mẫu này trở về mẫu có sẵn.")
    return redirect("documents:templates")




# --- help ---------------------------------------------------------------------------


@login_required
@require_safe
def guide(request):
    """The help page: import, indicators, sending reports (documents/guide.py)."""
    return render(request, "guide.html", guide_content())
