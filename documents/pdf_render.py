"""Draw a laid-out Document as a PDF: HTML and CSS rendered by WeasyPrint.

The HTML is templates/documents/_document.html (also the browser preview);
the CSS is templates/documents/document.css filled from documents/layout.py.
The font files come from documents/fonts.py (an installed Times New Roman or
the shipped Liberation Serif), which fails loudly when no font with Vietnamese
letters is at hand. The @font-face rules carry the font's real family name.

WeasyPrint names each embedded font after Pango's description of it, spaces
turned into hyphens ("Liberation-Serif-Bold"): a name the font does not have.
`name_fonts_by_their_files` gives /FontName and /BaseFont the font's own
PostScript name from the embedded file's name table ("LiberationSerif-Bold",
as Word and LibreOffice write it); /FontFamily keeps the family as it is
("Liberation Serif"). A PDF name cannot be the family with its space: ISO
32000-1 (9.6.3, 9.7.4.1) wants the PostScript name, spaces removed, there.
"""
from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from documents import layout
from documents.content import AppendixTable, Document
from documents.fonts import FontFaces, pdf_font, postscript_name

FACE_STYLES = {"regular": ("normal", "normal"), "bold": ("bold", "normal"),
               "italic": ("normal", "italic"), "bold_italic": ("bold", "italic")}
SCREEN_FONTS = ", ".join(f'"{family}"' for family in (layout.DOCX_FONT, *layout.PDF_FONTS)) + ", serif"


def css_context(faces: FontFaces | None) -> dict:
    """Every value document.css needs, from the layout module."""
    font_faces = []
    if faces is not None:
        for style, path in faces.files.items():
            weight, font_style = FACE_STYLES[style]
            font_faces.append({"url": path.resolve().as_uri(), "weight": weight, "style": font_style})
    return {
        "for_print": faces is not None,
        # Selectors are scoped under .van-ban on the preview page; the PDF has nothing else to style,
        # and plain selectors are matched much faster by WeasyPrint.
        "scope": "" if faces is not None else ".van-ban ",
        "font_faces": font_faces,
        "face_family": faces.family if faces is not None else "",
        "font_stack": f'"{faces.family}"' if faces is not None else SCREEN_FONTS,
        "portrait": layout.PORTRAIT,
        "landscape": layout.LANDSCAPE,
        "page_number_size": layout.PAGE_NUMBER_SIZE,
        "body_size": layout.BODY_SIZE,
        "header_size": layout.HEADER_SIZE,
        "header_left": round(layout.HEADER_LEFT_SHARE * 100, 2),
        "header_right": round(layout.HEADER_RIGHT_SHARE * 100, 2),
        "party_name_size": layout.PARTY_NAME_SIZE,
        "rule_width": layout.PARTY_NAME_RULE_WIDTH,
        "place_space": layout.SPACE_BEFORE * 2,
        "title_size": layout.TITLE_SIZE,
        "title_space": layout.SPACE_BEFORE * 3,
        "subject_size": layout.SUBJECT_SIZE,
        "first_line_indent": layout.FIRST_LINE_INDENT,
        "space_before": layout.SPACE_BEFORE,
        "heading_space_before": layout.HEADING_SPACE_BEFORE,
        "line_spacing": layout.LINE_SPACING,
        "signature_left": round(layout.SIGNATURE_LEFT_SHARE * 100, 2),
        "signature_right": round(layout.SIGNATURE_RIGHT_SHARE * 100, 2),
        "recipients_heading_size": layout.RECIPIENTS_HEADING_SIZE,
        "recipients_size": layout.RECIPIENTS_SIZE,
        "signature_size": layout.SIGNATURE_SIZE,
        "signer_title_bold": layout.SIGNER_TITLE_BOLD,
        "signature_space": layout.SIGNATURE_BLANK_LINES * layout.SIGNATURE_SIZE * 1.15,
        "table_heading_size": layout.TABLE_HEADING_SIZE,
        "table_size": layout.TABLE_SIZE,
        "table_border": layout.TABLE_BORDER_WIDTH,
        "cell_padding": layout.TABLE_CELL_PADDING,
        "child_indent": layout.TABLE_CELL_PADDING + layout.TABLE_CHILD_INDENT,
        "child_indent_2": layout.TABLE_CELL_PADDING + 2 * layout.TABLE_CHILD_INDENT,
        # Biểu column widths as rules for <col class="vb-col-N">: the preview page may not use style attributes.
        "column_widths": [round(share * 100, 3) for share in layout.TABLE_COLUMN_SHARES],
    }


def document_css(faces: FontFaces | None) -> str:
    return render_to_string("documents/document.css", css_context(faces))


def document_context(document: Document) -> dict:
    """What templates/documents/_document.html needs besides the document."""
    return {
        "document": document,
        "subject_rule": layout.SUBJECT_RULE,
        "column_numbers": range(1, AppendixTable.COLUMN_COUNT + 1),
    }


def document_html(document: Document, faces: FontFaces | None) -> str:
    """The printable page; its <title>, author, dates and lang become the PDF's properties."""
    now = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
    return render_to_string("documents/print.html", {
        **document_context(document), "css": document_css(faces), "language": layout.LANGUAGE, "now": now,
    })


def render_pdf(document: Document) -> bytes:
    """The PDF; raises documents.fonts.DocumentFontMissing when no suitable font is installed."""
    from weasyprint import HTML  # imported here: loading WeasyPrint takes a moment

    faces = pdf_font()
    html = document_html(document, faces)
    return HTML(string=html, base_url=None).write_pdf(finisher=name_fonts_by_their_files)


def name_fonts_by_their_files(document, pdf) -> None:
    """A WeasyPrint finisher: each embedded font's /FontName and /BaseFont become its subset tag and the
    PostScript name in its own file ("/ABCDEF+LiberationSerif-Bold"); fonts without one keep their name."""
    objects = pdf.objects
    renamed: dict[bytes, bytes] = {}
    for item in objects:
        if not _is_pdf_type(item, "/FontDescriptor"):
            continue
        reference = item.get("FontFile2") or item.get("FontFile3")
        if not reference:
            continue
        stream = objects[int(reference.split()[0])]
        chunks = getattr(stream, "stream", ())
        name = postscript_name(b"".join(chunk if isinstance(chunk, bytes) else str(chunk).encode() for chunk in chunks))
        if name is None:
            continue
        old = item["FontName"]  # b"/ABCDEF+Liberation-Serif-Bold"
        prefix = old[:old.index(b"+") + 1] if b"+" in old else b"/"  # the subset tag stays
        renamed[old] = prefix + name.encode("ascii")
        item["FontName"] = renamed[old]
    for item in objects:
        if _is_pdf_type(item, "/Font") and item.get("BaseFont") in renamed:
            item["BaseFont"] = renamed[item["BaseFont"]]


def _is_pdf_type(item, kind: str) -> bool:
    return isinstance(item, dict) and item.get("Type") == kind
