"""Issue 15's new data: four event kinds, the programme of a training, and the civil-service grade (NGACH).

NGACH is a ranked qualification type (domain.md, "Qualification scales"): CAN_SU < CHUYEN_VIEN <
CHUYEN_VIEN_CHINH < CHUYEN_VIEN_CAO_CAP, the grade held from the record's date.
"""
from django.db import migrations, models

GRADES = [
    ("CAN_SU", "Cán sự", 1, "Cán sự"),
    ("CHUYEN_VIEN", "Chuyên viên", 2, "Chuyên viên"),
    ("CHUYEN_VIEN_CHINH", "Chuyên viên chính", 3, "Chuyên viên chính"),
    ("CHUYEN_VIEN_CAO_CAP", "Chuyên viên cao cấp", 4, "Chuyên viên cao cấp"),
]


def seed_grades(apps, schema_editor):
    QualificationType = apps.get_model("cadre", "QualificationType")
    QualificationLevel = apps.get_model("cadre", "QualificationLevel")
    if QualificationType.objects.filter(code="NGACH").exists():
        return  # an administrator added it by hand: theirs is kept
    last = QualificationType.objects.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    grade = QualificationType.objects.create(code="NGACH", name="Ngạch công chức", is_ranked=True,
                                             sort_order=last + 1)
    QualificationLevel.objects.bulk_create(
        QualificationLevel(qualification_type=grade, code=code, name=name, rank=rank, aliases=aliases)
        for code, name, rank, aliases in GRADES
    )


def unseed_grades(apps, schema_editor):
    apps.get_model("cadre", "QualificationType").objects.filter(code="NGACH", records__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('cadre', '0009_population_from_reports'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='careerevent',
            name='career_event_kind_valid',
        ),
        migrations.AddField(
            model_name='careerevent',
            name='programme',
            field=models.CharField(blank=True, choices=[('LLCT_CAO_CAP', 'Cao cấp lý luận chính trị'), ('LLCT_TRUNG_CAP', 'Trung cấp lý luận chính trị'), ('LLCT_SO_CAP', 'Sơ cấp lý luận chính trị'), ('SAU_DAI_HOC', 'Sau đại học'), ('DAI_HOC', 'Đại học'), ('QLNN', 'Quản lý nhà nước'), ('BOI_DUONG', 'Bồi dưỡng')], help_text='Chỉ với sự kiện “Cử đi học”: chương trình đào tạo, bồi dưỡng.', max_length=20, verbose_name='chương trình'),
        ),
        migrations.AlterField(
            model_name='careerevent',
            name='kind',
            field=models.CharField(choices=[('LUAN_CHUYEN', 'Luân chuyển'), ('DIEU_DONG', 'Điều động'), ('BO_NHIEM', 'Bổ nhiệm'), ('BO_NHIEM_LAI', 'Bổ nhiệm lại'), ('CHUAN_Y', 'Chuẩn y'), ('KHEN_THUONG', 'Khen thưởng'), ('KY_LUAT', 'Kỷ luật'), ('CU_DI_HOC', 'Cử đi học'), ('TUYEN_DUNG', 'Tuyển dụng'), ('THOI_VIEC', 'Thôi việc'), ('CHI_DINH', 'Chỉ định'), ('GIOI_THIEU_UNG_CU', 'Giới thiệu ứng cử')], max_length=20, verbose_name='loại'),
        ),
        migrations.AddConstraint(
            model_name='careerevent',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['LUAN_CHUYEN', 'DIEU_DONG', 'BO_NHIEM', 'BO_NHIEM_LAI', 'CHUAN_Y', 'KHEN_THUONG', 'KY_LUAT', 'CU_DI_HOC', 'TUYEN_DUNG', 'THOI_VIEC', 'CHI_DINH', 'GIOI_THIEU_UNG_CU'])), name='career_event_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='careerevent',
            constraint=models.CheckConstraint(condition=models.Q(('programme', ''), models.Q(('kind', 'CU_DI_HOC'), ('programme__in', ['LLCT_CAO_CAP', 'LLCT_TRUNG_CAP', 'LLCT_SO_CAP', 'SAU_DAI_HOC', 'DAI_HOC', 'QLNN', 'BOI_DUONG'])), _connector='OR'), name='career_event_programme_of_training', violation_error_message='Chương trình chỉ ghi cho sự kiện Cử đi học, và phải là một chương trình trong danh mục.'),
        ),
        migrations.RunPython(seed_grades, unseed_grades),
    ]
