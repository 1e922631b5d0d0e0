"""Run every ``benchmarks/bench_*.py`` (or those named on the command line) and print
their figures. Each module has a ``main()`` that prints its own lines and returns a dict
of figures, which are gathered into one summary table at the end."""

from __future__ import annotations

import importlib
import platform
import sys
from pathlib import Path


def _machine() -> str:
    cpus = len(__import__("os").sched_getaffinity(0))
    return f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    """Run the selected benchmarks and print a summary of every figure."""
    here = Path(__file__).parent
    names = argv or sorted(p.stem for p in here.glob("bench_*.py"))
    summary: list[tuple[str, str, object]] = []
    print(f"machine: {_machine()}")
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n== {name} ==", flush=True)
        figures = module.main() or {}
        summary.extend((name, key, value) for key, value in figures.items())
    if summary:
        print("\n== summary ==")
        width = max(len(f"{n}: {k}") for n, k, _ in summary)
        for name, key, value in summary:
            print(f"{f'{name}: {key}':<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
