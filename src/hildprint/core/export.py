"""Exporting an event file's records as CSV or Excel sheets that are safe to open.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a name typed into a registration form can be one ("=HYPERLINK(...)"). Every
such cell, and one that hides the sign behind a tab or carriage return, is written with a
leading apostrophe so it stays text (the importers take it off again, so what is
exported is read back unchanged). Authors and their affiliations go in two columns that
pair by position, as the paper importer reads them. Characters no spreadsheet can hold
(control characters) are replaced, with a warning. The event's secret is never exported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.files import atomic_output, neutralise

EXPORT_FORMATS = (".csv", ".xlsx")


class ExportError(HildprintError, ValueError):
    """An export that cannot be made (unknown format); the message says why."""


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""What an .xlsx cell cannot hold (XML 1.0 forbids them); tab and line breaks are kept."""
REPLACEMENT = "\ufffd"


@dataclass
class Exported:
    """What an export wrote: how many records, and warnings about cells it changed."""

    count: int
    warnings: list[str] = field(default_factory=list)


def _cell(value: Any) -> Any:
    """A record field as one cell: lists joined, authors as "name (affiliation)"."""
    if isinstance(value, list):
        return "; ".join(_list_item(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _list_item(item: Any) -> str:
    if isinstance(item, dict):
        name, affiliation = item.get("name", ""), item.get("affiliation", "")
        return f"{name} ({affiliation})" if affiliation else name
    return str(item)


def table(records: Iterable[Any]) -> tuple[list[str], list[list[str]]]:
    """Header and rows for model records, every cell neutralised; authors split into
    ``authors`` and ``affiliations``."""
    rows = _spread_extra([_split_authors(asdict(record)) for record in records])
    header = list(rows[0]) if rows else []
    return header, [[neutralise(_cell(row[column])) for column in header] for row in rows]


def _spread_extra(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attendees' other import columns (``extra``) as columns of their own, after the
    fields, so that importing the export brings them back."""
    extras = [row.pop("extra", None) or {} for row in rows]
    names = list(dict.fromkeys(name for extra in extras for name in extra))
    for row, extra in zip(rows, extras):
        for name in names:
            row[name if name not in row else f"extra: {name}"] = extra.get(name, "")
    return rows


def _split_authors(row: dict[str, Any]) -> dict[str, Any]:
    authors = row.get("authors")
    if not isinstance(authors, list) or "affiliations" in row:
        return row
    names = [str(a.get("name", "")) if isinstance(a, dict) else str(a) for a in authors]
    places = [str(a.get("affiliation", "")) if isinstance(a, dict) else "" for a in authors]
    out: dict[str, Any] = {}
    for key, value in row.items():
        out[key] = _joined(names) if key == "authors" else value
        if key == "authors":
            out["affiliations"] = _joined(places) if any(places) else ""
    return out


def _joined(parts: list[str]) -> str:
    """Parts joined by "; ", or by " | " when a part holds ";" (the importer splits on
    "|" first when there is one)."""
    return (" | " if any(";" in part for part in parts) else "; ").join(parts)


def replace_control_characters(rows: list[list[str]], header: list[str]) -> list[str]:
    """Replace, in place, characters a spreadsheet cannot hold; a warning per column."""
    counts: dict[str, int] = {}
    for row in rows:
        for index, cell in enumerate(row):
            if isinstance(cell, str) and CONTROL_CHARACTERS.search(cell):
                row[index] = CONTROL_CHARACTERS.sub(REPLACEMENT, cell)
                counts[header[index]] = counts.get(header[index], 0) + 1
    return [f"{column}: control characters in {count} cell(s) replaced by {REPLACEMENT} "
            "(a spreadsheet cannot hold them)" for column, count in counts.items()]


def write_table(header: list[str], rows: list[list[str]], out: str | Path) -> list[str]:
    """Write a table as CSV (UTF-8 with BOM, so Excel reads accents) or XLSX, atomically;
    returns warnings about cells changed to fit."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ExportError(f"{out}: cannot export as {suffix or 'a file without extension'}; "
                          f"use {' or '.join(EXPORT_FORMATS)}")
    warnings = replace_control_characters(rows, header)
    with atomic_output(out) as temporary:
        if suffix == ".csv":
            with open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        else:
            _write_xlsx(header, rows, temporary)
    return warnings


def _write_xlsx(header: list[str], rows: list[list[str]], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("export")
    for values in [header, *rows]:
        sheet.append(values)
    # Built in memory, then written in one go: when the disk fills up, openpyxl's own
    # half-closed archive would print tracebacks after our message as it is collected.
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
