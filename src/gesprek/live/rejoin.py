"""The join code of a session across a resume: kept in a small file next to the records
file (``verslagen.sqlite-sessie-3.live``), never in the records themselves, and removed
when the session is completed. Phones that were in keep asking the same address while the
laptop restarts, so with the same code and port they find the session again by
themselves. Tokens are not kept: every phone joins again (from its own address)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from gesprek.live.state import valid_code


def path_for(db_path: Path, session_id: int) -> Path:
    return db_path.with_name(f"{db_path.name}-sessie-{session_id}.live")


def remembered(db_path: Path, session_id: int) -> tuple[str | None, int | None]:
    """The code and port of the session's last phone vote, or (None, None)."""
    try:
        data = json.loads(path_for(db_path, session_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None
    if not isinstance(data, dict):
        return None, None
    code, port = data.get("code"), data.get("poort")
    code = code if isinstance(code, str) and valid_code(code) else None
    port = port if type(port) is int and 0 < port < 65536 else None
    return code, port


def remember(db_path: Path, session_id: int, code: str, port: int) -> None:
    """Best effort: without the file a resume gets a new code (phones scan again)."""
    path = path_for(db_path, session_id)
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump({"code": code, "poort": port}, file)


def forget(db_path: Path, session_id: int) -> None:
    with contextlib.suppress(OSError):
        path_for(db_path, session_id).unlink()
