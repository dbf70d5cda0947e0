"""Gunicorn settings of the production server (docs/deployment.md).

    gunicorn --config gunicorn.conf.py config.wsgi

Behind a reverse proxy (nginx) that terminates TLS. Everything a server
changes comes from the environment:

- BIND: address to listen on, default 127.0.0.1:8000 (only the proxy on the
  same machine reaches it); a unix socket is written unix:/run/cadre/gunicorn.sock.
- WEB_CONCURRENCY: worker processes, default 2 × CPU cores + 1, at most 8.
- GUNICORN_THREADS: threads per worker, default 2 (gthread worker).
- GUNICORN_TIMEOUT: seconds a request may take before its worker is restarted,
  default 60 (a report's PDF is rendered inside the request).
"""
import os

MAX_WORKERS = 8


def _positive_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"Biến môi trường {name} phải là số nguyên dương (đang là “{value}”).") from None
    if number < 1:
        raise SystemExit(f"Biến môi trường {name} phải là số nguyên dương (đang là “{value}”).")
    return number


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, MAX_WORKERS)


wsgi_app = "config.wsgi:application"
bind = [os.environ.get("BIND", "").strip() or "127.0.0.1:8000"]
workers = _positive_int("WEB_CONCURRENCY", default_workers())
threads = _positive_int("GUNICORN_THREADS", 2)
worker_class = "gthread"
timeout = _positive_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5

# A worker is replaced after about a thousand requests (the jitter keeps the
# workers from restarting together), so that memory a long-running process
# gathers (PDF rendering, large workbooks) is given back.
max_requests = 1000
max_requests_jitter = 100

# Logs to standard output/error (journald under systemd).
accesslog = "-"
errorlog = "-"
loglevel = "info"
# The path only, never the query string nor the Referer (the previous page's
# address with its query string): searches carry names and citizen identity
# numbers (CCCD) in the query string, `/can-bo/?q=001080000123`, and those must
# not end up in log files. The client address is the proxy's X-Forwarded-For
# (nginx sets it), then the peer address.
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'

# Django builds absolute addresses and https redirects from the proxy's
# X-Forwarded-Proto only when PROXY_SSL_HEADER is set (settings); gunicorn
# trusts the forwarded headers of the local proxy only (its default).
forwarded_allow_ips = "127.0.0.1,::1"

# Not preloaded: each worker imports the application itself, so that a
# `kill -HUP` of the master reloads new code, and no database connection can
# be shared between forked processes.
preload_app = False

# No runtime control socket (gunicorn ≥ 25.1 opens one in the home folder by
# default): systemd starts, reloads (HUP) and stops the server.
control_socket_disable = True
