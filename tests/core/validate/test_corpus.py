"""The real posters of the shared corpus: each measured size matches SOURCES.md and each
verdict follows from that size under the workshop, main-conference and virtual rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import CORPUS_DIR

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.runner import CheckOptions, check_files

pytestmark = pytest.mark.corpus

PDFS = [
    "gemini_poster-gemini.pdf", "lu-tikzposter_example_portrait.pdf", "lu-tikzposter_example_landscape.pdf",
    "xebaposter_poster-fa.pdf", "baposter_ECCS2011_poster.pdf", "baposter_mwe_poster_landscape.pdf",
    "ucl-tikzposter_poster.pdf", "aalto_FoRDE_poster.pdf", "cerebras_online-normalization_poster.pdf",
    "stable-nalu_poster.pdf", "nlp-roar_poster.pdf", "deeprc_neurips_poster.pdf", "sgd-stability_neurips_poster.pdf",
    "maxrepgap_neurips_poster.pdf", "lsl-iccv2011_poster.pdf", "cdnmf_Poster.pdf",
    "icml2022_gauge-equivariant_icml_poster.pdf", "relu-optimal-sets_icml_poster.pdf",
    "weasyprint_sample_poster.pdf", "eucaifcon_poster.pdf", "racs_poster.pdf", "ccn2017_poster.pdf",
    "cscgdual_poster.pdf",
]
PNGS = ["eucaifcon_poster.png", "betterposter-latex_example.png", "gerkelab_betterposter-example.png"]
SIZE_CODES = {"orientation", "too-large", "small", "wrong-format", "unusual-size"}


def listed_sizes(corpus: Path) -> dict[str, tuple[float, float]]:
    """SOURCES.md's geometry table: inches (W x H) for PDFs, pixels for PNGs, by file name."""
    sizes = {}
    for line in (corpus / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        pdf = re.match(r"\| posters/(\S+\.pdf) \| [\d.]+ x [\d.]+ \| ([\d.]+) x ([\d.]+) \|", line)
        png = re.match(r"\| posters/(\S+\.png) \| PNG (\d+) x (\d+) px", line)
        for match in (pdf, png):
            if match:
                sizes[match[1]] = (float(match[2]), float(match[3]))
    return sizes


@pytest.fixture(scope="module")
def checked() -> dict[str, dict[str, object]]:
    """Every corpus poster checked once per rule set, through the worker pool (module-wide,
    so the corpus check of the shared ``corpus`` fixture is repeated here)."""
    corpus = CORPUS_DIR
    if not corpus.is_dir():
        pytest.skip(f"the shared corpus is not at {corpus}")
    results: dict[str, dict[str, object]] = {}
    for rules in ("icml-2026-workshop", "icml-2025-main", "icml-virtual-poster"):
        paths = [corpus / "posters" / name for name in PDFS + PNGS]
        verdicts = check_files(paths, CheckOptions(load_rules(rules)))
        results[rules] = {Path(v.file).name: v for v in verdicts}
    results["listed"] = listed_sizes(corpus)
    return results


def expected_print_code(width: float, height: float, max_w: float, max_h: float, shape: str) -> str | None:
    """What a printer's rules say about a poster of this size (the size finding's code)."""
    if (shape == "portrait" and width > height) or (shape == "landscape" and height > width):
        return "orientation"
    if width > max_w + 0.25 or height > max_h + 0.25:
        return "too-large"
    if min(max_w / width, max_h / height) >= 1.5:
        return "small"
    return None


@pytest.mark.parametrize("name", PDFS)
def test_pdf_size_matches_the_listing_and_decides_the_verdict(checked, name):
    """The measured size is SOURCES.md's (within 0.01 in); the workshop and main-conference
    verdicts are those that size calls for."""
    listed = checked["listed"][name]
    workshop = checked["icml-2026-workshop"][name]
    assert (workshop.width_in, workshop.height_in) == pytest.approx(listed, abs=0.01)
    for rules, limits in (("icml-2026-workshop", (24, 36, "portrait")), ("icml-2025-main", (72, 36, "landscape"))):
        verdict = checked[rules][name]
        size_codes = [c for c in verdict.codes() if c in SIZE_CODES - {"unusual-size"}]
        expected = expected_print_code(*listed, *limits)
        assert size_codes == ([expected] if expected else []), (rules, verdict.findings)
        if expected in ("orientation", "too-large"):
            assert verdict.verdict == "fail"
        else:
            assert verdict.verdict in ("pass", "warn"), verdict.findings


def test_the_24_by_36_portrait_poster_passes_the_workshop_rules(checked):
    """racs (24 x 36 in portrait) fits the workshop board exactly; only its images warn."""
    verdict = checked["icml-2026-workshop"]["racs_poster.pdf"]
    assert verdict.ok and set(verdict.codes()) <= {"low-resolution", "fonts-not-embedded"}


@pytest.mark.parametrize("name", ["lu-tikzposter_example_portrait.pdf", "xebaposter_poster-fa.pdf",
                                  "baposter_ECCS2011_poster.pdf", "ucl-tikzposter_poster.pdf",
                                  "nlp-roar_poster.pdf", "cdnmf_Poster.pdf"])
def test_a0_portrait_posters_fail_with_a_scale_suggestion(checked, name):
    """Every A0 portrait poster fails the workshop rules and is told to print at 72.5 %."""
    verdict = checked["icml-2026-workshop"][name]
    (message,) = [f.message for f in verdict.findings if f.code == "too-large"]
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in message


@pytest.mark.parametrize("name", PNGS)
def test_png_verdicts_follow_their_pixels(checked, name):
    """PNGs fail the print rules as the wrong format; under the virtual rules their listed
    pixel size decides (landscape and within 5120 x 2880 px)."""
    width, height = checked["listed"][name]
    assert checked["icml-2026-workshop"][name].codes() == ["wrong-format"]
    virtual = checked["icml-virtual-poster"][name]
    assert (virtual.width_px, virtual.height_px) == (width, height)
    expected = "orientation" if height > width else "too-large" if width > 5120 or height > 2880 else None
    assert [c for c in virtual.codes() if c in SIZE_CODES] == ([expected] if expected else [])


def test_corpus_verdict_counts(checked):
    """The whole corpus under the workshop rules: one pass (A1 portrait), the rest as listed."""
    counts: dict[str, int] = {}
    for verdict in checked["icml-2026-workshop"].values():
        counts[verdict.verdict] = counts.get(verdict.verdict, 0) + 1
    assert counts.get("error", 0) == 0
    assert counts == {"pass": 1, "warn": 2, "fail": 23}
