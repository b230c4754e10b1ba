"""Try the standalone build as a user would, outside the checkout (``.ci/run`` runs this):
``python packaging/try_build.py dist/gesprek``.

check, inhoud --json, a deck of the yearly programme, a handout, and a short session in a
pseudo-terminal with one vote by hand, read back with the build's own ``resultaten --json``.
Needs pexpect and python-pptx (the test extra) in the Python that runs it; the build itself
uses nothing of that Python."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    folder = Path(sys.argv[1]).resolve()
    binary = folder / ("gesprek.exe" if os.name == "nt" else "gesprek")
    with tempfile.TemporaryDirectory(prefix="gesprek-build-") as raw:
        work = Path(raw)
        env = {
            **os.environ,
            "GESPREK_DB": str(work / "verslagen.sqlite"),
            "GESPREK_CACHE": str(work / "cache"),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": "xterm",
            "NO_COLOR": "1",
        }
        env.pop("GESPREK_PAKKETTEN", None)
        env.pop("PYTHONPATH", None)

        def run(*args: str, **extra: str) -> str:
            started = time.monotonic()
            result = subprocess.run(
                [str(binary), *args],
                cwd=work,
                env={**env, **extra},
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=120,
            )
            took = time.monotonic() - started
            print(f"gesprek {' '.join(args)}: exit {result.returncode} in {took:.2f} s")
            if result.returncode != 0 or "Traceback" in result.stderr:
                sys.exit(f"mislukt:\n{result.stdout}\n{result.stderr}")
            return result.stdout

        run("check")
        items = json.loads(run("inhoud", "--json"))
        assert len(items) > 50, len(items)

        run("deck", "--programma", "jaarlijks-integriteitsgesprek", "-o", "deck.pptx")
        from pptx import Presentation

        slides = len(Presentation(str(work / "deck.pptx")).slides)
        assert slides > 3, slides
        run("handout", "-o", "handout.html")
        assert "<html" in (work / "handout.html").read_text(encoding="utf-8").lower()

        # The build too writes in any console or pipe encoding.
        run("inhoud", PYTHONIOENCODING="ascii")
        if os.name == "nt":  # pexpect has no pseudo-terminals on Windows
            print(f"build werkt: {len(items)} items, deck {slides} dia's (sessie overgeslagen)")
            return
        session(binary, work, env)
        data = json.loads(run("resultaten", "1", "--json"))
        votes = {part["item"]: part["stemmen"] for part in data["onderdelen"]}
        assert votes.get("lunch-niet-betalen") == {"a": 4, "b": 2, "c": 1, "d": 0}, data
        assert data["team"] == "Team Build"
        run("resultaten", "1", PYTHONIOENCODING="cp1252")
        print(f"build werkt: {len(items)} items, deck {slides} dia's, stemming teruggelezen")


def session(binary: Path, work: Path, env: dict[str, str]) -> None:
    import pexpect

    child = pexpect.spawn(
        str(binary),
        ["sessie", "--kaart", "lunch-niet-betalen", "--team", "Team Build"],
        cwd=str(work),
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=60,
    )
    child.expect("De eigenaar wil niet dat je betaalt")
    child.expect("Stemmen")
    child.sendline("4 2 1 0")
    child.expect("57%")
    # Past the results and the closing screens: Enter until the session has ended.
    for _ in range(10):
        child.sendline("")
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=5) == 0:
            break
    else:
        child.terminate(force=True)
        sys.exit("de sessie eindigde niet")
    child.close()
    if child.exitstatus != 0:
        sys.exit(f"sessie: exit {child.exitstatus}\n{child.before}")
    print("gesprek sessie in een pseudo-terminal: een stemming met de hand, afgerond")


if __name__ == "__main__":
    main()
