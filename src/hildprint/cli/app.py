"""The ``hildprint`` program: the parser of every command, and how a run ends.

Exit codes: 0 success, 1 problems found (rejected rows, failed checks, a refused scan or
printer), 2 usage errors or expected failures (an unreadable file, a busy event file).
Errors are one line; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from hildprint import __version__
from hildprint.cli import badges, desk, documents, events, poster_fixes, posters, servers
from hildprint.cli.output import EXIT_OK, EXIT_USAGE, UsageError, err
from hildprint.core import services

INTERRUPTED = 130
"""The exit code of a run stopped with Ctrl+C (128 + SIGINT), as shells expect."""

COMMANDS: list[Callable[[Any], None]] = [
    events.add_new, events.add_event, events.add_import, events.add_list, events.add_export, events.add_boards,
    badges.add_badges, badges.add_stocks, posters.add_validate, posters.add_rules,
    poster_fixes.add_fit_poster, poster_fixes.add_attach_posters, poster_fixes.add_poster_order,
    documents.add_signage, documents.add_board_labels, documents.add_guidelines,
    desk.add_checkin, desk.add_print_badge, desk.add_walk_in, servers.add_push, servers.add_pull,
    servers.add_merge, events.add_demo,
]
"""Each adds one subcommand to the parser, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="hildprint",
        description="Badges, signage, poster checks and the badge desk for a workshop.",
    )
    parser.add_argument("--version", action="version", version=f"hildprint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        err(f"hildprint: {error}")
        return EXIT_USAGE
    except services.HildprintError as error:
        if args.debug:
            raise
        err(f"hildprint: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err("hildprint: interrupted")
        return INTERRUPTED
    except BrokenPipeError:  # output piped into head/less that closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # the last line of defence: one clear line, not a traceback
        if args.debug:
            raise
        err(f"hildprint: unexpected error: {type(error).__name__}: {error} (run with --debug for details)")
        return EXIT_USAGE
