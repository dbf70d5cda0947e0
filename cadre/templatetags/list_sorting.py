"""Sortable column headers: a link that sorts by the column (again: the other way), and aria-sort."""
from django import template
from django.utils.html import format_html

from cadre.templatetags.vietnamese_format import query_with

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, label: str, key: str, css_class: str = ""):
    """<th> for a sortable column; `context["sort"]` is the list's current key ("ten", "-ngay_sinh")."""
    current = context.get("sort", "")
    if current == key:
        state, next_key, arrow = "ascending", f"-{key}", " ▲"
    elif current == f"-{key}":
        state, next_key, arrow = "descending", key, " ▼"
    else:
        state, next_key, arrow = "none", key, ""
    href = query_with(context, sap_xep=next_key, trang=None)
    return format_html(
        '<th scope="col"{} aria-sort="{}"><a class="sort" href="{}">{}<span aria-hidden="true">{}</span></a></th>',
        format_html(' class="{}"', css_class) if css_class else "", state, href, label, arrow,
    )
