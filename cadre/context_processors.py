"""What every page shows whoever is signed in: the demo-data notice and the user's own committee."""
from cadre.committees import department_name
from cadre.models import Organization

NEUTRAL_COMMITTEE = "Ban Tổ chức cấp ủy"


def demo_banner(request):
    """Tell every page whether the database holds generated demo data."""
    return {"has_demo_data": Organization.objects.filter(is_demo=True).exists()}


def committee(request):
    """"Ban Tổ chức Tỉnh ủy Lai Châu", "Ban Tổ chức Huyện ủy Phong Thổ", "Đảng ủy xã Mường So"; neutral words
    for a visitor or an account without an organization."""
    user = getattr(request, "user", None)
    organization = getattr(user, "organization", None) if user is not None and user.is_authenticated else None
    return {"committee_name": department_name(organization) if organization is not None else NEUTRAL_COMMITTEE}


def admin_link(request):
    """Whether the top bar offers "Quản trị": only to those the admin site admits and who may see at least one
    of its pages there (an admitted account without any permission would find an empty site). Computed only
    when the template asks, and the permission lookup only for admitted non-superusers."""
    user = getattr(request, "user", None)

    def usable() -> bool:
        if user is None or not getattr(user, "can_use_admin", False):
            return False
        if user.is_superuser:
            return True
        from django.contrib import admin

        return bool(admin.site.get_app_list(request))

    return {"show_admin_link": usable}
