"""The one base class of every failure hildprint expects and explains.

Each part of hildprint raises its own subclass (an unreadable import, a busy event file, a
sign that cannot be made) with a message written for the organiser: it names the file,
row or field and says what to do. The command line catches :class:`HildprintError` alone
and turns it into one line and exit code 2; anything else is a bug.
"""


class HildprintError(Exception):
    """A failure with a message meant for the user (the file, row or field, and why)."""
