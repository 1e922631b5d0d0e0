"""The event file from a shell: new, import, list, export, boards, demo, and how errors end a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pdfplumber
import pytest

from hildprint.cli import main


def test_new_creates_an_event_with_a_code(tmp_path, capsys):
    """`hildprint new` makes the file and derives the short code from the name."""
    path = tmp_path / "hild.hildprint"
    assert main(["new", str(path), "--name", "HiLD 2026", "--timezone", "Asia/Seoul",
                 "--start", "2026-07-10", "--end", "2026-07-11"]) == 0
    assert "HILD26" in capsys.readouterr().out
    assert main(["list", str(path), "attendees", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_new_refuses_an_unknown_time_zone(tmp_path, capsys):
    """A misspelt time zone is a usage error (exit 2) with one line, and no file is made."""
    path = tmp_path / "x.hildprint"
    assert main(["new", str(path), "--name", "X", "--timezone", "Asia/Soul"]) == 2
    err = capsys.readouterr().err
    assert "Asia/Soul" in err and "Traceback" not in err
    assert not path.exists()


def test_new_refuses_to_overwrite(tmp_path, capsys):
    """Creating over an existing event file fails with exit 2 and says so."""
    path = tmp_path / "x.hildprint"
    assert main(["new", str(path), "--name", "X"]) == 0
    assert main(["new", str(path), "--name", "Y"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_list_of_a_missing_file_is_one_line(tmp_path, capsys):
    """Listing a file that does not exist exits 2 with a single clear line."""
    assert main(["list", str(tmp_path / "none.hildprint"), "rooms"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"hildprint: {tmp_path / 'none.hildprint'}: no such event file"]


def test_demo_builds_the_sample_event(tmp_path, capsys):
    """`hildprint demo` writes the sample event with its people, papers and programme."""
    assert main(["demo", str(tmp_path)]) == 0
    assert "42 attendees" in capsys.readouterr().out
    event = tmp_path / "hild2026.hildprint"
    assert main(["list", str(event), "attendees", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert len(people) == 42
    assert set(people[0]) >= {"id", "first_name", "last_name", "display_name", "affiliation",
                              "role", "email", "country", "consent_contact_qr", "checked_in_at"}
    assert main(["list", str(event), "sessions", "--json"]) == 0
    sessions = json.loads(capsys.readouterr().out)
    assert sum(s["cancelled"] for s in sessions) == 1


def test_demo_twice_replaces_the_first(tmp_path, capsys):
    """Running the demo again starts from a fresh sample event instead of failing."""
    assert main(["demo", str(tmp_path)]) == 0
    assert main(["demo", str(tmp_path)]) == 0


def test_bad_map_is_a_usage_error(tmp_path, capsys):
    """--map without '=' is refused with an example of the right form."""
    path = tmp_path / "e.hildprint"
    main(["new", str(path), "--name", "E"])
    source = tmp_path / "people.csv"
    source.write_text("Name\nA\n")
    assert main(["import", str(path), "attendees", str(source), "--map", "Vorname"]) == 2
    assert "COLUMN=FIELD" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    """An unknown command is an argparse usage error: exit 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_import_caps_warnings_and_notes_records_missing_from_the_file(tmp_path, capsys):
    """Long warning lists are cut to 20 with a count (and the import exits 1: it warned);
    ids no longer in the file are named."""
    event = tmp_path / "e.hildprint"
    main(["new", str(event), "--name", "E"])
    rows = ["id,title,authors"] + [f"p{i},=Title {i},A" for i in range(30)]
    first = tmp_path / "papers.csv"
    first.write_text("\n".join(rows) + "\n")
    assert main(["import", str(event), "papers", str(first)]) == 1
    out = capsys.readouterr().out
    assert out.count("warning:") == 20 and "and 10 more warnings" in out
    second = tmp_path / "fewer.csv"
    second.write_text("\n".join(rows[:29]) + "\n")
    assert main(["import", str(event), "papers", str(second)]) == 1
    out = capsys.readouterr().out
    assert "2 papers already in the event file are not in this file and were kept: p28, p29" in out


def test_demo_writes_every_document(tmp_path, capsys):
    """The demo's output folder holds badges, all three kinds of signs, board labels and
    both kinds of guidelines, each a non-empty PDF."""
    assert main(["demo", str(tmp_path)]) == 0
    names = ["badges.pdf", "badges-duplex.pdf", "signs-door.pdf", "signs-direction.pdf", "signs-agenda.pdf",
             "board-labels.pdf", "guidelines.pdf", "guidelines-per-paper.pdf"]
    for name in names:
        assert (tmp_path / name).read_bytes()[:5] == b"%PDF-", name
    out = capsys.readouterr().out
    assert "door signs: 6 pages" in out and "25 poster-board labels" in out


def test_new_refuses_a_last_day_before_the_first(tmp_path, capsys):
    """`hildprint new` with --end before --start exits 2, names both days, writes nothing."""
    path = tmp_path / "x.hildprint"
    assert main(["new", str(path), "--name", "X", "--start", "2026-09-10", "--end", "2026-09-08"]) == 2
    assert "last day (2026-09-08) is before the first day (2026-09-10)" in capsys.readouterr().err
    assert not path.exists()


def test_event_refuses_a_last_day_before_the_first(tmp_path, capsys):
    """`hildprint event --end` before the first day exits 2 and changes nothing."""
    path = tmp_path / "e.hildprint"
    assert main(["new", str(path), "--name", "HiLD", "--start", "2026-09-10", "--end", "2026-09-11"]) == 0
    assert main(["event", str(path), "--venue", "COEX", "--end", "2026-09-12"]) == 0
    assert "COEX" in capsys.readouterr().out
    assert main(["event", str(path), "--end", "2026-09-01"]) == 2
    assert "is before the first day" in capsys.readouterr().err
    assert main(["event", str(path)]) == 0
    assert "2026-09-10 to 2026-09-12" in capsys.readouterr().out

def test_boards_assign_numbers_a_paper_list_without_sessions(tmp_path, capsys):
    """The SEA workshop's accepted papers (no poster sessions) get boards 1..93 in paper
    order from `boards --assign`, and `board-labels` prints one label per paper."""
    event = tmp_path / "e.hildprint"
    main(["new", str(event), "--name", "SEA 2025", "--timezone", "America/Los_Angeles"])
    source = Path(__file__).parents[1] / "data" / "papers" / "workshop-sea-neurips2025-accepted-papers.csv"
    main(["import", str(event), "papers", str(source)])
    capsys.readouterr()
    assert main(["boards", str(event), "--assign"]) == 0
    assert "numbered 93 boards" in capsys.readouterr().out
    assert main(["boards", str(event), "--json"]) == 0
    boards = json.loads(capsys.readouterr().out)
    by_number = sorted(boards, key=lambda p: p["number"])
    assert [p["board"] for p in by_number] == [str(i) for i in range(1, 94)]
    out = tmp_path / "labels.pdf"
    assert main(["board-labels", str(event), "-o", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 93


@pytest.mark.parametrize("code", ["HI LD", "A:B"])
def test_new_refuses_a_code_badges_cannot_carry(tmp_path, capsys, code):
    """``--code`` with a space or ':' is refused at ``new`` with one line naming the rule,
    and no file is made (badges printed with it would not scan)."""
    path = tmp_path / "x.hildprint"
    assert main(["new", str(path), "--name", "X", "--code", code]) == 2
    err = capsys.readouterr().err
    assert repr(code) in err and "letters and digits" in err and "Traceback" not in err
    assert not path.exists()


def test_an_id_with_a_space_checks_in_by_its_badge_token(tmp_path, capsys):
    """A person imported with id ``Reg 42`` checks in with the token their badge carries;
    a token of bytes that are not UTF-8 is refused, not a crash."""
    path, source = tmp_path / "x.hildprint", tmp_path / "p.csv"
    source.write_text("id,first_name,last_name\nReg 42,Ana,Lima\n", encoding="utf-8")
    assert main(["new", str(path), "--name", "X", "--code", "T1"]) == 0
    assert main(["import", str(path), "attendees", str(source)]) == 0
    from hildprint.core.domain.model import Event
    from hildprint.core.domain.tokens import make_token
    from hildprint.core.store.sqlite import EventStore
    with EventStore.open(path) as store:
        event: Event = store.event
    assert main(["checkin", str(path), make_token(event, "Reg 42")]) == 0
    assert "Ana Lima" in capsys.readouterr().out
    assert main(["checkin", str(path), b"T1:\xff:ABC".decode("utf-8", "surrogateescape")]) == 1
    captured = capsys.readouterr()
    assert "not UTF-8" in captured.out + captured.err


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path, capsys):
    """A file name holding a newline is escaped in the message, which stays one line."""
    path = tmp_path / "evil\nname.csv"
    path.write_text("", encoding="utf-8")
    assert main(["new", str(tmp_path / "e.hildprint"), "--name", "E"]) == 0
    capsys.readouterr()
    assert main(["import", str(tmp_path / "e.hildprint"), "attendees", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "evil\\nname.csv" in err


def test_a_huge_message_is_cut_to_one_readable_line(tmp_path, capsys):
    """An unreadable JSON paper file whose keys are 200 KB long gives a line of about
    1,000 characters saying how much was left out."""
    path = tmp_path / "papers.json"
    path.write_text('{"' + "k" * 200_000 + '": 1}', encoding="utf-8")
    assert main(["new", str(tmp_path / "e.hildprint"), "--name", "E"]) == 0
    capsys.readouterr()
    assert main(["import", str(tmp_path / "e.hildprint"), "papers", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 1_200 and "more characters" in err


def test_a_fifo_as_the_event_file_is_refused_not_a_hang(tmp_path, capsys):
    """A named pipe given where an event file goes is refused at once, for ``badges``
    (which also takes an attendee export) and for commands on an event."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["badges", str(fifo), "-o", str(tmp_path / "b.pdf")]) == 2
    assert main(["list", str(fifo), "attendees"]) == 2
    err = capsys.readouterr().err
    assert err.count("not a regular file") == 2


def test_badges_of_an_older_file_with_an_unusable_code_is_one_line(tmp_path, capsys):
    """An event file made before codes were checked (code ``A:B``) gets one line naming
    the rule from ``badges``, not ``unexpected error: ValueError``."""
    from hildprint.core.domain.model import Attendee, Event
    from hildprint.core.store.sqlite import EventStore
    path = tmp_path / "old.hildprint"
    with EventStore.create(path, Event("Old", code="A:B")) as store:
        store.upsert_attendees([Attendee("P1", display_name="Ana Lima")])
    assert main(["badges", str(path), "-o", str(tmp_path / "b.pdf")]) == 2
    err = capsys.readouterr().err
    assert "'A:B'" in err and "letters and digits" in err and "unexpected" not in err
