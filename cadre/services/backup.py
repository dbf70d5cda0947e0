"""Backup and restore of the whole system: the database and the files under MEDIA_ROOT.

One archive (``.tar.gz``) holds:

- ``manifest.json``: format version, time of the backup, database engine, the
  latest applied migration of every app, row counts per table and the sha256
  of every other member;
- ``data/portable.jsonl``: every row of every table, serialized by Django
  (one object a line, natural foreign keys, primary keys kept), so a backup
  taken on PostgreSQL loads into an empty SQLite database and vice versa.
  The tables ``migrate`` fills by itself (content types, permissions) and the
  sessions are left out;
- ``data/database.pgdump`` (``pg_dump --format=custom``) on PostgreSQL, or
  ``data/database.sqlite3`` (the sqlite3 backup API) on a SQLite file: the
  native copy, for restoring by hand with the database's own tools;
- ``media/…``: the stored files (workbooks uploaded for import). Word
  templates and sent reports are binary columns, so they travel with the
  database.

``backup_create`` writes an archive; ``backup_restore`` loads one into an
empty, migrated database in one transaction (docs/backup.md).
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from cadre import data_versions
from cadre.db_maintenance import is_sqlite_file as _is_sqlite_file, refresh_statistics

logger = logging.getLogger(__name__)

FORMAT_NAME = "cadre-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PORTABLE = "data/portable.jsonl"
NATIVE_POSTGRESQL = "data/database.pgdump"
NATIVE_SQLITE = "data/database.sqlite3"
MEDIA_PREFIX = "media"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
CHUNK = 1024 * 1024

# Rows that `migrate` creates by itself in every database (their ids differ
# between databases; the rows referring to them are dumped with natural keys),
# and the sessions, which a restored system does not need.
# Data versions are not data: a restore gives everything a new one (cadre.data_versions).
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session", "cadre.dataversion"}
# Catalogs the seeding migrations fill: a freshly migrated database has rows
# there and still counts as empty. The restore replaces them with the archive's.
SEEDED_BY_MIGRATIONS = {
    "cadre.ethnicgroup",
    "cadre.positiontitle",
    "cadre.qualificationtype",
    "cadre.qualificationlevel",
    "cadre.population",
    "planning.indicator",
}

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the user (Vietnamese)."""


@dataclass
class BackupSummary:
    path: Path
    tables: dict[str, int]
    media_files: int
    native: str | None
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass
class RestoreSummary:
    tables: dict[str, int]
    media_files: int
    created_at: str
    source_engine: str

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _quiet(message: str) -> None:
    pass


# --- what is dumped ---------------------------------------------------------

def dumped_models() -> list[type[models.Model]]:
    """Every concrete, managed model except EXCLUDED_MODELS, parents of natural keys first."""
    app_list = []
    for app_config in apps.get_app_configs():
        chosen = [
            model for model in app_config.get_models()
            if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in EXCLUDED_MODELS
        ]
        if chosen:
            app_list.append((app_config, chosen))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _through_models(model: type[models.Model]) -> list[type[models.Model]]:
    return [f.remote_field.through for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created]


def _all_tables(model_list) -> list[type[models.Model]]:
    """The models and their automatic many-to-many tables."""
    result = []
    for model in model_list:
        result.append(model)
        result.extend(_through_models(model))
    return result


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {model._meta.db_table: model._base_manager.using(using).count() for model in _all_tables(dumped_models())}


def tables_with_data(using: str = DEFAULT_DB_ALIAS) -> list[type[models.Model]]:
    """Models with rows that a freshly migrated database would not have."""
    return [
        model for model in dumped_models()
        if model._meta.label_lower not in SEEDED_BY_MIGRATIONS and model._base_manager.using(using).exists()
    ]


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """The latest applied migration(s) of every app, as stored in the database."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    applied = {key for key in loader.applied_migrations if key in loader.graph.nodes}
    state: dict[str, list[str]] = {}
    for app_label in sorted({app for app, _ in applied}):
        in_app = {key for key in applied if key[0] == app_label}
        parents = {parent.key for key in in_app for parent in loader.graph.node_map[key].parents}
        state[app_label] = sorted(name for app, name in in_app if (app, name) not in parents)
    return state


def _unapplied_migrations(using: str) -> list[str]:
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


# --- backup -----------------------------------------------------------------

def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _copy_hashing(source: Path, target: Path) -> str:
    """Copy one stored file and hash exactly the bytes copied."""
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as reading, open(target, "wb") as writing:
        while block := reading.read(CHUNK):
            digest.update(block)
            writing.write(block)
    return digest.hexdigest()


def _write_portable(path: Path, using: str, progress: Progress) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(path, "w", encoding="utf-8") as stream:
        for model in dumped_models():
            queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
            count = queryset.count()
            for through in _through_models(model):
                counts[through._meta.db_table] = through._base_manager.using(using).count()
            counts[model._meta.db_table] = count
            if count:
                progress(f"- {model._meta.verbose_name_plural} ({model._meta.db_table}): {count} dòng")
                serializers.serialize(
                    "jsonl", queryset.iterator(chunk_size=2000), use_natural_foreign_keys=True, stream=stream
                )
    return counts


def sqlite_copy(source: str, target: Path) -> None:
    """A consistent copy of a SQLite database file through the sqlite3 backup API."""
    reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        writing = sqlite3.connect(target)
        try:
            reading.backup(writing)
        finally:
            writing.close()
    finally:
        reading.close()




def _pg_environment(settings_dict: dict) -> dict[str, str]:
    """Connection settings for the PostgreSQL client tools, passed in the environment, never on a command line."""
    environment = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for key, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"), ("sslcert", "PGSSLCERT"),
                          ("sslkey", "PGSSLKEY"), ("options", "PGOPTIONS"), ("service", "PGSERVICE"),
                          ("passfile", "PGPASSFILE")):
        if options.get(key):
            environment[variable] = str(options[key])
    return environment


def _pg_dump_major(executable: str) -> int | None:
    try:
        output = subprocess.run([executable, "--version"], capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for word in output.split():
        if word[:1].isdigit():
            return int(word.split(".")[0])
    return None


def _pg_dump(connection, target: Path, snapshot: str | None, progress: Progress) -> str | None:
    """Run pg_dump; return a warning (Vietnamese) instead when it cannot be done."""
    executable = shutil.which("pg_dump")
    if executable is None:
        return "Không tìm thấy chương trình pg_dump; tệp sao lưu chỉ có bản dữ liệu dùng chung (JSONL)."
    client_major = _pg_dump_major(executable)
    server_major = connection.pg_version // 10000
    if client_major is None or client_major < server_major:
        return (f"pg_dump phiên bản {client_major or 'không rõ'} cũ hơn máy chủ PostgreSQL {server_major}; "
                "tệp sao lưu chỉ có bản dữ liệu dùng chung (JSONL).")
    progress("Đang sao lưu cơ sở dữ liệu bằng pg_dump…")
    arguments = [executable, "--format=custom", "--no-password", f"--file={target}"]
    if snapshot:
        arguments.append(f"--snapshot={snapshot}")
    completed = subprocess.run(arguments, env=_pg_environment(connection.settings_dict),
                               capture_output=True, text=True, timeout=6 * 3600)
    if completed.returncode != 0:
        logger.error("pg_dump failed (%s): %s", completed.returncode, completed.stderr)
        raise BackupError("pg_dump không sao lưu được cơ sở dữ liệu; không có tệp sao lưu nào được tạo. "
                          "Xem nhật ký lỗi của máy chủ để biết chi tiết.")
    return None


def _media_files(root: Path, warnings: list[str]) -> list[tuple[Path, str]]:
    """Regular files under MEDIA_ROOT with their archive names; symbolic links are skipped."""
    found = []
    if not root.is_dir():
        return found
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if not stat.S_ISREG(os.lstat(path).st_mode):
                warnings.append(f"Bỏ qua {relative}: không phải tệp thông thường (liên kết tượng trưng…).")
                continue
            found.append((path, f"{MEDIA_PREFIX}/{relative}"))
    return found


def backup_create(target, *, using: str = DEFAULT_DB_ALIAS, native: bool = True,
                  progress: Progress = _quiet) -> BackupSummary:
    """Write one archive with the manifest, the portable dump, the native dump when possible and the media files.

    The file appears only when it is complete (written beside it, then renamed),
    readable by its owner only. An existing file is never overwritten.
    """
    target = Path(target)
    try:
        return _backup_create(target, using=using, native=native, progress=progress)
    except DatabaseError:
        logger.exception("Backup to %s failed", target)
        raise BackupError("Không đọc được cơ sở dữ liệu để sao lưu; không có tệp sao lưu nào được tạo. "
                          "Xem nhật ký lỗi của máy chủ để biết chi tiết.") from None


def _backup_create(target: Path, *, using: str, native: bool, progress: Progress) -> BackupSummary:
    if target.exists():
        raise BackupError(f"Tệp {target} đã có; hãy chọn tên khác (không ghi đè tệp sao lưu cũ).")
    if not target.parent.is_dir():
        raise BackupError(f"Không có thư mục {target.parent}.")
    connection = connections[using]
    warnings: list[str] = []
    members: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cadre-backup-") as work:
        staging = Path(work)
        (staging / "data").mkdir()
        native_name = None
        # One read-only snapshot for every table (and for pg_dump, which shares it)
        # when the backup owns its transaction; inside a caller's transaction
        # (tests) the reads see that transaction.
        own_transaction = not connection.in_atomic_block
        with transaction.atomic(using=using):
            snapshot = None
            if own_transaction and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    cursor.execute("SELECT pg_export_snapshot()")
                    snapshot = cursor.fetchone()[0]
            state = migration_state(using)
            progress("Đang sao lưu dữ liệu (bản dùng chung cho mọi loại cơ sở dữ liệu):")
            tables = _write_portable(staging / PORTABLE, using, progress)
            if native and connection.vendor == "postgresql":
                warning = _pg_dump(connection, staging / NATIVE_POSTGRESQL, snapshot, progress)
                if warning:
                    warnings.append(warning)
                else:
                    native_name = NATIVE_POSTGRESQL
        if native and connection.vendor == "sqlite":
            name = connection.settings_dict["NAME"]
            if _is_sqlite_file(name):
                progress("Đang sao lưu tệp cơ sở dữ liệu SQLite…")
                sqlite_copy(str(name), staging / NATIVE_SQLITE)
                native_name = NATIVE_SQLITE
            else:
                warnings.append("Cơ sở dữ liệu SQLite nằm trong bộ nhớ; tệp sao lưu chỉ có bản dữ liệu dùng chung.")
        for name in (PORTABLE, native_name):
            if name:
                members[name] = {"sha256": _sha256_file(staging / name), "size": (staging / name).stat().st_size}
        media_root = Path(settings.MEDIA_ROOT)
        media = _media_files(media_root, warnings)
        if media:
            progress(f"Đang sao lưu {len(media)} tệp trong thư mục lưu trữ (MEDIA_ROOT)…")
        for path, name in media:
            copied = staging / name
            members[name] = {"sha256": _copy_hashing(path, copied), "size": copied.stat().st_size}
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {"engine": connection.vendor, "native": native_name, "portable": PORTABLE},
            "migrations": state,
            "tables": tables,
            "excluded": sorted(EXCLUDED_MODELS),
            "members": members,
        }
        progress("Đang ghi tệp sao lưu…")
        partial = target.with_name(f".{target.name}.partial")
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                encoded = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(encoded), 0o600, int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(encoded))
                for name in members:
                    info = archive.gettarinfo(staging / name, arcname=name)
                    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                    with open(staging / name, "rb") as stream:
                        archive.addfile(info, stream)
            os.replace(partial, target)
        except OSError:
            partial.unlink(missing_ok=True)
            logger.exception("Writing the backup archive %s failed", target)
            raise BackupError(f"Không ghi được tệp sao lưu {target} (hết chỗ trống hoặc không có quyền ghi).") from None
    return BackupSummary(path=target, tables=tables, media_files=len(media), native=native_name, warnings=warnings)


# --- restore ----------------------------------------------------------------

def _safe_member_name(name: str) -> bool:
    """Only relative names inside the archive's own folders; no '..', no absolute paths, no backslashes."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    path = PurePosixPath(name)
    if any(part in ("", ".", "..") for part in name.split("/")):
        return False
    return name == MANIFEST or (path.parts[0] in ("data", MEDIA_PREFIX) and len(path.parts) >= 2)


DAMAGED = "Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của hệ thống này; không có gì thay đổi."


def _read_archive(source: Path, staging: Path) -> tuple[dict, dict[str, str]]:
    """Check every member's name and kind, copy the members out, return the manifest and the sha256 of each."""
    manifest_bytes = None
    digests: dict[str, str] = {}
    try:
        with tarfile.open(source, mode="r:gz") as archive:
            for member in archive:
                if not _safe_member_name(member.name):
                    raise BackupError(f"Tệp sao lưu có mục “{member.name}” nằm ngoài thư mục cho phép "
                                      "(đường dẫn tuyệt đối hoặc có “..”); không khôi phục tệp này.")
                if not member.isreg():
                    raise BackupError(f"Tệp sao lưu có mục “{member.name}” không phải tệp thông thường "
                                      "(liên kết, thư mục hoặc thiết bị); không khôi phục tệp này.")
                if member.name in digests or (member.name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"Tệp sao lưu có mục “{member.name}” hai lần; không khôi phục tệp này.")
                stream = archive.extractfile(member)
                if member.name == MANIFEST:
                    if member.size > MAX_MANIFEST_BYTES:
                        raise BackupError(DAMAGED)
                    manifest_bytes = stream.read()
                    continue
                digests[member.name] = _copy_stream(stream, staging / member.name)
            # A damaged header ends tarfile's listing silently: read the compressed
            # stream to its end so gzip checks its length and CRC.
            while archive.fileobj.read(CHUNK):
                pass
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError):
        logger.warning("Backup archive %s could not be read", source, exc_info=True)
        raise BackupError(DAMAGED) from None
    if manifest_bytes is None:
        raise BackupError(DAMAGED)
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except ValueError:
        raise BackupError(DAMAGED) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise BackupError(DAMAGED)
    return manifest, digests


def _copy_stream(stream, target: Path) -> str:
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as writing:
        while block := stream.read(CHUNK):
            digest.update(block)
            writing.write(block)
    return digest.hexdigest()


def _check_manifest(manifest: dict, digests: dict[str, str]) -> None:
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise BackupError(DAMAGED)
    if version > FORMAT_VERSION:
        raise BackupError(f"Tệp sao lưu theo định dạng phiên bản {version}, mới hơn phiên bản {FORMAT_VERSION} "
                          "mà chương trình này đọc được. Hãy khôi phục bằng phiên bản chương trình mới hơn.")
    listed = manifest.get("members")
    if not isinstance(listed, dict) or not isinstance(manifest.get("tables"), dict):
        raise BackupError(DAMAGED)
    missing = sorted(set(listed) - set(digests))
    extra = sorted(set(digests) - set(listed))
    if missing or extra:
        raise BackupError(f"Tệp sao lưu bị hỏng: thiếu {', '.join(missing) or 'không'}; "
                          f"thừa {', '.join(extra) or 'không'} so với danh mục; không có gì thay đổi.")
    for name, digest in sorted(digests.items()):
        if not isinstance(listed[name], dict) or listed[name].get("sha256") != digest:
            raise BackupError(f"Tệp sao lưu bị hỏng: nội dung của {name} không khớp mã kiểm tra (sha256); "
                              "không có gì thay đổi.")
    if PORTABLE not in digests:
        raise BackupError(f"Tệp sao lưu không có bản dữ liệu {PORTABLE}; không khôi phục được.")


def _check_target(manifest: dict, using: str, replace: bool, media: list[tuple[Path, Path]]) -> None:
    unapplied = _unapplied_migrations(using)
    if unapplied:
        raise BackupError("Cơ sở dữ liệu đích chưa được cập nhật cấu trúc (còn "
                          f"{len(unapplied)} migration chưa chạy). Hãy chạy “python manage.py migrate” trước.")
    ours = migration_state(using)
    theirs = manifest.get("migrations")
    if theirs != ours:
        theirs = theirs if isinstance(theirs, dict) else {}
        different = sorted(app for app in set(ours) | set(theirs) if ours.get(app) != theirs.get(app))
        details = "; ".join(
            f"{app}: tệp sao lưu {', '.join(theirs.get(app) or ['không có'])}, "
            f"chương trình {', '.join(ours.get(app) or ['không có'])}" for app in different
        )
        raise BackupError("Cấu trúc dữ liệu trong tệp sao lưu khác với phiên bản chương trình này "
                          f"({details}). Hãy khôi phục bằng đúng phiên bản chương trình đã tạo tệp sao lưu.")
    if replace:
        return
    filled = tables_with_data(using)
    if filled:
        names = ", ".join(f"{model._meta.verbose_name_plural} ({model._base_manager.using(using).count()})"
                          for model in filled)
        raise BackupError(f"Cơ sở dữ liệu đích đã có dữ liệu: {names}. Chỉ khôi phục vào cơ sở dữ liệu trống "
                          "(vừa chạy migrate); không có gì thay đổi. Muốn xóa toàn bộ dữ liệu hiện có rồi "
                          "khôi phục thì dùng --replace --confirm.")
    existing = [str(target) for _, target in media if target.exists() or target.is_symlink()]
    if existing:
        raise BackupError(f"Thư mục lưu trữ đã có tệp trùng tên: {', '.join(existing[:5])}. "
                          "Không có gì thay đổi; dùng --replace --confirm để ghi đè.")


def _load_portable(path: Path, manifest: dict, using: str, progress: Progress) -> dict[str, int]:
    connection = connections[using]
    model_list = dumped_models()
    all_tables = _all_tables(model_list)
    table_names = [model._meta.db_table for model in all_tables]
    statements = connection.ops.sql_flush(
        no_style(), table_names + ["django_session"], reset_sequences=False, allow_cascade=True
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred checks still pending in this
            # transaction (a caller's writes); run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for statement in statements:
            cursor.execute(statement)
    deferred = []
    current = None
    with connection.constraint_checks_disabled(), open(path, encoding="utf-8") as stream:
        for item in serializers.deserialize("jsonl", stream, using=using, handle_forward_references=True):
            instance = item.object
            if type(instance) is not current:
                current = type(instance)
                expected = manifest["tables"].get(current._meta.db_table, "?")
                progress(f"- {current._meta.verbose_name_plural} ({current._meta.db_table}): {expected} dòng")
            models.Model.save_base(instance, using=using, raw=True, force_insert=True)
            for name, values in (item.m2m_data or {}).items():
                getattr(instance, name).set(values)
            if item.deferred_fields:
                deferred.append(item)
    for item in deferred:
        item.save_deferred_fields(using=using)
    connection.check_constraints(table_names=table_names)
    sequences = connection.ops.sequence_reset_sql(no_style(), all_tables)
    if sequences:
        with connection.cursor() as cursor:
            for statement in sequences:
                cursor.execute(statement)
    counts = row_counts(using)
    expected = {table: count for table, count in manifest["tables"].items()}
    if counts != expected:
        different = sorted(t for t in set(counts) | set(expected) if counts.get(t) != expected.get(t))
        logger.error("Restored row counts differ: %s", {t: (expected.get(t), counts.get(t)) for t in different})
        raise BackupError(f"Số dòng sau khi nạp khác với tệp sao lưu ở các bảng {', '.join(different)}; "
                          "đã hủy, không có gì thay đổi.")
    return counts


def _place_media(media: list[tuple[Path, Path]], written: list[Path]) -> None:
    for staged, target in media:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(staged, temporary)
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
        written.append(target)


def backup_restore(source, *, using: str = DEFAULT_DB_ALIAS, replace: bool = False, confirm: bool = False,
                   progress: Progress = _quiet) -> RestoreSummary:
    """Load an archive into this system: all or nothing.

    Refused, with nothing changed, when the archive is damaged, of a newer
    format, from other migrations than this code's, or when the database
    already holds data (unless ``replace`` and ``confirm``: then every table is
    emptied first, in the same transaction).
    """
    source = Path(source)
    if replace and not confirm:
        raise BackupError("--replace xóa toàn bộ dữ liệu hiện có; hãy thêm --confirm để xác nhận. "
                          "Không có gì thay đổi.")
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}.")
    with tempfile.TemporaryDirectory(prefix="cadre-restore-") as work:
        staging = Path(work)
        progress("Đang kiểm tra tệp sao lưu…")
        manifest, digests = _read_archive(source, staging)
        _check_manifest(manifest, digests)
        media_root = Path(settings.MEDIA_ROOT)
        media = [
            (staging / name, media_root.joinpath(*PurePosixPath(name).parts[1:]))
            for name in sorted(digests) if name.startswith(f"{MEDIA_PREFIX}/")
        ]
        _check_target(manifest, using, replace, media)
        source_engine = (manifest.get("database") or {}).get("engine", "?")
        progress(f"Tệp sao lưu hợp lệ (tạo lúc {manifest.get('created_at')}, từ {source_engine}).")
        if replace:
            progress("Đang xóa dữ liệu hiện có và nạp dữ liệu từ tệp sao lưu:")
        else:
            progress("Đang nạp dữ liệu:")
        written: list[Path] = []
        try:
            with transaction.atomic(using=using):
                counts = _load_portable(staging / PORTABLE, manifest, using, progress)
                data_versions.bump_everything(using)  # no figure kept before the restore is read again
                refresh_statistics(using=using)  # once committed: the restored rows get planner statistics
                if media:
                    progress(f"Đang ghi {len(media)} tệp vào thư mục lưu trữ (MEDIA_ROOT)…")
                    _place_media(media, written)
        except BackupError:
            _remove_written(written, replace)
            raise
        except (DatabaseError, DeserializationError, OSError, ValueError, LookupError):
            _remove_written(written, replace)
            logger.exception("Restoring %s failed", source)
            raise BackupError("Không nạp được dữ liệu từ tệp sao lưu (dữ liệu không hợp lệ với cơ sở dữ liệu đích); "
                              "đã hủy, không có gì thay đổi.") from None
    return RestoreSummary(tables=counts, media_files=len(media), created_at=str(manifest.get("created_at")),
                          source_engine=source_engine)


def _remove_written(written: list[Path], replace: bool) -> None:
    """Undo the files a failed restore placed; with --replace the overwritten originals are gone."""
    if replace:
        return
    for path in written:
        path.unlink(missing_ok=True)

