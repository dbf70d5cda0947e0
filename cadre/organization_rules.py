"""Who may write which organization: one rule for the workbook import, the admin and any form.

A user limited to a subtree (cadre.scoping.user_scope) may create and change
organizations below their scope root, but:

- the scope root itself is left as it is: its code, name, kind, parent, form
  and dates are changed only by a superuser (the root decides what the
  user sees; moving, detaching, re-kinding or ceasing it would widen or
  take away someone's scope);
- an organization outside the subtree is neither created nor changed;
- an organization of the subtree keeps a parent inside the subtree: it is
  not detached (empty parent) nor moved out of it.

Callers describe the write with plain values, so the import (codes in a
workbook) and the admin (model instances) ask the same question.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cadre.scoping import NoScope, path_is_within, user_scope

ROOT_FIELDS = ("code", "name", "kind", "parent", "form", "founded_on", "ceased_on", "category", "predecessors")


@dataclass(frozen=True)
class OrganizationProblem:
    field: str  # "code" or "parent", or the root field that was changed
    message: str


def root_locked_message(code: str) -> str:
    return (
        f"Tổ chức “{code}” là tổ chức gốc trong phạm vi quản lý của bạn: chỉ quản trị viên cấp cao nhất "
        "(superuser) mới được sửa mã, tên, loại, cấp trên, hình thức, ngày thành lập hoặc ngày giải thể của tổ chức này."
    )


def outside_message(code: str, *, importer: bool = True) -> str:
    who = "người nhập" if importer else "bạn"
    return f"Tổ chức “{code}” ngoài phạm vi quản lý của {who}."


def organization_write_problem(
    *,
    root_code: str | None,
    may_change_root: bool,
    code: str,
    existed_inside: bool | None,
    changed: Iterable[str],
    parent_code: str | None,
    parent_inside: bool,
    importer: bool = True,
) -> OrganizationProblem | None:
    """Why this write of one organization is refused, or None when it is allowed.

    `root_code`: the user's scope root (None: the whole database, always allowed).
    `existed_inside`: None for a new organization, else whether the stored one lies in the subtree.
    `changed`: the fields whose value the write changes (for a new organization: any).
    `parent_code` / `parent_inside`: the parent after the write, and whether it lies in the subtree
    (the root counts as inside).
    """
    if root_code is None:
        return None
    changed = [name for name in changed if name in ROOT_FIELDS]
    if existed_inside is False:
        return OrganizationProblem("code", outside_message(code, importer=importer))
    if existed_inside and code.upper() == root_code.upper():
        if changed and not may_change_root:
            field = "parent" if "parent" in changed else changed[0]
            return OrganizationProblem(field, root_locked_message(code))
        if "parent" not in changed:
            return None
    elif existed_inside and "parent" not in changed:
        return None  # the stored parent is inside: the organization is
    if not parent_code:
        return OrganizationProblem(
            "parent",
            f"Tổ chức “{code}” phải có cấp trên trong phạm vi quản lý của bạn: không được để trống mã cấp trên.",
        )
    if not parent_inside:
        return OrganizationProblem(
            "parent",
            f"Cấp trên “{parent_code}” ngoài phạm vi quản lý của bạn: không được tạo tổ chức "
            "hoặc chuyển tổ chức ra ngoài phạm vi.",
        )
    return None


def organization_form_problem(user, before, *, changed: Iterable[str], code: str, parent) -> OrganizationProblem | None:
    """The rule for a write of model instances (admin, forms): `before` is the stored
    organization (None when new), `parent` the chosen parent (or None)."""
    try:
        root = user_scope(user)
    except NoScope:
        return OrganizationProblem("code", "Tài khoản chưa được gán tổ chức nên không được sửa tổ chức.")
    if root is None:
        return None
    return organization_write_problem(
        root_code=root.code,
        may_change_root=bool(getattr(user, "is_superuser", False)),
        code=(before.code if before is not None else code) or "",
        existed_inside=None if before is None else path_is_within(before.path, root),
        changed=changed,
        parent_code=parent.code if parent is not None else None,
        parent_inside=parent is not None and path_is_within(parent.path, root),
        importer=False,
    )


def is_locked_root(user, organization) -> bool:
    """The organization is the scope root of a user who may not change it (anyone but a superuser)."""
    if getattr(user, "is_superuser", False):
        return False
    return organization.pk is not None and organization.pk == getattr(user, "organization_id", None)


def may_delete_organization(user, organization) -> bool:
    """Nobody limited to a subtree deletes its root (nor anything outside it)."""
    try:
        root = user_scope(user)
    except NoScope:
        return False
    if root is None:
        return True
    return not is_locked_root(user, organization) and path_is_within(organization.path, root)


# What refers to an organization, in words (the reverse relations of Organization; others read their verbose name).
REFERENCE_LABELS = {
    "children": "tổ chức cấp dưới",
    "natives": "cán bộ có quê quán tại đây",
    "events_out": "sự kiện công tác (từ tổ chức)",
    "events_in": "sự kiện công tác (đến tổ chức)",
    "predecessor_links": "tổ chức tiền thân (kế thừa từ)",
    "successor_links": "tổ chức hình thành từ tổ chức này",
}


def organization_references(organization) -> list[str]:
    """What refers to the organization, as "12 chức vụ đảm nhiệm" (one count query per kind); empty when
    nothing does. Every reference is PROTECT: an organization with history is never deleted."""
    from cadre.vietnamese import format_int

    found = []
    for relation in type(organization)._meta.related_objects:
        if relation.many_to_many:
            continue  # succession: counted through its own model's links, once each way
        count = relation.related_model._default_manager.filter(**{relation.field.name: organization}).count()
        if count:
            name = relation.get_accessor_name()
            found.append(f"{format_int(count)} {REFERENCE_LABELS.get(name, relation.related_model._meta.verbose_name)}")
    return found


def organization_delete_refusal(organization) -> str | None:
    """The Vietnamese message refusing to delete an organization that has history, or None."""
    references = organization_references(organization)
    if not references:
        return None
    return (
        f"Không xóa được tổ chức “{organization.name}” ({organization.code}) vì còn dữ liệu gắn với tổ chức: "
        f"{'; '.join(references)}. Tổ chức đã giải thể hoặc sáp nhập thì ghi “Ngày giải thể”, không xóa."
    )
