"""The exchange workbook of an organization's subtree, as a background job (kind "exchange_export").

The same file as the synchronous export (cadre.exchange.workbook_export.export_workbook), for scopes large
enough that a request would time out; written to a temporary file, the job's result once complete.
"""
from __future__ import annotations

from cadre.exchange.workbook_export import export_workbook
from cadre.models import Organization
from cadre.scoping import NoScope, user_scope
from jobs.runner import job_submit
from jobs.state import Job, JobFailed, job_create, progress_reporter, result_write

KIND = "exchange_export"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def exchange_export_start(*, user, organization: Organization | None) -> Job:
    """Queue the export of the organization's subtree (None: the whole database, for a superuser only)."""
    name = organization.name if organization else "toàn bộ cơ sở dữ liệu"
    job = job_create(kind=KIND, user=user, title=f"Tệp trao đổi: {name}",
                     params={"org": organization.code if organization else None})
    return job_submit(job)


def exchange_export_work(job: Job, user) -> None:
    code = job.params.get("org")
    if code is None:
        try:
            whole = user_scope(user) is None
        except NoScope:
            whole = False
        if not whole:
            raise JobFailed("Chỉ quản trị viên mới xuất được tệp trao đổi của toàn bộ cơ sở dữ liệu.")
        organization = None
    else:
        organization = Organization.objects.visible_to(user).filter(code=code).first()
        if organization is None:
            raise JobFailed(f"Tổ chức mã “{code}” không còn trong phạm vi tài khoản của bạn.")
    report = progress_reporter(job)
    report(0, 1, "Đang đọc dữ liệu và ghi tệp")
    result_write(job, name=f"trao-doi-{code or 'toan-bo'}.xlsx", content_type=XLSX_CONTENT_TYPE,
                 write=lambda path: export_workbook(organization, path))
    report(1, 1, "Đã ghi tệp")
