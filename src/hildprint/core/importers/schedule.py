"""Read a programme: frab ``schedule.xml``, iCalendar ``.ics``, or a simple table.

``read_schedule`` detects the format from the content when asked for ``auto``: text
starting with ``BEGIN:VCALENDAR`` is iCalendar, XML is frab (other XML dialects are
refused with a message saying so), anything else is read as a CSV/TSV/XLSX table with
the columns day, start, end, room, title, speakers, kind (and optionally id, cancelled,
local_title, room_local).
"""

from __future__ import annotations

import re
from datetime import tzinfo
from pathlib import Path

from hildprint.core.importers import frab, ical, schedule_json, webpage
from hildprint.core.importers.base import (
    ImportKind,
    ImportResult,
    UnreadableInput,
    read_input_bytes,
)
from hildprint.core.importers.limits import check_lines
from hildprint.core.importers.programme import SessionDraft, finish_sessions, zone
from hildprint.core.importers.programme_table import FIELDS, table_drafts
from hildprint.core.importers.tabular import XLSX_MAGIC, decode_text
from hildprint.core.importers.zones import ZoneEvidence, fit_zone, output_zone, warn_far_from_event

__all__ = ["FIELDS", "read_schedule"]

def read_schedule(path: Path, fmt: str, mapping: dict[str, str], timezone: str = "",
                  event_dates: tuple[str, str] = ("", "")) -> ImportResult:
    """Read the programme in ``path``.

    ``fmt`` is ``auto``, ``frab``, ``json``, ``ical``, ``page``, ``csv`` or ``xlsx``.
    ``mapping`` maps a table column onto a field (see :data:`FIELDS`). ``timezone`` is the
    event's zone ("" when it has none: it then takes the first zone the file states, see
    :mod:`zones`); times without a zone are read in it. ``event_dates`` (first and last
    day, ``YYYY-MM-DD``) place weekday names and days written without a year, and
    sessions far from them are a warning.
    """
    path = Path(path)
    read_zone = zone(timezone, str(path)) if timezone else zone("UTC", str(path))
    data = read_input_bytes(path)
    detected = _detect(data, path)
    if fmt in ("auto", detected) or (fmt in ("csv", "xlsx") and detected in ("csv", "xlsx")):
        fmt = detected
    else:
        raise UnreadableInput(f"{path}: this looks like a {_NAMES[detected]}, not a {fmt} file; "
                              "try --format auto")
    result = ImportResult(ImportKind.SCHEDULE, str(path), fmt)
    evidence = ZoneEvidence()
    drafts = _drafts(path, data, fmt, result, mapping, read_zone, evidence, event_dates)
    result.details.setdefault("detected", _NAMES[fmt])
    starts = [draft.start for draft in drafts]
    result.event_zone = fit_zone(result, evidence, timezone, starts)
    out_zone = output_zone(timezone, result.event_zone)
    result.details["times in"] = out_zone.key
    warn_far_from_event(result, starts, *event_dates)
    return finish_sessions(result, drafts, out_zone)


def _drafts(path: Path, data: bytes, fmt: str, result: ImportResult, mapping: dict[str, str],
            read_zone: tzinfo, evidence: ZoneEvidence, event_dates: tuple[str, str]) -> list[SessionDraft]:
    if fmt == "frab":
        root = frab.parse_xml(str(path), data, result)
        return frab.read_frab_drafts(str(path), root, result, read_zone, evidence)
    if fmt == "json":
        return schedule_json.read_json_drafts(str(path), data, result, read_zone, evidence)
    if fmt in ("ical", "page"):
        check_lines(path, data)
        text, encoding, warnings = decode_text(data, str(path))
        result.details["encoding"] = encoding
        result.warnings.extend(warnings)
        if fmt == "page":
            return webpage.read_page_drafts(str(path), text, result, read_zone, evidence, event_dates[0])
        return ical.read_ical_drafts(str(path), text, result, read_zone, evidence)
    return table_drafts(path, result, mapping, read_zone, evidence, event_dates)


_NAMES = {"frab": "frab schedule.xml", "json": "schedule.json (frab, pretalx, c3voc)",
          "ical": "iCalendar file", "page": "programme copied from a web page", "csv": "table",
          "xlsx": "XLSX workbook"}
_TIME_RANGE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?[-–—]+\s*\d{1,2}[:.]\d{2}", re.IGNORECASE)
PAGE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")


def _detect(data: bytes, path: Path) -> str:
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    # The whole file, not its first bytes: a cut could split a character and fail.
    text = decode_text(data, str(path))[0]
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head[:15].upper() == "BEGIN:VCALENDAR":
        return "ical"
    if webpage.looks_like_html(head) and path.suffix.lower() != ".xml":
        return "page"
    if head.startswith("<"):
        return "frab"
    if head[:1] in ("[", "{"):
        return "json"
    if path.suffix.lower() in PAGE_SUFFIXES and len(_TIME_RANGE.findall(text[:200_000])) >= 2:
        return "page"
    return "csv"
