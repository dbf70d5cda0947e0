"""The read API (Django REST framework): the report JSON of data-contract section 3, and what to ask it for.

    GET /api/bao-cao/?org=LC.PT&plan=01-ĐA/HU&as_of=2023-06-30&baseline=2020-12-31
                     [&rating_years=2021-2022][&baseline_rating_years=2020][&target_year=2025]
        -> exactly what `build_report --format json` writes
    GET /api/so-sanh/?<the same>  -> {"report": that JSON, "units": [the same JSON for each unit below]}
    GET /api/ke-hoach/            -> the plans, with their Biểu and target years
    GET /api/to-chuc/[?kind=HUYEN] -> the organizations of the user's scope

Parameters are the command line's, checked by the report page's form (dates
as YYYY-MM-DD or dd/mm/yyyy); problems answer 400 with
{"errors": {field: [Vietnamese messages]}}. Session or HTTP Basic
authentication; every answer is scoped to the user's organization subtree.
"""
from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView as BaseAPIView

from accounts.lockout import lockout_message
from cadre.models import Organization, OrganizationKind
from planning.models import Plan, PlanTable, Target
from reports.exporters.report_json import report_as_dict
from cadre import audit
from reports.forms import ReportForm
from reports.services import comparison_build, report_build


# REST framework's own messages, in Vietnamese (its translation lacks them).
MESSAGES = {
    exceptions.NotAuthenticated: "Chưa đăng nhập: hãy gửi tên đăng nhập và mật khẩu (HTTP Basic) hoặc đăng nhập trên trang web.",
    exceptions.AuthenticationFailed: "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.",
    exceptions.PermissionDenied: "Bạn không có quyền xem nội dung này.",
    exceptions.MethodNotAllowed: "Chỉ đọc được bằng GET.",
}


class AccountLocked(exceptions.APIException):
    status_code = 429
    default_code = "account_locked"


class LockoutAwareBasicAuthentication(BasicAuthentication):
    """HTTP Basic whose failures count towards django-axes' lockout (the request reaches authenticate()),
    and whose locked-out callers are told so: 429 with the Vietnamese reason, not “wrong password”."""

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            # axes marks the (REST framework) request it was given when the limit is reached or already was.
            if request is not None and getattr(request, "axes_locked_out", False):
                raise AccountLocked(lockout_message()) from None
            raise


class APIView(BaseAPIView):
    # Basic first: a script with wrong credentials is told 401 (with WWW-Authenticate), not 403.
    authentication_classes = [LockoutAwareBasicAuthentication, SessionAuthentication]

    def handle_exception(self, exc):
        message = next((text for kind, text in MESSAGES.items() if isinstance(exc, kind)), None)
        if message is not None:
            exc.detail = message
        return super().handle_exception(exc)


def _errors(**errors: list[str]) -> Response:
    return Response({"errors": errors}, status=400)


class ReportView(APIView):
    """One report: the Biểu of a plan for an organization's subtree, both columns."""

    def get(self, request):
        form = ReportForm(request.query_params, user=request.user)
        if not form.is_valid():
            return _errors(**{field: list(messages) for field, messages in form.errors.items()})
        report = report_build(**form.report_request.as_service_arguments())
        audit.record_export(request, "Báo cáo (API JSON)", request.query_params,
                            organization=form.report_request.organization)
        return Response(report_as_dict(report))


class ComparisonView(APIView):
    """The report and the same report for every organization directly below it."""

    def get(self, request):
        form = ReportForm(request.query_params, user=request.user)
        if not form.is_valid():
            return _errors(**{field: list(messages) for field, messages in form.errors.items()})
        comparison = comparison_build(**form.report_request.as_service_arguments())
        audit.record_export(request, "Bảng so sánh (API JSON)", request.query_params,
                            organization=form.report_request.organization)
        return Response({
            "report": report_as_dict(comparison.report),
            "units": [report_as_dict(report) for _, report in comparison.units],
        })


class PlanListView(APIView):
    """The plans the user may use (their organization's lineage) with their tables and target years (3 queries)."""

    def get(self, request):
        plans = Plan.objects.visible_to(request.user).select_related("organization").order_by("-issued_on", "code").prefetch_related(
            Prefetch("tables", PlanTable.objects.select_related("population").order_by("order")),
        )
        years: dict[int, set[int]] = {}
        for plan_id, year in Target.objects.filter(row__table__plan__in=plans).values_list("row__table__plan_id", "year").distinct():
            years.setdefault(plan_id, set()).add(year)
        return Response([
            {
                "code": plan.code,
                "title": plan.title,
                "organization": plan.organization.code,
                "issued_on": plan.issued_on.isoformat(),
                "target_years": sorted(years.get(plan.pk, ())),
                "tables": [
                    {"number": table.number, "title": table.title, "population": table.population.code}
                    for table in plan.tables.all()
                ],
            }
            for plan in plans
        ])


class OrganizationListView(APIView):
    """The organizations the user may ask reports for, in tree order; `?kind=` narrows to one kind."""

    def get(self, request):
        organizations = Organization.objects.visible_to(request.user).order_by("path")
        kind = request.query_params.get("kind")
        if kind:
            if kind not in OrganizationKind.values:
                return _errors(kind=[f"Loại tổ chức “{kind}” không có; chỉ có {', '.join(OrganizationKind.values)}."])
            organizations = organizations.filter(kind=kind)
        return Response([
            {
                "code": code, "name": name, "kind": kind_value, "parent": parent,
                "founded_on": founded_on.isoformat() if founded_on else None,
                "ceased_on": ceased_on.isoformat() if ceased_on else None,
            }
            for code, name, kind_value, parent, founded_on, ceased_on in organizations.values_list(
                "code", "name", "kind", "parent__code", "founded_on", "ceased_on"
            )
        ])
