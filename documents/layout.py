"""Every layout value of the report document, in one place.

The DOCX renderer (documents/docx_render.py) and the PDF renderer
(documents/pdf_render.py, through templates/documents/print.css) both read
these values, so the two outputs cannot drift apart. Values follow
Hướng dẫn 36-HD/VPTW as summarised in docs/document-format.md; those marked
(≈) there come from secondary sources and can be corrected here alone.

Lengths are in millimetres, font sizes and spacings in points.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    header_distance: float  # from the top edge to the page number line

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


# A4 portrait: top 20, bottom 20, left 30, right 15 mm (≈).
PORTRAIT = Page(width=210, height=297, top=20, bottom=20, left=30, right=15, header_distance=10)
# The appendix (Biểu) pages: A4 landscape with the same margins turned with the sheet.
LANDSCAPE = Page(width=297, height=210, top=20, bottom=15, left=20, right=15, header_distance=10)

# --- fonts ---------------------------------------------------------------

# The font named in the DOCX: Word has Times New Roman; LibreOffice maps it
# to the metric-compatible Liberation Serif.
DOCX_FONT = "Times New Roman"
# The fonts the PDF may use, in order of preference; each must cover
# Vietnamese. The PDF build stops with an error when none is installed.
PDF_FONTS = ("Times New Roman", "Tinos", "Liberation Serif")

# The language every output declares (DOCX runs and properties, the PDF catalog, the XLSX properties).
LANGUAGE = "vi-VN"

BODY_SIZE = 14
HEADER_SIZE = 14  # the two header blocks
PARTY_NAME_SIZE = 15  # ĐẢNG CỘNG SẢN VIỆT NAM
TITLE_SIZE = 16  # BÁO CÁO
SUBJECT_SIZE = 14
PAGE_NUMBER_SIZE = 14
RECIPIENTS_HEADING_SIZE = 14  # Nơi nhận:
RECIPIENTS_SIZE = 12
SIGNATURE_SIZE = 14
TABLE_SIZE = 12  # Biểu tables, 11-13 pt
TABLE_HEADING_SIZE = 14  # Biểu number and title above the table

# --- body paragraphs -----------------------------------------------------

FIRST_LINE_INDENT = 10  # mm, 1 cm
SPACE_BEFORE = 6  # pt
LINE_SPACING = 18  # pt, exactly (≈)
HEADING_SPACE_BEFORE = 6

# --- header and signature tables (two borderless columns) ---------------

HEADER_LEFT_SHARE = 0.45
HEADER_RIGHT_SHARE = 0.55
SIGNATURE_LEFT_SHARE = 0.5
SIGNATURE_RIGHT_SHARE = 0.5
SIGNATURE_BLANK_LINES = 4  # the space the signature and seal take
PARTY_NAME_RULE_WIDTH = 0.75  # pt, the solid line under ĐẢNG CỘNG SẢN VIỆT NAM
SUBJECT_RULE = "-----"

# --- Biểu tables ---------------------------------------------------------

# Relative widths of the ten columns: TT | Chất lượng | baseline count | % |
# target % | current count | % | vs target | vs baseline | Ghi chú.
TABLE_COLUMN_SHARES = (0.045, 0.26, 0.075, 0.07, 0.11, 0.075, 0.07, 0.12, 0.09, 0.085)
TABLE_CELL_PADDING = 1.2  # mm, left and right
TABLE_CHILD_INDENT = 4  # mm, "- Trong đó …" rows
TABLE_BORDER_WIDTH = 0.5  # pt


def points_to_mm(points: float) -> float:
    return points * 25.4 / 72

# The signer's title ("PHÓ BÍ THƯ") is 14 pt caps; the format note does not make it bold.
SIGNER_TITLE_BOLD = False
