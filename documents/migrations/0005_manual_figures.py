import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0004_level_neutral_labels'),
    ]

    operations = [
        migrations.CreateModel(
            name='ManualFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=50, verbose_name='mã')),
                ('label', models.CharField(max_length=200, verbose_name='tên số liệu')),
                ('value', models.DecimalField(decimal_places=4, max_digits=15, verbose_name='giá trị')),
                ('unit', models.CharField(blank=True, max_length=30, verbose_name='đơn vị tính')),
                ('note', models.CharField(blank=True, max_length=500, verbose_name='ghi chú')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='manual_figures', to='documents.reportdocument', verbose_name='văn bản')),
            ],
            options={
                'verbose_name': 'số liệu nhập tay',
                'verbose_name_plural': 'số liệu nhập tay',
                'ordering': ['document', 'order', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('document', 'key'), name='manual_figure_unique_key'), models.CheckConstraint(condition=models.Q(('key__regex', '^[a-z][a-z0-9_]*$')), name='manual_figure_key_valid')],
            },
        ),
        migrations.AddField(
            model_name='submission',
            name='manual_figures',
            field=models.JSONField(blank=True, default=list, verbose_name='số liệu nhập tay lúc gửi'),
        ),
    ]
