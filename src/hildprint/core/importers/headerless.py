"""A paper list without a header row (some workshop sites publish their accepted papers
so): its first row is data, and its columns are told apart by what they hold.

Addresses are authors' e-mails; "Oral"/"Poster"/"Spotlight" is how a paper is presented;
"Poster 1" a session; short codes without spaces an id (the first such column) or a board;
of the longer texts, the one listing names is the authors, the shortest other one the
title and the long one an abstract (not imported).
"""

from __future__ import annotations

import re
from statistics import mean

from hildprint.core.importers.paper_sources import PRESENTATIONS
from hildprint.core.importers.tabular import Row, Table

_SESSION = re.compile(r"^(?:poster|oral|session|spotlight)\s*(?:session\s*)?[\w.-]{0,4}\d[\w.-]{0,3}$", re.IGNORECASE)
_CODE = re.compile(r"^[\w.-]{1,40}$")
MIN_ROWS = 3


def headerless(table: Table) -> Table | None:
    """The table with its header row read as data and its columns named by content, when
    the header looks like data (a long text or an address in it); None otherwise."""
    if not any(len(cell) > 60 or "@" in cell for cell in table.header) or len(table.rows) < MIN_ROWS - 1:
        return None
    first = ["" if re.fullmatch(r"Column \d+", cell) else cell for cell in table.header]  # empty cells, named
    rows = [Row(table.header_row, first)] + table.rows
    width = max(len(row.cells) for row in rows)
    columns = [[row.cells[i].strip() if i < len(row.cells) else "" for row in rows] for i in range(width)]
    names = _names(columns)
    if "title" not in names.values():
        return None
    header = [names.get(index, f"Column {index + 1}") for index in range(width)]
    return Table(table.file, header, rows, encoding=table.encoding, delimiter=table.delimiter,
                 header_row=0, sheet=table.sheet, warnings=table.warnings, damaged=table.damaged)


def _names(columns: list[list[str]]) -> dict[int, str]:
    names: dict[int, str] = {}
    texts: list[int] = []
    for index, cells in enumerate(columns):
        filled = [c for c in cells if c]
        if not filled:
            continue
        name = _kind(filled, set(names.values()))
        if name:
            names[index] = name
        elif mean(len(c) for c in filled) > 15:
            texts.append(index)
    authors = [i for i in texts if _lists_names(columns[i])]
    if authors:
        names[authors[0]] = "authors"
        texts.remove(authors[0])
    if texts:
        names[min(texts, key=lambda i: mean(len(c) for c in columns[i] if c))] = "title"
    return names


def _kind(filled: list[str], taken: set[str]) -> str:
    if sum("@" in c for c in filled) >= 0.6 * len(filled) and "author emails" not in taken:
        return "author emails"
    if all(c.casefold() in PRESENTATIONS for c in filled) and "status" not in taken:
        return "status"
    if all(_SESSION.match(c) for c in filled) and "session" not in taken:
        return "session"
    if all(_CODE.match(c) for c in filled):
        if "id" not in taken and len(set(filled)) == len(filled):
            return "id"
        if "board" not in taken and all(len(c) <= 8 for c in filled):
            return "board"
    return ""


def _lists_names(cells: list[str]) -> bool:
    """Whether most cells are lists of a few capitalised words separated by ; or ,."""
    filled = [c for c in cells if c]
    listed = [c for c in filled if re.search(r"[;,]\s*\S", c) and len(c) < 600
              and sum(w[:1].isupper() for w in c.split()) >= 0.6 * len(c.split())]
    return len(listed) >= 0.6 * len(filled)
