"""The programme: rooms and sessions in the event's time, and the poster boards.

Poster boards: which board each paper hangs on, numbered per poster session.
Numbers are stable: assigning again keeps every board already given and fills only the
papers without one, taking the lowest free number in their session (a withdrawn paper's
board is reused before the numbers grow). Within a session, new papers are numbered in
paper-number order, or grouped by topic when asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import LocalTimes, event_zone, local_times
from hildprint.core.domain.model import Event, Paper, Room, Session

NO_ROOM = Room("", "Sessions without a room")
"""Where sessions with no room are listed, so none is left off the signs."""




class BoardError(HildprintError, ValueError):
    """A board assignment that cannot be right (two papers on one board, not a number)."""


@dataclass(frozen=True)
class BoardChange:
    """One paper's board before and after an assignment."""

    paper_id: str
    session: str
    old: str
    new: str


def _session_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _order(paper: Paper, by_topic: bool) -> tuple:
    number = paper.number if paper.number is not None else float("inf")
    return ((paper.topic.casefold(),) if by_topic else ()) + (number, paper.id)


def assign_boards(papers: Iterable[Paper], by_topic: bool = False) -> list[BoardChange]:
    """Board numbers for the papers that lack one (or whose board clashes in its session).

    Papers are numbered per poster session; papers without a session (a paper list with
    no poster sessions) form one block of their own, numbered in paper order. Returns
    the changes; the papers are not modified.
    """
    by_session: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        by_session[_session_key(paper.session)].append(paper)
    changes = []
    for members in by_session.values():
        changes.extend(_assign_in_session(members, by_topic))
    return changes


def _assign_in_session(members: list[Paper], by_topic: bool) -> list[BoardChange]:
    taken: dict[str, str] = {}
    waiting: list[Paper] = []
    for paper in sorted(members, key=lambda p: _order(p, False)):
        board = paper.board.strip()
        if board and board not in taken:
            taken[board] = paper.id
        else:
            waiting.append(paper)
    changes = []
    free = _free_numbers(set(taken))
    for paper in sorted(waiting, key=lambda p: _order(p, by_topic)):
        board = str(next(free))
        taken[board] = paper.id
        changes.append(BoardChange(paper.id, paper.session, paper.board, board))
    return changes


def _free_numbers(taken: set[str]) -> Iterable[int]:
    number = 1
    while True:
        if str(number) not in taken:
            yield number
        number += 1


def check_board_edit(papers: Iterable[Paper], paper_id: str, board: str) -> None:
    """Refuse a board edit that would put two papers of one session on the same board."""
    board = board.strip()
    if board and not board.isalnum():
        raise BoardError(f"board {board!r}: use letters and digits only (e.g. 12 or A12)")
    papers = list(papers)
    target = next((p for p in papers if p.id == paper_id), None)
    if target is None:
        raise BoardError(f"no paper with id {paper_id!r}")
    if not board:
        return
    for other in papers:
        if (other.id != paper_id and other.board == board
                and _session_key(other.session) == _session_key(target.session)):
            raise BoardError(f"board {board} in {target.session or 'no session'} is already "
                             f"paper {other.number or other.id} ({other.title[:40]})")


class SessionFinder:
    """The programme's sessions by id and by title, to find many papers' sessions at once."""

    def __init__(self, sessions: Iterable[Session]):
        self._by_id: dict[str, Session] = {}
        self._by_title: dict[str, Session] = {}
        for session in sorted(sessions, key=lambda s: s.start):
            self._by_id[session.id] = session
            self._by_title.setdefault(_session_key(session.title), session)

    def titled(self, name: str) -> Session | None:
        """The earliest session with this title (in any case and spacing), if any."""
        key = _session_key(name)
        return self._by_title.get(key) if key else None

    def for_paper(self, paper: Paper) -> Session | None:
        """The session the paper is linked to by id, else the one its session name names."""
        return self._by_id.get(paper.session_id) or self.titled(paper.session)

    def link(self, paper: Paper, before: Paper | None = None) -> str:
        """The id of the programme session ``paper`` belongs in ("" when none).

        A link to a session that still exists is kept, so is the one the stored paper
        (``before``, when this is a re-import) had under the same session name: renaming
        the session in the programme does not lose its papers. Otherwise the session
        whose title is the paper's session name is linked.
        """
        if paper.session_id in self._by_id:
            return paper.session_id
        if (before is not None and before.session_id in self._by_id
                and _session_key(before.session) == _session_key(paper.session)):
            return before.session_id
        match = self.titled(paper.session)
        return match.id if match else ""


def poster_session_for(paper: Paper, sessions: Iterable[Session]) -> Session | None:
    """The programme item a paper is presented in: the one it is linked to by id, else the
    first one whose title is the paper's session name; None when there is neither."""
    return SessionFinder(sessions).for_paper(paper)


def session_links(papers: Iterable[Paper], sessions: Iterable[Session]) -> dict[str, str]:
    """Paper id -> session id for each paper whose link (see :meth:`SessionFinder.link`)
    is not the one it has."""
    finder = SessionFinder(sessions)
    links = ((paper.id, paper.session_id, finder.link(paper)) for paper in papers)
    return {paper_id: link for paper_id, old, link in links if link != old}


def board_order(paper: Paper) -> tuple:
    """Sort key: session, then board number (numbers before other labels)."""
    board = paper.board
    return (paper.session.casefold(), (0, int(board), "") if board.isdigit() else (1, 0, board))


@dataclass(frozen=True)
class Programme:
    """An event's rooms and sessions, read in the event's time zone."""

    event: Event
    rooms: list[Room]
    sessions: list[Session]

    def room_days(self) -> dict[tuple[str, date], list[tuple[Session, LocalTimes]]]:
        """Sessions per (room id, local day), in time order; rooms and days in order."""
        zone = event_zone(self.event)
        grouped: dict[tuple[str, date], list[tuple[Session, LocalTimes]]] = defaultdict(list)
        for session in self.sessions:
            times = local_times(session, zone)
            grouped[(session.room_id or NO_ROOM.id, times.day)].append((session, times))
        order = {room.id: index for index, room in enumerate(self.rooms)}
        return {key: sorted(grouped[key], key=lambda item: item[1].start)
                for key in sorted(grouped, key=lambda k: (order.get(k[0], len(order)), k[1]))}

    def room(self, room_id: str) -> Room:
        """The room with this id (a bare one made from the id when unknown)."""
        if room_id == NO_ROOM.id:
            return NO_ROOM
        return next((r for r in self.rooms if r.id == room_id), Room(room_id, room_id))

    def roomless(self) -> int:
        """How many sessions have no room."""
        return sum(not s.room_id for s in self.sessions)
