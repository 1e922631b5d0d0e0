"""Documents from a shell: signage, board labels, guidelines."""

from __future__ import annotations

import pytest

from hildprint.cli import main


@pytest.fixture
def sample_event(tmp_path):
    from hildprint.core.services.sample import create_sample_event
    return create_sample_event(tmp_path / "hild2026.hildprint")


def test_signage_commands(sample_event, tmp_path, capsys):
    """Door, direction and agenda signs from the command line; bad directions are usage errors."""
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "d.pdf")]) == 0
    assert "door signs, 6 pages" in capsys.readouterr().out
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "a.pdf"), "--kind", "agenda",
                 "--paper", "A3"]) == 0
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "r.pdf"), "--kind", "direction",
                 "--sign", "Poster Hall D=right", "--sign", "Exit=nw", "--paper", "A3", "--distance", "5"]) == 0
    assert "direction signs, 2 pages" in capsys.readouterr().out
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "x.pdf"), "--kind", "direction"]) == 2
    assert "--sign" in capsys.readouterr().err
    assert main(["signage", str(sample_event), "-o", str(tmp_path / "x.pdf"), "--kind", "direction",
                 "--sign", "Exit=sideways"]) == 2
    assert "sideways" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_board_labels_and_guidelines_commands(sample_event, tmp_path, capsys):
    """Board labels number the boards first; guidelines come general or per paper."""
    assert main(["board-labels", str(sample_event), "-o", str(tmp_path / "b.pdf")]) == 0
    out = capsys.readouterr().out
    assert "numbered 25 papers" in out and "25 board labels" in out
    assert main(["guidelines", str(sample_event), "-o", str(tmp_path / "g.pdf"), "--per-paper",
                 "--mounting", "pins"]) == 0
    assert "25 pages" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["guidelines", str(sample_event), "-o", str(tmp_path / "g.pdf"), "--mounting", "glue"])
    assert exit_info.value.code == 2 and "glue" in capsys.readouterr().err
