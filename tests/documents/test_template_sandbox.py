"""A district's Word template is untrusted code: refused at upload, and filled only inside the sandbox.

Every attack below is kept as a test: at upload (check_template and the upload page), and for a template
that reached the database without the upload check (preview, download, sending to the province).
"""
import io
import time

import pytest
from django.urls import reverse
from django.utils.html import escape
from docx import Document
from jinja2 import Environment

from documents.models import DocumentTemplate, Submission
from documents.specimen import specimen
from documents.template_sandbox import MAX_LOOP_ITERATIONS
from documents.user_templates import TemplateProblems, check_template, render_template, template_context
from tests.documents.test_pages import make_document, tree  # noqa: F401 (fixture)
from tests.documents.test_template_pages import staff, upload  # noqa: F401 (fixture)
from tests.documents.word_templates import good_template, saved, template_with

PRIVATE = "tên bắt đầu bằng dấu gạch dưới “_” là phần bên trong của chương trình, mẫu không được dùng"
JINJA_HELPER = "là hàm có sẵn của Jinja, mẫu không được dùng"

# payload -> the whole message the check gives for it (the offending expression, shortened, and why).
REFUSED = {
    "{{ mo_dau_rt.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}":
        f"Trong phần nội dung, biểu thức “mo_dau_rt.__init__”: {PRIVATE}.",
    "{{ ''.__class__.__mro__ }}": f"Trong phần nội dung, biểu thức “''.__class__”: {PRIVATE}.",
    "{{ cycler.__init__.__globals__.os.popen('touch /tmp/x') }}":
        f"Trong phần nội dung, biểu thức “cycler”: “cycler” {JINJA_HELPER}",
    "{{ self._TemplateReference__context }}": f"Trong phần nội dung, biểu thức “self”: “self” {JINJA_HELPER}",
    "{% set x = namespace() %}{{ x }}": f"Trong phần nội dung, biểu thức “namespace”: “namespace” {JINJA_HELPER}",
    "{{ lipsum.__globals__ }}": f"Trong phần nội dung, biểu thức “lipsum”: “lipsum” {JINJA_HELPER}",
    "{{ config }}": "Mẫu dùng biến không có trong danh sách biến của hệ thống: config. "
                    "Xem danh sách biến trên trang Mẫu văn bản.",
    "{{ request }}": "Mẫu dùng biến không có trong danh sách biến của hệ thống: request. "
                     "Xem danh sách biến trên trang Mẫu văn bản.",
    "{% include 'bi_mat.docx' %}": "thẻ {% include %}, {% import %}, {% from %} và {% extends %} không được dùng",
    "{% import 'a' as b %}{{ dong_so }}": "thẻ {% include %}, {% import %}, {% from %} và {% extends %}",
    "{% extends 'a' %}": "thẻ {% include %}, {% import %}, {% from %} và {% extends %} không được dùng",
    "{{ dong_so|attr('__class__') }}": "Trong phần nội dung, biểu thức “dong_so|attr('__class__')”: "
                                       "bộ lọc “|attr” không được dùng",
    "{{ nguoi_ky['__class__'] }}": f"Trong phần nội dung, biểu thức “nguoi_ky['__class__']”: {PRIVATE}.",
    "{{ noi_dung|map(attribute='__class__')|first }}":
        f"Trong phần nội dung, biểu thức “noi_dung|map(attribute='__class__')”: {PRIVATE}.",
    "{{ dong_so.format(1) }}": "Trong phần nội dung, biểu thức “dong_so.format(1)”: mẫu không được gọi hàm",
    "{% for i in range(10**9) %}{{ i }}{% endfor %}": "Trong phần nội dung, biểu thức “10 ** 9”: "
                                                      "phép lũy thừa “**” không được dùng trong mẫu.",
    "{{ dong_so }}{{ 'a'*10**9 }}": "phép lũy thừa “**” không được dùng trong mẫu.",
    "{% macro m() %}{{ dong_so }}{% endmacro %}": "thẻ {% macro %} và {% call %} không được dùng trong mẫu.",
    "{{ dong_so is callable }}": "Trong phần nội dung, biểu thức “dong_so is callable”: "
                                 "phép thử “is callable” không được dùng",
}


def marker_payloads(marker):
    """Four ways to run a shell command from a plain Jinja template, each creating `marker`."""
    command = f"touch {marker}"
    return {
        "cycler": f"{{{{ cycler.__init__.__globals__.os.popen('{command}').read() }}}}",
        "attribute": ("{{ mo_dau_rt.__init__.__globals__.__builtins__.__import__('os')"
                      f".popen('{command}').read() }}}}"),
        "attr filter": ("{{ mo_dau_rt|attr('__init__')|attr('__globals__')|attr('__getitem__')('__builtins__')"
                        "|attr('__getitem__')('__import__')('os')|attr('popen')"
                        f"('{command}')|attr('read')() }}}}"),
        "item": ("{{ mo_dau_rt['__init__']['__globals__']['__builtins__']['__import__']('os')['popen']"
                 f"('{command}')['read']() }}}}"),
    }


@pytest.fixture(scope="module")
def example():
    return specimen()


@pytest.mark.parametrize("payload", REFUSED)
def test_the_payload_is_refused_at_upload_with_a_vietnamese_reason(payload, example):
    problems = check_template(template_with(payload), example).problems
    assert any(REFUSED[payload] in problem for problem in problems), problems
    assert all("Traceback" not in problem and "is undefined" not in problem for problem in problems)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", list(REFUSED)[:6] + ["{{ dong_so|attr('__class__') }}"])
def test_the_upload_page_names_the_payload_and_stores_nothing(staff, tree, payload):  # noqa: F811
    expected = check_template(template_with(payload), specimen(tree["LC.A"].name)).problems
    response = upload(staff, tree["LC.A"], template_with(payload))
    body = response.content.decode()
    assert response.status_code == 400
    assert DocumentTemplate.objects.count() == 0
    assert "Mẫu chưa dùng được, chưa lưu" in body
    assert expected and all(escape(problem) in body for problem in expected)


def test_the_marker_payloads_are_real_attacks_outside_the_sandbox(tmp_path, example):
    """The same expressions do run a command in a plain Jinja environment (so the tests below can fail)."""
    # Deliberately unsandboxed, in this test only: the payloads are the fixed strings of marker_payloads(),
    # whose one command is `touch` of a file in this test's own tmp_path. The application never renders a
    # template outside documents/template_sandbox.py (the tests below prove it for every path).
    context = dict(template_context(example), cycler=Environment().globals["cycler"])
    for name, payload in marker_payloads(tmp_path / "marker").items():
        marker = tmp_path / "marker"
        Environment().from_string(payload).render(context)
        assert marker.exists(), name
        marker.unlink()


@pytest.mark.parametrize("variant", ["cycler", "attribute", "attr filter", "item"])
def test_a_command_payload_never_runs_at_the_upload_check_or_at_render(tmp_path, example, variant):
    marker = tmp_path / "marker"
    content = template_with("{{ dong_so }}", marker_payloads(marker)[variant])
    problems = check_template(content, example).problems
    assert problems and not marker.exists()
    with pytest.raises(TemplateProblems) as refused:
        render_template(content, example)
    assert refused.value.problems[0] == ("Mẫu Word riêng không dùng được: hãy sửa mẫu và tải lên lại, "
                                         "hoặc chọn mẫu có sẵn.")
    assert refused.value.problems[1:] == problems
    assert not marker.exists()


def test_the_sandbox_itself_stops_a_payload_the_check_did_not_see(tmp_path, example, monkeypatch):
    """Even with the static check switched off, filling runs in the sandbox: the command never runs."""
    from documents import template_sandbox

    monkeypatch.setattr(template_sandbox, "expression_problems", lambda *args, **kwargs: [])
    monkeypatch.setattr(template_sandbox, "forbidden_names", lambda parsed: set())
    marker = tmp_path / "marker"
    for variant in ("attribute", "item"):
        content = template_with("{{ dong_so }}", marker_payloads(marker)[variant])
        with pytest.raises(TemplateProblems) as refused:
            render_template(content, example)
        assert refused.value.problems == [
            "Không điền được mẫu Word riêng: “__init__” bắt đầu bằng dấu gạch dưới: đây là phần bên trong của "
            "chương trình, mẫu không được dùng. Hãy sửa mẫu và tải lên lại, hoặc chọn mẫu có sẵn."]
        assert not marker.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["cycler", "attribute", "attr filter", "item"])
def test_a_stored_payload_gives_the_problem_page_on_preview_download_and_send(
        staff, tree, tmp_path, variant):  # noqa: F811
    marker = tmp_path / "marker"
    template = DocumentTemplate.objects.create(  # stored without the upload check
        organization=tree["LC.A"], name="Mẫu lạ", file_name="m.docx",
        content=template_with("{{ dong_so }}", marker_payloads(marker)[variant]))
    document = make_document(tree, number="408-BC/HU", template=template)
    preview_url = reverse("documents:template_preview", args=[template.pk, document.pk])
    responses = [
        staff.get(preview_url), staff.get(preview_url + "?tai-ve=1"),
        staff.get(reverse("documents:download", args=[document.pk, "docx"])),
        staff.post(reverse("documents:submit", args=[document.pk]), {"xac_nhan": "1"}),
    ]
    for response in responses:
        body = response.content.decode()
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        assert "Không tạo được văn bản" in body
        assert "Mẫu Word riêng không dùng được: hãy sửa mẫu và tải lên lại, hoặc chọn mẫu có sẵn." in body
        assert "uid=" not in body and "Traceback" not in body
    assert Submission.objects.count() == 0
    assert not marker.exists()


# --- errors while filling, in Vietnamese ------------------------------------------------------


@pytest.mark.parametrize("payload, reason", [
    # The static check names a plain nguoi_ky.chuc_danh before filling (test_user_templates); an expression
    # whose value it cannot know is still stopped while filling, with the sandbox's own message.
    ("{{ (nguoi_ky if dong_so else '').chuc_danh }}",
     "“chuc_danh” không có ở đây; chỉ có: tham_quyen, chuc_vu, ho_ten"),
    ("{{ bieu[5].so_bieu }}", "danh sách chỉ có 1 phần tử, không có phần tử số 5"),
    ("{{ (mo_dau_rt if dong_so else '').xml }}", "“xml” của văn bản có định dạng không được dùng trong mẫu"),
    ("{{ dong_so + 1 }}", "phép tính hoặc bộ lọc dùng sai loại giá trị (ví dụ cộng chữ với số, lặp trên một số)"),
    ("{{ dong_so }}{{ 1 / 0 }}", "phép chia cho 0"),
    ("{% for d in noi_dung %}{{ loop.previtem }}{% endfor %}",
     "vòng lặp không có phần tử trước (loop.previtem ở lần lặp đầu)"),
])
def test_errors_while_filling_the_example_are_vietnamese(payload, reason, example):
    assert check_template(template_with(payload), example).problems == [
        f"Không điền được mẫu với số liệu mẫu: {reason}."]


def test_syntax_errors_are_vietnamese_only():
    problems = check_template(template_with("{% for b in bieu %}", "{{ b.so_bieu }}")).problems
    assert problems == ["Lỗi cú pháp trong phần nội dung gần “{% for b in bieu %} {{ b.so_bieu }}”: thiếu thẻ đóng "
                        "{% endfor %} hoặc {% else %} (trong bảng là {%tr … %})."]
    assert check_template(template_with("{% endfo %}")).problems == [
        "Lỗi cú pháp trong phần nội dung gần “{% endfo %}”: thẻ “endfo” không hợp lệ."]


def test_a_payload_in_the_document_properties_is_refused(example):
    word = Document(io.BytesIO(template_with("{{ dong_so }}")))
    word.core_properties.title = "{{ mo_dau_rt.__init__.__globals__ }}"
    problems = check_template(saved(word), example).problems
    assert problems == [f"Trong thuộc tính tài liệu (tiêu đề, tác giả …), biểu thức “mo_dau_rt.__init__”: {PRIVATE}."]


# --- work limits ----------------------------------------------------------------------------


@pytest.mark.parametrize("payload, reason", [
    ("{{ dong_so * 1000000000 }}", "phép nhân “*” tạo ra văn bản quá dài (hơn 1.000.000 ký tự)"),
    ("{{ dong_so }}{{ 'a' * 1000000000 }}", "phép nhân “*” tạo ra văn bản quá dài (hơn 1.000.000 ký tự)"),
    ("{{ noi_dung * 1000000000 }}", "phép nhân “*” tạo ra văn bản quá dài (hơn 1.000.000 ký tự)"),
    ("{{ nam_muc_tieu * 99999999999999999999 * 99999999999999999999 * 99999999999999999999 * "
     "99999999999999999999 * 99999999999999999999 * 99999999999999999999 }}", "phép nhân “*” cho số quá lớn"),
    ("{% set a = dong_so ~ dong_so %}" + "{% set a = a ~ a %}" * 24 + "{{ a }}",
     "phép nối chữ “~” tạo ra văn bản quá dài (hơn 1.000.000 ký tự)"),
    ("{% set a = dong_so * 50000 %}{{ [a, a, a, a, a, a, a, a, a, a, a, a]|join }}",
     "bộ lọc |join tạo ra văn bản quá dài (hơn 1.000.000 ký tự)"),
    ("{{ (dong_so * 10000)|replace('', dong_so * 10000) }}",
     "bộ lọc |replace tạo ra văn bản quá dài (hơn 1.000.000 ký tự)"),
    ("{% for a in noi_dung %}{% for b in noi_dung %}{% for c in noi_dung %}{% for d in noi_dung %}"
     "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{{ dong_so }}",
     f"các vòng lặp của mẫu chạy quá {MAX_LOOP_ITERATIONS:,} lần".replace(",", ".")),
    ("{{ dong_so }}{{ '%999999999d' % 1 }}", "định dạng chuỗi bằng “%” không được dùng trong mẫu"),
])
def test_runaway_templates_stop_quickly_with_a_reason(payload, reason, example):
    started = time.monotonic()
    problems = check_template(template_with(payload), example).problems
    assert time.monotonic() - started < 10
    assert any(reason in problem for problem in problems), problems


def test_a_stored_runaway_template_stops_at_render(example):
    content = template_with("{{ dong_so }}", "{% for i in range(10**9) %}{{ i }}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(TemplateProblems) as refused:
        render_template(content, example)
    assert time.monotonic() - started < 10
    assert "phép lũy thừa “**” không được dùng trong mẫu" in " ".join(refused.value.problems)


# --- what legitimate templates may write -------------------------------------------------------


def test_loops_joins_and_plain_methods_still_work(example):
    content = template_with(
        "{{ trich_yeu_dong|join(' / ') }}",
        "{% for dong in noi_nhan %}{{ loop.index }}. {{ dong }}{% if not loop.last %}; {% endif %}{% endfor %}",
        "{{ nguoi_ky.ho_ten.upper() }} – {{ nguoi_ky.get('chuc_vu') }} – {{ co_cau|length }} câu",
        "{% for k, v in nguoi_ky.items() %}{{ k }}={{ v }} {% endfor %}",
        "{{ noi_dung|selectattr('la_de_muc')|map(attribute='van_ban')|first }}",
        "{{r uu_diem_rt }}",
    )
    assert check_template(content, example).problems == []
    texts = [paragraph.text for paragraph in Document(io.BytesIO(render_template(content, example))).paragraphs]
    context = template_context(example)
    assert texts[0] == " / ".join(context["trich_yeu_dong"])
    assert texts[1] == "; ".join(f"{index}. {line}" for index, line in enumerate(context["noi_nhan"], start=1))
    assert texts[2] == f"NGUYỄN VĂN A – {context['nguoi_ky']['chuc_vu']} – {len(context['co_cau'])} câu"
    assert texts[3] == " ".join(f"{key}={value}" for key, value in context["nguoi_ky"].items()) + " "
    assert texts[4] == next(item["van_ban"] for item in context["noi_dung"] if item["la_de_muc"])
    assert texts[5:] == context["uu_diem"] and context["uu_diem"]


def test_the_good_template_renders_as_with_a_plain_environment(example):
    """The sandbox changes nothing for a legitimate template: same text as docxtpl's own environment."""
    from docxtpl import DocxTemplate

    plain = DocxTemplate(io.BytesIO(good_template()))
    # A plain environment as the reference, in this test only: good_template() is the project's own
    # harmless template (tests/documents/word_templates.py), never user input.
    plain.render(template_context(example), jinja_env=Environment())
    buffer = io.BytesIO()
    plain.save(buffer)

    def texts(content):
        word = Document(io.BytesIO(content))
        return ([paragraph.text for paragraph in word.paragraphs],
                [[cell.text for cell in row.cells] for table in word.tables for row in table.rows])

    assert texts(render_template(good_template(), example)) == texts(buffer.getvalue())
