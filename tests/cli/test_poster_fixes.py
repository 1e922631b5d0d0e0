"""From verdict to fix from a shell: fit-poster, attach-posters (and messages to authors)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from tests.helpers.posters import poster_pdf

from hildprint.cli import main
from hildprint.core import services

DATA = Path(__file__).resolve().parent.parent / "data"
SEA_PAPERS = DATA / "papers" / "workshop-sea-neurips2025-accepted-papers.csv"
A0 = (841 / 25.4, 1189 / 25.4)


def test_fit_poster_writes_fitted_posters_and_refuses_the_rest(tmp_path, capsys):
    """Two posters into a folder: the A0 one fitted (and passing validate), the landscape one
    refused with the reason, nothing written for it, exit 1."""
    a0 = poster_pdf(tmp_path / "a0.pdf", *A0)
    wide = poster_pdf(tmp_path / "wide.pdf", 48, 36)
    assert main(["fit-poster", str(a0), str(wide), "-o", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in out
    assert "REFUSED" in out and "must be portrait" in out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a0-fitted.pdf"]
    assert main(["validate", str(tmp_path / "out")]) == 0


def test_fit_poster_to_one_file_under_other_rules(tmp_path, capsys):
    """A portrait 24 x 36 in poster fitted to one PDF under NeurIPS's workshop rules passes them."""
    source = poster_pdf(tmp_path / "p.pdf", 36, 48)
    assert main(["fit-poster", str(source), "-o", str(tmp_path / "f.pdf"), "--rules", "neurips-2025-workshop"]) == 0
    assert main(["validate", str(tmp_path / "f.pdf"), "--rules", "neurips-2025-workshop"]) == 0
    with pikepdf.open(tmp_path / "f.pdf") as pdf:
        assert "/TrimBox" in pdf.pages[0].obj


def test_several_posters_into_one_file_is_a_usage_error(tmp_path, capsys):
    a, b = poster_pdf(tmp_path / "a.pdf"), poster_pdf(tmp_path / "b.pdf")
    assert main(["fit-poster", str(a), str(b), "-o", str(tmp_path / "one.pdf")]) == 2
    assert "need a folder" in capsys.readouterr().err
    assert not (tmp_path / "one.pdf").exists()


def papers_of(event):
    """The event's papers, by id."""
    with services.EventSession.open(event) as session:
        return {p.id: p for p in session.papers}


@pytest.fixture
def sea_event(tmp_path):
    """An event with the real paper list of a NeurIPS 2025 workshop (93 papers)."""
    event = tmp_path / "sea.hildprint"
    assert main(["new", str(event), "--name", "SEA 2025"]) == 0
    assert main(["import", str(event), "papers", str(SEA_PAPERS)]) == 0
    return event


def test_attach_posters_matches_a_folder_to_a_real_paper_list(sea_event, tmp_path, capsys):
    """Files named by number, by id with words around it and by title are attached; a name
    that says nothing and two files for one paper are listed, not attached."""
    papers = papers_of(sea_event)
    third = papers["3"]
    titled = next(p for p in papers.values() if p.id not in ("3", "4", "5") and len(p.title) > 30)
    folder = tmp_path / "posters"
    folder.mkdir()
    for name in ("3.pdf", "paper_4_poster.pdf", "P5-final.pdf", "P5-final-v2.pdf", "team photo.pdf",
                 f"{titled.title.replace(':', '')}.pdf"):
        poster_pdf(folder / name)
    capsys.readouterr()
    assert main(["attach-posters", str(sea_event), str(folder)]) == 1
    out = capsys.readouterr().out
    assert "SEVERAL    paper 5 is claimed by 2 files" in out and "UNMATCHED  " in out and "team photo.pdf" in out
    attached = {p.id: p.poster_file for p in papers_of(sea_event).values() if p.poster_file}
    assert attached == {"3": "posters/3.pdf", "4": "posters/paper_4_poster.pdf",
                        titled.id: f"posters/{titled.title.replace(':', '')}.pdf"}
    assert third.title  # the list is real: titles came with it
    assert main(["validate", str(sea_event)]) == 0


def test_attach_posters_dry_run_changes_nothing(sea_event, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    poster_pdf(folder / "3.pdf")
    assert main(["attach-posters", str(sea_event), str(folder), "--dry-run"]) == 0
    assert "would attach paper 3" in capsys.readouterr().out
    assert not any(p.poster_file for p in papers_of(sea_event).values())


@pytest.mark.corpus
def test_attach_then_fit_real_posters(corpus, sea_event, tmp_path, capsys):
    """Real posters copied under paper numbers: attached, checked, and the failing A0 one fitted."""
    folder = tmp_path / "posters"
    folder.mkdir()
    shutil.copyfile(corpus / "posters" / "nlp-roar_poster.pdf", folder / "paper_3_poster.pdf")
    shutil.copyfile(corpus / "posters" / "racs_poster.pdf", folder / "4.pdf")
    assert main(["attach-posters", str(sea_event), str(folder)]) == 0
    assert main(["validate", str(sea_event), "--quick"]) == 1
    assert "paper 3: " in capsys.readouterr().out
    assert main(["fit-poster", str(folder / "paper_3_poster.pdf"), "-o", str(tmp_path / "fixed.pdf")]) == 0
    assert main(["validate", str(tmp_path / "fixed.pdf"), "--quick"]) == 0


def test_poster_order_has_a_cover_sheet_and_fitted_posters_in_board_order(tmp_path, capsys):
    """Boards 3, 1, 4 and a landscape poster on board 2: the cover lists the three printable
    posters in board order with their sizes and stock and names the one left out; the
    posters follow in that order, each on a 24 x 36 in sheet with its trim box."""
    import pdfplumber
    from tests.cli.test_poster_messages import poster_event

    event = poster_event(tmp_path)
    assert main(["boards", str(event), "--set", "1=3", "--set", "2=1", "--set", "3=2", "--set", "4=4"]) == 0
    order = tmp_path / "order.pdf"
    assert main(["poster-order", str(event), "-o", str(order), "--stock", "satin 170 g/m²"]) == 1
    assert "LEFT OUT  paper 3" in capsys.readouterr().out
    with pdfplumber.open(order) as pdf:
        assert len(pdf.pages) == 4
        cover = pdf.pages[0].extract_text()
    lines = [line for line in cover.splitlines() if line[:1].isdigit() and ":" in line.split()[1]]
    assert [line.split()[:2] for line in lines[:3]] == [["1", "2:"], ["3", "1:"], ["4", "4:"]]
    assert "작은 포스터" in cover and "satin 170 g/m²" in cover and "33.9 in" in cover
    assert "Not in this order: paper 3" in cover and "must be portrait" in cover
    with pikepdf.open(order) as pdf:
        heights = [(float(page.trimbox[3]) - float(page.trimbox[1])) / 72 for page in pdf.pages[1:]]
        media = {tuple(round(float(v) / 72, 1) for v in page.mediabox) for page in pdf.pages[1:]}
    assert media == {(0, 0, 24, 36)}
    assert [round(h, 1) for h in heights] == [36.0, 33.9, 33.8]  # boards 1, 3, 4
