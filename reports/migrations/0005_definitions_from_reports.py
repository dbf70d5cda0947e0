"""Populations now belong to cadre (cadre 0009), indicators to planning (planning 0003); the tables stay."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0003_definitions_from_reports'),
        ('reports', '0004_seed_indicators'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='population',
                    name='titles',
                ),
                migrations.DeleteModel(
                    name='Indicator',
                ),
                migrations.DeleteModel(
                    name='Population',
                ),

            ],
        ),
    ]
