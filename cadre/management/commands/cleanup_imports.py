"""cleanup_imports [--hours N]: delete uploaded workbooks never committed or cancelled, and background jobs'
states and results older than JOB_KEEP_HOURS (run it from cron)."""
import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cadre.services.import_jobs import remove_old_files
from jobs.state import remove_old_job_files


class Command(BaseCommand):
    help = ("Xóa các tệp nhập dữ liệu đã tải lên nhưng bỏ dở (cũ hơn IMPORT_KEEP_HOURS giờ, mặc định 24) và kết quả "
            "của công việc chạy nền (cũ hơn JOB_KEEP_HOURS giờ, mặc định 24).")

    def add_arguments(self, parser):
        parser.add_argument("--hours", help="Xóa tệp cũ hơn số giờ này (mặc định IMPORT_KEEP_HOURS).")

    def handle(self, *args, hours=None, **options):
        if hours is None:
            hours_value = settings.IMPORT_KEEP_HOURS
        else:
            text = str(hours).strip()
            if not (text.isascii() and text.isdigit() and len(text) <= 5):
                raise CommandError(f"--hours phải là một số giờ (0 – 99999), không phải “{text[:40]}”.")
            hours_value = int(text)
        removed = remove_old_files(older_than=dt.timedelta(hours=hours_value))
        self.stdout.write(self.style.SUCCESS(f"Đã xóa {removed} tệp nhập dữ liệu cũ hơn {hours_value} giờ."))
        job_hours = settings.JOB_KEEP_HOURS if hours is None else hours_value
        removed_jobs = remove_old_job_files(older_than=dt.timedelta(hours=job_hours))
        self.stdout.write(self.style.SUCCESS(
            f"Đã xóa {removed_jobs} tệp của công việc chạy nền (kết quả, trạng thái) cũ hơn {job_hours} giờ."))
