"""Bar: `gesprek --help` within 1.3x of `python -c "import typer"`.

Both commands run as fresh subprocesses, interleaved (the order alternates every round so
neither side always runs on a warmer machine), after warm-up runs that fill the bytecode
and file caches. The medians of the wall times and their ratio are printed; exit status is
0 whatever the ratio (non-zero only if the script itself fails).

Bytecode: an installed wheel has its .pyc files, but a checkout run with
PYTHONDONTWRITEBYTECODE=1 recompiles gesprek's own modules on every start. So both sides
run with PYTHONPYCACHEPREFIX set to a temporary folder (written during warm-up, nothing is
written into src/); --env-as-is keeps the caller's environment instead.

    .venv/bin/python bench/help_speed.py [--runs 15] [--env-as-is]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile

from side_by_side import bench_env, gesprek_script, side_by_side

BAR = 1.3


def gesprek_command() -> list[str]:
    return [*gesprek_script(), "--help"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs per side")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured runs per side")
    parser.add_argument(
        "--env-as-is", action="store_true", help="no temporary bytecode cache (see above)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gesprek-bench-pyc-") as pycache:
        return measure(args, None if args.env_as_is else pycache)


def measure(args: argparse.Namespace, pycache: str | None) -> int:
    env = bench_env(pycache, drop=("TYPER_USE_RICH",))
    target = gesprek_command()
    baseline = [sys.executable, "-c", "import typer"]

    # It must work before it is worth timing.
    result = subprocess.run(target, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        sys.exit(f"{' '.join(target)} failed (exit {result.returncode}):\n{result.stderr}")

    medians = side_by_side({"target": target, "baseline": baseline}, env, args.runs, args.warmup)
    t, b = medians["target"], medians["baseline"]
    ratio = t / b
    cache = "temporary bytecode cache" if pycache else "environment as is"
    print(f"help_speed: {' '.join(target)} ({cache})")
    print(f"  gesprek --help            : {t * 1000:7.1f} ms (median of {args.runs})")
    print(f"  python -c 'import typer'  : {b * 1000:7.1f} ms (median of {args.runs})")
    print(f"  ratio                     : {ratio:7.2f}x (bar {BAR}x)")
    print("OK" if ratio <= BAR else "BOVEN DE GRENS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
