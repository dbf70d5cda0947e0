"""A background job's page: progress while it runs, then its result or its failure; and the demo-data form.

Thin: every page finds the job through jobs.state.job_of, which answers only the user who started it (or a
superuser); anyone else gets 404, as for any token they do not hold.
"""
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe
from django.contrib.auth.decorators import login_required

from cadre import audit
from cadre.demo.generator import DEFAULT_OFFICIALS, DEFAULT_SEED, MIN_OFFICIALS
from cadre.models import Organization
from cadre.vietnamese import format_int
from cadre.demo.job import demo_start
from jobs.kinds import JOB_KINDS
from jobs.state import Job, UnknownJob, job_of, result_path


def _job_of_user(request, token) -> Job:
    try:
        return job_of(Job, token, request.user)
    except UnknownJob:
        raise Http404("Không tìm thấy công việc này.") from None


@login_required
@require_safe
def job_status(request, token):
    job = _job_of_user(request, token)
    return render(request, "jobs/status.html", {"job": job, "kind": JOB_KINDS.get(job.kind),
                                                "keep_hours": settings.JOB_KEEP_HOURS})


@login_required
@require_safe
def job_progress(request, token):
    """The progress fragment htmx polls; when the job ends it asks for the full page."""
    job = _job_of_user(request, token)
    response = render(request, "jobs/_progress.html", {"job": job})
    if not job.running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_safe
def job_download(request, token):
    job = _job_of_user(request, token)
    path = result_path(job.token)
    if not job.has_result or not path.exists():
        raise Http404("Công việc chưa có kết quả, hoặc kết quả đã bị xóa sau thời hạn lưu.")
    kind = JOB_KINDS.get(job.kind)
    code = job.params.get("org")
    organization = Organization.objects.filter(code=code).first() if code else None
    audit.record_export(request, f"{kind.verbose_name if kind else job.kind}: {job.result_name}",
                        {name: value for name, value in job.params.items() if name != "summary"},
                        organization=organization)
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name,
                        content_type=job.result_type or "application/octet-stream")


MAX_DEMO_OFFICIALS = 200_000


class DemoForm(forms.Form):
    officials = forms.IntegerField(
        label="Số cán bộ", min_value=MIN_OFFICIALS, max_value=MAX_DEMO_OFFICIALS, initial=DEFAULT_OFFICIALS,
        error_messages={"min_value": f"Số cán bộ tối thiểu là {format_int(MIN_OFFICIALS)}.",
                        "max_value": f"Số cán bộ tối đa là {format_int(MAX_DEMO_OFFICIALS)}.",
                        "invalid": "Số cán bộ phải là một số nguyên."})
    seed = forms.IntegerField(
        label="Hạt giống ngẫu nhiên", min_value=0, max_value=2**31 - 1, initial=DEFAULT_SEED,
        error_messages={"min_value": "Hạt giống là một số nguyên không âm.",
                        "max_value": "Hạt giống quá lớn.", "invalid": "Hạt giống phải là một số nguyên."})
    reset = forms.BooleanField(label="Xóa dữ liệu mẫu cũ trước khi tạo (dữ liệu thật không bao giờ bị xóa)",
                               required=False)


@login_required
def demo_generation(request):
    """System administrators generate the demo data in the background (as `manage.py generate_demo`)."""
    if not request.user.is_superuser:
        raise PermissionDenied("Chỉ quản trị viên hệ thống mới tạo được dữ liệu mẫu.")
    form = DemoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = demo_start(user=request.user, **form.cleaned_data)
        return redirect("jobs:status", token=job.token)
    return render(request, "jobs/demo.html", {"form": form})
