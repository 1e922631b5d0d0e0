"""What the About box tells: versions, and every bundled font with its licence."""

from __future__ import annotations

from hildprint import __version__
from hildprint.core import services


def test_versions_name_hildprint_and_python():
    """hildprint's own version and Python's come first; installed libraries follow."""
    versions = services.versions()
    assert list(versions)[:2] == ["hildprint", "Python"] and versions["hildprint"] == __version__
    assert "reportlab" in versions


def test_every_font_has_a_licence_file_and_a_named_licence():
    """Each face the documents use has its licence file beside it, and the licence named."""
    import json

    licences = services.font_licences()
    table = json.loads((services.assets_dir() / "fonts" / "fonts.json").read_text(encoding="utf-8"))
    assert [f.face for f in licences] == table["order"] and licences[0].face == "DejaVuSans"
    for font in licences:
        assert font.licence.is_file(), font.licence
    named = {f.face: f.licence_name for f in licences}
    assert named["NanumGothic"] == "OFL-1.1" and named["IPAGothic"] == "IPA-1"
