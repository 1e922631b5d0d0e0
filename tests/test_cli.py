"""The command line: new, list, demo, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

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
    from hildprint.core.services.sample import create_sample_event
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


# -- validate and rules ----------------------------------------------------------------------
def test_rules_lists_every_rule_set_with_limits_and_sources(capsys):
    """`hildprint rules` shows each rule set with in and cm limits and its source URL."""
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "icml-2026-workshop" in out and "(default)" in out
    assert "61 x 91.4 cm" in out and "5120 x 2880 px" in out
    assert "https://icml.cc/Conferences/2025/PosterInstructions" in out
    assert main(["rules", "--json"]) == 0
    rules = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rules["iclr-2026-main"]["max_width_cm"] == 190.0


def test_validate_json_has_one_object_per_file_and_exit_1_on_failure(tmp_path, capsys):
    """A passing and a failing poster: the JSON array has both with their fields; exit 1."""
    from tests.helpers.posters import poster_pdf

    poster_pdf(tmp_path / "a_good.pdf", 24, 36)
    poster_pdf(tmp_path / "b_wide.pdf", 36, 24)
    (tmp_path / "notes.txt").write_text("not a poster")
    assert main(["validate", str(tmp_path), "--json"]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [Path(r["file"]).name for r in results] == ["a_good.pdf", "b_wide.pdf"]
    good, wide = results
    assert {k: good[k] for k in ("verdict", "rules", "width_in", "height_in", "pages", "findings")} == {
        "verdict": "pass", "rules": "icml-2026-workshop", "width_in": 24.0, "height_in": 36.0,
        "pages": 1, "findings": []}
    assert wide["verdict"] == "fail"
    assert set(wide["findings"][0]) == {"severity", "code", "message"}


def test_validate_exit_0_when_nothing_fails_and_tolerance_option(tmp_path, capsys):
    """Only passes and warnings: exit 0; --tolerance widens the size limit."""
    from tests.helpers.posters import poster_pdf

    path = poster_pdf(tmp_path / "p.pdf", 24.4, 36)
    assert main(["validate", str(path)]) == 1
    assert main(["validate", str(path), "--tolerance", "0.5"]) == 0
    assert "1 files: 1 pass" in capsys.readouterr().out


@pytest.mark.parametrize("argv,expected", [
    (["validate", "{tmp}/none.pdf"], "no such file"),
    (["validate", "{tmp}", "--rules", "icml-2099"], "no rule set called"),
    (["validate", "{tmp}/p.pdf", "--report", "{tmp}/out.xlsx"], ".csv or .html"),
    (["validate", "{tmp}/empty"], "no poster files"),
])
def test_validate_usage_errors_exit_2(tmp_path, capsys, argv, expected):
    """Missing paths, unknown rules, bad report names and empty folders: exit 2, one line."""
    from tests.helpers.posters import poster_pdf

    poster_pdf(tmp_path / "p.pdf")
    (tmp_path / "empty").mkdir()
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_validate_writes_csv_and_html_reports(tmp_path, capsys):
    """--report writes the report named, CSV or HTML by its suffix."""
    from tests.helpers.posters import poster_pdf

    poster_pdf(tmp_path / "p.pdf")
    assert main(["validate", str(tmp_path / "p.pdf"), "--report", str(tmp_path / "r.csv")]) == 0
    assert "p.pdf" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert main(["validate", str(tmp_path / "p.pdf"), "--report", str(tmp_path / "r.html")]) == 0
    assert "data:image/png;base64," in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_validate_an_event_file_records_each_verdict(tmp_path, capsys):
    """Papers carry their poster files (relative to the event file); validating the event file
    checks them all and records the verdicts, which a later run replaces."""
    from tests.helpers.posters import poster_pdf

    from hildprint.core import services
    from hildprint.core.domain.model import Event, Paper
    from hildprint.core.store.sqlite import EventStore

    event = tmp_path / "event" / "hild.hildprint"
    event.parent.mkdir()
    services.create_event(event, Event(name="HiLD 2026"))
    (event.parent / "posters").mkdir()
    poster_pdf(event.parent / "posters" / "p1.pdf", 24, 36)
    poster_pdf(event.parent / "posters" / "p2.pdf", 36, 24)
    with EventStore.open(event) as store:
        store.upsert_papers([Paper("P1", 1, "One", poster_file="posters/p1.pdf"),
                             Paper("P2", 2, "Two", poster_file="posters/p2.pdf"),
                             Paper("P3", 3, "Three", poster_file="posters/missing.pdf"),
                             Paper("P4", 4, "Four")])
    assert main(["validate", str(event)]) == 1
    out = capsys.readouterr().out
    assert "paper P1" in out and "1 papers have no poster file" in out
    checks = {c.paper_id: c for c in services.poster_checks(event)}
    assert {k: c.verdict for k, c in checks.items()} == {"P1": "pass", "P2": "fail", "P3": "error"}
    assert checks["P2"].findings[0]["code"] == "orientation" and checks["P2"].file == "posters/p2.pdf"
    assert main(["validate", str(event), "--attach", "P2=posters/p1.pdf", "--json"]) == 1  # P3 still missing
    results = {r["paper_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert results["P2"]["verdict"] == "pass"
    assert {c.paper_id: c.verdict for c in services.poster_checks(event)}["P2"] == "pass"


def test_poster_checks_go_with_their_paper(tmp_path):
    """Deleting a paper deletes its recorded poster check (ON DELETE CASCADE)."""
    from hildprint.core.domain.model import Event, Paper, PosterCheck
    from hildprint.core.store.sqlite import EventStore

    with EventStore.create(tmp_path / "e.hildprint", Event(name="E")) as store:
        store.upsert_papers([Paper("P1"), Paper("P2")])
        store.record_poster_checks([PosterCheck("P1", "a.pdf", "pass", "r", "2026-07-10T00:00:00+00:00"),
                                    PosterCheck("P2", "b.pdf", "fail", "r", "2026-07-10T00:00:00+00:00",
                                                [{"severity": "fail", "code": "pages", "message": "m"}])])
        store._conn.execute("DELETE FROM papers WHERE id = 'P1'")
        assert [(c.paper_id, c.findings[0]["code"]) for c in store.poster_checks()] == [("P2", "pages")]


def test_validate_never_hangs_on_a_file_that_blocks(tmp_path, capsys):
    """A FIFO named like a poster, given directly and inside a folder: the command ends
    after the time limit with verdict error for it and exit 1."""
    import os

    from tests.helpers.posters import poster_pdf

    os.mkfifo(tmp_path / "stuck.pdf")
    poster_pdf(tmp_path / "ok.pdf")
    assert main(["validate", str(tmp_path), str(tmp_path / "stuck.pdf"), "--timeout", "0.5", "--json"]) == 1
    verdicts = {(Path(r["file"]).name, r["verdict"]) for r in json.loads(capsys.readouterr().out)}
    assert verdicts == {("ok.pdf", "pass"), ("stuck.pdf", "error")}
