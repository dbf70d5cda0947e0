"""The report of every unit below an organization that issues reports, as one ZIP (job kind "batch_render").

The units are the organizations directly below the chosen one on the report date (reports.fetch.
comparison_units) that issue reports of their own: districts (-BC/HU) before 1/7/2025, communes and wards
(-BC/ĐU) since, whatever the tree holds on that date. Each unit's report is built exactly as the report page
and `build_report` build one (reports.services.report_build with the parameters checked by
reports.parameters.check_request) and rendered by the registered exporters: DOCX, and PDF when asked. The
ZIP is written to a temporary file and becomes the job's result only when every unit is in it.
"""
from __future__ import annotations

import datetime as dt
import zipfile

from cadre.models import Organization, OrganizationKind
from cadre.vietnamese import format_date_short
from jobs.runner import job_submit
from jobs.state import Job, JobFailed, job_create, progress_reporter, result_write
from planning.models import Plan
from reports.exporters import EXPORTERS
from reports.fetch import comparison_units
from reports.parameters import ReportParameterErrors, ReportRequest, check_request
from reports.services import report_build

KIND = "batch_render"
ISSUING_KINDS = (OrganizationKind.DISTRICT, OrganizationKind.COMMUNE)
ZIP_CONTENT_TYPE = "application/zip"


def report_issuing_units(organization: Organization, on: dt.date) -> list[Organization]:
    """The units directly below the organization on the date that issue their own reports, in tree order."""
    return [unit for unit in comparison_units(organization, on) if unit.kind in ISSUING_KINDS]


def batch_render_start(*, user, request: ReportRequest, with_pdf: bool = False) -> Job:
    """Queue the reports of the units below request.organization, with request's plan and dates."""
    organization, plan = request.organization, request.plan
    job = job_create(
        kind=KIND, user=user,
        title=f"Báo cáo các đơn vị trực thuộc {organization.name} theo {plan.code}, "
              f"số liệu ngày {format_date_short(request.as_of)}",
        params={
            "org": organization.code, "plan": plan.code, "as_of": request.as_of.isoformat(),
            "rating_years": list(request.rating_years), "baseline": request.baseline.isoformat(),
            "baseline_rating_years": list(request.baseline_rating_years), "target_year": request.target_year,
            "with_pdf": bool(with_pdf),
        },
    )
    return job_submit(job)


def batch_render_work(job: Job, user) -> None:
    params = job.params
    organization = Organization.objects.visible_to(user).filter(code=params["org"]).first()
    plan = Plan.objects.visible_to(user).for_report().filter(code=params["plan"]).first()
    if organization is None or plan is None:
        raise JobFailed("Tổ chức hoặc nghị quyết, đề án không còn trong phạm vi tài khoản của bạn.")
    as_of = dt.date.fromisoformat(params["as_of"])
    units = report_issuing_units(organization, as_of)
    if not units:
        raise JobFailed(f"{organization.name} không có đơn vị trực thuộc nào tự lập báo cáo (huyện; xã, phường) "
                        f"vào ngày {format_date_short(as_of)}.")
    requests, problems = [], []
    for unit in units:
        try:
            requests.append(check_request(
                organization=unit, plan=plan, as_of=as_of, rating_years=tuple(params["rating_years"]),
                baseline=dt.date.fromisoformat(params["baseline"]),
                baseline_rating_years=tuple(params["baseline_rating_years"]), target_year=params["target_year"],
            ))
        except ReportParameterErrors as error:
            problems.append(f"{unit.name}: {error}")
    if problems:
        raise JobFailed("Không lập được báo cáo của " + "; ".join(problems))
    exporters = [EXPORTERS["docx"]] + ([EXPORTERS["pdf"]] if params.get("with_pdf") else [])
    report = progress_reporter(job)

    def write(path):
        names: set[str] = set()
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for number, (unit, unit_request) in enumerate(zip(units, requests)):
                report(number, len(units), f"Đang lập báo cáo của {unit.name}", "đơn vị")
                built = report_build(**unit_request.as_service_arguments())
                for exporter in exporters:
                    filename, _, content = exporter.render(built)
                    archive.writestr(_unique(filename, names), content)
            report(len(units), len(units), "Đang lưu tệp ZIP", "đơn vị")

    result_write(job, name=f"bao-cao-don-vi-truc-thuoc-{_ascii(organization.code)}-{as_of.isoformat()}.zip",
                 content_type=ZIP_CONTENT_TYPE, write=write)


def _unique(filename: str, taken: set[str]) -> str:
    """The file name, numbered when another unit's report already has it ("x.docx", "x-2.docx")."""
    stem, dot, extension = filename.rpartition(".")
    candidate, number = filename, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{extension}"
    taken.add(candidate)
    return candidate


def _ascii(text: str) -> str:
    from cadre.vietnamese import search_key

    return "".join(c if c.isalnum() or c in ".-" else "-" for c in search_key(text).upper())
