"""The one base class of every failure hildprint expects and explains.

Each part of hildprint raises its own subclass (an unreadable import, a busy event file, a
sign that cannot be made) with a message written for the organiser: it names the file,
row or field and says what to do. The command line catches :class:`HildprintError` alone
and turns it into one line and exit code 2; anything else is a bug.
"""

import unicodedata


class HildprintError(Exception):
    """A failure with a message meant for the user (the file, row or field, and why)."""


MESSAGE_LIMIT = 1000
"""Characters of one message line; the rest is counted, not printed."""


def one_line(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` as one printable line: line breaks and other control characters (from a
    file name, say) escaped, bytes that are not UTF-8 shown as ``\\xNN``, and cut after
    ``limit`` characters with a count of the rest."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte stands for
        text = text.encode("utf-8", "backslashreplace").decode()
    text = "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in text) \
        if any(unicodedata.category(c) == "Cc" for c in text) else text
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit:,} more characters)"
    return text
