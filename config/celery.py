"""The Celery application of background jobs (jobs/), for a server with Redis.

The worker: `celery -A config worker --concurrency 1` with the web's environment (DATABASE_URL,
SECRET_KEY, MEDIA_ROOT, CELERY_BROKER_URL; docs/deployment.md). Settings come from Django's settings,
names prefixed CELERY_ (config/settings.py). Without CELERY_BROKER_URL the application never sends to
Celery: jobs run in the web process (jobs/runner.py).
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("cadre")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
