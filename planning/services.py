"""Writes to plans go through here."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError

from cadre import audit
from cadre.models import Organization
from cadre.models.history import ChangeAction
from cadre.services import versions
from planning.models import Plan, PlanRow, PlanTable, Target
from planning.plan_file import PlanDraft, PlanFileError, read_plan


class PlanInUse(PlanFileError):
    """The plan to replace is used by report documents; nothing was changed."""


class PlanFieldError(PlanFileError):
    """A problem of one key of the plan file (`field`: "code", "organization"); nothing was changed."""

    def __init__(self, field: str, message: str):
        super().__init__([message])
        self.field = field


def _in_use_message(code: str, documents: int) -> str:
    return (
        f"Kế hoạch {code} đang được dùng trong {documents} văn bản báo cáo; không thể thay thế. "
        "Hãy nhập với số hiệu mới, hoặc bỏ kế hoạch khỏi các văn bản đó trước; chưa có gì được ghi."
    )


@dataclass(frozen=True)
class PlanImportResult:
    plan: Plan
    replaced: bool
    tables: int
    rows: int
    targets: int


def _check_issuer(draft: PlanDraft, user) -> None:
    """A user (the API) writes only plans issued inside their subtree, as in the admin."""
    if user is not None and not Organization.objects.visible_to(user).filter(pk=draft.organization.pk).exists():
        raise PlanFieldError("organization", (
            f"Tổ chức ban hành “{draft.organization.code}” không có trong phạm vi của bạn; "
            "chỉ ghi được kế hoạch do tổ chức trong phạm vi ban hành."
        ))


@transaction.atomic
def plan_import(*, data, replace: bool = True, user=None) -> PlanImportResult:
    """Import a parsed plan file (data-contract section 2); a plan with the same code is replaced.

    Raises planning.plan_file.PlanFileError, with every problem, before anything is written;
    PlanInUse when the plan to replace is used by report documents. With `replace` False (the API's
    create) an existing code is refused (PlanFieldError "code"); with a `user`, the issuing organization
    must be inside the user's subtree (PlanFieldError "organization").
    """
    draft = read_plan(data)
    _check_issuer(draft, user)
    existing = Plan.objects.filter(code__iexact=draft.code)
    if not replace and existing.exists():
        raise PlanFieldError("code", (
            f"Đã có kế hoạch số hiệu “{draft.code}”; hãy dùng số hiệu khác, hoặc sửa kế hoạch đó (PUT)."
        ))
    for old in existing:
        documents = old.report_documents.count()
        if documents:
            raise PlanInUse([_in_use_message(old.code, documents)])
    replaced = [audit.instance_values(old) for old in existing]
    try:
        deleted, _ = existing.delete()
    except ProtectedError as error:  # another row protects the plan (a reference added later)
        raise PlanInUse([_in_use_message(draft.code, len(error.protected_objects))]) from None
    plan = Plan.objects.create(
        code=draft.code, title=draft.title, organization=draft.organization, issued_on=draft.issued_on
    )
    row_count, target_count = _create_tables(plan, draft)
    # One entry for the whole plan file: what the plan is now, and what it replaced.
    audit.record_instance(
        plan, ChangeAction.UPDATE if replaced else ChangeAction.CREATE, replaced[0] if replaced else None,
        {**audit.instance_values(plan), "tables": len(draft.tables), "rows": row_count, "targets": target_count},
    )
    return PlanImportResult(plan=plan, replaced=bool(deleted), tables=len(draft.tables), rows=row_count,
                            targets=target_count)


def _create_tables(plan: Plan, draft: PlanDraft) -> tuple[int, int]:
    """Write the draft's tables, rows and targets under the plan; return (rows, targets) written."""
    row_count = target_count = 0
    for order, table_draft in enumerate(draft.tables, start=1):
        table = PlanTable.objects.create(
            plan=plan, order=order, number=table_draft.number, title=table_draft.title,
            population=table_draft.population, population_object=table_draft.population_object,
        )
        created: list[PlanRow] = []
        for row_order, row_draft in enumerate(table_draft.rows, start=1):
            row = PlanRow.objects.create(
                table=table,
                order=row_order,
                label=row_draft.label,
                indicator=row_draft.indicator,
                params=row_draft.params,
                parent=created[row_draft.parent - 1] if row_draft.parent else None,
                condition=row_draft.condition,
                population=row_draft.population,
                unit=row_draft.unit,
                multiple_of=row_draft.multiple_of,
                compare=row_draft.compare,
            )
            created.append(row)
            Target.objects.bulk_create(
                Target(row=row, year=t.year, value=t.value, min_value=t.min_value, max_value=t.max_value)
                for t in row_draft.targets
            )
            target_count += len(row_draft.targets)
        row_count += len(created)
    return row_count, target_count


@transaction.atomic
def plan_replace(*, plan: Plan, data, version: int | None = None, user=None) -> PlanImportResult:
    """Replace a plan's title, issuing organization, date, tables, rows and targets with a plan file's,
    keeping the plan itself (its id; its version advances): the API's update of one plan.

    The rules of plan_import hold: the file is checked whole before anything is written
    (PlanFileError), and a plan used by report documents is not replaced (PlanInUse). The file's code
    must be the plan's (a new code is a new plan), and with a `user` the issuing organization must be inside
    their subtree. `version` is the one the caller read: a newer one raises
    cadre.services.versions.StaleVersion.
    """
    draft = read_plan(data)
    _check_issuer(draft, user)
    if draft.code.casefold() != plan.code.casefold():
        raise PlanFieldError("code", (
            f"Số hiệu trong tệp (“{draft.code}”) khác số hiệu của kế hoạch (“{plan.code}”); "
            "để dùng số hiệu mới, hãy tạo kế hoạch mới."
        ))
    documents = plan.report_documents.count()
    if documents:
        raise PlanInUse([_in_use_message(plan.code, documents)])
    versions.claim(plan, version, entity=audit.entity_of(plan), key=plan.code, noun="Kế hoạch")
    before = audit.instance_values(Plan.objects.get(pk=plan.pk))
    plan.tables.all().delete()
    plan.code, plan.title, plan.organization, plan.issued_on = (
        draft.code, draft.title, draft.organization, draft.issued_on)
    plan.save(update_fields=["code", "title", "organization", "issued_on"])
    row_count, target_count = _create_tables(plan, draft)
    audit.record_instance(
        plan, ChangeAction.UPDATE, before,
        {**audit.instance_values(plan), "tables": len(draft.tables), "rows": row_count, "targets": target_count},
    )
    return PlanImportResult(plan=plan, replaced=True, tables=len(draft.tables), rows=row_count,
                            targets=target_count)
