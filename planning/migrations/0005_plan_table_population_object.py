# A table's population may be an object of the plan file (data-contract section 2): the catalog code stays
# a foreign key (nullable now), the object is kept as its canonical JSON; exactly one of them is set.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0004_plan_row_conditions'),
    ]

    operations = [
        migrations.AlterField(
            model_name='plantable',
            name='population',
            field=models.ForeignKey(blank=True, help_text='Để trống chỉ khi biểu dùng đối tượng theo chức vụ hoặc quy hoạch.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='plan_tables', to='cadre.population', verbose_name='đối tượng'),
        ),
        migrations.AddField(
            model_name='plantable',
            name='population_object',
            field=models.JSONField(blank=True, help_text='Ví dụ: {"positions": ["BT_DU"], "unit_kind": "XA"}; để trống khi biểu dùng mã đối tượng.', null=True, verbose_name='đối tượng theo chức vụ, quy hoạch'),
        ),
        migrations.AddConstraint(
            model_name='plantable',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('population__isnull', False), ('population_object__isnull', True)), models.Q(('population__isnull', True), ('population_object__isnull', False)), _connector='OR'), name='plan_table_one_population'),
        ),
    ]
