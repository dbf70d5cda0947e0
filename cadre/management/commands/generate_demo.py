"""python manage.py generate_demo [--officials N] [--seed S] [--reset | --if-empty]"""
import time

from django.core.management.base import BaseCommand, CommandError

from cadre import audit
from cadre.audit import ChangeAction
from cadre.demo import DemoRefused, demo_users_text, generate_demo
from cadre.demo.generator import DEFAULT_OFFICIALS, DEFAULT_SEED, MIN_OFFICIALS
from cadre.models import Official
from cadre.vietnamese import format_decimal, format_int


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: một tỉnh với các huyện, xã, cơ quan, chi bộ và cán bộ có quá trình công tác, "
        "trình độ, đánh giá, quy hoạch; cùng các tài khoản dùng thử. Cùng số lượng và hạt giống thì dữ liệu như nhau."
    )

    def add_arguments(self, parser):
        parser.add_argument("--officials", type=int, default=DEFAULT_OFFICIALS,
                            help=f"Tổng số cán bộ (tối thiểu {MIN_OFFICIALS}; mặc định {DEFAULT_OFFICIALS}).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=f"Hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED}).")
        parser.add_argument("--reset", action="store_true",
                            help="Xóa dữ liệu mẫu cũ trước khi tạo; dữ liệu thật không bao giờ bị xóa.")
        parser.add_argument("--if-empty", action="store_true", dest="if_empty",
                            help="Chỉ tạo khi cơ sở dữ liệu chưa có cán bộ nào (dùng khi khởi động); "
                                 "luôn in danh sách tài khoản dùng thử.")

    def handle(self, *args, officials, seed, reset, if_empty, **options):
        if reset and if_empty:
            raise CommandError("Không dùng --reset cùng với --if-empty.")
        if if_empty and Official.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có cán bộ; không tạo dữ liệu mẫu.")
            users = demo_users_text()
            if users:
                self.stdout.write(users)
            return
        started = time.monotonic()
        self.stdout.write(f"Đang tạo dữ liệu mẫu: {format_int(officials)} cán bộ, hạt giống {seed}…")
        try:
            summary = generate_demo(
                officials=officials, seed=seed, reset=reset,
                progress=lambda district: self.stdout.write(f"- {district.line()}"),
            )
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from None
        seconds = time.monotonic() - started
        # One summary entry per run (the officials themselves are written in bulk, without an entry each).
        audit.record(entity="DuLieuMau", key=summary.province[:200], action=ChangeAction.CREATE, after={
            "officials": summary.officials, "seed": summary.seed, "reset": reset,
            "districts": len(summary.districts), "plans": summary.plans, "deleted": summary.deleted,
        })
        lines = []
        if summary.deleted:
            lines.append(
                f"Đã xóa dữ liệu mẫu cũ: {format_int(summary.deleted['officials'])} cán bộ, "
                f"{format_int(summary.deleted['organizations'])} tổ chức."
            )
        lines.append(
            f"Đã tạo {summary.province}: {format_int(len(summary.districts))} huyện, "
            f"{format_int(summary.officials)} cán bộ trong {format_decimal(seconds, 1)} giây."
        )
        if summary.plans:
            lines.append(f"Kế hoạch mẫu có chỉ tiêu: {', '.join(summary.plans)}.")
        lines.append(demo_users_text())
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
