"""Shared fixtures: every test gets its own records file and no extra packs from the
environment, Rich output has a fixed width, and commands run through the real entry point."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Before any gesprek module is imported (test modules import it at collection, and some
# load the library, which writes its cache): every user folder points into a sandbox, so a
# test run never reads or writes the user's own cache, data or config.
_SANDBOX = Path(tempfile.mkdtemp(prefix="gesprek-tests-"))
atexit.register(shutil.rmtree, _SANDBOX, True)
REAL_HOME = Path(os.environ.get("HOME") or Path.home())
_REAL_USER_FOLDERS = [
    Path(os.environ.get("XDG_CACHE_HOME") or REAL_HOME / ".cache") / "gesprek",
    Path(os.environ.get("XDG_DATA_HOME") or REAL_HOME / ".local" / "share") / "gesprek",
    Path(os.environ.get("XDG_CONFIG_HOME") or REAL_HOME / ".config") / "gesprek",
    Path(os.environ.get("XDG_STATE_HOME") or REAL_HOME / ".local" / "state") / "gesprek",
    REAL_HOME / "Library" / "Caches" / "gesprek",
    REAL_HOME / "Library" / "Application Support" / "gesprek",
]
for _name, _sub in {
    "HOME": "home",
    "USERPROFILE": "home",
    "XDG_CACHE_HOME": "home/.cache",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_STATE_HOME": "home/.local/state",
    "APPDATA": "home/AppData/Roaming",
    "LOCALAPPDATA": "home/AppData/Local",
    "GESPREK_CACHE": "cache",
}.items():
    os.environ[_name] = str(_SANDBOX / _sub)
    (_SANDBOX / _sub).mkdir(parents=True, exist_ok=True)
os.environ["GESPREK_DB"] = str(_SANDBOX / "verslagen.sqlite")
os.environ.pop("GESPREK_PAKKETTEN", None)


def _fingerprint(folders: list[Path]) -> str:
    """Names, sizes and contents of every file in ``folders``."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.exists():
            digest.update(f"{folder}|-".encode())
            continue
        for path in sorted(folder.rglob("*")):
            digest.update(str(path).encode())
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


_BEFORE = _fingerprint(_REAL_USER_FOLDERS)


def pytest_sessionfinish(session, exitstatus) -> None:  # type: ignore[no-untyped-def]
    """The run must leave the user's own gesprek folders as they were."""
    if _fingerprint(_REAL_USER_FOLDERS) != _BEFORE:
        print("\nFOUT: de tests hebben de echte gebruikersmappen van gesprek veranderd")
        session.exitstatus = 1


import pytest  # noqa: E402

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
def test_library(monkeypatch: pytest.MonkeyPatch):
    """The test pack (``tests/pack/``) loaded alone, without the built-in content; and
    ``GESPREK_PAKKETTEN`` pointing at it, so a command run in the test knows its items."""
    from tests.testpack import TEST_PACK, pack_library

    monkeypatch.setenv("GESPREK_PAKKETTEN", str(TEST_PACK))
    return pack_library()


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

# A valid kennisvraag; its correct option (b) is on line 11, after the wrong one.
KENNISVRAAG = """\
id: eigen-vraag
type: kennisvraag
titel: Wat mag je opzoeken?
thema: informatie
vraag: Mag je een bekende opzoeken in de systemen?
opties:
  - id: a
    tekst: Ja, als ik nieuwsgierig ben.
  - id: b
    tekst: Alleen voor je werk.
    juist: true
uitleg: Je raadpleegt alleen wat je voor je werk nodig hebt.
"""
