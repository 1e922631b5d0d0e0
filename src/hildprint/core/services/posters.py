"""Poster checks: files or the event's papers against a rule set.

A check loads its rule set once (:meth:`PosterRequest.options` keeps it) and walks each
folder once: :func:`find_poster_files` walks, :func:`check_poster_files` checks the files
found without looking again.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.model import Paper, PosterCheck
from hildprint.core.domain.rules import DEFAULT_RULES, load_rules
from hildprint.core.services.session import EventRef, EventSession, using
from hildprint.core.validate.match import FolderMatch, match_poster_files
from hildprint.core.validate.model import Verdict
from hildprint.core.validate.runner import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    CheckOptions,
    Progress,
    check_files,
)

# -- poster checks ---------------------------------------------------------------------------
POSTER_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
"""Files picked up when a folder is checked; files named one by one are checked whatever
their name (their real format is told by their content)."""


class PosterNotFound(HildprintError, FileNotFoundError):
    """A poster file or folder to check that does not exist."""


class PosterError(HildprintError, ValueError):
    """Poster files that cannot be attached: a paper id the event does not have."""


@dataclass
class PosterRequest:
    """How to check posters: the rule set (name or .json file), the tolerance and the limits
    of each file's worker."""

    rules: str = DEFAULT_RULES
    tolerance_in: float | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    workers: int | None = None
    quick: bool = False
    thumbnails: bool = False
    _loaded: tuple[tuple[Any, ...], CheckOptions] | None = field(default=None, init=False, repr=False,
                                                                 compare=False)

    def options(self) -> CheckOptions:
        """The worker options, with the rule set loaded (RulesError when it cannot be).
        The rule set is loaded on the first call and kept while the request is unchanged."""
        key = (self.rules, self.tolerance_in, self.timeout_s, self.memory_mb, self.quick, self.thumbnails)
        if self._loaded is None or self._loaded[0] != key:
            rules = load_rules(self.rules)
            if self.tolerance_in is not None:
                rules = rules.with_tolerance(self.tolerance_in)
            self._loaded = key, CheckOptions(rules, self.timeout_s, self.memory_mb, self.quick, self.thumbnails)
        return self._loaded[1]


def find_poster_files(paths: list[str | Path]) -> list[Path]:
    """The files to check: each file as given, and the poster files inside each folder
    (walked in name order, hidden entries and symbolic links to folders skipped)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += _poster_files_in(path)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise PosterNotFound(f"{path}: no such file or folder")
    return found


def _poster_files_in(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / f for f in sorted(files)
                  if not f.startswith(".") and f.lower().endswith(POSTER_SUFFIXES)]
    return found


def validate_posters(paths: list[str | Path], request: PosterRequest, progress: Progress | None = None,
                     cancel: Any = None) -> list[Verdict]:
    """Check poster files (folders are walked) against a rule set, in worker processes;
    once ``cancel`` (a threading.Event) is set, files not yet started are marked cancelled."""
    return check_poster_files(find_poster_files(paths), request, progress, cancel)


def check_poster_files(files: list[Path], request: PosterRequest, progress: Progress | None = None,
                       cancel: Any = None, each: Callable[[Verdict], None] | None = None) -> list[Verdict]:
    """Check exactly ``files`` (as :func:`find_poster_files` found them: no folder is
    walked again) against the request's rule set, in worker processes; once ``cancel`` is
    set, files not yet started are marked cancelled. ``each`` gets every verdict as soon
    as its file is done (a window shows it at once)."""
    return check_files(files, request.options(), request.workers, progress, cancel, each)


@dataclass
class EventPosterRun:
    """What checking an event's posters found: one verdict per paper with a poster file."""

    verdicts: list[Verdict] = field(default_factory=list)
    paper_ids: list[str] = field(default_factory=list)
    without_poster: list[str] = field(default_factory=list)
    """Ids of papers that have no poster file yet."""


def validate_event_posters(event: EventRef, request: PosterRequest,
                           progress: Progress | None = None) -> EventPosterRun:
    """Check the poster file of every paper in the event file and record each verdict there.

    Relative poster paths are taken from the event file's folder (for an event on a
    server, from the current working folder: see :attr:`EventSession.folder`).
    """
    options = request.options()
    with using(event) as session:
        papers, folder = session.papers, session.folder
        run = EventPosterRun(without_poster=[p.id for p in papers if not p.poster_file.strip()])
        with_posters = [p for p in papers if p.poster_file.strip()]
        files = [folder / Path(p.poster_file.strip()).expanduser() for p in with_posters]
        run.verdicts = check_files(files, options, request.workers, progress)
        _record_checks(session, with_posters, run)
    return run


def _record_checks(session: EventSession, papers: list[Paper], run: EventPosterRun) -> None:
    run.paper_ids = [p.id for p in papers]
    checked_at = datetime.now(UTC).isoformat(timespec="seconds")
    checks = [
        PosterCheck(paper.id, paper.poster_file, verdict.verdict, verdict.rules, checked_at,
                    [asdict(f) for f in verdict.findings])
        for paper, verdict in zip(papers, run.verdicts)
    ]
    with session.writing() as store:
        store.record_poster_checks(checks)


def poster_checks(event: EventRef) -> list[PosterCheck]:
    """The latest poster check of each paper, as recorded in the event file."""
    with using(event) as session:
        return session.store.poster_checks()


def attach_posters(event: EventRef, files: dict[str, str]) -> None:
    """Set the poster file of papers by id; unknown ids raise PosterError naming them."""
    with using(event) as session:
        unknown = sorted(set(files) - {p.id for p in session.papers})
        if unknown:
            raise PosterError(f"no paper with id {', '.join(unknown)}")
        with session.writing() as store:
            store.set_poster_files(files)




def attach_poster_folder(event: EventRef, folder: str | Path, apply: bool = True) -> FolderMatch:
    """Match the poster files in ``folder`` to the event's papers by name (see
    :func:`match_poster_files`) and, with ``apply``, set the poster file of each paper matched.
    Files under the event file's folder are kept relative to it."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PosterNotFound(f"{folder}: no such folder")
    with using(event) as session:
        match = match_poster_files(find_poster_files([folder]), session.papers)
        if apply and match.matched:
            base = session.folder.resolve()
            files = {m.paper_id: _relative_to(m.file.resolve(), base) for m in match.matched}
            with session.writing() as store:
                store.set_poster_files(files)
    return match


def _relative_to(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)
