"""Where a word too long for its box may be broken.

Hyphenation points come from the dictionaries of pyphen (the ones LibreOffice uses),
chosen by the word's script. A word no dictionary can break (a Georgian or Thai name, a
word of letters a dictionary has no patterns for) may break between any two letters, as
a last resort before anything is cut off. Break points are marked in the text: a soft
hyphen where a hyphen is printed at the end of the line, a zero-width space where the
script prints none (Thai).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

import pyphen

SOFT_HYPHEN = "\u00ad"
SILENT_BREAK = "\u200b"
MARKERS = SOFT_HYPHEN + SILENT_BREAK
HYPHEN = "-"
DICTIONARIES = {
    "LATIN": ("en_US", "de_DE", "fr", "es", "it_IT", "nl_NL", "pl_PL", "pt_PT"),
    "CYRILLIC": ("ru_RU", "uk_UA", "sr_Latn"),
    "GREEK": ("el_GR",),
    "THAI": ("th_TH",),
}
NO_HYPHEN_SCRIPTS = {"THAI", "LAO", "KHMER", "MYANMAR"}
MIN_PIECE = 2
"""Letters that stay together at either end of a word broken between letters."""


def visible(piece: str) -> str:
    """What a line made of ``piece`` prints: the break markers gone, and a hyphen where
    the line ends at a soft hyphen."""
    hyphen = HYPHEN if piece.endswith(SOFT_HYPHEN) else ""
    if SOFT_HYPHEN not in piece and SILENT_BREAK not in piece:
        return piece
    return piece.replace(SOFT_HYPHEN, "").replace(SILENT_BREAK, "") + hyphen


def is_marker(char: str) -> bool:
    """Whether ``char`` marks a place a word may break."""
    return char in MARKERS


def mark_breaks(text: str, too_wide: Callable[[str], bool], everywhere: bool = False) -> str:
    """``text`` with the places each word that ``too_wide`` rejects may break marked:
    its hyphenation points, or (``everywhere``, or when no dictionary breaks it) every
    place between two letters."""
    return " ".join(_marked(word, everywhere) if too_wide(word) else word for word in text.split(" "))


def _marked(word: str, everywhere: bool) -> str:
    """``word`` with its break markers: silent after a hyphen it already has, a soft
    hyphen (or, in scripts printing none, a silent break) at each other point."""
    script = word_script(word)
    positions = [] if everywhere else hyphen_positions(word, script)
    if not positions:
        positions = letter_boundaries(word)
    marker = SILENT_BREAK if script in NO_HYPHEN_SCRIPTS else SOFT_HYPHEN
    after_hyphens = {i + 1 for i, char in enumerate(word[:-1]) if char == HYPHEN and i}
    marked, start = [], 0
    for position in sorted(set(positions) | after_hyphens):
        marked += [word[start:position], SILENT_BREAK if position in after_hyphens else marker]
        start = position
    return "".join(marked) + word[start:]


def word_script(word: str) -> str:
    """The script of the word's first letter, as Unicode names it ("LATIN", "THAI", ...)."""
    for char in word:
        if char.isalpha():
            return unicodedata.name(char, "UNKNOWN").split(" ")[0]
    return "UNKNOWN"


def hyphen_positions(word: str, script: str = "") -> list[int]:
    """Hyphenation points of ``word`` from the first dictionary of its script that has
    any (an empty list when none has)."""
    for language in DICTIONARIES.get(script or word_script(word), ()):
        positions = _dictionary(language).positions(word)
        if positions:
            return [p for p in positions if 0 < p < len(word) and HYPHEN not in word[p - 1:p + 1]]
    return []


@cache
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=language)


def letter_boundaries(word: str) -> list[int]:
    """Every place between two letters of ``word`` (never before a combining mark),
    keeping :data:`MIN_PIECE` letters together at either end."""
    starts = [i for i, char in enumerate(word) if i and unicodedata.category(char)[0] != "M"
              and HYPHEN not in word[i - 1:i + 1]]
    return [i for i in starts if i >= MIN_PIECE and len(word) - i >= MIN_PIECE]
