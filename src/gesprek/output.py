"""Writing output files safely: never over an existing file without permission, never a
half-written file (write to a temporary file in the same folder, then rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from gesprek.errors import UsageError, display_path, os_reason


def check_target(path: Path, *, overwrite: bool) -> None:
    shown = display_path(path)
    if path.exists() and path.is_dir():
        raise UsageError(f"{shown} is een map; geef een bestandsnaam")
    if path.exists() and not overwrite:
        raise UsageError(f"{shown} bestaat al", hint="Gebruik --overschrijf om het te vervangen.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"de map {display_path(folder)} bestaat niet")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"kan niet schrijven in de map {display_path(folder)}")


class _Terminated(BaseException):
    """SIGTERM (or SIGHUP) arrived while a file was being written."""


@contextmanager
def _termination_cleans_up() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception while a file is written, so the
    ``finally`` that removes the temporary file runs (the default action kills the
    process on the spot, leaving a hidden .tmp behind); the process then ends as it
    would have (exit 128 + the signal number)."""
    import signal
    import threading

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be set in the main thread
        return
    arrived: list[int] = []

    def handler(number: int, _frame: object) -> None:
        arrived.append(number)
        raise _Terminated

    # A signal that is ignored (nohup) stays ignored: whoever started us asked for that.
    wanted = [number for number in wanted if signal.getsignal(number) is not signal.SIG_IGN]
    previous = {number: signal.signal(number, handler) for number in wanted}
    try:
        yield
    except _Terminated:
        pass
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
    if arrived:
        raise SystemExit(128 + arrived[0])


def write_with(path: Path, writer: Callable[[Path], object], *, overwrite: bool) -> None:
    """Call ``writer`` with a temporary path next to ``path``; move it into place when done.
    Nothing is left behind on an error, Ctrl-C, SIGTERM or SIGHUP."""
    check_target(path, overwrite=overwrite)
    with _termination_cleans_up():
        _write_with(path, writer, overwrite=overwrite)


def _write_with(path: Path, writer: Callable[[Path], object], *, overwrite: bool) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(
            f"kan niet schrijven in de map {display_path(folder)} ({os_reason(exc)})"
        ) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(tmp)
        if not overwrite and path.exists():
            raise UsageError(
                f"{display_path(path)} bestaat al",
                hint="Gebruik --overschrijf om het te vervangen.",
            )
        # mkstemp makes the file private (0600); give it the permissions of a normal new
        # file (0666 less the umask), so a handout on a shared drive can be opened by others.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.replace(tmp, path)
        except PermissionError:
            if not path.exists():
                raise
            raise _in_use(path, tmp) from None
    except OSError as exc:
        raise UsageError(f"kan {display_path(path)} niet schrijven ({os_reason(exc)})") from None
    finally:
        tmp.unlink(missing_ok=True)


# Which program a user most likely has a file open in (Windows refuses to replace it then).
PROGRAMS = {".pptx": "PowerPoint", ".ppt": "PowerPoint", ".csv": "Excel", ".xlsx": "Excel"}


def _in_use(path: Path, tmp: Path) -> UsageError:
    """Replacing ``path`` was refused, as Windows does while PowerPoint or Excel has the file
    open: the old file stays as it was, the new one is kept next to it under a free name."""
    program = PROGRAMS.get(path.suffix.lower(), "het programma waarin het open staat")
    kept = _keep_aside(path, tmp)
    hint = (
        f"De nieuwe versie staat zolang in {display_path(kept)}."
        if kept is not None
        else "Er is niets veranderd."
    )
    return UsageError(
        f"kan {display_path(path)} niet vervangen: het bestand is geopend in een ander "
        f"programma (of alleen-lezen); sluit het bestand in {program} en probeer opnieuw",
        hint=hint,
    )


def _keep_aside(path: Path, tmp: Path) -> Path | None:
    for n in range(1, 100):
        label = "nieuw" if n == 1 else f"nieuw {n}"
        candidate = path.with_name(f"{path.stem} ({label}){path.suffix}")
        if candidate.exists():
            continue
        try:
            os.rename(tmp, candidate)  # a new name: nothing is replaced
        except OSError:
            return None
        return candidate
    return None


def write_text(path: Path, text: str, *, overwrite: bool) -> None:
    write_with(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), overwrite=overwrite)
