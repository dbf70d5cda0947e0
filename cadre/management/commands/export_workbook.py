"""python manage.py export_workbook [--org CODE] FILE.xlsx"""
from django.core.management.base import BaseCommand, CommandError

from cadre import audit
from cadre.exchange.workbook_export import export_workbook
from cadre.models import Organization


class Command(BaseCommand):
    help = "Xuất tệp Excel trao đổi dữ liệu của một tổ chức và các tổ chức trực thuộc."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx sẽ ghi ra.")
        parser.add_argument("--org", help="Mã tổ chức; bỏ trống để xuất toàn bộ cơ sở dữ liệu.")

    def handle(self, *args, file, org, **options):
        organization = None
        if org:
            organization = Organization.objects.filter(code__iexact=org.strip()).first()
            if organization is None:
                raise CommandError(f"Không tìm thấy tổ chức có mã “{org}”.")
        try:
            export_workbook(organization, file)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp “{file}”: {error.strerror or error}.") from None
        audit.record_export(None, "Tệp trao đổi (XLSX)", {"file": str(file), "org": organization},
                            organization=organization)
        scope = f"tổ chức {organization.code} ({organization.name})" if organization else "toàn bộ cơ sở dữ liệu"
        self.stdout.write(f"Đã xuất dữ liệu của {scope} ra tệp {file}.")
