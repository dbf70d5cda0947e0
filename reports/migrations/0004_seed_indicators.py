"""Seed the indicators of domain.md ("Indicators and their exact semantics")."""
from django.db import migrations

PERSON, RATING, UNIT = "NGUOI", "LUOT_DANH_GIA", "DON_VI"

# (code, name, kind, condition, qualification type, minimum level, ratings)
INDICATORS = [
    ("TONG_SO", "Tổng số", PERSON, "TAT_CA", None, None, ""),
    ("NU", "Tỷ lệ cán bộ nữ", PERSON, "NU", None, None, ""),
    ("TRE", "Tỷ lệ cán bộ trẻ", PERSON, "DUOI_TUOI", None, None, ""),
    ("DTTS", "Tỷ lệ cán bộ người dân tộc thiểu số", PERSON, "DTTS", None, None, ""),
    ("DANG_VIEN", "Tỷ lệ đảng viên", PERSON, "DANG_VIEN", None, None, ""),
    ("PT_THPT", "Giáo dục Trung học phổ thông", PERSON, "TRINH_DO_TU", "PHO_THONG", "12/12", ""),
    ("CM_TRUNG_CAP", "Trình độ chuyên môn Trung cấp trở lên", PERSON, "TRINH_DO_TU", "CHUYEN_MON", "TRUNG_CAP", ""),
    ("CM_DAI_HOC", "Trình độ chuyên môn Đại học trở lên", PERSON, "TRINH_DO_TU", "CHUYEN_MON", "DAI_HOC", ""),
    ("CM_SAU_DAI_HOC", "Trình độ chuyên môn sau đại học", PERSON, "TRINH_DO_TU", "CHUYEN_MON", "THAC_SI", ""),
    ("LLCT_TRUNG_CAP", "Lý luận chính trị Trung cấp trở lên", PERSON, "TRINH_DO_TU", "LY_LUAN", "TRUNG_CAP", ""),
    ("LLCT_CAO_CAP", "Lý luận chính trị Cao cấp, Cử nhân", PERSON, "TRINH_DO_TU", "LY_LUAN", "CAO_CAP", ""),
    ("QLNN_CHUYEN_VIEN", "Quản lý nhà nước ngạch Chuyên viên trở lên", PERSON, "TRINH_DO_TU", "QLNN", "CHUYEN_VIEN", ""),
    ("QLNN_CHUYEN_VIEN_CHINH", "Quản lý nhà nước ngạch Chuyên viên chính trở lên", PERSON, "TRINH_DO_TU", "QLNN",
     "CHUYEN_VIEN_CHINH", ""),
    ("TIN_HOC", "Trình độ tin học đạt chuẩn", PERSON, "CO_TRINH_DO", "TIN_HOC", None, ""),
    ("NGOAI_NGU", "Trình độ ngoại ngữ đạt chuẩn", PERSON, "CO_TRINH_DO", "NGOAI_NGU", None, ""),
    ("BOI_DUONG_VTVL", "Được bồi dưỡng theo vị trí việc làm", PERSON, "CO_TRINH_DO", "BOI_DUONG_VTVL", None, ""),
    ("DG_TOT", "Hoàn thành tốt nhiệm vụ trở lên", RATING, "XEP_LOAI", None, None, "HTXSNV,HTTNV"),
    ("DG_XUAT_SAC", "Hoàn thành xuất sắc nhiệm vụ", RATING, "XEP_LOAI", None, None, "HTXSNV"),
    ("DG_KHONG_HT", "Không hoàn thành nhiệm vụ", RATING, "XEP_LOAI", None, None, "KHTNV"),
    ("DV_CO_NU", "Đơn vị có cán bộ nữ", UNIT, "NU", None, None, ""),
    ("DV_CO_TRE", "Đơn vị có cán bộ trẻ", UNIT, "DUOI_TUOI", None, None, ""),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("reports", "Indicator")
    QualificationType = apps.get_model("cadre", "QualificationType")
    QualificationLevel = apps.get_model("cadre", "QualificationLevel")
    types = {t.code: t for t in QualificationType.objects.all()}
    levels = {(level.qualification_type.code, level.code): level
              for level in QualificationLevel.objects.select_related("qualification_type")}
    for order, (code, name, kind, condition, type_code, level_code, ratings) in enumerate(INDICATORS, start=1):
        Indicator.objects.create(
            code=code,
            name=name,
            kind=kind,
            condition=condition,
            qualification_type=types[type_code] if type_code else None,
            min_level=levels[(type_code, level_code)] if level_code else None,
            ratings=ratings,
            sort_order=order,
        )


def unseed(apps, schema_editor):
    apps.get_model("reports", "Indicator").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_indicator"), ("cadre", "0002_seed_catalogs")]
    operations = [migrations.RunPython(seed, unseed)]
