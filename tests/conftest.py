"""Shared fixtures: every test gets its own records file and no extra packs from the
environment, Rich output has a fixed width, and commands run through the real entry point."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "posix(reason): needs POSIX (pseudo-terminals, signals, file modes)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On Windows, skip what only POSIX has, saying why, so the rest of the suite counts."""
    if os.name != "nt":
        return
    for item in items:
        marker = item.get_closest_marker("posix")
        if marker is not None:
            reason = marker.args[0] if marker.args else "POSIX only"
            item.add_marker(pytest.mark.skip(reason=f"POSIX only: {reason}"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GESPREK_DB", str(tmp_path / "verslagen.sqlite"))
    monkeypatch.setenv("GESPREK_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("GESPREK_PAKKETTEN", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PROMPT_TOOLKIT_NO_CPR", "1")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def gesprek(capsys: pytest.CaptureFixture[str]):
    """Run ``gesprek ARGS`` in-process through ``gesprek.cli.main`` (the console script's
    entry point, with its error handling); returns the exit code, stdout and stderr."""
    from gesprek.cli import main

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def pack(tmp_path: Path):
    """Make an extra content pack: ``pack({"dilemmas/x.yaml": "..."})`` -> its folder.
    Values may be str (written as UTF-8) or bytes (written as they are)."""

    def make(files: dict[str, str | bytes], name: str = "pakket") -> Path:
        root = tmp_path / name
        for rel, body in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root

    return make


VALID_DILEMMA = """\
id: eigen-dilemma
type: dilemma
titel: Een eigen dilemma
thema: geschenken
kernwaarden: [integer]
situatie: |
  Een buurtbewoner brengt een taart naar het bureau.
vraag: Wat doe je?
opties:
  - id: a
    tekst: Ik neem de taart aan.
  - id: b
    tekst: Ik bedank vriendelijk.
loketten: [vik]
"""
