"""The bundled fonts, and which one prints each character.

reportlab does no font fallback: a character missing from the current font prints as a
box. So text is cut into runs, each in a face that has every glyph of the run, chosen
from the faces in ``assets/fonts/fonts.json`` (Latin, Greek, Cyrillic and Georgian in DejaVu
Sans, Thai in Noto Sans Thai, Arabic in Noto Naskh, Korean in Nanum Gothic, Japanese in IPA Gothic, Chinese in
WenQuanYi Micro Hei). Han characters take the Japanese or Korean face when the same text
has kana or hangul, so a Japanese name gets Japanese glyph forms.

Faces are loaded and registered with reportlab once per process, on first use.
"""

from __future__ import annotations

import json
import threading
import unicodedata
from array import array
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hildprint.core.domain.resources import assets_dir

_LOCK = threading.Lock()
ARABIC_ALEF = 0x0627
_ATTACHING = {"Mn", "Me", "Mc", "Cf"}  # combining marks and format characters join the run before them
_NEUTRAL = {"Zs", "Po", "Pd", "Ps", "Pe", "Pi", "Pf", "Nd", "Sm", "Sc", "Sk", "So"}


@dataclass(frozen=True)
class Face:
    """One typeface: its files, and its vertical extent as a fraction of the size."""

    name: str
    regular: Path
    bold: Path | None
    subfont: int
    ink_top: float

    def font_name(self, bold: bool) -> str:
        """The reportlab font name for this face (registering it on first use)."""
        return _register(self, bold and self.bold is not None)

    @property
    def descent(self) -> float:
        """How far below the baseline text of this face reaches (font-size fractions)."""
        return abs(_load(self, False).face.descent) / 1000

    def covers(self, char: str) -> bool:
        """Whether this face has a glyph for ``char``."""
        cmap = _CMAPS.get(self.name)
        if cmap is None:
            cmap = _CMAPS[self.name] = _load(self, False).face.charToGlyph
        return ord(char) in cmap


@dataclass(frozen=True)
class Run:
    """A piece of text printed in one font; ``rtl`` runs are shaped right to left;
    ``embolden`` runs are bold text in a face without a bold file (drawn outlined)."""

    font: str
    text: str
    face: Face
    rtl: bool = False
    embolden: bool = False


@dataclass(frozen=True, eq=False)
class FontSet:
    """The faces in fallback order and the preferred face per script; ``first``, when
    set, is the face a design chose: used for every character it has."""

    faces: tuple[Face, ...]
    prefer: dict[str, str]
    first: str = ""

    def face(self, name: str) -> Face:
        """The face called ``name``."""
        return next(f for f in self.faces if f.name == name)

    def face_for(self, char: str, context: str = "") -> Face | None:
        """The face to print ``char`` in, given the text around it; None if no face has it."""
        if self.first:
            chosen = self.face(self.first)
            if chosen.covers(char):
                return chosen
        preferred = self.prefer.get(_script_preference(char, context))
        if preferred:
            face = self.face(preferred)
            if face.covers(char):
                return face
        return next((f for f in self.faces if f.covers(char)), None)

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` that no bundled face can print, in order, once each."""
        return [char for char in dict.fromkeys(text) if not self.printable(char)]

    def printable(self, char: str) -> bool:
        """Whether some face has ``char`` (spaces and format characters need none)."""
        known = _PRINTABLE.get(char)
        if known is None:
            known = _PRINTABLE[char] = _ignorable(char) or any(f.covers(char) for f in self.faces)
        return known

    def runs(self, text: str, bold: bool = False) -> list[Run]:
        """Cut ``text`` into runs of one face each, in logical (reading) order.

        Spaces, digits and punctuation stay in the run they are in when its face has them;
        characters no face has are left in the current run (they will print as boxes; the
        pre-flight reports them).
        """
        runs: list[Run] = []
        face: Face | None = None
        buffer = ""
        for char in text:
            category = unicodedata.category(char)
            keep = face is not None and (
                category in _ATTACHING or (category in _NEUTRAL and face.covers(char))
            )
            chosen = face if keep else (self.face_for(char, text) or face or self.faces[0])
            if chosen is not face and buffer:
                runs.append(_make_run(face, buffer, bold))
                buffer = ""
            face = chosen
            buffer += char
        if buffer and face is not None:
            runs.append(_make_run(face, buffer, bold))
        return self._unhook_trailing_neutrals(runs, bold)

    def _unhook_trailing_neutrals(self, runs: list[Run], bold: bool) -> list[Run]:
        """Move spaces and punctuation that end a right-to-left run into a run of their own
        (joined to a following left-to-right run): shaped with the Arabic they would be
        drawn on its left, before the name instead of after it."""
        out: list[Run] = []
        for index, run in enumerate(runs):
            body = run.text.rstrip(" ,;.:·|/-–—") if run.rtl else run.text
            if not run.rtl or body == run.text or not body:
                out.append(run)
                continue
            out.append(_make_run(run.face, body, bold))
            tail = run.text[len(body):]
            following = runs[index + 1] if index + 1 < len(runs) else None
            neutral_face = self.face_for(tail.strip() or "a") or self.faces[0]
            if following is not None and not following.rtl and all(following.face.covers(c) for c in tail):
                runs[index + 1] = _make_run(following.face, tail + following.text, bold)
            else:
                out.append(_make_run(neutral_face, tail, bold))
        return out


def _make_run(face: Face, text: str, bold: bool) -> Run:
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
    return Run(face.font_name(bold), text, face, rtl, embolden=bold and face.bold is None)


def _ignorable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def _script_preference(char: str, context: str) -> str:
    code = ord(char)
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "kana"
    if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF:
        if any(0x3040 <= ord(c) <= 0x30FF for c in context):
            return "han-in-japanese"
        if any(0xAC00 <= ord(c) <= 0xD7AF for c in context):
            return "han-in-korean"
        return "han"
    if unicodedata.bidirectional(char) == "AL":
        return "arabic"
    return ""


# -- loading --------------------------------------------------------------------------
@cache
def bundled_fonts() -> FontSet:
    """The fonts shipped in assets/fonts, as described by its fonts.json."""
    folder = assets_dir() / "fonts"
    manifest = json.loads((folder / "fonts.json").read_text(encoding="utf-8"))
    faces = []
    for name in manifest["order"]:
        spec = manifest["faces"][name]
        faces.append(Face(
            name=name,
            regular=folder / spec["regular"],
            bold=folder / spec["bold"] if spec.get("bold") else None,
            subfont=int(spec.get("subfont", 0)),
            ink_top=float(spec.get("ink_top", 0.8)),
        ))
    unknown = set(manifest["prefer"].values()) - {f.name for f in faces}
    if unknown:
        raise ValueError(f"{folder / 'fonts.json'}: 'prefer' names faces not in 'order': {sorted(unknown)}")
    return FontSet(tuple(faces), dict(manifest["prefer"]))


def font_families() -> list[str]:
    """The names of the bundled font families a design may choose for a text box."""
    return [face.name for face in bundled_fonts().faces]


@cache
def fonts_preferring(family: str) -> FontSet:
    """The bundled fonts with ``family`` used first wherever it has the character (one
    object per family, so measurements cached per font set are shared)."""
    if family not in font_families():
        raise ValueError(f"no bundled font family {family!r}; there are {', '.join(font_families())}")
    return replace(bundled_fonts(), first=family)


_LOADED: dict[tuple[str, bool], TTFont] = {}
_PRINTABLE: dict[str, bool] = {}
_CMAPS: dict[str, dict[int, int]] = {}


def _load(face: Face, bold: bool) -> TTFont:
    key = (face.name, bold)
    font = _LOADED.get(key)
    if font is None:
        with _LOCK:
            font = _LOADED.get(key)
            if font is None:
                path = face.bold if bold and face.bold else face.regular
                font = TTFont(_registered_name(face, bold), str(path), subfontIndex=face.subfont)
                _compact(font.face)
                _LOADED[key] = font
    return font


class _Pairs:
    """A read-only list of (advance, side bearing) pairs kept in two arrays of numbers."""

    def __init__(self, pairs: list[tuple[float, float]]):
        self._first = array("d", (p[0] for p in pairs))
        self._second = array("d", (p[1] for p in pairs))

    def __len__(self) -> int:
        return len(self._first)

    def __getitem__(self, index: int) -> tuple[float, float]:
        return self._first[index], self._second[index]


def _compact(face) -> None:
    """Shrink the tables reportlab keeps for a font. A CJK face holds 35,000 glyphs in
    lists of Python tuples and ints (about 20 MB); the same numbers in arrays take a
    tenth of that, and the glyph-to-character table is only needed to shape Arabic."""
    face.hmetrics = _Pairs(face.hmetrics)
    face.glyphPos = array("L", face.glyphPos)
    if ARABIC_ALEF not in face.charToGlyph:
        face.glyphToChar = {}


def _registered_name(face: Face, bold: bool) -> str:
    return f"{face.name}-Bold" if bold else face.name


_REGISTERED: set[str] = set()


def _register(face: Face, bold: bool) -> str:
    name = _registered_name(face, bold)
    if name not in _REGISTERED:
        font = _load(face, bold)
        with _LOCK:
            if name not in _REGISTERED:
                pdfmetrics.registerFont(font)
                _REGISTERED.add(name)
    return name
