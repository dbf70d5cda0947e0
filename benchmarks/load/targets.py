"""Write targets.json for the load test: what each demo account asks for, read from the database."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from accounts.models import User  # noqa: E402
from cadre.models import Official  # noqa: E402
from planning.models import Plan  # noqa: E402

ACCOUNTS = ["tinh1", "reviewer", "staff1", "staff2"]


def main() -> None:
    users = {}
    password = os.environ.get("LOAD_PASSWORD", "demo-2026")
    for name in ACCOUNTS:
        user = User.objects.get(username=name)
        if not user.check_password(password):
            # A demo generated under config.test_settings keeps MD5 hashes that the server's hashers refuse.
            sys.exit(f"Mật khẩu của {name} không khớp LOAD_PASSWORD (hoặc được băm bằng thuật toán máy chủ không "
                     "dùng): chạy lại generate_demo với DJANGO_SETTINGS_MODULE=config.settings.")
        officials = list(Official.objects.visible_to(user).order_by("?").values_list("pk", flat=True)[:200])
        users[name] = {"organization": user.organization.code, "officials": officials}
    # The province's resolution: every demo account (province, districts) may use it.
    plan = (Plan.objects.filter(organization__parent__isnull=True).exclude(code__startswith="BENCH")
            .order_by("issued_on").first() or Plan.objects.first())
    as_of = dt.date(2024, 6, 30)
    targets = {
        "users": users,
        "report": {"plan": plan.code, "as_of": as_of.strftime("%d/%m/%Y"),
                   "baseline": dt.date(plan.issued_on.year - 1, 12, 31).strftime("%d/%m/%Y")},
    }
    Path(sys.argv[1]).write_text(json.dumps(targets, ensure_ascii=False), encoding="utf-8")
    counts = ", ".join(f"{name}: {len(target['officials'])} officials" for name, target in users.items())
    print(f"targets: plan {plan.code}, {counts}")


if __name__ == "__main__":
    main()
