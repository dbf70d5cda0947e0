"""Versions of report documents (no lost updates)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0002_submission'),
    ]

    operations = [
        migrations.AddField(
            model_name='reportdocument',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản'),
        ),
    ]
