"""The poster check under load: 1,000 files, 100 of them hostile, all get a verdict and no
worker process outlives the run."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pikepdf
from tests.helpers.posters import pdf_bytes, png_bomb, raw_pdf

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.runner import CheckOptions, check_files

GOOD = 900
HOSTILE_EACH = 20


SERVERS = ("multiprocessing.forkserver", "multiprocessing.resource_tracker")
"""multiprocessing's fork server and resource tracker live as long as the program, by
design (the fork server keeps the checking code loaded); every worker is a child of the
fork server and must be gone."""


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every process, from /proc."""
    table = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            table.append((int(entry.name), parent, command))
    return table


def worker_processes() -> list[int]:
    """Processes this one started, directly or through its fork server, other than the
    servers themselves."""
    table = _processes()
    children = [(pid, command) for pid, parent, command in table if parent == os.getpid()]
    servers = {pid for pid, command in children if any(name in command for name in SERVERS)}
    return [pid for pid, _ in children if pid not in servers] + [
        pid for pid, parent, _ in table if parent in servers]


def cyclic_page_tree(path: Path) -> Path:
    """A page tree whose node lists itself among its kids."""
    return raw_pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>",
                          b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1728 2592] >>"])


def encrypted(path: Path) -> Path:
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(1728, 2592))
        pdf.save(path, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return path


def hostile_files(folder: Path) -> list[Path]:
    """100 files: truncated, encrypted, PNG bombs, cyclic page trees and random bytes."""
    whole = pdf_bytes()
    rng = random.Random(5)
    files = []
    for i in range(HOSTILE_EACH):
        truncated = folder / f"truncated-{i}.pdf"
        truncated.write_bytes(whole[: rng.randrange(20, len(whole) - 10)])
        noise = folder / f"noise-{i}.pdf"
        noise.write_bytes(rng.randbytes(rng.randrange(1, 4000)))
        files += [truncated, encrypted(folder / f"encrypted-{i}.pdf"), png_bomb(folder / f"bomb-{i}.png"),
                  cyclic_page_tree(folder / f"cyclic-{i}.pdf"), noise]
    return files


def test_thousand_files_with_hostile_ones_all_get_verdicts(tmp_path):
    """900 good posters and 100 hostile files: 1,000 verdicts in order, the good ones pass,
    no hostile one passes (a truncated file whose page survives is opened after repair and
    warned about), and no worker process is left afterwards."""
    whole = pdf_bytes()
    good = []
    for i in range(GOOD):
        path = tmp_path / f"good-{i}.pdf"
        path.write_bytes(whole)
        good.append(path)
    hostile = hostile_files(tmp_path)
    paths = good + hostile
    random.Random(3).shuffle(paths)
    verdicts = check_files(paths, CheckOptions(load_rules(), timeout_s=3.0), workers=2)
    assert [v.file for v in verdicts] == [str(p) for p in paths]
    by_file = {v.file: v for v in verdicts}
    assert all(by_file[str(p)].verdict == "pass" for p in good)
    bad = [by_file[str(p)] for p in hostile]
    wrong = [(v.file, v.verdict, v.codes()) for v in bad if not (
        v.verdict in ("error", "fail") or (v.verdict == "warn" and "repaired" in v.codes()))]
    assert not wrong
    assert sum(v.verdict == "error" for v in bad) >= 60
    assert worker_processes() == []
