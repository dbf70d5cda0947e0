"""The committee the signed-in user works for, named on every page (title, brand, footer)."""
from documents.issuer import issuer_of

NEUTRAL_COMMITTEE = "Ban Tổ chức cấp ủy"


def committee(request):
    """"Ban Tổ chức Tỉnh ủy Lai Châu", "Ban Tổ chức Huyện ủy Phong Thổ", "Đảng ủy xã Mường So"; neutral words
    for a visitor or an account without an organization."""
    user = getattr(request, "user", None)
    organization = getattr(user, "organization", None) if user is not None and user.is_authenticated else None
    return {"committee_name": issuer_of(organization).department if organization is not None else NEUTRAL_COMMITTEE}
