"""The PDF, read back with pypdf: texts with their diacritics, page sizes, embedded fonts."""
import io
import unicodedata

import pytest
from pypdf import PdfReader

from documents import fonts
from documents.compose import compose
from documents.fonts import DocumentFontMissing
from documents.pdf_render import render_pdf
from tests.documents.samples import sample_facts, sample_report, sample_spec, seed_002_table

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def pdf():
    report = sample_report(tables=[seed_002_table("Biểu 01"), seed_002_table("Biểu 02")])
    return PdfReader(io.BytesIO(render_pdf(compose(sample_spec(), sample_facts(report)))))


def page_text(page) -> str:
    """The page's words, NFC-normalised, with line breaks as spaces."""
    return " ".join(unicodedata.normalize("NFC", page.extract_text()).split())


def size(page):
    return round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)


def top_texts(page, margin=45):
    """Texts drawn in the top margin of the page (the page number)."""
    found = []
    height = float(page.mediabox.height)

    def visit(text, cm, tm, font, font_size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text's baseline on the page
        if text.strip() and y > height - margin:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def test_the_first_page_carries_the_header_with_vietnamese_letters_intact(pdf):
    text = page_text(pdf.pages[0])
    for expected in ("ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY PHONG THỔ", "Số 408-BC/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "Phong Thổ, ngày 12 tháng 7 năm 2023", "BÁO CÁO", "ĐẶC ĐIỂM, TÌNH HÌNH"):
        assert expected in text


def test_text_pages_are_portrait_a4_and_bieu_pages_landscape_a4(pdf):
    sizes = [size(page) for page in pdf.pages]
    bieu_pages = [i for i, page in enumerate(pdf.pages) if "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ" in page_text(page)]
    assert len(bieu_pages) == 2
    for index, page_size in enumerate(sizes):
        assert page_size == (A4[1], A4[0]) if index in bieu_pages else page_size == A4


def test_the_bieu_page_shows_the_table_figures(pdf):
    text = page_text(next(page for page in pdf.pages
                          if "Biểu 01" in page_text(page) and "TỔNG HỢP" in page_text(page)))
    for expected in ("(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy Phong Thổ)", "Thực hiện năm 2020",
                     "Trong đó trình độ Đại học trở lên", "127,37", "242,80", "35,00 - 40,00"):
        assert expected in text


def test_page_numbers_start_on_page_two(pdf):
    assert top_texts(pdf.pages[0]) == []
    assert top_texts(pdf.pages[1]) == ["2"]


def test_every_font_is_embedded(pdf):
    names = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
                else font["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor or "/FontFile" in descriptor
            names.add(str(font["/BaseFont"]))
    assert names


def test_the_fonts_are_named_by_their_own_names_not_weasyprints(pdf):
    """/BaseFont is the subset tag and the PostScript name in the embedded file ("LiberationSerif-Bold",
    "TimesNewRomanPS-BoldMT"), /FontFamily the family ("Liberation Serif"); never Pango's "Liberation-Serif-Bold"."""
    from tests.documents.test_fonts import embedded_fonts, font_names

    embedded = embedded_fonts(pdf)
    assert embedded
    for base_font, family, data in embedded:
        assert (family, base_font.partition("+")[2]) == font_names(data)
        assert family == fonts.pdf_font().family


def test_the_pdf_stops_with_a_vietnamese_error_when_no_suitable_font_is_installed(monkeypatch, tmp_path):
    fonts._cached_faces.cache_clear()
    monkeypatch.setattr(fonts, "_installed_files", lambda family: [])
    monkeypatch.setattr(fonts, "SHIPPED_FONT_DIRECTORY", tmp_path)  # the shipped files removed too
    try:
        with pytest.raises(DocumentFontMissing) as error:
            render_pdf(compose(sample_spec(), sample_facts()))
        assert "phông chữ" in str(error.value) and "tiếng Việt" in str(error.value)
    finally:
        fonts._cached_faces.cache_clear()


def test_a_font_without_vietnamese_letters_is_not_accepted(tmp_path):
    from fontTools import subset

    complete = fonts.shipped_faces().files["regular"]
    latin_only = tmp_path / "latin-only.ttf"  # like Liberation 1.x: Latin letters, no ạ ắ ằ ẳ …
    options = subset.Options()
    font = subset.load_font(str(complete), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x20, 0x17F))
    subsetter.subset(font)
    subset.save_font(font, str(latin_only), options)
    assert fonts.covers_vietnamese(complete)
    assert not fonts.covers_vietnamese(latin_only)
    assert not fonts.covers_vietnamese(tmp_path / "missing.ttf")


def test_without_fc_list_the_font_folders_are_read(monkeypatch, tmp_path):
    installed = tmp_path / "truetype" / "liberation2"  # as fonts-liberation2 installs them
    installed.mkdir(parents=True)
    for name in fonts.SHIPPED_FILES.values():
        (installed / name).write_bytes((fonts.SHIPPED_FONT_DIRECTORY / name).read_bytes())
    monkeypatch.setattr(fonts.shutil, "which", lambda program: None)
    monkeypatch.setattr(fonts, "FONT_DIRECTORIES", (str(tmp_path),))
    fonts._scanned_files.cache_clear()
    try:
        faces = fonts.faces_of("Liberation Serif")
    finally:
        fonts._scanned_files.cache_clear()
    assert faces is not None and set(faces.files) == {"regular", "bold", "italic", "bold_italic"}
    assert {path.parent for path in faces.files.values()} == {installed}
    assert all(fonts.covers_vietnamese(path) for path in faces.files.values())
