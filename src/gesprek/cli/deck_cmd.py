"""gesprek deck: a PowerPoint deck of a selection or of a held session."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gesprek.cli.common import Kaart, Overschrijf, Programma, Thema, Type, console, select, settings

if TYPE_CHECKING:
    from gesprek.content.selection import Selection
    from gesprek.readmodel.held import HeldSession


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("deck")(deck)


def deck(
    ctx: typer.Context,
    uitvoer: Annotated[
        Path,
        typer.Option("-o", "--uitvoer", help="Het .pptx-bestand om te schrijven.", metavar="PAD"),
    ],
    kaart: Kaart = None,
    thema: Thema = None,
    type_: Type = None,
    programma: Programma = None,
    sessie: Annotated[
        int | None,
        typer.Option(
            "--sessie", help="Het deck van een gehouden sessie, met de uitslagen.", metavar="ID"
        ),
    ] = None,
    sjabloon: Annotated[
        Path | None,
        typer.Option(
            "--sjabloon",
            help="PowerPoint-sjabloon (.pptx of .potx) met de huisstijl.",
            metavar="PAD",
        ),
    ] = None,
    overschrijf: Overschrijf = False,
) -> None:
    """Maak een PowerPoint-deck van een selectie, een programma of een gehouden sessie."""
    from rich.text import Text

    from gesprek.content.models import SESSION_TYPES
    from gesprek.errors import UsageError, display_path
    from gesprek.export.deck import write_deck
    from gesprek.readmodel.held import read_session

    s = settings(ctx)
    if sessie is not None and (kaart or thema or type_ or programma):
        raise UsageError("--sessie gaat niet samen met --kaart, --thema, --type of --programma")
    lib = s.library()
    source: HeldSession | Selection
    if sessie is not None:
        source = read_session(s.db_path(), sessie)
    else:
        source = select(lib, kaart, thema, type_, programma, allowed_types=SESSION_TYPES)
    count = write_deck(source, lib, uitvoer, template=sjabloon, overwrite=overschrijf)
    console().print(Text(f"{display_path(uitvoer)} geschreven: {count} dia's."))
