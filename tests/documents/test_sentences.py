"""The data-driven sentences, in the style of the seed reports."""
import datetime as dt
from decimal import Decimal

from documents import sentences
from documents.facts import (
    CareerEvents, CommuneLeadership, EventTally, GroupComposition, OrganizationCounts, PartyMembers,
)
from reports.structure import TargetBounds
from tests.documents.samples import sample_facts, seed_002_table

SEED_000_COUNTS = OrganizationCounts(
    grassroots=57, agency_committees=4, commune_committees=15, grassroots_cells=38, cells=258,
    hamlet_cells_in_communes=128, other_cells_in_communes=108, communes_with_cells=15, cells_in_agencies=22,
    agencies_with_cells=4, communes=12, townships=3,  # Phụng Hiệp: 12 xã and 3 thị trấn
)


def test_the_organization_sentence_reads_like_seed_000():
    text = sentences.organization_sentence("huyện", SEED_000_COUNTS, PartyMembers(2023, 4809, 0, 0))
    assert text == (
        "Đảng bộ huyện có 57 tổ chức cơ sở đảng trực thuộc, gồm 04 đảng bộ ngành huyện, 15 đảng bộ xã, thị trấn "
        "và 38 chi bộ cơ sở; có 258 chi bộ trực thuộc đảng bộ cơ sở (128 chi bộ ấp, bản và 108 chi bộ ngành trực "
        "thuộc 15 đảng bộ xã, thị trấn; 22 chi bộ trực thuộc 04 đảng bộ ngành huyện), với tổng số 4.809 đảng viên."
    )


def test_the_organization_sentence_adds_probationary_and_female_members_as_seed_001_asks():
    text = sentences.organization_sentence("huyện", SEED_000_COUNTS, PartyMembers(2023, 4809, 150, 1499))
    assert text.endswith("với tổng số 4.809 đảng viên (150 đảng viên dự bị và 1.499 đảng viên nữ).")


def test_the_organization_sentence_leaves_out_kinds_that_do_not_exist():
    counts = OrganizationCounts(3, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3, 0)
    assert sentences.organization_sentence("huyện", counts, None) == (
        "Đảng bộ huyện có 03 tổ chức cơ sở đảng trực thuộc, gồm 03 đảng bộ xã."
    )


def test_a_province_after_2025_speaks_of_its_communes_and_wards_and_a_ward_of_itself():
    counts = OrganizationCounts(
        grassroots=5, agency_committees=0, commune_committees=5, grassroots_cells=0, cells=12,
        hamlet_cells_in_communes=12, other_cells_in_communes=0, communes_with_cells=5, cells_in_agencies=0,
        agencies_with_cells=0, communes=3, townships=0, wards=2,
    )
    assert sentences.organization_sentence("tỉnh", counts, None) == (
        "Đảng bộ tỉnh có 05 tổ chức cơ sở đảng trực thuộc, gồm 05 đảng bộ xã, phường; có 12 chi bộ trực thuộc "
        "đảng bộ cơ sở (12 chi bộ ấp, bản trực thuộc 05 đảng bộ xã, phường)."
    )
    assert sentences.communes_sentence("tỉnh", counts) == (
        "Tỉnh có 05 đơn vị hành chính cấp xã trực thuộc (03 xã và 02 phường)."
    )


def test_the_unit_word_of_a_scope_comes_from_its_kind_and_name():
    from cadre.committees import unit_word

    assert [unit_word(kind, name) for kind, name in [
        ("XA", "Phường Tân Phong"), ("XA", "Đảng bộ phường Tân Phong"), ("XA", "Thị trấn Sa Rài"),
        ("XA", "Xã Mường So"), ("HUYEN", "Thị xã Ngã Năm"), ("TINH", "Đảng bộ tỉnh Lai Châu"), ("CO_QUAN", "Ban Tổ chức"),
    ]] == ["phường", "phường", "thị trấn", "xã", "thị xã", "tỉnh", ""]


def test_the_composition_sentence_gives_counts_and_two_decimal_shares():
    text = sentences.composition_sentence(GroupComposition("CB_XA", "Cán bộ cấp xã", 190, 30, 168, 88))
    assert text == (
        "Tổng số cán bộ cấp xã là 190 đồng chí, trong đó: nữ 30 đồng chí, chiếm 15,79%; người dân tộc thiểu số "
        "168 đồng chí, chiếm 88,42%; dưới 35 tuổi 88 đồng chí, chiếm 46,32%."
    )


def test_a_population_without_anyone_says_so_instead_of_dividing_by_zero():
    text = sentences.composition_sentence(GroupComposition("CC_XA", "Công chức cấp xã", 0, 0, 0, 0))
    assert text == "Tổng số công chức cấp xã: chưa có người giữ chức danh tại ngày báo cáo."


def test_each_target_gets_one_sentence_in_the_style_of_seed_002():
    lines = sentences.target_lines(seed_002_table(), dt.date(2023, 5, 15), (2021, 2022))
    assert lines[0] == "Tính đến ngày 15/5/2023, đội ngũ cán bộ cấp xã có tổng số 190 đồng chí, trong đó:"
    assert "+ Trình độ Lý luận chính trị Trung cấp trở lên: 99,47%/100,00% (189/190 đồng chí), " \
           "đạt 99,47% mục tiêu đề ra." in lines


def test_a_trong_do_row_joins_its_parent_sentence():
    lines = sentences.target_lines(seed_002_table(), dt.date(2023, 5, 15), (2021, 2022))
    assert (
        "+ Trình độ chuyên môn Trung cấp trở lên: 100,00%/100,00% (190/190 đồng chí), đạt 100,00% mục tiêu đề ra; "
        "trong đó trình độ Đại học trở lên: 63,68%/50,00% (121/190 đồng chí), đạt 127,37% mục tiêu đề ra."
    ) in lines


def test_a_range_target_says_what_the_range_was_and_that_the_figure_is_below_it():
    lines = sentences.target_lines(seed_002_table(), dt.date(2023, 5, 15), (2021, 2022))
    assert ("+ Tỷ lệ cán bộ trẻ: 13,33% (08/60 đồng chí), mục tiêu đề ra từ 35,00% đến 40,00%, thấp hơn mức "
            "tối thiểu (bằng 38,10% mức tối thiểu), chưa đạt mục tiêu đề ra.") in lines
    assert "38,10% - 33,33%" not in "\n".join(lines)


def _range_row(count, total):
    from tests.documents.samples import row
    return row("6", "Tỷ lệ cán bộ trẻ", "TRE", (14, 54), (count, total), TargetBounds(min=Decimal(35), max=Decimal(40)))


def test_a_figure_inside_a_range_target_reaches_it():
    assert sentences.row_clause(_range_row(22, 60), (2022,)) == (
        "Tỷ lệ cán bộ trẻ: 36,67% (22/60 đồng chí), mục tiêu đề ra từ 35,00% đến 40,00%, nằm trong khoảng "
        "mục tiêu, đạt mục tiêu đề ra"
    )


def test_a_figure_above_a_range_target_says_it_is_over_the_upper_bound():
    assert sentences.row_clause(_range_row(30, 60), (2022,)) == (
        "Tỷ lệ cán bộ trẻ: 50,00% (30/60 đồng chí), mục tiêu đề ra từ 35,00% đến 40,00%, cao hơn mức tối đa "
        "(bằng 125,00% mức tối đa), chưa đạt mục tiêu đề ra"
    )


def test_zero_is_written_0_never_00():
    leadership = CommuneLeadership(communes=9, secretary_chairs_council=0, secretary_chairs_committee=3,
                                   secretaries=9, secretaries_not_local=0)
    counts = OrganizationCounts(9, 0, 9, 0, 0, 0, 0, 0, 0, 0, 9, 0)
    text = sentences.leadership_sentence(leadership, counts)
    assert "0/09 xã" in text and "00" not in text.replace("09", "")
    composition = sentences.composition_sentence(GroupComposition("CB_XA", "Cán bộ cấp xã", 12, 0, 3, 0))
    assert composition == ("Tổng số cán bộ cấp xã là 12 đồng chí, trong đó: nữ 0 đồng chí, chiếm 0,00%; người dân "
                           "tộc thiểu số 03 đồng chí, chiếm 25,00%; dưới 35 tuổi 0 đồng chí, chiếm 0,00%.")


def test_proper_names_keep_their_capitals():
    assert sentences.lower_first("Ban Chấp hành Đảng bộ huyện") == "Ban Chấp hành Đảng bộ huyện"
    assert sentences.lower_first("HĐND xã") == "HĐND xã"
    assert sentences.lower_first("Cán bộ cấp xã") == "cán bộ cấp xã"
    group = GroupComposition("BCH", "Ban Chấp hành Đảng bộ huyện", 41, 5, None, None)
    assert sentences.composition_sentence(group) == (
        "Tổng số Ban Chấp hành Đảng bộ huyện là 41 đồng chí, trong đó: nữ 05 đồng chí, chiếm 12,20%.")


def test_hamlet_words_come_from_the_cells_names():
    from cadre.committees import hamlet_words
    assert hamlet_words(["Chi bộ thôn Nà Hừ", "Chi bộ bản Pa Pe", "Chi bộ Thôn 2"]) == ("thôn", "bản")
    assert hamlet_words(["Chi bộ ấp Tân Hòa", "Chi bộ Khu phố 3", "Chi bộ tổ dân phố 5"]) == (
        "ấp", "khu phố", "tổ dân phố")
    counts = OrganizationCounts(2, 0, 2, 0, 5, 5, 0, 2, 0, 0, 2, 0, hamlet_words=("thôn", "bản"))
    text = sentences.organization_sentence("huyện", counts, None)
    assert "05 chi bộ thôn, bản trực thuộc 02 đảng bộ xã" in text and "ấp" not in text


def test_rating_rows_count_ratings_of_the_window():
    lines = sentences.target_lines(seed_002_table(), dt.date(2023, 5, 15), (2021, 2022))
    assert any(line.startswith(
        "+ Hoàn thành tốt nhiệm vụ trở lên: 92,93%/95,00% (355/382 lượt đánh giá các năm 2021 - 2022)"
    ) for line in lines)


def test_an_upper_bound_target_says_whether_it_is_kept():
    lines = sentences.target_lines(seed_002_table(), dt.date(2023, 5, 15), (2021, 2022))
    assert "+ Không hoàn thành nhiệm vụ: 1,31%/không quá 2,00% (05/382 lượt đánh giá các năm 2021 - 2022), " \
           "bằng 65,45% mức tối đa, đạt mục tiêu đề ra." in lines


def test_target_texts_cover_every_kind_of_target():
    assert sentences.target_text(TargetBounds(value=Decimal(80))) == "80,00%"
    assert sentences.target_text(TargetBounds(min=Decimal(30))) == "30,00% trở lên"
    assert sentences.target_text(TargetBounds(max=Decimal(2))) == "không quá 2,00%"
    assert sentences.target_text(TargetBounds(min=Decimal(20), max=Decimal(25))) == "20,00% - 25,00%"


def test_career_events_are_counted_by_kind_and_direction_like_seed_002():
    text = sentences.events_sentence(sample_facts().events)
    assert text == (
        "Từ năm 2021 đến nay đã thực hiện luân chuyển 05 lượt cán bộ (từ huyện xuống xã 02 lượt, từ xã này sang "
        "xã khác 03 lượt); điều động 06 lượt cán bộ (từ huyện xuống xã 02 lượt, từ xã này sang xã khác 01 lượt, "
        "từ xã về huyện 03 lượt); bổ nhiệm 09 lượt cán bộ."
    )


def test_no_career_events_is_said_plainly():
    events = CareerEvents(dt.date(2021, 3, 15), dt.date(2023, 5, 15), (EventTally("KHEN_THUONG", 0),))
    assert sentences.events_sentence(events) == (
        "Từ ngày 15/3/2021 đến nay chưa có trường hợp luân chuyển, điều động, bổ nhiệm cán bộ."
    )


def test_the_planning_sentence_gives_each_term_by_level_like_seed_001():
    assert sentences.planning_sentence(sample_facts().planning) == (
        "Quy hoạch nhiệm kỳ 2025 - 2030: cấp huyện 61 đồng chí (nữ 20 đồng chí, chiếm 32,79%; dưới 35 tuổi 19 đồng "
        "chí, chiếm 31,15%); cấp xã 328 đồng chí (nữ 99 đồng chí, chiếm 30,18%; dưới 35 tuổi 89 đồng chí, "
        "chiếm 27,13%)."
    )
