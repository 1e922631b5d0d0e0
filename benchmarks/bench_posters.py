"""Poster check speed: 1,000 posters checked for size (and fully), through the worker pool.

Times include starting the workers. The generated posters are one-page PDFs of varied
sizes with an image and a font; when the shared corpus is beside the checkout, 1,000
checks cycling through its real posters are timed as well.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.memory import TreeMemory
from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.runner import CheckOptions, check_files, default_workers

POSTERS = 1_000
SIZES_IN = [(24, 36), (36, 24), (33.11, 46.81), (23.39, 33.11), (48, 36)]
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "posters"


def _make_posters(folder: Path) -> list[Path]:
    from tests.helpers.posters import poster_pdf

    templates = [poster_pdf(folder / f"template-{i}.pdf", w, h, image=(800, 600, 6, 4.5), font="Calibri")
                 for i, (w, h) in enumerate(SIZES_IN)]
    paths = []
    for i in range(POSTERS):
        path = folder / f"poster-{i:04d}.pdf"
        shutil.copyfile(templates[i % len(templates)], path)
        paths.append(path)
    return paths


def _timed(paths: list[Path], options: CheckOptions) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    verdicts = check_files(paths, options)
    wall = time.perf_counter() - started
    counts: dict[str, int] = {}
    for verdict in verdicts:
        counts[verdict.verdict] = counts.get(verdict.verdict, 0) + 1
    return wall, counts


def main() -> dict[str, str]:
    """Time 1,000 size checks and 1,000 full checks; print files per second."""
    rules = load_rules()
    figures: dict[str, str] = {}
    workers = default_workers()
    with tempfile.TemporaryDirectory() as folder:
        paths = _make_posters(Path(folder))
        check_files(paths[:workers], CheckOptions(rules))  # start the fork server once
        with TreeMemory() as memory:
            wall, counts = _timed(paths, CheckOptions(rules, quick=True))
        figures[f"{POSTERS:,} size checks, generated ({workers} workers)"] = (
            f"{wall:.2f} s, {POSTERS / wall:.0f} files/s ({_counts(counts)})")
        wall, counts = _timed(paths, CheckOptions(rules))
        figures[f"{POSTERS:,} full checks, generated"] = f"{wall:.2f} s, {POSTERS / wall:.0f} files/s"
        figures["peak memory, whole process tree (PSS)"] = f"{memory.peak_mib:.0f} MiB"
    if CORPUS.is_dir():
        real = sorted(p for p in CORPUS.iterdir() if p.suffix == ".pdf")
        cycle = [real[i % len(real)] for i in range(POSTERS)]
        wall, counts = _timed(cycle, CheckOptions(rules, quick=True))
        figures[f"{POSTERS:,} size checks, corpus PDFs"] = f"{wall:.2f} s, {POSTERS / wall:.0f} files/s"
        once_each = real * 4
        wall, counts = _timed(once_each, CheckOptions(rules))
        figures[f"{len(once_each)} full checks, corpus PDFs (images, fonts)"] = (
            f"{wall:.2f} s, {len(once_each) / wall:.0f} files/s")
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
