"""Poster PDFs checked as a printer reads them: page boxes, rotation, user unit, pages,
damage, encryption, image resolution and fonts."""

from __future__ import annotations

import pikepdf
import pytest
from tests.helpers.posters import inherited_pdf, pdf_bytes, poster_pdf

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.check import check_file

WORKSHOP = load_rules("icml-2026-workshop")
MAIN = load_rules("icml-2025-main")


def finding(verdict, code):
    """The finding with ``code`` (fails the test when there is none)."""
    found = [f for f in verdict.findings if f.code == code]
    assert found, f"no {code!r} finding in {verdict.findings}"
    return found[0]


def test_24_by_36_portrait_passes_the_workshop_rules(tmp_path):
    """The largest allowed workshop poster passes with no finding."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 24, 36), WORKSHOP)
    assert verdict.verdict == "pass", verdict.findings
    assert (verdict.width_in, verdict.height_in, verdict.pages) == (24, 36, 1)


def test_landscape_fails_with_the_words_authors_read(tmp_path):
    """A 36 x 24 in poster fails the portrait rule, saying its size and the limits."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 36, 24), WORKSHOP)
    assert verdict.verdict == "fail"
    assert finding(verdict, "orientation").message == (
        "Your poster is 36.0 in wide x 24.0 in high (landscape). ICML workshop posters must be "
        "portrait and at most 24 in wide x 36 in high.")


@pytest.mark.parametrize("rotate", [90, 270, -90, 450])
def test_rotation_turns_a_landscape_page_into_a_portrait_poster(tmp_path, rotate):
    """A 36 x 24 in page shown turned by a quarter is a 24 x 36 in portrait poster."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 36, 24, rotate=rotate), WORKSHOP)
    assert (verdict.width_in, verdict.height_in) == (24, 36)
    assert verdict.verdict == "pass", verdict.findings


@pytest.mark.parametrize("rotate", [90, 270])
def test_rotation_turns_a_portrait_page_into_a_landscape_poster(tmp_path, rotate):
    """A 24 x 36 in page turned by a quarter is landscape and fails the workshop rules."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 24, 36, rotate=rotate), WORKSHOP)
    assert (verdict.width_in, verdict.height_in) == (36, 24)
    assert verdict.codes() == ["orientation"]


def test_rotation_and_media_box_inherited_from_the_page_tree(tmp_path):
    """MediaBox and Rotate set only on the page tree count for the page."""
    path = inherited_pdf(tmp_path / "p.pdf", 36, 24, rotate=90)
    assert b"/MediaBox" not in path.read_bytes().split(b"/Type /Page ")[1]
    verdict = check_file(path, WORKSHOP)
    assert (verdict.width_in, verdict.height_in) == (24, 36)
    assert verdict.verdict == "pass"


def test_user_unit_scales_the_page(tmp_path):
    """A 12 x 18 unit page with /UserUnit 2 prints 24 x 36 in."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 12, 18, user_unit=2), WORKSHOP)
    assert (verdict.width_in, verdict.height_in) == pytest.approx((24, 36))
    assert verdict.verdict == "pass"


def test_trim_box_inside_a_bleed_decides_the_size(tmp_path):
    """A 24 x 36 in TrimBox inside a MediaBox with 0.5 in bleed is a 24 x 36 in poster."""
    path = poster_pdf(tmp_path / "p.pdf", 25, 37, trim_in=(0.5, 0.5, 24.5, 36.5))
    verdict = check_file(path, WORKSHOP)
    assert (verdict.width_in, verdict.height_in) == pytest.approx((24, 36))
    assert verdict.verdict == "pass"


def test_crop_box_decides_the_size_without_a_trim_box(tmp_path):
    """A CropBox of 20 x 30 in on a 40 x 60 in MediaBox: the poster is 20 x 30 in."""
    path = poster_pdf(tmp_path / "p.pdf", 40, 60, crop_in=(10, 10, 30, 40))
    verdict = check_file(path, WORKSHOP)
    assert (verdict.width_in, verdict.height_in) == pytest.approx((20, 30))
    assert verdict.verdict == "pass"


def test_a0_portrait_fails_with_the_scale_that_fits(tmp_path):
    """A0 portrait is too large for a workshop, and the finding says at what scale it fits."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 841 / 25.4, 1189 / 25.4), WORKSHOP)
    message = finding(verdict, "too-large").message
    assert verdict.verdict == "fail"
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in message


def test_within_tolerance_passes_and_beyond_fails(tmp_path):
    """0.2 in over is within the 0.25 in tolerance; 0.3 in over is not, unless it is widened."""
    assert check_file(poster_pdf(tmp_path / "a.pdf", 24.2, 36), WORKSHOP).verdict == "pass"
    over = poster_pdf(tmp_path / "b.pdf", 24.3, 36)
    assert check_file(over, WORKSHOP).codes() == ["too-large"]
    assert check_file(over, WORKSHOP.with_tolerance(0.5)).verdict == "pass"


def test_a_small_poster_is_a_warning_with_the_scale_up(tmp_path):
    """A poster a third of the allowed size warns and says how large it could print."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 8, 12), WORKSHOP)
    assert verdict.verdict == "warn"
    assert "prints at 300.0 % as 24.0 x 36.0 in" in finding(verdict, "small").message


def test_main_conference_notes_sizes_that_are_not_suggested(tmp_path):
    """48 x 36 in is a suggested main-conference size; 50 x 30 in fits but gets a note."""
    assert check_file(poster_pdf(tmp_path / "a.pdf", 48, 36), MAIN).findings == []
    odd = check_file(poster_pdf(tmp_path / "b.pdf", 50, 30), MAIN)
    assert odd.verdict == "pass" and odd.codes() == ["unusual-size"]


def test_two_pages_fail(tmp_path):
    """A poster is one page; two pages fail and say so."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", pages=2), WORKSHOP)
    assert verdict.pages == 2 and verdict.codes() == ["pages"]
    assert "2 pages" in verdict.findings[0].message


def test_a_password_protected_pdf_is_an_error(tmp_path):
    """A PDF that needs a password to open cannot be checked: error, saying why."""
    path = tmp_path / "p.pdf"
    with pikepdf.open(poster_pdf(tmp_path / "plain.pdf")) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    verdict = check_file(path, WORKSHOP)
    assert verdict.verdict == "error" and verdict.codes() == ["encrypted"]
    assert "password" in verdict.findings[0].message


def test_an_encrypted_pdf_that_forbids_printing_is_an_error(tmp_path):
    """Encrypted without a password but with printing forbidden: error."""
    path = tmp_path / "p.pdf"
    with pikepdf.open(poster_pdf(tmp_path / "plain.pdf")) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(
            user="", owner="owner", allow=pikepdf.Permissions(print_lowres=False, print_highres=False)))
    assert check_file(path, WORKSHOP).codes() == ["encrypted"]
    assert check_file(path, WORKSHOP).verdict == "error"


def test_an_encrypted_pdf_that_opens_freely_is_an_error_and_still_measured(tmp_path):
    """Encrypted with only an owner password: error (print shops refuse it), and the size
    is still checked so the author hears about everything at once."""
    path = tmp_path / "p.pdf"
    with pikepdf.open(poster_pdf(tmp_path / "plain.pdf", 33.1, 46.8)) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="", owner="owner"))
    verdict = check_file(path, WORKSHOP)
    assert verdict.verdict == "error" and verdict.codes() == ["encrypted", "too-large"]
    assert verdict.height_in == pytest.approx(46.8, abs=0.01)


def test_a_truncated_pdf_is_repaired_with_a_warning(tmp_path):
    """A PDF missing its last bytes opens after repair: the size is read and a warning says so."""
    data = pdf_bytes(24, 36)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:-30])
    verdict = check_file(path, WORKSHOP)
    assert verdict.verdict == "warn" and verdict.codes() == ["repaired"]
    assert (verdict.width_in, verdict.height_in) == (24, 36)
    assert str(tmp_path) not in verdict.findings[0].message


def test_a_pdf_cut_in_half_is_an_error(tmp_path):
    """A PDF cut before its page tree cannot be read: error with the reason."""
    data = pdf_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:120])
    verdict = check_file(path, WORKSHOP)
    assert verdict.verdict == "error" and verdict.codes() == ["unreadable"]


@pytest.mark.parametrize("content,code", [
    (b"", "empty"),
    (b"Dear organisers, please find my poster attached.\n", "unknown-format"),
    (b"PK\x03\x04 a zip file named like a PDF", "unknown-format"),
])
def test_files_that_are_not_posters_are_errors(tmp_path, content, code):
    """An empty file or one that is not a PDF (whatever its name) is an error."""
    path = tmp_path / "poster.pdf"
    path.write_bytes(content)
    verdict = check_file(path, WORKSHOP)
    assert verdict.verdict == "error" and verdict.codes() == [code]


def test_a_missing_file_is_an_error(tmp_path):
    """A path that does not exist: error, not an exception."""
    assert check_file(tmp_path / "nothing.pdf", WORKSHOP).codes() == ["missing"]


def test_a_low_resolution_image_warns_with_its_dpi(tmp_path):
    """A 600 x 400 px image printed 6 x 4 in is 100 dpi: a warning stating the figure."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", image=(600, 400, 6, 4)), WORKSHOP)
    assert verdict.verdict == "warn"
    message = finding(verdict, "low-resolution").message
    assert "600 x 400 px" in message and "100 dpi" in message and "6.0 x 4.0 in" in message


def test_a_sharp_image_passes(tmp_path):
    """A 1200 x 800 px image printed 4 x 2.667 in is 300 dpi: no finding."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", image=(1200, 800, 4, 8 / 3)), WORKSHOP)
    assert verdict.verdict == "pass", verdict.findings


def test_an_image_inside_a_scaled_form_is_measured_at_its_printed_size(tmp_path):
    """An image drawn at half size inside a form the page doubles is measured at full size."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", image=(600, 400, 6, 4), image_in_form=True), WORKSHOP)
    assert "100 dpi" in finding(verdict, "low-resolution").message


def test_user_unit_counts_for_image_resolution(tmp_path):
    """With /UserUnit 2 an image drawn over 3 x 2 units prints 6 x 4 in."""
    path = poster_pdf(tmp_path / "p.pdf", 12, 18, user_unit=2, image=(600, 400, 3, 2))
    assert "100 dpi" in finding(check_file(path, WORKSHOP), "low-resolution").message


def test_a_font_that_is_not_embedded_warns(tmp_path):
    """Text in a font the PDF does not carry: a warning naming the font."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", font="Calibri"), WORKSHOP)
    assert verdict.verdict == "warn"
    assert "Calibri" in finding(verdict, "fonts-not-embedded").message


@pytest.mark.parametrize("name,embedded", [("Calibri", True), ("Helvetica", False)])
def test_embedded_and_standard_fonts_pass(tmp_path, name, embedded):
    """An embedded font, or one of the 14 standard fonts every printer has, is fine."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf", font=name, embedded_font=embedded), WORKSHOP)
    assert verdict.verdict == "pass", verdict.findings


def test_quick_checks_skip_images(tmp_path):
    """The quick check reads the size only: a low-resolution image is not reported."""
    path = poster_pdf(tmp_path / "p.pdf", image=(600, 400, 6, 4))
    assert check_file(path, WORKSHOP, quick=True).verdict == "pass"


def test_a_pdf_against_virtual_rules_fails_as_the_wrong_format(tmp_path):
    """The virtual poster must be a PNG; a PDF fails and is told so."""
    verdict = check_file(poster_pdf(tmp_path / "p.pdf"), load_rules("icml-virtual-poster"))
    assert verdict.codes() == ["wrong-format"] and "PNG" in verdict.findings[0].message


def test_a_thumbnail_is_a_small_png(tmp_path):
    """Asked for, the first page comes back as a PNG at most 240 px on its long side."""
    from io import BytesIO

    from PIL import Image

    verdict = check_file(poster_pdf(tmp_path / "p.pdf", 24, 36), WORKSHOP, thumbnail=True)
    image = Image.open(BytesIO(verdict.thumbnail))
    assert image.format == "PNG" and image.size == (160, 240)


def _with_action(path, where: str, action: pikepdf.Dictionary):
    pdf = pikepdf.open(poster_pdf(path, 24, 36), allow_overwriting_input=True)
    if where == "open":
        pdf.Root.OpenAction = pdf.make_indirect(action)
    elif where == "names":
        tree = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("go"), pdf.make_indirect(action)]))
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=tree)
    else:
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                  Rect=[0, 0, 100, 100], A=action)
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    pdf.save(path)
    return path


@pytest.mark.parametrize("where", ["open", "names", "link"])
def test_javascript_anywhere_is_a_warning(tmp_path, where):
    """JavaScript run on opening, named in the document or behind a link gets a warning
    (print shops open these files); the poster is otherwise fine."""
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    verdict = check_file(_with_action(tmp_path / "js.pdf", where, action), WORKSHOP)
    assert finding(verdict, "active-content").severity == "warn"
    assert "JavaScript" in finding(verdict, "active-content").message


def test_a_launch_action_is_a_warning(tmp_path):
    """An action that starts a program is named in the warning."""
    action = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    verdict = check_file(_with_action(tmp_path / "launch.pdf", "link", action), WORKSHOP)
    assert "starts a program" in finding(verdict, "active-content").message


def test_a_plain_link_is_not_active_content(tmp_path):
    """A web link is not active content: no warning."""
    action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org"))
    verdict = check_file(_with_action(tmp_path / "uri.pdf", "link", action), WORKSHOP)
    assert not [f for f in verdict.findings if f.code == "active-content"]
