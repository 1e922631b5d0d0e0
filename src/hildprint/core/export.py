"""Exporting an event file's records as CSV or Excel sheets that are safe to open.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a name typed into a registration form can be one ("=HYPERLINK(...)"). Every
such cell, and one that hides the sign behind a tab or carriage return, is written with a
leading apostrophe so it stays text. The event's secret is never exported.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.files import atomic_output, neutralise

EXPORT_FORMATS = (".csv", ".xlsx")


class ExportError(HildprintError, ValueError):
    """An export that cannot be made (unknown format); the message says why."""


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
    """Header and rows for model records, every cell neutralised."""
    rows = [asdict(record) for record in records]
    header = list(rows[0]) if rows else []
    return header, [[neutralise(_cell(row[column])) for column in header] for row in rows]


def write_table(header: list[str], rows: list[list[str]], out: str | Path) -> Path:
    """Write a table as CSV (UTF-8 with BOM, so Excel reads accents) or XLSX, atomically."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ExportError(f"{out}: cannot export as {suffix or 'a file without extension'}; "
                          f"use {' or '.join(EXPORT_FORMATS)}")
    with atomic_output(out) as temporary:
        if suffix == ".csv":
            with open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        else:
            _write_xlsx(header, rows, temporary)
    return out


def _write_xlsx(header: list[str], rows: list[list[str]], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("export")
    for values in [header, *rows]:
        sheet.append(values)
    workbook.save(path)
