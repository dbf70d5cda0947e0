"""build_report: compute a plan's Biểu tables for an organization and write JSON, XLSX, DOCX or PDF.

python manage.py build_report --org LC.PT --plan 01-ĐA/HU --as-of 2023-05-15 \\
    --rating-years 2021-2022 --baseline 2020-12-31 --baseline-rating-years 2020 \\
    [--target-year 2025] --format json|xlsx|docx|pdf --output PATH \\
    [--number 408-BC/HU] [--issued-on 2023-07-12] [--signer-name "Lò Văn Tả"] [--signer-title "PHÓ BÍ THƯ"] \\
    [--authority "T/M BAN THƯỜNG VỤ"]

The last five options are additive to the data contract (../shared/docs/data-contract.md) and change only the
DOCX, PDF and XLSX: without --number the report is a draft (blank number and day), the issue date defaults to
today, the authority to the committee's ("T/M BAN THƯỜNG VỤ") and the signer to its secretary on that date.
"""
import dataclasses
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cadre.models import Organization
from cadre.vietnamese import parse_date
from planning.models import Plan
from reports.exporters import EXPORTERS, ExportFailed
from reports.fetch import load_organization, load_plan
from reports.issue import Issue, number_is_valid
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
        parser.add_argument("--number", help="Số báo cáo, ví dụ 408-BC/HU (không có: bản dự thảo, để trống số).")
        parser.add_argument("--issued-on", dest="issued_on", help="Ngày ban hành, YYYY-MM-DD (mặc định: hôm nay).")
        parser.add_argument("--signer-name", dest="signer_name",
                            help="Họ tên người ký (mặc định: bí thư của cấp ủy tại ngày ban hành).")
        parser.add_argument("--signer-title", dest="signer_title", help="Chức vụ người ký, ví dụ PHÓ BÍ THƯ.")
        parser.add_argument("--authority", help="Thẩm quyền ký (mặc định: T/M BAN THƯỜNG VỤ).")

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
        number = (options.get("number") or "").strip()
        if number and not number_is_valid(number):
            problems.append(f"--number: số báo cáo “{number}” không đúng dạng (ví dụ 408-BC/HU).")
        issued_on = self._date((options.get("issued_on") or "").strip(), "--issued-on", problems)
        if problems:
            raise CommandError(" ".join(problems))
        issue = Issue(number=number, issued_on=issued_on, signer_name=(options.get("signer_name") or "").strip(),
                      signer_title=(options.get("signer_title") or "").strip(),
                      authority=(options.get("authority") or "").strip())

        try:
            request = check_request(
                organization=organization, plan=plan, as_of=as_of, rating_years=rating_years,
                baseline=baseline, baseline_rating_years=baseline_rating_years, target_year=target_year,
            )
        except ReportParameterErrors as error:
            raise CommandError(" ".join(message for _, message in error.errors)) from None

        report = dataclasses.replace(report_build(**request.as_service_arguments()), issue=issue)
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
