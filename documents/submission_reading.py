"""A sent report read in the browser: the Word file stored at sending, as blocks in document order.

The submission keeps the files exactly as they were sent (documents.models.Submission); the figures
are never recomputed for it. The reviewer reads that Word file: its paragraphs and tables, in the
order they stand in the document (the header table first), with centred and bold lines marked so
that the page reads like the paper. No query; plain structures for the template.
"""
from __future__ import annotations

import io
from zipfile import BadZipFile
from dataclasses import dataclass, field

from docx import Document as read_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class TextBlock:
    text: str
    centred: bool = False
    bold: bool = False
    kind: str = field(default="text", init=False)


@dataclass(frozen=True)
class TableBlock:
    rows: list[list[str]]
    kind: str = field(default="table", init=False)


def submitted_blocks(docx_content: bytes) -> list[TextBlock | TableBlock] | None:
    """The Word file's body as text and table blocks in document order; empty paragraphs are left out.
    None when the stored bytes are not a Word file (the page says so; the download still gives them)."""
    try:
        document = read_docx(io.BytesIO(docx_content))
    except (BadZipFile, KeyError, ValueError):
        return None
    blocks: list[TextBlock | TableBlock] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            block = _text_block(Paragraph(element, document))
            if block is not None:
                blocks.append(block)
        elif element.tag == f"{_W}tbl":
            blocks.append(TableBlock(rows=_table_rows(Table(element, document))))
    return blocks


def _text_block(paragraph: Paragraph) -> TextBlock | None:
    text = paragraph.text.strip()
    if not text:
        return None
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    return TextBlock(text=text, centred=paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER, bold=bold)


def _table_rows(table: Table) -> list[list[str]]:
    """Each row's cells once (a merged cell is repeated by python-docx for every grid column it spans)."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        rows.append(cells)
    return rows
