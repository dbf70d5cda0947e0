"""Background jobs: workbook imports, batch rendering of the units' reports, exchange-workbook exports and
demo generation, run by a Celery worker when CELERY_BROKER_URL is set and in the web process otherwise.

- state.py: a job's state on disk (kind, user, state, progress, result file, Vietnamese error), the claim
  that makes a delivered run execute once, progress reporting.
- runner.py: submitting a run (Celery, a thread, or inline) and executing it.
- kinds.py: the registry of job kinds and what each one runs.
- tasks.py: the one Celery task.
- views.py, urls.py: the status page, its progress and the download of a result; the demo data page.

The work of each kind lives with the app it serves (kinds.py names it by dotted path):
cadre/services/import_jobs.py, reports/batch_render.py, cadre/exchange/export_job.py, cadre/demo/job.py.
The machinery (state, runner, kinds, tasks) imports no app but the audit context, so every app may use it;
the pages (views, urls) stand on top (tests/architecture/test_import_direction.py).
"""
