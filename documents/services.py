"""Writes of report documents and templates."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cadre import audit
from cadre.committees import issuer_of
from cadre.models import Organization
from cadre.models.history import ChangeAction
from cadre.services import versions
from documents import manual_figures as manual
from documents.assembly import ComposedReport, report_document_compose
from documents.exporters import DOCUMENT_EXPORTERS
from documents.facts import STAFF_SECTIONS
from documents.models import DocumentTemplate, ManualFigure, ReportDocument, Submission, SubmissionState
from documents.user_templates import TemplateProblems, check_template
from reports.exporters.report_json import report_as_dict


class SubmissionRefused(Exception):
    """The report cannot be changed, sent, accepted or returned now; the message says why, in Vietnamese."""


LOCKED_MESSAGE = ("Văn bản đã gửi Ban Tổ chức Tỉnh ủy nên không sửa được nữa; "
                  "chỉ sửa được khi báo cáo bị trả lại.")


class ManualFigureProblems(ValueError):
    """Manual figures that cannot be stored as given; `problems` say why, in Vietnamese."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


def _sections_of(document: ReportDocument) -> dict[str, str]:
    return {key: getattr(document, key) or "" for key, _ in STAFF_SECTIONS}


def _placeholder_problems(sections: dict[str, str], keys: set[str]) -> list[str]:
    """The staff's text names only figures the document has ([[so_lieu:key]])."""
    titles = dict(STAFF_SECTIONS)
    problems = []
    for key, text in sections.items():
        unknown = manual.unknown_placeholders(text, keys)
        if unknown:
            problems.append(f"Phần “{titles[key]}”: {manual.unknown_placeholder_message(unknown)}")
    return problems


def _removal_problems(sections: dict[str, str], removed: set[str]) -> list[str]:
    """A figure the staff's text still uses cannot be removed."""
    titles = dict(STAFF_SECTIONS)
    problems = []
    for key, text in sections.items():
        used = [name for name in manual.placeholder_keys(text) if name in removed]
        if used:
            names = ", ".join(f"“{manual.placeholder(name)}”" for name in used)
            problems.append(f"Không xóa hay đổi mã được số liệu {names}: phần “{titles[key]}” của văn bản còn dùng. "
                            "Hãy bỏ chỗ dùng trong văn bản trước (Sửa văn bản), rồi xóa.")
    return problems


@transaction.atomic
def report_document_save(*, document: ReportDocument, user, version: int | None = None) -> ReportDocument:
    """Store a document as composed so far (a draft may be saved at any time); a document sent to the
    province and not returned is frozen (SubmissionRefused). Saving over a newer version than `version`, the
    one the user read, raises cadre.services.versions.StaleVersion."""
    if document.pk is not None and document.submissions.open().exists():
        raise SubmissionRefused(LOCKED_MESSAGE)
    keys = set(document.manual_figures.values_list("key", flat=True)) if document.pk is not None else set()
    problems = _placeholder_problems(_sections_of(document), keys)
    if problems:
        raise ManualFigureProblems(problems)
    if document.pk is not None:
        versions.claim(document, version, entity="VanBan", key=str(document.pk), noun="Văn bản")
    if document.pk is None:
        document.created_by = user
    document.updated_by = user
    before = audit.stored_values(document)
    document.save()
    audit.record_saved(document, before)
    return document


@transaction.atomic
def manual_figures_save(*, document: ReportDocument, rows: list[manual.ManualFigureRow], user,
                        version: int | None = None) -> list[ManualFigure]:
    """Make the document's manual figures exactly `rows`, in their order: all stored or none.

    A figure is matched by its key: a key no longer given is deleted, a new key created, a kept one updated
    where it changed; each change is an audit entry. Refused (nothing written): a document sent and not
    returned (SubmissionRefused), a save over a newer version of the document than `version`, the one the
    user read (cadre.services.versions.StaleVersion), rows with a bad or repeated key, and removing a figure
    the staff's text still uses as [[so_lieu:key]] (ManualFigureProblems).
    """
    if not getattr(user, "can_edit", False):
        raise PermissionDenied("Bạn chỉ có quyền xem văn bản.")
    document = ReportDocument.objects.visible_to(user).select_for_update().get(pk=document.pk)
    if document.submissions.open().exists():
        raise SubmissionRefused(LOCKED_MESSAGE)
    problems = [f"“{row.key}”: {problem}" for row in rows if (problem := manual.row_problem(row))]
    keys = [row.key for row in rows]
    problems += [f"Mã “{key}” có ở nhiều dòng; mỗi số liệu một mã riêng." for key in sorted(set(keys))
                 if keys.count(key) > 1]
    if len(rows) > manual.MAX_FIGURES:
        problems.append(f"Mỗi văn bản có tối đa {manual.MAX_FIGURES} số liệu nhập tay.")
    existing = {figure.key: figure for figure in ManualFigure.objects.filter(document=document)}
    problems += _removal_problems(_sections_of(document), set(existing) - set(keys))
    if problems:
        raise ManualFigureProblems(problems)
    versions.claim(document, version, entity="VanBan", key=str(document.pk), noun="Văn bản")
    kept = []
    for order, row in enumerate(rows, start=1):
        figure = existing.pop(row.key, None) or ManualFigure(document=document, key=row.key)
        before = audit.instance_values(figure) if figure.pk is not None else None
        figure.document = document
        figure.label, figure.value, figure.unit, figure.note, figure.order = (
            row.label, manual.stored_value(row.value), row.unit, row.note, order)
        figure.save()
        audit.record_saved(figure, before)
        kept.append(figure)
    for figure in existing.values():
        figure.document = document
        audit.record_deleted(figure)
        figure.delete()
    ReportDocument.objects.filter(pk=document.pk).update(updated_by=user, updated_at=timezone.now())
    return kept


def frozen_manual_figures(composed: ComposedReport) -> list[dict]:
    """The manual figures as they are at sending, kept with the submission (the value exact, as text)."""
    return [{"key": figure.key, "label": figure.label, "value": str(manual.plain_value(figure.value)),
             "text": figure.text, "unit": figure.unit, "note": figure.note}
            for figure in composed.spec.manual_figures]


@transaction.atomic
def document_template_upload(*, organization: Organization, name: str, file_name: str, content: bytes, user,
                             example: ComposedReport | None = None) -> DocumentTemplate:
    """Check and store a district's Word template; raise TemplateProblems listing everything wrong.

    A template with the same name for the same organization is replaced.
    """
    check = check_template(content, example)
    if check.problems:
        raise TemplateProblems(check.problems)
    existing = DocumentTemplate.objects.filter(organization=organization, name=name).first()
    before = audit.instance_values(existing) if existing is not None else None
    template, _ = DocumentTemplate.objects.update_or_create(
        organization=organization, name=name,
        defaults={"file_name": file_name, "content": content, "variables": check.variables, "uploaded_by": user},
    )
    audit.record_saved(template, before)
    return template


@transaction.atomic
def document_template_delete(*, template: DocumentTemplate) -> None:
    """Remove a template; documents that used it fall back to the built-in layout."""
    audit.record_deleted(template)
    template.delete()


# --- sending a report up, and the province's answer ------------------------------------


def submission_refusal(document: ReportDocument) -> str:
    """Why the document cannot be sent now ("" when it can): a draft, no issue date, already sent."""
    if document.is_draft:
        return ("Văn bản còn là dự thảo: hãy ghi số hiệu (ví dụ 408-BC/HU) và ngày ban hành "
                "trước khi gửi.")
    if document.issued_on is None:
        return "Hãy ghi ngày ban hành trước khi gửi."
    open_submission = document.submissions.open().first()
    if open_submission is not None:
        return (f"Văn bản đã được gửi lần {open_submission.sequence} và đang ở trạng thái "
                f"“{open_submission.get_state_display().lower()}”; không gửi lại được.")
    return ""


def submission_recipient(document: ReportDocument) -> str:
    """The committee the report goes up to: "Tỉnh ủy" (the reviewer is its Ban Tổ chức)."""
    return issuer_of(document.organization, document.issued_on).superior_committee


@transaction.atomic
def report_document_submit(*, document: ReportDocument, user) -> Submission:
    """Send the document to the province: its Word and PDF files and its figures as they are now.

    Only staff of the document's scope may send; a draft (no number) is not
    sent; a document waiting for review or accepted is not sent again.
    Raises SubmissionRefused, or reports.parameters.ReportParameterErrors /
    documents.fonts.DocumentFontMissing / documents.user_templates.TemplateProblems
    (the district's own Word template cannot be filled) when the files cannot
    be made; nothing is stored then.
    """
    if not getattr(user, "can_edit", False):
        raise PermissionDenied("Bạn chỉ có quyền xem văn bản.")
    document = ReportDocument.objects.visible_to(user).select_for_update().get(pk=document.pk)
    refusal = submission_refusal(document)
    if refusal:
        raise SubmissionRefused(refusal)
    composed = report_document_compose(document)
    template = bytes(document.template.content) if document.template_id else None
    docx_name, _, docx = DOCUMENT_EXPORTERS["docx"].draw(composed, template)
    pdf_name, _, pdf = DOCUMENT_EXPORTERS["pdf"].draw(composed)
    last = document.submissions.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    submission = Submission.objects.create(
        document=document, sequence=last + 1, title_text=document.title_text[:500], as_of=document.as_of,
        docx_name=docx_name, docx=docx, pdf_name=pdf_name, pdf=pdf,
        figures=report_as_dict(composed.facts.report) if composed.facts.report is not None else None,
        manual_figures=frozen_manual_figures(composed),
        submitted_by=user,
    )
    _record_submission(submission, ChangeAction.SUBMIT, None, {
        "sequence": submission.sequence, "as_of": audit.plain(submission.as_of),
        "docx_name": docx_name, "pdf_name": pdf_name,
    })
    return submission


def _record_submission(submission: Submission, action: str, before: dict | None, after: dict | None) -> None:
    """An entry about a report sent up (VanBan, keyed by its title and sending), placed at its organization."""
    audit.record(entity="VanBan", key=str(submission), action=action, before=before, after=after,
                 organization=submission.document.organization)


def _pending_for_review(submission: Submission, user) -> Submission:
    if not getattr(user, "can_review", False):
        raise PermissionDenied("Chỉ Ban Tổ chức Tỉnh ủy tiếp nhận hoặc trả lại báo cáo.")
    locked = Submission.objects.visible_to(user).select_for_update().get(pk=submission.pk)
    if locked.state != SubmissionState.PENDING:
        raise SubmissionRefused(f"Báo cáo này đã được xử lý ({locked.get_state_display().lower()}).")
    return locked


def _decide(submission: Submission, user, state: str, note: str) -> Submission:
    submission = _pending_for_review(submission, user)
    before = {"state": submission.state}
    submission.state = state
    submission.review_note = note.strip()
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    submission.save(update_fields=["state", "review_note", "reviewed_by", "reviewed_at"])
    action = ChangeAction.ACCEPT if state == SubmissionState.ACCEPTED else ChangeAction.RETURN
    _record_submission(submission, action, before, {"state": state, "review_note": submission.review_note})
    return submission


@transaction.atomic
def submission_accept(*, submission: Submission, user, note: str = "") -> Submission:
    """The province accepts a report sent up to it."""
    return _decide(submission, user, SubmissionState.ACCEPTED, note)


@transaction.atomic
def submission_return(*, submission: Submission, user, note: str) -> Submission:
    """The province returns a report with the reason; the sender may correct it and send it again."""
    if not note.strip():
        raise SubmissionRefused("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")
    return _decide(submission, user, SubmissionState.RETURNED, note)
