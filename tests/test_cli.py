"""The command line: new, list, demo, exit codes and one-line errors."""

from __future__ import annotations

import json

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
    """Long warning lists are cut to 20 with a count; ids no longer in the file are named."""
    event = tmp_path / "e.hildprint"
    main(["new", str(event), "--name", "E"])
    rows = ["id,title,authors"] + [f"p{i},=Title {i},A" for i in range(30)]
    first = tmp_path / "papers.csv"
    first.write_text("\n".join(rows) + "\n")
    assert main(["import", str(event), "papers", str(first)]) == 0
    out = capsys.readouterr().out
    assert out.count("warning:") == 20 and "and 10 more warnings" in out
    second = tmp_path / "fewer.csv"
    second.write_text("\n".join(rows[:29]) + "\n")
    assert main(["import", str(event), "papers", str(second)]) == 0
    out = capsys.readouterr().out
    assert "2 papers already in the event file are not in this file and were kept: p28, p29" in out


def test_badges_from_the_sample_event(tmp_path, capsys):
    """`hildprint badges EVENT -o OUT` prints everyone; the long name is a warning (exit 1)."""
    assert main(["demo", str(tmp_path)]) == 0
    capsys.readouterr()
    out = tmp_path / "all.pdf"
    assert main(["badges", str(tmp_path / "hild2026.hildprint"), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "42 badges on 11 pages" in printed and "warning: Kamalakannan" in printed
    assert out.read_bytes().startswith(b"%PDF")


def test_badges_for_a_role_or_some_ids(tmp_path, capsys):
    """--role and --only choose who is printed."""
    main(["demo", str(tmp_path)])
    event = str(tmp_path / "hild2026.hildprint")
    capsys.readouterr()
    assert main(["badges", event, "-o", str(tmp_path / "s.pdf"), "--role", "speaker"]) == 0
    assert "5 badges on 2 pages" in capsys.readouterr().out
    assert main(["badges", event, "-o", str(tmp_path / "o.pdf"), "--only", "H001,H020", "--only", "H999"]) == 1
    printed = capsys.readouterr().out
    assert "2 badges on 1 pages" in printed and "no attendee with id H999" in printed


def test_badges_straight_from_an_export(tmp_path, capsys):
    """SOURCE may be an attendee export read with --map; the one-off signing key is noted."""
    export = tmp_path / "people.csv"
    export.write_bytes("Vorname;Nachname;Institut\nJürgen;Weiß;Uni Tübingen\n".encode("cp1252"))
    out = tmp_path / "b.pdf"
    assert main(["badges", str(export), "-o", str(out), "--map", "Vorname=first_name",
                 "--map", "Nachname=last_name", "--stock", "avery-5392"]) == 0
    printed = capsys.readouterr().out
    assert "1 badges on 1 pages" in printed and "one-off key" in printed


def test_badges_on_a_custom_grid_and_a_bad_one(tmp_path, capsys):
    """--grid makes a custom grid; one that cannot fit is a one-line usage error."""
    main(["demo", str(tmp_path)])
    event = str(tmp_path / "hild2026.hildprint")
    assert main(["badges", event, "-o", str(tmp_path / "g.pdf"), "--grid", "A4:90x55:10:5", "--role", "organiser"]) == 0
    assert main(["badges", event, "-o", str(tmp_path / "x.pdf"), "--grid", "A4:300x55"]) == 2
    assert "does not fit" in capsys.readouterr().err


def test_stocks_lists_every_stock(capsys):
    """`hildprint stocks` lists the nine bundled stocks with sizes, default marked."""
    assert main(["stocks"]) == 0
    printed = capsys.readouterr().out
    for name in ("a6-4up-a4", "a6", "a7-8up-a4", "avery-5392", "avery-5395", "avery-l4785",
                 "durable-1445", "cr80", "dymo-30856"):
        assert f"\n{name} " in "\n" + printed
    assert "(default)" in printed and "templates: hild2026" in printed


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


@pytest.fixture
def sample_event(tmp_path):
    from hildprint.core.sample import create_sample_event
    return create_sample_event(tmp_path / "hild2026.hildprint")


def test_signage_commands(sample_event, tmp_path, capsys):
    """Door, direction and agenda signs from the command line; bad directions are usage errors."""
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "d.pdf")]) == 0
    assert "door signs, 6 pages" in capsys.readouterr().out
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "a.pdf"), "--kind", "agenda",
                 "--paper", "A3"]) == 0
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "r.pdf"), "--kind", "direction",
                 "--sign", "Poster Hall D=right", "--sign", "Exit=nw", "--paper", "A3", "--distance", "5"]) == 0
    assert "direction signs, 2 pages" in capsys.readouterr().out
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "x.pdf"), "--kind", "direction"]) == 2
    assert "--sign" in capsys.readouterr().err
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "x.pdf"), "--kind", "direction",
                 "--sign", "Exit=sideways"]) == 2
    assert "sideways" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_board_labels_and_guidelines_commands(sample_event, tmp_path, capsys):
    """Board labels number the boards first; guidelines come general or per paper."""
    assert main(["board-labels", str(sample_event), "-o", str(tmp_path / "b.pdf")]) == 0
    out = capsys.readouterr().out
    assert "numbered 25 papers" in out and "25 board labels" in out
    assert main(["guidelines", str(sample_event), "-o", str(tmp_path / "g.pdf"), "--per-paper",
                 "--mounting", "pins"]) == 0
    assert "25 pages" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["guidelines", str(sample_event), "-o", str(tmp_path / "g.pdf"), "--mounting", "glue"])
    assert exit_info.value.code == 2 and "glue" in capsys.readouterr().err
