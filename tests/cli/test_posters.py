"""Poster checks from a shell: `hildprint validate` and `hildprint rules`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hildprint.cli import main


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



@pytest.mark.parametrize(("argv", "expected"), [
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
