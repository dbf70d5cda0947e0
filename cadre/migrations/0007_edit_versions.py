"""Versions of officials and their records (no lost updates), and the one-person titles of the catalog."""

from django.db import migrations, models

# Titles one person holds at a unit at a time (domain.md): the head of the Party committee, of the People's
# Council and Committee, of the Front and the mass organizations, the commune's military commander, the head
# of a district office. Deputies (Phó …) and members are several.
SINGLE_HOLDER_TITLES = [
    "BT_DU", "CT_HDND_XA", "CT_UBND_XA", "CT_MTTQ_XA", "BT_DOAN_XA", "CT_HLHPN_XA", "CT_HND_XA", "CT_HCCB_XA",
    "CC_CHQS", "BT_HU", "CT_HDND_HUYEN", "CT_UBND_HUYEN", "TRUONG_PHONG",
]


def seed(apps, schema_editor):
    apps.get_model("cadre", "PositionTitle").objects.filter(code__in=SINGLE_HOLDER_TITLES).update(is_single_holder=True)


def unseed(apps, schema_editor):
    apps.get_model("cadre", "PositionTitle").objects.update(is_single_holder=False)


class Migration(migrations.Migration):

    dependencies = [
        ('cadre', '0006_retire_official'),
    ]

    operations = [
        migrations.AddField(
            model_name='careerevent',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản'),
        ),
        migrations.AddField(
            model_name='official',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản'),
        ),
        migrations.AddField(
            model_name='planningentry',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản'),
        ),
        migrations.AddField(
            model_name='positionrecord',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản'),
        ),
        migrations.AddField(
            model_name='positiontitle',
            name='is_single_holder',
            field=models.BooleanField(default=False, help_text='Mỗi tổ chức chỉ có một người giữ chức vụ này cùng lúc (Bí thư, Chủ tịch UBND…): người thứ hai phải được xác nhận khi nhập.', verbose_name='chỉ một người giữ'),
        ),
        migrations.AddField(
            model_name='qualificationrecord',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản'),
        ),
        migrations.RunPython(seed, unseed),
    ]
