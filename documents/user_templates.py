"""A district's own Word template (docxtpl): its variables, the check at upload, the rendering.

The variables are documented in docs/document-templates.md and listed in
TEMPLATE_VARIABLES (the upload page shows the same list). The check runs
before a template is stored and reports, in Vietnamese, every problem found:
not a Word file, a tag cut across paragraphs or split by Word in a way
docxtpl cannot join, Jinja syntax errors, unknown variables, expressions
the sandbox refuses (documents/template_sandbox.py), and errors when the
template is filled with example figures. Templates are only ever parsed and
filled by the sandbox.
"""
from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field, replace

from docx import Document as read_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docxtpl import DocxTemplate, RichText
from jinja2 import Environment, TemplateError, TemplateSyntaxError, meta, nodes
from lxml import etree

from cadre.vietnamese import format_date_short
from documents import markup
from documents.assembly import ComposedReport
from reports.issue import short_date
from documents.content import HEADING, Paragraph
from documents.facts import STAFF_SECTIONS, ManualFigureValue
from documents.manual_figures import plain_value, sample_value
from documents.models import ReportKind
from documents import sentences, template_sandbox
from documents.template_sandbox import TEXT, VALUE, FigureMap, ListOf, MapOf, Record, UnknownAttribute, shorten

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024

logger = logging.getLogger(__name__)

# Staff sections under their template names (a list of paragraphs; "<name>_rt" is the formatted text).
SECTION_VARIABLES = {
    "opening": "mo_dau", "situation": "tinh_hinh", "implementation": "lanh_dao_chi_dao",
    "strengths": "uu_diem", "weaknesses": "han_che", "causes": "nguyen_nhan", "lessons": "kinh_nghiem",
    "tasks": "nhiem_vu_giai_phap", "proposals": "kien_nghi",
}

# name -> what it holds; the documentation (docs/document-templates.md) lists the same names.
TEMPLATE_VARIABLES = {
    "cap_tren": "Cấp ủy cấp trên, in hoa: “ĐẢNG BỘ TỈNH LAI CHÂU”.",
    "co_quan_ban_hanh": "Cơ quan ban hành, in hoa: “HUYỆN ỦY PHONG THỔ”.",
    "so_hieu": "Số hiệu “408-BC/HU”; rỗng khi là dự thảo.",
    "dong_so": "Dòng số như khi in: “Số 408-BC/HU” (dự thảo: “Số       -BC/HU”).",
    "dia_danh": "Địa danh: “Phong Thổ”.",
    "dia_danh_ngay": "Địa danh và ngày: “Phong Thổ, ngày 12 tháng 7 năm 2023”.",
    "ngay_ban_hanh": "Ngày ban hành dạng ngắn: “12/7/2023”.",
    "ten_to_chuc": "Tên cấp ủy báo cáo: “Huyện ủy Phong Thổ”.",
    "loai_bao_cao": "Loại báo cáo.",
    "trich_yeu": "Trích yếu (một chuỗi).",
    "trich_yeu_dong": "Trích yếu, danh sách các dòng.",
    "ke_hoach": "Nghị quyết, đề án: ke_hoach.so_hieu, ke_hoach.trich_yeu, ke_hoach.ngay_ban_hanh (rỗng nếu không có).",
    "so_lieu_den_ngay": "Ngày số liệu: “15/5/2023”.",
    "ngay_goc": "Ngày số liệu năm gốc: “31/12/2020”.",
    "nam_danh_gia": "Năm đánh giá, xếp loại: “2021 - 2022”.",
    "nam_muc_tieu": "Năm mục tiêu: 2025.",
    "nhiem_ky": "Nhiệm kỳ: “2020 - 2025”.",
    "cau_don_vi_hanh_chinh": "Câu về số đơn vị hành chính cấp xã.",
    "cau_to_chuc": "Câu về tổ chức đảng và đảng viên (“Đảng bộ huyện có 57 tổ chức cơ sở đảng …”).",
    "cau_cap_uy": "Câu về Ban Chấp hành, Ban Thường vụ (báo cáo xây dựng Đảng).",
    "cau_dang_vien": "Câu về số đảng viên, đảng viên dự bị, đảng viên nữ.",
    "cau_phat_trien_dang_vien": "Câu về kết nạp, đưa ra khỏi Đảng.",
    "cau_lanh_dao_xa": "Câu về bí thư kiêm chủ tịch HĐND, UBND xã và bí thư không là người địa phương.",
    "cau_luan_chuyen": "Câu về luân chuyển, điều động, bổ nhiệm, cử đi đào tạo, khen thưởng, kỷ luật cán bộ.",
    "cau_quy_hoach": "Câu về số cán bộ trong quy hoạch theo nhiệm kỳ, cấp huyện và cấp xã (nữ, trẻ).",
    "co_cau": "Danh sách câu về cơ cấu từng đối tượng (“Tổng số cán bộ cấp xã là 190 đồng chí …”).",
    "ket_qua": "Danh sách theo từng biểu: ket_qua[i].so_bieu, .doi_tuong, .cac_dong (các dòng “+ …”).",
    "noi_dung": "Toàn bộ phần nội dung như mẫu có sẵn: mỗi đoạn có .van_ban, .la_de_muc, .rt (có định dạng).",
    "bieu": (
        "Danh sách các Biểu: .so_bieu, .ten_bieu, .kem_theo, .cot_goc, .cot_muc_tieu, .cot_hien_tai, "
        ".cot_so_muc_tieu, .cot_so_goc, .dong (mỗi dòng: .tt, .noi_dung, .la_tong_so, .la_dong_con, "
        ".goc_so_luong, .goc_ty_le, .muc_tieu, .so_luong, .ty_le, .so_voi_muc_tieu, .so_voi_goc, .ghi_chu)."
    ),
    "noi_nhan": "Danh sách dòng nơi nhận: “- Ban Tổ chức Tỉnh ủy,” … “- Lưu Văn phòng Huyện ủy.”.",
    "nguoi_ky": "Người ký: nguoi_ky.tham_quyen, nguoi_ky.chuc_vu, nguoi_ky.ho_ten.",
    "so_lieu": ("Số liệu nhập tay của văn bản theo mã, viết kiểu Việt Nam: {{ so_lieu.so_cuoc_kiem_tra }} → "
                "“1.234,5” (không kèm đơn vị). Mã nào văn bản chưa có thì không tạo được tệp Word và trang báo rõ "
                "mã còn thiếu."),
    "so_lieu_so": "Số liệu nhập tay theo mã, giá trị số để tính: {{ so_lieu_so.dan_so / 1000 }}.",
    "so_lieu_nhap_tay": ("Danh sách số liệu nhập tay theo thứ tự đã nhập: .ma, .ten, .gia_tri (“1.234,5”), "
                         ".so (giá trị số), .don_vi, .ghi_chu."),
}
for _key, _name in SECTION_VARIABLES.items():
    _title = dict(STAFF_SECTIONS)[_key]
    TEMPLATE_VARIABLES[_name] = f"{_title}: danh sách đoạn văn (chuỗi)."
    TEMPLATE_VARIABLES[f"{_name}_rt"] = f"{_title}: văn bản có định dạng, dùng {{{{r {_name}_rt }}}}."


# The shape of each variable (what template_context gives it), for the check of attribute names.
_TEXTS = ListOf(TEXT)
TEMPLATE_SHAPES = {
    **dict.fromkeys(TEMPLATE_VARIABLES, TEXT),
    "nam_muc_tieu": VALUE,
    "ke_hoach": Record(dict.fromkeys(("so_hieu", "trich_yeu", "ngay_ban_hanh"), TEXT)),
    "trich_yeu_dong": _TEXTS,
    "co_cau": _TEXTS,
    "ket_qua": ListOf(Record({"so_bieu": TEXT, "doi_tuong": TEXT, "cac_dong": _TEXTS})),
    "noi_dung": ListOf(Record({"van_ban": TEXT, "la_de_muc": VALUE, "rt": VALUE})),
    "bieu": ListOf(Record({
        **dict.fromkeys(("so_bieu", "ten_bieu", "kem_theo", "cot_goc", "cot_muc_tieu", "cot_hien_tai",
                         "cot_so_muc_tieu", "cot_so_goc"), TEXT),
        "dong": ListOf(Record({
            "tt": TEXT, "noi_dung": TEXT, "la_tong_so": VALUE, "la_dong_con": VALUE,
            **dict.fromkeys(("goc_so_luong", "goc_ty_le", "muc_tieu", "so_luong", "ty_le", "so_voi_muc_tieu",
                             "so_voi_goc", "ghi_chu"), TEXT),
        })),
    })),
    "noi_nhan": _TEXTS,
    "nguoi_ky": Record(dict.fromkeys(("tham_quyen", "chuc_vu", "ho_ten"), TEXT)),
    "so_lieu": MapOf(TEXT),
    "so_lieu_so": MapOf(VALUE),
    "so_lieu_nhap_tay": ListOf(Record({"ma": TEXT, "ten": TEXT, "gia_tri": TEXT, "so": VALUE, "don_vi": TEXT,
                                       "ghi_chu": TEXT})),
    **{name: _TEXTS for name in SECTION_VARIABLES.values()},
    **{f"{name}_rt": VALUE for name in SECTION_VARIABLES.values()},
}


class TemplateProblems(ValueError):
    """Everything wrong with an uploaded template, in Vietnamese."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


# The variables that hold the manual figures by key (so_lieu.<key>).
FIGURE_VARIABLES = ("so_lieu", "so_lieu_so")


@dataclass
class TemplateCheck:
    variables: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unknown_attributes: list[UnknownAttribute] = field(default_factory=list)
    figure_keys: set[str] = field(default_factory=set)  # the manual figures the template names (so_lieu.<key>)


# --- the context ---------------------------------------------------------------------


def rich_text(paragraphs: tuple[Paragraph, ...]) -> RichText:
    """Formatted paragraphs for {{r … }}: "\\a" starts a new paragraph in docxtpl."""
    text = RichText()
    for index, paragraph in enumerate(paragraphs):
        if index:
            text.add("\a")
        for run in paragraph.runs:
            text.add(run.text, bold=run.bold or paragraph.role == HEADING, italic=run.italic)
    return text


def template_context(composed: ComposedReport) -> dict:
    spec, facts, document = composed.spec, composed.facts, composed.document
    report = facts.report
    context = {
        "cap_tren": document.header.superior_body,
        "co_quan_ban_hanh": document.header.issuing_body,
        "so_hieu": "" if spec.is_draft else spec.number.strip(),
        "dong_so": document.header.number_line,
        "dia_danh": spec.place,
        "dia_danh_ngay": document.header.place_date,
        "ngay_ban_hanh": short_date(spec.issued_on, spec.is_draft),
        "ten_to_chuc": spec.organization_name,
        "loai_bao_cao": ReportKind(spec.kind).label,
        "trich_yeu": " ".join(spec.subject.split()),
        "trich_yeu_dong": list(document.subject_lines),
        "ke_hoach": {"so_hieu": spec.plan_code, "trich_yeu": spec.plan_title,
                     "ngay_ban_hanh": format_date_short(spec.plan_issued_on)} if spec.plan_code else "",
        "so_lieu_den_ngay": format_date_short(spec.as_of),
        "ngay_goc": format_date_short(spec.baseline_as_of),
        "nam_danh_gia": years_text(spec.rating_years),
        "nam_muc_tieu": spec.target_year or "",
        "nhiem_ky": spec.term,
        "cau_don_vi_hanh_chinh": sentences.communes_sentence(facts.scope_word, facts.organizations),
        "cau_to_chuc": sentences.organization_sentence(facts.scope_word, facts.organizations, facts.members),
        "cau_cap_uy": sentences.committees_sentence(facts.committees),
        "cau_dang_vien": sentences.members_sentence(facts.members) if facts.members else "",
        "cau_phat_trien_dang_vien": sentences.movement_sentence(facts.movement) if facts.movement else "",
        "cau_lanh_dao_xa": sentences.leadership_sentence(facts.leadership, facts.organizations),
        "cau_luan_chuyen": sentences.events_sentence(facts.events) if facts.events else "",
        "cau_quy_hoach": sentences.planning_sentence(facts.planning),
        "co_cau": [sentences.composition_sentence(group) for group in facts.compositions],
        "ket_qua": [
            {"so_bieu": table.number, "doi_tuong": table.population_name,
             "cac_dong": sentences.target_lines(table, report.as_of, report.rating_years)}
            for table in (report.tables if report else ())
        ],
        "noi_dung": [
            {"van_ban": paragraph.text, "la_de_muc": paragraph.role == HEADING, "rt": rich_text((paragraph,))}
            for paragraph in document.body
        ],
        "bieu": [
            {
                "so_bieu": table.number, "ten_bieu": table.title, "kem_theo": table.attachment,
                "cot_goc": table.baseline_label, "cot_muc_tieu": table.target_label,
                "cot_hien_tai": table.current_label, "cot_so_muc_tieu": table.vs_target_label,
                "cot_so_goc": table.vs_baseline_label,
                "dong": [
                    dict(zip(
                        ("goc_so_luong", "goc_ty_le", "muc_tieu", "so_luong", "ty_le", "so_voi_muc_tieu",
                         "so_voi_goc", "ghi_chu"), row.cells),
                        tt=row.number, noi_dung=row.label, la_tong_so=row.is_total, la_dong_con=bool(row.depth))
                    for row in table.rows
                ],
            }
            for table in document.appendix
        ],
        "noi_nhan": list(document.recipients),
        "nguoi_ky": {"tham_quyen": document.signature.authority, "chuc_vu": document.signature.title,
                     "ho_ten": document.signature.name},
        "so_lieu": FigureMap(spec.manual_figure_texts, "so_lieu"),
        "so_lieu_so": FigureMap({figure.key: plain_value(figure.value) for figure in spec.manual_figures},
                                "so_lieu_so"),
        "so_lieu_nhap_tay": [
            {"ma": figure.key, "ten": figure.label, "gia_tri": figure.text, "so": plain_value(figure.value),
             "don_vi": figure.unit, "ghi_chu": figure.note}
            for figure in spec.manual_figures
        ],
    }
    for key, name in SECTION_VARIABLES.items():
        paragraphs = markup.parse(spec.sections.get(key, ""), figures=spec.manual_figure_texts)
        context[name] = [paragraph.text for paragraph in paragraphs]
        context[f"{name}_rt"] = rich_text(paragraphs)
    return context


def years_text(years: tuple[int, ...]) -> str:
    """(2021, 2022) -> "2021 - 2022"; (2022,) -> "2022"."""
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]} - {years[-1]}"


def jinja_environment() -> Environment:
    """A fresh sandbox for each template (it counts the loop iterations of one document)."""
    return template_sandbox.TemplateSandbox()


# --- the preview ------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewBlock:
    """One block of a filled template's body: a paragraph's text, or a table's rows of cell texts."""

    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def preview_blocks(content: bytes) -> list[PreviewBlock]:
    """The body of a filled .docx in document order (a header table stays before the text under it);
    empty paragraphs are left out."""
    blocks = []
    for item in read_docx(io.BytesIO(content)).iter_inner_content():
        if isinstance(item, Table):
            rows = tuple(tuple(cell.text for cell in row.cells) for row in item.rows)
            if rows:
                blocks.append(PreviewBlock(rows=rows))
        elif item.text.strip():
            blocks.append(PreviewBlock(text=item.text))
    return blocks


# --- checking -------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
FRAGMENT = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
SPACED_BRACES = re.compile(r"\{\s+[{%]|[}%]\s+\}")


def _parts(template: DocxTemplate) -> list[tuple[str, str]]:
    """(name, XML) of the body, headers and footers."""
    template.init_docx()
    parts = [("phần nội dung", template.get_xml())]
    for uri, name in ((template.HEADER_URI, "phần đầu trang"), (template.FOOTER_URI, "phần chân trang")):
        for _, part in template.get_headers_footers(uri):
            parts.append((name, template.get_part_xml(part)))
    return parts


def _paragraph_problems(part_name: str, xml: str) -> list[str]:
    """Tags must open and close inside one paragraph, with no space between their braces."""
    problems = []
    root = etree.fromstring(xml.encode("utf-8"))
    for paragraph in root.iter(f"{W}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
        if "{" not in text and "}" not in text:
            continue
        remainder = TAG.sub("", text)
        for fragment in FRAGMENT.findall(remainder):
            problems.append(
                f"Trong {part_name}, đoạn “{shorten(text)}” có “{fragment}” không thành một thẻ trọn vẹn: "
                "mỗi thẻ {{ … }} hoặc {% … %} phải mở và đóng trong cùng một đoạn văn."
            )
        for spaced in SPACED_BRACES.findall(text):
            problems.append(
                f"Trong {part_name}, đoạn “{shorten(text)}” có “{spaced}”: giữa hai dấu ngoặc của thẻ "
                "không được có dấu cách."
            )
    return problems


def _patched_problems(part_name: str, patched: str) -> list[str]:
    """After docxtpl joins the runs, no Word markup may be left inside a tag."""
    problems = []
    for tag in TAG.findall(patched):
        if "<" in tag or ">" in tag:
            visible = re.sub(r"<[^>]*>", "", tag)
            problems.append(
                f"Trong {part_name}, thẻ “{shorten(visible)}” bị Word tách thành nhiều đoạn định dạng mà "
                "hệ thống không ghép lại được (thường do một phần thẻ có định dạng khác, bị đánh dấu sửa lỗi "
                "chính tả hoặc nằm trong liên kết). Hãy xóa và gõ lại cả thẻ một lần, không định dạng riêng "
                "từng phần."
            )
    try:
        etree.fromstring(patched.encode("utf-8"))
    except etree.XMLSyntaxError:
        problems.append(
            f"Trong {part_name}, có thẻ nằm vắt qua liên kết, trường hoặc vùng theo dõi thay đổi của Word "
            "nên không ghép được. Hãy chấp nhận mọi thay đổi, bỏ liên kết trong thẻ và gõ lại thẻ."
        )
    return problems


def _by_paragraph(xml: str) -> str:
    """One paragraph per line, as docxtpl parses it, so that Jinja's line numbers point to a paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _syntax_problem(part_name: str, patched: str, error: TemplateSyntaxError) -> str:
    near = template_sandbox.paragraph_near(patched, error.lineno)
    where = f" gần “{near}”" if near else ""
    return f"Lỗi cú pháp trong {part_name}{where}: {template_sandbox.syntax_hint(error.message)}."


def _open(content: bytes) -> tuple[DocxTemplate, list[tuple[str, str]]]:
    """The template and its parts; TemplateProblems when the file is not a readable .docx."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise TemplateProblems(["Tệp mẫu lớn hơn 5 MB."])
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise TemplateProblems(["Tệp không phải tài liệu Word .docx (định dạng .doc cũ hãy lưu lại thành .docx)."])
    try:
        template = DocxTemplate(io.BytesIO(content))
        return template, _parts(template)
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile):
        raise TemplateProblems(["Không đọc được tệp Word này; hãy mở bằng Word và lưu lại dạng .docx."]) from None


def _other_sources(template: DocxTemplate) -> list[tuple[str, str]]:
    """What docxtpl also fills besides the parts: the document properties and the footnotes."""
    properties = template.docx.core_properties
    sources = [("thuộc tính tài liệu (tiêu đề, tác giả …)",
                "\n".join(getattr(properties, name) or "" for name in
                          ("author", "comments", "identifier", "language", "subject", "title")))]
    for part in template.docx.part.package.parts:
        if part.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml":
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            sources.append(("phần chú thích cuối trang", _by_paragraph(template.patch_xml(blob))))
    return sources


def _expressions(environment: Environment, part_name: str, source: str, check: TemplateCheck) -> None:
    """Parse one filled part (nothing is evaluated): its variables, syntax errors and refused expressions."""
    try:
        parsed = environment.parse(source)
    except TemplateSyntaxError as error:
        check.problems.append(_syntax_problem(part_name, source, error))
        return
    refused = template_sandbox.expression_problems(parsed, part_name, source)
    check.problems += refused
    try:
        variables = meta.find_undeclared_variables(parsed)
    except TemplateSyntaxError as error:   # e.g. an unknown filter, already named above
        if not refused:
            check.problems.append(_syntax_problem(part_name, source, error))
        return
    check.variables += sorted(variables - template_sandbox.forbidden_names(parsed))
    check.unknown_attributes += template_sandbox.unknown_attributes(parsed, TEMPLATE_SHAPES)
    check.figure_keys |= figure_keys(parsed)


def figure_keys(parsed: nodes.Template) -> set[str]:
    """The manual figures a template names by key: so_lieu.dan_so, so_lieu_so['dan_so'] (a key computed while
    filling is only known then)."""
    keys = set()
    for node in parsed.find_all((nodes.Getattr, nodes.Getitem)):
        base = node.node
        if not (isinstance(base, nodes.Name) and base.name in FIGURE_VARIABLES and base.ctx == "load"):
            continue
        if isinstance(node, nodes.Getattr):
            keys.add(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            keys.add(node.arg.value)
    return {key for key in keys if not key.startswith("_") and key not in template_sandbox.SAFE_METHODS[dict]}


def _static_check(template: DocxTemplate, parts: list[tuple[str, str]]) -> TemplateCheck:
    """Everything that can be found without filling the template."""
    check = TemplateCheck()
    environment = jinja_environment()
    for part_name, xml in parts:
        check.problems += _paragraph_problems(part_name, xml)
        patched = _by_paragraph(template.patch_xml(xml))
        check.problems += _patched_problems(part_name, patched)
        _expressions(environment, part_name, patched, check)
    for part_name, source in _other_sources(template):
        _expressions(environment, part_name, source, check)
    check.variables = sorted(set(check.variables))
    unknown = sorted(set(check.variables) - set(TEMPLATE_VARIABLES))
    if unknown or check.unknown_attributes:
        check.problems.append(_unknown_names_problem(unknown, check.unknown_attributes))
    return check


def _unknown_names_problem(variables: list[str], attributes: list[UnknownAttribute]) -> str:
    """One message naming every unknown variable and attribute of the template, in all its parts."""
    parts = []
    if variables:
        parts.append(f"biến không có trong danh sách biến của hệ thống: {', '.join(variables)}")
    described = list(dict.fromkeys(f"{item.expression} ({item.hint})" for item in attributes))
    if described:
        where = "và thuộc tính không có" if variables else "thuộc tính không có trong danh sách biến của hệ thống"
        parts.append(f"{where}: {', '.join(described)}")
    return f"Mẫu dùng {'; '.join(parts)}. Xem danh sách biến trên trang Mẫu văn bản."


def check_template(content: bytes, example: ComposedReport | None = None) -> TemplateCheck:
    """Every problem of an uploaded template; with an example, it is also filled once (in the sandbox)."""
    try:
        template, parts = _open(content)
    except TemplateProblems as error:
        return TemplateCheck(problems=error.problems)
    check = _static_check(template, parts)
    if not check.variables and not check.problems:
        check.problems.append("Mẫu chưa có biến nào (ví dụ {{ dong_so }}, {{ trich_yeu }}): không có gì để điền.")
    if example is not None and not check.problems:
        try:
            _fill(content, with_sample_figures(example, check.figure_keys))
        except _FillFailed as failure:
            check.problems.append(f"Không điền được mẫu với số liệu mẫu: {failure.reason}.")
    return check


def with_sample_figures(example: ComposedReport, keys: set[str]) -> ComposedReport:
    """The example with a plausible value for every manual figure the template names (a district's template
    names the figures its documents will have; the example cannot know them)."""
    known = set(example.spec.manual_figure_texts)
    extra = tuple(ManualFigureValue(key=key, label=key, value=sample_value(key)) for key in sorted(keys - known))
    if not extra:
        return example
    return replace(example, spec=replace(example.spec, manual_figures=example.spec.manual_figures + extra))


def missing_figures_problem(keys: set[str], composed: ComposedReport) -> str:
    """"" when the document has every manual figure the template names, else what to do, in Vietnamese."""
    missing = sorted(keys - set(composed.spec.manual_figure_texts))
    if not missing:
        return ""
    names = ", ".join(f"“{key}”" for key in missing)
    return (f"Mẫu Word riêng dùng số liệu nhập tay mà văn bản chưa có: {names}. Hãy thêm các số liệu có mã này ở "
            "trang “Số liệu nhập tay” của văn bản, hoặc chọn mẫu khác.")


class _FillFailed(Exception):
    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


# What a template expression may raise while it is filled (anything else is a bug of ours, not the template's).
FILL_ERRORS = (TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError, RecursionError,
               MemoryError, etree.LxmlError)


def _fill(content: bytes, composed: ComposedReport) -> bytes:
    template = DocxTemplate(io.BytesIO(content))
    try:
        template.render(template_context(composed), jinja_env=jinja_environment())
    except FILL_ERRORS as error:
        logger.warning("A Word template could not be filled: %r", error)
        raise _FillFailed(template_sandbox.render_problem(error)) from error
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def render_template(content: bytes, composed: ComposedReport) -> bytes:
    """The template filled with the report's data, in the sandbox.

    A stored template is checked again first (it may predate the current rules or have been stored by
    other means); TemplateProblems says in Vietnamese why it cannot be filled.
    """
    template, parts = _open(content)
    check = _static_check(template, parts)
    if check.problems:
        raise TemplateProblems(["Mẫu Word riêng không dùng được: hãy sửa mẫu và tải lên lại, hoặc chọn mẫu có sẵn.",
                                *check.problems])
    missing = missing_figures_problem(check.figure_keys, composed)
    if missing:
        raise TemplateProblems([missing])
    try:
        return _fill(content, composed)
    except _FillFailed as failure:
        raise TemplateProblems([f"Không điền được mẫu Word riêng: {failure.reason}. Hãy sửa mẫu và tải lên lại, "
                                "hoặc chọn mẫu có sẵn."]) from failure
