"""Poster-board labels: one landscape page per board, a number readable at 3 m, fitted
titles and authors, a QR code to the paper page; Japanese titles print in full."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from tests.core.render.test_signage import assert_text_inside_margins, page_texts
from tests.helpers.pdf import compare_snapshot, decode_qr_codes, page_sizes_mm, render

from hildprint.core import services
from hildprint.core.domain.model import Author, Event, Paper
from hildprint.core.domain.programme import board_order
from hildprint.core.layout.fonts import bundled_fonts
from hildprint.core.render.common import size_for_distance
from hildprint.core.render.labels import (
    BOARD_DISTANCE_FT,
    LabelError,
    author_line,
    board_labels,
)
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store.sqlite import EventStore

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(scope="module")
def labelled(tmp_path_factory) -> tuple[Path, Path]:
    """The sample event (boards numbered by the run) and its labels."""
    folder = tmp_path_factory.mktemp("labels")
    event_path = create_sample_event(folder / "hild2026.hildprint")
    result = services.make_board_labels(event_path, folder / "labels.pdf")
    assert len(result.numbered) == 25
    return event_path, result.run.path


def test_one_landscape_a4_label_per_board(labelled):
    """25 papers with boards give 25 landscape A4 pages, in session and board order."""
    event_path, labels = labelled
    with EventStore.open(event_path) as store:
        papers = store.papers()
    assert all(p.board for p in papers)
    sizes = page_sizes_mm(labels)
    assert len(sizes) == 25 and all(s == pytest.approx((297, 210), abs=0.1) for s in sizes)
    expected = sorted(papers, key=board_order)
    assert [pdfplumber_big_number(labels, i) for i in range(25)] == [int(p.board) for p in expected]
    texts = page_texts(labels)
    assert all(paper.session in text for paper, text in zip(expected, texts))


def pdfplumber_big_number(path: Path, page_index: int) -> int:
    """The board number: the digits in the largest type on the page."""
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[page_index].chars
    size = max(c["size"] for c in chars)
    return int("".join(c["text"] for c in chars if c["size"] == size))


def test_board_number_readable_from_three_metres(labelled):
    """The board number's type is at least the size for a 10 ft (3 m) viewing distance."""
    _, labels = labelled
    with pdfplumber.open(labels) as pdf:
        assert min(max(c["size"] for c in page.chars) for page in pdf.pages) >= size_for_distance(BOARD_DISTANCE_FT)


def test_labels_keep_text_inside_margins_and_qr_codes_decode(labelled):
    """No character near the edge; each page's QR code reads back as its forum URL."""
    event_path, labels = labelled
    assert_text_inside_margins(labels)
    with EventStore.open(event_path) as store:
        forums = {p.openreview_forum for p in store.papers()}
    decoded = [decode_qr_codes(labels, i, dpi=200) for i in (0, 12, 24)]
    assert all(len(codes) == 1 and codes[0] in forums for codes in decoded)
    assert len({codes[0] for codes in decoded}) == 3


def test_long_author_lists_end_in_et_al():
    """Twelve authors print as the first seven and "et al."."""
    paper = Paper("p", authors=[Author(f"Author {i}") for i in range(12)])
    assert author_line(paper) == ", ".join(f"Author {i}" for i in range(7)) + " et al."
    assert author_line(Paper("q", authors=[Author("Solo")])) == "Solo"


def test_no_boards_is_a_clear_error():
    """Without any board there is nothing to label: an error saying how to number them,
    and nothing written."""
    stream = io.BytesIO()
    with pytest.raises(LabelError, match="hildprint boards"):
        board_labels(Event("E"), [Paper("p", title="T")], [], stream)
    assert stream.getvalue() == b""


def test_board_label_pixel_snapshot(labelled):
    """The first label looks as it did when last reviewed."""
    image = render(labelled[1], 0, dpi=40)
    changed = compare_snapshot(image, SNAPSHOTS / "board-label.png", "board-label")
    assert changed <= 0.002, f"{changed:.2%} of pixels changed; see tests/_artifacts/board-label-diff.png"


@pytest.mark.corpus
def test_corpus_japanese_titles_print_without_missing_glyphs(corpus, tmp_path):
    """NLP2024's 599 Japanese papers: every character of every title has a font, and the
    labels carry the titles' own characters."""
    event_path = tmp_path / "nlp.hildprint"
    services.create_event(event_path, Event("NLP2024", timezone="Asia/Tokyo"))
    services.import_file(event_path, "papers", corpus / "papers" / "nlp2024_ja_papers.csv")
    with EventStore.open(event_path) as store:
        papers = store.papers()
    fonts = bundled_fonts()
    missing = {p.id: fonts.missing(p.title + author_line(p)) for p in papers}
    assert len(papers) == 599 and not {k: v for k, v in missing.items() if v}
    result = services.make_board_labels(event_path, tmp_path / "labels.pdf")
    assert result.run.pages == 599
    with EventStore.open(event_path) as store:
        in_order = sorted(store.papers(), key=board_order)
    with pdfplumber.open(result.run.path) as pdf:
        for index in range(0, 599, 60):
            text = "".join(c["text"] for c in pdf.pages[index].chars)
            title = in_order[index].title
            printed = set(title) - {" "}
            assert printed <= set(text), f"page {index + 1}: {sorted(printed - set(text))} not printed"


def test_board_label_preview_is_the_printed_label_in_memory(labelled, tmp_path):
    """The preview of one paper's label is, in memory, the page the label file has for it."""
    event_path, _ = labelled
    paper = next(p for p in services.list_records(event_path, "papers") if p["board"])
    pdf = services.board_label_pdf(event_path, paper["id"])
    written = services.preview_board_label(event_path, paper["id"], tmp_path / "one.pdf")
    assert pdf.startswith(b"%PDF") and written.pages == 1
    (tmp_path / "memory.pdf").write_bytes(pdf)
    assert page_texts(tmp_path / "memory.pdf") == page_texts(written.path)
    assert paper["title"].split()[0] in page_texts(written.path)[0]
