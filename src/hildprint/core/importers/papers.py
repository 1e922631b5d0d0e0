"""Read accepted papers: OpenReview notes, CMT exports, paperlists JSON, MiniConf, any table.

``read_papers`` detects the format from the file's content when asked for ``auto``:
a JSON object with ``notes`` or a list of notes with ``content`` is OpenReview; a list
of objects with ``author``/``aff`` is paperlists; objects with ``UID`` are MiniConf's
``papers.json``. A spreadsheet with ``Paper ID`` and ``Paper Title`` is a CMT export;
one with ``UID``, ``title`` and ``authors`` is MiniConf's ``papers.csv``; any other
table is read through its column names (``--map`` overrides them).
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from hildprint.core.domain.model import Author, Paper
from hildprint.core.importers import limits, openreview
from hildprint.core.importers import paper_sources as sources
from hildprint.core.importers.base import (
    MAX_LENGTHS,
    ImportKind,
    ImportResult,
    UnreadableInput,
    clean_cells,
    looks_like_formula,
    read_input_bytes,
)
from hildprint.core.importers.headerless import headerless
from hildprint.core.importers.limits import check_json_shape, too_large
from hildprint.core.importers.paper_sources import Draft
from hildprint.core.importers.tabular import XLSX_MAGIC, decode_text, read_table

JSON_FORMATS = ("openreview", "paperlists", "miniconf")
TABLE_FORMATS = ("cmt", "miniconf", "csv", "xlsx")
MAX_ID_LENGTH = 200
DETECT_SAMPLE = 20

__all__ = ["read_papers"]


def read_papers(path: Path, fmt: str, mapping: dict[str, str], venue_id: str = "") -> ImportResult:
    """Read the accepted papers in ``path``.

    ``fmt`` is ``auto`` or one of ``openreview``, ``cmt``, ``paperlists``, ``miniconf``,
    ``csv``, ``xlsx``. ``mapping`` maps a column (or JSON key) onto a paper field.
    ``venue_id`` says which OpenReview ``venueid`` means accepted; without it the one
    accepted venue in the file is used.
    """
    path = Path(path)
    data = read_input_bytes(path)
    if data.startswith(XLSX_MAGIC) or not _looks_like_json(data):
        if fmt in ("openreview", "paperlists"):
            raise UnreadableInput(f"{path}: not JSON; {fmt} paper lists are JSON files")
        return _read_table_file(path, fmt, mapping)
    if fmt in ("cmt", "csv", "xlsx"):
        raise UnreadableInput(f"{path}: this is a JSON file, not a {fmt} table; try --format auto")
    return _read_json_file(path, data, fmt, mapping, venue_id)


def _looks_like_json(data: bytes) -> bool:
    head = data[:256]
    encoding = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
    return head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")[:1] in ("[", "{")


# -- JSON ------------------------------------------------------------------------------
_JSON_NAMES = {
    "openreview": "OpenReview notes",
    "paperlists": "paperlists papers",
    "miniconf": "MiniConf papers",
}


def _read_json_file(path: Path, data: bytes, fmt: str, mapping: dict[str, str], venue_id: str) -> ImportResult:
    text, encoding, warnings = decode_text(data, str(path))
    check_json_shape(path, text)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableInput(f"{path}: not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from error
    items, container = _json_items(path, document)
    if len(items) > limits.LIMITS.papers:
        raise too_large(path, f"{len(items):,} items in {container}", limits.LIMITS.papers, "papers")
    detected = fmt if fmt in JSON_FORMATS else _detect_json_format(path, items, container)
    result = ImportResult(ImportKind.PAPERS, str(path), detected, rows_read=len(items))
    result.warnings.extend(warnings)
    result.details["encoding"] = encoding
    result.details["detected"] = f"{container} of {len(items)} {_JSON_NAMES[detected]}"
    if detected == "openreview":
        drafts = openreview.openreview_drafts(items, result, mapping, venue_id)
    elif detected == "paperlists":
        drafts = sources.paperlists_drafts(items, result, mapping)
    else:
        drafts = sources.miniconf_json_drafts(items, result, mapping)
    return _finish(result, drafts)


def _json_items(path: Path, document: Any) -> tuple[list[Any], str]:
    if isinstance(document, list) and document and all(
            isinstance(d, dict) and isinstance(d.get("submissions"), list) for d in document):
        return [note for d in document for note in d["submissions"]], "a crawler's 'notes' lists"
    if isinstance(document, list):
        return document, "a JSON list"
    if isinstance(document, dict):
        for key in ("notes", "papers"):
            if isinstance(document.get(key), list):
                return document[key], f"a JSON object's {key!r} list"
        keys = ", ".join(list(document)[:8]) or "none"
        raise UnreadableInput(f"{path}: a JSON object without a 'notes' or 'papers' list (keys: {keys})")
    raise UnreadableInput(f"{path}: JSON {type(document).__name__}, not a list of papers")


def _detect_json_format(path: Path, items: list[Any], container: str) -> str:
    if "'notes'" in container:
        return "openreview"
    sample = [item for item in items[:DETECT_SAMPLE] if isinstance(item, dict)]
    keys = {key for item in sample for key in item}
    if not sample:
        raise UnreadableInput(f"{path}: {container} with no paper objects in it")
    if "content" in keys:
        return "openreview"
    if "UID" in keys:
        return "miniconf"
    if "author" in keys or "aff" in keys:
        return "paperlists"
    if "title" in keys and "authors" in keys:
        return "miniconf"
    shown = ", ".join(sorted(keys)[:12])
    raise UnreadableInput(
        f"{path}: JSON objects with keys {shown} are not a known paper list "
        "(OpenReview notes, paperlists, MiniConf papers.json)"
    )


# -- tables ----------------------------------------------------------------------------
def _read_table_file(path: Path, fmt: str, mapping: dict[str, str]) -> ImportResult:
    table = read_table(path)
    detected = fmt if fmt in TABLE_FORMATS else sources.detect_table_format(table.header)
    if detected == "csv" and table.encoding == "xlsx":
        detected = "xlsx"
    guessed = None
    if not mapping and detected in ("csv", "xlsx") and "title" not in sources.resolve_keys(
            str(path), table.header, sources.GENERIC_ALIASES, {}):
        guessed = headerless(table)
        table = guessed or table
    result = ImportResult(ImportKind.PAPERS, str(path), detected, rows_read=len(table.rows))
    result.warnings.extend(table.warnings)
    result.details.update(table.details())
    if guessed is not None:
        result.details["header_row"] = "none (the first row is a paper)"
        named = ", ".join(f"{i + 1}→{name}" for i, name in enumerate(guessed.header) if not name.startswith("Column"))
        result.warn(None, f"the file has no header row; its columns were told apart by what they hold "
                          f"(column {named}); if one is wrong, add a header row or name them with "
                          "--map 'Column 2=title'")
    drafts = sources.table_drafts(table, detected, result, mapping)
    return _finish(result, drafts)


# -- from drafts to papers ---------------------------------------------------------------
def _finish(result: ImportResult, drafts: list[Draft]) -> ImportResult:
    _finish_papers(result, drafts)
    if result.records and not any(paper.authors for paper in result.records):
        result.warn(None, "no paper has authors (no authors column or key was found, or it is empty): board "
                          "labels and guidelines will show titles only; name the column with --map 'COLUMN=authors'")
    return result


def _finish_papers(result: ImportResult, drafts: list[Draft]) -> None:
    first_row_of: dict[str, int | None] = {}
    for draft in drafts:
        paper = _paper_from_draft(draft, result)
        if paper is None:
            continue
        if paper.id in first_row_of:
            result.reject(draft.row, f"repeats paper id {paper.id!r} (first at row {first_row_of[paper.id]})")
            continue
        first_row_of[paper.id] = draft.row
        result.records.append(paper)


def _paper_from_draft(draft: Draft, result: ImportResult) -> Paper | None:
    values = {name: value.strip() for name, value in draft.values.items()}
    reason = _id_problem(values.get("id", "")) or clean_cells(values, result, draft.row)
    if not reason and not values.get("title"):
        reason = "no title"
    authors = None if reason else _authors(draft, result)
    if isinstance(authors, str):
        reason = authors
    if reason:
        result.reject(draft.row, reason)
        return None
    return Paper(
        id=values["id"], number=draft.number, title=values["title"], authors=authors or [],
        track=values.get("track", ""), session=values.get("session", ""),
        board=values.get("board", ""), poster_file=values.get("poster_file", ""),
        openreview_forum=values.get("openreview_forum", ""), topic=values.get("topic", ""),
        url=values.get("url", ""), status=values.get("status", ""),
    )


def _id_problem(paper_id: str) -> str | None:
    if not paper_id:
        return "no paper id"
    if len(paper_id) > MAX_ID_LENGTH:
        return f"id is {len(paper_id):,} characters long; at most {MAX_ID_LENGTH} are accepted"
    return None


def _authors(draft: Draft, result: ImportResult) -> list[Author] | str:
    """The draft's authors paired with affiliations by position, or why the row is refused."""
    names, affiliations = draft.authors, draft.affiliations
    if affiliations and len(affiliations) != len(names) and names:
        what = "the rest left empty" if len(affiliations) < len(names) else "the extra ones dropped"
        result.warn(draft.row, f"{len(names)} authors but {len(affiliations)} affiliations; "
                               f"paired by position, {what}")
    authors = []
    for index, name in enumerate(names):
        affiliation = affiliations[index] if index < len(affiliations) else ""
        name = _checked_text(name, "name", f"author {index + 1}", draft.row, result)
        affiliation = _checked_text(affiliation, "affiliation", f"author {index + 1} affiliation",
                                    draft.row, result)
        if len(name) > MAX_LENGTHS["name"]:
            return (f"author {index + 1} name is {len(name):,} characters long; "
                    f"at most {MAX_LENGTHS['name']:,} are accepted")
        if len(affiliation) > MAX_LENGTHS["affiliation"]:  # several departments listed: keep the paper
            result.warn(draft.row, f"author {index + 1} affiliation is {len(affiliation):,} characters long "
                                   f"(at most {MAX_LENGTHS['affiliation']} fit); kept its first words")
            affiliation = affiliation[:MAX_LENGTHS["affiliation"] - 1].rsplit(" ", 1)[0] + "…"
        email = draft.emails[index].strip() if index < len(draft.emails) else ""
        if email and "@" not in email:
            result.warn(draft.row, f"author {index + 1} e-mail {email!r} does not look like an address; left out")
            email = ""
        if len(email) > MAX_LENGTHS["email"]:
            return (f"author {index + 1} e-mail is {len(email):,} characters long; "
                    f"at most {MAX_LENGTHS['email']} are accepted")
        if name:
            contact = index < len(draft.contacts) and draft.contacts[index]
            authors.append(Author(name, affiliation, email, contact))
    if draft.emails and len(draft.emails) != len(names) and names:
        result.warn(draft.row, f"{len(names)} authors but {len(draft.emails)} e-mails; paired by position")
    return authors


def _checked_text(text: str, field: str, label: str, row: int | None, result: ImportResult) -> str:
    text = text.strip()
    if "\x00" in text:
        text = text.replace("\x00", "")
        result.warn(row, f"{label}: removed NUL characters")
    if looks_like_formula(text):
        result.warn(row, f"{label} looks like a spreadsheet formula ({text[:40]!r}); kept as text")
    return text

