"""The audit trail, read by system administrators, scoped as the audit page (cadre.views.audit)."""
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from api.filters import AuditFilter
from api.permissions import AuditReaders
from api.serializers.audit import ChangeRecordSerializer
from cadre.models import ChangeRecord
from cadre.scoping import audit_entries_visible_to


@extend_schema_view(get=extend_schema(
    summary="Nhật ký thay đổi",
    description=(
        "Các thay đổi của hồ sơ trong phạm vi của bạn, mới nhất trước: ai, lúc nào, từ đâu (trang, nhập tệp, "
        "API…), giá trị trước và sau. Chỉ quản trị hệ thống được xem (người khác: 403). Lọc theo đối tượng, "
        "thao tác, người thực hiện, cán bộ, khoảng ngày."
    ),
    tags=["Nhật ký"],
))
class AuditListView(generics.ListAPIView):
    serializer_class = ChangeRecordSerializer
    permission_classes = [AuditReaders]
    filterset_class = AuditFilter

    def get_queryset(self):
        entries = ChangeRecord.objects.select_related("user").order_by("-created_at", "-id")
        return audit_entries_visible_to(entries, self.request.user)
