#!/usr/bin/env bash
# The load test of issue 13 (loopback only, bounded in time): gunicorn on PostgreSQL with the
# 100,000-official province, 50 users with think time; then the same while a province batch render runs
# in a Celery worker. Results (CSV and a Markdown table) in benchmarks/load/results/.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_load bash benchmarks/load/run_load_test.sh
#
# The database must hold the demo province (manage.py migrate; manage.py generate_demo --officials 100000;
# VACUUM ANALYZE; generated with config.settings so that the server can check the demo passwords).
# Users arrive at SPAWN_RATE per second (1: a login is about 0.5 s of a core, PBKDF2 on purpose) and the
# statistics restart once all have arrived. Environment: USERS (50), THINK_SECONDS (10), DURATION (5m), PORT (8765),
# WEB_CONCURRENCY (gunicorn workers, 4), BROKER (redis://127.0.0.1:6379/9).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?Đặt DATABASE_URL trỏ tới cơ sở dữ liệu PostgreSQL có dữ liệu mẫu 100.000 cán bộ}"
USERS="${USERS:-50}"; SPAWN_RATE="${SPAWN_RATE:-1}"; DURATION="${DURATION:-5m}"; PORT="${PORT:-8765}"; BROKER="${BROKER:-redis://127.0.0.1:6379/9}"
export THINK_SECONDS="${THINK_SECONDS:-10}" WEB_CONCURRENCY="${WEB_CONCURRENCY:-4}"
PY=.venv/bin/python
$PY -c "import locust" 2>/dev/null || $PY -m pip install --quiet -c requirements.lock ".[load]"
OUT=benchmarks/load/results; mkdir -p "$OUT"
MEDIA="$(mktemp -d)"
export DJANGO_SETTINGS_MODULE=config.settings SECRET_KEY="load-test-only-$(date +%s)-not-secret-key-0123456789" \
  ALLOWED_HOSTS=127.0.0.1 MEDIA_ROOT="$MEDIA" CELERY_BROKER_URL="$BROKER" BIND="127.0.0.1:$PORT"
$PY benchmarks/load/targets.py benchmarks/load/targets.json
$PY manage.py axes_reset >/dev/null  # earlier failed logins must not lock the simulated users out
.venv/bin/gunicorn --config gunicorn.conf.py config.wsgi >"$OUT/gunicorn.log" 2>&1 &
web=$!
.venv/bin/celery -A config.celery worker --pool solo --loglevel warning >"$OUT/worker.log" 2>&1 &
worker=$!
trap 'kill $web $worker 2>/dev/null; wait $web $worker 2>/dev/null; rm -rf "$MEDIA"' EXIT
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/dang-nhap/" && break; sleep 1; done

run() {  # name
  .venv/bin/locust -f benchmarks/load/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
    --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$DURATION" --reset-stats --csv "$OUT/$1" --only-summary >"$OUT/$1.log" 2>&1 || true
  $PY benchmarks/load/summary.py "$OUT/$1_stats.csv" "$1" | tee "$OUT/$1.md"
}

echo "== $USERS users, think time ${THINK_SECONDS}s, $DURATION"
uptime
run quiet
echo "== the same while a province batch render runs in the worker"
$PY - <<'PY'
import os, django
django.setup()
from accounts.models import User
from planning.models import Plan
from reports.batch_render import batch_render_start
from reports.parameters import check_request
import datetime as dt, json
targets = json.load(open("benchmarks/load/targets.json"))
user = User.objects.get(username="tinh1")
plan = Plan.objects.get(code=targets["report"]["plan"])
request = check_request(organization=user.organization, plan=plan, as_of=dt.date(2024, 6, 30), rating_years=None,
                        baseline=dt.date(plan.issued_on.year - 1, 12, 31), baseline_rating_years=None,
                        target_year=None, today=dt.date.today())
job = batch_render_start(user=user, request=request, with_pdf=True)
print("batch render job", job.token)
open(os.path.join(os.environ["MEDIA_ROOT"], "load-test-job"), "w").write(job.token)
PY
uptime
run with_batch_render
uptime
$PY - <<'PY' | tee "$OUT/batch_render.txt"
import os, django
django.setup()
from jobs.state import Job, job_load
job = job_load(Job, open(os.path.join(os.environ["MEDIA_ROOT"], "load-test-job")).read())
print(f"batch render: {job.state}, {job.done}/{job.total} {job.unit}, {job.elapsed} s elapsed, error: {job.error or '-'}")
PY
