"""The workbook import: upload, dry run with every problem or a summary, then commit."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cadre.forms import WorkbookUploadForm
from cadre.exchange.workbook_format import sheet_title
from cadre.services.import_jobs import (
    CHANGES_SHOWN,
    UnknownImport,
    import_job_cancel,
    import_job_changes,
    import_job_of,
    import_job_start,
    import_upload_store,
)
from cadre.views.access import editor_required

SESSION_KEY = "import_tokens"


def _job_of_session(request, token):
    """The upload if this session's user made it (or a superuser asks); 404 otherwise
    (a token is not a key to someone else's file)."""
    if token not in request.session.get(SESSION_KEY, []) and not request.user.is_superuser:
        raise Http404("Không tìm thấy tệp đã tải lên.")
    try:
        return import_job_of(token, request.user)
    except UnknownImport:
        raise Http404("Không tìm thấy tệp đã tải lên.") from None


@editor_required
def import_upload(request):
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_upload_store(upload=form.cleaned_data["workbook"], user=request.user)
        request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], job.token]
        import_job_start(token=job.token, user=request.user, dry_run=True)
        return redirect("cadre:import_status", token=job.token)
    return render(request, "imports/upload.html", {"form": form})


def _summary_rows(summary: dict) -> list[dict]:
    rows = []
    for entity, counts in summary.items():
        rows.append({"entity": entity, "title": sheet_title(entity), **counts})
    return rows


@editor_required
@require_safe
def import_status(request, token):
    job = _job_of_session(request, token)
    context = {
        "job": job,
        "summary_rows": _summary_rows(job.summary),
        "form": WorkbookUploadForm(),
        "problem_sheets": sorted({p["sheet"] for p in job.problems}),
    }
    return render(request, "imports/status.html", context)


@editor_required
@require_safe
def import_changes(request, token):
    """Every change of the upload's last run, CHANGES_SHOWN per page."""
    job = _job_of_session(request, token)
    page = Paginator(import_job_changes(token), CHANGES_SHOWN).get_page(request.GET.get("trang"))
    return render(request, "imports/changes.html", {"job": job, "page": page})


@editor_required
@require_safe
def import_progress(request, token):
    """The progress fragment htmx polls; when the run ends it asks for the full page."""
    job = _job_of_session(request, token)
    response = render(request, "imports/_progress.html", {"job": job})
    if not job.running:
        response["HX-Refresh"] = "true"
    return response


@editor_required
@require_POST
def import_commit(request, token):
    job = _job_of_session(request, token)
    if job.committed:
        messages.info(request, "Tệp này đã được ghi vào cơ sở dữ liệu.")
    elif not job.ok:
        messages.error(request, "Tệp còn lỗi, chưa thể ghi. Hãy sửa tệp và tải lên lại.")
    elif job.warnings and request.POST.get("da_xem_luu_y") != "1":
        # Notices (a second holder of a one-person title…) are not errors, but the user confirms having read them.
        messages.error(request, "Tệp có lưu ý: hãy đọc các lưu ý rồi đánh dấu “Tôi đã xem … lưu ý” trước khi ghi.")
    else:
        import_job_start(token=token, user=request.user, dry_run=False)
    return redirect("cadre:import_status", token=token)


@editor_required
@require_POST
def import_cancel(request, token):
    """Forget an upload: the stored workbook is deleted at once."""
    _job_of_session(request, token)
    try:
        import_job_cancel(token)
    except ValueError as refusal:
        messages.error(request, str(refusal))
        return redirect("cadre:import_status", token=token)
    except UnknownImport:
        raise Http404("Không tìm thấy tệp đã tải lên.") from None
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
    messages.info(request, "Đã hủy tệp đã tải lên; tệp đã được xóa khỏi máy chủ.")
    return redirect("cadre:import_upload")
