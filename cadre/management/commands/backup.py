"""python manage.py backup FILE [--no-native]"""
from django.core.management.base import BaseCommand, CommandError

from cadre.services.backup import BackupError, backup_create
from cadre.vietnamese import format_int


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ hệ thống vào một tệp .tar.gz: danh mục kiểm tra, dữ liệu dạng dùng chung (nạp được vào "
        "PostgreSQL hoặc SQLite), bản sao gốc của cơ sở dữ liệu (pg_dump hoặc tệp SQLite) và các tệp trong thư mục "
        "lưu trữ. Tệp chứa dữ liệu cá nhân mật: hãy mã hóa và giới hạn quyền truy cập (docs/backup.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu sẽ tạo, ví dụ sao-luu-2025-01-31.tar.gz (không ghi đè tệp có sẵn).")
        parser.add_argument("--no-native", action="store_false", dest="native",
                            help="Không kèm bản sao gốc của cơ sở dữ liệu (pg_dump hoặc tệp SQLite), chỉ bản dùng chung.")

    def handle(self, *args, file, native, **options):
        try:
            summary = backup_create(file, native=native, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for warning in summary.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        native_text = f", kèm bản sao gốc {summary.native}" if summary.native else ", không kèm bản sao gốc"
        self.stdout.write(self.style.SUCCESS(
            f"Đã sao lưu vào {summary.path}: {format_int(summary.rows)} dòng dữ liệu, "
            f"{format_int(summary.media_files)} tệp lưu trữ{native_text}."
        ))
