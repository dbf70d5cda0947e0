"""Officials: a line of the list, the whole profile, and the bodies that create, change and retire them."""
from rest_framework import serializers

from api.serializers.records import (
    EventSerializer,
    PlanningSerializer,
    PositionSerializer,
    QualificationSerializer,
    RatingSerializer,
    version_field,
)
from cadre.models import Gender, Official


class OfficialSerializer(serializers.ModelSerializer):
    """The official's own data (what OfficialForm edits) and whether they are still followed."""

    ethnic_group = serializers.SlugRelatedField(slug_field="name", read_only=True,
                                                help_text="Tên dân tộc, ví dụ Kinh, Thái, Mông.")
    hometown_organization = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True,
                                                         help_text="Mã xã quê quán (trong danh mục tổ chức).")

    class Meta:
        model = Official
        fields = ["id", "code", "full_name", "gender", "birth_date", "ethnic_group", "citizen_id",
                  "hometown_organization", "hometown_text", "party_joined_on", "retired_on", "retired_reason",
                  "version"]
        read_only_fields = fields


class OfficialListSerializer(OfficialSerializer):
    """A line of the list: the positions held on the list's date inside the user's scope, and the two
    qualification columns of the page."""

    current_positions = PositionSerializer(source="positions_on_date", many=True, read_only=True)
    professional = serializers.SerializerMethodField(help_text="Trình độ chuyên môn cao nhất (như cột của trang).")
    political_theory = serializers.SerializerMethodField(help_text="Trình độ lý luận chính trị cao nhất.")

    class Meta(OfficialSerializer.Meta):
        fields = [*OfficialSerializer.Meta.fields, "current_positions", "professional", "political_theory"]
        read_only_fields = fields

    def _row(self, official):
        return self.context["rows"][official.pk]

    def get_professional(self, official) -> str:
        return self._row(official).professional

    def get_political_theory(self, official) -> str:
        return self._row(official).theory


class ProfileSerializer(serializers.Serializer):
    """The profile page as JSON (cadre.selectors.profile.Profile): the official and their records.

    Positions and planning are those inside the user's scope; `hidden_position_count` says how many others
    the official has elsewhere.
    """

    official = OfficialSerializer(read_only=True)
    age = serializers.IntegerField(read_only=True)
    current_positions = serializers.SerializerMethodField()
    positions = PositionSerializer(many=True, read_only=True)
    hidden_position_count = serializers.IntegerField(read_only=True)
    qualifications = QualificationSerializer(many=True, read_only=True)
    ratings = RatingSerializer(source="evaluations", many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    planning = PlanningSerializer(many=True, read_only=True)

    def get_current_positions(self, profile) -> list[int]:
        """Ids (in `positions`) of the positions held today."""
        on = profile.on
        return [position.pk for position in profile.positions
                if position.start_date <= on and (position.end_date is None or position.end_date >= on)]


class RestoreResultSerializer(serializers.Serializer):
    official = OfficialSerializer(read_only=True)
    reopened = serializers.ListField(child=serializers.CharField(), read_only=True,
                                     help_text="Các chức vụ, quy hoạch được mở lại.")
    left = serializers.ListField(child=serializers.CharField(), read_only=True,
                                 help_text="Các mục không mở lại vì đã được sửa hoặc xóa sau khi cho thôi theo dõi.")


# --- bodies (for the schema; the pages' forms check them) ------------------------------------------


class OfficialBody(serializers.Serializer):
    code = serializers.CharField(help_text="Mã cán bộ (khóa đối chiếu khi nhập, xuất tệp; không sửa được).")
    full_name = serializers.CharField()
    gender = serializers.ChoiceField(choices=Gender.choices)
    birth_date = serializers.DateField()
    ethnic_group = serializers.CharField(help_text="Tên dân tộc, ví dụ Kinh.")
    citizen_id = serializers.CharField(required=False, allow_null=True, allow_blank=True, help_text="12 chữ số.")
    hometown_organization = serializers.CharField(required=False, allow_null=True, allow_blank=True,
                                                  help_text="Mã xã quê quán trong phạm vi của bạn.")
    hometown_text = serializers.CharField(required=False, allow_blank=True,
                                          help_text="Quê quán ghi tự do (khi không chọn xã).")
    party_joined_on = serializers.DateField(required=False, allow_null=True)


class FirstPositionBody(serializers.Serializer):
    title = serializers.CharField(help_text="Mã chức vụ.")
    organization = serializers.CharField(help_text="Mã tổ chức trong phạm vi của bạn.")
    start_date = serializers.DateField()
    confirmed = serializers.BooleanField(required=False,
                                         help_text="true: vẫn lưu khi chức vụ một người giữ đã có người giữ.")


class OfficialCreateBody(OfficialBody):
    position = FirstPositionBody(help_text="Chức vụ đầu tiên: đặt cán bộ vào phạm vi của bạn.")


class OfficialUpdateBody(OfficialBody):
    version = version_field()


class RetireBody(serializers.Serializer):
    retired_on = serializers.DateField(help_text="Ngày đầu tiên cán bộ không còn được theo dõi.")
    reason = serializers.CharField(max_length=500, help_text="Ví dụ: nghỉ hưu theo Quyết định số …")
