"""An official's dated records: positions, qualifications, ratings, career events, planning.

Each answer names related rows by code (with their names beside, read only) and carries the record's
`version`, to send back with a change (a change over a newer version is refused: 409).
"""
from rest_framework import serializers

from cadre.models import CareerEvent, Evaluation, PlanningEntry, PositionRecord, QualificationRecord

VERSION_HELP = "Phiên bản đã đọc; gửi kèm khi sửa, xóa để không ghi đè thay đổi của người khác (409)."


def code_of(help_text: str = "", **kwargs):
    return serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=help_text, **kwargs)


class PositionSerializer(serializers.ModelSerializer):
    title = code_of("Mã chức vụ (danh mục chức vụ).")
    title_name = serializers.CharField(source="title.name", read_only=True)
    organization = code_of("Mã tổ chức.")
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = PositionRecord
        fields = ["id", "title", "title_name", "organization", "organization_name", "start_date", "end_date",
                  "version"]
        read_only_fields = fields


class QualificationSerializer(serializers.ModelSerializer):
    qualification_type = code_of("Mã loại trình độ (PHO_THONG, CHUYEN_MON, LY_LUAN, QLNN, TIN_HOC…).")
    qualification_type_name = serializers.CharField(source="qualification_type.name", read_only=True)
    level = code_of("Mã trình độ trong thang bậc của loại (loại có thang bậc).", allow_null=True)
    level_name = serializers.CharField(source="level_label", read_only=True)

    class Meta:
        model = QualificationRecord
        fields = ["id", "qualification_type", "qualification_type_name", "level", "level_name", "detail", "major",
                  "obtained_on", "version"]
        read_only_fields = fields


class RatingSerializer(serializers.ModelSerializer):
    rating_name = serializers.CharField(source="get_rating_display", read_only=True)

    class Meta:
        model = Evaluation
        fields = ["id", "year", "rating", "rating_name", "version"]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    kind_name = serializers.CharField(source="get_kind_display", read_only=True)
    from_organization = code_of("Mã tổ chức đi (hoặc ghi tự do ở from_text).", allow_null=True)
    to_organization = code_of("Mã tổ chức đến (hoặc ghi tự do ở to_text).", allow_null=True)

    class Meta:
        model = CareerEvent
        fields = ["id", "kind", "kind_name", "date", "from_organization", "from_text", "to_organization", "to_text",
                  "note", "version"]
        read_only_fields = fields


class PlanningSerializer(serializers.ModelSerializer):
    title = code_of("Mã chức vụ quy hoạch.")
    title_name = serializers.CharField(source="title.name", read_only=True)
    organization = code_of("Mã tổ chức.")
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = PlanningEntry
        fields = ["id", "title", "title_name", "organization", "organization_name", "term", "approved_on",
                  "removed_on", "version"]
        read_only_fields = fields


# --- bodies (for the schema; the page's form checks them) ------------------------------------------


def version_field():
    return serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)


class PositionBody(serializers.Serializer):
    title = serializers.CharField(help_text="Mã chức vụ, ví dụ BT_DU.")
    organization = serializers.CharField(help_text="Mã tổ chức trong phạm vi của bạn.")
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, help_text="Để trống: đang giữ.")
    confirmed = serializers.BooleanField(
        required=False, help_text="true: đã kiểm tra, vẫn lưu khi chức vụ một người giữ đã có người giữ, hoặc "
                                  "cán bộ giữ cùng chức vụ ở nơi khác cùng lúc (lỗi ở trường confirmed nói rõ).")
    version = version_field()


class QualificationBody(serializers.Serializer):
    qualification_type = serializers.CharField(help_text="Mã loại trình độ.")
    level = serializers.CharField(required=False, allow_null=True, allow_blank=True,
                                  help_text="Mã trình độ (loại có thang bậc), ví dụ DAI_HOC.")
    detail = serializers.CharField(required=False, allow_blank=True,
                                   help_text="Tên chứng chỉ (loại không có thang bậc: tin học, ngoại ngữ…).")
    major = serializers.CharField(required=False, allow_blank=True)
    obtained_on = serializers.DateField()
    version = version_field()


class RatingBody(serializers.Serializer):
    year = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Evaluation._meta.get_field("rating").choices)
    version = version_field()


class EventBody(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CareerEvent._meta.get_field("kind").choices)
    date = serializers.DateField()
    from_organization = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    from_text = serializers.CharField(required=False, allow_blank=True)
    to_organization = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    to_text = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    version = version_field()


class PlanningBody(serializers.Serializer):
    title = serializers.CharField(help_text="Mã chức vụ quy hoạch.")
    organization = serializers.CharField(help_text="Mã tổ chức trong phạm vi của bạn.")
    term = serializers.CharField(help_text="Nhiệm kỳ, ví dụ 2025-2030.")
    approved_on = serializers.DateField(required=False, allow_null=True)
    removed_on = serializers.DateField(required=False, allow_null=True)
    version = version_field()


class PositionEndBody(serializers.Serializer):
    end_date = serializers.DateField(help_text="Ngày kết thúc giữ chức vụ.")
    version = version_field()
