"""python manage.py restructure --old A,B --new-code M --new-name "Xã M" --kind XA --parent LC --date 2025-07-01
[--move-holders] [--form DANG_BO] [--category XA] [--dry-run] [--confirm]"""
from django.core.management.base import BaseCommand, CommandError

from cadre.services.restructuring import (
    CONFIRM_MESSAGE, RestructurePlan, RestructureRefused, RestructureRequest, plan_restructuring, restructure,
)
from cadre.vietnamese import parse_date


class Command(BaseCommand):
    help = ("Sắp xếp đơn vị: các tổ chức cũ giải thể từ ngày sắp xếp, tổ chức mới được thành lập từ ngày đó "
            "và kế thừa từ các tổ chức cũ; tất cả hoặc không gì cả.")

    def add_arguments(self, parser):
        parser.add_argument("--old", required=True, help="Mã các tổ chức cũ, cách nhau bởi dấu phẩy.")
        parser.add_argument("--new-code", required=True, help="Mã tổ chức mới.")
        parser.add_argument("--new-name", required=True, help="Tên tổ chức mới.")
        parser.add_argument("--kind", required=True, help="Loại tổ chức mới: TINH, HUYEN, XA, CO_QUAN, CHI_BO.")
        parser.add_argument("--parent", required=True, help="Mã tổ chức cấp trên của tổ chức mới.")
        parser.add_argument("--date", required=True, help="Ngày sắp xếp (ngày đầu tiên của tổ chức mới), "
                                                          "YYYY-MM-DD hoặc dd/mm/yyyy.")
        parser.add_argument("--form", default="", help="Hình thức: DANG_BO, CHI_BO_CO_SO, AP, NGANH.")
        parser.add_argument("--category", default="", help="Nhóm (tùy chọn), ví dụ XA, PHUONG.")
        parser.add_argument("--move-holders", action="store_true",
                            help="Chuyển người đang giữ chức vụ và quy hoạch sang tổ chức mới.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra và liệt kê thay đổi, không ghi.")
        parser.add_argument("--confirm", action="store_true", help="Xác nhận các lưu ý về chức vụ và vẫn thực hiện.")

    def handle(self, *args, **options):
        try:
            date = parse_date(options["date"])
        except ValueError as error:
            raise CommandError(f"--date: {error}") from None
        request = RestructureRequest(
            old_codes=tuple(code for code in options["old"].split(",") if code.strip()),
            new_code=options["new_code"], new_name=options["new_name"], kind=options["kind"].strip().upper(),
            parent_code=options["parent"], date=date, form=options["form"].strip().upper(),
            category=options["category"].strip().upper(), move_holders=options["move_holders"],
        )
        if options["dry_run"]:
            plan = plan_restructuring(None, request)
            if not plan.ok:
                self._refuse(plan)
            self._list(plan)
            self.stdout.write("Chạy thử: chưa ghi gì vào cơ sở dữ liệu.")
            return
        try:
            plan = restructure(None, request, confirm=options["confirm"])
        except RestructureRefused as refused:
            if refused.plan.ok:  # notices not confirmed
                self._list(refused.plan)
                raise CommandError(CONFIRM_MESSAGE + " Chạy lại với --confirm.") from None
            self._refuse(refused.plan)
        self._list(plan)
        self.stdout.write(f"Đã sắp xếp: {plan.summary}")

    def _refuse(self, plan: RestructurePlan):
        raise CommandError("Không sắp xếp được, chưa ghi gì:\n" + "\n".join(f"- {error}" for error in plan.errors))

    def _list(self, plan: RestructurePlan):
        write = self.stdout.write
        write(plan.summary)
        for unit in plan.ceased:
            write(f"  Giải thể: {unit.code} ({unit.name})")
        for unit in plan.already_ceased:
            write(f"  Đã giải thể từ ngày sắp xếp, chỉ thêm kế thừa: {unit.code} ({unit.name})")
        request = plan.request
        write(f"  Thành lập: {request.new_code.strip()} ({request.new_name.strip()}), cấp trên "
              f"{plan.parent.code}, kế thừa từ {', '.join(unit.code for unit in plan.old_units)}")
        for move in plan.positions:
            write(f"  Chức vụ: {move.text}")
        for move in plan.planning:
            write(f"  Quy hoạch: {move.text}")
        for notice in plan.notices:
            write(f"  Lưu ý: {notice}")
