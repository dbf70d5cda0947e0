"""Query filters of the list endpoints, with django-filter, matching the pages' filters.

- organizations: kind, parent (code), exists_on (date), q (name or code);
- officials: the officials page's own OfficialFilter (cadre.forms), under English names, related rows by
  code (see OFFICIAL_FILTER_NAMES); its errors come back under the names the caller used;
- audit: entity, action, user (user name), official (id), from / to (dates).
"""
from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from cadre.audit_log import ENTITY_TITLES
from cadre.forms import BoundedDateFilter, OfficialFilter
from cadre.models import ChangeAction, ChangeRecord, EthnicGroup, Organization, OrganizationKind, QualificationLevel

DATE_INVALID = "Ngày phải có dạng YYYY-MM-DD (hoặc dd/mm/yyyy), ví dụ 2025-07-01."


def _choice_error(what: str, choices) -> dict:
    return {"invalid_choice": f"{what} “%(value)s” không có; chỉ có: {', '.join(str(c) for c in choices)}."}


# --- organizations ---------------------------------------------------------------------------------------


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=OrganizationKind.choices, label="Loại tổ chức",
        error_messages=_choice_error("Loại tổ chức", OrganizationKind.values))
    parent = django_filters.CharFilter(method="filter_parent", label="Mã tổ chức cấp trên (chỉ các đơn vị trực thuộc trực tiếp)",
                                       max_length=60, error_messages={"max_length": "Mã tổ chức dài tối đa 60 ký tự."})
    exists_on = BoundedDateFilter(method="filter_exists_on", label="Chỉ các tổ chức tồn tại vào ngày này",
                                  error_messages={"invalid": DATE_INVALID})
    q = django_filters.CharFilter(method="filter_search", label="Tìm theo tên hoặc mã", max_length=200,
                                  error_messages={"max_length": "Từ khóa dài tối đa 200 ký tự."})

    class Meta:
        model = Organization
        fields = []

    def filter_parent(self, queryset, name, value):
        return queryset.filter(parent__code__iexact=value.strip())

    def filter_exists_on(self, queryset, name, value):
        return queryset.existing_on(value)

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(name__icontains=word) | Q(code__icontains=word))
        return queryset


# --- officials ---------------------------------------------------------------------------------------------

# API name: the officials page's name (cadre.forms.OfficialFilter).
OFFICIAL_FILTER_NAMES = {
    "q": "q", "on": "ngay", "organization": "to_chuc", "population": "doi_tuong", "title": "chuc_vu",
    "gender": "gioi_tinh", "ethnic_group": "dan_toc", "age_band": "do_tuoi", "level": "trinh_do",
    "party_member": "dang_vien", "rating_year": "nam_danh_gia", "rating": "xep_loai",
}
_API_NAME = {page: api for api, page in OFFICIAL_FILTER_NAMES.items()}
# Filters whose choice is a row named by its code in the API.
_BY_CODE = {"to_chuc": "Tổ chức", "doi_tuong": "Đối tượng", "chuc_vu": "Chức vụ"}


def _ethnic_group(value: str) -> str:
    if value.lower() == "dtts":
        return "dtts"
    found = EthnicGroup.objects.filter(name__iexact=value.strip()).values_list("pk", flat=True).first()
    if found is None:
        raise ValueError(f"Không có dân tộc “{value}” trong danh mục (ghi tên, ví dụ Thái, hoặc dtts: mọi dân tộc thiểu số).")
    return str(found)


def _level(value: str) -> str:
    type_code, _, code = value.partition(":")
    found = QualificationLevel.objects.filter(
        qualification_type__code__iexact=type_code.strip(), code__iexact=code.strip(),
        qualification_type__is_ranked=True,
    ).values_list("pk", flat=True).first()
    if found is None:
        raise ValueError(f"Không có trình độ “{value}”: ghi loại và trình độ, ví dụ CHUYEN_MON:DAI_HOC.")
    return str(found)


def _party_member(value: str) -> str:
    answers = {"true": "co", "false": "khong"}
    if value.lower() not in answers:
        raise ValueError("Ghi true (là đảng viên) hoặc false (chưa là đảng viên).")
    return answers[value.lower()]


_CONVERT = {"dan_toc": _ethnic_group, "trinh_do": _level, "dang_vien": _party_member}


def official_filter(params, *, user, queryset) -> tuple[OfficialFilter, dict[str, list[str]]]:
    """The officials page's filter over `queryset`, given the API's parameters; (filter, errors by API name)."""
    data, errors = {}, {}
    for api_name, page_name in OFFICIAL_FILTER_NAMES.items():
        value = params.get(api_name)
        if value in (None, ""):
            continue
        try:
            data[page_name] = _CONVERT[page_name](value) if page_name in _CONVERT else value
        except ValueError as problem:
            errors[api_name] = [str(problem)]
    filters = OfficialFilter(data, queryset=queryset, user=user)
    fields = filters.form.fields
    for page_name, what in _BY_CODE.items():
        fields[page_name].to_field_name = "code"
        fields[page_name].error_messages["invalid_choice"] = (
            f"{what} có mã “%(value)s” không có" + (" hoặc nằm ngoài phạm vi của bạn." if page_name == "to_chuc" else ".")
        )
    fields["ngay"].error_messages["invalid"] = DATE_INVALID
    fields["gioi_tinh"].error_messages["invalid_choice"] = "Giới tính “%(value)s” không có; chỉ có NAM, NU."
    fields["do_tuoi"].error_messages["invalid_choice"] = (
        "Độ tuổi “%(value)s” không có; chỉ có " + ", ".join(c for c, _ in fields["do_tuoi"].choices if c) + ".")
    fields["xep_loai"].error_messages["invalid_choice"] = "Xếp loại “%(value)s” không có; chỉ có HTXSNV, HTTNV, HTNV, KHTNV."
    if not filters.form.is_valid():
        for page_name, messages in filters.form.errors.items():
            errors.setdefault(_API_NAME.get(page_name, page_name), []).extend(messages)
    return filters, errors


# --- audit ---------------------------------------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", "“to” (đến ngày) phải sau hoặc bằng “from” (từ ngày).")
        return data


class IdFilter(django_filters.Filter):
    field_class = forms.IntegerField


class AuditFilter(django_filters.FilterSet):
    entity = django_filters.ChoiceFilter(choices=list(ENTITY_TITLES.items()), label="Đối tượng (trang của tệp trao đổi…)",
                                         error_messages=_choice_error("Đối tượng", ENTITY_TITLES))
    action = django_filters.ChoiceFilter(choices=ChangeAction.choices, label="Thao tác",
                                         error_messages=_choice_error("Thao tác", ChangeAction.values))
    user = django_filters.CharFilter(field_name="username", label="Tên đăng nhập của người thực hiện", max_length=150,
                                     error_messages={"max_length": "Tên đăng nhập dài tối đa 150 ký tự."})
    official = IdFilter(field_name="official_id", label="Mã số (id) của cán bộ",
                                           min_value=1, max_value=2**63 - 1,
                                           error_messages={"invalid": "Mã số cán bộ phải là số nguyên dương.",
                                                           "min_value": "Mã số cán bộ phải là số nguyên dương.",
                                                           "max_value": "Mã số cán bộ quá lớn."})
    date_from = BoundedDateFilter(field_name="created_at", lookup_expr="date__gte", label="Từ ngày",
                                  error_messages={"invalid": DATE_INVALID})
    date_to = BoundedDateFilter(field_name="created_at", lookup_expr="date__lte", label="Đến ngày",
                                error_messages={"invalid": DATE_INVALID})

    class Meta:
        model = ChangeRecord
        fields = []
        form = AuditFilterForm


# The parameters are "from" and "to" (a class attribute cannot be named "from").
AuditFilter.base_filters["from"] = AuditFilter.base_filters.pop("date_from")
AuditFilter.base_filters["to"] = AuditFilter.base_filters.pop("date_to")
