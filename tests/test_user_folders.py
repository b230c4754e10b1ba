"""A test run leaves the user's own folders alone: run a part of the suite that loads the
library (which writes its cache), records sessions and runs the real `gesprek` in a
pseudo-terminal, with a fresh HOME and no XDG or GESPREK variables, and check that nothing
was written under that HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_a_test_run_writes_nothing_under_the_real_home(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "GESPREK_")) and key not in ("APPDATA", "LOCALAPPDATA")
    }
    env["HOME"] = str(home)
    env["USERPROFILE"] = str(home)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_smoke.py",
            "tests/test_plan.py",
            "tests/test_session_e2e.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert written == [], written
