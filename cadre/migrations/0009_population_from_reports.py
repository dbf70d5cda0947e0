"""Populations move from the reports app to the cadre catalogs, in the project state only.

The tables keep their names (reports_population, reports_population_titles; see
cadre/models/catalogs.py), so nothing in the database changes.
"""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_seed_indicators'),
        ('cadre', '0008_organization_succession_category'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Population',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=40, unique=True, verbose_name='mã')),
                        ('name', models.CharField(max_length=200, verbose_name='tên đối tượng')),
                        ('unit_kind', models.CharField(choices=[('TINH', 'Tỉnh'), ('HUYEN', 'Huyện'), ('XA', 'Xã, thị trấn'), ('CO_QUAN', 'Cơ quan, đơn vị'), ('CHI_BO', 'Chi bộ')], help_text='Đơn vị dùng cho chỉ tiêu tính theo đơn vị (ví dụ: xã có cán bộ nữ).', max_length=10, verbose_name='loại đơn vị')),
                        ('sort_order', models.PositiveSmallIntegerField(default=100, verbose_name='thứ tự')),
                        ('titles', models.ManyToManyField(db_table='reports_population_titles', related_name='populations', to='cadre.positiontitle', verbose_name='chức vụ')),
                    ],
                    options={
                        'verbose_name': 'đối tượng',
                        'verbose_name_plural': 'đối tượng thống kê',
                        'db_table': 'reports_population',
                        'ordering': ['sort_order', 'code'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('unit_kind__in', ['TINH', 'HUYEN', 'XA', 'CO_QUAN', 'CHI_BO'])), name='population_unit_kind_valid')],
                    },
                ),

            ],
        ),
    ]
