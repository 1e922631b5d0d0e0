"""The demo: the sample event and everything hildprint prints from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hildprint.core.services.badges import BadgeRequest, make_badges
from hildprint.core.services.documents import (
    GuidelineRequest,
    SignRequest,
    make_guidelines,
    make_signage,
)
from hildprint.core.services.events import number_boards
from hildprint.core.services.print_runs import (
    PRINT_DOCUMENTS,
    PrintRequest,
    print_documents,
)
from hildprint.core.services.sample import create_sample_event
from hildprint.core.services.session import EventSession

DEMO_EVENT_NAME = "hild2026.hildprint"


@dataclass
class DemoResult:
    """What the demo wrote: the event file and each document, with a line about it."""

    event_path: Path
    outputs: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_demo(outdir: str | Path) -> DemoResult:
    """Create the sample event in ``outdir`` (replacing an earlier demo) and write every
    document hildprint can make from it."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    event_path = outdir / DEMO_EVENT_NAME
    for leftover in (event_path, *(event_path.with_name(event_path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    create_sample_event(event_path)
    result = DemoResult(event_path)
    with EventSession.open(event_path) as session:
        number_boards(session, by_topic=True)
        result.outputs.append((event_path, (
            f"event file: {len(session.attendees)} attendees, {len(session.papers)} papers, "
            f"{len(session.rooms)} rooms, {len(session.sessions)} sessions"
        )))
        for name, sides in (("badges.pdf", "front"), ("badges-duplex.pdf", "duplex")):
            run, _ = make_badges(BadgeRequest(session, outdir / name, sides=sides))
            result.outputs.append((run.path, f"{run.badges} badges on {run.pages} pages ({sides})"))
            result.warnings += [str(w) for w in run.warnings if sides == "front"]
        _demo_print_shop(session, outdir, result)
    return result


DEMO_DIRECTIONS = [("Poster Hall D", "right"), ("Auditorium 327", "up-left"), ("Registration", "left")]


def _demo_print_shop(session: EventSession, outdir: Path, result: DemoResult) -> None:
    others = tuple(d for d in PRINT_DOCUMENTS if d != "badges")
    outcome = print_documents(PrintRequest(session, outdir, others))
    result.outputs += outcome.outputs
    result.warnings += outcome.warnings
    arrows = make_signage(SignRequest(session, outdir / "signs-direction.pdf", "direction", "A3",
                                      DEMO_DIRECTIONS, 8.0))
    result.outputs.append((arrows.path, f"direction signs: {arrows.pages} pages"))
    sheets = make_guidelines(GuidelineRequest(session, outdir / "guidelines-per-paper.pdf", per_paper=True))
    result.outputs.append((sheets.path, f"poster guidelines, one per paper: {sheets.pages} pages"))


