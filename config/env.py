"""Settings from the environment: SECRET_KEY (or, for a local run, a key file of its own) and whole numbers.

A server (DEBUG off, not the embedded demo) must be given SECRET_KEY; the
embedded demo (`make run`, CADRE_EMBEDDED=1) and a developer's DEBUG=1 run
keep a random key in BASE_DIR/.secret_key (mode 0600, git-ignored), created
on first use, so sessions survive restarts and no key is ever public.
"""
from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

MISSING_MESSAGE = (
    "Chưa đặt biến môi trường SECRET_KEY (khóa bí mật của Django, ít nhất 50 ký tự ngẫu nhiên). "
    "Máy chủ không chạy khi thiếu khóa này. Tạo khóa bằng lệnh: "
    "python -c \"from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())\" "
    "rồi đặt SECRET_KEY=<khóa> trong môi trường của máy chủ. "
    "Bản chạy thử trên máy (make run, CADRE_EMBEDDED=1) tự tạo khóa trong tệp .secret_key."
)


def resolve_secret_key(environ, key_file: Path, local_run: bool) -> str:
    """SECRET_KEY from the environment; else the local key file when allowed; else a throwaway key for a
    command that signs nothing (manage.py sets CADRE_KEY_FREE_COMMAND for those); else a clear refusal."""
    key = environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if environ.get("CADRE_KEY_FREE_COMMAND") == "1":
        return get_random_secret_key()  # never stored, never used to sign: makemigrations, showmigrations…
    if not local_run:
        raise ImproperlyConfigured(MISSING_MESSAGE)
    return _read_or_create(key_file)


def _read_or_create(key_file: Path) -> str:
    if not key_file.exists():
        # Written to a private temporary file, then linked into place: two
        # processes starting at once (runserver and its reloader) both end up
        # reading the one complete key.
        temporary = key_file.with_name(f"{key_file.name}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(get_random_secret_key())
        try:
            os.link(temporary, key_file)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = key_file.read_text(encoding="ascii").strip()
    if not key:
        raise ImproperlyConfigured(f"Tệp khóa bí mật {key_file} rỗng: hãy xóa tệp để hệ thống tạo lại, hoặc đặt SECRET_KEY.")
    return key


def env_int(name: str, default: int) -> int:
    """A positive whole number from the environment, or a clear refusal to start."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ImproperlyConfigured(f"Biến môi trường {name} phải là số nguyên dương, đang là “{raw}”.")
    return value


def env_share(name: str, default: str) -> float:
    """A share between 0 (exclusive) and 1 (inclusive) from the environment, e.g. 0.8."""
    text = os.environ.get(name, default)
    try:
        value = float(text)
    except ValueError:
        raise ImproperlyConfigured(f"{name} phải là một số từ 0 đến 1, ví dụ 0.8, không phải “{text}”.") from None
    if not 0 < value <= 1:
        raise ImproperlyConfigured(f"{name} phải lớn hơn 0 và không quá 1, ví dụ 0.8, không phải “{text}”.")
    return value
