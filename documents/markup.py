"""The text staff write in the browser: a small, safe subset of Markdown.

- every line is a paragraph (blank lines are ignored);
- a line may start with "- " or "+ " as in party documents; the marker stays
  part of the text;
- **bold**, *italic* and ***bold italic*** inside a line; "\\*" is a literal
  asterisk; an unmatched marker is kept as text;
- [[so_lieu:key]] is the document's manual figure of that key, written the
  Vietnamese way ("1.234,5"; documents/manual_figures.py), when the caller
  gives the figures.

Nothing else has a meaning: there is no raw HTML, so the same text renders
identically, and safely, in DOCX, PDF and the browser.
"""
from __future__ import annotations

import re

from documents.content import BODY, Paragraph, Run
from documents.manual_figures import fill_placeholders

_TOKENS = re.compile(r"(\\\*|\*\*\*|\*\*|\*)")


def parse(text: str | None, role: str = BODY, figures: dict[str, str] | None = None) -> tuple[Paragraph, ...]:
    """The paragraphs of a staff-written text; with `figures` (key -> "1.234,5"), each [[so_lieu:key]] is
    replaced by its figure before the formatting is read (a figure is never formatting)."""
    paragraphs = []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(line.split())
        if line and figures is not None:
            line = fill_placeholders(line, figures)
        if line:
            paragraphs.append(Paragraph(parse_inline(line), role))
    return tuple(paragraphs)


def parse_inline(line: str) -> tuple[Run, ...]:
    """Runs of one line: markers that have a partner toggle bold or italic."""
    tokens = [token for token in _TOKENS.split(line) if token]
    paired = _paired_markers(tokens)
    runs: list[Run] = []
    bold = italic = False
    buffer: list[str] = []

    def flush():
        if buffer:
            runs.append(Run("".join(buffer), bold=bold, italic=italic))
            buffer.clear()

    for index, token in enumerate(tokens):
        if token == "\\*":
            buffer.append("*")
        elif token in ("*", "**", "***") and index in paired:
            flush()
            if token in ("**", "***"):
                bold = not bold
            if token in ("*", "***"):
                italic = not italic
        else:
            buffer.append(token)
    flush()
    return _merge(runs)


def _paired_markers(tokens: list[str]) -> set[int]:
    """Indexes of markers that open or close a span (in pairs of the same marker)."""
    paired: set[int] = set()
    for marker in ("***", "**", "*"):
        positions = [index for index, token in enumerate(tokens) if token == marker]
        if len(positions) % 2:
            positions = positions[:-1]  # the last one has no partner: literal text
        paired.update(positions)
    return paired


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def plain_text(text: str | None, figures: dict[str, str] | None = None) -> list[str]:
    """The paragraphs without their formatting (for user templates that want plain strings)."""
    return [paragraph.text for paragraph in parse(text, figures=figures)]
