"""The badge designer on the sample event: redrawing the canvas while a box is dragged
(budget 16 ms a frame), and the preview of one person (budget 100 ms)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

FRAMES = 120


def _figure(times: list[float], what: str) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (f"median {statistics.median(times):.1f} ms, 95th percentile {p95:.1f} ms, "
            f"worst {max(times):.1f} ms ({len(times)} {what})")


def main() -> dict[str, str]:
    """Time drag frames and person previews in the designer; print the figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF

    from hildprint.core.services.sample import create_sample_event
    from hildprint.gui.app import application
    from hildprint.gui.designer.window import DesignerWindow

    app = application()
    with tempfile.TemporaryDirectory() as folder:
        event = create_sample_event(Path(folder) / "sample.hildprint")
        window = DesignerWindow(event, "a6-4up-a4")
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        item = max(window.scene.items_by_index.values(), key=lambda i: len(i.box.get("text", "")))
        start = item.pos()
        frames = []
        for frame in range(FRAMES):
            began = time.perf_counter()
            item.setPos(start + QPointF(frame % 30, frame % 20))
            window.view.viewport().grab()  # the whole canvas drawn, not just the moved box
            frames.append((time.perf_counter() - began) * 1000)
        previews = []
        for index in range(window.person_box.count()):
            window.person_box.setCurrentIndex(index)
            began = time.perf_counter()
            window.refresh_preview()
            window.view.viewport().grab()
            previews.append((time.perf_counter() - began) * 1000)
        window.close()
    figures = {"drag frame": _figure(frames, "frames"), "person preview": _figure(previews, "people")}
    for name, figure in figures.items():
        print(f"{name}: {figure}")
    return figures


if __name__ == "__main__":
    main()
