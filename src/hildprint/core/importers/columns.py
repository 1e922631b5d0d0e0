"""Which column of a file feeds which field: the user's ``--map`` first, then known names.

Shared by every table importer so that ``--map`` behaves the same everywhere: a mapped
column that the file lacks, or a field that does not exist, is an error that lists what
is available; ``FIELD=ignore`` keeps a column out of automatic matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hildprint.core.importers.base import UnreadableInput

IGNORE = "ignore"


def normalise_name(name: str) -> str:
    """A column or key name compared without case, underscores, hyphens or extra spaces."""
    return re.sub(r"[\s_\-]+", " ", name.casefold()).strip().rstrip(":?*").strip()


def mapped_columns(
    file: str, available: list[str], mapping: dict[str, str], fields: Iterable[str], noun: str,
) -> tuple[dict[str, str], set[str]]:
    """The fields the user mapped with the columns they name, and every column the mapping
    uses (ignored ones included). Raises UnreadableInput naming the problem."""
    fields = tuple(fields)
    by_norm = {normalise_name(column): column for column in reversed(available)}
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for column, target in mapping.items():
        if target not in fields and target != IGNORE:
            raise UnreadableInput(
                f"{file}: --map {column}={target}: {target!r} is not {noun} field; "
                f"choose one of {', '.join(fields)} (or {IGNORE})"
            )
        key = by_norm.get(normalise_name(column))
        if key is None:
            raise UnreadableInput(
                f"{file}: --map {column}={target}: no column {column!r} "
                f"(found: {', '.join(available[:20])})"
            )
        used.add(key)
        if target != IGNORE:
            chosen[target] = key
    return chosen, used


def resolve_columns(
    file: str,
    available: Iterable[str],
    aliases: dict[str, tuple[str, ...]],
    mapping: dict[str, str],
    fields: Iterable[str],
    noun: str,
) -> dict[str, str]:
    """Map each field to a column: the user's mapping first, then the first alias that
    names an unused column (compared by :func:`normalise_name`)."""
    available = list(available)
    chosen, used = mapped_columns(file, available, mapping, fields, noun)
    by_norm: dict[str, str] = {}
    for column in available:
        by_norm.setdefault(normalise_name(column), column)
    for target, names in aliases.items():
        if target in chosen:
            continue
        for name in names:
            column = by_norm.get(normalise_name(name))
            if column is not None and column not in used:
                chosen[target] = column
                used.add(column)
                break
    return chosen
