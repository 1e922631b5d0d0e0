"""The paper list formats: how each one names its fields and lists its authors.

Each ``*_drafts`` function turns the items of one file into :class:`Draft` papers (raw
text, authors as names) and records skipped and rejected items on the result;
``papers.py`` checks the drafts and makes the papers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hildprint.core.importers.base import MAX_LENGTHS, ImportResult, MissingColumns, UnreadableInput
from hildprint.core.importers.columns import (
    mapped_columns,
    normalise_name,
    resolve_columns,
)
from hildprint.core.importers.tabular import Table

PAPER_FIELDS = (
    "id", "number", "title", "authors", "affiliations", "emails", "contact_email", "track", "session",
    "board", "poster_file", "openreview_forum", "url", "topic", "status",
)
"""What a column or key can be mapped onto (``status`` decides acceptance and says how a
paper is presented; ``emails`` lists the authors' e-mails in author order;
``contact_email`` marks the contact author)."""

TEXT_FIELDS = ("id", "title", "track", "session", "board", "poster_file", "openreview_forum", "url", "topic")
PRESENTATIONS = ("oral", "spotlight", "poster")
"""How a paper is presented, as paper lists say it (the first word found wins)."""

GENERIC_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "paper id", "uid", "submission id", "paperid"),
    "number": ("number", "paper number", "submission number", "no", "no.", "#"),
    "title": ("title", "paper title", "submission title"),
    "authors": ("authors", "author names", "author", "author list"),
    "affiliations": ("affiliations", "author affiliations", "aff"),
    "track": ("track", "track name"),
    "session": ("session", "sessions", "poster session"),
    "board": ("board", "poster board", "board number", "board no"),
    "poster_file": ("poster file", "poster pdf", "poster"),
    "openreview_forum": ("openreview forum", "openreview", "openreview url", "forum", "or"),
    "url": ("url", "link", "paper url", "paper link", "page", "site", "web page", "paper page"),
    "emails": ("author emails", "emails", "author email", "author e-mails", "e-mails", "email", "e-mail"),
    "contact_email": ("primary contact author email", "contact email", "contact author email"),
    "topic": ("topic", "primary subject area", "primary area", "subject area", "keywords"),
    "status": ("status", "decision", "presentation type", "presentation", "type", "format"),
}
"""Column names (compared without case, spaces or underscores) read as each field."""

CMT_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("paper id", "paperid", "cmtid"),
    "title": ("paper title", "papertitle", "title"),
    "authors": ("authors", "authors (with affiliations)", "author names", "authornames"),
    "emails": ("author emails", "authoremails"),
    "contact_email": ("primary contact author email",),
    "track": ("track name", "track"),
    "topic": ("primary subject area", "primary area"),
    "status": ("status", "decision"),
}

CMT_AUTHOR_COLUMNS = ("authors", "authors (with affiliations)")
"""CMT's author columns written ``Name (Affiliation)*; ...``."""

PAPERLISTS_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",), "title": ("title",), "authors": ("author", "authors"),
    "affiliations": ("aff",), "track": ("track",), "session": ("session",),
    "openreview_forum": ("or",), "url": ("site", "oa", "url"), "topic": ("primary_area", "topic", "keywords"),
    "status": ("status",), "emails": ("authorids",),
}

MINICONF_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("UID", "id"), "title": ("title",), "authors": ("authors",),
    "topic": ("keywords", "topic"), "session": ("sessions", "session"), "track": ("track",),
}

NOT_ACCEPTED_WORDS = (
    "reject", "withdr", "desk", "awaiting", "pending", "under review", "active", "submitted",
)


@dataclass
class Draft:
    """One paper as read, before its text is checked."""

    row: int | None
    number: int | None
    values: dict[str, str]
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    """The authors' e-mails in author order ("" where one is not known)."""
    contacts: list[bool] = field(default_factory=list)
    """Which authors are contact authors, in author order."""


class NotText(ValueError):
    """A JSON value that should be text is an object or something else odd."""


# -- shared helpers ------------------------------------------------------------------
def resolve_keys(
    file: str, available: Iterable[str], aliases: dict[str, tuple[str, ...]], mapping: dict[str, str],
) -> dict[str, str]:
    """Which column (or key) feeds each paper field: the user's mapping first, then aliases."""
    return resolve_columns(file, available, aliases, mapping, PAPER_FIELDS, "a paper")


def mapped_keys(file: str, available: list[str], mapping: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """The paper fields the user mapped, with the keys they name; and every key the mapping uses."""
    return mapped_columns(file, available, mapping, PAPER_FIELDS, "a paper")


def item_keys(item: dict[str, Any], aliases: dict[str, tuple[str, ...]], mapped: tuple[dict[str, str], set[str]]
              ) -> dict[str, str]:
    """For one JSON object: the mapped keys, then for each other field the first alias
    that has a value in this object (one paper may have ``primary_area``, the next only
    ``keywords``)."""
    chosen, used = dict(mapped[0]), mapped[1]
    for target, names in aliases.items():
        if target not in chosen:
            key = next((n for n in names if n not in used and item.get(n) not in (None, "", [])), None)
            if key is not None:
                chosen[target] = key
    return chosen


def split_list(text: str, separators: str) -> list[str]:
    """Split ``text`` on the first of ``separators`` found in it; parts stripped and
    empty parts dropped."""
    for separator in separators:
        if separator in text:
            return [part.strip() for part in text.split(separator) if part.strip()]
    return [text.strip()] if text.strip() else []


def split_positions(text: str, separator: str) -> list[str]:
    """Split ``text`` keeping empty parts, so that parts pair with other lists by position."""
    return [part.strip() for part in text.split(separator)] if text.strip() else []


def strip_author_marks(name: str) -> str:
    """Drop what exports put after a name: ``*`` marks a contact or equal contribution."""
    return re.sub(r"[\s*]+$", "", name).strip()


def to_number(text: str) -> int | None:
    """The source's paper number when it is a plain whole number."""
    text = text.strip()
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


def join_topic(parts: list[str], result: ImportResult, row: int | None) -> str:
    """Keywords joined into one topic, keeping whole keywords within the length limit."""
    limit = MAX_LENGTHS["topic"]
    kept: list[str] = []
    for part in parts:
        if len(", ".join(kept + [part])) > limit:
            result.warn(row, f"keywords longer than {limit} characters; kept the first {len(kept)} "
                             f"of {len(parts)} as the topic")
            break
        kept.append(part)
    return ", ".join(kept)


def as_text(value: Any, name: str) -> str:
    """A JSON value as text: strings as given, numbers written out, lists joined."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    raise NotText(f"{name} is not text (a JSON {type(value).__name__})")


def as_list(value: Any, name: str, separators: str) -> list[str]:
    """A JSON value that lists things: a list as it is, a string split on ``separators``."""
    if isinstance(value, list):
        return [as_text(v, name).strip() for v in value if as_text(v, name).strip()]
    return split_list(as_text(value, name), separators)


def acceptance_problem(status: str, decision_required: bool) -> str | None:
    """Why a paper with this status is left out, or None when it is accepted."""
    lowered = status.strip().lower()
    if not lowered:
        return "no decision in the status column" if decision_required else None
    if decision_required:
        accepted = lowered.startswith("accept")
    else:
        accepted = not any(word in lowered for word in NOT_ACCEPTED_WORDS)
    return None if accepted else f"status {status.strip()!r} is not an acceptance"


def _missing_title(file: str, available: Iterable[str]) -> UnreadableInput:
    shown = ", ".join(list(available)[:20])
    return MissingColumns(f"{file}: no title column or key (found: {shown}); "
                          "name it with --map 'COLUMN=title'", list(available), "the title column")


def presentation(text: str) -> str:
    """How a paper is presented, from a status such as "Accept (Oral)" or "Spotlight":
    "oral", "spotlight", "poster", or "" when the text names none."""
    words = set(re.findall(r"[a-z]+", text.casefold()))
    return next((word for word in PRESENTATIONS if word in words or word + "s" in words), "")


def split_emails(text: str) -> tuple[list[str], list[bool]]:
    """Authors' e-mails as exports list them (``a@x.org*; b@y.org``), and which are marked
    ``*`` as the contact author's."""
    emails, marked = [], []
    for part in re.split(r"[;,\s]+(?=[^;,\s])", text.strip()) if text.strip() else []:
        part = part.strip(" ;,")
        marked.append(part.endswith("*"))
        emails.append(part.rstrip("*").strip())
    return emails, marked


def contact_flags(emails: list[str], marked: list[bool], contact_email: str, names_marked: list[bool]) -> list[bool]:
    """Which authors are the contact: the one whose e-mail is the contact e-mail, else
    those marked ``*`` among the e-mails or the names."""
    wanted = contact_email.strip().casefold()
    if wanted and any(e.casefold() == wanted for e in emails):
        return [e.casefold() == wanted for e in emails]
    return marked if any(marked) else names_marked


def title_id(title: str) -> str:
    """An id for a paper whose source gives none: stable while its title stays the same."""
    digest = hashlib.sha1(" ".join(title.casefold().split()).encode("utf-8")).hexdigest()
    return f"title-{digest[:12]}"


# -- tables: CMT, MiniConf CSV, any CSV/XLSX --------------------------------------------
def detect_table_format(header: list[str]) -> str:
    """``cmt``, ``miniconf`` or ``csv`` from a table's column names."""
    names = {normalise_name(h) for h in header}
    titled = names & {"paper title", "papertitle"}
    cmt_authors = names & {"author names", "authornames", "authors (with affiliations)", "author emails"}
    if titled and ("paper id" in names or cmt_authors):
        return "cmt"
    if {"uid", "title", "authors"} <= names:
        return "miniconf"
    return "csv"


def table_drafts(table: Table, fmt: str, result: ImportResult, mapping: dict[str, str]) -> list[Draft]:
    """Drafts from the rows of a CMT export, a MiniConf CSV or any paper table."""
    aliases = CMT_ALIASES if fmt == "cmt" else GENERIC_ALIASES
    columns = resolve_keys(table.file, table.header, aliases, mapping)
    if "title" not in columns:
        raise _missing_title(table.file, table.header)
    result.use_columns(table.header, columns)
    if "id" not in columns and "number" not in columns:
        result.details["ids"] = "made from the titles (no id or number column)"
    cmt_authors = fmt == "cmt" and normalise_name(columns.get("authors", "")) in CMT_AUTHOR_COLUMNS
    drafts = []
    for position, (row, cells) in enumerate(table.records(), start=1):
        if row in table.damaged:
            result.reject(row, table.damaged[row])
            continue
        draft = _table_draft(columns, cells, row, position, cmt_authors, result)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _table_draft(
    columns: dict[str, str], cells: dict[str, str], row: int, position: int, cmt_authors: bool,
    result: ImportResult,
) -> Draft | None:
    def cell(name: str) -> str:
        return cells.get(columns[name], "") if name in columns else ""

    if "status" in columns:
        problem = acceptance_problem(cell("status"), decision_required=result.format == "cmt")
        if problem:
            result.skip(row, problem)
            return None
    values = {name: cell(name) for name in TEXT_FIELDS}
    if "id" not in columns:
        values["id"] = cell("number").strip() or title_id(values["title"])
    if normalise_name(columns.get("topic", "")) == "keywords":
        values["topic"] = join_topic(split_list(values["topic"], "|;"), result, row)
    if result.format == "miniconf":
        values["session"] = "; ".join(split_list(values["session"], "|"))
    values["status"] = presentation(cell("status"))
    number = to_number(cell("number")) or to_number(values["id"]) or position
    if cmt_authors:
        names, affiliations, names_marked = parse_cmt_authors(cell("authors"))
    else:
        names_marked = []  # outside CMT a "*" often means equal contribution, not contact
        names = [strip_author_marks(n) for n in split_list(cell("authors"), "|;")]
        affiliations = split_positions(cell("affiliations"), "|" if "|" in cell("affiliations") else ";")
    emails, marked = split_emails(cell("emails"))
    contacts = contact_flags(emails, marked, cell("contact_email"), names_marked)
    if cell("contact_email").strip() and not emails and len(names) == 1:
        emails, contacts = [cell("contact_email").strip()], [True]
    return Draft(row, number, values, names, affiliations, emails, contacts)


def parse_cmt_authors(text: str) -> tuple[list[str], list[str], list[bool]]:
    """Split CMT's ``Jane Doe (MIT)*; John Roe (Seoul National University)`` into names,
    affiliations and whether each is marked ``*`` as the contact author."""
    names, affiliations, marked = [], [], []
    for part in split_list(text, ";"):
        marked.append(part.rstrip().endswith("*"))
        part = strip_author_marks(part)
        name, affiliation = _split_trailing_parenthesis(part)
        names.append(name)
        affiliations.append(affiliation)
    return names, affiliations, marked


def _split_trailing_parenthesis(text: str) -> tuple[str, str]:
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return text[:index].strip(), text[index + 1:-1].strip()
    return text, ""


# -- JSON: paperlists, MiniConf papers.json, OpenReview notes ---------------------------
def _object_keys(items: list[Any]) -> list[str]:
    keys: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            keys.update(dict.fromkeys(item))
    return list(keys)


def paperlists_drafts(items: list[Any], result: ImportResult, mapping: dict[str, str]) -> list[Draft]:
    """Drafts from a paperlists (papercopilot) JSON list."""
    mapped = json_mapping(result.file, items, PAPERLISTS_ALIASES, mapping)
    return json_drafts(items, result, lambda item, pos: _paperlists_draft(
        item, pos, item_keys(item, PAPERLISTS_ALIASES, mapped), result))


def _paperlists_draft(item: dict[str, Any], position: int, keys: dict[str, str], result: ImportResult) -> Draft | None:
    problem = acceptance_problem(as_text(item.get(keys.get("status", "")), "status"), False)
    if problem:
        result.skip(position, problem)
        return None
    values = {name: as_text(item.get(keys[name]), name) if name in keys else "" for name in TEXT_FIELDS}
    if normalise_name(keys.get("topic", "")) == "keywords":
        values["topic"] = join_topic(as_list(item.get(keys["topic"]), "keywords", ";,"), result, position)
    values["status"] = presentation(as_text(item.get(keys.get("status", "")), "status"))
    if values["openreview_forum"] == values["url"] and "openreview.net" not in values["url"]:
        values["openreview_forum"] = ""
    names = [strip_author_marks(n) for n in as_list(item.get(keys.get("authors", "")), "authors", ";,")]
    aff_value = item.get(keys.get("affiliations", ""))
    affiliations = ([as_text(a, "aff").strip() for a in aff_value] if isinstance(aff_value, list)
                    else split_positions(as_text(aff_value, "aff"), ";"))
    emails = email_ids(as_list(item.get(keys.get("emails", "")), "authorids", ";,"))
    return Draft(position, to_number(values["id"]) or position, values, names, affiliations, emails)


def email_ids(ids: list[str]) -> list[str]:
    """Author ids that are e-mail addresses (OpenReview's older ids), in author order;
    profile ids (``~Jane_Doe1``) give ""."""
    return [i.strip() if "@" in i and not i.startswith("~") else "" for i in ids] if any("@" in i for i in ids) else []


def miniconf_json_drafts(items: list[Any], result: ImportResult, mapping: dict[str, str]) -> list[Draft]:
    """Drafts from MiniConf's ``papers.json``."""
    mapped = json_mapping(result.file, items, MINICONF_ALIASES, mapping)
    return json_drafts(items, result, lambda item, pos: _miniconf_draft(
        item, pos, item_keys(item, MINICONF_ALIASES, mapped), result))


def json_mapping(file: str, items: list[Any], aliases: dict[str, tuple[str, ...]], mapping: dict[str, str]
                  ) -> tuple[dict[str, str], set[str]]:
    """Check the user's mapping against the keys the objects have; make sure some title key exists."""
    keys = _object_keys(items)
    if "title" not in resolve_keys(file, keys, aliases, mapping):
        raise _missing_title(file, keys)
    return mapped_keys(file, keys, mapping)


def _miniconf_draft(item: dict[str, Any], position: int, keys: dict[str, str], result: ImportResult) -> Draft:
    values = {name: as_text(item.get(keys[name]), name) if name in keys else "" for name in TEXT_FIELDS}
    if "topic" in keys:
        values["topic"] = join_topic(as_list(item.get(keys["topic"]), "keywords", "|;"), result, position)
    if "session" in keys:
        values["session"] = "; ".join(as_list(item.get(keys["session"]), "sessions", "|"))
    names = as_list(item.get(keys.get("authors", "")), "authors", "|;")
    if len(names) == 1 and "," in names[0]:
        names = split_list(names[0], ",")  # some sites put all authors in one string
    names = [strip_author_marks(n) for n in names]
    return Draft(position, to_number(values["id"]) or position, values, names)


def json_drafts(items: list[Any], result: ImportResult, make: Any) -> list[Draft]:
    """Drafts from JSON items through ``make(item, position)``; items that are not
    objects, or hold odd values, are rejected with the reason."""
    drafts = []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            result.reject(position, f"not a paper object (a JSON {type(item).__name__})")
            continue
        try:
            draft = make(item, position)
        except NotText as error:
            result.reject(position, str(error))
            continue
        if draft is not None:
            drafts.append(draft)
    return drafts
