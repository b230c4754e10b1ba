"""A cache of the validated library, so a session's first card appears without parsing
and validating every content file again.

The key is gesprek's, pydantic's and Python's versions, the model definitions' file, and the path, size, mtime and
ctime of every file of every pack (ctime catches a chmod). Only libraries without
problems are cached; ``gesprek check`` never reads the cache. Anything wrong with the
cache (missing, stale, unreadable, from another Python) means a normal load.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FORMAT = 1


def cache_dir() -> Path:
    env = os.environ.get("GESPREK_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gesprek", appauthor=False))


def key(packs: Sequence[Path], folders: Sequence[str], kader_file: str) -> str | None:
    import sys

    import pydantic

    from gesprek import __version__
    from gesprek.content import models

    digest = hashlib.sha256(
        f"{FORMAT}|{__version__}|{pydantic.VERSION}|{sys.version}|{sys.implementation.cache_tag}".encode()
    )
    # In a standalone (PyInstaller) build the modules live inside the executable's archive
    # and have no files to stat: the executable itself stands for them (a new build is a
    # new executable), so the cache works there too.
    sources = (sys.executable,) if getattr(sys, "frozen", False) else (models.__file__, __file__)
    try:
        for source in sources:
            st = os.stat(source)
            digest.update(f"{source}|{st.st_mtime_ns}|{st.st_size}".encode())
        for pack in packs:
            digest.update(f"pack|{os.path.abspath(pack)}".encode())
            names = [os.path.join(pack, kader_file)]
            for folder in folders:
                directory = os.path.join(pack, folder)
                if os.path.isdir(directory):
                    names += [os.path.join(directory, n) for n in sorted(os.listdir(directory))]
            for name in names:
                try:
                    st = os.stat(name)
                except FileNotFoundError:
                    digest.update(f"{name}|-".encode())
                    continue
                digest.update(
                    f"{name}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_mode}".encode()
                )
    except OSError:
        return None
    return digest.hexdigest()


def read(cache_key: str) -> Any | None:
    path = cache_dir() / f"inhoud-{cache_key[:32]}.pickle"
    try:
        with open(path, "rb") as handle:
            stored_key, payload = pickle.load(handle)
    except Exception:  # a missing, stale or foreign cache is never an error
        return None
    return payload if stored_key == cache_key else None


def write(cache_key: str, payload: Any) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("inhoud-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((cache_key, payload), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"inhoud-{cache_key[:32]}.pickle")
    except Exception:  # the cache is an optimisation only
        return
