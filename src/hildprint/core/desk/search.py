"""Finding people by what a desk volunteer types: accent- and case-insensitive search,
spelled-out and transliterated forms, joined words, e-mail addresses.

:func:`fold` turns text into the form searches compare: ``"Zoë Müller"`` and ``"zoe muller"``
fold to the same string, as do ``"Nguyễn"`` and ``"nguyen"``. :class:`PeopleIndex` folds
every person's names, affiliation and id once, so that a query over ten thousand people is
one fast substring scan of prebuilt strings.

The organiser's tables reuse :func:`fold` for their filters, so the desk and the tables
agree on what matches.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from anyascii import anyascii

from hildprint.core.domain.model import Attendee

_NOT_DECOMPOSED = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "þ": "th", "Þ": "th", "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t",
})
"""Latin letters that carry their mark inside the letter, so NFKD leaves them whole."""


def fold(text: str) -> str:
    """The searchable form of ``text``: no accents, no case, compatibility forms unified.

    NFKD splits accented letters into a base letter and combining marks, which are
    dropped; the few Latin letters that do not decompose (ø, ł, đ, ß, æ, œ, ı, ...) are
    mapped to their usual plain spelling; the result is case-folded. Scripts without
    case or accents (Korean, Chinese, Japanese, Arabic) pass through unchanged apart
    from compatibility forms (full-width Latin becomes ASCII).
    """
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Hangul syllables decompose into jamo under NFKD; compose them again so a query
    # typed as syllables matches (jamo have no combining class, so they survive above).
    return unicodedata.normalize("NFC", stripped).casefold()


_SPELLED_OUT = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ø": "oe", "Ø": "oe",
    "å": "aa", "Å": "aa", "æ": "ae", "Æ": "ae",
})
"""How German and Nordic names are written without their letters: Müller as Mueller,
Bjørnstad as Bjoernstad, Ålund as Aalund."""


def searchable_fields(person: Attendee) -> tuple[str, ...]:
    """What a person can be found by: first, last and display name, the name in Latin
    letters the import gave, affiliation, id and e-mail address."""
    return (person.first_name, person.last_name, person.display_name, person.latin_name, person.affiliation,
            person.id, person.email)


def search_forms(text: str) -> list[str]:
    """Every folded form a field can be found by: as written (accents dropped), spelled
    out the German and Nordic way (``mueller``), transliterated from another script into
    Latin letters (``김민준`` as ``gimminjun``, ``Иван`` as ``ivan``), and each of these
    with its words joined (``almansouri`` for Al-Mansouri, ``obrien`` for O'Brien)."""
    forms = [fold(text)]
    if not text.isascii():
        forms.append(fold(text.translate(_SPELLED_OUT)))
        forms.append(anyascii(text).casefold())
    for form in list(forms):
        joined = "".join(form.translate(_BREAKS).split(WORD_BREAK))
        forms.append(joined)
    return list(dict.fromkeys(f for f in forms if f))


@dataclass(frozen=True)
class Match:
    """One person found by a query, with how well the query matched."""

    person: Attendee
    rank: int
    """0 when every query word starts a word (or the id), 1 when one is only inside a word."""


class PeopleIndex:
    """Every person's folded search text, built once and kept in name order; :meth:`search`
    scans it with plain substring tests, so no result list ever needs sorting."""

    def __init__(self, people: Iterable[Attendee] = ()):
        entries = [_Entry.of(person) for person in people]
        entries.sort(key=_Entry.order)
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def people(self) -> list[Attendee]:
        """The indexed people, by name."""
        return [entry.person for entry in self._entries]

    def add(self, person: Attendee) -> None:
        """Index one more person (a walk-in), or index a changed person again (by id)."""
        entries = [e for e in self._entries if e.person.id != person.id]
        bisect.insort(entries, _Entry.of(person), key=_Entry.order)
        self._entries = entries

    def search(self, query: str, limit: int | None = 50) -> list[Match]:
        """People whose every query word occurs in their names, affiliation or id.

        Words may come in any order (``"muller zoe"`` finds Zoë Müller). People where
        every word starts a word of theirs come first, then those matched inside a word;
        within each group, by name. An empty query finds nobody.
        """
        words = [_break_words(w) for w in fold(query).split()]
        if not words:
            return []
        found = self._entries
        for word in words:  # one comprehension per word: the scan stays in fast C loops
            found = [e for e in found if word in e.text]
        starts = [WORD_BREAK + w for w in words]
        first_rank = found
        for start in starts:
            first_rank = [e for e in first_rank if start in e.text]
        matches = [Match(e.person, 0) for e in first_rank[:limit]]
        if limit is None or len(matches) < limit:
            ranked_first = {id(e) for e in first_rank}
            rest = (Match(e.person, 1) for e in found if id(e) not in ranked_first)
            matches.extend(rest if limit is None else islice(rest, limit - len(matches)))
        return matches


WORD_BREAK = "\x1f"
"""Stands in the index for every character that separates words, and between fields, so
that a query never matches across two fields and "o'brien" finds "O’Brien"."""

_BREAKS = str.maketrans(dict.fromkeys(" \t-‐–—'’‘`´./,;:()[]&+_|\"\xa0", WORD_BREAK))


def _break_words(text: str) -> str:
    return text.translate(_BREAKS)


@dataclass(frozen=True)
class _Entry:
    """One indexed person: their folded search text and the key that orders them by name."""

    person: Attendee
    text: str
    name_key: str

    @classmethod
    def of(cls, person: Attendee) -> _Entry:
        text = WORD_BREAK + WORD_BREAK.join(_break_words(form) for field in searchable_fields(person)
                                            for form in search_forms(field))
        return cls(person, text, fold(person.name))

    def order(self) -> tuple[str, str]:
        return (self.name_key, self.person.id)
