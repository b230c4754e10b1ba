"""What the benchmark scripts share: the command a user runs, a clean environment, and
timing two commands side by side (warm-up, then alternating runs, medians)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


def gesprek_script() -> list[str]:
    """The console script next to this interpreter (what a user runs), else ``-m``."""
    script = Path(sys.executable).with_name("gesprek")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gesprek"]


def bench_env(pycache: str | None, drop: Iterable[str] = ()) -> dict[str, str]:
    """The caller's environment without extra packs or import profiling; with ``pycache``,
    bytecode is cached there (as in an installed wheel) instead of recompiled each start."""
    env = dict(os.environ)
    for name in ("GESPREK_PAKKETTEN", "PYTHONPROFILEIMPORTTIME", *drop):
        env.pop(name, None)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def wall(cmd: Sequence[str], env: Mapping[str, str]) -> float:
    """Wall time of one run; a failing command stops the benchmark with its stderr."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start


def side_by_side(
    sides: Mapping[str, Sequence[str]], env: Mapping[str, str], runs: int, warmup: int
) -> dict[str, float]:
    """Median wall time per side: ``warmup`` unmeasured rounds, then ``runs`` rounds whose
    order alternates, so neither side always runs on a warmer machine."""
    names = list(sides)
    for _ in range(warmup):
        for name in names:
            wall(sides[name], env)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else reversed(names):
            times[name].append(wall(sides[name], env))
    return {name: statistics.median(values) for name, values in times.items()}
