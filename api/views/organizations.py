"""Organizations (read only: the tree changes through the workbook import and the restructuring tool)."""
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from api.filters import OrganizationFilter
from api.serializers.organizations import OrganizationSerializer
from cadre.models import Organization

TAGS = ["Tổ chức"]


def organizations_visible_to(user):
    """The user's subtree in tree order, with parent and succession (3 queries for any number of rows)."""
    return (Organization.objects.visible_to(user).select_related("parent").order_by("path")
            .prefetch_related("predecessors", "successors"))


@extend_schema_view(get=extend_schema(
    summary="Danh sách tổ chức",
    description=(
        "Các tổ chức trong phạm vi của bạn, theo thứ tự cây; mỗi tổ chức kèm cấp trên, ngày thành lập, giải thể và "
        "các tổ chức tiền thân, kế thừa (theo mã). Lọc theo loại, cấp trên, ngày tồn tại, tên hoặc mã. "
        "Tổ chức thay đổi qua nhập tệp Excel và công cụ sắp xếp đơn vị, không qua API."
    ),
    tags=TAGS,
))
class OrganizationListView(generics.ListAPIView):
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter

    def get_queryset(self):
        return organizations_visible_to(self.request.user)


@extend_schema_view(get=extend_schema(
    summary="Một tổ chức",
    description="Tổ chức theo mã số (id); ngoài phạm vi của bạn thì trả 404 như khi không có.",
    tags=TAGS,
))
class OrganizationDetailView(generics.RetrieveAPIView):
    serializer_class = OrganizationSerializer

    def get_queryset(self):
        return organizations_visible_to(self.request.user)
