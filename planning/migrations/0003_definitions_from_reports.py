"""Indicators move from the reports app to planning, in the project state only.

The table keeps its name (reports_indicator; see planning/models/definitions.py),
so nothing in the database changes: the foreign keys of plan tables and rows
already point to the same tables.
"""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_seed_indicators'),
        ('cadre', '0009_population_from_reports'),
        ('planning', '0002_plan_version'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='plantable',
                    name='population',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plan_tables', to='cadre.population', verbose_name='đối tượng'),
                ),
                migrations.CreateModel(
                    name='Indicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=40, unique=True, verbose_name='mã')),
                        ('name', models.CharField(max_length=200, verbose_name='tên chỉ tiêu')),
                        ('kind', models.CharField(choices=[('NGUOI', 'Tính theo người'), ('LUOT_DANH_GIA', 'Tính theo lượt đánh giá'), ('DON_VI', 'Tính theo đơn vị')], default='NGUOI', help_text='Theo người: tỷ lệ trên số người của đối tượng. Theo lượt đánh giá: cộng các năm đánh giá, đối tượng lấy tại ngày 31/12 mỗi năm. Theo đơn vị: số đơn vị có ít nhất một người thỏa điều kiện.', max_length=15, verbose_name='cách tính')),
                        ('condition', models.CharField(choices=[('TAT_CA', 'Không điều kiện (tổng số)'), ('NU', 'Giới tính nữ'), ('DUOI_TUOI', 'Dưới độ tuổi (tham số age_under)'), ('DTTS', 'Người dân tộc thiểu số'), ('DANG_VIEN', 'Đã vào Đảng'), ('TRINH_DO_TU', 'Trình độ từ bậc đã chọn trở lên'), ('CO_TRINH_DO', 'Có trình độ thuộc loại đã chọn'), ('XEP_LOAI', 'Xếp loại thuộc danh sách')], max_length=15, verbose_name='điều kiện')),
                        ('ratings', models.CharField(blank=True, help_text='Với chỉ tiêu đánh giá: các mã xếp loại được tính, cách nhau bằng dấu phẩy (ví dụ HTXSNV,HTTNV).', max_length=40, verbose_name='các mức xếp loại')),
                        ('sort_order', models.PositiveSmallIntegerField(default=100, verbose_name='thứ tự')),
                        ('min_level', models.ForeignKey(blank=True, help_text='Với điều kiện “trình độ từ bậc … trở lên”: mọi trình độ có bậc cao hơn hoặc bằng đều được tính.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='cadre.qualificationlevel', verbose_name='trình độ tối thiểu')),
                        ('qualification_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='cadre.qualificationtype', verbose_name='loại trình độ')),
                    ],
                    options={
                        'verbose_name': 'chỉ tiêu',
                        'verbose_name_plural': 'danh mục chỉ tiêu',
                        'db_table': 'reports_indicator',
                        'ordering': ['sort_order', 'code'],
                    },
                ),
                migrations.AlterField(
                    model_name='planrow',
                    name='indicator',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plan_rows', to='planning.indicator', verbose_name='chỉ tiêu'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['NGUOI', 'LUOT_DANH_GIA', 'DON_VI'])), name='indicator_kind_valid'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(('condition__in', ['TAT_CA', 'NU', 'DUOI_TUOI', 'DTTS', 'DANG_VIEN', 'TRINH_DO_TU', 'CO_TRINH_DO', 'XEP_LOAI'])), name='indicator_condition_valid'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('condition', 'XEP_LOAI'), ('kind', 'LUOT_DANH_GIA')), models.Q(models.Q(('kind', 'LUOT_DANH_GIA'), _negated=True), models.Q(('condition', 'XEP_LOAI'), _negated=True)), _connector='OR'), name='indicator_rating_kind_matches_condition'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('condition', 'XEP_LOAI'), _negated=True), models.Q(('ratings', ''), _negated=True), _connector='OR'), name='indicator_rating_condition_has_ratings'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('condition', 'TRINH_DO_TU'), _negated=True), models.Q(('min_level__isnull', False), ('qualification_type__isnull', False)), _connector='OR'), name='indicator_level_condition_has_level'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('condition', 'CO_TRINH_DO'), _negated=True), ('qualification_type__isnull', False), _connector='OR'), name='indicator_qualification_condition_has_type'),
                ),

            ],
        ),
    ]
