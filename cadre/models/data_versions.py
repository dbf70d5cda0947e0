"""Data versions: a random stamp per organization (and one for everything) that every committed write
to the records it stands for replaces, in the same transaction as the write (cadre.data_versions).

The report figures kept between requests (cadre/figure_cache.py) are stored under a key that holds
the stamps of the organizations their scope is cut from: a write changes the stamp, so the old figures
are simply never read again. Nothing else reads these rows; they are not backed up (a restore replaces
every stamp) and never shown.
"""
from django.db import models


class DataVersion(models.Model):
    """The current stamp of one organization's subtree ("organization:<id>") or of everything ("all")."""

    name = models.CharField(max_length=40, primary_key=True)
    stamp = models.BigIntegerField()

    class Meta:
        verbose_name = "phiên bản dữ liệu"
        verbose_name_plural = "phiên bản dữ liệu"

    def __str__(self):
        return f"{self.name}: {self.stamp}"
