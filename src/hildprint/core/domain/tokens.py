"""Signed check-in tokens: what a badge's QR code says.

A token is ``<EVENT CODE>:<attendee id>:<signature>``, for example
``HILD26:H001:K7Q2M9XW4T``. The signature is an HMAC-SHA256 of the code and the id with the
event's secret, base32 encoded and cut to 10 characters (50 bits): enough that a forged
badge is hopeless, short enough that the QR code stays at version 4 or below.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.model import Event

SIGNATURE_LENGTH = 10
SEPARATOR = ":"


class TokenError(HildprintError, ValueError):
    """A scanned token that is not a valid badge of this event; the message says why."""


def _signature(event: Event, attendee_id: str) -> str:
    message = f"{event.code}{SEPARATOR}{attendee_id}".encode()
    digest = hmac.new(event.secret.encode(), message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:SIGNATURE_LENGTH]


def make_token(event: Event, attendee_id: str) -> str:
    """The check-in token printed in ``attendee_id``'s badge QR code."""
    if not event.code or SEPARATOR in event.code:
        raise ValueError(f"the event needs a short code without ':' (got {event.code!r})")
    return SEPARATOR.join((event.code, attendee_id, _signature(event, attendee_id)))


def verify_token(event: Event, token: str) -> str:
    """Return the attendee id in ``token`` if it is a genuine badge of ``event``.

    Raises :class:`TokenError` for a token of another event, a malformed one, or one
    whose signature does not match (a forged or altered badge).
    """
    text = token.strip()
    code, sep, rest = text.partition(SEPARATOR)
    attendee_id, sep2, signature = rest.rpartition(SEPARATOR)
    if not (sep and sep2 and code and attendee_id and signature):
        raise TokenError(f"not a badge code: {_preview(text)}")
    if code.upper() != event.code.upper():
        raise TokenError(f"this badge belongs to another event ({_preview(code)}, not {event.code})")
    if not hmac.compare_digest(signature.upper(), _signature(event, attendee_id)):
        raise TokenError(f"the badge code for {_preview(attendee_id)} is not genuine (signature does not match)")
    return attendee_id


def _preview(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[:limit] + "…"
    return repr(shown)
