"""gesprek nieuw: the authors' wizard."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from gesprek.cli.common import settings


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("nieuw")(nieuw)


def nieuw(
    ctx: typer.Context,
    type_: Annotated[
        str,
        typer.Argument(
            help="Soort item: dilemma, stelling, kennisvraag, casus, beroepscode, ronde, "
            "initiatief of programma.",
            metavar="TYPE",
        ),
    ],
    map_: Annotated[
        Path | None,
        typer.Option(
            "--map",
            help="Het pakket (map) waarin het bestand komt; standaard content/ van een "
            "checkout, anders de huidige map.",
            metavar="MAP",
        ),
    ] = None,
) -> None:
    """Maak een nieuw item: vraagt elk veld en schrijft een geldig YAML-bestand.

    Overschrijft nooit een bestand. Ctrl-C breekt af zonder iets te schrijven (exit 130).
    """
    from gesprek.author import wizard

    try:
        wizard.create(type_, map_, settings(ctx).packs)
    except (KeyboardInterrupt, EOFError):
        print("\nAfgebroken; er is niets geschreven.", file=sys.stderr)
        raise typer.Exit(130) from None
    except wizard.NotSaved:
        print("Niet opgeslagen; er is niets geschreven.", file=sys.stderr)
        raise typer.Exit(1) from None
