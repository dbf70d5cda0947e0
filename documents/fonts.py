"""The PDF's font: Times New Roman or a metric-compatible font that covers Vietnamese.

fontconfig (`fc-list`) lists the installed files of each family in
documents.layout.PDF_FONTS (without `fc-list`, the usual font folders are
read); a family is used only when its regular, bold and
italic files all contain every Vietnamese letter. When no installed family
qualifies, the Liberation Serif 2.x files shipped in documents/font_files/
(SIL Open Font License, see the README there) are used after the same check,
so a machine without font packages still prints. The PDF names those files
in @font-face rules, so WeasyPrint embeds exactly them and can never fall back
silently to a font without Vietnamese glyphs. Only when the shipped files are
missing too does the build stop with DocumentFontMissing, in Vietnamese.
"""
from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from documents import layout
from reports.exporters import ExportFailed

# Every letter with a Vietnamese diacritic, upper and lower case.
VIETNAMESE_LETTERS = (
    "ĂÂĐÊÔƠƯăâđêôơư"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
STYLES = ("regular", "bold", "italic", "bold_italic")
REQUIRED_STYLES = ("regular", "bold", "italic")


class DocumentFontMissing(ExportFailed):
    """No installed font can print the document."""


@dataclass(frozen=True)
class FontFaces:
    family: str
    files: dict[str, Path]  # style -> file


def _style_of(style_names: str) -> str | None:
    names = {name.strip().lower() for name in style_names.split(",")}
    if names & {"bold italic", "bold oblique"}:
        return "bold_italic"
    if "bold" in names:
        return "bold"
    if names & {"italic", "oblique"}:
        return "italic"
    if names & {"regular", "book", "normal", "roman"}:
        return "regular"
    return None


POSTSCRIPT_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,63}$")  # printable, no space or PDF delimiter


def postscript_name(data: bytes) -> str | None:
    """The font's own PostScript name (name table, ID 6: "LiberationSerif-Bold"), or None."""
    try:
        with TTFont(io.BytesIO(data), lazy=True, fontNumber=0) as font:
            name = font["name"].getDebugName(6) if "name" in font else None
    except Exception:  # a font we cannot read keeps the name it was given
        return None
    return name if name and POSTSCRIPT_NAME.match(name) else None


def covers_vietnamese(path: Path) -> bool:
    """True when the font file maps every Vietnamese letter to a glyph."""
    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # an unreadable file is simply not a candidate
        return False
    return all(ord(letter) in cmap for letter in VIETNAMESE_LETTERS)


# Liberation Serif 2.x (metric-compatible with Times New Roman), shipped with the code.
SHIPPED_FONT_DIRECTORY = Path(__file__).resolve().parent / "font_files"
SHIPPED_FAMILY = "Liberation Serif"
SHIPPED_FILES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
                 "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"}

FONT_DIRECTORIES = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


def _installed_files(family: str) -> list[tuple[str, Path]]:
    """(style names, file) of every installed file of the family, from fontconfig (or, without the
    `fc-list` program, from the names inside the font files of the usual font folders)."""
    if shutil.which("fc-list") is None:
        return [(style, path) for name, style, path in _scanned_files() if name == family.lower()]
    result = subprocess.run(
        ["fc-list", "-f", "%{style}|%{file}\n", f"{family}:fontformat=TrueType"],
        capture_output=True, text=True, check=False, timeout=20,
    )
    entries = []
    for line in result.stdout.splitlines():
        style, _, file = line.rpartition("|")
        if file:
            entries.append((style, Path(file)))
    return entries


@functools.lru_cache(maxsize=1)
def _scanned_files() -> tuple[tuple[str, str, Path], ...]:
    """(family in lower case, style, file) of the TrueType files in the usual font folders."""
    found = []
    for folder in FONT_DIRECTORIES:
        for path in sorted(Path(folder).expanduser().glob("**/*.[tT][tT][fF]")):
            try:
                with TTFont(str(path), lazy=True) as font:
                    names = font["name"]
                    family = names.getDebugName(16) or names.getDebugName(1)
                    style = names.getDebugName(17) or names.getDebugName(2)
            except Exception:  # an unreadable file is simply not a candidate
                continue
            if family and style:
                found.append((family.lower(), style, path))
    return tuple(found)


def faces_of(family: str) -> FontFaces | None:
    """The family's files that cover Vietnamese, one per style; None unless regular, bold and italic exist."""
    files: dict[str, Path] = {}
    for style_names, path in sorted(_installed_files(family), key=lambda entry: str(entry[1]), reverse=True):
        style = _style_of(style_names)
        if style and style not in files and covers_vietnamese(path):
            files[style] = path
    if not all(style in files for style in REQUIRED_STYLES):
        return None
    return FontFaces(family, files)


def shipped_faces() -> FontFaces | None:
    """The shipped Liberation Serif files that cover Vietnamese; None unless regular, bold and italic exist."""
    files = {style: SHIPPED_FONT_DIRECTORY / name for style, name in SHIPPED_FILES.items()
             if covers_vietnamese(SHIPPED_FONT_DIRECTORY / name)}
    if not all(style in files for style in REQUIRED_STYLES):
        return None
    return FontFaces(SHIPPED_FAMILY, files)


@functools.lru_cache(maxsize=1)
def _cached_faces(families: tuple[str, ...]) -> FontFaces | None:
    for family in families:
        faces = faces_of(family)
        if faces is not None:
            return faces
    return shipped_faces()


def pdf_font(families: tuple[str, ...] = layout.PDF_FONTS) -> FontFaces:
    """The first installed family of `families` that prints Vietnamese, else the shipped Liberation Serif;
    raise DocumentFontMissing when the shipped files are missing too."""
    faces = _cached_faces(tuple(families))
    if faces is None:
        raise DocumentFontMissing(
            "Không tạo được tệp PDF: máy chủ chưa cài phông chữ Times New Roman hoặc phông chữ tương thích "
            f"có đủ dấu tiếng Việt ({', '.join(families)}) và bộ phông Liberation Serif kèm theo phần mềm "
            "bị thiếu hoặc hỏng. Hãy cài lại phần mềm hoặc cài gói "
            "fonts-liberation2 (Debian) rồi thử lại."
        )
    return faces


@functools.lru_cache(maxsize=8)
def text_width_points(text: str, size: float, bold: bool = False) -> float:
    """The printed width of a line of text, from the PDF font's metrics (metric-compatible with
    Times New Roman); an estimate when no font file is at hand."""
    try:
        faces = pdf_font()
        with TTFont(str(faces.files["bold" if bold else "regular"]), lazy=True) as font:
            cmap = font.getBestCmap()
            metrics = font["hmtx"].metrics
            units = font["head"].unitsPerEm
            width = sum(metrics[cmap[ord(char)]][0] for char in text if ord(char) in cmap)
        return width * size / units
    except (DocumentFontMissing, KeyError, OSError):
        return len(text) * size * 0.62
