"""Read a spreadsheet-like file (CSV, TSV, XLSX) into a header and numbered rows.

Organisers' files come from many tools: Excel saves UTF-16 or Windows-1252 with
semicolons, Google exports UTF-8 with commas, some tools put a title above the header.
This module works all of that out so the importers only see named cells.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings as warnings_module
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from hildprint.core.domain.files import neutralise
from hildprint.core.importers import limits
from hildprint.core.importers.base import Problem, UnreadableInput, read_input_bytes
from hildprint.core.importers.limits import too_large

DELIMITERS = (",", ";", "\t", "|")
SNIFF_LINES = 50
HEADER_MIN_LABELS = 3
"""A row of this many text labels is a header, not a title line (titles have one or two cells)."""
HEADER_SEARCH_ROWS = 10
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Row:
    """One data row: its number as a spreadsheet shows it, and its cells."""

    number: int
    cells: list[str]


@dataclass
class Table:
    """A file's header and data rows, with what was detected about it."""

    file: str
    header: list[str]
    rows: list[Row]
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 1
    sheet: str = ""
    warnings: list[Problem] = field(default_factory=list)
    damaged: dict[int, str] = field(default_factory=dict)
    """Rows that cannot be trusted (row number -> reason), e.g. an unclosed quote that
    swallowed the lines below it; importers reject them."""

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """Each row as ``(row number, {header: cell})``; short rows padded with ''."""
        out = []
        for row in self.rows:
            cells = row.cells + [""] * (len(self.header) - len(row.cells))
            out.append((row.number, dict(zip(self.header, cells))))
        return out

    def details(self) -> dict[str, str]:
        """What was detected, for reports."""
        found = {"header_row": str(self.header_row)}
        if self.encoding:
            found["encoding"] = self.encoding
        if self.delimiter:
            found["delimiter"] = {"\t": "tab"}.get(self.delimiter, self.delimiter)
        if self.sheet:
            found["sheet"] = self.sheet
        return found


def read_table(path: str | Path) -> Table:
    """Read a CSV/TSV or XLSX file, detecting encoding, delimiter and header row."""
    path = Path(path)
    data = read_input_bytes(path)
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(path)
    if data.startswith(XLS_MAGIC):
        raise UnreadableInput(f"{path}: an old Excel (.xls) workbook; save it as .xlsx or CSV")
    limits.check_lines(path, data)
    text, encoding, warnings = decode_text(data, str(path))
    return _table_from_text(str(path), text, encoding, warnings)


# -- text decoding ----------------------------------------------------------------------
def decode_text(data: bytes, file: str = "") -> tuple[str, str, list[Problem]]:
    """Decode bytes of unknown encoding.

    Handles BOMs (UTF-8, UTF-16), UTF-16 without BOM, UTF-8, Windows-1252, and files
    where most lines are UTF-8 but a few are Windows-1252 (pasted from elsewhere): those
    lines are decoded one by one and each gets a warning. Returns (text, encoding name,
    warnings).
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig", []
        except UnicodeDecodeError:
            text, _, warnings = _decode_lines(data[len(codecs.BOM_UTF8):], file)
            return text, "utf-8-sig with some cp1252 lines", warnings
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return _decode_or_fail(data, "utf-16", file), "utf-16", []
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_or_fail(data, utf16, file), utf16, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    return _decode_lines(data, file)


def _decode_or_fail(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableInput(f"{file}: not valid {encoding} text ({error.reason} at byte {error.start})") from error


def _utf16_without_bom(data: bytes) -> str:
    sample = data[:400]
    if len(sample) < 4:
        return ""
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return ""


def _decode_lines(data: bytes, file: str) -> tuple[str, str, list[Problem]]:
    lines = data.split(b"\n")
    utf8_non_ascii = 0
    fallback_lines = []
    decoded = []
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
            if not line.isascii():
                utf8_non_ascii += 1
        except UnicodeDecodeError:
            text = _decode_cp1252(line)
            fallback_lines.append(number)
        decoded.append(text)
    text = "\n".join(decoded)
    if not utf8_non_ascii:
        return text, "cp1252", []
    warnings = [
        Problem(file, number, "this line is not UTF-8 like the rest; read it as Windows-1252")
        for number in fallback_lines
    ]
    return text, "utf-8 with some cp1252 lines", warnings


def _decode_cp1252(line: bytes) -> str:
    # Bytes that cp1252 leaves undefined are read as Latin-1 so no byte is ever lost.
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
        for b in line
    ) if not line.isascii() else line.decode("ascii")


# -- delimited text -------------------------------------------------------------------
def _table_from_text(file: str, text: str, encoding: str, warnings: list[Problem]) -> Table:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line_offset = 0
    forced = None
    first = text.split("\n", 1)[0]
    if first.lower().startswith("sep=") and len(first) == 5:
        forced = first[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first_line_offset = 1
    delimiter = forced or sniff_delimiter(text)
    raw_rows = _parse_rows(file, text, delimiter)
    if not raw_rows:
        raise UnreadableInput(f"{file}: no rows found")
    header_index = find_header_row([cells for _, cells in raw_rows])
    header_line, header = raw_rows[header_index]
    rows = [
        Row(line + first_line_offset, cells)
        for line, cells in raw_rows[header_index + 1:]
        if any(cell.strip() for cell in cells)
    ]
    table = Table(
        file, unique_header(header), rows, encoding=encoding, delimiter=delimiter,
        header_row=header_line + first_line_offset, warnings=warnings,
    )
    if text.count('"') % 2:  # some quote is never closed
        table.damaged = find_runaway_quotes(rows, delimiter, len(header))
    return table


def _parse_rows(file: str, text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Parse CSV text; each row carries its record number, the row a spreadsheet shows
    it on (a cell spanning several lines does not push the rows below further down). A
    table over the row, column, cell or cell-size limits is refused at the first row past
    them."""
    # A broken export can hold one large cell; the row checks reject it with its row
    # rather than the csv module refusing the whole file at its default 128 KiB.
    csv.field_size_limit(limits.LIMITS.cell_chars)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    counter = CellCounter(file)
    try:
        for cells in reader:
            counter.add(len(rows) + 1, len(cells))
            rows.append((len(rows) + 1, unguarded(cells)))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise too_large(f"{file}, row {len(rows) + 1}", "a cell longer than the limit",
                            limits.LIMITS.cell_chars, "characters per cell") from error
        raise UnreadableInput(f"{file}, row {len(rows) + 1} (line {reader.line_num}): {error}") from error
    return rows


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their line breaks, one at a time (a StringIO would hold
    a copy of the whole text at four bytes a character)."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        stop = end if stop < 0 else stop + 1
        yield text[start:stop]
        start = stop


def unguarded(cells: list[str]) -> list[str]:
    """The cells with the formula guard taken off: an apostrophe that an export (ours, or
    a spreadsheet's) put before a formula sign to keep the cell text, as in ``'-3``."""
    return [cell[1:] if cell[:1] == "'" and neutralise(cell[1:]) != cell[1:] else cell for cell in cells]


class CellCounter:
    """Counts a table's rows and cells as they are read, refusing the table (TooLarge,
    naming the file, the row and the limit) at the first row over a limit."""

    def __init__(self, file: str):
        self.file, self.rows, self.cells = file, 0, 0

    def add(self, row: int, width: int) -> None:
        """Count one row of ``width`` cells, numbered ``row`` in the file."""
        bounds = limits.LIMITS
        self.rows += 1
        self.cells += width
        if self.rows > bounds.rows + HEADER_SEARCH_ROWS:  # the header and title lines are no data
            raise too_large(self.file, f"more than {bounds.rows:,} rows", bounds.rows, "rows")
        if width > bounds.columns:
            raise too_large(f"{self.file}, row {row}", f"{width:,} columns", bounds.columns, "columns")
        if self.cells > bounds.cells:
            raise too_large(self.file, f"more than {bounds.cells:,} cells", bounds.cells, "cells")


def find_runaway_quotes(rows: list[Row], delimiter: str, width: int) -> dict[int, str]:
    """In a file with an unclosed quote: the rows whose cell swallowed lines that look
    like rows of their own (as many delimiters as the header has); they would otherwise
    vanish into one cell without a word."""
    damaged = {}
    needed = max(1, width - 1)
    for row in rows:
        for cell in row.cells:
            lines = cell.split("\n")[1:]
            swallowed = sum(1 for line in lines if line.count(delimiter) >= needed)
            if swallowed:
                damaged[row.number] = (
                    f"a quote (\") opened in this row is not closed until {len(lines)} lines "
                    f"further on, so {swallowed} line(s) that look like rows were read as one "
                    "cell; fix the quote and import again"
                )
                break
    return damaged


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first lines into the most cells that line up:
    the most common width of two or more, times the share of lines that have it.

    In a short file read whole, a delimiter under which some quote is still open at the
    end loses to one under which every quote closes: that reading would swallow the rows
    after the quote into one cell.
    """
    lines = text.split("\n", SNIFF_LINES)  # the first lines only, not a list of every line
    whole = len(lines) <= SNIFF_LINES
    sample = "\n".join(lines[:SNIFF_LINES]) + ("\n" + _END_MARK if whole else "")
    best, best_score = ",", (False, -1.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            continue
        closed = not whole or (rows[-1] == [_END_MARK] and bool(rows.pop()))
        widths = Counter(len(r) for r in rows if len(r) > 1)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (closed, count * width / len(rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_END_MARK = "\ue000end of file\ue000"
"""A last line added to a whole file while sniffing: it stays a row of its own unless a
quote is still open at the end and swallows it."""


def find_header_row(rows: list[list[str]]) -> int:
    """Index of the header row: the first row, among the first few, made of text labels
    and either as wide as the data below it or holding at least HEADER_MIN_LABELS labels
    (data rows wider than their header do not make it a title). Titles and blank lines
    above are skipped."""
    widths = Counter(sum(1 for c in r if c.strip()) for r in rows[:SNIFF_LINES])
    typical = max(widths, key=lambda w: (widths[w], w)) if widths else 0
    wide_enough = min(max(1, int(0.8 * typical)), HEADER_MIN_LABELS)
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        filled = [c.strip() for c in cells if c.strip()]
        if len(filled) >= wide_enough and not any(_is_number(c) for c in filled):
            return index
    return 0


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def unique_header(header: list[str]) -> list[str]:
    """Strip header cells and make repeated names unique ('Email', 'Email (2)')."""
    seen: Counter[str] = Counter()
    out = []
    for index, cell in enumerate(header):
        name = cell.strip().lstrip("\ufeff") or f"Column {index + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


# -- XLSX ------------------------------------------------------------------------------
def _read_xlsx(path: Path) -> Table:
    import openpyxl  # imported here: only spreadsheet imports pay for it

    check_xlsx_parts(path)
    with warnings_module.catch_warnings(record=True) as caught:
        warnings_module.simplefilter("always")
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=False)
        except Exception as error:  # openpyxl raises many types for damaged files
            raise UnreadableInput(f"{path}: not a readable XLSX workbook ({error})") from error
        try:
            sheet = book.worksheets[0]
            raw = list(xlsx_rows(str(path), sheet))
        except Exception as error:  # a damaged sheet raises many types too
            if isinstance(error, UnreadableInput):
                raise
            raise UnreadableInput(f"{path}: not a readable XLSX workbook ({error})") from error
        finally:
            book.close()
    warnings = _workbook_warnings(str(path), [str(w.message) for w in caught])
    while raw and not any(c.strip() for c in raw[-1][1]):
        raw.pop()
    if not raw:
        raise UnreadableInput(f"{path}: the first sheet is empty")
    header_index = find_header_row([cells for _, cells in raw])
    header_line, header = raw[header_index]
    header = _trim_trailing_empty(header)
    rows = [Row(n, _trim_trailing_empty(cells)) for n, cells in raw[header_index + 1:]
            if any(c.strip() for c in cells)]
    return Table(str(path), unique_header(header), rows, encoding="xlsx",
                 header_row=header_line, sheet=sheet.title, warnings=warnings)


HARMLESS_WORKBOOK_WARNINGS = ("default style", "extension is not supported", "data validation",
                              "conditional formatting", "header or footer", "print area")
"""What the spreadsheet library warns about that does not touch the cells' values: parts of
a workbook (styles, extensions, validation rules) it leaves out when reading."""


def _workbook_warnings(file: str, messages: list[str]) -> list[Problem]:
    """The library's warnings said in plain words: harmless ones are left out, others
    become one warning each, naming the file."""
    return [Problem(file, None, f"the workbook has something the reader does not understand and "
                                f"skipped ({message.rstrip('.')}); check the imported values")
            for message in dict.fromkeys(messages)
            if not any(part in message.lower() for part in HARMLESS_WORKBOOK_WARNINGS)]


def check_xlsx_parts(path: Path) -> None:
    """Refuse a workbook whose parts would unpack beyond the limits (shared strings or
    styles are read whole; the sheet is streamed, but not without end). The archive's
    sizes are binding: a part is never unpacked beyond the size it declares."""
    import zipfile

    bounds = limits.LIMITS
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableInput(f"{path}: not a readable XLSX workbook ({error})") from error
    if len(parts) > 10_000:
        raise too_large(path, f"{len(parts):,} parts in the workbook", 10_000, "parts")
    for part in parts:
        sheet = part.filename.startswith("xl/worksheets/")
        limit = bounds.xlsx_sheet_bytes if sheet else bounds.xlsx_part_bytes
        if part.file_size > limit:
            raise too_large(path, f"its part {part.filename} unpacks to {part.file_size / limits.MB:,.1f} MB",
                            limit, "bytes")


def xlsx_rows(file: str, sheet: object) -> Iterator[tuple[int, list[str]]]:
    """The rows of a read-only sheet that hold cells, as (row number, cell texts), within
    the limits.

    openpyxl's own row iterator pads every row to the widest one and yields every empty
    row in between, so one cell in column XFD of each row, or in row 1,048,576, makes
    millions of empty cells; its sheet parser yields only the cells the file holds.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent  # type: ignore[attr-defined]
    counter = CellCounter(file)
    bounds = limits.LIMITS
    with sheet._get_source() as source:  # type: ignore[attr-defined]
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=book.data_only,  # type: ignore[attr-defined]
                                 epoch=book.epoch, date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            filled = [cell for cell in cells if cell["value"] is not None]  # not styled blanks
            if not filled:
                continue  # a formatted but empty row (templates style rows down to 1,048,576)
            if number > bounds.rows + HEADER_SEARCH_ROWS:
                raise too_large(file, f"a row numbered {number:,}", bounds.rows, "rows")
            width = max((cell["column"] for cell in filled), default=0)
            counter.add(number, width)
            texts = [""] * width
            for cell in filled:
                texts[cell["column"] - 1] = _cell_text(cell["value"])
            yield number, unguarded(texts)


def _trim_trailing_empty(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes") if value.time() != time() else value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)
