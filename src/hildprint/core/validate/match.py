"""Which paper a poster file belongs to, told from its name.

A file matches a paper by the paper's id or number in its name (``5.pdf``,
``paper_6_poster.pdf``, ``P12-final.pdf``), by the paper's OpenReview forum id, or by a name
close to the paper's title. A file that could belong to two papers is never given to either,
and neither are two files that claim the same paper: those are listed for a person to decide.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from hildprint.core.domain.model import Paper

TITLE_RATIO = 0.85
"""How close a file name must be to a title (difflib's ratio) to match it."""
TITLE_MARGIN = 0.08
"""How much closer the best title must be than the next one; else the file is ambiguous."""
MIN_TITLE_CHARS = 12
_VERSION_WORDS = {"v", "version", "rev", "revision"}
_NOISE_WORDS = {"poster", "final", "camera", "ready", "v", "version", "paper", "icml", "workshop", "pdf"}


@dataclass(frozen=True)
class PosterMatch:
    """A file given to a paper, and how it was recognised (``id``, ``number``, ``forum``, ``title``)."""

    file: Path
    paper_id: str
    how: str


@dataclass
class FolderMatch:
    """Files matched to papers, and those left for a person to decide."""

    matched: list[PosterMatch] = field(default_factory=list)
    unmatched: list[Path] = field(default_factory=list)
    ambiguous: list[tuple[Path, list[str]]] = field(default_factory=list)
    """Files that could belong to several papers, with those papers' ids."""
    contested: list[tuple[str, list[Path]]] = field(default_factory=list)
    """Papers that several files claim, with those files (none of them attached)."""


def match_poster_files(files: list[Path], papers: list[Paper]) -> FolderMatch:
    """Match each file to at most one paper; see the module's description."""
    index = _PaperIndex(papers)
    result = FolderMatch()
    claims: dict[str, list[PosterMatch]] = defaultdict(list)
    for file in files:
        candidates, how = index.candidates(file)
        if not candidates:
            result.unmatched.append(file)
        elif len(candidates) > 1:
            result.ambiguous.append((file, sorted(candidates)))
        else:
            claims[candidates[0]].append(PosterMatch(file, candidates[0], how))
    for paper_id, matches in claims.items():
        if len(matches) == 1:
            result.matched.append(matches[0])
        else:
            result.contested.append((paper_id, [m.file for m in matches]))
    result.matched.sort(key=lambda m: str(m.file))
    return result


def _fold(text: str) -> str:
    """Lower case, accents off, every run of other characters one space."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def _tokens(stem: str) -> list[str]:
    """The name's words and numbers apart: "P12-final" -> ["p", "12", "final"]."""
    return re.findall(r"[a-z]+|[0-9]+", _fold(stem))


def _numbers(stem: str) -> set[int]:
    """The numbers in a name, except version numbers ("v2", "version 3", "rev1") and years
    glued to a word ("icml2026", "ccn2017"; "P2017" is still paper 2017)."""
    found = set()
    for word, space, digits in re.findall(r"([a-z]*)(\s*)([0-9]+)", _fold(stem)):
        glued_year = len(word) > 1 and not space and len(digits) == 4 and 1990 <= int(digits) <= 2099
        if word not in _VERSION_WORDS and not glued_year:
            found.add(int(digits))
    return found


class _PaperIndex:
    """The papers, looked up by id, number, forum id and title."""

    def __init__(self, papers: list[Paper]):
        self.by_id = {_fold(p.id).replace(" ", ""): p.id for p in papers if p.id.strip()}
        self.by_number: dict[int, set[str]] = defaultdict(set)
        for paper in papers:
            if paper.number is not None:
                self.by_number[paper.number].add(paper.id)
            if paper.id.strip().isdigit():
                self.by_number[int(paper.id)].add(paper.id)
        self.by_forum = {p.openreview_forum.strip(): p.id for p in papers if len(p.openreview_forum.strip()) >= 6}
        self.titles = [(_title_key(p.title), p.id) for p in papers if len(_title_key(p.title)) >= MIN_TITLE_CHARS]

    def candidates(self, file: Path) -> tuple[list[str], str]:
        """The ids of the papers ``file`` could belong to, and how they were found."""
        stem = file.stem
        forums = {paper_id for forum, paper_id in self.by_forum.items() if forum in stem}
        if forums:
            return sorted(forums), "forum"
        by_id = self._by_id(stem)
        if by_id:
            return sorted(by_id), "id"
        by_number = {pid for number in _numbers(stem) for pid in self.by_number.get(number, ())}
        if by_number:
            return sorted(by_number), "number"
        return self._by_title(stem), "title"

    def _by_id(self, stem: str) -> set[str]:
        """Papers whose (non-numeric) id is one of the name's parts, or the whole name."""
        parts = set(re.split(r"[^a-z0-9]+", _fold(stem).replace(" ", "_"))) | {_fold(stem).replace(" ", "")}
        found = {self.by_id[part] for part in parts if part in self.by_id and not part.isdigit()}
        tokens = _tokens(stem)  # "P12" also reads as the id "p12"
        found |= {self.by_id[a + b] for a, b in pairwise(tokens) if a + b in self.by_id and not b.isalpha()}
        return found

    def _by_title(self, stem: str) -> list[str]:
        key = _title_key(stem)
        if len(key) < MIN_TITLE_CHARS:
            return []
        scored = sorted(((difflib.SequenceMatcher(None, key, title).ratio(), pid) for title, pid in self.titles),
                        reverse=True)
        close = [(ratio, pid) for ratio, pid in scored if ratio >= TITLE_RATIO]
        if not close:
            return []
        best = close[0][0]
        return sorted(pid for ratio, pid in close if ratio >= best - TITLE_MARGIN)


def _title_key(text: str) -> str:
    return " ".join(word for word in _fold(text).split() if word not in _NOISE_WORDS)
