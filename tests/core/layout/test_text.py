"""Fonts per run of text, and text fitting into boxes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hildprint.core.layout.fonts import bundled_fonts
from hildprint.core.layout.text import break_points, fit_text, make_line

FONTS = bundled_fonts()


def faces(text):
    return [(run.face.name, run.text) for run in FONTS.runs(text)]


def test_each_script_gets_a_face_that_has_it():
    """Latin, Greek and Cyrillic in DejaVu; Arabic in Naskh; Korean in Nanum; Chinese in WenQuanYi."""
    assert faces("Zoë Ελένη Дмитрий Nguyễn") == [("DejaVuSans", "Zoë Ελένη Дмитрий Nguyễn")]
    assert faces("محمد الأحمد") == [("NotoNaskhArabic", "محمد الأحمد")]
    assert faces("김민준") == [("NanumGothic", "김민준")]
    assert faces("王芳") == [("WenQuanYiMicroHei", "王芳")]


def test_han_characters_follow_the_language_of_the_text():
    """Kanji in a Japanese name take the Japanese face; hanja in a Korean text the Korean one."""
    assert {f for f, _ in faces("山田太郎 やまだ")} == {"IPAGothic"}
    assert faces("金 김민준")[0][0] == "NanumGothic"


def test_mixed_text_is_cut_into_runs():
    """A Latin affiliation with a Chinese name in it becomes two runs, spaces kept in place."""
    assert faces("Peking University · 北京大学") == [
        ("DejaVuSans", "Peking University · "), ("WenQuanYiMicroHei", "北京大学")]


def test_missing_lists_characters_no_face_has():
    """Tibetan letters and an unusual emoji are missing; combining marks of them too."""
    assert FONTS.missing("Zoë 王芳 김민준 محمد") == []
    assert FONTS.missing("Sam 🦜") == ["🦜"]
    assert "བ" in FONTS.missing("བསྟན་འཛིན")


def test_arabic_line_is_shaped_right_to_left():
    """An Arabic run is marked right-to-left and measured after shaping (joined letters are narrower)."""
    line = make_line("محمد الأحمد")
    assert line.runs[0].rtl
    from reportlab.pdfbase.pdfmetrics import stringWidth
    assert line.width < stringWidth("محمد الأحمد", line.runs[0].font, 1)


def test_a_short_name_takes_the_largest_size():
    """A short name is set at the box's largest size on one line."""
    fitted = fit_text("Li Wei", 260, 100, 40, 14, bold=True)
    assert fitted.size == 40 and len(fitted.lines) == 1 and not fitted.shortened


def test_a_long_name_wraps_at_a_space_before_going_under_the_minimum():
    """A name too wide for one line at the minimum wraps onto two lines at a space."""
    name = "Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen"
    fitted = fit_text(name, 260, 110, 40, 14, bold=True)
    assert len(fitted.lines) == 2 and fitted.size >= 14 and not fitted.shortened
    assert " ".join(line.text for line in fitted.lines) == name


def test_what_cannot_fit_is_shortened_with_an_ellipsis():
    """When even two lines at the minimum do not fit, the text ends in an ellipsis and says so."""
    fitted = fit_text("Wolfeschlegelsteinhausenbergerdorff " * 4, 200, 60, 40, 14, bold=True)
    assert fitted.shortened and fitted.size == 14 and fitted.lines[-1].text.endswith("…")
    assert fitted.width() <= 200 + 1e-6


def test_cjk_text_may_wrap_between_characters():
    """Names without spaces in CJK scripts can break between characters; Latin words cannot."""
    assert break_points("東京大学大学院") == [1, 2, 3, 4, 5, 6]
    assert break_points("Wolfeschlegel") == []


scripts = st.sampled_from([
    "abcdefghij ", "ÀÉÎõüçñ ", "αβγδεζηθ ", "абвгдежз ", "ạảấầẩẫậ ", "王芳李明轩清华大学 ",
    "山田太郎やまだ ", "김민준이서연 ", "محمد الأحمد فاطمة ",
])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(scripts, min_size=1, max_size=12), width=st.floats(40, 400),
       height=st.floats(12, 150), max_lines=st.integers(1, 4))
def test_fitted_text_never_leaves_its_box(parts, width, height, max_lines):
    """Whatever the text and box, the fitted block is no wider and no taller than the box."""
    text = "".join(parts).strip()
    fitted = fit_text(text, width, height, 40, 10, max_lines=max_lines)
    assert fitted.width() <= width + 1e-6
    assert fitted.height() <= height + 1e-6
    assert len(fitted.lines) <= max_lines


def test_long_titles_wrap_onto_more_lines_when_allowed():
    """With max_lines=4 a paper title wraps greedily to fill the box at a larger size."""
    title = ("A statistical mechanics account of grokking in modular arithmetic "
             "with finite width transformers trained by stochastic gradient descent")
    two = fit_text(title, 400, 120, 40, 8, bold=True, max_lines=2)
    four = fit_text(title, 400, 120, 40, 8, bold=True, max_lines=4)
    assert 2 < len(four.lines) <= 4 and four.size > two.size
    assert " ".join(line.text for line in four.lines) == title
    assert four.width() <= 400 + 1e-6 and four.height() <= 120 + 1e-6
