"""The report form: organization, plan, dates (dd/mm/yyyy), rating years, target year."""
from __future__ import annotations

from urllib.parse import urlencode

from django import forms

from cadre.forms import BoundedDateField, OrganizationCodeField, OrganizationSearchInput, year_field
from cadre.models import Organization
from cadre.vietnamese import format_date_input
from planning.models import Plan
from reports.fetch import load_plan
from reports.parameters import (
    ReportParameterErrors,
    ReportRequest,
    check_request,
    format_years,
    parse_years,
    rating_coverage_minimum,
)
from reports.presentation import share_text

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": "Ngày phải có dạng dd/mm/yyyy, ví dụ 31/12/2020.", "required": "Hãy nhập ngày."}


class YearsField(forms.CharField):
    """Rating years typed as "2022" or "2021-2022"; cleans to a tuple of years (empty: None)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 9)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_years(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def default_rating_years_help() -> str:
    """The help text of a rating-years field: the rule check_request applies when it is left empty."""
    return (
        f"Ví dụ 2021-2022. Để trống: năm gần nhất trước năm số liệu có ít nhất "
        f"{share_text(rating_coverage_minimum())} cán bộ được đánh giá (nếu chưa có: năm trước năm số liệu)."
    )


class DateInput(forms.DateInput):
    def __init__(self):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 11})


class ReportForm(forms.Form):
    org = OrganizationCodeField(
        label="Tổ chức", widget=OrganizationSearchInput(attrs={"data-date-field": "id_as_of"}),
        error_messages={"required": "Hãy chọn tổ chức.", "invalid_choice": "Tổ chức không có trong phạm vi của bạn."},
    )
    plan = forms.ModelChoiceField(
        label="Nghị quyết, đề án", queryset=Plan.objects.none(), to_field_name="code",
        error_messages={"required": "Hãy chọn nghị quyết, đề án.", "invalid_choice": "Không có nghị quyết, đề án này."},
    )
    as_of = BoundedDateField(label="Ngày số liệu thực hiện", input_formats=DATE_FORMATS, widget=DateInput(),
                             error_messages=DATE_ERRORS)
    rating_years = YearsField(label="Năm đánh giá",
                                   widget=forms.TextInput(attrs={"placeholder": "2021-2022", "size": 9}))
    baseline = BoundedDateField(label="Ngày số liệu năm gốc", input_formats=DATE_FORMATS, widget=DateInput(),
                                error_messages=DATE_ERRORS)
    baseline_rating_years = YearsField(label="Năm đánh giá (năm gốc)",
                                            help_text="Để trống: năm của ngày gốc.",
                                            widget=forms.TextInput(attrs={"placeholder": "2020", "size": 9}))
    target_year = year_field("Năm mục tiêu", required=False, min_value=1945, max_value=2100,
                             help_text="Để trống: năm mục tiêu sớm nhất của kế hoạch.",
                             widget=forms.NumberInput(attrs={"placeholder": "2025", "class": "year-input"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.visible_to(user).order_by("path")
        self.fields["plan"].queryset = Plan.objects.visible_to(user).order_by("-issued_on", "code")
        self.fields["rating_years"].help_text = default_rating_years_help()
        self.report_request: ReportRequest | None = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.report_request = check_request(
                organization=data["org"],
                plan=load_plan(data["plan"].code),
                as_of=data["as_of"],
                rating_years=data["rating_years"],
                baseline=data["baseline"],
                baseline_rating_years=data["baseline_rating_years"],
                target_year=data["target_year"],
            )
        except ReportParameterErrors as error:
            for field, message in error.errors:
                self.add_error(field, message)
        return data

    def query_string(self, organization: Organization | None = None) -> str:
        """The request's parameters, defaults filled in, for links to the lists and downloads
        (for another organization of the scope when one is given)."""
        request = self.report_request
        return urlencode({
            "org": (organization or request.organization).code,
            "plan": request.plan.code,
            "as_of": format_date_input(request.as_of),
            "rating_years": format_years(request.rating_years),
            "baseline": format_date_input(request.baseline),
            "baseline_rating_years": format_years(request.baseline_rating_years),
            "target_year": request.target_year or "",
        })


class PlanPreviewForm(forms.Form):
    """What the plan editor's preview counts a draft over: an organization of the user's subtree, a date,
    optionally the rating years (reports/plan_preview.py)."""

    org = OrganizationCodeField(
        label="Tổ chức",
        error_messages={"required": "Hãy chọn tổ chức để xem trước số liệu.",
                        "invalid_choice": "Tổ chức không có trong phạm vi của bạn."},
    )
    as_of = BoundedDateField(label="Ngày số liệu", input_formats=["%Y-%m-%d", *DATE_FORMATS],
                             error_messages={**DATE_ERRORS, "required": "Hãy nhập ngày số liệu."})
    rating_years = YearsField(label="Năm đánh giá")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.visible_to(user)

    def problems(self) -> list[str]:
        """Every error, each with its field's label, in the fields' order."""
        return [f"{self.fields[name].label}: {message}"
                for name in self.fields for message in self.errors.get(name, [])]
