"""gunicorn.conf.py: bounded workers, a local bind by default, 60 s for PDFs, no query strings in the access log."""
import datetime as dt
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config
from gunicorn.glogging import Logger

CONFIG_FILE = Path(settings.BASE_DIR) / "gunicorn.conf.py"
ENVIRONMENT = ("BIND", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT")


def load(monkeypatch, cpus=2, **environment) -> dict:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("os.cpu_count", lambda: cpus)
    return runpy.run_path(str(CONFIG_FILE))


def gunicorn_config(values: dict) -> Config:
    """The values as gunicorn itself reads a config file (each one validated by its setting)."""
    config = Config()
    for name, value in values.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_defaults(monkeypatch):
    values = load(monkeypatch, cpus=2)
    config = gunicorn_config(values)
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers == 5  # 2 × 2 cores + 1
    assert config.threads == 2 and config.worker_class_str == "gthread"
    assert config.timeout == 60
    assert config.max_requests == 1000 and config.max_requests_jitter == 100
    assert config.wsgi_app == "config.wsgi:application"
    assert config.preload_app is False
    assert config.control_socket_disable is True


def test_workers_are_capped_on_a_big_machine_and_the_environment_wins(monkeypatch):
    assert load(monkeypatch, cpus=32)["workers"] == 8
    assert load(monkeypatch, cpus=1)["workers"] == 3
    values = load(monkeypatch, cpus=32, WEB_CONCURRENCY="3", BIND="unix:/run/cadre/gunicorn.sock",
                  GUNICORN_THREADS="4", GUNICORN_TIMEOUT="120")
    assert (values["workers"], values["bind"], values["threads"], values["timeout"]) == (
        3, ["unix:/run/cadre/gunicorn.sock"], 4, 120)


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_wrong_number_stops_the_start_with_a_vietnamese_message(monkeypatch, value):
    with pytest.raises(SystemExit) as stopped:
        load(monkeypatch, WEB_CONCURRENCY=value)
    assert str(stopped.value) == f"Biến môi trường WEB_CONCURRENCY phải là số nguyên dương (đang là “{value}”)."


def test_the_access_log_has_no_query_string_nor_referer(monkeypatch):
    # A search by citizen identity number (CCCD), coming from a page whose address carried another one.
    config = gunicorn_config(load(monkeypatch))
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/can-bo/?q=001080000123", "PATH_INFO": "/can-bo/",
        "QUERY_STRING": "q=001080000123", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://hoso.example.vn/can-bo/?q=001080000999", "HTTP_USER_AGENT": "Firefox",
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "10.1.2.3"), ("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger = Logger(config)
    atoms = logger.atoms(response, request, environ, dt.timedelta(milliseconds=42))
    line = config.access_log_format % atoms
    assert line.startswith('10.1.2.3 127.0.0.1 [')
    assert line.endswith('] "GET /can-bo/ HTTP/1.1" 200 1234 42ms "Firefox"')
    assert "0010800" not in line
