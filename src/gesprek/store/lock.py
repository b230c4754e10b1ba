"""One session, one process: a running session holds an operating-system lock on a small
file next to the records file (``verslagen.sqlite-sessie-3.lock``). The lock belongs to the
process: when that process ends in any way (Ctrl-C, ``kill -9``, a crashed laptop), the
operating system lets go of it, so a lock left behind by a crash is stale by construction
and the next ``--hervat`` takes it over. The file also names the process and computer that
hold it, for the message to whoever finds the session in use."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

# Windows locks are mandatory for the locked bytes: lock one far beyond the text we write,
# so that the holder's details stay readable for others.
_WINDOWS_LOCK_OFFSET = 1 << 30


def lock_path(db_path: Path, session_id: int) -> Path:
    return db_path.with_name(f"{db_path.name}-sessie-{session_id}.lock")


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) a session: process id, computer and since when."""

    pid: int | None
    host: str
    sinds: str

    @classmethod
    def read(cls, fd: int) -> Holder:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            data: Any = json.loads(os.read(fd, 4096).decode("utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        pid = data.get("pid")
        return cls(
            pid=pid if isinstance(pid, int) else None,
            host=str(data.get("host") or "onbekend"),
            sinds=str(data.get("sinds") or ""),
        )

    def describe(self) -> str:
        parts = []
        if self.pid is not None:
            parts.append(f"proces {self.pid}")
        parts.append(f"op computer {self.host}")
        if self.sinds:
            parts.append(f"sinds {self.sinds.replace('T', ' ')[:16]}")
        return " ".join(parts)


class InUse(Exception):
    def __init__(self, holder: Holder) -> None:
        super().__init__(holder.describe())
        self.holder = holder


def _try_lock(fd: int, exclusive: bool) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


class SessionLock:
    """A held lock. ``previous`` is the holder a crashed process left behind, if any."""

    def __init__(self, path: Path, fd: int, previous: Holder | None) -> None:
        self.path = path
        self.fd = fd
        self.previous = previous

    @classmethod
    def acquire(cls, db_path: Path, session_id: int) -> SessionLock:
        """Take the session's lock, or raise ``InUse`` naming who holds it (OSError when
        the lock file cannot be made at all)."""
        path = lock_path(db_path, session_id)
        for _ in range(5):
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            try:
                if not _try_lock(fd, exclusive=True):
                    raise InUse(Holder.read(fd))
                # The file may have been removed by its last holder between our open and
                # our lock: then we hold a lock on a file nobody else will find. Retry.
                try:
                    same = os.path.samestat(os.fstat(fd), os.stat(path))
                except FileNotFoundError:
                    same = False
                if not same:
                    os.close(fd)
                    continue
                left = Holder.read(fd)
                previous = left if left.pid is not None or left.sinds else None
                info = {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "sinds": datetime.now().astimezone().isoformat(timespec="seconds"),
                }
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)
                os.write(fd, json.dumps(info).encode("utf-8"))
                return cls(path, fd, previous)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.close(fd)
                raise
        raise InUse(Holder(None, "onbekend", ""))

    def release(self) -> None:
        if self.fd < 0:
            return
        if sys.platform == "win32":
            # Windows cannot remove a file another process has open, so there is no race:
            # let go first, then remove it if nobody opened it meanwhile.
            with contextlib.suppress(OSError):
                _unlock(self.fd)
            os.close(self.fd)
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        else:
            with contextlib.suppress(OSError):
                os.unlink(self.path)  # while still holding it: see the check in acquire
            with contextlib.suppress(OSError):
                _unlock(self.fd)
            os.close(self.fd)
        self.fd = -1


def holder(db_path: Path, session_id: int) -> Holder | None:
    """Who holds the session now, or None when nobody does (also when the lock file is
    left over from a process that has ended). Never creates or changes a file."""
    path = lock_path(db_path, session_id)
    try:
        fd = os.open(path, os.O_RDONLY if sys.platform != "win32" else os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd, exclusive=False):
            _unlock(fd)
            return None
        return Holder.read(fd)
    finally:
        os.close(fd)
