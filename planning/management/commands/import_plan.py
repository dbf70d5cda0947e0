"""import_plan FILE.json: import a plan (nghị quyết, đề án) with its tables, rows and targets."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from planning.plan_file import MAX_DEPTH, MAX_FILE_BYTES, TOO_DEEP, PlanFileError
from planning.services import plan_import


class Command(BaseCommand):
    help = "Nhập một nghị quyết, đề án (tệp JSON) cùng các biểu, chỉ tiêu và mục tiêu; số hiệu đã có thì thay thế."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp kế hoạch .json")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(
                    f"Tệp “{path}” quá lớn (tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB) cho một tệp kế hoạch."
                )
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp “{path}”.") from None
        except (OSError, UnicodeDecodeError):
            raise CommandError(f"Không đọc được tệp “{path}” (cần tệp JSON mã UTF-8).") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"Tệp “{path}” không phải JSON hợp lệ: lỗi ở dòng {error.lineno}, cột {error.colno}."
            ) from None
        except RecursionError:
            raise CommandError(TOO_DEEP.format(depth=MAX_DEPTH)) from None
        try:
            result = plan_import(data=data)
        except PlanFileError as error:
            raise CommandError(
                f"Không nhập được kế hoạch từ “{path}”; chưa có gì được ghi. Lỗi:\n"
                + "\n".join(f"- {problem}" for problem in error.problems)
            ) from None
        action = "Đã thay thế" if result.replaced else "Đã nhập"
        self.stdout.write(self.style.SUCCESS(
            f"{action} kế hoạch {result.plan.code}: {result.tables} biểu, {result.rows} dòng chỉ tiêu, "
            f"{result.targets} mục tiêu."
        ))
