"""The base of the serializers that check what a caller sends: REST framework's own messages in Vietnamese."""
from rest_framework import serializers

# Formatted by REST framework with the type of what was sent: braces are doubled.
NOT_AN_OBJECT = "Nội dung gửi lên phải là một đối tượng JSON ({{…}}) hoặc biểu mẫu, không phải một danh sách hay một giá trị."


class Body(serializers.Serializer):
    default_error_messages = {"invalid": NOT_AN_OBJECT}
