"""A print run: several documents into one folder."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hildprint.core.domain.rules import RulesError
from hildprint.core.layout.stock import DEFAULT_STOCK
from hildprint.core.render.batch import Progress
from hildprint.core.render.guidelines import (
    GuidelineError,
)
from hildprint.core.render.labels import LabelError
from hildprint.core.render.signage import (
    SignError,
)
from hildprint.core.services.badges import (
    BadgeRequest,
    BadgeSelection,
    badge_people,
    badge_warnings,
    make_badges,
)
from hildprint.core.services.designs import EVENT_TEMPLATE
from hildprint.core.services.documents import (
    GuidelineRequest,
    SignRequest,
    make_board_labels,
    make_guidelines,
    make_signage,
)
from hildprint.core.services.session import EventRef, using

# -- a print run: several documents into one folder -------------------------------------------
PRINT_DOCUMENTS = ("badges", "door-signs", "programme", "board-labels", "guidelines")
"""What a print run can make, in the order it makes them."""


@dataclass
class PrintRequest:
    """A print run: which documents, into which folder; badges for everyone, the people
    listed in ``only`` or one ``role``, on the given stock and template."""

    event: EventRef
    folder: Path
    documents: tuple[str, ...] = PRINT_DOCUMENTS
    only: list[str] = field(default_factory=list)
    role: str = ""
    stock: str = DEFAULT_STOCK
    template: str = EVENT_TEMPLATE
    workers: int | None = None


@dataclass
class PrintOutcome:
    """What a print run wrote (path and a line about it), its warnings, and whether it
    was cancelled (a cancelled document is not written; earlier ones stay)."""

    outputs: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    badge_warnings: list[Any] = field(default_factory=list)
    cancelled: bool = False


def _badge_request(request: PrintRequest, out: Path) -> BadgeRequest:
    return BadgeRequest(request.event, out, request.stock, request.template, list(request.only), request.role)


def check_badges(request: PrintRequest, progress: Progress | None = None, cancel: Any = None) -> list[Any]:
    """The badge warnings a print run would give (characters no font has, names shrunk
    or cut to fit), from the badges' layout alone: nothing is drawn or written."""
    return badge_warnings(_badge_request(request, request.folder / "badges.pdf"), progress, cancel)


def print_documents(request: PrintRequest, progress: Progress | None = None, cancel: Any = None) -> PrintOutcome:
    """Make each requested document in ``request.folder``. ``progress`` gets (steps done,
    steps in all): one per badge and one per other document; ``cancel`` stops the run."""
    unknown = sorted(set(request.documents) - set(PRINT_DOCUMENTS))
    if unknown:
        raise ValueError(f"cannot print {', '.join(unknown)}; choose from {', '.join(PRINT_DOCUMENTS)}")
    request.folder.mkdir(parents=True, exist_ok=True)
    with using(request.event) as session:
        return _print_all(replace(request, event=session), progress, cancel)


def _print_all(request: PrintRequest, progress: Progress | None, cancel: Any) -> PrintOutcome:
    wanted = badge_people(_badge_request(request, request.folder)) if "badges" in request.documents else None
    people = len(wanted.people) if wanted else 0
    total = people + sum(1 for d in request.documents if d != "badges")
    outcome, done = PrintOutcome(), 0
    for document in (d for d in PRINT_DOCUMENTS if d in request.documents):
        if cancel is not None and cancel.is_set():
            outcome.cancelled = True
            break
        if document == "badges":
            _print_badges(request, wanted, outcome, (lambda n, _t: progress(n, total)) if progress else None,
                          cancel)
            done += people
        else:
            try:
                _print_other(request, document, outcome)
            except (SignError, LabelError, GuidelineError, RulesError) as error:
                outcome.warnings.append(f"{document} not made: {error}")
            done += 1
        if progress:
            progress(done, total)
    return outcome


def _print_badges(request: PrintRequest, selection: BadgeSelection | None, outcome: PrintOutcome,
                  progress: Progress | None, cancel: Any) -> None:
    out = request.folder / "badges.pdf"
    run, selection = make_badges(_badge_request(request, out), progress, cancel, request.workers, selection)
    outcome.warnings += selection.notes
    outcome.badge_warnings += run.warnings
    if run.cancelled:
        outcome.cancelled = True
    elif run.badges:
        outcome.outputs.append((run.path, f"{run.badges} badges on {run.pages} pages"))
    else:
        outcome.warnings.append("no badges: nobody matches the selection")


def _print_other(request: PrintRequest, document: str, outcome: PrintOutcome) -> None:
    folder, event = request.folder, request.event
    if document in ("door-signs", "programme"):
        kind = "door" if document == "door-signs" else "agenda"
        run = make_signage(SignRequest(event, folder / f"signs-{kind}.pdf", kind))
        outcome.outputs.append((run.path, f"{'door signs' if kind == 'door' else 'programme poster'}: "
                                          f"{run.pages} pages"))
        outcome.warnings += run.warnings
    elif document == "board-labels":
        labels = make_board_labels(event, folder / "board-labels.pdf")
        outcome.outputs.append((labels.run.path, f"{labels.run.pages} poster-board labels"))
        outcome.warnings += labels.run.warnings
    else:
        sheets = make_guidelines(GuidelineRequest(event, folder / "guidelines.pdf"))
        outcome.outputs.append((sheets.path, f"poster guidelines: {sheets.pages} pages"))
