"""The shipped Liberation Serif: a PDF is built on a machine without any font package."""
import io
import unicodedata

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from documents import fonts
from documents.compose import compose
from documents.fonts import DocumentFontMissing
from documents.pdf_render import render_pdf
from tests.documents.samples import sample_facts, sample_spec


@pytest.fixture
def no_system_fonts(monkeypatch):
    """fontconfig and the font folders find nothing, as on a fresh machine without font packages."""
    monkeypatch.setattr(fonts, "_installed_files", lambda family: [])
    fonts._cached_faces.cache_clear()
    fonts.text_width_points.cache_clear()
    yield
    fonts._cached_faces.cache_clear()
    fonts.text_width_points.cache_clear()


def embedded_fonts(reader: PdfReader) -> list[tuple[str, str, bytes]]:
    """(BaseFont, FontFamily, font file bytes) of every font in the PDF; the Type 0 font, its CIDFont and
    the descriptor's /FontName must agree on the name."""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"]
            assert str(font["/BaseFont"]) == str(descendant["/BaseFont"]) == str(descriptor["/FontName"])
            found.append((str(font["/BaseFont"]), str(descriptor["/FontFamily"]),
                          descriptor["/FontFile2"].get_object().get_data()))
    return found


def font_names(data: bytes) -> tuple[str, str]:
    """(family, PostScript name) from a font file's name table."""
    with TTFont(io.BytesIO(data)) as font:
        return font["name"].getDebugName(1), font["name"].getDebugName(6)


def test_the_shipped_files_are_liberation_serif_2_with_every_vietnamese_letter():
    faces = fonts.shipped_faces()
    assert faces is not None and faces.family == "Liberation Serif"
    assert set(faces.files) == {"regular", "bold", "italic", "bold_italic"}
    for path in faces.files.values():
        assert path.parent == fonts.SHIPPED_FONT_DIRECTORY and fonts.covers_vietnamese(path)
        with TTFont(str(path)) as font:
            assert font["name"].getDebugName(1) == "Liberation Serif"
            assert font["head"].fontRevision >= 2.0
    assert (fonts.SHIPPED_FONT_DIRECTORY / "OFL.txt").read_text().startswith("Digitized data copyright")


def test_without_system_fonts_the_pdf_embeds_the_shipped_liberation_serif(no_system_fonts):
    assert fonts.pdf_font() == fonts.shipped_faces()
    reader = PdfReader(io.BytesIO(render_pdf(compose(sample_spec(), sample_facts()))))

    text = " ".join(unicodedata.normalize("NFC", reader.pages[0].extract_text()).split())
    for expected in ("ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY PHONG THỔ", "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "Phong Thổ, ngày 12 tháng 7 năm 2023", "BÁO CÁO"):
        assert expected in text

    embedded = embedded_fonts(reader)
    assert embedded
    for base_font, family, data in embedded:
        tag, plus, name = base_font.partition("+")
        # The font's own names: /FontFamily its family, /BaseFont its PostScript name (no invented "Liberation-Serif").
        assert (family, name) == font_names(data) and family == "Liberation Serif", base_font
        assert name in ("LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
                        "LiberationSerif-BoldItalic")
        assert plus and len(tag) == 7 and tag[1:].isupper()  # "/ABCDEF": a subset
        with TTFont(io.BytesIO(data)) as font:  # the subset keeps the shipped file's version
            assert font["name"].getDebugName(5) == "Version 2.1.5"


def test_the_pdf_stops_with_a_vietnamese_error_only_when_the_shipped_files_are_gone(no_system_fonts, monkeypatch,
                                                                                   tmp_path):
    monkeypatch.setattr(fonts, "SHIPPED_FONT_DIRECTORY", tmp_path)
    with pytest.raises(DocumentFontMissing) as error:
        render_pdf(compose(sample_spec(), sample_facts()))
    assert str(error.value) == (
        "Không tạo được tệp PDF: máy chủ chưa cài phông chữ Times New Roman hoặc phông chữ tương thích "
        "có đủ dấu tiếng Việt (Times New Roman, Tinos, Liberation Serif) và bộ phông Liberation Serif kèm theo "
        "phần mềm bị thiếu hoặc hỏng. Hãy cài lại phần mềm hoặc cài gói fonts-liberation2 (Debian) rồi thử lại."
    )


def test_a_shipped_file_without_vietnamese_letters_is_not_used(no_system_fonts, monkeypatch, tmp_path):
    from fontTools import subset

    for style, name in fonts.SHIPPED_FILES.items():
        (tmp_path / name).write_bytes((fonts.SHIPPED_FONT_DIRECTORY / name).read_bytes())
    options = subset.Options()
    italic = tmp_path / fonts.SHIPPED_FILES["italic"]
    font = subset.load_font(str(italic), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x20, 0x17F))  # Latin only, like Liberation 1.x
    subsetter.subset(font)
    subset.save_font(font, str(italic), options)
    monkeypatch.setattr(fonts, "SHIPPED_FONT_DIRECTORY", tmp_path)
    assert fonts.shipped_faces() is None
    with pytest.raises(DocumentFontMissing):
        fonts.pdf_font()
