"""Assemble the laid-out document from the staff's choices and the fetched figures.

Pure: `compose(spec, facts)` reads only its arguments. Headings are numbered
as the document is built, so a section the staff left empty leaves no gap.
"""
from __future__ import annotations

import re

from cadre.committees import NUMBER_SUFFIXES
from cadre.vietnamese import format_int, search_key, vietnamese_two_places
from documents import markup, sentences
from documents.content import (
    BODY,
    HEADING,
    AppendixTable,
    Document,
    Header,
    Paragraph,
    Signature,
    TableRow,
    plain,
)
from documents.facts import PARTY_BUILDING, DocumentFacts, DocumentSpec
from planning.plan_kinds import plan_word
from reports import issue
from reports.presentation import comparisons_text, target_text
from reports.structure import STATUS_LABELS, Report, ReportRow, ReportTable

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
TITLE = "BÁO CÁO"
RECIPIENTS_HEADING = "Nơi nhận:"
FILING_RECIPIENT = "Lưu Văn phòng Huyện ủy"  # when the spec does not name its office
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


# --- header, dates, numbers -------------------------------------------------------


def number_suffix(spec: DocumentSpec) -> str:
    return spec.number_suffix or NUMBER_SUFFIXES.get(spec.organization_kind, "-BC/HU")


def number_line(spec: DocumentSpec) -> str:
    """"Số 408-BC/HU"; a draft: "Số       -BC/HU" (reports.issue, the one rule of every output)."""
    return issue.number_line(spec.number, number_suffix(spec))


def long_date(spec: DocumentSpec) -> str:
    """"ngày 12 tháng 7 năm 2023"; a draft leaves the day blank: "ngày       tháng 8 năm 2023"."""
    return issue.long_date(spec.issued_on, spec.is_draft)


def header(spec: DocumentSpec) -> Header:
    place = spec.place.strip()
    return Header(
        superior_body=spec.superior_body.upper(),
        issuing_body=spec.issuing_body.upper(),
        number_line=number_line(spec),
        party_name=PARTY_NAME,
        place_date=f"{place}, {long_date(spec)}" if place else long_date(spec).capitalize(),
    )


def attachment_line(spec: DocumentSpec) -> str:
    """"(Kèm theo Báo cáo số 408-BC/HU, ngày 12/7/2023 của Huyện ủy Phong Thổ)"."""
    return issue.attachment_line(spec.number, number_suffix(spec), spec.issued_on, spec.organization_name)


def recipients(spec: DocumentSpec) -> tuple[str, ...]:
    """"- Ban Tổ chức Tỉnh ủy,", …, "- Lưu Văn phòng Huyện ủy." (the issuer's filing line is added when missing)."""
    lines = [line.strip().lstrip("-–+").strip().rstrip(",.;") for line in spec.recipients]
    lines = [line for line in lines if line]
    if not any(search_key(line).startswith("luu") for line in lines):
        lines.append(spec.filing_recipient or FILING_RECIPIENT)
    return tuple(f"- {line}{'.' if index == len(lines) - 1 else ','}" for index, line in enumerate(lines))


def file_stem(spec: DocumentSpec) -> str:
    """"bao-cao-408-BC-HU" or, for a draft, "du-thao-bao-cao-DT.TH-2023-06-30"."""
    def slug(text: str) -> str:
        return re.sub(r"[^A-Za-z0-9.]+", "-", search_key(text).upper()).strip("-")

    if spec.is_draft:
        return f"du-thao-bao-cao-{slug(spec.organization_code)}-{spec.as_of.isoformat()}"
    return f"bao-cao-{slug(spec.number)}"


# --- appendix tables -----------------------------------------------------------


def table_row(row: ReportRow) -> TableRow:
    if row.is_total:
        cells = (
            format_int(row.baseline.total), vietnamese_two_places(row.baseline.percent), "",
            format_int(row.current.total), vietnamese_two_places(row.current.percent), "", "", "",
        )
        return TableRow(number="", label=row.label, cells=cells, is_total=True)
    cells = (
        format_int(row.baseline.count), vietnamese_two_places(row.baseline.percent), target_text(row.target),
        format_int(row.current.count), vietnamese_two_places(row.current.percent), comparisons_text(row.vs_target),
        vietnamese_two_places(row.vs_baseline), STATUS_LABELS.get(row.status, ""),
    )
    label = f"- {row.label}" if row.depth else row.label
    return TableRow(number=row.number, label=label, cells=cells, depth=row.depth)


def appendix_table(table: ReportTable, report: Report, spec: DocumentSpec) -> AppendixTable:
    current_year = report.as_of.year
    word = plan_word(report.plan)
    target = f"Mục tiêu {word} đến năm {report.target_year}" if report.target_year else f"Mục tiêu {word}"
    return AppendixTable(
        number=table.number,
        title=table.title.upper(),
        attachment=attachment_line(spec),
        baseline_label=f"Thực hiện năm {report.baseline_as_of.year}",
        target_label=target,
        current_label=f"Thực hiện năm {current_year}",
        vs_target_label=f"So sánh năm {current_year}/{word}",
        vs_baseline_label=f"So sánh năm {current_year}/năm {report.baseline_as_of.year}",
        rows=tuple(table_row(row) for row in table.rows),
    )


# --- body ------------------------------------------------------------------------


class Outline:
    """Numbers headings as they are added: "I.", then "1.", then "1.1."."""

    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.counters = [0, 0, 0]

    def heading(self, level: int, text: str, numbered: bool = True) -> None:
        if numbered:
            self.counters[level] += 1
            for deeper in range(level + 1, len(self.counters)):
                self.counters[deeper] = 0
            if level == 0:
                label = f"{ROMAN[self.counters[0] - 1]}."
            else:
                label = ".".join(str(n) for n in self.counters[1:level + 1]) + "."
            text = f"{label} {text}"
        self.paragraphs.append(plain(text, HEADING, bold=True))

    def text(self, *lines: str) -> None:
        self.paragraphs.extend(plain(line) for line in lines if line)

    def staff(self, paragraphs: tuple[Paragraph, ...]) -> None:
        self.paragraphs.extend(paragraphs)

    def staff_section(self, level: int, title: str, paragraphs: tuple[Paragraph, ...]) -> None:
        """A heading with the staff's text under it; nothing at all when they wrote nothing."""
        if paragraphs:
            self.heading(level, title)
            self.staff(paragraphs)


def staff_text(spec: DocumentSpec, key: str) -> tuple[Paragraph, ...]:
    """A section the staff wrote, its [[so_lieu:key]] replaced by the document's manual figures."""
    return markup.parse(spec.sections.get(key, ""), figures=spec.manual_figure_texts)


def manual_figures(spec: DocumentSpec) -> sentences.Figures:
    return {figure.key: figure for figure in spec.manual_figures}


def target_section(outline: Outline, spec: DocumentSpec, report: Report, level: int,
                   later: tuple[Report, ...] = ()) -> None:
    """Each table's targets; with later target years, seed 002's "* Đến năm 2025:" and "* Định hướng đến năm
    2030:" parts (the later part lists only the rows the plan sets a target for in that year)."""
    for index, table in enumerate(report.tables):
        outline.heading(level, f"Đối với {sentences.lower_first(table.population_name)}")
        later_parts = [(other.target_year, other.tables[index]) for other in later
                       if any(row.target is not None for row in other.tables[index].rows)]
        if later_parts and report.target_year:
            outline.text(f"* Đến năm {report.target_year}:")
        outline.text(*sentences.target_lines(table, report.as_of, report.rating_years))
        for year, later_table in later_parts:
            outline.text(f"* Định hướng đến năm {year}:")
            outline.text(*sentences.target_lines(later_table, report.as_of, report.rating_years, opening=False))
        outline.text(f"(có {table.number} kèm theo)")


def plan_review_body(spec: DocumentSpec, facts: DocumentFacts) -> list[Paragraph]:
    """Seed 002: situation, results against each target, career work, assessment, tasks."""
    outline = Outline()
    outline.staff(staff_text(spec, "opening"))
    outline.heading(0, "ĐẶC ĐIỂM, TÌNH HÌNH")
    outline.text(
        sentences.territory_sentence(facts.scope_word, facts.organizations, manual_figures(spec)) + " "
        + sentences.organization_sentence(facts.scope_word, facts.organizations, facts.members)
    )
    outline.text(*(sentences.composition_sentence(group) for group in facts.compositions))
    outline.staff(staff_text(spec, "situation"))

    plan_ref = f"{plan_word(spec.plan_code)} số {spec.plan_code}".strip() if spec.plan_code else ""
    outline.heading(0, f"KẾT QUẢ THỰC HIỆN {plan_ref.upper()}".strip())
    outline.staff_section(1, "Công tác quán triệt, lãnh đạo, chỉ đạo", staff_text(spec, "implementation"))
    if facts.report is not None:
        year = f" đến năm {facts.report.target_year}" if facts.report.target_year else ""
        if facts.later_reports:
            year += "".join(f", định hướng đến năm {later.target_year}" for later in facts.later_reports)
        outline.heading(1, f"Kết quả thực hiện các mục tiêu cụ thể{year}")
        target_section(outline, spec, facts.report, 2, facts.later_reports)
    if facts.events is not None or facts.planning:
        outline.heading(1, "Công tác quy hoạch, luân chuyển, điều động, bổ nhiệm cán bộ")
        outline.text(sentences.planning_sentence(facts.planning))
        if facts.events is not None:
            outline.text(sentences.events_sentence(facts.events))
    assessment = [(title, staff_text(spec, key)) for key, title in (
        ("strengths", "Ưu điểm"), ("weaknesses", "Hạn chế, khuyết điểm"), ("causes", "Nguyên nhân"))]
    if any(paragraphs for _, paragraphs in assessment):
        outline.heading(1, "Đánh giá chung")
        for title, paragraphs in assessment:
            outline.staff_section(2, title, paragraphs)
    outline.staff_section(1, "Một số kinh nghiệm", staff_text(spec, "lessons"))
    outline.staff_section(0, "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI", staff_text(spec, "tasks"))
    outline.staff_section(0, "KIẾN NGHỊ, ĐỀ XUẤT", staff_text(spec, "proposals"))
    return outline.paragraphs


def party_building_body(spec: DocumentSpec, facts: DocumentFacts) -> list[Paragraph]:
    """Seed 001: the general situation with every blank the records and the manual figures answer, then party
    work (docs/seed-001-blanks.md); a part whose figures the document lacks is left out."""
    figures = manual_figures(spec)
    outline = Outline()
    outline.staff(staff_text(spec, "opening"))
    outline.heading(0, "* ĐẶC ĐIỂM, TÌNH HÌNH CHUNG", numbered=False)
    outline.text(" ".join(part for part in (
        sentences.territory_sentence(facts.scope_word, facts.organizations, figures),
        sentences.organization_sentence(facts.scope_word, facts.organizations, facts.members),
        sentences.committees_sentence(facts.committees),
        sentences.grassroots_rating_sentence(spec.rating_years, figures),
    ) if part))
    outline.staff(staff_text(spec, "situation"))

    term = f" NHIỆM KỲ {spec.term.strip()}" if spec.term.strip() else ""
    outline.heading(0, f"KẾT QUẢ CÔNG TÁC XÂY DỰNG ĐẢNG{term}")
    outline.staff_section(1, "Công tác quán triệt, lãnh đạo, chỉ đạo", staff_text(spec, "implementation"))
    apparatus = sentences.apparatus_sentence(figures)
    if apparatus:
        outline.heading(1, "Đổi mới, hoàn thiện tổ chức bộ máy và nâng cao hiệu quả hoạt động của hệ thống chính trị")
        outline.text(apparatus)
    outline.heading(1, "Củng cố tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên")
    if facts.members is not None:
        outline.text(sentences.members_sentence(facts.members))
    if facts.movement is not None:
        outline.text(sentences.movement_sentence(facts.movement))
    outline.text(sentences.leadership_sentence(facts.leadership, facts.organizations))
    outline.text(*sentences.grassroots_work_sentences(figures, facts.organizations))
    outline.heading(1, "Xây dựng đội ngũ cán bộ")
    outline.text(*(sentences.composition_sentence(group) for group in facts.compositions))
    outline.text(sentences.planning_sentence(facts.planning))
    if facts.events is not None:
        outline.text(sentences.events_sentence(facts.events))
    outline.text(sentences.cadre_training_sentence(figures))
    if facts.report is not None:
        target_section(outline, spec, facts.report, 2, facts.later_reports)
    inspection = sentences.inspection_sentences(figures, facts.scope_word)
    if inspection:
        outline.heading(1, "Công tác kiểm tra, giám sát, kỷ luật đảng")
        outline.text(*inspection)
    assessment = [(title, staff_text(spec, key)) for key, title in (
        ("strengths", "Ưu điểm"), ("weaknesses", "Hạn chế, khuyết điểm"),
        ("causes", "Nguyên nhân"), ("lessons", "Bài học kinh nghiệm"))]
    if any(paragraphs for _, paragraphs in assessment):  # a heading with nothing under it is left out
        outline.heading(0, "ĐÁNH GIÁ CHUNG")
        for title, paragraphs in assessment:
            outline.staff_section(1, title, paragraphs)
    outline.staff_section(0, "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP", staff_text(spec, "tasks"))
    outline.staff_section(0, "KIẾN NGHỊ, ĐỀ XUẤT", staff_text(spec, "proposals"))
    return outline.paragraphs


def closing(spec: DocumentSpec) -> Paragraph | None:
    subject = " ".join(spec.subject.split())
    if not subject:
        return None
    return plain(f"Trên đây là Báo cáo {sentences.lower_first(subject).rstrip('.')}.", BODY)


def compose(spec: DocumentSpec, facts: DocumentFacts) -> Document:
    body = party_building_body(spec, facts) if spec.kind == PARTY_BUILDING else plan_review_body(spec, facts)
    ending = closing(spec)
    if ending is not None:
        body.append(ending)
    appendix = ()
    if facts.report is not None:
        appendix = tuple(appendix_table(table, facts.report, spec) for table in facts.report.tables)
    return Document(
        header=header(spec),
        title=TITLE,
        subject_lines=tuple(line.strip() for line in spec.subject.splitlines() if line.strip()),
        body=tuple(body),
        recipients_heading=RECIPIENTS_HEADING,
        recipients=recipients(spec),
        signature=Signature(
            authority=spec.signer_authority.strip().upper(),
            title=spec.signer_title.strip().upper(),
            name=spec.signer_name.strip(),
        ),
        appendix=appendix,
        file_stem=file_stem(spec),
        author=spec.organization_name,
    )
