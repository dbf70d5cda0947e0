"""Django admin for data entry, in Vietnamese, scoped to the user's subtree."""
import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from cadre import audit
from cadre.admin_audit import AuditedAdminMixin
from cadre.models import (
    CareerEvent,
    ChangeRecord,
    EthnicGroup,
    Evaluation,
    ImportBatch,
    Official,
    Organization,
    PartyStatistics,
    PlanningEntry,
    Population,
    PositionRecord,
    PositionTitle,
    QualificationLevel,
    QualificationRecord,
    QualificationType,
    Succession,
)
from cadre.models.history import ChangeAction
from cadre.models.organizations import predecessor_closure
from cadre.organization_rules import (
    is_locked_root,
    may_delete_organization,
    organization_delete_refusal,
    organization_form_problem,
    organization_references,
)
from cadre.services.versions import VersionedAdminMixin
from cadre.vietnamese import format_date_input


class ScopedChoicesMixin:
    """Organization choices (selects, autocompletes, raw ids) only offer the user's subtree."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Organization:
            kwargs["queryset"] = Organization.objects.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdminMixin(ScopedChoicesMixin):
    """Admin lists and choices only show the user's organization subtree."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class SuperuserWritesMixin:
    """Catalogs: every admitted admin reads them, only superusers change them."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class HistoryAdminMixin:
    """History is evidence: nobody, superusers included, adds, changes or deletes it here."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class OrganizationAdminForm(forms.ModelForm):
    """Applies cadre.organization_rules: the scope root and the subtree's border stay as they are."""

    user = None  # set by OrganizationAdmin.get_form

    # Succession has its own model (cadre.Succession), which the admin cannot edit as a plain field: this one
    # offers the user's subtree with an autocomplete and OrganizationAdmin.save_related writes the edges.
    formed_from = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label="Kế thừa từ",
        help_text="Các tổ chức hình thành nên tổ chức này (hợp nhất, sáp nhập hoặc chia tách).",
        widget=AutocompleteSelectMultiple(Organization._meta.get_field("predecessors"), admin.site),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formed_from"].queryset = Organization.objects.visible_to(self.user)
        if self.instance.pk is not None:
            self.initial.setdefault("formed_from", list(self.instance.predecessors.values_list("pk", flat=True)))

    def clean(self):
        data = super().clean()
        if "parent" in self.errors:
            return data  # a parent outside the subtree is not even a choice: that error says it
        before = self.instance if self.instance.pk else None
        problem = organization_form_problem(
            self.user, before, changed=["predecessors" if name == "formed_from" else name for name in self.changed_data],
            code=data.get("code") or "", parent=data.get("parent"),
        )
        if problem is not None:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, problem.message)
        if "formed_from" in self.fields and "formed_from" not in self.errors:
            for message in succession_problems(
                self.instance, data.get("code") or self.instance.code, data.get("formed_from") or [], data.get("founded_on")
            ):
                self.add_error("formed_from", message)
        return data


def succession_problems(instance: Organization, code: str, predecessors, founded_on) -> list[str]:
    """Why these predecessors do not fit the organization: itself, a cycle, or one that ceased after it was
    founded (the same rules as the workbook import, cadre.exchange.workbook_validation)."""
    found = []
    if instance.pk is not None:
        if any(predecessor.pk == instance.pk for predecessor in predecessors):
            return ["Tổ chức không thể kế thừa từ chính nó."]
        if instance.pk in predecessor_closure([predecessor.pk for predecessor in predecessors]):
            found.append("Kế thừa từ tạo thành vòng lặp: tổ chức này đã là tiền thân của một tổ chức được chọn.")
    for predecessor in predecessors:
        if founded_on and predecessor.ceased_on and founded_on < predecessor.ceased_on:
            found.append(
                f"Tổ chức “{code}” thành lập ngày {format_date_input(founded_on)} trước ngày giải thể của "
                f"tổ chức tiền thân “{predecessor.code}” ({format_date_input(predecessor.ceased_on)})."
            )
    return found


@admin.register(Organization)
class OrganizationAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = ["tree_name", "code", "kind", "form", "founded_on", "ceased_on", "is_demo"]
    list_filter = ["kind", "form", "category", "is_demo"]
    search_fields = ["code", "name"]
    ordering = ["path"]
    list_per_page = 200
    autocomplete_fields = ["parent"]
    fields = ["code", "name", "kind", "parent", "form", "category", "founded_on", "ceased_on", "formed_from", "is_demo"]

    def save_related(self, request, form, formsets, change):
        # The predecessors are written here, after save_model's entry: their change is one more entry,
        # holding the sorted code list as the import records it.
        super().save_related(request, form, formsets, change)
        if "formed_from" not in form.cleaned_data:
            return
        organization = form.instance
        links = organization.predecessor_links
        before = sorted(links.values_list("predecessor__code", flat=True))
        wanted = {predecessor.pk: predecessor.code for predecessor in form.cleaned_data["formed_from"]}
        # A predecessor outside the user's subtree is not a choice: it stays as it is.
        links.exclude(predecessor_id__in=wanted).filter(
            predecessor__in=Organization.objects.visible_to(request.user).values("pk")
        ).delete()
        kept = set(links.values_list("predecessor_id", flat=True))
        Succession.objects.bulk_create(
            Succession(successor=organization, predecessor_id=pk) for pk in wanted if pk not in kept
        )
        after = sorted(links.values_list("predecessor__code", flat=True))
        if after != before:
            audit.record_instance(organization, ChangeAction.UPDATE, {"predecessors": before}, {"predecessors": after})

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def has_change_permission(self, request, obj=None):
        # The user's own scope root is shown read only (cadre.organization_rules); its parent,
        # outside the subtree, would not even be a choice of the form.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or not is_locked_root(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_delete_organization(request.user, obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("delete_selected", None)  # the bulk action would not ask about each organization
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        # An organization with history is refused with what refers to it, before Django lists every row.
        organization = self.get_object(request, unquote(object_id))
        refusal = organization_delete_refusal(organization) if organization is not None else None
        if refusal and self.has_delete_permission(request, organization):
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:cadre_organization_change", args=[organization.pk]))
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        # The bulk action: each organization with history is named with a count per kind, never deleted.
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = [f"{organization.name} ({organization.code}): {'; '.join(organization_references(organization))}"
                         for organization in objs if organization_references(organization)]
        return deleted, model_count, perms_needed, protected

    @admin.display(description="tên (theo cây tổ chức)", ordering="path")
    def tree_name(self, obj):
        # Indented by a class of static/css/admin.css: the Content-Security-Policy forbids style attributes.
        return format_html(
            '<span class="tree-name" data-depth="{}">{}{}</span>',
            max(obj.depth - 1, 0),
            "└ " if obj.depth > 1 else "",
            obj.name,
        )


class PositionInline(VersionedAdminMixin, ScopedChoicesMixin, admin.TabularInline):
    model = PositionRecord
    extra = 0
    autocomplete_fields = ["organization", "title"]
    fields = ["title", "organization", "start_date", "end_date"]


class QualificationInline(VersionedAdminMixin, admin.TabularInline):
    model = QualificationRecord
    extra = 0
    fields = ["qualification_type", "level", "detail", "major", "obtained_on"]


class EvaluationInline(VersionedAdminMixin, admin.TabularInline):
    model = Evaluation
    extra = 0
    fields = ["year", "rating"]


class CareerEventInline(VersionedAdminMixin, ScopedChoicesMixin, admin.TabularInline):
    model = CareerEvent
    extra = 0
    autocomplete_fields = ["from_organization", "to_organization"]
    fields = ["kind", "date", "from_organization", "from_text", "to_organization", "to_text", "note"]


class PlanningInline(VersionedAdminMixin, ScopedChoicesMixin, admin.TabularInline):
    model = PlanningEntry
    extra = 0
    autocomplete_fields = ["title", "organization"]
    fields = ["title", "organization", "term", "approved_on", "removed_on"]


class HoldsPositionFilter(admin.SimpleListFilter):
    title = "đang giữ chức vụ (nhóm)"
    parameter_name = "category"

    def lookups(self, request, model_admin):
        from cadre.models import PositionCategory

        return PositionCategory.choices

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        held = PositionRecord.objects.held_on(dt.date.today()).filter(
            official=OuterRef("pk"), title__category=self.value()
        )
        return queryset.filter(Exists(held))


class PartyMemberFilter(admin.SimpleListFilter):
    title = "đảng viên"
    parameter_name = "party"

    def lookups(self, request, model_admin):
        return [("yes", "Là đảng viên"), ("no", "Chưa là đảng viên")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(party_joined_on__isnull=False)
        if self.value() == "no":
            return queryset.filter(party_joined_on__isnull=True)
        return queryset


class FollowedFilter(admin.SimpleListFilter):
    """Retired officials (cadre.services.retirement) are left out unless asked for."""

    title = "tình trạng theo dõi"
    parameter_name = "theo_doi"

    def lookups(self, request, model_admin):
        return [("thoi", "Đã thôi theo dõi"), ("tat-ca", "Tất cả")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Đang theo dõi",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == "thoi":
            return queryset.filter(retired_on__isnull=False)
        if self.value() == "tat-ca":
            return queryset
        return queryset.followed()


@admin.register(Official)
class OfficialAdmin(AuditedAdminMixin, VersionedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Officials are never deleted here: they are retired on their profile (cadre.services.retirement)."""

    list_display = ["full_name", "code", "gender", "birth_date_display", "ethnic_group", "party_joined_on"]
    list_filter = [FollowedFilter, HoldsPositionFilter, "gender", PartyMemberFilter, "ethnic_group__is_minority",
                   "ethnic_group"]
    search_fields = ["search_text"]
    search_help_text = "Tìm theo họ tên (không cần dấu), mã cán bộ hoặc số CCCD."
    ordering = ["name_sort_key", "code"]
    list_select_related = ["ethnic_group"]
    show_facets = admin.ShowFacets.NEVER  # counts per filter cost a query each on large lists
    autocomplete_fields = ["hometown_organization"]
    inlines = [PositionInline, QualificationInline, EvaluationInline, CareerEventInline, PlanningInline]
    fieldsets = [
        (None, {"fields": ["code", "full_name", "gender", "birth_date", "ethnic_group", "citizen_id"]}),
        ("Quê quán, Đảng", {"fields": ["hometown_organization", "hometown_text", "party_joined_on"]}),
        ("Thôi theo dõi (ghi và khôi phục trên trang hồ sơ cán bộ)", {"fields": ["retired_on", "retired_reason"]}),
    ]
    readonly_fields = ["retired_on", "retired_reason"]

    def has_delete_permission(self, request, obj=None):
        return False  # nothing about an official is hard-deleted; the bulk action goes with this


    def has_add_permission(self, request):
        # An official enters a scope through a position there: a district's administrator adds officials
        # with the application's form ("Thêm cán bộ"), which asks for the first position inside the scope.
        return request.user.is_superuser and super().has_add_permission(request)

    @admin.display(description="ngày sinh", ordering="birth_date")
    def birth_date_display(self, obj):
        return format_date_input(obj.birth_date)

    def get_search_results(self, request, queryset, search_term):
        # Diacritic-insensitive search through the one search helper.
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False


@admin.register(PartyStatistics)
class PartyStatisticsAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "year", "members", "probationary", "female", "admitted", "removed"]
    list_filter = ["year"]
    search_fields = ["organization__name", "organization__code"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]


@admin.register(EthnicGroup)
class EthnicGroupAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ["code", "name", "aliases", "is_minority"]
    search_fields = ["name", "aliases"]


@admin.register(Population)
class PopulationAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ["code", "name", "unit_kind", "title_codes"]
    filter_horizontal = ["titles"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("titles")

    @admin.display(description="chức vụ")
    def title_codes(self, obj):
        return ", ".join(t.code for t in obj.titles.all())


@admin.register(PositionTitle)
class PositionTitleAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ["code", "name", "category", "sort_order", "is_single_holder"]
    list_filter = ["category", "is_single_holder"]
    search_fields = ["code", "name"]


class QualificationLevelInline(SuperuserWritesMixin, admin.TabularInline):
    model = QualificationLevel
    extra = 0
    fields = ["code", "name", "rank", "aliases"]


@admin.register(QualificationType)
class QualificationTypeAdmin(AuditedAdminMixin, SuperuserWritesMixin, admin.ModelAdmin):
    list_display = ["code", "name", "is_ranked", "sort_order"]
    inlines = [QualificationLevelInline]


class ChangeRecordInline(HistoryAdminMixin, admin.TabularInline):
    model = ChangeRecord
    extra = 0
    can_delete = False
    fields = ["entity", "key", "action", "before", "after"]
    readonly_fields = fields


@admin.register(ImportBatch)
class ImportBatchAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Read only for everyone; an admin below the whole database sees only their own imports
    (a batch's changes are not tied to one organization)."""

    list_display = ["created_at", "file_name", "user"]
    readonly_fields = ["created_at", "file_name", "user", "summary"]
    inlines = [ChangeRecordInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)
