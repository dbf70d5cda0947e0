"""Populations and indicators: the catalogs reports count with (read only; the admin site edits them)."""
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from api.serializers.definitions import IndicatorSerializer, PopulationSerializer
from cadre.models import Population
from planning.models import Indicator

TAGS = ["Danh mục"]


@extend_schema_view(get=extend_schema(
    summary="Danh sách đối tượng",
    description="Các đối tượng thống kê (đối tượng của Biểu): mỗi đối tượng là tập các chức vụ; người giữ một trong "
                "các chức vụ đó vào ngày số liệu thuộc đối tượng.",
    tags=TAGS,
))
class PopulationListView(generics.ListAPIView):
    serializer_class = PopulationSerializer
    queryset = Population.objects.prefetch_related("titles").order_by("sort_order", "code")


@extend_schema_view(get=extend_schema(summary="Một đối tượng", description="Đối tượng theo mã số (id).", tags=TAGS))
class PopulationDetailView(generics.RetrieveAPIView):
    serializer_class = PopulationSerializer
    queryset = PopulationListView.queryset


@extend_schema_view(get=extend_schema(
    summary="Danh sách chỉ tiêu",
    description="Các chỉ tiêu (định nghĩa): cách tính, điều kiện và danh mục điều kiện dùng (loại trình độ, trình độ "
                "tối thiểu, các mức xếp loại).",
    tags=TAGS,
))
class IndicatorListView(generics.ListAPIView):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.with_definitions().order_by("sort_order", "code")


@extend_schema_view(get=extend_schema(summary="Một chỉ tiêu", description="Chỉ tiêu theo mã số (id).", tags=TAGS))
class IndicatorDetailView(generics.RetrieveAPIView):
    serializer_class = IndicatorSerializer
    queryset = IndicatorListView.queryset
