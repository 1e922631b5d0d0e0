"""The poster commands on an event kept on a PostgreSQL server: validate, attach-posters,
poster-order, and validate --attach/--deadline/--messages, with the event's URL where
an event file would go. Relative poster paths are taken from the current folder."""

from __future__ import annotations

import json

import pikepdf
from tests.helpers.posters import poster_pdf

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.domain.model import Author, Event, Paper


def _push_poster_event(tmp_path, pg_url):
    """Three papers (a fitting poster, a landscape one, one by an author with an address)
    pushed to the server; their poster files in tmp_path/posters."""
    event = tmp_path / "hild.hildprint"
    services.create_event(event, Event(name="HiLD 2026"))
    posters = tmp_path / "posters"
    posters.mkdir()
    poster_pdf(posters / "1.pdf", 24, 36)
    poster_pdf(posters / "2.pdf", 48, 36)
    poster_pdf(posters / "3.pdf", 24, 36)
    papers = [Paper("1", 1, "A Poster That Fits", [Author("Dana Kim", email="dana@example.org")]),
              Paper("2", 2, "Wide Networks, Wide Posters", [Author("Eve Adams", email="eve@example.org")]),
              Paper("3", 3, "Third", [Author("장서연")])]
    with services.EventSession.open(event) as session, session.writing() as store:
        store.upsert_papers(papers)
    assert main(["push", str(event), pg_url]) == 0
    return posters


def test_attach_validate_and_order_on_a_server_url(tmp_path, pg_url, capsys, monkeypatch):
    posters = _push_poster_event(tmp_path, pg_url)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["attach-posters", pg_url, str(posters)]) == 0
    assert "3 files attached" in capsys.readouterr().out
    with services.EventSession.open(pg_url) as session:
        stored = {p.id: p.poster_file for p in session.papers}
    assert stored == {"1": "posters/1.pdf", "2": "posters/2.pdf", "3": "posters/3.pdf"}  # relative to the cwd

    assert main(["validate", pg_url, "--json"]) == 1
    results = {r["paper_id"]: r["verdict"] for r in json.loads(capsys.readouterr().out)}
    assert results == {"1": "pass", "2": "fail", "3": "pass"}
    assert {c.paper_id: c.verdict for c in services.poster_checks(pg_url)} == results

    assert main(["validate", pg_url, "--attach", "2=posters/1.pdf", "--deadline", "Friday noon",
                 "--messages", str(tmp_path / "mail")]) == 0
    assert "3 files: 3 pass" in capsys.readouterr().out
    assert {c.paper_id: c.verdict for c in services.poster_checks(pg_url)}["2"] == "pass"

    assert main(["poster-order", pg_url, "-o", str(tmp_path / "order.pdf"), "--papers", "1,3"]) == 0
    assert "cover sheet and 2 posters" in capsys.readouterr().out
    with pikepdf.open(tmp_path / "order.pdf") as order:
        assert len(order.pages) == 3


def test_messages_for_a_server_event_go_to_the_failing_authors(tmp_path, pg_url, capsys, monkeypatch):
    posters = _push_poster_event(tmp_path, pg_url)
    monkeypatch.chdir(tmp_path)
    assert main(["attach-posters", pg_url, str(posters)]) == 0
    capsys.readouterr()
    assert main(["validate", pg_url, "--messages", str(tmp_path / "mail"), "--deadline", "Friday noon"]) == 1
    written = sorted(p.name for p in (tmp_path / "mail").glob("*.eml"))
    assert len(written) == 1 and "2" in written[0]
    text = (tmp_path / "mail" / written[0]).read_text(encoding="utf-8")
    assert "eve@example.org" in text and "Friday noon" in text


def test_a_server_events_relative_posters_are_read_from_the_current_folder(tmp_path, pg_url, capsys,
                                                                            monkeypatch):
    _push_poster_event(tmp_path, pg_url)
    services.attach_posters(pg_url, {"1": "posters/1.pdf"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert main(["validate", pg_url, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)[0]["verdict"] == "error"  # no posters/1.pdf here
    monkeypatch.chdir(tmp_path)
    assert main(["validate", pg_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["verdict"] == "pass"
