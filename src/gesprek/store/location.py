"""Where the records file is. The default location (the user's data folder) is made when
first needed; a path someone gives (``--db`` or ``GESPREK_DB``) must name a file in a folder
that exists, so a typo never silently starts a new, empty records file somewhere."""

from __future__ import annotations

import os
import re
from pathlib import Path

from gesprek.errors import UsageError, display_path

# "postgresql://...", "sqlite:///...", "file:...": a scheme of two or more letters, so that
# a Windows drive ("C:\\...") is still a path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def records_path(given: str | Path | None) -> Path:
    """The records file to use: ``given`` (from ``--db``), else ``GESPREK_DB``, else the
    default location. A given path that looks like a URL or lies in a folder that does not
    exist is a UsageError."""
    if given is not None:
        return check_given(str(given), "--db")
    env = os.environ.get("GESPREK_DB")
    if env:
        return check_given(env, "GESPREK_DB")
    from gesprek.paths import default_db

    return default_db()


def check_given(raw: str, source: str) -> Path:
    if _URL.match(raw.strip()):
        raise UsageError(
            f"{source} verwacht het pad van een bestand op deze computer, geen adres: '{raw}'",
            hint=(
                "Voor de server van de eenheid is er --server (of GESPREK_SERVER); de verslagen "
                "van deze computer staan in een bestand, bijvoorbeeld --db verslagen.sqlite."
            ),
        )
    path = Path(raw).expanduser()
    folder = path.parent
    if not folder.exists():
        raise UsageError(
            f"de map {display_path(folder)} van {source} {display_path(path)} bestaat niet",
            hint=(
                "Controleer het pad op een tikfout. Een nieuwe map maakt gesprek alleen op de "
                "standaardplek; maak de map zelf aan als je hem echt wilt gebruiken."
            ),
        )
    if not folder.is_dir():
        raise UsageError(
            f"{display_path(folder)} in het pad van {source} is geen map",
            hint="Controleer het pad op een tikfout.",
        )
    return path
