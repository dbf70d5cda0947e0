"""build_report: compute a plan's Biểu tables for an organization and write JSON, XLSX, DOCX or PDF.

python manage.py build_report --org LC.PT --plan 01-ĐA/HU --as-of 2023-05-15 \\
    --rating-years 2021-2022 --baseline 2020-12-31 --baseline-rating-years 2020 \\
    [--target-year 2025] --format json|xlsx|docx|pdf --output PATH
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadre.models import Organization
from cadre.vietnamese import parse_date
from planning.models import Plan
from reports.exporters import EXPORTERS, ExportFailed
from reports.fetch import load_organization, load_plan
from reports.parameters import ReportParameterErrors, check_request, parse_years
from reports.services import report_build


class Command(BaseCommand):
    help = "Lập báo cáo chỉ tiêu (các Biểu) của một tổ chức theo một nghị quyết, đề án."

    def add_arguments(self, parser):
        # Checked in handle(), so that every message is in Vietnamese.
        parser.add_argument("--org", help="Mã tổ chức (báo cáo gồm tổ chức đó và các tổ chức trực thuộc).")
        parser.add_argument("--plan", help="Số hiệu nghị quyết, đề án (ví dụ 01-ĐA/HU).")
        parser.add_argument("--as-of", dest="as_of", help="Ngày số liệu thực hiện, YYYY-MM-DD.")
        parser.add_argument("--rating-years", dest="rating_years",
                            help="Năm đánh giá, xếp loại: 2022 hoặc 2021-2022 (mặc định: năm trước năm báo cáo).")
        parser.add_argument("--baseline", help="Ngày số liệu năm gốc, YYYY-MM-DD.")
        parser.add_argument("--baseline-rating-years", dest="baseline_rating_years",
                            help="Năm đánh giá của cột năm gốc (mặc định: năm của ngày gốc).")
        parser.add_argument("--target-year", dest="target_year",
                            help="Năm mục tiêu (mặc định: năm mục tiêu sớm nhất của kế hoạch).")
        parser.add_argument("--format", dest="output_format", help="json, xlsx, docx hoặc pdf.")
        parser.add_argument("--output", help="Đường dẫn tệp kết quả; “-” để in JSON ra màn hình.")

    def handle(self, *args, **options):
        problems = []

        def required(name, label):
            value = (options.get(name) or "").strip()
            if not value:
                problems.append(f"Thiếu {label}.")
            return value

        org_code = required("org", "--org (mã tổ chức)")
        plan_code = required("plan", "--plan (số hiệu kế hoạch)")
        as_of_text = required("as_of", "--as-of (ngày báo cáo)")
        baseline_text = required("baseline", "--baseline (ngày năm gốc)")
        output_format = required("output_format", "--format (json, xlsx, docx hoặc pdf)").lower()
        output = required("output", "--output (tệp kết quả)")

        exporter = None
        if output_format:
            exporter = EXPORTERS.get(output_format)
            if exporter is None:
                problems.append(f"Định dạng “{output_format}” không hợp lệ: chỉ có {', '.join(EXPORTERS)}.")

        organization = plan = as_of = baseline = None
        if org_code:
            try:
                organization = load_organization(org_code)
            except Organization.DoesNotExist:
                problems.append(f"Không có tổ chức mã “{org_code}”.")
        if plan_code:
            try:
                plan = load_plan(plan_code)
            except Plan.DoesNotExist:
                problems.append(f"Không có nghị quyết, đề án số hiệu “{plan_code}”.")
        as_of = self._date(as_of_text, "--as-of", problems)
        baseline = self._date(baseline_text, "--baseline", problems)
        rating_years = self._years(options.get("rating_years"), "--rating-years", problems)
        baseline_rating_years = self._years(options.get("baseline_rating_years"), "--baseline-rating-years", problems)
        target_year = None
        if options.get("target_year"):
            text = options["target_year"].strip()
            if text.isascii() and text.isdigit() and len(text) == 4:
                target_year = int(text)
            else:
                problems.append(f"--target-year phải là một năm (ví dụ 2025), không phải “{text}”.")
        if problems:
            raise CommandError(" ".join(problems))

        try:
            request = check_request(
                organization=organization, plan=plan, as_of=as_of, rating_years=rating_years,
                baseline=baseline, baseline_rating_years=baseline_rating_years, target_year=target_year,
            )
        except ReportParameterErrors as error:
            raise CommandError(" ".join(message for _, message in error.errors)) from None

        report = report_build(**request.as_service_arguments())
        try:
            _, _, content = exporter.render(report)
        except ExportFailed as error:
            raise CommandError(str(error)) from None
        if output == "-":
            if exporter.identifier != "json":
                raise CommandError("Chỉ in ra màn hình được định dạng json; hãy cho --output một tệp.")
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        path = Path(output)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp “{output}”: {error.strerror or error}.") from None
        self.stdout.write(self.style.SUCCESS(f"Đã ghi báo cáo vào {path}."))

    @staticmethod
    def _date(text, option, problems):
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as error:
            problems.append(f"{option}: {error}")
            return None

    @staticmethod
    def _years(text, option, problems):
        if not text or not text.strip():
            return None
        try:
            return parse_years(text)
        except ValueError as error:
            problems.append(f"{option}: {error}")
            return None
