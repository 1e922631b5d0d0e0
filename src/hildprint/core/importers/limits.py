"""How much any one input file may hold, in one place.

Every importer reads within these limits, so that no file (a broken export or a hostile
one) can use more than a few hundred megabytes or half a minute: a file over a limit is
refused as a whole with a message naming the file, what it holds and the limit. The
figures are far above any workshop's or conference's real exports (a 200,000-person
registration export fits); the hostile-input benchmark measures the cost of each refusal.

Tests lower the limits by replacing :data:`LIMITS` (importers read it at each call).
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.errors import HildprintError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The largest input hildprint reads; each field is one kind of size."""

    file_bytes: int = 48 * MB
    """The whole file as stored (CSV, JSON, XML, iCalendar, the .xlsx archive)."""
    lines: int = 1_000_000
    """Physical lines of a text file."""
    line_bytes: int = 1 * MB
    """One physical line of a text file."""
    rows: int = 200_000
    """Rows of a table (or records of a JSON or XML list)."""
    papers: int = 100_000
    """Papers in one JSON list (the largest conferences get under 50,000 submissions)."""
    columns: int = 1_000
    """Columns of a table."""
    cells: int = 4_000_000
    """Filled cells of a table, all rows together."""
    cell_chars: int = 1_000_000
    """One cell (a quoted CSV field may span lines)."""
    xlsx_part_bytes: int = 32 * MB
    """Each part of an .xlsx archive once unpacked (shared strings, styles), except sheets."""
    xlsx_sheet_bytes: int = 400 * MB
    """The unpacked first sheet (read as a stream, never whole)."""
    nesting: int = 64
    """How deep JSON arrays and objects, XML elements or iCalendar components may nest."""
    components: int = 500_000
    """JSON arrays and objects, XML elements or iCalendar components in one file."""
    values: int = 2_000_000
    """JSON values (strings, numbers, arrays, objects) in one file."""


class UnreadableInput(HildprintError):
    """A whole input file cannot be read (missing, empty, wrong format, too large); the
    message says why."""


LIMITS = Limits()
"""The limits in force; tests replace this object to try them at a small scale."""


class TooLarge(UnreadableInput):
    """A file over one of the input limits; the message names the file and the limit."""


def too_large(file: str | Path, what: str, limit: int, unit: str = "") -> TooLarge:
    """The refusal of ``file`` because ``what`` is over ``limit``."""
    amount = f"{limit / MB:g} MB" if unit == "bytes" and limit >= MB else f"{limit:,}{' ' + unit if unit else ''}"
    return TooLarge(f"{file}: {what}; at most {amount} can be read (refused so that a broken or "
                    "hostile file cannot exhaust memory)")


def check_regular_file(path: Path) -> os.stat_result:
    """The file's status; UnreadableInput when it is missing or not a regular file (a
    FIFO or device would block or never end)."""
    try:
        status = path.stat()
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read ({error.strerror or error})") from error
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableInput(f"{path}: not a regular file (a folder, pipe or device); give a file")
    return status


def read_bounded(path: Path) -> bytes:
    """The bytes of a regular file no larger than the file limit; TooLarge otherwise."""
    status = check_regular_file(path)
    limit = LIMITS.file_bytes
    if status.st_size > limit:
        raise too_large(path, f"the file is {status.st_size / MB:,.1f} MB", limit, "bytes")
    try:
        with open(path, "rb") as stream:
            data = stream.read(status.st_size + 1)  # read() sets aside all it is asked for
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read ({error.strerror or error})") from error
    if len(data) > status.st_size:
        raise UnreadableInput(f"{path}: the file grew while it was read; try again once it is written")
    return data


def check_lines(file: str | Path, data: bytes) -> None:
    """Refuse text with too many lines or a line too long, before it is decoded."""
    count = data.count(b"\n")
    if count > LIMITS.lines:
        raise too_large(file, f"{count:,} lines", LIMITS.lines, "lines")
    longest, start = 0, 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        longest = max(longest, end - start)
        start = end + 1
    if longest > LIMITS.line_bytes:
        raise too_large(file, f"a line of {longest:,} bytes", LIMITS.line_bytes, "bytes per line")


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]+|[\]}]+', re.DOTALL)
"""A JSON string (whose brackets are text), or a run of opening or of closing brackets."""


def check_json_shape(file: str | Path, text: str) -> None:
    """Refuse JSON nested deeper than the nesting limit, or with more arrays and objects
    or values than their limits, before it is parsed (the parser recurses once per
    level, and holds every value at once). One pass that keeps nothing it has seen."""
    if text.count('"') // 2 > LIMITS.values:
        raise too_large(file, f"about {text.count(chr(34)) // 2:,} JSON strings", LIMITS.values, "values")
    depth = opened = commas_in_strings = 0
    for token in _JSON_TOKEN.finditer(text):
        first = token[0][0]
        if first == '"':
            commas_in_strings += token[0].count(",")
            continue
        size = len(token[0])
        depth += size if first in "[{" else -size
        if first in "[{":
            opened += size
        if depth > LIMITS.nesting:
            raise too_large(file, f"JSON nested more than {LIMITS.nesting} levels deep", LIMITS.nesting, "levels")
        if opened > LIMITS.components:
            raise too_large(file, f"more than {LIMITS.components:,} JSON arrays and objects",
                            LIMITS.components, "arrays and objects")
    values = text.count(",") - commas_in_strings + opened + 1  # an upper bound, close enough
    if values > LIMITS.values:
        raise too_large(file, f"about {values:,} JSON values", LIMITS.values, "values")


def parse_xml_bounded(file: str | Path, text: str) -> ET.Element:
    """The root element of XML text, refusing (TooLarge) past the nesting or element
    limits as it is read; ET.ParseError when it is not well-formed."""
    parser = ET.XMLPullParser(events=("start", "end"))
    depth = elements = 0
    root = None
    for start in range(0, len(text), _XML_CHUNK):
        parser.feed(text[start:start + _XML_CHUNK])
        for event, element in parser.read_events():
            if event == "end":
                depth -= 1
                continue
            root = element if root is None else root
            depth, elements = depth + 1, elements + 1
            if depth > LIMITS.nesting:
                raise too_large(file, f"XML elements nested more than {LIMITS.nesting} deep", LIMITS.nesting, "levels")
            if elements > LIMITS.components:
                raise too_large(file, f"more than {LIMITS.components:,} XML elements", LIMITS.components, "elements")
    parser.close()
    if root is None:
        raise ET.ParseError("no element found")
    return root


_XML_CHUNK = 1 << 16
