"""Documents from an event file: signage, board labels, poster guidelines."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hildprint.cli.output import EXIT_OK, EXIT_PROBLEMS, PairOption, UsageError, event_location, out
from hildprint.core import services

PAPERS = ("A4", "A3", "A2", "letter", "tabloid", "24x36in")
"""Paper sizes named in the help (any size ``paper_size`` knows is accepted)."""

SIGN = PairOption("--sign", "PLACE=DIRECTION", "Posters=right")


def paper_name(text: str) -> str:
    """An argparse type: ``text`` when it is a known paper size or WxH in mm."""
    try:
        services.paper_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text


def add_signage(sub: Any) -> None:
    """``hildprint signage EVENT -o OUT.pdf``: door or direction signs, or the programme poster."""
    p = sub.add_parser("signage", help="door signs, direction signs or the programme poster")
    p.add_argument("event", type=event_location, help="the event file")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--kind", choices=services.SIGN_KINDS, default="door",
                   help="door: one sign per room per day (default); direction: a place and an arrow; "
                        "agenda: the programme at a glance")
    p.add_argument("--paper", type=paper_name, default=None,
                   help=f"paper size: {', '.join(PAPERS)} or WxH in mm (default A4; A2 for agenda)")
    p.add_argument("--sign", action="append", default=[], metavar=SIGN.shape,
                   help="a direction sign, e.g. 'Posters=right' (right, up-right, up, up-left, left, "
                        "down-left, down, down-right); repeat for more")
    p.add_argument("--distance", type=float, default=None, metavar="FEET",
                   help="viewing distance that sets the letter height (1 in per 10 ft; "
                        "default 6 ft for doors, 10 ft for directions)")
    p.set_defaults(run=_run_signage)


def _run_signage(args: argparse.Namespace) -> int:
    signs = SIGN.parse(args.sign)
    if args.kind == "direction" and not signs:
        raise UsageError("--kind direction needs at least one --sign PLACE=DIRECTION, e.g. 'Posters=right'")
    if signs and args.kind != "direction":
        raise UsageError("--sign is only for --kind direction")
    if args.distance is not None and args.distance <= 0:
        raise UsageError("--distance must be a positive number of feet")
    run = services.make_signage(services.SignRequest(
        args.event, args.output, args.kind, args.paper or "", signs, args.distance))
    out(f"{run.path}: {args.kind} signs, {run.pages} pages")
    for warning in run.warnings:
        out(f"warning: {warning}")
    return EXIT_PROBLEMS if run.warnings else EXIT_OK


def add_board_labels(sub: Any) -> None:
    """``hildprint board-labels EVENT -o OUT.pdf``: a label per poster board."""
    p = sub.add_parser("board-labels", help="a label per poster board (numbers boards that have none)")
    p.add_argument("event", type=event_location, help="the event file")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--paper", type=paper_name, default="A4", help="paper size (default A4, landscape)")
    p.set_defaults(run=_run_board_labels)


def _run_board_labels(args: argparse.Namespace) -> int:
    result = services.make_board_labels(args.event, args.output, args.paper)
    if result.numbered:
        out(f"numbered {len(result.numbered)} papers that had no board")
    out(f"{result.run.path}: {result.run.pages} board labels")
    for warning in result.run.warnings:
        out(f"warning: {warning}")
    return EXIT_PROBLEMS if result.run.warnings else EXIT_OK


def add_guidelines(sub: Any) -> None:
    """``hildprint guidelines EVENT -o OUT.pdf``: poster guidelines for authors."""
    p = sub.add_parser("guidelines", help="poster guidelines for authors")
    p.add_argument("event", type=event_location, help="the event file")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--per-paper", action="store_true",
                   help="one sheet per paper with its board and session time")
    p.add_argument("--mounting", choices=sorted(services.MOUNTINGS), default="",
                   help="how posters are hung (remembered in the event file; default tape)")
    p.add_argument("--paper", type=paper_name, default="A4", help="paper size (default A4)")
    p.add_argument("--rules", default=services.DEFAULT_RULES,
                   help=f"the print rule set to explain (default {services.DEFAULT_RULES}; see 'hildprint rules')")
    p.add_argument("--no-virtual", action="store_true", help="leave out the virtual poster rules")
    p.set_defaults(run=_run_guidelines)


def _run_guidelines(args: argparse.Namespace) -> int:
    request = services.GuidelineRequest(args.event, args.output, args.per_paper, args.mounting, args.paper,
                                        args.rules)
    if args.no_virtual:
        request.virtual_rules = ()
    run = services.make_guidelines(request)
    out(f"{run.path}: poster guidelines, {run.pages} pages")
    return EXIT_OK
