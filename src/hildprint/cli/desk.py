"""The badge desk from a shell: checkin and print-badge (on a CUPS queue or into a PDF)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hildprint.cli.output import EXIT_OK, EXIT_PROBLEMS, err, event_location, out
from hildprint.core import services


def add_checkin(sub: Any) -> None:
    """``hildprint checkin EVENT TOKEN_OR_ID``: check a person in."""
    p = sub.add_parser("checkin", help="check a person in by a scanned badge code or their id")
    p.add_argument("event", type=event_location)
    p.add_argument("token", metavar="TOKEN_OR_ID", help="the badge's QR code text (CODE:id:signature) or an id")
    p.add_argument("--desk", default="", help="this desk's name in the log (default: the machine's name)")
    p.set_defaults(run=_run_checkin)


def _run_checkin(args: argparse.Namespace) -> int:
    with services.open_desk(args.event, args.desk) as desk:
        try:
            result = desk.check_in(args.token)
        except services.DeskError as error:
            err(f"refused ({error.reason}): {error}")
            return EXIT_PROBLEMS
    person = result.person
    when = "checked in at" if result.first_time else "already checked in at"
    out(f"{person.name}")
    out(f"  {person.id}, {person.affiliation or 'no affiliation'}, {person.role}: {when} {result.when}")
    return EXIT_OK


def add_walk_in(sub: Any) -> None:
    """``hildprint walk-in EVENT --name NAME``: register and check in someone not on the list."""
    p = sub.add_parser("walk-in", help="register and check in someone who is not on the list; prints the new id")
    p.add_argument("event", type=event_location)
    p.add_argument("--name", required=True, help="the name as it goes on the badge")
    p.add_argument("--affiliation", default="")
    p.add_argument("--role", default="", help="Attendee (the default), Speaker, Organizer, ...")
    p.add_argument("--desk", default="", help="this desk's name in the log (default: the machine's name)")
    p.add_argument("--json", action="store_true", help="print the new person as JSON")
    p.set_defaults(run=_run_walk_in)


def _run_walk_in(args: argparse.Namespace) -> int:
    try:
        person = services.add_walk_in(args.event, args.name, args.affiliation, args.role, args.desk)
    except services.DeskError as error:
        err(f"refused ({error.reason}): {error}")
        return EXIT_PROBLEMS
    if args.json:
        out(json.dumps(asdict(person), ensure_ascii=False))
    else:
        out(person.id)
    return EXIT_OK


def add_print_badge(sub: Any) -> None:
    """``hildprint print-badge EVENT ID``: one badge on a CUPS queue or into a PDF."""
    p = sub.add_parser("print-badge", help="print one person's badge at 100 %% on a printer or into a PDF")
    p.add_argument("event", type=event_location)
    p.add_argument("id", metavar="ID", help="the attendee id (or a scanned badge code)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--printer", default="", metavar="NAME", help="a CUPS printer queue (see 'lpstat -p')")
    where.add_argument("-o", "--output", type=Path, help="the PDF to write (default: EVENT-desk/ID.pdf)")
    p.add_argument("--stock", default=services.DEFAULT_STOCK, help="label stock; badges from sheets of plain "
                   "paper print on a page of one badge's size")
    p.add_argument("--template", default=services.DEFAULT_TEMPLATE)
    p.add_argument("--desk", default="", help="this desk's name in the log (default: the machine's name)")
    p.set_defaults(run=_run_print_badge)


def _run_print_badge(args: argparse.Namespace) -> int:
    printer = services.CupsPrinter(args.printer) if args.printer else None
    with services.open_desk(args.event, args.desk, args.stock, args.template) as desk:
        try:
            attendee_id = desk.identify(args.id)
        except services.DeskError as error:
            err(f"refused ({error.reason}): {error}")
            return EXIT_PROBLEMS
        pdf = args.output or services.desk_pdf_path(args.event, attendee_id)
        if args.output is None:
            pdf.parent.mkdir(exist_ok=True)
        try:
            result = desk.print_badge(attendee_id, pdf, args.printer or None, printer)
        except services.PrinterError as error:
            err(f"hildprint: {error}")
            return EXIT_PROBLEMS
    copy = f"copy {result.record.copy}" + (" (a reprint)" if result.record.reprint else "")
    out(f"{result.person.name}: badge {copy} → {result.record.printer}")
    if printer is not None and printer.jobs[-1]:
        out(f"  CUPS job {printer.jobs[-1]} (lpstat -o {args.printer} shows it until it is printed)")
    for warning in result.warnings:
        out(f"warning: {warning}")
    return EXIT_OK
