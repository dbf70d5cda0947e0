"""Backup and restore: an archive taken here loads into an empty SQLite database elsewhere, and bad archives are refused."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection

from cadre.models import (
    CareerEvent,
    Official,
    PartyStatistics,
    PlanningEntry,
    Population,
    PositionRecord,
    PositionTitle,
)
from cadre.services.backup import (
    FORMAT_VERSION,
    NATIVE_POSTGRESQL,
    NATIVE_SQLITE,
    PORTABLE,
    SEEDED_BY_MIGRATIONS,
    dumped_models,
    migration_state,
    row_counts,
    sqlite_copy,
    tables_with_data,
)
from documents.models import DocumentTemplate, ReportDocument, Submission, SubmissionState
from planning.models import Indicator, Plan, PlanRow, PlanTable, Target
from tests.factories import add_position, add_qualification, add_rating, make_district_tree, make_official, make_user

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(settings.BASE_DIR)
DOCX_BYTES = b"PK\x03\x04 the Word file as it was sent \x00\xff\x10" * 50
PDF_BYTES = b"%PDF-1.7 frozen report \x00\x01\x02"
TEMPLATE_BYTES = b"PK\x03\x04 a district's own template \x00\xfe"
WORKBOOK_BYTES = b"PK\x03\x04 an uploaded workbook waiting for its commit"
TOKEN = "0123456789abcdef0123456789abcdef"
DAMAGED = "Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu của hệ thống này; không có gì thay đổi."


@pytest.fixture
def source(settings):
    """Every kind of record: organizations, officials with all their records, a plan, documents, users, a file."""
    tree = make_district_tree("LC")
    duc = make_official("A1", full_name="Nguyễn Văn Đức", citizen_id="001080000123", party_joined_on=dt.date(2005, 3, 2))
    add_position(duc, tree["LC.A.X1"], "BT_DU", dt.date(2020, 1, 2))
    add_position(duc, tree["LC.A.X2"], "PCT_UBND_XA", dt.date(2015, 1, 1), dt.date(2019, 12, 31))
    add_qualification(duc, "CHUYEN_MON", "DAI_HOC", dt.date(2012, 6, 1))
    add_qualification(duc, "LY_LUAN", "TRUNG_CAP", dt.date(2016, 6, 1))
    add_rating(duc, 2023, "HTTNV")
    hoa = make_official("A2", full_name="Lò Thị Hoa", gender="NU", ethnicity="Thái", birth_date=dt.date(1995, 5, 5))
    add_position(hoa, tree["LC.B.PNV"], "PHO_PHONG", dt.date(2022, 1, 1))
    add_rating(hoa, 2024, "HTNV")
    CareerEvent.objects.create(official=hoa, kind="DIEU_DONG", date=dt.date(2022, 1, 1),
                               from_organization=tree["LC.A.X2"], to_organization=tree["LC.B.PNV"])
    PlanningEntry.objects.create(official=duc, title=PositionTitle.objects.get(code="PBT_HU"),
                                 organization=tree["LC.A"], term="2025-2030", approved_on=dt.date(2023, 4, 1))
    PartyStatistics.objects.create(organization=tree["LC.A.X1"], year=2024, members=120, female=30)
    staff = make_user("staff-a", tree["LC.A"], first_name="Hà", last_name="Minh")
    editors = Group.objects.create(name="Biên tập")
    editors.permissions.set(Permission.objects.filter(codename__in=["change_official", "view_official"]))
    staff.groups.add(editors)
    staff.user_permissions.add(Permission.objects.get(codename="add_plan"))
    plan = Plan.objects.create(code="01-ĐA/HU", title="Đề án cán bộ", organization=tree["LC.A"],
                               issued_on=dt.date(2021, 3, 10))
    table = PlanTable.objects.create(plan=plan, number="Biểu 01", title="CÁN BỘ CẤP XÃ",
                                     population=Population.objects.get(code="CB_XA"))
    row = PlanRow.objects.create(table=table, label="Cán bộ nữ", indicator=Indicator.objects.get(code="NU"))
    Target.objects.create(row=row, year=2025, min_value=Decimal("30.50"))
    DocumentTemplate.objects.create(organization=tree["LC.A"], name="Mẫu huyện A", file_name="mau.docx",
                                    content=TEMPLATE_BYTES, variables=["so_lieu"], uploaded_by=staff)
    document = ReportDocument.objects.create(organization=tree["LC.A"], plan=plan, as_of=dt.date(2024, 6, 30),
                                             number="215-BC/HU", subject="Sơ kết đề án", created_by=staff)
    Submission.objects.create(document=document, sequence=1, title_text="Báo cáo 215-BC/HU", as_of=document.as_of,
                              docx_name="215.docx", docx=DOCX_BYTES, pdf_name="215.pdf", pdf=PDF_BYTES,
                              figures={"Biểu 01": [1, 2]}, submitted_by=staff, state=SubmissionState.PENDING)
    imports = Path(settings.MEDIA_ROOT) / "imports"
    imports.mkdir(parents=True)
    (imports / f"{TOKEN}.xlsx").write_bytes(WORKBOOK_BYTES)
    return {"tree": tree, "duc": duc, "hoa": hoa, "staff": staff, "document": document}


def backup(path: Path, **options) -> str:
    out = io.StringIO()
    call_command("backup", str(path), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def restore(path: Path, *args) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def members_of(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as archive:
        return {member.name: archive.extractfile(member).read() for member in archive}


def write_archive(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for info, content in members:
            if info.isreg():
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
            else:
                archive.addfile(info)
    return path


def rewrite(source: Path, target: Path, *, change=None, manifest_change=None, rehash=False, extra=()) -> Path:
    """Copy an archive, changing members' bytes and the manifest (optionally keeping its checksums right)."""
    contents = members_of(source)
    manifest = json.loads(contents.pop("manifest.json"))
    for name in list(contents):
        if change:
            contents[name] = change(name, contents[name])
        if rehash:
            manifest["members"][name]["sha256"] = hashlib.sha256(contents[name]).hexdigest()
    if manifest_change:
        manifest_change(manifest)
    members = [(tarfile.TarInfo("manifest.json"), json.dumps(manifest, ensure_ascii=False).encode())]
    members += [(tarfile.TarInfo(name), content) for name, content in contents.items()]
    return write_archive(target, members + list(extra))


def sqlite_rows(path: Path, sql: str, *params):
    with sqlite3.connect(path) as database:
        return database.execute(sql, params).fetchall()


def run_manage(*args, database: Path, media: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(media)}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env=environment,
                          capture_output=True, text=True, timeout=600)


def test_a_backup_restores_into_an_empty_sqlite_database_with_the_same_rows_and_files(source, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    output = backup(archive)
    assert output.splitlines()[0] == "Đang sao lưu dữ liệu (bản dùng chung cho mọi loại cơ sở dữ liệu):"
    assert "- cán bộ (cadre_official): 2 dòng" in output
    assert "Đang sao lưu 1 tệp trong thư mục lưu trữ (MEDIA_ROOT)…" in output
    assert archive.stat().st_mode & 0o777 == 0o600

    contents = members_of(archive)
    manifest = json.loads(contents["manifest.json"])
    expected_counts = row_counts()
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["migrations"] == migration_state()
    assert manifest["migrations"]["cadre"] == [latest_cadre_migration()]
    assert manifest["tables"] == expected_counts
    assert expected_counts["cadre_official"] == 2 and expected_counts["auth_group_permissions"] == 2
    native = {NATIVE_POSTGRESQL} if connection.vendor == "postgresql" else set()  # SQLite test database: in memory
    assert set(contents) == {"manifest.json", PORTABLE, f"media/imports/{TOKEN}.xlsx"} | native
    for name, entry in manifest["members"].items():
        assert entry == {"sha256": hashlib.sha256(contents[name]).hexdigest(), "size": len(contents[name])}
    assert contents[f"media/imports/{TOKEN}.xlsx"] == WORKBOOK_BYTES

    restored, media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    migrated = run_manage("migrate", "-v0", database=restored, media=media)
    assert migrated.returncode == 0, migrated.stderr
    done = run_manage("restore", str(archive), database=restored, media=media)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Đang kiểm tra tệp sao lưu…"
    assert done.stdout.splitlines()[-1].startswith(
        f"Đã khôi phục {sum(expected_counts.values())} dòng dữ liệu và 1 tệp lưu trữ từ bản sao lưu lúc "
    )

    # The restore adds one entry to the audit trail: what was restored, from which file.
    for table, count in {**expected_counts, "cadre_changerecord": expected_counts["cadre_changerecord"] + 1}.items():
        assert sqlite_rows(restored, f'SELECT count(*) FROM "{table}"') == [(count,)], table
    assert sqlite_rows(restored, "SELECT code, full_name, citizen_id FROM cadre_official ORDER BY code") == [
        ("A1", "Nguyễn Văn Đức", "001080000123"), ("A2", "Lò Thị Hoa", None),
    ]
    assert sqlite_rows(restored, "SELECT id, official_id, organization_id, start_date, end_date FROM cadre_positionrecord "
                                 "ORDER BY id") == [
        (p.pk, p.official_id, p.organization_id, p.start_date.isoformat(), p.end_date and p.end_date.isoformat())
        for p in PositionRecord.objects.order_by("pk")
    ]
    assert sqlite_rows(restored, "SELECT path FROM cadre_organization WHERE code = 'LC.A.X1'") == [
        (source["tree"]["LC.A.X1"].path,)
    ]
    [(docx, pdf, figures)] = sqlite_rows(restored, "SELECT docx, pdf, figures FROM documents_submission")
    assert hashlib.sha256(docx).hexdigest() == hashlib.sha256(DOCX_BYTES).hexdigest() and pdf == PDF_BYTES
    assert json.loads(figures) == {"Biểu 01": [1, 2]}
    assert sqlite_rows(restored, "SELECT content FROM documents_documenttemplate") == [(TEMPLATE_BYTES,)]
    assert sqlite_rows(restored, "SELECT min_value FROM planning_target") in ([("30.50",)], [(30.5,)])
    source["staff"].refresh_from_db()
    assert sqlite_rows(restored, "SELECT username, password, first_name FROM accounts_user") == [
        ("staff-a", source["staff"].password, "Hà")
    ]
    # Permissions are matched by their natural key, whatever their ids in the restored database.
    assert sqlite_rows(restored, "SELECT p.codename FROM auth_group_permissions gp JOIN auth_permission p "
                                 "ON p.id = gp.permission_id ORDER BY p.codename") == [
        ("change_official",), ("view_official",)
    ]
    assert sqlite_rows(restored, "SELECT p.codename FROM accounts_user_user_permissions up JOIN auth_permission p "
                                 "ON p.id = up.permission_id") == [("add_plan",)]
    assert (media / "imports" / f"{TOKEN}.xlsx").read_bytes() == WORKBOOK_BYTES
    # The restore leaves planner statistics for the rows it loaded (cadre.db_maintenance), in a WAL database file.
    analyzed = {table for (table,) in sqlite_rows(restored, "SELECT tbl FROM sqlite_stat1")}
    assert {"cadre_official", "cadre_positionrecord", "cadre_organization", "accounts_user"} <= analyzed
    assert sqlite_rows(restored, "PRAGMA journal_mode") == [("wal",)]

    # The restored system backs itself up, now with the native SQLite copy, and refuses a second restore.
    again = tmp_path / "lan-hai.tar.gz"
    second = run_manage("backup", str(again), database=restored, media=media)
    assert second.returncode == 0, second.stderr
    assert "kèm bản sao gốc data/database.sqlite3" in second.stdout
    copy = tmp_path / "native.sqlite3"
    copy.write_bytes(members_of(again)[NATIVE_SQLITE])
    assert sqlite_rows(copy, "SELECT full_name FROM cadre_official ORDER BY code") == [("Nguyễn Văn Đức",), ("Lò Thị Hoa",)]
    assert json.loads(members_of(again)["manifest.json"])["tables"] == {
        **expected_counts, "cadre_changerecord": expected_counts["cadre_changerecord"] + 1}
    refused = run_manage("restore", str(archive), database=restored, media=media)
    assert refused.returncode == 1
    assert ("CommandError: Cơ sở dữ liệu đích đã có dữ liệu: Các nhóm (1), người dùng (1), tổ chức (9), "
            "lịch sử thay đổi (1), cán bộ (2)") in refused.stderr
    assert "Traceback" not in refused.stderr


def test_the_native_sqlite_copy_is_consistent_while_a_writer_is_busy(tmp_path):
    database = tmp_path / "live.sqlite3"
    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE official (name TEXT)")
        setup.execute("INSERT INTO official VALUES ('Nguyễn Văn Đức')")
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN")
    writer.execute("INSERT INTO official VALUES ('not committed')")
    try:
        sqlite_copy(str(database), tmp_path / "copy.sqlite3")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert sqlite_rows(tmp_path / "copy.sqlite3", "SELECT name FROM official") == [("Nguyễn Văn Đức",)]
    assert sqlite_rows(tmp_path / "copy.sqlite3", "PRAGMA integrity_check") == [("ok",)]


def test_a_freshly_migrated_database_counts_as_empty_and_the_seeded_catalogs_are_the_listed_ones():
    assert tables_with_data() == []
    seeded = {model._meta.label_lower for model in dumped_models() if model._base_manager.exists()}
    assert seeded == SEEDED_BY_MIGRATIONS
    assert {"contenttypes.contenttype", "auth.permission", "sessions.session"}.isdisjoint(
        model._meta.label_lower for model in dumped_models()
    )


def test_restore_into_a_database_with_data_is_refused_and_changes_nothing(source, tmp_path, settings):
    archive = tmp_path / "sao-luu.tar.gz"
    backup(archive)
    Official.objects.filter(code="A2").update(full_name="Lò Thị Hoa (đã sửa)")
    before = row_counts()
    (Path(settings.MEDIA_ROOT) / "imports" / f"{TOKEN}.xlsx").unlink()
    with pytest.raises(CommandError) as refusal:
        restore(archive)
    assert str(refusal.value).startswith("Cơ sở dữ liệu đích đã có dữ liệu: Các nhóm (1), người dùng (1), tổ chức (9), ")
    assert str(refusal.value).endswith("Chỉ khôi phục vào cơ sở dữ liệu trống (vừa chạy migrate); không có gì thay "
                                       "đổi. Muốn xóa toàn bộ dữ liệu hiện có rồi khôi phục thì dùng --replace --confirm.")
    with pytest.raises(CommandError, match="^--replace xóa toàn bộ dữ liệu hiện có; hãy thêm --confirm để xác nhận. "
                                           "Không có gì thay đổi.$"):
        restore(archive, "--replace")
    assert row_counts() == before
    assert Official.objects.get(code="A2").full_name == "Lò Thị Hoa (đã sửa)"
    assert not (Path(settings.MEDIA_ROOT) / "imports" / f"{TOKEN}.xlsx").exists()


def test_replace_with_confirmation_brings_back_the_backup_and_new_rows_get_fresh_ids(source, tmp_path, settings):
    archive = tmp_path / "sao-luu.tar.gz"
    backup(archive)
    expected = row_counts()
    Official.objects.filter(code="A2").delete()
    make_official("Z9", full_name="Người thêm sau khi sao lưu")
    (Path(settings.MEDIA_ROOT) / "imports" / f"{TOKEN}.xlsx").write_bytes(b"changed")

    output = restore(archive, "--replace", "--confirm")

    assert "Đang xóa dữ liệu hiện có và nạp dữ liệu từ tệp sao lưu:" in output
    # The backup's rows, and one audit entry saying what was restored.
    assert row_counts() == {**expected, "cadre_changerecord": expected["cadre_changerecord"] + 1}
    from cadre.models import ChangeRecord

    entry = ChangeRecord.objects.latest("id")
    assert (entry.entity, entry.action, entry.source, entry.user, entry.after["file"], entry.after["replace"]) == (
        "SaoLuu", "restore", "command", None, str(archive), True)
    assert list(Official.objects.order_by("code").values_list("code", "full_name")) == [
        ("A1", "Nguyễn Văn Đức"), ("A2", "Lò Thị Hoa"),
    ]
    assert bytes(Submission.objects.get().docx) == DOCX_BYTES
    assert (Path(settings.MEDIA_ROOT) / "imports" / f"{TOKEN}.xlsx").read_bytes() == WORKBOOK_BYTES
    newcomer = make_official("Z8")  # sequences were reset: no clash with a restored id
    assert newcomer.pk > max(Official.objects.exclude(pk=newcomer.pk).values_list("pk", flat=True))


def test_a_load_that_fails_half_way_leaves_everything_as_it_was(source, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    backup(archive)

    def break_a_rating(name, content):
        if name != PORTABLE:
            return content
        return content.replace(b'"rating": "HTNV"', b'"rating": "XXXX"')  # violates evaluation_rating_valid

    broken = rewrite(archive, tmp_path / "hong.tar.gz", change=break_a_rating, rehash=True)
    before = row_counts()
    with pytest.raises(CommandError, match="^Không nạp được dữ liệu từ tệp sao lưu \\(dữ liệu không hợp lệ với cơ sở "
                                           "dữ liệu đích\\); đã hủy, không có gì thay đổi.$"):
        restore(broken, "--replace", "--confirm")
    assert row_counts() == before
    assert Official.objects.get(code="A2").evaluations.get().rating == "HTNV"


def test_a_tampered_archive_is_refused(source, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    backup(archive)
    before = row_counts()

    def flip_one_byte(name, content):
        if name != PORTABLE:
            return content
        position = content.index("Nguyễn Văn Đức".encode())
        return content[:position] + b"M" + content[position + 1:]

    tampered = rewrite(archive, tmp_path / "sua.tar.gz", change=flip_one_byte)
    with pytest.raises(CommandError) as refusal:
        restore(tampered, "--replace", "--confirm")
    assert str(refusal.value) == ("Tệp sao lưu bị hỏng: nội dung của data/portable.jsonl không khớp mã kiểm tra "
                                  "(sha256); không có gì thay đổi.")

    raw = bytearray(archive.read_bytes())
    raw[len(raw) // 2] ^= 0x01  # one byte of the compressed file
    damaged = tmp_path / "hong.tar.gz"
    damaged.write_bytes(bytes(raw))
    with pytest.raises(CommandError) as refusal:
        restore(damaged, "--replace", "--confirm")
    assert str(refusal.value) == DAMAGED
    assert row_counts() == before
    assert Official.objects.filter(full_name="Nguyễn Văn Đức").exists()


@pytest.mark.parametrize("name, kind, message", [
    ("../evil", tarfile.REGTYPE, "Tệp sao lưu có mục “../evil” nằm ngoài thư mục cho phép (đường dẫn tuyệt đối "
                                 "hoặc có “..”); không khôi phục tệp này."),
    ("media/../../evil", tarfile.REGTYPE, "Tệp sao lưu có mục “media/../../evil” nằm ngoài thư mục cho phép "
                                          "(đường dẫn tuyệt đối hoặc có “..”); không khôi phục tệp này."),
    ("/tmp/evil", tarfile.REGTYPE, "Tệp sao lưu có mục “/tmp/evil” nằm ngoài thư mục cho phép (đường dẫn tuyệt "
                                   "đối hoặc có “..”); không khôi phục tệp này."),
    ("media/imports/link", tarfile.SYMTYPE, "Tệp sao lưu có mục “media/imports/link” không phải tệp thông thường "
                                            "(liên kết, thư mục hoặc thiết bị); không khôi phục tệp này."),
])
def test_members_outside_the_archive_folders_or_links_are_refused(source, tmp_path, settings, name, kind, message):
    archive = tmp_path / "sao-luu.tar.gz"
    backup(archive)
    evil = tarfile.TarInfo(name)
    evil.type = kind
    if kind == tarfile.SYMTYPE:
        evil.linkname = "/etc/passwd"
    attack = rewrite(archive, tmp_path / "tan-cong.tar.gz", extra=[(evil, b"owned")])
    before = row_counts()
    with pytest.raises(CommandError) as refusal:
        restore(attack, "--replace", "--confirm")
    assert str(refusal.value) == message
    assert row_counts() == before
    assert not (tmp_path / "evil").exists() and not Path("/tmp/evil").exists()
    assert not (Path(settings.MEDIA_ROOT) / "imports" / "link").exists()


def latest_cadre_migration() -> str:
    """The newest migration of the cadre app in the code (the leaf of its graph)."""
    from django.db.migrations.loader import MigrationLoader

    return next(name for app, name in MigrationLoader(None).graph.leaf_nodes() if app == "cadre")


def test_a_newer_format_or_other_migrations_are_refused(source, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    backup(archive)

    def newer(manifest):
        manifest["format_version"] = FORMAT_VERSION + 1

    with pytest.raises(CommandError) as refusal:
        restore(rewrite(archive, tmp_path / "moi.tar.gz", manifest_change=newer), "--replace", "--confirm")
    assert str(refusal.value) == (f"Tệp sao lưu theo định dạng phiên bản {FORMAT_VERSION + 1}, mới hơn phiên bản "
                                  f"{FORMAT_VERSION} mà chương trình này đọc được. Hãy khôi phục bằng phiên bản "
                                  "chương trình mới hơn.")

    def older_code(manifest):
        manifest["migrations"]["cadre"] = ["0002_seed_catalogs"]

    with pytest.raises(CommandError) as refusal:
        restore(rewrite(archive, tmp_path / "cu.tar.gz", manifest_change=older_code), "--replace", "--confirm")
    assert str(refusal.value) == (
        "Cấu trúc dữ liệu trong tệp sao lưu khác với phiên bản chương trình này (cadre: tệp sao lưu "
        f"0002_seed_catalogs, chương trình {latest_cadre_migration()}). Hãy khôi phục bằng đúng phiên bản "
        "chương trình đã tạo tệp sao lưu."
    )
    assert Official.objects.count() == 2


def test_a_backup_never_overwrites_an_existing_file(source, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    archive.write_bytes(b"yesterday")
    with pytest.raises(CommandError, match=f"^Tệp {archive} đã có; hãy chọn tên khác \\(không ghi đè tệp sao lưu cũ\\).$"):
        backup(archive)
    assert archive.read_bytes() == b"yesterday"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump only on PostgreSQL")
def test_on_postgresql_the_archive_holds_a_pg_dump_the_client_tools_can_read(source, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    output = backup(archive)
    assert "Đang sao lưu cơ sở dữ liệu bằng pg_dump…" in output
    dump = tmp_path / "database.pgdump"
    dump.write_bytes(members_of(archive)[NATIVE_POSTGRESQL])
    listing = subprocess.run([shutil.which("pg_restore"), "--list", str(dump)], capture_output=True, text=True,
                             check=True).stdout
    assert "TABLE public cadre_official" in listing and "TABLE DATA public documents_submission" in listing
