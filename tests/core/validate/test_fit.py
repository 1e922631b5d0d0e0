"""Fitting a poster into a rule set: vector content scaled and centred, a TrimBox, links
kept, the result passing the same check; and the posters that are refused."""

from __future__ import annotations

from collections import Counter

import pdfplumber
import pikepdf
import pytest
from PIL import Image, ImageChops, ImageStat
from reportlab.pdfgen import canvas
from tests.helpers.pdf import render
from tests.helpers.posters import IN, poster_pdf

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.check import check_file
from hildprint.core.validate.fit import FitRefused, fit_poster

WORKSHOP = load_rules("icml-2026-workshop")
MAIN = load_rules("icml-2025-main")
A0 = (841 / 25.4, 1189 / 25.4)


def text_poster(path, width_in=A0[0], height_in=A0[1], rotate=None):
    """A poster with a title in a standard font, a black frame and a web link on the title."""
    page_w, page_h = width_in * IN, height_in * IN
    if rotate in (90, 270):
        page_w, page_h = page_h, page_w
    pdf = canvas.Canvas(str(path), pagesize=(page_w, page_h))
    pdf.setLineWidth(20)
    pdf.rect(40, 40, page_w - 80, page_h - 80)
    pdf.setFont("Helvetica-Bold", 90)
    pdf.drawString(200, page_h - 400, "Fitting Posters Faithfully")
    pdf.linkURL("https://example.org/paper", (200, page_h - 420, 1400, page_h - 300), relative=0)
    pdf.rect(200, 200, 600, 600, fill=1)
    pdf.save()
    if rotate:
        with pikepdf.open(path, allow_overwriting_input=True) as doc:
            doc.pages[0].obj.Rotate = rotate
            doc.save(path)
    return path


def test_an_a0_portrait_is_scaled_centred_and_trimmed(tmp_path):
    """A0 portrait under the workshop rules: 72.5 % on a 24 x 36 in page, centred, TrimBox
    around the poster, and the fitted file passes the check under the same rules."""
    result = fit_poster(text_poster(tmp_path / "a0.pdf"), tmp_path / "fitted.pdf", WORKSHOP)
    assert result.summary() == "A0 portrait prints at 72.5 % as 24.0 x 33.9 in"
    with pikepdf.open(tmp_path / "fitted.pdf") as pdf:
        page = pdf.pages[0]
        assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, 24 * IN, 36 * IN])
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
        assert (x1 - x0, y1 - y0) == pytest.approx((24 * IN, A0[1] * result.scale * IN), abs=0.01)
        assert x0 == pytest.approx(0, abs=0.01) and y0 == pytest.approx(36 * IN - y1, abs=0.01)
        xobjects = page.Resources.XObject
        assert [xobjects[k].Subtype for k in xobjects] == ["/Form"]  # vector, never an image
    verdict = check_file(tmp_path / "fitted.pdf", WORKSHOP)
    assert verdict.verdict == "pass", verdict.findings
    assert (verdict.width_in, verdict.height_in) == pytest.approx((24.0, 33.94), abs=0.01)


def test_text_and_links_are_kept_where_the_content_moved(tmp_path):
    """The title is still text at the scaled size and its link points to the same address
    over the title's new place."""
    fit_poster(text_poster(tmp_path / "a0.pdf"), tmp_path / "fitted.pdf", WORKSHOP)
    with pdfplumber.open(tmp_path / "fitted.pdf") as pdf:
        page = pdf.pages[0]
        assert "Fitting Posters Faithfully" in page.extract_text()
        assert all(c["size"] == pytest.approx(90 * 0.7253, abs=0.05) for c in page.chars)
        title = next(c for c in page.chars if c["text"] == "F")
        links = page.hyperlinks
    assert [link["uri"] for link in links] == ["https://example.org/paper"]
    link = links[0]
    assert link["x0"] <= title["x0"] <= link["x1"] and link["top"] <= title["top"] <= link["bottom"]


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_turned_page_is_fitted_as_it_is_printed(tmp_path, rotate):
    """A landscape page turned by /Rotate into an A0 portrait poster keeps its turn: the
    fitted page renders like the original, downscaled."""
    source = text_poster(tmp_path / "a0.pdf", rotate=rotate)
    fit_poster(source, tmp_path / "fitted.pdf", WORKSHOP)
    assert_same_picture(source, tmp_path / "fitted.pdf")


def assert_same_picture(original, fitted, width_px=240, limit=6.0):
    """The fitted page's trimmed area, rendered, matches the original rendered to the same width."""
    before = render(original, 0, dpi=72 * width_px / (pdfium_width(original)))
    after_full = render(fitted, 0, dpi=72 * width_px / trim_width(fitted))
    with pikepdf.open(fitted) as pdf:
        x0, _y0, x1, y1 = (float(v) for v in pdf.pages[0].trimbox)
        media_h = float(pdf.pages[0].mediabox[3])
    scale = width_px / (x1 - x0)
    after = after_full.crop((round(x0 * scale), round((media_h - y1) * scale),
                             round(x0 * scale) + before.width, round((media_h - y1) * scale) + before.height))
    small = (before.width // 3, before.height // 3)  # evens out the part-pixel offset of the crop
    difference = ImageStat.Stat(ImageChops.difference(
        before.convert("L").resize(small, Image.LANCZOS), after.convert("L").resize(small, Image.LANCZOS))).mean[0]
    assert difference < limit, f"{original}: mean difference {difference:.1f} of 255"
    return before, after


def pdfium_width(path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].get_size()[0]
    finally:
        pdf.close()


def trim_width(path):
    with pikepdf.open(path) as pdf:
        x0, _, x1, _ = (float(v) for v in pdf.pages[0].trimbox)
    return x1 - x0


def test_a_small_poster_is_scaled_up_to_the_limit(tmp_path):
    """A1 under a 24 x 36 in limit grows to the largest size that fits."""
    result = fit_poster(poster_pdf(tmp_path / "a1.pdf", 594 / 25.4, 841 / 25.4), tmp_path / "f.pdf", WORKSHOP)
    assert result.scale > 1 and result.fitted_width_in == pytest.approx(24.0)
    assert check_file(tmp_path / "f.pdf", WORKSHOP).verdict == "pass"


def test_user_unit_is_applied(tmp_path):
    """A page in large user units (a 120 x 180 in poster) is measured and fitted by its printed size."""
    source = poster_pdf(tmp_path / "big.pdf", 24, 36, user_unit=5)
    result = fit_poster(source, tmp_path / "f.pdf", WORKSHOP)
    assert (result.width_in, result.height_in, result.scale) == pytest.approx((120, 180, 0.2))
    assert check_file(tmp_path / "f.pdf", WORKSHOP).verdict == "pass"


def refused(tmp_path, source, rules=WORKSHOP):
    target = tmp_path / "out.pdf"
    with pytest.raises(FitRefused) as caught:
        fit_poster(source, target, rules)
    assert not target.exists() and not list(tmp_path.glob(".out.pdf*"))  # nothing written, no leftovers
    assert str(source) in str(caught.value)
    return str(caught.value)


def test_the_wrong_orientation_is_refused(tmp_path):
    message = refused(tmp_path, poster_pdf(tmp_path / "wide.pdf", 48, 36))
    assert "landscape" in message and "must be portrait" in message


def test_a_portrait_poster_under_landscape_rules_is_refused(tmp_path):
    assert "must be landscape" in refused(tmp_path, poster_pdf(tmp_path / "tall.pdf", 24, 36), MAIN)


def test_several_pages_are_refused(tmp_path):
    assert "2 pages" in refused(tmp_path, poster_pdf(tmp_path / "two.pdf", pages=2))


def test_an_encrypted_pdf_is_refused(tmp_path):
    path = tmp_path / "locked.pdf"
    with pikepdf.open(poster_pdf(tmp_path / "plain.pdf", *A0)) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="", owner="owner"))
    assert "encrypted" in refused(tmp_path, path)


def test_a_password_protected_pdf_is_refused(tmp_path):
    path = tmp_path / "locked.pdf"
    with pikepdf.open(poster_pdf(tmp_path / "plain.pdf", *A0)) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    assert "password" in refused(tmp_path, path)


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\nnot really", b"\x89PNG\r\n\x1a\n"])
def test_an_unreadable_file_is_refused(tmp_path, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    assert "cannot be read" in refused(tmp_path, path)


def test_screen_rules_are_refused(tmp_path):
    assert "screens" in refused(tmp_path, poster_pdf(tmp_path / "p.pdf"), load_rules("icml-virtual-poster"))


# -- the real posters -------------------------------------------------------------------------
CORPUS_PORTRAIT = [
    "baposter_ECCS2011_poster.pdf", "ccn2017_poster.pdf", "cdnmf_Poster.pdf", "eucaifcon_poster.pdf",
    "lu-tikzposter_example_portrait.pdf", "nlp-roar_poster.pdf", "racs_poster.pdf", "stable-nalu_poster.pdf",
    "ucl-tikzposter_poster.pdf", "weasyprint_sample_poster.pdf", "xebaposter_poster-fa.pdf",
]


def font_names(pdf):
    """The BaseFont of every font a page or its forms use."""
    names = set()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj:
            names.add(str(obj.BaseFont))
    return names


def uri_links(pdf):
    return sorted(str(a.A.URI) for a in pdf.pages[0].obj.get("/Annots", [])
                  if a.get("/Subtype") == "/Link" and "/A" in a and "/URI" in a.A)


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_PORTRAIT)
def test_real_posters_fit_and_keep_fonts_links_text_and_looks(corpus, tmp_path, name):
    """Each real portrait poster: passes the size check once fitted, keeps its fonts, web
    links and text, and its picture is the original's, downscaled."""
    source = corpus / "posters" / name
    target = tmp_path / "fitted.pdf"
    result = fit_poster(source, target, WORKSHOP)
    verdict = check_file(target, WORKSHOP)
    assert not {"too-large", "orientation", "small", "pages"} & set(verdict.codes()), verdict.findings
    assert max(result.fitted_width_in - 24, result.fitted_height_in - 36) <= 1e-6
    with pikepdf.open(source) as before, pikepdf.open(target) as after:
        assert font_names(after) == font_names(before)
        assert uri_links(after) == uri_links(before)
        links_before = [a for a in before.pages[0].obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        links_after = list(after.pages[0].obj.get("/Annots", []))
        assert len(links_after) == len(links_before)  # web links and links within the poster
        page = after.pages[0].obj
        assert all(a.Dest[0].objgen == page.objgen for a in links_after if "/Dest" in a)
    chars_before, chars_after = page_text_chars(source), page_text_chars(target)
    assert chars_before and chars_after == chars_before  # every character still text, none lost
    assert target.stat().st_size <= source.stat().st_size * 1.05 + 20_000
    original, fitted = assert_same_picture(source, target, width_px=300, limit=8.0)
    side_by_side(original, fitted, name)


def page_text_chars(path):
    """How often each character (spaces aside) occurs in the first page's text, read by pdfium."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    return Counter(c for c in text if not c.isspace())


def side_by_side(original, fitted, name):
    """Save the original and the fitted poster next to each other for a person to look at."""
    from tests.helpers.pdf import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    sheet = Image.new("RGB", (original.width + fitted.width + 20, max(original.height, fitted.height)), "grey")
    sheet.paste(original, (0, 0))
    sheet.paste(fitted, (original.width + 20, 0))
    sheet.save(ARTIFACTS / f"fit-{name.removesuffix('.pdf')}.png")


@pytest.mark.corpus
def test_real_landscape_posters_are_refused_under_portrait_rules(corpus, tmp_path):
    assert "must be portrait" in refused(tmp_path, corpus / "posters" / "aalto_FoRDE_poster.pdf")


def test_a_page_that_qpdf_cannot_copy_is_refused(tmp_path, monkeypatch):
    """When the page cannot be turned into a form (QPDF raises), the poster is refused with
    the reason and no partial file is left."""
    def broken(self, *args, **kwargs):
        raise pikepdf.PdfError("object 7 0: stream data is damaged")

    monkeypatch.setattr(pikepdf.Page, "as_form_xobject", broken)
    message = refused(tmp_path, poster_pdf(tmp_path / "odd.pdf", *A0))
    assert "cannot be copied (object 7 0: stream data is damaged)" in message


def test_a_truncated_but_repairable_poster_is_still_fitted(tmp_path):
    """A poster cut short after its last object (the cross-reference table lost) is repaired
    on reading and fitted like any other."""
    path = poster_pdf(tmp_path / "whole.pdf", *A0)
    data = path.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: data.rindex(b"xref")])
    result = fit_poster(cut, tmp_path / "f.pdf", WORKSHOP)
    assert result.scale == pytest.approx(0.7253, abs=1e-3)


def test_posters_fitted_in_workers_come_back_in_order_with_refusals(tmp_path):
    """Three posters through the worker pool: each outcome at its place, the landscape one
    refused with its reason, and a file that stalls past the time limit is stopped."""
    from hildprint.core.validate.fit import fit_in_workers

    sources = [poster_pdf(tmp_path / "a.pdf", *A0), poster_pdf(tmp_path / "b.pdf", 48, 36),
               poster_pdf(tmp_path / "c.pdf", 594 / 25.4, 841 / 25.4)]
    outcomes = fit_in_workers([(s, tmp_path / f"out-{s.name}") for s in sources], WORKSHOP)
    assert outcomes[0].scale == pytest.approx(0.7253, abs=1e-3)
    assert isinstance(outcomes[1], str) and "must be portrait" in outcomes[1]
    assert outcomes[2].scale > 1
    assert sorted(p.name for p in tmp_path.glob("out-*")) == ["out-a.pdf", "out-c.pdf"]


def test_a_poster_that_stalls_the_reader_is_stopped(tmp_path):
    """A FIFO named like a PDF never delivers a byte: its worker is stopped at the time limit
    and the poster refused, saying so."""
    import os

    from hildprint.core.validate.fit import fit_in_workers

    fifo = tmp_path / "stall.pdf"
    os.mkfifo(fifo)
    [outcome] = fit_in_workers([(fifo, tmp_path / "out.pdf")], WORKSHOP, timeout_s=1.0)
    assert "longer than 1 s" in outcome and not (tmp_path / "out.pdf").exists()


def test_a_link_to_a_place_on_the_poster_moves_with_it(tmp_path):
    """A citation linked to the references (a named destination, as LaTeX writes it) points
    to the same spot of the fitted poster."""
    path = tmp_path / "cites.pdf"
    width, height = A0[0] * IN, A0[1] * IN
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    pdf.setFont("Helvetica", 40)
    pdf.drawString(300, 760, "References")
    pdf.bookmarkPage("refs", fit="XYZ", left=300, top=800)
    pdf.drawString(200, 2000, "[1]")
    pdf.linkRect("", "refs", (200, 1990, 260, 2040), relative=0)
    pdf.save()
    result = fit_poster(path, tmp_path / "f.pdf", WORKSHOP)
    with pikepdf.open(tmp_path / "f.pdf") as fitted:
        page = fitted.pages[0]
        x0, y0 = float(page.trimbox[0]), float(page.trimbox[1])
        [link] = page.obj.Annots
        kind, left, top = link.Dest[1], float(link.Dest[2]), float(link.Dest[3])
        assert link.Dest[0].objgen == page.obj.objgen and kind == "/XYZ"
        assert (left, top) == pytest.approx((x0 + 300 * result.scale, y0 + 800 * result.scale), abs=0.01)
        assert float(link.Rect[0]) == pytest.approx(x0 + 200 * result.scale, abs=0.01)
