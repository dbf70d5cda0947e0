"""Stream the cell values of an .xlsx workbook, row by row.

openpyxl (read_only=True, data_only=True) was measured at about 11 s for a
10,000-official workbook, most of it spent building a rich-text object for
every inline string (the way openpyxl itself writes text) and in parsing
each sheet twice when it has no <dimension> element (openpyxl's write-only
mode writes none). This reader does only what the import needs, with the
standard library's XML parser: about 2 s for the same file.

Values are what openpyxl returns with data_only=True: text, int, float,
bool, datetime for numbers in a date format, the cached result of a formula,
and None for an empty cell; except a formula with no usable cached result,
which comes as a `Formula` (see there). Only openpyxl's small helpers for
date formats and Excel serial dates are reused.
"""
from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Iterator
from xml.etree.ElementTree import ParseError, fromstring, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW, CELL, VALUE, FORMULA, INLINE, TEXT, RUN = (f"{MAIN}{tag}" for tag in ("row", "c", "v", "f", "is", "t", "r"))
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class XlsxError(ValueError):
    """The bytes are not a readable .xlsx workbook."""


@dataclass(frozen=True)
class Formula:
    """A formula cell whose result cannot be imported.

    A formula cell is read as the result Excel stored with it (what the user
    sees in the cell); the formula text itself is never imported. Two results
    cannot be used, and such a cell comes as a Formula, which the reader
    (`workbook_reader`) turns into a problem for the cell:
    - no stored result (`error` empty): files written by programs that do not
      calculate (openpyxl, scripts). Reading it as an empty cell would
      silently clear the field of an existing record;
    - an error result such as "#N/A" (`error`): a failed lookup, not data.

    `text` is the formula without its leading "=" (empty for the followers of
    a shared formula).
    """

    text: str
    error: str = ""


def unpacked_size(data: bytes) -> int:
    """Total uncompressed bytes of every part, as the archive declares them, read from its directory
    only (reading a part never goes past its declared size). Raises XlsxError for a damaged archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise XlsxError(str(error)) from error


class XlsxFile:
    def __init__(self, data: bytes):
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._workbook_path = self._office_document()
            relations = self._relations(self._workbook_path)
            workbook = fromstring(self._zip.read(self._workbook_path))
            self._sheets = self._worksheets(workbook, relations)
            properties = workbook.find(f"{MAIN}workbookPr")
            is_1904 = properties is not None and properties.get("date1904") in ("1", "true")
            self._epoch = CALENDAR_MAC_1904 if is_1904 else CALENDAR_WINDOWS_1900
            self._shared = self._shared_strings(relations)
            self._date_styles = self._styles(relations)
        except (zipfile.BadZipFile, KeyError, ParseError, ValueError, OSError) as error:
            raise XlsxError(str(error)) from error
        self.bytes_read = 0

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def sheet_size(self, name: str) -> int:
        """Uncompressed bytes of a sheet's XML: the measure of reading progress."""
        try:
            return self._zip.getinfo(self._sheets[name]).file_size
        except KeyError:
            return 0

    def rows(self, name: str) -> Iterator[tuple[int, tuple]]:
        """(Excel row number, values from column A) for every row the sheet stores.

        While it runs, `self.bytes_read` is how far into the sheet's XML it has read.
        """
        self.bytes_read = 0
        try:
            with self._zip.open(self._sheets[name]) as source:
                previous = 0
                for _, element in iterparse(source):
                    if element.tag == ROW:
                        previous = int(element.get("r") or previous + 1)
                        self.bytes_read = source.tell()
                        yield previous, self._row_values(element)
                        element.clear()
        except (zipfile.BadZipFile, KeyError, ParseError, ValueError, OSError) as error:
            raise XlsxError(str(error)) from error

    def close(self) -> None:
        self._zip.close()

    # --- package structure -------------------------------------------------

    def _office_document(self) -> str:
        for relation in fromstring(self._zip.read("_rels/.rels")).iter(PACKAGE_RELS):
            if relation.get("Type", "").endswith("/officeDocument"):
                return relation.get("Target").lstrip("/")
        raise XlsxError("no workbook part")

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type suffix, part path) of a part."""
        folder, name = posixpath.split(part)
        try:
            tree = fromstring(self._zip.read(posixpath.join(folder, "_rels", f"{name}.rels")))
        except KeyError:
            return {}
        relations = {}
        for relation in tree.iter(PACKAGE_RELS):
            target = relation.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            relations[relation.get("Id")] = (relation.get("Type", "").rsplit("/", 1)[-1], path)
        return relations

    @staticmethod
    def _worksheets(workbook, relations) -> dict[str, str]:
        sheets = {}
        for sheet in workbook.iter(f"{MAIN}sheet"):
            kind, path = relations.get(sheet.get(RELATIONSHIP_ID), ("", ""))
            if kind == "worksheet":  # chart sheets hold no cells
                sheets[sheet.get("name")] = path
        return sheets

    def _part_of(self, relations, kind: str) -> str | None:
        return next((path for found, path in relations.values() if found == kind), None)

    def _shared_strings(self, relations) -> list[str]:
        path = self._part_of(relations, "sharedStrings")
        if path is None or path not in self._zip.namelist():
            return []
        strings = []
        with self._zip.open(path) as source:
            for _, element in iterparse(source):
                if element.tag == f"{MAIN}si":
                    strings.append(_text_of(element))
                    element.clear()
        return strings

    def _styles(self, relations) -> set[int]:
        """Indexes of the cell formats that show a number as a date."""
        path = self._part_of(relations, "styles")
        if path is None or path not in self._zip.namelist():
            return set()
        styles = fromstring(self._zip.read(path))
        formats = dict(BUILTIN_FORMATS)
        for number_format in styles.iter(f"{MAIN}numFmt"):
            formats[int(number_format.get("numFmtId"))] = number_format.get("formatCode", "")
        cell_formats = styles.find(f"{MAIN}cellXfs")
        if cell_formats is None:
            return set()
        return {
            index
            for index, xf in enumerate(cell_formats.findall(f"{MAIN}xf"))
            if is_date_format(formats.get(int(xf.get("numFmtId", 0)), ""))
        }

    # --- cells -------------------------------------------------------------

    def _row_values(self, row) -> tuple:
        values: list = []
        for cell in row.iter(CELL):
            reference = cell.get("r")
            index = _column_index(reference) if reference else len(values)
            if index > len(values):
                values.extend([None] * (index - len(values)))
            values.append(self._value(cell))
        return tuple(values)

    def _value(self, cell):
        kind = cell.get("t", "n")
        formula = cell.find(FORMULA)
        if formula is not None:
            result = cell.findtext(VALUE)
            if kind == "e":
                return Formula(formula.text or "", result or "#N/A")
            if kind != "str" and not result:  # only a text result can be empty
                return Formula(formula.text or "")
        if kind == "inlineStr":
            inline = cell.find(INLINE)
            return _text_of(inline) if inline is not None else None
        raw = cell.findtext(VALUE)
        if raw is None:
            return None
        if kind == "s":
            return self._shared[int(raw)]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw == "1"
        if kind == "d":
            return dt.datetime.fromisoformat(raw)
        number = float(raw) if any(mark in raw for mark in ".eE") else int(raw)
        if int(cell.get("s", 0)) in self._date_styles:
            return from_excel(number, self._epoch)
        return number


def _text_of(element) -> str:
    """The text of a string item: plain, or the runs of rich text, without phonetic hints."""
    plain = element.find(TEXT)
    if plain is not None:
        return plain.text or ""
    return "".join(run.findtext(TEXT) or "" for run in element.findall(RUN))


def _column_index(reference: str) -> int:
    """0-based column of a cell reference such as "AB12"."""
    letters = reference.rstrip("0123456789")
    return column_index_from_string(letters) - 1
