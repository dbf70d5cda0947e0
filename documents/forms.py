"""The composition form of a report document, and the template upload form."""
from __future__ import annotations

from django import forms

from cadre.forms import BoundedDateField, OrganizationCodeField, OrganizationSearchInput, year_field
from cadre.models import Organization
from cadre.services.versions import VersionCheckedForm
from documents import manual_figures as manual
from documents.facts import PLAN_REVIEW, STAFF_SECTIONS
from cadre.committees import issuer_of
from documents.models import DocumentTemplate, ReportDocument
from reports.issue import number_is_valid
from planning.models import Plan
from reports.fetch import load_plan
from reports.forms import (
    DATE_ERRORS,
    DATE_FORMATS,
    DateInput,
    YearsField,
    default_rating_years_help,
)
from reports.parameters import ReportParameterErrors, check_request, format_years

MARKUP_HELP = (
    "Mỗi dòng là một đoạn văn. Viết **chữ đậm**, *chữ nghiêng*; dòng bắt đầu bằng “- ” hoặc “+ ” "
    "được giữ nguyên như trong văn bản. Chèn số liệu nhập tay bằng [[so_lieu:mã]], ví dụ [[so_lieu:dan_so]]."
)
# Errors of reports.parameters.check_request, by its field names, shown on this form's fields.
REQUEST_FIELDS = {"baseline": "baseline_as_of", "rating_years": "rating_years",
                  "baseline_rating_years": "baseline_rating_years", "target_year": "target_year"}


class ReportDocumentForm(VersionCheckedForm, forms.ModelForm):
    # Saving over a newer version of the document is refused (cadre.services.versions).
    stale_entity, stale_noun = "VanBan", "Văn bản"

    rating_years = YearsField(
        label="Năm đánh giá, xếp loại",
        widget=forms.TextInput(attrs={"placeholder": "2021-2022", "size": 9}),
    )
    baseline_rating_years = YearsField(
        label="Năm đánh giá (năm gốc)", help_text="Để trống: năm của ngày gốc.",
        widget=forms.TextInput(attrs={"placeholder": "2020", "size": 9}),
    )

    class Meta:
        model = ReportDocument
        fields = [
            "kind", "organization", "plan", "as_of", "rating_years", "baseline_as_of", "baseline_rating_years",
            "target_year", "events_from", "term",
            "number", "issued_on", "place", "superior_body", "issuing_body", "subject",
            "signer_authority", "signer_title", "signer_name", "recipients",
            *(key for key, _ in STAFF_SECTIONS),
            "template",
        ]
        field_classes = {"organization": OrganizationCodeField, "as_of": BoundedDateField,
                         "baseline_as_of": BoundedDateField, "events_from": BoundedDateField,
                         "issued_on": BoundedDateField}
        widgets = {
            "as_of": DateInput(), "baseline_as_of": DateInput(), "events_from": DateInput(), "issued_on": DateInput(),
            "organization": OrganizationSearchInput(attrs={"data-date-field": "id_as_of", "data-issuers": "1"}),
            "subject": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
            **{key: forms.Textarea(attrs={"rows": 6, "class": "markup"}) for key, _ in STAFF_SECTIONS},
            "target_year": forms.NumberInput(attrs={"placeholder": "2025", "class": "year-input"}),
        }
        error_messages = {
            "organization": {"required": "Hãy chọn cấp ủy báo cáo.",
                             "invalid_choice": "Tổ chức không có trong phạm vi của bạn."},
            "as_of": DATE_ERRORS,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("as_of", "baseline_as_of", "events_from", "issued_on"):
            self.fields[name].input_formats = DATE_FORMATS
            self.fields[name].error_messages.update({"invalid": DATE_ERRORS["invalid"]})
        target_year = self.fields["target_year"]
        self.fields["target_year"] = year_field(target_year.label, required=False, min_value=1945, max_value=2100,
                                                widget=target_year.widget)
        # Only committees that issue reports are offered (not every cell and department of the subtree).
        self.fields["organization"].queryset = Organization.objects.visible_to(user).report_issuers().order_by("path")
        self.fields["plan"].queryset = (
            Plan.objects.visible_to(user).select_related("organization").order_by("-issued_on", "code")
        )
        self.fields["plan"].help_text = "Bắt buộc với báo cáo sơ kết, tổng kết; các Biểu lấy theo kế hoạch này."
        self.fields["template"].queryset = DocumentTemplate.objects.visible_to(user).order_by("name")
        self.fields["template"].empty_label = "Mẫu có sẵn của hệ thống"
        self.fields["rating_years"].help_text = default_rating_years_help()
        self.fields["baseline_as_of"].help_text = "Cột “Thực hiện năm …” đầu tiên của các Biểu."
        self.fields["events_from"].help_text = "Để trống: từ ngày sau ngày năm gốc."
        for key, _ in STAFF_SECTIONS:
            self.fields[key].help_text = MARKUP_HELP
        organization = getattr(user, "organization", None)
        if self.instance.pk is None and not self.is_bound and organization is not None:
            self.initial.setdefault("recipients", "\n".join(issuer_of(organization).default_recipients()))
        if self.instance.pk and not self.is_bound:
            self.initial["rating_years"] = format_years(self.instance.rating_years)
            self.initial["baseline_rating_years"] = format_years(self.instance.baseline_rating_years)

    def stale_key(self) -> str:
        return str(self.instance.pk)

    def clean_number(self):
        number = self.cleaned_data.get("number", "").strip()
        if number and not number_is_valid(number):
            raise forms.ValidationError("Số hiệu phải có dạng 408-BC/HU (số, gạch ngang, loại văn bản/cơ quan).")
        return number

    def clean(self):
        data = super().clean()
        plan, baseline = data.get("plan"), data.get("baseline_as_of")
        if data.get("kind") == PLAN_REVIEW and not plan and "plan" not in self.errors:
            self.add_error("plan", "Báo cáo sơ kết, tổng kết cần chọn nghị quyết, đề án.")
        if plan and not baseline and "baseline_as_of" not in self.errors:
            self.add_error("baseline_as_of", "Hãy nhập ngày số liệu năm gốc để so sánh trong các Biểu.")
        as_of, issued_on = data.get("as_of"), data.get("issued_on")
        if as_of and issued_on and issued_on < as_of:
            self.add_error("issued_on", "Ngày ban hành không được trước ngày số liệu.")
        self._check_placeholders(data)
        template, organization = data.get("template"), data.get("organization")
        if template and organization and not organization.is_within(template.organization):
            self.add_error("template", "Mẫu này thuộc tổ chức khác; hãy chọn mẫu của cấp ủy báo cáo hoặc cấp trên.")
        if self.errors or not plan or not baseline:
            return data
        try:
            request = check_request(
                organization=organization, plan=load_plan(plan.code), as_of=as_of,
                rating_years=data.get("rating_years") or None, baseline=baseline,
                baseline_rating_years=data.get("baseline_rating_years") or None,
                target_year=data.get("target_year"),
            )
        except ReportParameterErrors as error:
            for field, message in error.errors:
                self.add_error(REQUEST_FIELDS.get(field), message)
            return data
        if not data.get("rating_years"):
            # The default rating year is kept with the document, so that it does not change later
            # as more ratings are entered; the page shows the year and can be edited.
            data["rating_years"] = request.rating_years
        return data

    def _check_placeholders(self, data: dict) -> None:
        """Every [[so_lieu:key]] of the staff's text names a figure the document has (a new one has none)."""
        keys = set(self.instance.manual_figures.values_list("key", flat=True)) if self.instance.pk else set()
        for key, _ in STAFF_SECTIONS:
            unknown = manual.unknown_placeholders(data.get(key), keys)
            if unknown and key not in self.errors:
                self.add_error(key, manual.unknown_placeholder_message(unknown))

    def save(self, commit=True):
        document = super().save(commit=False)
        for name in ("rating_years", "baseline_rating_years"):
            years = self.cleaned_data.get(name) or ()
            setattr(document, f"{name[:-1]}_from", years[0] if years else None)
            setattr(document, f"{name[:-1]}_to", years[-1] if years else None)
        if commit:
            document.save()
        return document


class TemplateUploadForm(forms.Form):
    organization = OrganizationCodeField(
        label="Của cấp ủy",
        error_messages={"required": "Hãy chọn cấp ủy.", "invalid_choice": "Tổ chức không có trong phạm vi của bạn."},
    )
    name = forms.CharField(label="Tên mẫu", max_length=200, error_messages={"required": "Hãy đặt tên cho mẫu."})
    file = forms.FileField(
        label="Tệp mẫu (.docx)", error_messages={"required": "Hãy chọn tệp mẫu .docx."},
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user).order_by("path")
        if getattr(user, "organization", None) is not None:
            self.fields["organization"].initial = user.organization

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError("Chỉ nhận tệp Word .docx.")
        return upload


# --- manual figures -------------------------------------------------------------------------------


class ManualFigureForm(forms.Form):
    """One row of the document's manual figures; a row left entirely empty is no figure."""

    key = forms.CharField(label="Mã", max_length=manual.KEY_MAX_LENGTH, required=False,
                          widget=forms.TextInput(attrs={"size": 22, "spellcheck": "false", "autocapitalize": "off"}),
                          error_messages={"max_length": f"Mã dài quá {manual.KEY_MAX_LENGTH} ký tự."})
    label = forms.CharField(label="Tên số liệu", max_length=manual.LABEL_MAX_LENGTH, required=False,
                            widget=forms.TextInput(attrs={"size": 40}),
                            error_messages={"max_length": f"Tên dài quá {manual.LABEL_MAX_LENGTH} ký tự."})
    value = forms.CharField(label="Giá trị", max_length=40, required=False,
                            widget=forms.TextInput(attrs={"size": 12, "inputmode": "decimal"}),
                            error_messages={"max_length": "Giá trị quá dài."})
    unit = forms.CharField(label="Đơn vị tính", max_length=manual.UNIT_MAX_LENGTH, required=False,
                           widget=forms.TextInput(attrs={"size": 9}),
                           error_messages={"max_length": f"Đơn vị dài quá {manual.UNIT_MAX_LENGTH} ký tự."})
    note = forms.CharField(label="Ghi chú", max_length=manual.NOTE_MAX_LENGTH, required=False,
                           widget=forms.TextInput(attrs={"size": 24}),
                           error_messages={"max_length": f"Ghi chú dài quá {manual.NOTE_MAX_LENGTH} ký tự."})

    FIELDS = ("key", "label", "value", "unit", "note")

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(str(data.get(name) or "").strip() for name in self.FIELDS)

    def clean_key(self):
        return self.cleaned_data.get("key", "").strip()

    def clean(self):
        data = super().clean()
        if self.is_blank or data.get("DELETE"):
            return data
        problem = manual.key_problem(data.get("key", ""))
        if problem and "key" not in self.errors:
            self.add_error("key", problem)
        if not data.get("label", "").strip() and "label" not in self.errors:
            self.add_error("label", "Hãy ghi tên số liệu (ví dụ Số cuộc kiểm tra).")
        if "value" not in self.errors:
            try:
                data["number"] = manual.parse_value(data.get("value", ""))
            except ValueError as error:
                self.add_error("value", str(error))
        return data

    def row(self) -> manual.ManualFigureRow:
        """The figure as the service takes it."""
        data = self.cleaned_data
        return manual.ManualFigureRow(key=data["key"], label=data["label"].strip(), value=data["number"],
                                      unit=data.get("unit", "").strip(), note=data.get("note", "").strip())


class BaseManualFigureFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": "Biểu mẫu số liệu không đầy đủ; hãy mở lại trang.",
        "too_many_forms": f"Mỗi văn bản có tối đa {manual.MAX_FIGURES} số liệu nhập tay.",
        "too_few_forms": "Thiếu số liệu.",
    }

    def clean(self):
        """A key once per document (named on the later row, whatever else is wrong elsewhere)."""
        first_row: dict[str, int] = {}
        for number, form in enumerate(self.forms, 1):
            data = getattr(form, "cleaned_data", {})
            key = data.get("key")
            if not key or "key" in form.errors or form.is_blank or data.get("DELETE"):
                continue
            if key in first_row:
                form.add_error("key", f"Mã “{key}” trùng với dòng {first_row[key]}; mỗi số liệu một mã riêng.")
            else:
                first_row[key] = number

    def rows(self) -> list[manual.ManualFigureRow]:
        """The figures kept, in the order of the rows (empty and ticked-for-removal rows left out)."""
        return [form.row() for form in self.forms if not form.is_blank and not form.cleaned_data.get("DELETE")]


ManualFigureFormSet = forms.formset_factory(
    ManualFigureForm, formset=BaseManualFigureFormSet, extra=0, can_delete=True,
    max_num=manual.MAX_FIGURES, validate_max=True, absolute_max=manual.MAX_FIGURES,
)
MANUAL_FIGURES_PREFIX = "so_lieu"


class DocumentVersionForm(forms.Form):
    """The version of the document the figures page was read at (cadre.services.versions)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1,
                                 error_messages={"invalid": "Phiên bản của biểu mẫu không hợp lệ; hãy mở lại trang."})
