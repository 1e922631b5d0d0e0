"""What every importer returns, and the row checks they share.

An importer never drops a row silently: each input row ends up as a record, a rejection
(with file, row number and reason) or a deliberate skip (for example a paper that was not
accepted). ``rows_read == len(records) + len(rejected) + len(skipped)`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from hildprint.core.importers.limits import UnreadableInput, read_bounded

MAX_LENGTHS = {
    "first_name": 200, "last_name": 200, "display_name": 300, "affiliation": 300,
    "email": 254, "country": 100, "role": 100, "title": 1000, "track": 200,
    "session": 200, "topic": 300, "name": 300,
    "latin_name": 300,
}
"""Longest text accepted per field; longer cells are almost always a broken export."""

FORMULA_PREFIXES = ("=", "+", "-", "@")


class ImportKind(StrEnum):
    """What an import brings in; stored and shown as its text ("attendees")."""

    ATTENDEES = "attendees"
    PAPERS = "papers"
    SCHEDULE = "schedule"


class MissingColumns(UnreadableInput):
    """A table whose columns were read, but none was recognised for a field every record
    needs. ``header`` lists the file's columns and ``needed`` says in words which field
    to map (for a form where the user picks the column)."""

    def __init__(self, message: str, header: list[str], needed: str):
        super().__init__(message)
        self.header = list(header)
        self.needed = needed


def read_input_bytes(path: Path) -> bytes:
    """The file's bytes; UnreadableInput naming the file when it cannot be read, is not a
    regular file, is over the size limit (see ``limits``) or is empty."""
    data = read_bounded(path)
    if not data.strip():
        raise UnreadableInput(f"{path}: the file is empty")
    return data


@dataclass
class Problem:
    """A message about one input row. ``row`` is the spreadsheet row (header = 1) or,
    for JSON and XML input, the 1-based position of the record."""

    file: str
    row: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row is not None else self.file
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    """The outcome of reading one file: the records and what became of every other row."""

    kind: str
    file: str
    format: str
    records: list[Any] = field(default_factory=list)
    rooms: list[Any] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    details: dict[str, str] = field(default_factory=dict)
    """What was detected, e.g. ``encoding``, ``delimiter``, ``header_row``, ``sheet``."""
    header: list[str] = field(default_factory=list)
    """For tables: the file's column names."""
    columns: dict[str, str] = field(default_factory=dict)
    """For tables: the file's column each field was read from (field -> column)."""
    event_zone: str = ""
    """For programmes: the time zone an event that had none takes from this file."""

    def use_columns(self, header: list[str], columns: dict[str, str]) -> None:
        """Note the table's columns and which one feeds each field (also as a line in
        ``details``)."""
        self.header, self.columns = list(header), dict(columns)
        self.details["columns"] = ", ".join(f"{c}→{f}" for f, c in columns.items())

    def reject(self, row: int | None, message: str) -> None:
        """Record that ``row`` could not be imported, and why."""
        self.rejected.append(Problem(self.file, row, message))

    def skip(self, row: int | None, message: str) -> None:
        """Record that ``row`` was deliberately left out, and why."""
        self.skipped.append(Problem(self.file, row, message))

    def warn(self, row: int | None, message: str) -> None:
        """Record something worth knowing about a row that was imported."""
        self.warnings.append(Problem(self.file, row, message))

    @property
    def accounted_for(self) -> bool:
        """Whether every row read is a record, a rejection or a skip."""
        return self.rows_read == len(self.records) + len(self.rejected) + len(self.skipped)


def clean_cells(values: dict[str, str], result: ImportResult, row: int) -> str | None:
    """Check the text fields of one row before it becomes a record.

    NUL characters are removed (with a warning); formula-like cells are kept as given
    (with a warning; exports neutralise them); a cell over its length limit rejects the
    row. Returns the rejection reason, or None when the row may be imported. ``values``
    is modified in place.
    """
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            value = value.replace("\x00", "")
            values[name] = value
            result.warn(row, f"{name}: removed NUL characters")
        limit = MAX_LENGTHS.get(name)
        if limit and len(value) > limit:
            return f"{name} is {len(value):,} characters long; at most {limit:,} are accepted"
        if looks_like_formula(value):
            result.warn(row, f"{name} looks like a spreadsheet formula ({value[:40]!r}); kept as text")
    return None


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would treat ``text`` as a formula (``=SUM(...)``, ``@cmd``,
    ``+A1``); a signed number such as ``-3`` or ``+82 2 1234`` is not one."""
    stripped = text.lstrip("\t\r ")
    if len(stripped) < 2 or not stripped.startswith(FORMULA_PREFIXES):
        return False
    if stripped[0] in "+-":
        return not (stripped[1].isdigit() or stripped[1] in " .")
    return True
