"""A JSON body checked by the page's own form: the same rules, the same Vietnamese messages.

The API writes through the forms the pages use (cadre.forms: OfficialForm, PositionForm…), so a record
refused on a page is refused here with the same words. This module only adapts the body to them:

- related rows are named by their code (organizations, titles, populations, qualification types), ethnic
  groups by their name ("Kinh"), qualification levels by their code within the record's type;
- dates are ISO (YYYY-MM-DD; the pages' dd/mm/yyyy is accepted as well);
- JSON scalars become the text a browser would post; a list or an object where a value is expected is
  refused by field; fields the form does not have are refused by name.

`bind(...)` gives a bound form; `checked(...)` every error as the API's {field: [messages]} (empty: valid).
"""
from __future__ import annotations

from django import forms

from cadre.models import EthnicGroup, Organization, QualificationLevel

DATE_INVALID = "Ngày phải có dạng YYYY-MM-DD (hoặc dd/mm/yyyy), ví dụ 1985-09-05."
NOT_A_VALUE = "Giá trị phải là chữ, số hoặc true/false, không phải danh sách hay đối tượng."
UNKNOWN_FIELD = "Không có trường này."
NOT_AN_OBJECT = "Nội dung gửi lên phải là một đối tượng JSON ({…})."
# How a related row is named in a body, per model: the field the form's choice is looked up by.
NAMED_BY = {EthnicGroup: "name"}


def _choice_message(model) -> str:
    if model is Organization:
        return "Tổ chức có mã “%(value)s” không có hoặc nằm ngoài phạm vi của bạn."
    if model is EthnicGroup:
        return "Không có dân tộc “%(value)s” trong danh mục (ghi tên, ví dụ Kinh, Thái, Mông)."
    if model is QualificationLevel:
        return "Không có trình độ “%(value)s” trong thang bậc của loại trình độ đã chọn."
    return f"Không có {model._meta.verbose_name} có mã “%(value)s”."


def _as_posted(value):
    """A JSON value as the text a browser would post; None when it is not a single value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _adapt(form: forms.BaseForm) -> None:
    """Look related rows up by code (or name), and explain dates and choices for a program."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            model = field.queryset.model
            if model is not QualificationLevel:  # a level's code is unique only within its type: see bind()
                field.to_field_name = NAMED_BY.get(model, "code")
            field.error_messages["invalid_choice"] = _choice_message(model)
        elif isinstance(field, forms.DateField):
            field.error_messages["invalid"] = DATE_INVALID
        elif isinstance(field, forms.ChoiceField):
            values = ", ".join(str(value) for value, _ in field.choices if value != "")
            field.error_messages["invalid_choice"] = f"“%(value)s” không phải là một lựa chọn; chỉ có: {values}."


def _level_id(body: dict):
    """The id of the level named by code within the body's qualification type (the form checks that it fits),
    the value itself when there is nothing to look up, or None when no such level exists."""
    code, type_code = body.get("level"), body.get("qualification_type")
    if not isinstance(code, str) or not code or not isinstance(type_code, str):
        return code
    found = QualificationLevel.objects.filter(qualification_type__code=type_code, code=code).values_list(
        "pk", flat=True).first()
    return str(found) if found is not None else None


def bind(form_class, body, *, prefix: str = "", extra_allowed=(), **form_kwargs):
    """(the form bound to the body, errors found before the form: {field: [messages]}).

    `extra_allowed` names body fields the caller reads itself (not the form's).
    """
    data: dict = {}
    form = form_class(data, prefix=prefix or None, **form_kwargs)
    _adapt(form)
    if not isinstance(body, dict):
        return form, {"non_field_errors": [NOT_AN_OBJECT]}
    problems: dict[str, list[str]] = {}
    for name, value in body.items():
        if name not in form.fields:
            if name not in extra_allowed:
                problems[name] = [UNKNOWN_FIELD]
            continue
        if name == "level" and isinstance(form.fields[name], forms.ModelChoiceField):
            level = _level_id(body)
            if level is None:
                problems[name] = [_choice_message(QualificationLevel) % {"value": value}]
                continue
            value = level
        posted = _as_posted(value)
        if posted is None:
            problems[name] = [NOT_A_VALUE]
            continue
        # The form keeps a reference to `data`: filled here, before anything reads it.
        data[form.add_prefix(name)] = posted
    return form, problems


def checked(form: forms.BaseForm, problems: dict[str, list[str]], *, under: str = "") -> dict[str, list[str]]:
    """Every error of the body: the form's, and those found before it (which say more, so they win)."""
    form.is_valid()
    errors = form_errors(form, under=under)
    for name, messages in problems.items():
        errors[_key(name, under)] = messages
    return errors


def _key(name: str, under: str) -> str:
    if not under:
        return name
    return under if name == "non_field_errors" else f"{under}.{name}"


def form_errors(form: forms.BaseForm, *, under: str = "") -> dict[str, list[str]]:
    """A Django form's errors keyed like a serializer's: "__all__" is "non_field_errors" (or `under` itself)."""
    return {_key("non_field_errors" if name == "__all__" else name, under): list(messages)
            for name, messages in form.errors.items()}
