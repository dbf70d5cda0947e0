"""python manage.py restore FILE [--replace --confirm]"""
from django.core.management.base import BaseCommand, CommandError

from cadre import audit
from cadre.audit import ChangeAction
from cadre.services.backup import BackupError, backup_restore
from cadre.vietnamese import format_int


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp do lệnh backup tạo, vào cơ sở dữ liệu trống vừa chạy migrate: tất cả hoặc không. "
        "Từ chối khi tệp bị hỏng, theo định dạng mới hơn, khác phiên bản cấu trúc dữ liệu, hoặc khi cơ sở dữ "
        "liệu đã có dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu (.tar.gz) do lệnh backup tạo.")
        parser.add_argument("--replace", action="store_true",
                            help="Xóa toàn bộ dữ liệu hiện có rồi khôi phục (phải kèm --confirm).")
        parser.add_argument("--confirm", action="store_true",
                            help="Xác nhận xóa toàn bộ dữ liệu hiện có khi dùng --replace.")

    def handle(self, *args, file, replace, confirm, **options):
        try:
            summary = backup_restore(file, replace=replace, confirm=confirm, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        # The restored trail is the backup's; this entry says that, and from what, it was restored.
        audit.record(entity="SaoLuu", key=str(file)[:200], action=ChangeAction.RESTORE, after={
            "file": str(file), "replace": replace, "rows": summary.rows, "tables": summary.tables,
            "media_files": summary.media_files, "backup_created_at": summary.created_at,
            "source_engine": summary.source_engine,
        })
        self.stdout.write(self.style.SUCCESS(
            f"Đã khôi phục {format_int(summary.rows)} dòng dữ liệu và {format_int(summary.media_files)} tệp lưu trữ "
            f"từ bản sao lưu lúc {summary.created_at} ({summary.source_engine})."
        ))
