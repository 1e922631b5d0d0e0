"""Badges from a shell: `hildprint badges` and `hildprint stocks`."""

from __future__ import annotations

from hildprint.cli import main


def test_badges_from_the_sample_event(tmp_path, capsys):
    """`hildprint badges EVENT -o OUT` prints everyone; on A6 the longest name fits whole
    (exit 0); on a DYMO label with a small name box it is set smaller, a warning (exit 1)."""
    assert main(["demo", str(tmp_path)]) == 0
    capsys.readouterr()
    out = tmp_path / "all.pdf"
    assert main(["badges", str(tmp_path / "hild2026.hildprint"), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "42 badges on 11 pages" in printed and "warning" not in printed
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
