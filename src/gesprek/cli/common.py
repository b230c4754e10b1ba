"""What the commands share: settings from the global options, SELECTIE options, output."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from gesprek.content.library import Library
    from gesprek.content.selection import Selection


@dataclass
class Settings:
    packs: list[Path] = field(default_factory=list)
    db: Path | None = None
    server: str | None = None  # --server as given (overzicht/export read the server only then)

    def library(self) -> Library:
        from gesprek.content import library

        return library.load(self.packs)

    def db_path(self) -> Path:
        from gesprek.store.location import records_path

        return records_path(self.db)

    def server_conninfo(self) -> str:
        """--server, else GESPREK_SERVER, checked for its form (nothing is connected)."""
        import os

        from gesprek.store.server import check_conninfo

        return check_conninfo(
            self.server if self.server is not None else os.environ.get("GESPREK_SERVER")
        )


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


Kaart = Annotated[
    list[str] | None,
    typer.Option("--kaart", help="Id van een item; mag vaker.", metavar="ID"),
]
Thema = Annotated[
    list[str] | None,
    typer.Option("--thema", help="Id van een thema; mag vaker.", metavar="ID"),
]
Type = Annotated[
    list[str] | None,
    typer.Option("--type", help="Soort item (dilemma, stelling, ...); mag vaker.", metavar="TYPE"),
]
Programma = Annotated[
    str | None,
    typer.Option("--programma", help="Id of pad van een programma.", metavar="ID|PAD"),
]
Json = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")]
Overschrijf = Annotated[
    bool, typer.Option("--overschrijf", help="Overschrijf een bestaand bestand.")
]


def select(
    library: Library,
    kaart: list[str] | None,
    thema: list[str] | None,
    type_: list[str] | None,
    programma: str | None,
    **kwargs: Any,
) -> Selection:
    from gesprek.content.selection import select as do_select

    return do_select(library, kaart or (), thema or (), type_ or (), programma, **kwargs)


def print_json(data: Any) -> None:
    """JSON on stdout: UTF-8 where stdout can write it, else ASCII with \\uXXXX escapes
    (never transliterated: every JSON reader gets the same text). JSON escapes C0 control
    characters itself; DEL and C1 (which some terminals act on) are escaped here too, so no
    control character reaches a terminal."""
    from gesprek.cli.streams import json_ascii
    from gesprek.visible import CONTROL

    text = json.dumps(data, ensure_ascii=json_ascii(), indent=2)
    text = CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def console() -> Any:
    from rich.console import Console

    from gesprek.ui.rich_patches import guard_rich

    guard_rich()
    return Console(highlight=False, markup=False)
