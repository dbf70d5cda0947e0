"""Demo accounts, all with the password of settings.DEMO_PASSWORD.

`admin`; `tinh1`, staff of the province; `xa1` and `xa2`, staff of two
communes founded on 1 July 2025 (a ward and a commune); `reviewer` of the province; and `staff1`,
`staff2`, staff of the first two (dissolved) districts, for the years before.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password

from accounts.models import Role, User
from cadre.models import Organization, OrganizationKind

DEMO_USERNAMES = ("admin", "tinh1", "xa1", "xa2", "reviewer", "staff1", "staff2")
ROLE_LABELS = {
    Role.ADMIN: "quản trị",
    Role.DISTRICT_STAFF: "cán bộ Ban Tổ chức",
    Role.PROVINCIAL_REVIEWER: "chuyên viên Ban Tổ chức Tỉnh ủy",
}
COMMUNE_STAFF_LABEL = "cán bộ Văn phòng Đảng ủy"  # a commune's party committee has no Ban Tổ chức


# The demo accounts' people (family and middle names, given name): pages name people, not accounts.
DEMO_PEOPLE = {
    "admin": ("Phạm Minh", "Tuấn"), "tinh1": ("Lò Thị", "Hương"), "xa1": ("Vàng A", "Sùng"),
    "xa2": ("Tao Văn", "Hải"), "reviewer": ("Đỗ Thị", "Lan"), "staff1": ("Nguyễn Văn", "Bình"),
    "staff2": ("Trần Thị", "Mai"),
}


def ensure_demo_users(province: Organization, districts: list[Organization],
                      communes: list[Organization]) -> list[User]:
    """Create or update the demo accounts and set their password.

    `communes`: the new communes of `xa1` and `xa2` (the first two formed from the first district).
    """
    wanted = [
        ("admin", None, Role.ADMIN, True),
        ("tinh1", province, Role.DISTRICT_STAFF, False),
        ("xa1", communes[0], Role.DISTRICT_STAFF, False),
        ("xa2", communes[1], Role.DISTRICT_STAFF, False),
        ("reviewer", province, Role.PROVINCIAL_REVIEWER, False),
        ("staff1", districts[0], Role.DISTRICT_STAFF, False),
        ("staff2", districts[1], Role.DISTRICT_STAFF, False),
    ]
    password = make_password(settings.DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    users = []
    for username, organization, role, superuser in wanted:
        user, _ = User.objects.get_or_create(username=username)
        user.organization = organization
        user.last_name, user.first_name = DEMO_PEOPLE[username]
        user.role = role
        user.is_staff = role == Role.ADMIN  # the admin site is for system administrators only
        user.is_superuser = superuser
        user.is_active = True
        user.password = password
        user.save()
        users.append(user)
    return users


def demo_users_text() -> str:
    """The demo accounts that exist, one line each; empty when there are none."""
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES).select_related("organization")}
    lines = []
    for username in DEMO_USERNAMES:
        user = users.get(username)
        if user is None:
            continue
        role = ROLE_LABELS.get(user.role, user.get_role_display())
        if user.role == Role.DISTRICT_STAFF and user.organization and user.organization.kind == OrganizationKind.COMMUNE:
            role = COMMUNE_STAFF_LABEL
        place = f", {user.organization.name}" if user.organization_id else ""
        lines.append(f"  {username} / {settings.DEMO_PASSWORD} ({role}{place})")
    if not lines:
        return ""
    return "\n".join(["Tài khoản dùng thử:", *lines])
