"""Staff-written text: a small, safe subset of Markdown."""
from documents.content import Run
from documents.markup import parse, parse_inline


def test_every_non_blank_line_is_a_paragraph():
    paragraphs = parse("Dòng một.\n\n  Dòng   hai.  \r\n- Dòng ba.")
    assert [p.text for p in paragraphs] == ["Dòng một.", "Dòng hai.", "- Dòng ba."]


def test_double_asterisks_make_bold_and_single_ones_italic():
    assert parse_inline("Có **bản lĩnh** và *uy tín*.") == (
        Run("Có "), Run("bản lĩnh", bold=True), Run(" và "), Run("uy tín", italic=True), Run("."),
    )


def test_three_asterisks_make_bold_italic():
    assert parse_inline("***Nguyên nhân khách quan:***") == (Run("Nguyên nhân khách quan:", bold=True, italic=True),)


def test_an_unmatched_or_escaped_asterisk_stays_text():
    assert parse_inline("Đạt 5* và \\*ghi chú") == (Run("Đạt 5* và *ghi chú"),)


def test_html_is_kept_as_plain_text():
    assert parse("<script>alert(1)</script> **đậm**")[0].runs[0] == Run("<script>alert(1)</script> ")


def test_dash_and_plus_lines_keep_their_marker():
    assert [p.text for p in parse("- Ưu điểm\n+ Hạn chế")] == ["- Ưu điểm", "+ Hạn chế"]
