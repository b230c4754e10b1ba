"""Start-up of ``gesprek check`` in the standalone build against the venv install (issue
18): both run side by side, taking turns, each with its own warm library cache.

    .venv/bin/python bench/standalone_start.py [dist/gesprek]

Build first with ``python packaging/build.py`` (default folder: dist/gesprek). Prints both
medians, their ratio (build / venv) and the build's size; no bar in DESIGN.md, so no
verdict. The one-file variant is not built here: it unpacks itself on every start."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from side_by_side import bench_env, gesprek_script, side_by_side

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "gesprek"
    binary = folder / ("gesprek.exe" if os.name == "nt" else "gesprek")
    if not binary.exists():
        sys.exit(f"geen build in {folder}: eerst python packaging/build.py")
    runs = int(os.environ.get("BENCH_RUNS", "15"))
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(str(Path(tmp) / "pycache"))
        env["GESPREK_CACHE"] = str(Path(tmp) / "cache")
        env["GESPREK_DB"] = str(Path(tmp) / "verslagen.sqlite")
        sides = {"venv": [*gesprek_script(), "check"], "build": [str(binary), "check"]}
        medians = side_by_side(sides, env, runs=runs, warmup=2)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    files = sum(1 for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"gesprek check, venv:  {medians['venv'] * 1000:.0f} ms (mediaan van {runs})")
    print(f"gesprek check, build: {medians['build'] * 1000:.0f} ms (mediaan van {runs})")
    print(f"verhouding build/venv: {medians['build'] / medians['venv']:.2f}x")
    print(f"build: {size / 1e6:.0f} MB in {files} bestanden ({folder})")


if __name__ == "__main__":
    main()
