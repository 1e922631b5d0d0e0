"""People's names: one rule for cleaning typed text and one for splitting a full name.

An import, a walk-in at the desk, a correction at the desk and an edit in the organiser's
table all go through here, so "Ana de la Cruz" is filed under "de la Cruz" whichever way
she came in.
"""

from __future__ import annotations

import unicodedata

NAME_PARTICLES = frozenset({
    "van", "von", "de", "da", "del", "della", "di", "du", "le", "la", "der", "den", "ter",
    "ten", "dos", "das", "bin", "binti", "al", "el", "mac", "st.",
})
"""Words that belong to the family name that follows them ("van der Berg", "de la Cruz")."""

VIETNAMESE_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ") | frozenset(
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
)
"""Letters only Vietnamese uses; a name holding one is written family name first."""

_JOINERS = frozenset("\u200c\u200d")
"""Zero-width (non-)joiners: invisible, but part of how Persian, Indic and emoji text is
written, so they are kept."""


def clean_text(text: str) -> str:
    """Text typed into a form field, a table cell or an imported cell, made fit to store:
    composed (NFC), control and format characters as spaces (the joiners stay), stray
    surrogates dropped, runs of spaces as one, no space at either end."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # only then is there anything to replace
        text = "".join(_cleaned_char(char) for char in text)
    return " ".join(text.split())


def _cleaned_char(char: str) -> str:
    category = unicodedata.category(char)
    if category == "Cs":
        return ""
    if category in ("Cc", "Cf") and char not in _JOINERS:
        return " "
    return char


def is_cjk(text: str) -> bool:
    """Whether ``text`` is written in Chinese, Japanese or Korean characters (and no Latin
    letters)."""
    return any(_is_cjk_char(c) for c in text) and not any(c.isascii() and c.isalpha() for c in text)


def _is_cjk_char(char: str) -> bool:
    code = ord(char)
    return (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF
            or 0x1100 <= code <= 0x11FF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF)


def is_vietnamese(text: str) -> bool:
    """Whether ``text`` uses letters only Vietnamese has (ơ, ư, đ, ễ, ...)."""
    return any(c in VIETNAMESE_LETTERS for c in text)


def split_name(full: str) -> tuple[str, str]:
    """Split a full name into (first name, family name).

    "Family, Given" is split at the comma; names written family name first (CJK,
    Vietnamese) give their first word as the family name; other names give their last
    word, with the particles before it ("van der", "de la"), as the family name. One word
    (or a name in a script written without spaces) is all family name.
    """
    if "," in full:
        last, _, first = full.partition(",")
        return " ".join(first.split()), " ".join(last.split())
    words = full.split()
    if len(words) < 2:
        return "", " ".join(words)
    if is_cjk(full) or is_vietnamese(full):
        return " ".join(words[1:]), words[0]
    split_at = len(words) - 1
    while split_at > 1 and words[split_at - 1].casefold() in NAME_PARTICLES:
        split_at -= 1
    return " ".join(words[:split_at]), " ".join(words[split_at:])


def join_name(first: str, last: str) -> str:
    """The printed name from its parts: family name first without a space for CJK names,
    given name first otherwise."""
    if first and last and is_cjk(first + last):
        return last + first
    return " ".join(part for part in (first, last) if part)


def name_fields(typed: str) -> dict[str, str]:
    """The attendee fields a typed full name sets: the cleaned text as the printed
    (display) name, and first and family name split from it."""
    display = clean_text(typed)
    first, last = split_name(display)
    return {"first_name": first, "last_name": last, "display_name": display}
