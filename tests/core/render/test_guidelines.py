"""Poster guidelines for authors: the rule to scale with ticks and crosses, the virtual
rules, mounting, the instructions QR code, and a sheet per paper with its board."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from tests.core.render.test_signage import assert_text_inside_margins, page_texts
from tests.helpers.pdf import compare_snapshot, decode_qr_codes, page_sizes_mm, render

from hildprint.core import services
from hildprint.core.domain.model import Event
from hildprint.core.domain.rules import load_rules
from hildprint.core.render.guidelines import (
    COMMON_SIZES,
    ICML_INSTRUCTIONS,
    GuidelineError,
    GuidelineOptions,
    fit,
    guidelines,
    oriented,
)
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store.sqlite import EventStore

ICML_WORKSHOP = load_rules("icml-2026-workshop")

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    event_path = create_sample_event(tmp_path_factory.mktemp("guide") / "hild2026.hildprint")
    services.number_boards(event_path)
    return event_path


@pytest.fixture(scope="module")
def general(sample, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("guide-out") / "guidelines.pdf"
    run = services.make_guidelines(services.GuidelineRequest(sample, out))
    assert run.pages == 1
    return out


@pytest.mark.parametrize("name, fits, words", [
    ("A0", False, "too large: prints at 72.5 % as 24.0 x 33.9 in"),
    ("A1", True, "fits"),
    ("36 x 48 in", False, "too large: prints at 66.7 % as 24.0 x 32.0 in"),
])
def test_common_sizes_against_the_icml_workshop_rule(name, fits, words):
    """A0 and 36 x 48 in are too large (with the scale that fits), A1 fits."""
    size = next(s for s in COMMON_SIZES if s.name == name)
    result = fit(ICML_WORKSHOP, *oriented(size, ICML_WORKSHOP))
    assert (result.fits, result.words()) == (fits, words)


def test_landscape_rule_turns_the_common_sizes():
    """Against a landscape rule the sizes are drawn landscape: 36 x 48 in becomes 48 x 36."""
    main = load_rules("icml-2025-main")
    size = next(s for s in COMMON_SIZES if s.name == "36 x 48 in")
    assert oriented(size, main) == (48, 36) and fit(main, 48, 36).fits


def test_general_sheet_says_rule_sizes_virtual_rules_and_mounting(general):
    """The sheet gives the rule in words, each common size with its verdict, the virtual
    rules and how posters are hung, all inside the margins of an A4 page."""
    text = page_texts(general)[0]
    for expected in ("at most 24 in wide x 36 in high (61 x 91 cm), portrait", "A0: 33.1 x 46.8 in",
                     "prints at 72.5 % as 24.0 x 33.9 in", "A1: 23.4 x 33.1 in", "fits",
                     "at most 5120 x 2880 px and 10 MB, landscape, on a solid background",
                     "at most 320 x 256 px and 5 MB", "mounting tape"):
        assert expected in " ".join(text.split()), expected
    assert page_sizes_mm(general) == [pytest.approx((210, 297), abs=0.1)]
    assert_text_inside_margins(general)


def test_size_chart_is_drawn_to_scale(general):
    """The outlines keep the sizes' proportions: heights 36 (allowed), 46.8 (A0), 33.1 (A1)
    and 48 in (36 x 48) at one scale."""
    with pdfplumber.open(general) as pdf:
        heights = sorted({round(r["height"], 2) for r in pdf.pages[0].rects if r["height"] > 50})
    tallest = heights[-1]
    for inches in (36, 46.8, 33.1):
        assert any(h / tallest == pytest.approx(inches / 48, rel=0.01) for h in heights), inches


def test_instructions_qr_decodes(general):
    """The QR code leads to the venue's poster instructions."""
    assert decode_qr_codes(general, 0, dpi=200) == [ICML_INSTRUCTIONS]


def test_per_paper_sheets_give_board_and_session_time(sample, tmp_path):
    """One sheet per paper in a poster session, each naming its board, session and time."""
    out = tmp_path / "per-paper.pdf"
    run = services.make_guidelines(services.GuidelineRequest(sample, out, per_paper=True, paper="letter"))
    with EventStore.open(sample) as store:
        papers = [p for p in store.papers() if p.session]
    texts = page_texts(out)
    assert run.pages == len(texts) == len(papers) == 25
    assert all(s == pytest.approx((215.9, 279.4), abs=0.1) for s in page_sizes_mm(out))
    for paper in papers:
        page = next(t for t in texts if f"Paper {paper.number}:" in t)
        assert f"Board {paper.board} · {paper.session} · " in page
    assert "13:30–15:00" in texts[0]


def test_mounting_choice_is_remembered(sample, tmp_path):
    """Asking for pins once puts pins on later sheets too."""
    services.make_guidelines(services.GuidelineRequest(sample, tmp_path / "a.pdf", mounting="pins"))
    services.make_guidelines(services.GuidelineRequest(sample, tmp_path / "b.pdf"))
    assert "push pins" in page_texts(tmp_path / "b.pdf")[0]
    with EventStore.open(sample) as store:
        store.set_setting(services.MOUNTING_SETTING, "tape")


def test_bad_requests_write_nothing():
    """An unknown mounting or an empty paper list is refused before anything is written."""
    stream = io.BytesIO()
    with pytest.raises(GuidelineError, match="glue"):
        guidelines(Event("E"), stream, GuidelineOptions(mounting="glue"))
    with pytest.raises(GuidelineError, match="no papers"):
        guidelines(Event("E"), stream, sheets=[])
    assert stream.getvalue() == b""


def test_guidelines_pixel_snapshot(general):
    """The general sheet looks as it did when last reviewed."""
    image = render(general, 0, dpi=40)
    changed = compare_snapshot(image, SNAPSHOTS / "guidelines.png", "guidelines")
    assert changed <= 0.002, f"{changed:.2%} of pixels changed; see tests/_artifacts/guidelines-diff.png"
