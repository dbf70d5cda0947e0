"""Background jobs: workbook imports, batch rendering of the units' reports, exchange-workbook exports and
demo generation, run by a Celery worker when CELERY_BROKER_URL is set and in the web process otherwise.

- state.py: a job's state on disk (kind, user, state, progress, result file, Vietnamese error), the claim
  that makes a delivered run execute once, progress reporting.
- runner.py: submitting a run (Celery, a thread, or inline) and executing it.
- kinds.py: the registry of job kinds and what each one runs.
- batch_render.py, exchange_export.py, demo_generation.py: the work of each kind but the import, which
  stays in cadre/services/import_jobs.py.
- tasks.py: the one Celery task.
"""
