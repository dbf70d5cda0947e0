"""Draw a laid-out Document as a Word file (python-docx).

Real paragraphs and tables only (no text boxes), so the file stays editable
in Word and LibreOffice. Every size comes from documents/layout.py.
"""
from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from documents import layout
from documents.content import CENTERED, HEADING, AppendixTable, Document, Paragraph
from documents.fonts import text_width_points

BODY_STYLE = "Nội dung báo cáo"
HEADING_STYLE = "Đề mục báo cáo"

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def render_docx(document: Document) -> bytes:
    word = new_docx()
    style_ids = _set_up_styles(word)
    section = word.sections[0]
    _set_page(section, layout.PORTRAIT, WD_ORIENT.PORTRAIT)
    section.different_first_page_header_footer = True
    _page_number_header(section)

    _header_block(word, document)
    _title_block(word, document)
    for paragraph in document.body:
        _body_paragraph(word, paragraph, style_ids)
    _closing_block(word, document)
    for table in document.appendix:
        _appendix(word, table)
    _set_properties(word, document)

    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# --- document set-up -----------------------------------------------------------


def _set_properties(word, document: Document) -> None:
    """Title = the subject, author = the issuing committee, today's dates, Vietnamese (python-docx's blank
    template would otherwise say "python-docx" and 2013)."""
    now = dt.datetime.now().replace(microsecond=0)
    properties = word.core_properties
    properties.title = document.subject
    properties.subject = document.subject
    properties.author = document.author
    properties.last_modified_by = document.author
    properties.created = now
    properties.modified = now
    properties.language = layout.LANGUAGE
    properties.comments = ""
    properties.keywords = ""


def _set_fonts(element, name: str) -> None:
    """Name the font for every script, so Word does not switch fonts for Vietnamese letters."""
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), layout.LANGUAGE)
    r_pr.append(language)


def _set_up_styles(word) -> dict[str, str]:
    """Base font on Normal; the body and heading paragraph styles. Returns style ids by name."""
    normal = word.styles["Normal"]
    normal.font.name = layout.DOCX_FONT
    normal.font.size = Pt(layout.BODY_SIZE)
    _set_fonts(normal.element, layout.DOCX_FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    body = word.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.alignment = JUSTIFY
    body.paragraph_format.first_line_indent = Mm(layout.FIRST_LINE_INDENT)
    body.paragraph_format.space_before = Pt(layout.SPACE_BEFORE)
    body.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.paragraph_format.line_spacing = Pt(layout.LINE_SPACING)

    heading = word.styles.add_style(HEADING_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = body
    heading.font.bold = True
    heading.paragraph_format.space_before = Pt(layout.HEADING_SPACE_BEFORE)
    heading.paragraph_format.keep_with_next = True
    return {BODY_STYLE: body.style_id, HEADING_STYLE: heading.style_id}


def _set_page(section, page: layout.Page, orientation) -> None:
    # python-docx does not swap width and height with the orientation: set both.
    section.orientation = orientation
    section.page_width = Mm(page.width)
    section.page_height = Mm(page.height)
    section.top_margin = Mm(page.top)
    section.bottom_margin = Mm(page.bottom)
    section.left_margin = Mm(page.left)
    section.right_margin = Mm(page.right)
    section.header_distance = Mm(page.header_distance)


def _field(paragraph, instruction: str) -> None:
    """A field such as PAGE, as Word writes it (begin, instruction, separate, result, end)."""
    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run("2")
    char("end")


def _page_number_header(section) -> None:
    """The page number centred in the top margin, from page 2 (the first page has its own empty header)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = CENTER
    paragraph.style.font.size = Pt(layout.PAGE_NUMBER_SIZE)
    _field(paragraph, "PAGE")
    for run in paragraph.runs:
        run.font.size = Pt(layout.PAGE_NUMBER_SIZE)
    section.first_page_header.is_linked_to_previous = False


# --- small builders -------------------------------------------------------------------


def _run(paragraph, text: str, *, bold=False, italic=False, underline=False, size=None) -> None:
    """Append a run to a paragraph, building the XML directly (python-docx's setters are slow)."""
    run = OxmlElement("w:r")
    if bold or italic or underline or size is not None:
        properties = OxmlElement("w:rPr")
        for flag, tag in ((bold, "w:b"), (italic, "w:i")):
            if flag:
                properties.append(OxmlElement(tag))
        if underline:
            element = OxmlElement("w:u")
            element.set(qn("w:val"), "single")
            properties.append(element)
        if size is not None:
            for tag in ("w:sz", "w:szCs"):
                element = OxmlElement(tag)
                element.set(qn("w:val"), str(int(round(size * 2))))  # half-points
                properties.append(element)
        run.append(properties)
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    paragraph._p.append(run)


def _paragraph(container, text: str = "", *, align=CENTER, size=None, bold=False, italic=False,
               underline=False, space_before=None, style_id=None):
    paragraph = container.add_paragraph()
    if style_id is not None:
        paragraph._p.style = style_id  # by id: looking a style up by name is slow
    if align is not None:
        paragraph.alignment = align
    if space_before is not None:
        paragraph.paragraph_format.space_before = Pt(space_before)
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _fixed_layout(table) -> None:
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(fixed)


def _no_cell_margins(table) -> None:
    """No inner left/right margin, as in the PDF: the columns' text widths are exactly their shares."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _two_columns(word, left_share: float, width_mm: float):
    table = word.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed_layout(table)
    _no_cell_margins(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(width_mm * left_share), Mm(width_mm * (1 - left_share)))
    for column, width in zip(table.columns, widths):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table, table.rows[0].cells


def _bottom_rule(paragraph, text: str, size: float, cell_width_mm: float) -> None:
    """A solid line under the paragraph as long as its text: a bottom border with indents."""
    text_mm = layout.points_to_mm(text_width_points(text, size, bold=True))
    indent = max((cell_width_mm - text_mm) / 2 - 1, 0)  # 1 mm of slack for the word processor's rounding
    paragraph.paragraph_format.left_indent = Mm(indent)
    paragraph.paragraph_format.right_indent = Mm(indent)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(int(layout.PARTY_NAME_RULE_WIDTH * 8)))  # eighths of a point
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    p_pr.append(borders)


# --- the parts of the document ------------------------------------------------------------


def _header_block(word, document: Document) -> None:
    width = layout.PORTRAIT.text_width
    _, (left, right) = _two_columns(word, layout.HEADER_LEFT_SHARE, width)
    header = document.header
    _paragraph(left, header.superior_body, size=layout.HEADER_SIZE)
    _paragraph(left, header.issuing_body, size=layout.HEADER_SIZE, bold=True)
    _paragraph(left, "*", size=layout.HEADER_SIZE)
    _paragraph(left, header.number_line, size=layout.HEADER_SIZE)
    party = _paragraph(right, header.party_name, size=layout.PARTY_NAME_SIZE, bold=True)
    _bottom_rule(party, header.party_name, layout.PARTY_NAME_SIZE, width * layout.HEADER_RIGHT_SHARE)
    _paragraph(right, header.place_date, size=layout.HEADER_SIZE, italic=True, space_before=layout.SPACE_BEFORE * 2)


def _title_block(word, document: Document) -> None:
    _paragraph(word, document.title, size=layout.TITLE_SIZE, bold=True, space_before=layout.SPACE_BEFORE * 3)
    for line in document.subject_lines:
        _paragraph(word, line, size=layout.SUBJECT_SIZE, bold=True)
    _paragraph(word, layout.SUBJECT_RULE, size=layout.SUBJECT_SIZE)


def _body_paragraph(word, paragraph: Paragraph, style_ids: dict[str, str]) -> None:
    if paragraph.role == CENTERED:
        target = _paragraph(word, style_id=style_ids[BODY_STYLE])
        target.paragraph_format.first_line_indent = Mm(0)
    else:
        style = HEADING_STYLE if paragraph.role == HEADING else BODY_STYLE
        target = _paragraph(word, align=None, style_id=style_ids[style])
    for run in paragraph.runs:
        _run(target, run.text, bold=run.bold and paragraph.role != HEADING, italic=run.italic)


def _closing_block(word, document: Document) -> None:
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_before = Pt(layout.SPACE_BEFORE)
    _, (left, right) = _two_columns(word, layout.SIGNATURE_LEFT_SHARE, layout.PORTRAIT.text_width)
    # The party style (Hướng dẫn 36-HD/VPTW): "Nơi nhận:" regular and underlined, neither bold nor italic.
    heading = _paragraph(left, document.recipients_heading, align=LEFT, size=layout.RECIPIENTS_HEADING_SIZE,
                         underline=True)
    heading.paragraph_format.keep_with_next = True
    for line in document.recipients:
        _paragraph(left, line, align=LEFT, size=layout.RECIPIENTS_SIZE)
    signature = document.signature
    if signature.authority:
        _paragraph(right, signature.authority, size=layout.SIGNATURE_SIZE, bold=True)
    if signature.title:
        _paragraph(right, signature.title, size=layout.SIGNATURE_SIZE, bold=layout.SIGNER_TITLE_BOLD)
    for _ in range(layout.SIGNATURE_BLANK_LINES):
        _paragraph(right, size=layout.SIGNATURE_SIZE)
    _paragraph(right, signature.name, size=layout.SIGNATURE_SIZE, bold=True)


# --- appendix ---------------------------------------------------------------------------------


W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ALIGN_VALUES = {CENTER: "center", LEFT: "left", RIGHT: "right"}


def _twips(millimetres: float) -> int:
    return round(millimetres * 1440 / 25.4)


def _cell_xml(text: str, width: int, *, align=CENTER, bold=False, italic=False, indent: int = 0,
              span: int = 1, merge: str | None = None) -> str:
    """One table cell as WordprocessingML (built as text: python-docx's cell API is slow for big tables)."""
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        properties += "<w:vMerge/>"
    properties += '<w:vAlign w:val="center"/>'
    paragraph = f'<w:jc w:val="{ALIGN_VALUES[align]}"/>'
    if indent:
        paragraph = f'<w:ind w:left="{indent}"/>' + paragraph
    run = ""
    if text:
        flags = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        size = round(layout.TABLE_SIZE * 2)
        run = (f'<w:r><w:rPr>{flags}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
               f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:pPr>{paragraph}</w:pPr>{run}</w:p></w:tc>"


def _row_xml(cells: list[str], header: bool = False) -> str:
    flags = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{flags}</w:trPr>{''.join(cells)}</w:tr>"


def _table_xml(table: AppendixTable) -> str:
    """The Biểu: three header rows repeated on every page (w:tblHeader), then one row per figure row."""
    widths = [_twips(layout.LANDSCAPE.text_width * share) for share in layout.TABLE_COLUMN_SHARES]
    border = round(layout.TABLE_BORDER_WIDTH * 8)  # eighths of a point
    padding = _twips(layout.TABLE_CELL_PADDING)
    borders = "".join(f'<w:{edge} w:val="single" w:sz="{border}" w:space="0" w:color="000000"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    head = lambda text, column, **kw: _cell_xml(text, widths[column], bold=True, **kw)  # noqa: E731
    first = [
        head(AppendixTable.NUMBER_LABEL, 0, merge="restart"),
        head(AppendixTable.QUALITY_LABEL, 1, merge="restart"),
        _cell_xml(table.baseline_label, widths[2] + widths[3], bold=True, span=2),
        head(f"{table.target_label} (%)", 4, merge="restart"),
        _cell_xml(table.current_label, widths[5] + widths[6], bold=True, span=2),
        head(f"{table.vs_target_label} (%)", 7, merge="restart"),
        head(f"{table.vs_baseline_label} (%)", 8, merge="restart"),
        head(AppendixTable.NOTE_LABEL, 9, merge="restart"),
    ]
    second = [
        head("", 0, merge="continue"), head("", 1, merge="continue"),
        head(AppendixTable.COUNT_LABEL, 2), head(AppendixTable.PERCENT_LABEL, 3), head("", 4, merge="continue"),
        head(AppendixTable.COUNT_LABEL, 5), head(AppendixTable.PERCENT_LABEL, 6),
        head("", 7, merge="continue"), head("", 8, merge="continue"), head("", 9, merge="continue"),
    ]
    numbers = [_cell_xml(str(index + 1), width, italic=True) for index, width in enumerate(widths)]
    rows = [_row_xml(first, True), _row_xml(second, True), _row_xml(numbers, True)]
    for row in table.rows:
        cells = [
            _cell_xml(row.number, widths[0]),
            _cell_xml(row.label, widths[1], align=LEFT, bold=row.is_total,
                      indent=_twips(layout.TABLE_CHILD_INDENT * row.depth)),
        ]
        cells += [_cell_xml(value, width, align=RIGHT, bold=row.is_total)
                  for value, width in zip(row.cells[:7], widths[2:9])]
        cells.append(_cell_xml(row.cells[7], widths[9]))
        rows.append(_row_xml(cells))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tbl xmlns:w="{W_NAMESPACE}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{padding}" w:type="dxa"/><w:right w:w="{padding}" w:type="dxa"/>'
        f'</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


def _appendix(word, table: AppendixTable) -> None:
    section = word.add_section(WD_SECTION.NEW_PAGE)
    _set_page(section, layout.LANDSCAPE, WD_ORIENT.LANDSCAPE)
    section.different_first_page_header_footer = False
    _paragraph(word, table.number, align=RIGHT, size=layout.TABLE_HEADING_SIZE, bold=True)
    _paragraph(word, table.title, size=layout.TABLE_HEADING_SIZE, bold=True, space_before=layout.SPACE_BEFORE)
    _paragraph(word, table.attachment, size=layout.TABLE_HEADING_SIZE, italic=True)
    spacer = _paragraph(word, "", size=layout.TABLE_SIZE)
    # The table goes before the section's closing paragraph, right after the spacer.
    spacer._p.addnext(parse_xml(_table_xml(table)))
