"""Read registrations: pretix, Indico, Eventbrite, Google Forms, any CSV or XLSX.

``read_attendees`` reads the table (encoding, delimiter and header row are detected by
:mod:`tabular`), recognises the exporting system from its header, picks the columns for
each field (``--map`` overrides), and turns each row into an :class:`Attendee` or a
row-level rejection.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.model import Attendee, Role
from hildprint.core.domain.names import clean_text, join_name, split_name
from hildprint.core.importers.base import ImportKind, ImportResult, MissingColumns, clean_cells
from hildprint.core.importers.columns import (
    mapped_columns,
    normalise_name,
    resolve_columns,
)
from hildprint.core.importers.tabular import Table, read_table

FIELDS = (
    "id", "first_name", "last_name", "display_name", "name", "affiliation", "role", "email",
    "country", "consent_contact_qr", "status", "latin_name",
)
"""What a column can be mapped to: the Attendee fields, ``name`` (a full name to split)
``status`` (a registration state; cancelled ones are skipped) and ``latin_name`` (the
name in Latin letters, beside a name in another script)."""

_LATIN_NAME_WORDS = ("romanised name", "romanized name", "english name", "name in english", "name (english)",
                     "name in latin", "latin name", "name (latin", "pinyin", "romaji", "rōmaji",
                     "romanisation", "romanization", "transliterated name", "name (romanised)",
                     "name (romanized)", "alternate name", "alternative name", "영문 이름", "영문이름",
                     "영문 성명", "英文名", "英文姓名", "ローマ字")
"""Headers (or, in long form questions, words of them) of a column holding the name in
Latin letters."""

MAX_ID_LENGTH = 40  # ids go into badge QR codes, which must stay small

_COMMON = {
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "e-mail-adresse"),
    "affiliation": ("affiliation", "institution", "organisation", "organization", "company",
                    "university", "employer", "institut", "firma", "organisation / institution",
                    "affiliation / institution", "université", "universidad"),
    "country": ("country", "land", "pays", "país", "country/region", "country / region"),
}

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "pretix": {
        "first_name": ("attendee name: given name", "attendee name: first name"),
        "last_name": ("attendee name: family name", "attendee name: last name"),
        "name": ("attendee name",),
        "email": ("attendee email", "e-mail"),  # "Email" is the buyer's; a check-in list's "E-mail" the attendee's
        "affiliation": ("company", "attendee company"),
        "role": ("product",),
        "country": ("country",),
        "status": ("status", "order status"),
        "order_code": ("order code",),
        "position_id": ("position id",),
        "secret": ("secret", "ticket secret"),
        "latin_name": _LATIN_NAME_WORDS,
    },
    "indico": {
        "id": ("id",),
        "first_name": ("first name",),
        "last_name": ("last name",),
        "name": ("name",),
        "email": ("email address", "email"),
        "affiliation": ("affiliation", "institution"),
        "country": ("country",),
        "role": ("registration type", "role"),
        "status": ("registration state", "state"),
        "latin_name": _LATIN_NAME_WORDS,
    },
    "eventbrite": {
        "id": ("attendee #", "attendee no", "attendee id"),
        "first_name": ("first name",),
        "last_name": ("last name",),
        "email": ("email", "email address"),
        "role": ("ticket type",),
        "affiliation": ("company", "organization", "organisation"),
        "country": ("country", "home country"),
        "status": ("attendee status", "order status"),
        "latin_name": _LATIN_NAME_WORDS,
    },
    "generic": {
        "id": ("id", "attendee id", "registration id", "participant id", "ticket id"),
        "first_name": ("first name", "firstname", "given name", "given names", "forename",
                       "vorname", "prénom", "prenom", "nombre", "名"),
        "last_name": ("last name", "lastname", "surname", "family name", "nachname", "nom",
                      "nom de famille", "apellido", "apellidos", "姓"),
        "display_name": ("display name", "badge name", "name on badge", "name for badge",
                         "preferred name"),
        "name": ("name", "full name", "your name", "attendee name", "participant", "teilnehmer",
                 "teilnehmer:in", "nom complet", "nombre completo", "이름", "氏名", "姓名"),
        "role": ("role", "ticket type", "ticket", "registration type", "category", "rolle"),
        "consent_contact_qr": ("contact qr", "share contact", "share my contact", "share contact details"),
        "status": ("status", "registration status", "state"),
        "latin_name": _LATIN_NAME_WORDS,
        **_COMMON,
    },
}

KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("consent_contact_qr", ("qr code", "contact qr", "share my contact", "share your contact",
                            "share contact", "exchange contact", "contact details with", "contact information with")),
    ("latin_name", _LATIN_NAME_WORDS),
    ("display_name", ("badge",)),
    ("first_name", ("first name", "given name", "forename", "vorname")),
    ("last_name", ("last name", "family name", "surname", "nachname")),
    ("email", ("email", "e-mail", "e mail")),
    ("affiliation", ("affiliation", "institution", "organisation", "organization", "company",
                     "university", "employer", "institut")),
    ("country", ("country",)),
    ("role", ("role", "ticket", "registration type")),
    ("name", ("name",)),
)
"""Words that identify a Google Forms question (or any long header) with a field; the
first match wins, so specific ones come before the plain "name"."""

ROLE_WORDS = (
    (Role.ORGANISER, ("organis", "organiz", "committee", "chair", "staff")),
    (Role.SPEAKER, ("speaker", "keynote", "invited", "panel", "tutorial")),
    (Role.VOLUNTEER, ("volunteer", "helper")),
    (Role.AUTHOR, ("author", "presenter", "poster")),
)
SKIP_STATUSES = ("cancel", "refund", "not attending", "withdrawn", "rejected", "expired", "deleted")
TRUE_WORDS = ("yes", "y", "true", "1", "x", "ja", "oui", "sí", "si", "예", "はい", "是", "✓",
              "✔", "checked", "agree", "i agree", "consent")

FORMAT_NAMES = {
    "pretix": "pretix order positions", "indico": "Indico registrants",
    "eventbrite": "Eventbrite attendees", "gforms": "Google Forms responses",
    "csv": "a table", "xlsx": "a spreadsheet",
}


@dataclass
class _Row:
    number: int
    values: dict[str, str]


def read_attendees(path: Path, fmt: str, mapping: dict[str, str]) -> ImportResult:
    """Read the people in ``path`` (``fmt`` is ``auto`` or a format name)."""
    table = read_table(path)
    detected = detect_format(table) if fmt == "auto" else fmt
    if detected == "csv" and table.encoding == "xlsx":
        detected = "xlsx"
    result = ImportResult(ImportKind.ATTENDEES, str(path), detected, rows_read=len(table.rows))
    result.warnings.extend(table.warnings)
    result.details.update(table.details())
    result.details["detected"] = FORMAT_NAMES.get(detected, detected)
    columns = choose_columns(table, detected, mapping)
    result.use_columns(table.header, columns)
    _explain_ids(columns, result)
    others = [c for c in table.header if c and c not in set(columns.values())]
    if others:
        result.details["kept"] = f"for badges {', '.join(others)}"
    _warn_unused_consent(table.header, columns, result)
    seen: dict[str, int] = {}
    for number, cells in table.records():
        if number in table.damaged:
            result.reject(number, table.damaged[number])
            continue
        row = _Row(number, {f: cells.get(c, "").strip() for f, c in columns.items()})
        attendee = _attendee(row, detected, result)
        if attendee is not None:
            attendee.extra = other_columns(table.header, columns, cells)
        if attendee is None:
            continue
        if attendee.id in seen:
            result.reject(number, f"id {attendee.id!r} was already used on row {seen[attendee.id]}")
            continue
        seen[attendee.id] = number
        result.records.append(attendee)
    return result


# -- format and columns ------------------------------------------------------------------
def detect_format(table: Table) -> str:
    """Recognise the exporting system from the header."""
    names = {normalise_name(h) for h in table.header}
    if {"order code", "attendee name"} <= names or {"order code", "position id"} <= names:
        return "pretix"
    if "attendee #" in names or {"ticket type", "order #"} <= names:
        return "eventbrite"
    if "id" in names and "name" in names and names & {"registration date", "registration state", "email address"}:
        return "indico"
    if table.header and normalise_name(table.header[0]) in ("timestamp", "horodateur", "zeitstempel", "marca temporal"):
        return "gforms"
    return "xlsx" if table.encoding == "xlsx" else "csv"


def choose_columns(table: Table, fmt: str, mapping: dict[str, str]) -> dict[str, str]:
    """Which column feeds each field, for this format; ``mapping`` wins."""
    aliases = ALIASES.get(fmt, ALIASES["generic"])
    columns = resolve_columns(table.file, table.header, aliases, mapping, FIELDS, "an attendee")
    if fmt in ("gforms", "csv", "xlsx"):
        _, mapped = mapped_columns(table.file, table.header, mapping, FIELDS, "an attendee")
        _match_keywords(table.header, columns, mapped)
    if not ({"name", "first_name", "last_name", "display_name"} & columns.keys()) and columns.get("latin_name"):
        columns["name"] = columns.pop("latin_name")  # the only name there is
    if not ({"name", "first_name", "last_name", "display_name"} & columns.keys()):
        raise MissingColumns(
            f"{table.file}: no name column found (columns: {', '.join(table.header[:20])}); "
            "say which one holds names with --map 'COLUMN=name' (or first_name / last_name)",
            table.header, "the column holding names (name, or first_name and last_name)",
        )
    return {field: column for field, column in columns.items() if column}


def _match_keywords(header: list[str], columns: dict[str, str], mapped: set[str]) -> None:
    used = set(columns.values()) | mapped
    for column in header:
        if column in used:
            continue
        text = normalise_name(column)
        for field, words in KEYWORDS:
            if field not in columns and any(word in text for word in words):
                columns[field] = column
                used.add(column)
                break


# -- one row ---------------------------------------------------------------------------
def _attendee(row: _Row, fmt: str, result: ImportResult) -> Attendee | None:
    values = row.values
    status = values.pop("status", "")
    if any(word in status.casefold() for word in SKIP_STATUSES):
        result.skip(row.number, f"registration is {status!r}")
        return None
    problem = clean_cells(values, result, row.number)
    if problem:
        result.reject(row.number, problem)
        return None
    first, last, display = _names(values)
    if not (first or last or display):
        result.reject(row.number, "no name: the name cells are empty")
        return None
    attendee_id = source_id(values) or derived_id(values.get("email", ""), display)
    if len(attendee_id) > MAX_ID_LENGTH:
        result.reject(row.number, f"id is {len(attendee_id)} characters long; at most {MAX_ID_LENGTH} fit on a badge")
        return None
    email = values.get("email", "")
    if email and "@" not in email:
        result.warn(row.number, f"email {email!r} does not look like an address")
    return Attendee(
        id=attendee_id, first_name=first, last_name=last, display_name=display,
        affiliation=values.get("affiliation", ""), role=role_from_text(values.get("role", "")),
        email=email, country=values.get("country", ""),
        consent_contact_qr=is_yes(values.get("consent_contact_qr", "")),
        latin_name=_latin_name(values, first, last, display),
    )


def _latin_name(values: dict[str, str], *names: str) -> str:
    """The romanised name, left out when it only repeats a name already kept."""
    latin = clean_text(values.get("latin_name", ""))
    return "" if latin in names or latin == " ".join(n for n in names[:2] if n) else latin


def other_columns(header: list[str], columns: dict[str, str], cells: dict[str, str]) -> dict[str, str]:
    """The row's cells in columns no field took (dietary needs, T-shirt size...), by
    column name, the empty ones left out."""
    used = set(columns.values())
    kept = {column: clean_text(cells.get(column, "").strip()) for column in header if column and column not in used}
    return {column: value for column, value in kept.items() if value}


def _names(values: dict[str, str]) -> tuple[str, str, str]:
    first = clean_text(values.get("first_name", ""))
    last = clean_text(values.get("last_name", ""))
    display = clean_text(values.get("display_name", ""))
    if first or last:
        return first, last, display or join_name(first, last)
    full = clean_text(values.get("name", "")) or display
    first, last = split_name(full)
    return first, last, display or full


def source_id(values: dict[str, str]) -> str:
    """The exporting system's own id for the row, the most specific one it has: a mapped
    or known id column; pretix's order code and position ("ABC12-1"); the order code and
    a digest of the ticket's secret (a check-in list, whose tickets of one order share
    the code; the secret itself never goes onto a badge); else the order code; "" when
    there is none."""
    if values.get("id"):
        return " ".join(values["id"].split())
    code, position, secret = (values.get(k, "").strip() for k in ("order_code", "position_id", "secret"))
    if code and position:
        return f"{code}-{position}"
    if code and secret:
        return f"{code}-{hashlib.sha1(secret.encode()).hexdigest()[:6].upper()}"
    return code


def _explain_ids(columns: dict[str, str], result: ImportResult) -> None:
    if "id" in columns:
        result.details["ids"] = f"from {columns['id']!r}"
    elif "order_code" in columns and "position_id" in columns:
        result.details["ids"] = f"{columns['order_code']!r} and {columns['position_id']!r}"
    elif "order_code" in columns and "secret" in columns:
        result.details["detected"] = "pretix check-in list"
        result.details["ids"] = (f"{columns['order_code']!r} and a digest of the ticket's {columns['secret']!r} "
                                 "(tickets of one order share the code)")


def _warn_unused_consent(header: list[str], columns: dict[str, str], result: ImportResult) -> None:
    """A column about consent that was not taken as agreement to a contact QR code: say
    so, since it may be (or may be about photos, or the code of conduct)."""
    if "consent_contact_qr" in columns:
        return
    for column in header:
        if "consent" in normalise_name(column) or "einverst" in normalise_name(column):
            result.warn(None, f"column {column!r} does not say it is about sharing contact details, so no one gets "
                              "a contact QR code from it; if it is, import with "
                              f"--map '{column}=consent_contact_qr'")
            return


def derived_id(email: str, name: str) -> str:
    """A short id that stays the same when the same person is imported again: from the
    lower-cased email when there is one, else from the name."""
    if email.strip():
        return "E" + hashlib.sha1(email.strip().casefold().encode()).hexdigest()[:9]
    key = clean_text(name).casefold()
    return "N" + hashlib.sha1(key.encode()).hexdigest()[:9]


# -- roles and flags -------------------------------------------------------------------
def role_from_text(text: str) -> Role:
    """The badge role for a ticket, product or role text; Attendee when none matches."""
    folded = text.casefold()
    for role, words in ROLE_WORDS:
        if any(word in folded for word in words):
            return role
    return Role.ATTENDEE


def is_yes(text: str) -> bool:
    """Whether a form answer means yes (in a few languages, or a ticked box)."""
    folded = text.strip().casefold()
    return folded in TRUE_WORDS or folded.startswith(("yes", "i agree", "i consent", "ja,", "oui,"))
