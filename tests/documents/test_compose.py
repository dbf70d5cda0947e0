"""Composition: from the staff's choices and the figures to the laid-out document (pure)."""
import datetime as dt

from documents.compose import compose, recipients
from documents.content import HEADING
from documents.facts import PARTY_BUILDING
from tests.documents.samples import sample_facts, sample_spec


def test_the_header_follows_the_party_document_format():
    header = compose(sample_spec(), sample_facts()).header
    assert header.superior_body == "ĐẢNG BỘ TỈNH LAI CHÂU"
    assert header.issuing_body == "HUYỆN ỦY PHONG THỔ"
    assert header.number_line == "Số 408-BC/HU"
    assert header.party_name == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header.place_date == "Phong Thổ, ngày 12 tháng 7 năm 2023"


def test_a_draft_leaves_the_number_and_the_day_blank_as_in_the_seeds():
    document = compose(sample_spec(number="", issued_on=dt.date(2023, 8, 3)), sample_facts())
    assert document.header.number_line == "Số       -BC/HU"
    assert document.header.place_date == "Phong Thổ, ngày       tháng 8 năm 2023"
    assert document.appendix[0].attachment == (
        "(Kèm theo Báo cáo số        -BC/HU, ngày        /8/2023 của Huyện ủy Phong Thổ)")
    assert document.file_stem == "du-thao-bao-cao-LC.PT-2023-05-15"


def test_january_and_february_dates_are_zero_padded():
    document = compose(sample_spec(issued_on=dt.date(2018, 2, 5)), sample_facts())
    assert document.header.place_date == "Phong Thổ, ngày 05 tháng 02 năm 2018"


def test_headings_are_numbered_without_gaps_when_a_section_is_empty():
    document = compose(sample_spec(), sample_facts())
    headings = [p.text for p in document.body if p.role == HEADING]
    assert headings == [
        "I. ĐẶC ĐIỂM, TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN ĐỀ ÁN SỐ 01-ĐA/HU",
        "1. Kết quả thực hiện các mục tiêu cụ thể đến năm 2025",
        "1.1. Đối với cán bộ cấp xã",
        "2. Công tác quy hoạch, luân chuyển, điều động, bổ nhiệm cán bộ",
        "3. Đánh giá chung",
        "3.1. Ưu điểm",
        "3.2. Hạn chế, khuyết điểm",
        "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]


def test_staff_text_keeps_its_bold_and_italic():
    document = compose(sample_spec(), sample_facts())
    strengths = next(p for p in document.body if p.text.startswith("Đội ngũ cán bộ có bản lĩnh"))
    assert [(r.text, r.bold) for r in strengths.runs] == [
        ("Đội ngũ cán bộ ", False), ("có bản lĩnh chính trị", True), (" vững vàng.", False)]


def test_the_recipients_end_with_the_filing_line():
    assert recipients(sample_spec()) == (
        "- Thường trực Huyện ủy (b/c),", "- Ban Tổ chức Tỉnh ủy,", "- Đảng ủy các xã, thị trấn,",
        "- Lưu Văn phòng Huyện ủy.",
    )


def test_the_signature_is_printed_in_capitals():
    signature = compose(sample_spec(), sample_facts()).signature
    assert (signature.authority, signature.title, signature.name) == ("T/M HUYỆN ỦY", "PHÓ BÍ THƯ", "Nguyễn Văn Thanh")


def test_each_report_table_becomes_a_bieu_with_the_seed_columns():
    table = compose(sample_spec(), sample_facts()).appendix[0]
    assert (table.number, table.title) == ("Biểu 01", "TỔNG HỢP CHẤT LƯỢNG CÁN BỘ")
    assert table.attachment == "(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy Phong Thổ)"
    assert (table.baseline_label, table.target_label, table.current_label) == (
        "Thực hiện năm 2020", "Mục tiêu Đề án đến năm 2025", "Thực hiện năm 2023")
    assert (table.vs_target_label, table.vs_baseline_label) == ("So sánh năm 2023/Đề án", "So sánh năm 2023/năm 2020")
    total, *_ = table.rows
    assert (total.label, total.cells[:5]) == ("Tổng số", ("183", "100,00", "", "190", "100,00"))
    university = next(row for row in table.rows if "Đại học" in row.label)
    assert (university.number, university.label, university.depth) == ("", "- Trong đó trình độ Đại học trở lên", 1)
    assert university.cells == ("48", "26,23", "50,00", "121", "63,68", "127,37", "242,80", "Vượt")
    young = next(row for row in table.rows if row.label == "Tỷ lệ cán bộ trẻ")
    assert young.cells[2] == "35,00 - 40,00" and young.cells[5] == "38,10 - 33,33"


def test_the_party_building_report_fills_the_blanks_of_seed_001_from_data():
    document = compose(sample_spec(kind=PARTY_BUILDING, subject="Về công tác xây dựng Đảng nhiệm kỳ 2020 - 2025"),
                       sample_facts())
    text = document.all_text()
    assert "Huyện có 17 đơn vị hành chính cấp xã trực thuộc (15 xã và 02 thị trấn)." in text
    assert "với tổng số 4.809 đảng viên (150 đảng viên dự bị và 1.499 đảng viên nữ)." in text
    assert "Ban Chấp hành Đảng bộ huyện có 41 đồng chí (05 nữ); Ban Thường vụ Huyện ủy có 12 đồng chí (01 nữ)." in text
    assert "Từ năm 2021 đến năm 2023, toàn Đảng bộ kết nạp 320 đảng viên mới; đưa ra khỏi Đảng 17 đồng chí." in text
    assert "Bí thư đảng ủy đồng thời là chủ tịch HĐND cấp xã: 12/17 xã, thị trấn" in text
    assert "I. KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG NHIỆM KỲ 2020 - 2025" in text
    assert "..." not in text


def test_the_closing_sentence_repeats_the_subject():
    document = compose(sample_spec(), sample_facts())
    assert document.body[-1].text == (
        "Trên đây là Báo cáo sơ kết giữa nhiệm kỳ thực hiện Đề án số 01-ĐA/HU, ngày 15/01/2021 của Ban Chấp hành "
        "Đảng bộ huyện."
    )
