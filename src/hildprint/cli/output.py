"""What every command shares: exit codes, printing, a progress bar, table cells, KEY=VALUE pairs."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hildprint.core import services

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
"""Success; problems found (rejected rows, failed checks, a refused scan); bad usage or input."""


def event_location(text: str) -> str | Path:
    """An EVENT argument: a server's ``postgresql://`` URL as given, else a file's path."""
    return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


class UsageError(Exception):
    """Bad arguments that argparse cannot catch on its own."""


def out(text: str = "") -> None:
    """Print a line of the command's result on standard output."""
    print(text, flush=True)


def err(text: str) -> None:
    """Print one line on standard error (see :func:`services.one_line`)."""
    print(services.one_line(text), file=sys.stderr, flush=True)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell(value: object, limit: int = 40) -> str:
    """``value`` as text for a table cell, cut to ``limit`` characters with an ellipsis."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_table(header: Sequence[str], rows: list[list[str]]) -> None:
    """Print ``rows`` under ``header`` in columns aligned for the terminal."""
    widths = [max([len(name)] + [width(row[i]) for row in rows]) for i, name in enumerate(header)]
    for row in [list(header)] + rows:
        out("  ".join(text + " " * (size - width(text)) for text, size in zip(row, widths)).rstrip())


class ProgressBar:
    """A one-line progress bar on the terminal's standard error."""

    def __init__(self, noun: str):
        self.noun = noun
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total``; redrawn only when the percentage changes."""
        percent = 100 * done // max(total, 1)
        if percent != self.shown:
            self.shown = percent
            filled = percent // 4
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (25 - filled)}] {done}/{total} {self.noun}")
            sys.stderr.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self.shown >= 0:
            sys.stderr.write("\n")


def progress_bar(noun: str, quiet: bool = False) -> ProgressBar | None:
    """A progress bar when standard error is a terminal (and not ``quiet``), else None."""
    return ProgressBar(noun) if sys.stderr.isatty() and not quiet else None


@dataclass(frozen=True)
class PairOption:
    """An option whose values are KEY=VALUE pairs, such as ``--map 'Vorname=first_name'``.

    The one parser of every such option. The pair is split at the last ``=`` (a column or a
    place may hold one; a field or a direction never does), or at the first one when the
    value may hold one (a file name). Keys and values are stripped.
    """

    flag: str
    shape: str
    """The pair's form in messages and help, e.g. ``COLUMN=FIELD``."""
    example: str = ""
    """A correct pair shown when one is refused."""
    split_at_first: bool = False
    empty_value: bool = False
    """Whether an empty VALUE is allowed (it clears something)."""

    def parse(self, pairs: Sequence[str] | None) -> list[tuple[str, str]]:
        """The (key, value) pairs in the order given; UsageError for one without its parts."""
        parsed = []
        for pair in pairs or ():
            key, sep, value = pair.partition("=") if self.split_at_first else pair.rpartition("=")
            key, value = key.strip(), value.strip()
            if not sep or not key or not (value or self.empty_value):
                raise UsageError(self.refusal(pair))
            parsed.append((key, value))
        return parsed

    def mapping(self, pairs: Sequence[str] | None) -> dict[str, str]:
        """The pairs as a dict (a later pair with the same key wins)."""
        return dict(self.parse(pairs))

    def refusal(self, pair: str) -> str:
        """Why ``pair`` is refused, with the expected form and an example."""
        example = f", e.g. {self.flag} {self.example!r}" if self.example else ""
        return f"{self.flag} {pair!r}: expected {self.shape}{example}"


MAP = PairOption("--map", "COLUMN=FIELD", "Vorname=first_name")
"""``--map``: read a file's column as a field (import, badges from an export)."""

