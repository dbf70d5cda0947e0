"""Forms of the web pages: the officials filter, officials and their dated records, the import upload.

The record rules (end not before start, no future dates, CCCD of 12 digits
and unique, age of at least 16, one rating per year) are the import's rules;
where the import exposes a check (cadre.exchange.cell_values) the form calls
it, so the page and the workbook give the same message.
"""
from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone

from cadre import position_rules
from cadre.exchange.cell_values import to_citizen_id, to_term
from cadre.exchange.workbook_reader import too_large_message
from cadre.exchange.workbook_validation import CITIZEN_ID_USED_ELSEWHERE, MINIMUM_AGE
from cadre.models import (
    CareerEvent,
    CareerEventKind,
    EthnicGroup,
    Evaluation,
    Gender,
    Official,
    Organization,
    OrganizationKind,
    PlanningEntry,
    Population,
    PositionRecord,
    PositionTitle,
    QualificationLevel,
    QualificationRecord,
    Rating,
)
from cadre.organization_order import in_tree_order
from cadre.selectors.filters import AGE_BANDS, birth_date_range, holding_titles, level_at_least, rated
from cadre.services.versions import VersionedForm
from cadre.vietnamese import (
    DATE_MAX,
    DATE_MIN,
    YEAR_RANGE_TEXT,
    age_on,
    check_date_range,
    format_date_input,
    not_a_real_date,
)

DATE_PLACEHOLDER = "dd/mm/yyyy"


def today() -> dt.date:
    return timezone.localdate()


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy (the browser's date picker would show another format)."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off", **(attrs or {})},
            format="%d/%m/%Y",
        )


class BoundedDateField(forms.DateField):
    """A date typed by a user, between DATE_MIN and DATE_MAX (cadre.vietnamese); every form's dates use it."""

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > 32:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            date = super().to_python(value)
        except (OverflowError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        except forms.ValidationError:
            # "31/02/2023" has the right shape but names no day: say so rather than "wrong format".
            if isinstance(value, str) and not_a_real_date(value):
                raise forms.ValidationError(
                    f"Ngày không tồn tại: “{value.strip()}”.", code="nonexistent") from None
            raise
        if date is not None:
            try:
                check_date_range(date)
            except ValueError as error:
                raise forms.ValidationError(str(error), code="out_of_range") from None
        return date


class BoundedDateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


def year_field(label: str, *, min_value: int = DATE_MIN.year, max_value: int = DATE_MAX.year,
               **kwargs) -> forms.IntegerField:
    """A year typed by a user, by default within the years of BoundedDateField; Vietnamese messages."""
    message = f"{label} phải trong khoảng {min_value} – {max_value}."
    return forms.IntegerField(label=label, min_value=min_value, max_value=max_value, error_messages={
        "invalid": f"{label} phải là một năm, ví dụ 2025.", "min_value": message, "max_value": message,
    }, **kwargs)


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return BoundedDateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/09/1985."},
    )


def not_in_future(value: dt.date | None) -> dt.date | None:
    if value and value > today():
        raise forms.ValidationError(f"Ngày ở tương lai (sau hôm nay): “{format_date_input(value)}”.")
    return value


def organization_choices(user):
    """Organizations the user may pick: their subtree, in tree order."""
    return Organization.objects.visible_to(user).order_by("path")


class OrganizationSearchInput(forms.TextInput):
    """A text field for an organization, with a list of matches as one types (static/js/organization_search.js:
    the scoped search /to-chuc/tim/). Without JavaScript one types the code."""

    def __init__(self, attrs=None):
        super().__init__(attrs={
            "autocomplete": "off", "spellcheck": "false", "size": 40, "maxlength": 300,
            "placeholder": "Gõ tên hoặc mã tổ chức", "class": "organization-search", **(attrs or {}),
        })

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-search-url"] = reverse("cadre:organization_search")
        return context


class OrganizationCodeField(forms.ModelChoiceField):
    """An organization of the user's subtree typed as its code, or as the search list's "Name (CODE)".

    The queryset (set by the form: the user's subtree) is the only way in, so a code outside it gets the
    same message as an unknown one. What was typed stays in the field when the form has errors. A number
    that is no organization's code is taken as an organization's id (older links and clients sent ids),
    within the same queryset.
    """

    widget = OrganizationSearchInput
    default_error_messages = {
        "invalid_choice": "Tổ chức không có trong phạm vi của bạn.",
    }
    help_text_default = "Gõ tên hoặc mã rồi chọn trong danh sách; không có danh sách thì gõ mã, ví dụ LC.PT."

    def __init__(self, queryset=None, **kwargs):
        kwargs.pop("to_field_name", None)
        kwargs.pop("empty_label", None)
        kwargs.pop("limit_choices_to", None)
        kwargs.pop("blank", None)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = self.help_text_default
        super().__init__(queryset if queryset is not None else Organization.objects.none(), **kwargs)

    @staticmethod
    def typed_code(value: str) -> str:
        """The code in what was typed: "Phường Phong Thổ (LC.PPT)" -> "LC.PPT"; a bare code as it is."""
        text = " ".join(str(value).split())
        if text.endswith(")") and "(" in text:
            return text[text.rindex("(") + 1:-1].strip()
        return text

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, Organization):
            value = value.code
        code = self.typed_code(value)
        # No code is longer than 60 characters or holds a NUL (which PostgreSQL refuses in a text parameter).
        found = self.queryset.filter(code__iexact=code).first() if len(code) <= 60 and "\x00" not in code else None
        if found is None and _is_small_id(code):
            found = self.queryset.filter(pk=int(code)).first()
        if found is None:
            # With the value, as Django's choice fields give it: a message may name it (api/form_input.py).
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"value": code[:60]})
        return found

    def prepare_value(self, value):
        """What the field shows: "Name (CODE)" for an organization (or its id, as a model form's initial
        value gives it); what was typed, as it was, on a bound form."""
        from cadre.selectors.organization_search import organization_label

        if isinstance(value, Organization):
            return organization_label(value)
        if isinstance(value, int) or (isinstance(value, str) and _is_small_id(value) and not self.queryset.filter(
                code__iexact=value).exists()):
            found = self.queryset.filter(pk=int(value)).first()
            return organization_label(found) if found else value
        return value


class OrganizationsSearchInput(forms.Textarea):
    """Several organizations, one per line as "Name (CODE)" (or bare codes). A search field beside it
    (static/js/organization_search.js, `data-append-to`) adds the chosen organization as a line; without
    JavaScript one types the codes."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 5, "cols": 60, "spellcheck": "false", "class": "organization-list",
                                "placeholder": "Mỗi dòng một tổ chức; ví dụ LC.PT.X1", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        """The lines of the field; several values of the name (older links and clients sent one id each)
        are read as one line each."""
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return "\n".join(str(value) for value in values if value not in (None, ""))

    @property
    def search_url(self) -> str:
        from django.urls import reverse

        return reverse("cadre:organization_search")


class OrganizationCodesField(forms.Field):
    """Several organizations of the user's subtree, typed as codes or as the search list's "Name (CODE)",
    one per line (commas and semicolons also separate bare codes). Like OrganizationCodeField, the
    queryset set by the form is the only way in: a code outside it gets the message of an unknown one,
    naming what was typed; what was typed stays in the field when the form has errors."""

    widget = OrganizationsSearchInput
    hidden_widget = forms.HiddenInput
    MAX_ORGANIZATIONS = 200
    default_error_messages = {
        "required": "Chọn ít nhất một tổ chức.",
        "invalid_choice": "Không có trong phạm vi quản lý của bạn: %(values)s.",
        "too_many": "Chọn nhiều nhất %(limit)s tổ chức một lần.",
    }

    def __init__(self, queryset=None, **kwargs):
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Organization.objects.none()

    @staticmethod
    def typed_codes(value) -> list[str]:
        """The codes in what was typed, in order, each once: "Xã A (LC.A), Xã B (LC.B)" and "LC.A; LC.B"."""
        codes: list[str] = []
        for line in str(value).replace("\r", "\n").split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            if line.endswith(")") and "(" in line:
                parts = [OrganizationCodeField.typed_code(line)]
            else:
                parts = [part.strip() for part in line.replace(";", ",").split(",")]
            codes.extend(part for part in parts if part and part.upper() not in {c.upper() for c in codes})
        return codes

    def to_python(self, value) -> list:
        if isinstance(value, (list, tuple)):
            value = "\n".join(item.code if isinstance(item, Organization) else str(item) for item in value)
        if value in self.empty_values or not str(value).strip():
            return []
        codes = self.typed_codes(value)
        if len(codes) > self.MAX_ORGANIZATIONS:
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many",
                                        params={"limit": self.MAX_ORGANIZATIONS})
        # No code is longer than 60 characters or holds a NUL (which PostgreSQL refuses in a text parameter).
        wanted = [code for code in codes if len(code) <= 60 and "\x00" not in code]
        by_code = {unit.code.upper(): unit for unit in self.queryset.annotate(code_upper=Upper("code")).filter(
            code_upper__in=[code.upper() for code in wanted])} if wanted else {}
        ids = [code for code in wanted if code.upper() not in by_code and _is_small_id(code)]
        if ids:  # older links and clients sent ids
            by_pk = self.queryset.in_bulk([int(code) for code in ids])
            by_code.update((code, by_pk[int(code)]) for code in ids if int(code) in by_pk)
        missing = [code[:60] for code in codes if code.upper() not in by_code]
        if missing:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"values": ", ".join(f"“{code}”" for code in missing)})
        chosen, seen = [], set()
        for code in codes:
            unit = by_code[code.upper()]
            if unit.pk not in seen:
                seen.add(unit.pk)
                chosen.append(unit)
        return chosen

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        """One "Name (CODE)" line per organization; what was typed, as it was, on a bound form."""
        from cadre.selectors.organization_search import organization_label

        if isinstance(value, (list, tuple)):
            return "\n".join(organization_label(item) if isinstance(item, Organization) else str(item)
                             for item in value)
        return value



# --- officials ----------------------------------------------------------


class OfficialForm(VersionedForm, forms.ModelForm):
    birth_date = date_field("Ngày sinh")
    party_joined_on = date_field("Ngày vào Đảng", required=False, help_text="Để trống nếu chưa là đảng viên.")

    class Meta:
        model = Official
        fields = [
            "code", "full_name", "gender", "birth_date", "ethnic_group", "citizen_id",
            "hometown_organization", "hometown_text", "party_joined_on",
        ]
        labels = {
            "code": "Mã cán bộ",
            "full_name": "Họ và tên",
            "gender": "Giới tính",
            "ethnic_group": "Dân tộc",
            "citizen_id": "Số CCCD",
            "hometown_organization": "Quê quán (xã trong danh mục)",
            "hometown_text": "Quê quán (ghi tự do)",
        }
        help_texts = {
            "code": "Mã dùng để đối chiếu khi nhập, xuất tệp Excel.",
            "citizen_id": "12 chữ số, có thể để trống.",
            "hometown_text": "Dùng khi quê quán không thuộc danh mục tổ chức.",
        }
        error_messages = {
            "citizen_id": {"unique": "Số CCCD này đã được dùng cho một cán bộ khác."},
            "code": {"unique": "Mã cán bộ này đã có trong hệ thống."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["gender"].choices = Gender.choices
        self.fields["ethnic_group"].empty_label = "— Chọn dân tộc —"
        # A text field with the scoped search list of communes, not a select of every commune.
        hometown = self.fields["hometown_organization"] = OrganizationCodeField(
            organization_choices(user).filter(kind=OrganizationKind.COMMUNE),
            required=False, label=self.fields["hometown_organization"].label,
            widget=OrganizationSearchInput(attrs={"data-kind": OrganizationKind.COMMUNE}),
            help_text="Gõ tên hoặc mã xã rồi chọn trong danh sách; để trống nếu không có trong danh mục.",
        )
        hometown.error_messages["invalid_choice"] = "Xã không có trong danh mục của phạm vi bạn quản lý."
        self.fields["citizen_id"].widget.attrs.update(inputmode="numeric", maxlength="12")
        if self.instance.pk:
            # The code is the key of re-imports and of the change history.
            self.fields["code"].disabled = True
            self.fields["code"].help_text = "Mã là khóa đối chiếu khi nhập tệp, không sửa được."

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_citizen_id(self):
        value = (self.cleaned_data.get("citizen_id") or "").strip()
        if not value:
            return None
        try:
            value = to_citizen_id(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        owner = Official.objects.filter(citizen_id=value).exclude(pk=self.instance.pk).first()
        if owner is not None:
            # The owner is named only to a user who may see them anyway.
            if Official.objects.visible_to(self.user).filter(pk=owner.pk).exists():
                raise forms.ValidationError(
                    f"Số CCCD này đã được dùng cho cán bộ “{owner.full_name}” (mã {owner.code})."
                )
            raise forms.ValidationError(CITIZEN_ID_USED_ELSEWHERE)
        return value

    def clean_birth_date(self):
        value = not_in_future(self.cleaned_data["birth_date"])
        if age_on(value, today()) < MINIMUM_AGE:
            raise forms.ValidationError(f"Chưa đủ {MINIMUM_AGE} tuổi (sinh ngày {format_date_input(value)}).")
        return value

    def clean_party_joined_on(self):
        return not_in_future(self.cleaned_data.get("party_joined_on"))

    def clean(self):
        data = super().clean()
        birth, joined = data.get("birth_date"), data.get("party_joined_on")
        if birth and joined and joined <= birth:
            self.add_error("party_joined_on", f"Ngày vào Đảng ({format_date_input(joined)}) phải sau ngày sinh.")
        return data


def apply_position_rules(form, data, new: position_rules.Held, *, single_holder: bool) -> None:
    """cadre.position_rules on a form: an exact duplicate is an error; a second holder of a one-person title
    or the same title twice at once is an error on the box "Tôi đã kiểm tra, vẫn lưu" until it is ticked."""
    others = position_rules.stored_positions(
        official_codes=[new.official] if new.official else [], titles=[new.title],
        places=[(new.title, new.organization)],
    )
    conflicts = position_rules.position_conflicts(new, others, single_holder=single_holder)
    for conflict in conflicts:
        if conflict.refuses:
            form.add_error(None, conflict.message)
    notices = [conflict for conflict in conflicts if not conflict.refuses]
    if notices and not any(conflict.refuses for conflict in conflicts):
        # The box is shown only when there is something to confirm.
        form.fields["confirmed"].widget = forms.CheckboxInput()
        if not data.get("confirmed"):
            for conflict in notices:
                form.add_error("confirmed", conflict.message)


class FirstPositionForm(forms.Form):
    """The position a new official holds: it places them in the user's subtree. A one-person title already held
    at the unit needs the same confirmation as on the position form."""

    title = forms.ModelChoiceField(PositionTitle.objects.all(), label="Chức vụ", empty_label="— Chọn chức vụ —")
    organization = OrganizationCodeField(
        label="Tổ chức", widget=OrganizationSearchInput(attrs={"data-date-field": "id_position-start_date"}),
        error_messages={"required": "Chọn tổ chức."},
    )
    start_date = date_field("Từ ngày")
    confirmed = forms.BooleanField(label="Tôi đã kiểm tra, vẫn lưu", required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("prefix", "position")
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_choices(user)

    def clean_start_date(self):
        return not_in_future(self.cleaned_data["start_date"])

    @property
    def position_fields(self) -> dict:
        """The cleaned values official_create takes (the confirmation box is not one)."""
        return {name: self.cleaned_data[name] for name in ("title", "organization", "start_date")}

    def clean(self):
        data = super().clean()
        title, organization, start = data.get("title"), data.get("organization"), data.get("start_date")
        if title and organization and start and not self.errors:
            new = position_rules.Held(
                official="", official_name="", title=title.code, title_name=title.name,
                organization=organization.code, organization_name=organization.name, start=start,
            )
            apply_position_rules(self, data, new, single_holder=title.is_single_holder)
        return data


# --- dated records --------------------------------------------------------


class RecordForm(VersionedForm, forms.ModelForm):
    """A dated record of one official; `official` is set by the view, never posted.

    Bound to an existing record (`instance`), it edits it: the checks for duplicates leave the record itself
    out, and the version it was read at is posted back (VersionedForm).
    """

    def __init__(self, *args, official: Official, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.official = official
        self.user = user
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Organization:
                # A text field with the scoped search list, not a select of the whole subtree.
                self.fields[name] = OrganizationCodeField(
                    organization_choices(user), required=field.required, label=field.label,
                    error_messages={"required": "Chọn tổ chức."},
                )
            elif isinstance(field, forms.ModelChoiceField) and field.queryset.model is PositionTitle:
                field.empty_label = "— Chọn chức vụ —"  # as every other select: never Django's "---------"

    # The date fields of a record that runs until an end date (position, planning): (start, end).
    open_until: tuple[str, str] | None = None

    def clean(self):
        data = super().clean()
        retired_on = self.official.retired_on
        if self.open_until and retired_on is not None:
            end = data.get(self.open_until[1])
            if end is None or end >= retired_on:
                self.add_error(self.open_until[1], (
                    f"Cán bộ đã thôi theo dõi từ {format_date_input(retired_on)}: ngày kết thúc phải trước ngày đó. "
                    "Muốn ghi nhận chức vụ, quy hoạch mới, hãy khôi phục theo dõi trước."
                ))
        return data


class PositionForm(RecordForm):
    """A position; the rules of cadre.position_rules apply: an exact duplicate is refused, a second holder of a
    one-person title or the same title twice at once needs the box "Tôi đã kiểm tra, vẫn lưu"."""

    open_until = ("start_date", "end_date")
    start_date = date_field("Từ ngày")
    end_date = date_field("Đến ngày", required=False, help_text="Để trống nếu đang giữ chức vụ.")
    confirmed = forms.BooleanField(label="Tôi đã kiểm tra, vẫn lưu", required=False, widget=forms.HiddenInput)

    class Meta:
        model = PositionRecord
        fields = ["title", "organization", "start_date", "end_date"]
        labels = {"title": "Chức vụ", "organization": "Tổ chức"}

    def _check_position_rules(self, data) -> None:
        title, organization, start = data.get("title"), data.get("organization"), data.get("start_date")
        if not (title and organization and start) or self.errors:
            return
        new = position_rules.Held(
            official=self.official.code, official_name=self.official.full_name, title=title.code,
            title_name=title.name, organization=organization.code, organization_name=organization.name,
            start=start, end=data.get("end_date"), id=self.instance.pk,
        )
        apply_position_rules(self, data, new, single_holder=title.is_single_holder)

    def clean_start_date(self):
        return not_in_future(self.cleaned_data["start_date"])

    def clean_end_date(self):
        return not_in_future(self.cleaned_data.get("end_date"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Đến ngày không được trước Từ ngày.")
        self._check_position_rules(data)
        return data


class QualificationForm(RecordForm):
    obtained_on = date_field("Ngày cấp")

    class Meta:
        model = QualificationRecord
        fields = ["qualification_type", "level", "detail", "major", "obtained_on"]
        labels = {
            "qualification_type": "Loại trình độ",
            "level": "Trình độ",
            "detail": "Tên chứng chỉ (ghi tự do)",
            "major": "Chuyên ngành",
        }
        help_texts = {
            "level": "Với loại có thang bậc (phổ thông, chuyên môn, lý luận, QLNN).",
            "detail": "Với tin học, ngoại ngữ, bồi dưỡng theo vị trí việc làm.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualification_type"].empty_label = "— Chọn loại —"
        self.fields["level"].queryset = QualificationLevel.objects.select_related("qualification_type")
        self.fields["level"].empty_label = "— Chọn trình độ —"

    def clean_obtained_on(self):
        return not_in_future(self.cleaned_data["obtained_on"])

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if "qualification_type" in self._errors:
            # Without a type it is unknown whether a level or a name is needed (clean() says which once there is
            # one): the model's constraint would otherwise answer in English ("Constraint … is violated").
            exclude |= {"level", "detail"}
        return exclude

    def clean(self):
        data = super().clean()
        kind, level = data.get("qualification_type"), data.get("level")
        if kind is None:
            return data
        if kind.is_ranked:
            if level is None:
                self.add_error("level", f"Chọn trình độ của loại “{kind.name}”.")
            elif level.qualification_type_id != kind.pk:
                self.add_error("level", f"Trình độ “{level.name}” không thuộc loại “{kind.name}”.")
            data["detail"] = ""
        else:
            data["level"] = None
            if not data.get("detail"):
                self.add_error("detail", f"Ghi tên chứng chỉ của loại “{kind.name}”.")
        return data


class EvaluationForm(RecordForm):
    class Meta:
        model = Evaluation
        fields = ["year", "rating"]
        labels = {"year": "Năm", "rating": "Xếp loại"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(min=1945, max=today().year, inputmode="numeric")
        self.fields["rating"].choices = [("", "— Chọn xếp loại —"), *Rating.choices]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > today().year:
            raise forms.ValidationError(f"Năm {year} chưa đến.")
        if year < 1945:
            raise forms.ValidationError("Năm phải từ 1945 trở đi.")
        if Evaluation.objects.filter(official=self.official, year=year).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Cán bộ đã có xếp loại năm {year}: mỗi năm chỉ một xếp loại.")
        return year


class CareerEventForm(RecordForm):
    date = date_field("Ngày")

    class Meta:
        model = CareerEvent
        fields = ["kind", "date", "programme", "from_organization", "from_text", "to_organization", "to_text", "note"]
        labels = {
            "kind": "Loại sự kiện",
            "programme": "Chương trình (với Cử đi học)",
            "from_organization": "Từ tổ chức",
            "from_text": "Từ (ghi tự do)",
            "to_organization": "Đến tổ chức",
            "to_text": "Đến (ghi tự do)",
            "note": "Ghi chú",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "— Chọn loại —"), *CareerEvent._meta.get_field("kind").choices]
        self.fields["programme"].choices = [("", "— Không ghi —"), *CareerEvent._meta.get_field("programme").choices]

    def clean_date(self):
        return not_in_future(self.cleaned_data["date"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("programme") and cleaned.get("kind") and cleaned["kind"] != CareerEventKind.TRAINING:
            self.add_error("programme", "Chương trình chỉ ghi cho sự kiện Cử đi học.")
        return cleaned


class PlanningForm(RecordForm):
    open_until = ("approved_on", "removed_on")
    approved_on = date_field("Ngày phê duyệt", required=False)
    removed_on = date_field("Ngày đưa ra khỏi quy hoạch", required=False)

    class Meta:
        model = PlanningEntry
        fields = ["title", "organization", "term", "approved_on", "removed_on"]
        labels = {"title": "Chức vụ quy hoạch", "organization": "Tổ chức", "term": "Nhiệm kỳ"}
        help_texts = {"term": "Ví dụ 2025-2030."}

    def clean_term(self):
        try:
            return to_term(self.cleaned_data["term"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_approved_on(self):
        return not_in_future(self.cleaned_data.get("approved_on"))

    def clean_removed_on(self):
        return not_in_future(self.cleaned_data.get("removed_on"))

    def clean(self):
        data = super().clean()
        approved, removed = data.get("approved_on"), data.get("removed_on")
        if approved and removed and removed < approved:
            self.add_error("removed_on", "Ngày đưa ra khỏi quy hoạch không được trước ngày phê duyệt.")
        duplicate = PlanningEntry.objects.filter(
            official=self.official, title=data.get("title"), organization=data.get("organization"),
            term=data.get("term"),
        ).exclude(pk=self.instance.pk)
        if data.get("term") and duplicate.exists():
            self.add_error(None, "Cán bộ đã được quy hoạch chức vụ này tại tổ chức này cho nhiệm kỳ này.")
        return data


class PositionEndForm(RecordForm):
    """End a position on a date."""

    end_date = date_field("Ngày kết thúc")

    class Meta:
        model = PositionRecord
        fields = ["end_date"]

    def clean_end_date(self):
        end = not_in_future(self.cleaned_data["end_date"])
        if end < self.instance.start_date:
            raise forms.ValidationError(
                f"Ngày kết thúc không được trước ngày bắt đầu giữ chức vụ ({format_date_input(self.instance.start_date)})."
            )
        return end


class RecordDeleteForm(VersionedForm, forms.Form):
    """The confirmation of a deletion: the version of the record as shown."""

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)


RECORD_FORMS = {
    "chuc-vu": (PositionForm, "Thêm chức vụ", "chức vụ"),
    "trinh-do": (QualificationForm, "Thêm trình độ", "trình độ"),
    "danh-gia": (EvaluationForm, "Thêm đánh giá, xếp loại", "xếp loại"),
    "su-kien": (CareerEventForm, "Thêm sự kiện công tác", "sự kiện"),
    "quy-hoach": (PlanningForm, "Thêm quy hoạch", "quy hoạch"),
}


def _is_small_id(text: str) -> bool:
    """ASCII digits that fit a database id (not "²", not 10**30)."""
    return text.isascii() and text.isdigit() and len(text) <= 18


class RetireForm(forms.Form):
    """Stop following an official (cadre.services.retirement): the date and the reason, both required."""

    retired_on = date_field("Thôi theo dõi từ ngày", help_text="Ngày đầu tiên cán bộ không còn được theo dõi.")
    reason = forms.CharField(
        label="Lý do", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ví dụ: nghỉ hưu theo Quyết định số …; chuyển công tác ra ngoài tỉnh.",
        error_messages={"required": "Ghi lý do thôi theo dõi.", "max_length": "Lý do dài quá 500 ký tự."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retired_on"].error_messages["required"] = "Nhập ngày thôi theo dõi (dd/mm/yyyy)."


# --- officials list filter ------------------------------------------------
# A FilterSet is a form that builds a queryset; it lives with the forms.


class OfficialFilter(django_filters.FilterSet):
    """The list's filters; every choice is limited to what the user may see."""

    q = django_filters.CharFilter(label="Tìm kiếm", method="filter_search")
    ngay = BoundedDateFilter(label="Tính đến ngày", method="filter_nothing", widget=DateInput())
    to_chuc = django_filters.ModelChoiceFilter(
        label="Tổ chức", queryset=Organization.objects.none(), method="filter_organization", empty_label="Tất cả"
    )
    doi_tuong = django_filters.ModelChoiceFilter(
        label="Đối tượng", queryset=None, method="filter_population", empty_label="Tất cả"
    )
    chuc_vu = django_filters.ModelChoiceFilter(
        label="Chức vụ đang giữ", queryset=PositionTitle.objects.all(), method="filter_title", empty_label="Tất cả"
    )
    gioi_tinh = django_filters.ChoiceFilter(
        label="Giới tính", choices=Gender.choices, field_name="gender", empty_label="Tất cả"
    )
    dan_toc = django_filters.ChoiceFilter(label="Dân tộc", method="filter_ethnicity", empty_label="Tất cả")
    do_tuoi = django_filters.ChoiceFilter(
        label="Độ tuổi", choices=[(key, label) for key, label, _, _ in AGE_BANDS],
        method="filter_age", empty_label="Tất cả",
    )
    trinh_do = django_filters.ModelChoiceFilter(
        label="Trình độ (từ mức trở lên)", queryset=QualificationLevel.objects.none(),
        method="filter_level", empty_label="Tất cả",
    )
    dang_vien = django_filters.ChoiceFilter(
        label="Đảng viên", choices=[("co", "Là đảng viên"), ("khong", "Chưa là đảng viên")],
        method="filter_party", empty_label="Tất cả",
    )
    nam_danh_gia = django_filters.NumberFilter(
        label="Năm đánh giá", method="filter_nothing", min_value=DATE_MIN.year, max_value=DATE_MAX.year,
        error_messages={"min_value": f"Năm đánh giá phải trong khoảng {YEAR_RANGE_TEXT}.",
                        "max_value": f"Năm đánh giá phải trong khoảng {YEAR_RANGE_TEXT}.",
                        "invalid": "Năm đánh giá phải là một năm, ví dụ 2024."},
    )
    xep_loai = django_filters.ChoiceFilter(
        label="Xếp loại", choices=Rating.choices, method="filter_rating", empty_label="Tất cả"
    )

    class Meta:
        model = Official
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.user = user
        self.filters["to_chuc"].queryset = organization_choices(user)
        self.filters["doi_tuong"].queryset = Population.objects.all()
        self.filters["trinh_do"].queryset = QualificationLevel.objects.filter(
            qualification_type__is_ranked=True
        ).select_related("qualification_type")
        self.filters["dan_toc"].extra["choices"] = [
            ("dtts", "Dân tộc thiểu số (tất cả)"),
            *EthnicGroup.objects.values_list("pk", "name"),
        ]
        fields = self.form.fields
        fields["to_chuc"].label_from_instance = lambda org: "\u00a0\u00a0" * max(org.depth - 1, 0) + org.name
        fields["trinh_do"].label_from_instance = lambda level: f"{level.qualification_type.name}: {level.name} trở lên"

    def organization_options(self) -> list[tuple]:
        """Options of the organization select: the subtree without party cells (there are
        thousands of them in a province), plus the chosen one; one light query."""
        chosen = self.form["to_chuc"].value()
        rows = organization_choices(self.user).filter(
            ~Q(kind=OrganizationKind.CELL) | Q(pk=chosen if _is_small_id(str(chosen or "")) else None)
        ).values_list("pk", "name", "path", "kind")
        rows = in_tree_order(rows, path=lambda row: row[2], name=lambda row: row[1], kind=lambda row: row[3])
        return [("", "Tất cả")] + [(pk, "\u00a0\u00a0" * max(path.count("/") - 2, 0) + name)
                                   for pk, name, path, _ in rows]

    def filter_queryset(self, queryset):
        # Officials retired on or before the date leave the list (cadre.services.retirement).
        return super().filter_queryset(queryset).followed_on(self.on)

    @property
    def on(self) -> dt.date:
        """The date the filters are evaluated on (default today)."""
        if self.form.is_valid() and self.form.cleaned_data.get("ngay"):
            return self.form.cleaned_data["ngay"]
        return today()

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by other filters through `on` / cleaned_data

    def filter_search(self, queryset, name, value):
        text = value.strip()
        if len(text) == 12 and text.isdigit():
            # A whole CCCD: the unique index finds it at once, where "contains" scans every name.
            return queryset.filter(citizen_id=text)
        return queryset.search(value)

    def filter_organization(self, queryset, name, value):
        return queryset.within(value)

    def filter_population(self, queryset, name, value):
        return queryset.filter(holding_titles(user=self.user, titles=value.titles.all(), on=self.on))

    def filter_title(self, queryset, name, value):
        return queryset.filter(holding_titles(user=self.user, titles=[value], on=self.on))

    def filter_ethnicity(self, queryset, name, value):
        if value == "dtts":
            return queryset.filter(ethnic_group__is_minority=True)
        return queryset.filter(ethnic_group_id=value)

    def filter_age(self, queryset, name, value):
        for key, _, low, high in AGE_BANDS:
            if key == value:
                return queryset.filter(birth_date_range(self.on, low, high))
        return queryset

    def filter_level(self, queryset, name, value):
        return queryset.filter(level_at_least(level=value, on=self.on))

    def filter_party(self, queryset, name, value):
        member = Q(party_joined_on__isnull=False, party_joined_on__lte=self.on)
        return queryset.filter(member) if value == "co" else queryset.exclude(member)

    def filter_rating(self, queryset, name, value):
        year = self.form.cleaned_data.get("nam_danh_gia") or self.on.year - 1
        return queryset.filter(rated(year=int(year), rating=value))

    @property
    def rating_year(self) -> int:
        year = self.form.cleaned_data.get("nam_danh_gia") if self.form.is_valid() else None
        return int(year) if year else self.on.year - 1

    @property
    def rating_year_note(self) -> str:
        """When ratings are filtered without a year, the sentence that says which year was used; else ""."""
        if not self.form.is_valid() or not self.form.cleaned_data.get("xep_loai"):
            return ""
        if self.form.cleaned_data.get("nam_danh_gia"):
            return ""
        return (f"Lọc theo xếp loại năm {self.rating_year}: chưa chọn “Năm đánh giá” nên dùng năm trước năm của "
                f"ngày tính ({format_date_input(self.on)}).")

    def active_count(self) -> int:
        """How many filters (besides the search box) are in use; an invalid one is not applied."""
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return sum(1 for name, value in data.items() if name != "q" and value not in (None, ""))


# --- import ---------------------------------------------------------------


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Tệp Excel (.xlsx)",
        help_text="Tệp theo mẫu trao đổi: các trang ToChuc, CanBo, ChucVu, TrinhDo, DanhGia, SuKien, QuyHoach "
                  "và DangVien (thống kê đảng viên).",
        error_messages={"required": "Chọn tệp Excel cần nhập."},
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp Excel dạng .xlsx.")
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message(settings.IMPORT_MAX_BYTES))
        return upload



# --- restructuring (sắp xếp đơn vị) ---------------------------------------


class RestructureForm(forms.Form):
    """The request of the restructuring tool (cadre.services.restructuring); the service checks the rest."""

    old = OrganizationCodesField(
        label="Các tổ chức cũ",
        help_text="Mỗi dòng một tổ chức: tìm ở ô trên rồi chọn để thêm dòng, hoặc gõ mã. "
                  "Các tổ chức trực thuộc của chúng cũng giải thể.",
        error_messages={"required": "Chọn ít nhất một tổ chức cũ.",
                        "invalid_choice": "Tổ chức đã chọn không có trong phạm vi quản lý của bạn: %(values)s."},
    )
    new_code = forms.CharField(label="Mã tổ chức mới", max_length=60,
                               error_messages={"required": "Nhập mã tổ chức mới."})
    new_name = forms.CharField(label="Tên tổ chức mới", max_length=200,
                               error_messages={"required": "Nhập tên tổ chức mới."})
    kind = forms.ChoiceField(label="Loại", choices=OrganizationKind.choices, initial=OrganizationKind.COMMUNE)
    form = forms.ChoiceField(label="Hình thức", required=False)
    category = forms.ChoiceField(label="Nhóm", required=False)
    parent = OrganizationCodeField(
        label="Cấp trên của tổ chức mới",
        error_messages={"required": "Chọn cấp trên của tổ chức mới.",
                        "invalid_choice": "Cấp trên đã chọn không có trong phạm vi quản lý của bạn."},
    )
    date = date_field("Ngày sắp xếp", help_text="Ngày đầu tiên của tổ chức mới; các tổ chức cũ giải thể từ ngày này.")
    move_holders = forms.BooleanField(
        label="Chuyển người đang giữ chức vụ và quy hoạch sang tổ chức mới", required=False,
        help_text="Chức vụ đang giữ kết thúc ngày trước ngày sắp xếp và bắt đầu tại tổ chức mới từ ngày sắp xếp.",
    )

    def __init__(self, user, *args, **kwargs):
        from cadre.models.organizations import OrganizationCategory, OrganizationForm

        super().__init__(*args, **kwargs)
        self.fields["form"].choices = [("", "—")] + list(OrganizationForm.choices)
        self.fields["category"].choices = [("", "—")] + list(OrganizationCategory.choices)
        scope = organization_choices(user)
        self.fields["parent"].queryset = scope
        old = scope
        if not getattr(user, "is_superuser", False) and getattr(user, "organization_id", None):
            old = scope.exclude(pk=user.organization_id)  # never the user's own root
        self.fields["old"].queryset = old

    def restructure_request(self):
        from cadre.services.restructuring import RestructureRequest

        data = self.cleaned_data
        return RestructureRequest(
            old_codes=tuple(unit.code for unit in sorted(data["old"], key=lambda unit: unit.path)),
            new_code=data["new_code"], new_name=data["new_name"], kind=data["kind"],
            parent_code=data["parent"].code, date=data["date"], form=data["form"] or "",
            category=data["category"] or "", move_holders=data["move_holders"],
        )
