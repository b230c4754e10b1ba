"""One resolver for the data that ships with gesprek (content, templates, schema) and for
the user's records database. Works in a checkout (``src/`` layout, editable install) and in
an installed wheel, where the folders live under ``gesprek/_data``."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped folder ``name`` (``content``, ``templates`` or ``schema``)."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parents[1] / name


def builtin_content() -> Path:
    return data_dir("content")


def in_checkout() -> bool:
    """True when running from a source checkout (the built-in content is editable)."""
    return not (_PACKAGE / "_data").is_dir() and (_PACKAGE.parents[1] / "pyproject.toml").exists()


def default_db() -> Path:
    """The records file: ``GESPREK_DB`` or the platform's user data dir."""
    env = os.environ.get("GESPREK_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("gesprek", appauthor=False)) / "gesprek.sqlite"


def extra_packs_from_env() -> list[Path]:
    raw = os.environ.get("GESPREK_PAKKETTEN", "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]
