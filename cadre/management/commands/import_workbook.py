"""python manage.py import_workbook FILE.xlsx [--dry-run]"""
from django.core.management.base import BaseCommand, CommandError

from cadre.exchange.workbook_format import SHEETS
from cadre.exchange.workbook_import import ImportResult, import_workbook


class Command(BaseCommand):
    help = "Nhập tệp Excel trao đổi dữ liệu (tổ chức, cán bộ, chức vụ, trình độ, đánh giá…): tất cả hoặc không."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx theo mẫu trao đổi.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi vào cơ sở dữ liệu.")

    def handle(self, *args, file, dry_run, **options):
        result = import_workbook(file, dry_run=dry_run)
        for warning in result.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Tệp có {len(result.problems)} lỗi; không có dữ liệu nào được ghi.")
        self.stdout.write(self._summary(result, dry_run))
        if result.changes:
            self.stdout.write(f"Các thay đổi ({len(result.changes)}):")
            for change in result.changes:
                self.stdout.write(f"- {change}")

    @staticmethod
    def _summary(result: ImportResult, dry_run: bool) -> str:
        if dry_run:
            heading = "Kiểm tra xong, tệp hợp lệ (chạy thử, chưa ghi gì):"
        elif result.batch is None:
            heading = "Tệp hợp lệ; dữ liệu đã có sẵn, không có gì thay đổi:"
        else:
            heading = f"Đã nhập xong (lần nhập số {result.batch.pk}):"
        lines = [heading]
        for sheet in SHEETS:
            counts = result.summary[sheet.name]
            lines.append(
                f"- {sheet.title} ({sheet.name}): thêm {counts['created']}, cập nhật {counts['updated']}, "
                f"không đổi {counts['unchanged']}, xóa {counts['deleted']}"
            )
        return "\n".join(lines)
