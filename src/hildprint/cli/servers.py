"""Several desks on one event: push an event file to a server, pull it back, merge copies."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hildprint.cli.output import EXIT_OK, UsageError, event_location, out
from hildprint.core import services


def _server_url(text: str) -> str:
    if not services.is_server_url(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a server's URL (postgresql://user@host:port/db)")
    return text


def add_push(sub: Any) -> None:
    """``hildprint push FILE URL``: copy an event file onto a PostgreSQL server."""
    p = sub.add_parser("push", help="copy an event file into an empty database on a PostgreSQL server")
    p.add_argument("file", type=Path, metavar="FILE", help="the event file")
    p.add_argument("url", type=_server_url, metavar="URL", help="postgresql://user@host:port/dbname")
    p.add_argument("--replace", action="store_true",
                   help="replace the event the database holds (every record of it there is lost)")
    p.set_defaults(run=_run_push)


def _run_push(args: argparse.Namespace) -> int:
    counts = services.push_event(args.file, args.url, replace=args.replace)
    out(f"pushed {args.file} to {services.server_name(args.url)}: {counts.attendees} people, "
        f"{counts.papers} papers, {counts.sessions} sessions, {counts.prints} badge prints")
    return EXIT_OK


def add_pull(sub: Any) -> None:
    """``hildprint pull URL FILE``: write the server's event into an event file."""
    p = sub.add_parser("pull", help="write the event on a server into an event file (a snapshot)")
    p.add_argument("url", type=_server_url, metavar="URL", help="postgresql://user@host:port/dbname")
    p.add_argument("file", type=Path, metavar="FILE", help="the event file to write")
    p.add_argument("--replace", action="store_true", help="replace FILE when it exists")
    p.set_defaults(run=_run_pull)


def _run_pull(args: argparse.Namespace) -> int:
    counts = services.pull_event(args.url, args.file, overwrite=args.replace)
    out(f"pulled {services.server_name(args.url)} into {args.file}: {counts.attendees} people, "
        f"{counts.papers} papers, {counts.prints} badge prints")
    return EXIT_OK


def add_merge(sub: Any) -> None:
    """``hildprint merge TARGET SOURCE...``: bring copies used offline together."""
    p = sub.add_parser("merge", help="bring the check-ins, walk-ins and print logs of event-file copies "
                                     "into one event (running it twice changes nothing)")
    p.add_argument("target", type=event_location, metavar="TARGET", help="the event to merge into (file or URL)")
    p.add_argument("sources", type=event_location, nargs="+", metavar="SOURCE", help="copies of the same event")
    p.set_defaults(run=_run_merge)


def _run_merge(args: argparse.Namespace) -> int:
    if any(str(source) == str(args.target) for source in args.sources):
        raise UsageError("a SOURCE is the TARGET itself")
    counts = services.merge_events(args.target, args.sources)
    out(f"merged into {args.target}: {counts.check_ins} check-ins, {counts.walk_ins} walk-ins, "
        f"{counts.prints} badge prints")
    for old, new in counts.renumbered.items():
        out(f"  walk-in {old} was taken by someone else: now {new}")
    return EXIT_OK
