"""Writes to plans go through here."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError

from cadre import audit
from cadre.models.history import ChangeAction
from planning.models import Plan, PlanRow, PlanTable, Target
from planning.plan_file import PlanFileError, read_plan


class PlanInUse(PlanFileError):
    """The plan to replace is used by report documents; nothing was changed."""


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


@transaction.atomic
def plan_import(*, data) -> PlanImportResult:
    """Import a parsed plan file (data-contract section 2); a plan with the same code is replaced.

    Raises planning.plan_file.PlanFileError, with every problem, before anything is written;
    PlanInUse when the plan to replace is used by report documents.
    """
    draft = read_plan(data)
    existing = Plan.objects.filter(code__iexact=draft.code)
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
    row_count = target_count = 0
    for order, table_draft in enumerate(draft.tables, start=1):
        table = PlanTable.objects.create(
            plan=plan, order=order, number=table_draft.number, title=table_draft.title,
            population=table_draft.population,
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
    # One entry for the whole plan file: what the plan is now, and what it replaced.
    audit.record_instance(
        plan, ChangeAction.UPDATE if replaced else ChangeAction.CREATE, replaced[0] if replaced else None,
        {**audit.instance_values(plan), "tables": len(draft.tables), "rows": row_count, "targets": target_count},
    )
    return PlanImportResult(plan=plan, replaced=bool(deleted), tables=len(draft.tables), rows=row_count,
                            targets=target_count)
