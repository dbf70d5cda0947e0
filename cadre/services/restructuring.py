"""The restructuring tool (sắp xếp đơn vị): old units cease on a date D, a new unit is founded on D from them.

One request names the old units, the new unit (code, name, kind, form, category), its parent and D, and
whether the current holders of positions move. `plan_restructuring` checks everything and lists what would
change, writing nothing (the dry run); `restructure` plans again and writes it all in one transaction, or
nothing. The rules (docs/restructuring.md; domain.md, "Restructuring and succession"):

- the tree is not rewritten: every old unit and every descendant of it still existing on D (a commune's
  hamlet cells) gets ceased_on = D and keeps its parent; the new unit gets founded_on = D, its parent and
  the old units as predecessors (Succession);
- an old unit already ceased on exactly D (the first run of a split) is accepted: only the succession is
  added; one ceased before D is refused;
- with `move_holders`, every position at an old unit or its descendants still held on D (no end, or an
  end on or after D) ends on D − 1 and the same title starts on D at the new unit for the same person,
  keeping a later end; every planning entry there not removed by D (no removal, or a removal after D) is
  removed on D and the same planning (official, title, term) is entered at the new unit, approved on D and
  keeping a later removal. Without it, positions and planning are left as they are (the dry run counts the
  positions still held at the ceased units);
- the position rules (cadre.position_rules) apply to the moved positions: an exact duplicate is refused, a
  second holder of a one-holder title (or the same title held elsewhere) is a notice that needs confirming;
- a user limited to a subtree restructures only inside it and never their own root (organization_rules).

Every changed or created row gets one audit entry (cadre.audit), attributed to the current actor: "form"
from the page, "command" from the command.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db import IntegrityError, transaction
from django.db.models import Q

from cadre import audit
from cadre.models import Organization, PlanningEntry, PositionRecord, Succession
from cadre.models.organizations import OrganizationForm, OrganizationKind, category_fits_kind
from cadre.organization_rules import organization_write_problem
from cadre.position_rules import DUPLICATE, Held, position_conflicts, stored_positions
from cadre.scoping import NoScope, path_is_within, user_scope
from cadre.services.versions import claim
from cadre.vietnamese import format_date_input, format_int

CODE_MAX_LENGTH = Organization._meta.get_field("code").max_length
NAME_MAX_LENGTH = Organization._meta.get_field("name").max_length


@dataclass(frozen=True)
class RestructureRequest:
    old_codes: tuple[str, ...]
    new_code: str
    new_name: str
    kind: str
    parent_code: str
    date: dt.date
    form: str = ""
    category: str = ""
    move_holders: bool = False


@dataclass
class PositionMove:
    record: PositionRecord  # the stored position, ending on D − 1
    end: dt.date | None  # the end of the position started at the new unit
    start: dt.date  # D: the first day at the new unit

    @property
    def text(self) -> str:
        old = self.record
        end = f" đến {format_date_input(self.end)}" if self.end else ""
        return (f"{old.official.full_name} ({old.official.code}) — {old.title.name}: kết thúc tại "
                f"{old.organization.name} ngày {format_date_input(self.start - dt.timedelta(days=1))}; "
                f"giữ tại đơn vị mới từ {format_date_input(self.start)}{end}")


@dataclass
class PlanningMove:
    entry: PlanningEntry  # the stored entry, removed on D
    removed_on: dt.date | None  # the removal of the entry at the new unit
    date: dt.date

    @property
    def text(self) -> str:
        old = self.entry
        return (f"{old.official.full_name} ({old.official.code}) — quy hoạch {old.title.name} nhiệm kỳ {old.term}: "
                f"đưa ra khỏi quy hoạch tại {old.organization.name} ngày {format_date_input(self.date)}; "
                f"quy hoạch tại đơn vị mới từ {format_date_input(self.date)}")


@dataclass
class RestructurePlan:
    request: RestructureRequest
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    old_units: list[Organization] = field(default_factory=list)
    ceased: list[Organization] = field(default_factory=list)  # old units and descendants that get ceased_on = D
    already_ceased: list[Organization] = field(default_factory=list)  # old units ceased on D already
    parent: Organization | None = None
    positions: list[PositionMove] = field(default_factory=list)
    planning: list[PlanningMove] = field(default_factory=list)
    positions_left_open: int = 0  # positions held on D at the ceased units, left as they are (no move)
    created: Organization | None = None  # after the commit

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        request = self.request
        parts = [
            f"{format_int(len(self.ceased))} tổ chức giải thể từ ngày {format_date_input(request.date)}",
            f"1 tổ chức được thành lập ({request.new_code.strip()})",
            f"{format_int(len(self.old_units))} quan hệ kế thừa",
        ]
        if request.move_holders:
            parts += [f"{format_int(len(self.positions))} chức vụ chuyển sang đơn vị mới",
                      f"{format_int(len(self.planning))} quy hoạch chuyển sang đơn vị mới"]
        return "; ".join(parts) + "."


class RestructureRefused(Exception):
    """The request was refused: nothing was written; `plan.errors` (or the missing confirmation) says why."""

    def __init__(self, plan: RestructurePlan, message: str = ""):
        super().__init__(message or "; ".join(plan.errors))
        self.plan = plan
        self.message = message


CONCURRENT_MESSAGE = ("Dữ liệu vừa được người khác thay đổi trong lúc sắp xếp nên chưa ghi gì: "
                      "hãy kiểm tra lại rồi thực hiện lại.")
CONFIRM_MESSAGE = "Có lưu ý về chức vụ chuyển sang đơn vị mới: hãy xem lại và xác nhận trước khi thực hiện."


def _scope_root(user):
    """The user's subtree root; a command without a user (None) is not limited."""
    if user is None:
        return None
    return user_scope(user)


def _find(code: str) -> Organization | None:
    return Organization.objects.filter(code__iexact=code.strip()).first() if code.strip() else None


def plan_restructuring(user, request: RestructureRequest) -> RestructurePlan:
    """Check the request and list what it would change; nothing is written."""
    plan = RestructurePlan(request)
    errors = plan.errors
    date = request.date
    day = format_date_input(date)
    try:
        root = _scope_root(user)
    except NoScope:
        errors.append("Tài khoản chưa được gán tổ chức nên không được sắp xếp tổ chức.")
        return plan
    may_change_root = user is None or bool(getattr(user, "is_superuser", False))

    # The old units.
    codes = []
    for code in request.old_codes:
        if code.strip() and code.strip().upper() not in {c.upper() for c in codes}:
            codes.append(code.strip())
    if not codes:
        errors.append("Chưa chọn tổ chức cũ: cần ít nhất một tổ chức được sắp xếp.")
    for code in codes:
        unit = _find(code)
        if unit is None or (root is not None and not path_is_within(unit.path, root)):
            # Outside the scope reads as unknown: the user learns nothing about other subtrees.
            errors.append(f"Không tìm thấy tổ chức cũ có mã “{code}” trong phạm vi quản lý của bạn.")
            continue
        plan.old_units.append(unit)
        if root is not None:
            problem = organization_write_problem(
                root_code=root.code, may_change_root=may_change_root, code=unit.code, existed_inside=True,
                changed=["ceased_on"], parent_code=None, parent_inside=True, importer=False,
            )
            if problem:
                errors.append(problem.message)
                continue
        if unit.ceased_on is not None and unit.ceased_on < date:
            errors.append(f"Tổ chức “{unit.code}” ({unit.name}) đã giải thể từ ngày "
                          f"{format_date_input(unit.ceased_on)}, trước ngày sắp xếp {day}.")
        if unit.founded_on is not None and unit.founded_on > date:
            errors.append(f"Ngày sắp xếp {day} trước ngày thành lập "
                          f"{format_date_input(unit.founded_on)} của tổ chức “{unit.code}” ({unit.name}).")
    old_paths = [unit.path for unit in plan.old_units]

    # The new unit and its parent.
    new_code, new_name = request.new_code.strip(), request.new_name.strip()
    if not new_code:
        errors.append("Chưa nhập mã tổ chức mới.")
    elif len(new_code) > CODE_MAX_LENGTH:
        errors.append(f"Mã tổ chức mới dài quá {CODE_MAX_LENGTH} ký tự.")
    elif Organization.objects.filter(code__iexact=new_code).exists():
        errors.append(f"Mã “{new_code}” đã được dùng cho một tổ chức khác: chọn mã khác cho tổ chức mới.")
    if not new_name:
        errors.append("Chưa nhập tên tổ chức mới.")
    elif len(new_name) > NAME_MAX_LENGTH:
        errors.append(f"Tên tổ chức mới dài quá {NAME_MAX_LENGTH} ký tự.")
    if request.kind not in OrganizationKind.values:
        errors.append(f"Loại tổ chức “{request.kind}” không hợp lệ (dùng: {', '.join(OrganizationKind.values)}).")
    if request.form and request.form not in OrganizationForm.values:
        errors.append(f"Hình thức “{request.form}” không hợp lệ (dùng: {', '.join(OrganizationForm.values)}).")
    if request.kind in OrganizationKind.values and not category_fits_kind(request.category, request.kind):
        errors.append(f"Nhóm “{request.category}” không dùng cho loại tổ chức "
                      f"{OrganizationKind(request.kind).label}.")
    parent = _find(request.parent_code)
    if not request.parent_code.strip():
        errors.append("Chưa nhập mã tổ chức cấp trên của tổ chức mới.")
    elif parent is None or (root is not None and not path_is_within(parent.path, root)):
        errors.append(f"Không tìm thấy tổ chức cấp trên có mã “{request.parent_code.strip()}” "
                      "trong phạm vi quản lý của bạn.")
    else:
        plan.parent = parent
        if any(parent.path.startswith(path) for path in old_paths):
            errors.append(f"Cấp trên “{parent.code}” là một tổ chức cũ được sắp xếp hoặc nằm trong tổ chức cũ: "
                          "chọn cấp trên không giải thể.")
        elif not parent.exists_on(date):
            errors.append(f"Cấp trên “{parent.code}” ({parent.name}) không tồn tại vào ngày {day} "
                          "(đã giải thể hoặc chưa thành lập).")
    if errors:
        return plan

    # What ceases: the old units (unless ceased on D already) and their descendants still existing on D.
    old_ids = {unit.pk for unit in plan.old_units}
    plan.already_ceased = [unit for unit in plan.old_units if unit.ceased_on == date]
    inside_old = Q()
    for path in old_paths:
        inside_old |= Q(path__startswith=path)
    affected = list(Organization.objects.filter(inside_old).order_by("path"))
    for unit in affected:
        if unit.pk in old_ids and unit.ceased_on == date:
            continue
        if unit.pk not in old_ids and unit.ceased_on is not None and unit.ceased_on <= date:
            continue  # a descendant that ceased already
        if unit.pk not in old_ids and unit.founded_on is not None and unit.founded_on > date:
            errors.append(f"Tổ chức trực thuộc “{unit.code}” ({unit.name}) thành lập ngày "
                          f"{format_date_input(unit.founded_on)}, sau ngày sắp xếp {day}: sửa tổ chức này trước.")
            continue
        plan.ceased.append(unit)
    affected_ids = [unit.pk for unit in affected]

    # Positions and planning at the affected units.
    open_positions = list(
        PositionRecord.objects.filter(organization_id__in=affected_ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date))
        .select_related("official", "title", "organization").order_by("organization__path", "title__sort_order", "pk")
    )
    if not request.move_holders:
        plan.positions_left_open = sum(1 for record in open_positions if record.start_date <= date)
        if plan.positions_left_open:
            plan.notices.append(
                f"{format_int(plan.positions_left_open)} chức vụ đang giữ tại các tổ chức giải thể không được "
                "chuyển (chưa chọn chuyển người giữ chức vụ): hãy kết thúc hoặc chuyển các chức vụ này sau.")
        return plan
    for record in open_positions:
        if record.start_date >= date:
            errors.append(f"Chức vụ {record.title.name} của {record.official.full_name} ({record.official.code}) "
                          f"tại {record.organization.name} bắt đầu ngày {format_date_input(record.start_date)}, "
                          f"không trước ngày sắp xếp {day}: sửa chức vụ này trước.")
            continue
        plan.positions.append(PositionMove(record, record.end_date, date))
    open_planning = list(
        PlanningEntry.objects.filter(organization_id__in=affected_ids)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=date))
        .select_related("official", "title", "organization").order_by("organization__path", "title__sort_order", "pk")
    )
    planned = set()
    for entry in open_planning:
        label = f"quy hoạch {entry.title.name} nhiệm kỳ {entry.term} của {entry.official.full_name} ({entry.official.code})"
        if entry.approved_on is not None and entry.approved_on > date:
            errors.append(f"Chức danh {label} tại {entry.organization.name} được phê duyệt ngày "
                          f"{format_date_input(entry.approved_on)}, sau ngày sắp xếp {day}: sửa quy hoạch này trước.")
            continue
        key = (entry.official_id, entry.title_id, entry.term)
        if key in planned:
            errors.append(f"Chức danh {label} có ở nhiều tổ chức cũ: chỉ giữ một trước khi sắp xếp.")
            continue
        planned.add(key)
        plan.planning.append(PlanningMove(entry, entry.removed_on, date))
    _position_rule_problems(plan, new_code, new_name)
    return plan


def _position_rule_problems(plan: RestructurePlan, new_code: str, new_name: str) -> None:
    """The position rules applied to the positions starting at the new unit on D."""
    if not plan.positions:
        return
    moved_ids = {move.record.pk for move in plan.positions}
    new = [
        Held(official=move.record.official.code, official_name=move.record.official.full_name,
             title=move.record.title.code, title_name=move.record.title.name, organization=new_code,
             organization_name=new_name, start=move.start, end=move.end)
        for move in plan.positions
    ]
    # Others: the stored positions of the same officials and titles (those moved end on D − 1).
    stored = []
    for other in stored_positions(official_codes={h.official for h in new}, titles={h.title for h in new}, places=()):
        if other.id in moved_ids:
            other = replace(other, end=plan.request.date - dt.timedelta(days=1))
        stored.append(other)
    single = {move.record.title.code.upper() for move in plan.positions if move.record.title.is_single_holder}
    for index, position in enumerate(new):
        others = stored + new[:index]
        for conflict in position_conflicts(position, others, single_holder=position.title.upper() in single):
            text = f"{position.official_name} ({position.official}) — {position.title_name}: {conflict.message}"
            if conflict.kind == DUPLICATE:
                plan.errors.append(text)
            else:
                plan.notices.append(text.replace("; vẫn lưu?", "; hãy kiểm tra lại."))


def restructure(user, request: RestructureRequest, *, confirm: bool = False) -> RestructurePlan:
    """Plan again and write everything in one transaction; RestructureRefused (nothing written) otherwise.

    Notices about the moved positions need `confirm`; the audit entries name the current actor."""
    try:
        with transaction.atomic():
            plan = plan_restructuring(user, request)
            if not plan.ok:
                raise RestructureRefused(plan)
            if plan.notices and request.move_holders and not confirm:
                raise RestructureRefused(plan, CONFIRM_MESSAGE)
            _write(plan)
    except IntegrityError:  # a concurrent write (the same new code, a record added meanwhile): all undone
        raise RestructureRefused(plan, CONCURRENT_MESSAGE) from None
    return plan


def _write(plan: RestructurePlan) -> None:
    request, date = plan.request, plan.request.date
    for unit in plan.ceased:
        before = audit.stored_values(unit)
        unit.ceased_on = date
        unit.save(update_fields=["ceased_on"])
        audit.record_saved(unit, before)
    new = Organization(
        code=request.new_code.strip(), name=request.new_name.strip(), kind=request.kind, parent=plan.parent,
        form=request.form, category=request.category, founded_on=date,
    )
    new.full_clean(validate_unique=False)
    new.save()
    Succession.objects.bulk_create([Succession(successor=new, predecessor=unit) for unit in plan.old_units])
    values = audit.instance_values(new)
    values["predecessors"] = sorted(unit.code for unit in plan.old_units)
    audit.record_instance(new, audit.ChangeAction.CREATE, None, values)
    plan.created = new
    day_before = date - dt.timedelta(days=1)
    for move in plan.positions:
        record = move.record
        _close_and_continue(record, "end_date", day_before, PositionRecord(
            official=record.official, organization=new, title=record.title, start_date=date, end_date=move.end))
    for move in plan.planning:
        entry = move.entry
        _close_and_continue(entry, "removed_on", date, PlanningEntry(
            official=entry.official, title=entry.title, organization=new, term=entry.term, approved_on=date,
            removed_on=move.removed_on))


def _close_and_continue(row, end_field: str, end, continuation) -> None:
    """End a position or planning entry at an old unit (its version advanced, audited) and save the row that
    continues it at the new unit (audited)."""
    before = audit.stored_values(row)
    claim(row, None)
    setattr(row, end_field, end)
    row.save(update_fields=[end_field])
    audit.record_saved(row, before)
    continuation.save()
    audit.record_saved(continuation, None)
