"""The registry of job kinds: for each, the class of its state and the function that does the work.

`work(job, user)` does the whole job for the user who started it, reporting progress on `job` (saved with
jobs.state.progress_reporter) and storing its result (jobs.state.result_write, or the import's own
fields). It raises JobFailed with a Vietnamese message when the job cannot be done; any other exception is
logged and the user reads `failure`. Work functions are named by dotted path, so that this registry
imports no app and every process (web, worker) resolves the same names.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class JobKind:
    identifier: str
    verbose_name: str
    work_path: str
    state_class_path: str = "jobs.state.Job"
    failure: str = "Lỗi không mong đợi; chưa có gì được ghi. Hãy thử lại hoặc báo quản trị viên."

    @cached_property
    def work(self):
        return import_string(self.work_path)

    @cached_property
    def state_class(self):
        return import_string(self.state_class_path)


JOB_KINDS = {kind.identifier: kind for kind in (
    JobKind("import", "Nhập tệp trao đổi", "cadre.services.import_jobs.import_work",
            state_class_path="cadre.services.import_jobs.ImportJob",
            failure="Lỗi không mong đợi khi nhập; chưa có dữ liệu nào được ghi. "
                    "Hãy thử lại hoặc báo quản trị viên."),
    JobKind("batch_render", "Báo cáo các đơn vị trực thuộc (ZIP)", "reports.batch_render.batch_render_work",
            failure="Lỗi không mong đợi khi lập báo cáo; chưa có tệp nào được tạo. "
                    "Hãy thử lại hoặc báo quản trị viên."),
    JobKind("exchange_export", "Xuất tệp trao đổi", "cadre.exchange.export_job.exchange_export_work",
            failure="Lỗi không mong đợi khi xuất tệp; chưa có tệp nào được tạo. "
                    "Hãy thử lại hoặc báo quản trị viên."),
    JobKind("demo", "Tạo dữ liệu mẫu", "cadre.demo.job.demo_work",
            failure="Lỗi không mong đợi khi tạo dữ liệu mẫu; chưa có dữ liệu nào được ghi."),
)}
