"""The organization tree."""
import datetime as dt

from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr

from cadre.scoping import ScopedQuerySet, path_is_within


class OrganizationKind(models.TextChoices):
    PROVINCE = "TINH", "Tỉnh"
    DISTRICT = "HUYEN", "Huyện"
    COMMUNE = "XA", "Xã, thị trấn"
    AGENCY = "CO_QUAN", "Cơ quan, đơn vị"
    CELL = "CHI_BO", "Chi bộ"


class OrganizationForm(models.TextChoices):
    PARTY_COMMITTEE = "DANG_BO", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "CHI_BO_CO_SO", "Chi bộ cơ sở"
    HAMLET_CELL = "AP", "Chi bộ ấp, bản"
    AGENCY_CELL = "NGANH", "Chi bộ ngành"


class OrganizationCategory(models.TextChoices):
    """The group (`Nhóm`) of an agency or a commune-level unit (data contract, ToChuc)."""

    PARTY_AGENCY = "DANG", "Cơ quan Đảng"
    FRONT_MASS = "MTTQ_DOAN_THE", "Mặt trận Tổ quốc, đoàn thể"
    STATE = "NHA_NUOC", "Cơ quan nhà nước"
    SCHOOL = "SU_NGHIEP_GD", "Đơn vị sự nghiệp giáo dục"
    OTHER_SERVICE = "SU_NGHIEP_KHAC", "Đơn vị sự nghiệp khác"
    COMMUNE = "XA", "Xã"
    WARD = "PHUONG", "Phường"
    TOWNSHIP = "THI_TRAN", "Thị trấn"


# The categories each kind of organization may have; other kinds have none.
CATEGORIES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganizationKind.AGENCY: (
        OrganizationCategory.PARTY_AGENCY, OrganizationCategory.FRONT_MASS, OrganizationCategory.STATE,
        OrganizationCategory.SCHOOL, OrganizationCategory.OTHER_SERVICE,
    ),
    OrganizationKind.COMMUNE: (
        OrganizationCategory.COMMUNE, OrganizationCategory.WARD, OrganizationCategory.TOWNSHIP,
    ),
}


def category_fits_kind(category: str, kind: str) -> bool:
    return not category or category in CATEGORIES_BY_KIND.get(kind, ())


def _category_fits_kind_q() -> Q:
    condition = Q(category="")
    for kind, categories in CATEGORIES_BY_KIND.items():
        condition |= Q(kind=kind, category__in=[str(category) for category in categories])
    return condition


class OrganizationQuerySet(ScopedQuerySet):
    scope_via_organization = ""

    def existing_on(self, on: dt.date):
        """Organizations founded on or before the date and not ceased by it."""
        return self.filter(
            Q(founded_on__isnull=True) | Q(founded_on__lte=on),
            Q(ceased_on__isnull=True) | Q(ceased_on__gt=on),
        )

    def grassroots(self):
        """Grassroots party organizations: communes and agencies with their own party body."""
        return self.filter(
            kind__in=[OrganizationKind.COMMUNE, OrganizationKind.AGENCY],
            form__in=[OrganizationForm.PARTY_COMMITTEE, OrganizationForm.GRASSROOTS_CELL],
        )

    def report_issuers(self):
        """Party committees that issue reports (cadre.committees): the province, districts, communes and wards,
        and agencies with their own party committee (Đảng bộ cơ quan); not cells nor departments."""
        return self.filter(
            Q(kind__in=[OrganizationKind.PROVINCE, OrganizationKind.DISTRICT, OrganizationKind.COMMUNE])
            | Q(kind=OrganizationKind.AGENCY, form=OrganizationForm.PARTY_COMMITTEE)
        )


class Organization(models.Model):
    """A party organization or unit; the tree every scope is cut from."""

    code = models.CharField("mã", max_length=60, unique=True)
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("loại", max_length=10, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="cấp trên",
    )
    form = models.CharField(
        "hình thức", max_length=15, choices=OrganizationForm.choices, blank=True
    )
    founded_on = models.DateField("ngày thành lập", null=True, blank=True)
    ceased_on = models.DateField("ngày giải thể", null=True, blank=True)
    category = models.CharField("nhóm", max_length=15, choices=OrganizationCategory.choices, blank=True)
    # The organizations it was formed from (merger or split; domain.md, "Restructuring").
    predecessors = models.ManyToManyField(
        "self",
        through="Succession",
        through_fields=("successor", "predecessor"),
        symmetrical=False,
        related_name="successors",
        blank=True,
        verbose_name="kế thừa từ",
    )
    is_demo = models.BooleanField("dữ liệu mẫu", default=False)
    # Materialized path of primary keys, "/1/5/23/"; kept by save().
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "tổ chức"
        verbose_name_plural = "tổ chức"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(form="") | Q(form__in=OrganizationForm.values),
                name="organization_form_valid",
            ),
            models.CheckConstraint(
                condition=Q(ceased_on__isnull=True)
                | Q(founded_on__isnull=True)
                | Q(ceased_on__gte=F("founded_on")),
                name="organization_ceased_after_founded",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="organization_not_own_parent"
            ),
            models.CheckConstraint(
                condition=_category_fits_kind_q(),
                name="organization_category_fits_kind",
                violation_error_message="Nhóm này không dùng cho loại tổ chức đã chọn "
                "(cơ quan, đơn vị: DANG, MTTQ_DOAN_THE, NHA_NUOC, SU_NGHIEP_GD, SU_NGHIEP_KHAC; "
                "xã: XA, PHUONG, THI_TRAN; các loại khác để trống).",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def exists_on(self, on: dt.date) -> bool:
        return (self.founded_on is None or self.founded_on <= on) and (
            self.ceased_on is None or self.ceased_on > on
        )

    def is_within(self, other: "Organization") -> bool:
        """True when this organization is `other` or lies below it."""
        return path_is_within(self.path, other)

    def save(self, *args, **kwargs):
        # The path is a denormalized copy of the parent chain; keeping it in
        # step with `parent` belongs with the row itself.
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._sync_path()

    def _sync_path(self):
        parent_path = ""
        if self.parent_id:
            parent_path = (
                Organization.objects.filter(pk=self.parent_id).values_list("path", flat=True).get()
            )
            if f"/{self.pk}/" in parent_path:  # the new parent lies below this node
                raise ValueError("Tổ chức không thể là cấp trên của chính nó.")
        new_path = f"{parent_path or '/'}{self.pk}/"
        old_path = Organization.objects.filter(pk=self.pk).values_list("path", flat=True).get()
        if old_path == new_path:
            self.path = new_path
            return
        if old_path:
            # Move the whole subtree along with this node.
            Organization.objects.filter(path__startswith=old_path).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
            )
        else:
            Organization.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path


class Succession(models.Model):
    """One edge of succession: `successor` was formed from `predecessor` (wholly or in part).

    Both sides are protected: an organization named in the history of another is never deleted.
    """

    successor = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="predecessor_links", verbose_name="tổ chức mới"
    )
    predecessor = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="successor_links", verbose_name="tổ chức tiền thân"
    )

    class Meta:
        verbose_name = "kế thừa"
        verbose_name_plural = "kế thừa"
        constraints = [
            models.UniqueConstraint(fields=["successor", "predecessor"], name="succession_unique"),
            models.CheckConstraint(
                condition=~Q(successor=F("predecessor")),
                name="succession_not_self",
                violation_error_message="Tổ chức không thể kế thừa từ chính nó.",
            ),
        ]

    def __str__(self):
        return f"{self.successor} ← {self.predecessor}"


def succession_edges() -> dict[int, list[int]]:
    """successor id -> predecessor ids, for the whole database in one query.

    One query for all edges is right while they number in the thousands (a
    province's restructuring makes a few hundred); a recursive CTE would be
    the next step beyond that.
    """
    edges: dict[int, list[int]] = {}
    for successor, predecessor in Succession.objects.values_list("successor_id", "predecessor_id"):
        edges.setdefault(successor, []).append(predecessor)
    return edges


def predecessor_closure(organization_ids, edges: dict[int, list[int]] | None = None) -> set[int]:
    """Every organization the given ones were formed from, recursively (the given ones excluded unless
    one is its own ancestor through a broken history). One query, or none when `edges` is given."""
    if edges is None:
        edges = succession_edges()
    seen: set[int] = set()
    pending = [predecessor for pk in organization_ids for predecessor in edges.get(pk, ())]
    while pending:
        pk = pending.pop()
        if pk not in seen:
            seen.add(pk)
            pending.extend(edges.get(pk, ()))
    return seen


def rebuild_paths() -> None:
    """Recompute every path from the parent links (after bulk inserts)."""
    rows = list(Organization.objects.values_list("pk", "parent_id"))
    parents = dict(rows)
    paths: dict[int, str] = {}

    def path_of(pk: int) -> str:
        if pk not in paths:
            parent = parents[pk]
            paths[pk] = (path_of(parent) if parent else "/") + f"{pk}/"
        return paths[pk]

    changed = []
    current = dict(Organization.objects.values_list("pk", "path"))
    for pk, _ in rows:
        if current[pk] != path_of(pk):
            changed.append(Organization(pk=pk, path=path_of(pk)))
    Organization.objects.bulk_update(changed, ["path"], batch_size=1000)
