"""Bar (issue 4): time from starting `gesprek sessie --kaart ID --team T` to the card on
screen, against `python -c "import typer, rich, yaml, pydantic"`; aim for 1.5x or better.

The library cache is warm after the warm-up runs (as for a facilitator's second start
onwards; the first start after a content change reads every file). The session runs in a
pseudo-terminal (pexpect) with a fresh records file each run; the
clock stops when the card's title appears. The baseline runs in the same kind of
pseudo-terminal until it exits. Runs alternate between the two sides; medians and their
ratio are printed. Exit status 0 whatever the ratio.

    .venv/bin/python bench/first_card.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BAR = 1.5
CARD = "lunch-niet-betalen"
TITLE = "De eigenaar wil niet dat je betaalt"


def gesprek() -> str:
    return str(Path(sys.executable).with_name("gesprek"))


PYCACHE = tempfile.mkdtemp(prefix="gesprek-bench-pyc-")


def env(db: str) -> dict[str, str]:
    """Like a user's install: bytecode cached (a checkout run with
    PYTHONDONTWRITEBYTECODE=1 would recompile gesprek's modules on every start; the cache
    goes to a temporary folder, nothing is written into src/)."""
    e = dict(os.environ, GESPREK_DB=db, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    e.pop("GESPREK_PAKKETTEN", None)
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    e["PYTHONPYCACHEPREFIX"] = PYCACHE
    e["GESPREK_CACHE"] = os.path.join(PYCACHE, "inhoud")
    return e


def first_card(folder: str, n: int) -> float:
    db = os.path.join(folder, f"run{n}.sqlite")
    start = time.perf_counter()
    child = pexpect.spawn(
        gesprek(),
        ["sessie", "--kaart", CARD, "--team", "Bench"],
        env=env(db),
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
    )
    child.expect(TITLE)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    child.close()
    return elapsed


def baseline(folder: str) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable,
        ["-c", "import typer, rich, yaml, pydantic"],
        env=env(os.path.join(folder, "x.sqlite")),
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


TYPER_FLOOR = """
from typing import Annotated
import typer, rich, yaml, pydantic
app = typer.Typer()
@app.callback()
def main() -> None: pass
@app.command()
def sessie(kaart: Annotated[list[str] | None, typer.Option("--kaart")] = None,
           team: Annotated[str | None, typer.Option("--team")] = None) -> None:
    print("kaart")
app()
"""


def typer_floor(folder: str) -> float:
    """Not the bar's baseline, for the note: a bare Typer app running one subcommand with
    the same kind of options (Typer builds a pydantic adapter for every subcommand run)."""
    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable,
        ["-c", TYPER_FLOOR, "sessie", "--kaart", CARD, "--team", "Bench"],
        env=env(os.path.join(folder, "x.sqlite")),
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in range(2):  # warm-up: bytecode and file caches
            first_card(folder, -1 - n)
            baseline(folder)
        ours: list[float] = []
        bare: list[float] = []
        floor: list[float] = []
        for n in range(args.runs):
            floor.append(typer_floor(folder))
            if n % 2:
                ours.append(first_card(folder, n))
                bare.append(baseline(folder))
            else:
                bare.append(baseline(folder))
                ours.append(first_card(folder, n))
    a, b = statistics.median(ours), statistics.median(bare)
    ratio = a / b
    print(f"gesprek sessie tot de eerste kaart: mediaan {a * 1000:.0f} ms ({args.runs} runs)")
    print(f"python -c 'import typer, rich, yaml, pydantic': mediaan {b * 1000:.0f} ms")
    print(f"verhouding {ratio:.2f}x (grens {BAR}x): {'OK' if ratio <= BAR else 'BOVEN DE GRENS'}")
    f = statistics.median(floor)
    print(
        f"ter vergelijking: een kale Typer-app met één subcommando: mediaan {f * 1000:.0f} ms "
        f"({f / b:.2f}x de basislijn); gesprek daarboven: {(a - f) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
