"""Signed check-in tokens: what a badge's QR code says.

A token is ``<EVENT CODE>:<attendee id>:<signature>``, for example
``HILD26:H001:K7Q2M9XW4T``. The signature is an HMAC-SHA256 of the code and the id with the
event's secret, base32 encoded and cut to 10 characters (50 bits): enough that a forged
badge is hopeless, short enough that the QR code stays at version 4 or below.

A plain id (printable ASCII without spaces, not starting with ``$``) is written as it is.
Any other id (a space, any Unicode) is written as ``$`` and the base32 of its UTF-8
bytes, so every scanner types it back unchanged: ``Reg 42`` becomes ``$KJSWOIBUGI``. The
signature always covers the id itself, so tokens of plain ids made before this encoding
existed stay valid.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.model import Event

SIGNATURE_LENGTH = 10
SEPARATOR = ":"
ENCODED = "$"
"""Marks an id written as base32 of its UTF-8 bytes."""
_PLAIN_ID = re.compile(r"[!-~]+")
_EVENT_CODE = re.compile(r"[A-Za-z0-9]{1,16}")


class TokenError(HildprintError, ValueError):
    """A scanned token that is not a valid badge of this event; the message says why."""


class BadEventCode(HildprintError, ValueError):
    """An event code that cannot go into a badge's QR code; the message says why."""


def check_event_code(code: str) -> str:
    """``code`` when it can mark this event's badges: 1 to 16 letters and digits (it
    is the first part of every token, so a space or ':' would make badges unscannable)."""
    if not _EVENT_CODE.fullmatch(code or ""):
        raise BadEventCode(f"event code {_preview(code)}: use 1 to 16 letters and digits "
                           "(A-Z, 0-9), no spaces or punctuation; it starts every badge's QR code")
    return code


def encode_id(attendee_id: str) -> str:
    """The id as it appears in a token: plain ids as they are, others in base32."""
    if _PLAIN_ID.fullmatch(attendee_id) and not attendee_id.startswith(ENCODED):
        return attendee_id
    return ENCODED + base64.b32encode(attendee_id.encode()).decode().rstrip("=")


def _decoded_ids(written: str) -> list[str]:
    """The ids a token's middle part may stand for: its base32 reading (when it has
    one) and the text itself (an old token of an id beginning with ``$``)."""
    if not written.startswith(ENCODED):
        return [written]
    body = written[len(ENCODED):]
    try:
        decoded = base64.b32decode(body + "=" * (-len(body) % 8), casefold=True).decode()
    except (binascii.Error, ValueError):
        return [written]
    return [decoded, written]


def _signature(event: Event, attendee_id: str) -> str:
    message = f"{event.code}{SEPARATOR}{attendee_id}".encode()
    digest = hmac.new(event.secret.encode(), message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:SIGNATURE_LENGTH]


def make_token(event: Event, attendee_id: str) -> str:
    """The check-in token printed in ``attendee_id``'s badge QR code."""
    check_event_code(event.code)
    return SEPARATOR.join((event.code, encode_id(attendee_id), _signature(event, attendee_id)))


def verify_token(event: Event, token: str) -> str:
    """Return the attendee id in ``token`` if it is a genuine badge of ``event``.

    Raises :class:`TokenError` for a token of another event, a malformed one, or one
    whose signature does not match (a forged or altered badge).
    """
    text = as_text(token).strip()
    code, sep, rest = text.partition(SEPARATOR)
    written, sep2, signature = rest.rpartition(SEPARATOR)
    if not (sep and sep2 and code and written and signature):
        raise TokenError(f"not a badge code: {_preview(text)}")
    if code.upper() != event.code.upper():
        raise TokenError(f"this badge belongs to another event ({_preview(code)}, not {event.code})")
    for attendee_id in _decoded_ids(written):
        if hmac.compare_digest(signature.upper().encode(), _signature(event, attendee_id).encode()):
            return attendee_id
    raise TokenError(f"the badge code for {_preview(_decoded_ids(written)[0])} is not genuine "
                     "(signature does not match)")


def as_text(scanned: str | bytes) -> str:
    """What was scanned, as text; TokenError when it is not UTF-8 (a scanner or a shell
    can hand over any bytes)."""
    try:
        if isinstance(scanned, bytes):
            return scanned.decode()
        scanned.encode()
    except UnicodeError as error:
        raise TokenError("not a badge code: it holds bytes that are not UTF-8 text") from error
    return scanned


def _preview(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[:limit] + "…"
    return repr(shown).encode("utf-8", "backslashreplace").decode()
