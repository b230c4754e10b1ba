"""Domain errors. Every error a user can cause is one of these; the CLI turns them into a
Dutch message on stderr and an exit code, in one place (``gesprek.cli.app.run``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gesprek.visible import excerpt, visible

MAX_MESSAGE = 300


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one content file, with the line where there is one."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{visible(where)}: {self.shown}"

    @property
    def shown(self) -> str:
        """The message as it may be shown: control characters visible, and never longer
        than a few lines (a message quotes values only as short excerpts, but a safety net
        keeps a huge value from filling a terminal)."""
        text = visible(self.message)
        return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"

    def as_dict(self) -> dict[str, object]:
        return {"bestand": self.path, "regel": self.line, "melding": self.shown}


def display_path(path: Path | str) -> str:
    """A path as a user would recognise it: relative to the current folder where it lies
    below it, else as given. (No symlink resolution: this runs for every file loaded.)"""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd + os.sep):
        return absolute[len(cwd) + 1 :]
    return str(path)


class GesprekError(Exception):
    """Base of all errors that reach the user as a message."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(GesprekError):
    """Something the user must fix in how they called gesprek (unknown id, bad path ...)."""


class StoreError(GesprekError):
    """The records database cannot be used (locked, corrupt, newer version ...)."""


class ServerError(GesprekError):
    """The unit's server cannot be used: unreachable, refused, no permission, too new.
    Its message never holds the connection string or a text from the server."""


class ContentErrors(GesprekError):
    """One or more problems in the loaded content packs."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        n = len(problems)
        super().__init__(
            f"{n} fout{'en' if n != 1 else ''} in de inhoud",
            hint="Draai 'gesprek check' voor alle meldingen.",
        )
        self.problems = problems


_OS_REASONS = {
    "EACCES": "geen toegang",
    "EPERM": "geen toestemming",
    "ENOENT": "bestaat niet",
    "EISDIR": "is een map",
    "ENOTDIR": "een deel van het pad is geen map",
    "ENOSPC": "de schijf is vol",
    "EROFS": "alleen-lezen bestandssysteem",
    "ENAMETOOLONG": "de naam is te lang",
    "ELOOP": "te veel symbolische koppelingen",
}


def os_reason(exc: OSError) -> str:
    """A short Dutch reason for an operating-system error."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name, exc.strerror or name or "onbekende fout")


def suggest(word: str, choices: Iterable[str]) -> str:
    """A Dutch 'bedoelde je ...?' tail for an unknown word, or an empty string."""
    import difflib

    if len(word) > 100:  # nothing is that long; and difflib is quadratic
        return ""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (bedoelde je '{excerpt(close[0])}'?)" if close else ""
