"""Badge commands: badges (a sheet run) and stocks (what they can be printed on)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hildprint.cli.output import EXIT_OK, EXIT_PROBLEMS, MAP, UsageError, out, progress_bar
from hildprint.core import services


def add_badges(sub: Any) -> None:
    """``hildprint badges SOURCE -o OUT.pdf``: name badges for an event file or an export."""
    p = sub.add_parser("badges", help="print name badges")
    p.add_argument("source", type=Path, help="an event file, or an attendee export")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--stock", default=services.DEFAULT_STOCK,
                   help=f"label stock (default {services.DEFAULT_STOCK}; see 'hildprint stocks')")
    p.add_argument("--grid", metavar="PAPER:BADGE[:MARGIN[:GAP]]",
                   help="a custom grid instead of --stock, e.g. A4:90x55:10:5 (sizes in mm)")
    p.add_argument("--template", default=services.DEFAULT_TEMPLATE,
                   help="badge template name, .json file, or 'event' for the design kept in the event file")
    p.add_argument("--only", action="append", default=[], metavar="ID[,ID...]", help="only these attendee ids")
    p.add_argument("--role", default="", help="only people with this role (Speaker, Author, ...)")
    sides = p.add_mutually_exclusive_group()
    sides.add_argument("--duplex", dest="sides", action="store_const", const="duplex",
                       help="add back pages, mirrored for a long-edge flip")
    sides.add_argument("--fold", dest="sides", action="store_const", const="fold",
                       help="front and back on one sheet, folded")
    p.add_argument("--no-crop-marks", dest="crop_marks", action="store_const", const=False, default=None)
    p.add_argument("--crop-marks", dest="crop_marks", action="store_const", const=True,
                   help="draw crop marks even on pre-cut stock")
    p.add_argument("--format", dest="fmt", default="auto", choices=services.IMPORT_FORMATS["attendees"],
                   help="format of an export SOURCE")
    p.add_argument("--map", action="append", metavar=MAP.shape)
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    p.set_defaults(run=_run_badges, sides="front")


def _run_badges(args: argparse.Namespace) -> int:
    request = services.BadgeRequest(
        source=args.source, out=args.output, stock=args.stock, template=args.template,
        only=[i.strip() for chunk in args.only for i in chunk.split(",") if i.strip()],
        role=args.role, sides=args.sides, crop_marks=args.crop_marks, fmt=args.fmt,
        mapping=MAP.mapping(args.map), grid=parse_grid(args.grid) if args.grid else None,
    )
    bar = progress_bar("badges")
    run, selection = services.make_badges(request, progress=bar, workers=args.workers)
    if bar:
        bar.finish()
    for note in selection.notes:
        out(f"note: {note}")
    out(f"{run.path}: {run.badges} badges on {run.pages} pages in {run.seconds:.1f} s")
    if selection.unknown_ids:
        out(f"warning: no attendee with id {', '.join(selection.unknown_ids)}")
    for warning in run.warnings:
        out(f"warning: {warning}")
    if not run.badges:
        out("warning: nobody matched; no PDF was written")
    return EXIT_PROBLEMS if run.warnings or selection.unknown_ids or not run.badges else EXIT_OK


def parse_grid(text: str) -> services.Stock:
    """The stock a ``--grid PAPER:BADGE[:MARGIN[:GAP]]`` describes; UsageError when it cannot be."""
    parts = text.split(":")
    if not 2 <= len(parts) <= 4:
        raise UsageError(f"--grid {text!r}: expected PAPER:BADGE[:MARGIN[:GAP]], e.g. A4:90x55:10:5")
    try:
        numbers = [float(p) for p in parts[2:]]
        return services.custom_grid(parts[0], parts[1], *numbers)
    except ValueError as error:
        raise UsageError(f"--grid {text}: {error}") from error


def add_stocks(sub: Any) -> None:
    """``hildprint stocks``: the label stock and badge templates there are."""
    p = sub.add_parser("stocks", help="list label stock and badge templates")
    p.set_defaults(run=_run_stocks)


def _run_stocks(args: argparse.Namespace) -> int:
    stocks = services.list_stocks()
    width = max(len(s.name) for s in stocks)
    for stock in stocks:
        default = "  (default)" if stock.name == services.DEFAULT_STOCK else ""
        out(f"{stock.name:<{width}}  {stock.describe()}{default}")
        if stock.description:
            out(f"{'':<{width}}  {stock.description}")
    out(f"templates: {', '.join(services.list_templates())}")
    return EXIT_OK
