"""Demo data generated in the background (kind "demo"), started by an administrator from the jobs page:
cadre.demo.generate_demo in its one transaction, with a step per district for the progress bar."""
from __future__ import annotations

from cadre import audit
from cadre.audit import ChangeAction
from cadre.demo import DemoRefused, generate_demo
from cadre.demo.generator import district_budgets
from cadre.vietnamese import format_int
from jobs.runner import job_submit
from jobs.state import Job, JobFailed, job_create, job_save, progress_reporter

KIND = "demo"


def demo_start(*, user, officials: int, seed: int, reset: bool) -> Job:
    job = job_create(kind=KIND, user=user, title=f"Tạo dữ liệu mẫu: {format_int(officials)} cán bộ",
                     params={"officials": officials, "seed": seed, "reset": reset})
    return job_submit(job)


def demo_work(job: Job, user) -> None:
    if user is None or not user.is_superuser:
        raise JobFailed("Chỉ quản trị viên hệ thống mới tạo được dữ liệu mẫu.")
    params = job.params
    total = len(district_budgets(params["officials"]))
    report = progress_reporter(job)
    done = [0]
    report(0, total, "Đang tạo các huyện, xã và cán bộ", "huyện")

    def district_written(district_summary) -> None:
        done[0] += 1
        report(min(done[0], total), total, "Đang tạo các huyện, xã và cán bộ", "huyện")

    try:
        summary = generate_demo(officials=params["officials"], seed=params["seed"], reset=params["reset"],
                                progress=district_written)
    except DemoRefused as refusal:
        raise JobFailed(str(refusal)) from None
    # One summary entry per run, as the command writes (the officials are written in bulk).
    audit.record(entity="DuLieuMau", key=summary.province[:200], action=ChangeAction.CREATE, after={
        "officials": summary.officials, "seed": summary.seed, "reset": params["reset"],
        "districts": len(summary.districts), "plans": summary.plans, "deleted": summary.deleted,
    })
    job.params = {**params, "summary": f"Đã tạo {summary.province}: {format_int(len(summary.districts))} huyện, "
                                       f"{format_int(summary.officials)} cán bộ."}
    job_save(job)
