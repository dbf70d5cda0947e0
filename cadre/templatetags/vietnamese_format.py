"""Template filters that format through cadre.vietnamese, so pages match the exports."""
from django import template

from cadre import vietnamese
from cadre.services.versions import person_label

register = template.Library()


@register.filter
def vn_date(value):
    """date(2023, 7, 2) -> "02/07/2023"; empty for None."""
    return vietnamese.format_date_input(value)


@register.filter
def vn_date_or_now(value):
    """The end of a period: its date, or "nay" when it is still open."""
    return vietnamese.format_date_input(value) if value else "nay"


@register.filter
def vn_int(value):
    """4809 -> "4.809"."""
    return vietnamese.format_int(value)


@register.filter
def vn_percent(value):
    """Decimal("15.789") -> "15,79%"."""
    return vietnamese.format_percent(value)


@register.filter
def person(user, username=""):
    """A user by their full name (cadre.services.versions.person_label): "Trần Văn B"."""
    return person_label(user, username or "")


@register.filter
def person_with_account(user, username=""):
    """"Trần Văn B (staff2)", where accounts are told apart (audit log)."""
    return person_label(user, username or "", with_account=True)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None or "" removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def page_numbers(paginator, number):
    """The pages a pager links to: the first, the last and two either side of the current one, with "…"
    for the pages left out (Paginator.get_elided_page_range)."""
    return [str(item) if item == paginator.ELLIPSIS else item
            for item in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)]


@register.filter
def vn_two(value):
    """An exact report value (Fraction, Decimal) as "37,14"; "-" when there is none."""

    return vietnamese.vietnamese_two_places(value)


@register.filter
def target_text(target):
    """A report row's target: "50%", "35% trở lên", "35% - 40%", "không quá 5%"; "-" without one."""
    if target is None:
        return "-"

    def percent(value):
        return vietnamese.vietnamese_two_places(value) + "%"

    if target.value is not None:
        return percent(target.value)
    if target.min is not None and target.max is not None:
        return f"{percent(target.min)} - {percent(target.max)}"
    if target.min is not None:
        return f"{percent(target.min)} trở lên"
    return f"không quá {percent(target.max)}"


@register.filter
def vs_target_text(values):
    """One comparison per bound, joined as in seed 002: "38,08% - 33,32%"."""
    if not values:
        return "-"

    return " - ".join(vietnamese.vietnamese_two_places(value) + ("%" if value is not None else "") for value in values)


@register.simple_tag
def select_options(field, choices=None):
    """The <option> list of a select, built directly: large lists (organizations) render fast.

    `choices` defaults to the field's own; the bound value is marked selected.
    """
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, (list, tuple)) else {"" if value is None else str(value)}
    parts = []
    for option_value, label in (field.field.choices if choices is None else choices):
        option_value = "" if option_value is None else str(option_value)
        mark = " selected" if option_value in selected else ""
        parts.append(f'<option value="{escape(option_value)}"{mark}>{escape(label)}</option>')
    return mark_safe("".join(parts))


@register.filter
def sheet_title(entity):
    """"ChucVu" -> "Chức vụ": the workbook sheet a change record is about, in words."""
    from cadre.exchange.workbook_format import sheet_title

    return sheet_title(entity)


@register.filter
def audit_text(entry):
    """An audit entry in words: who, what (field by field), when, from where (cadre.audit_log)."""
    from cadre.audit_log import entry_text

    return entry_text(entry)
