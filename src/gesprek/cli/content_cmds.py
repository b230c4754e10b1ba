"""gesprek inhoud and gesprek toon."""

from typing import Annotated

import typer

from gesprek.cli.common import (
    Json,
    Kaart,
    Programma,
    Thema,
    Type,
    console,
    print_json,
    select,
    settings,
)


def register(app: typer.Typer) -> None:
    app.command("inhoud")(inhoud)
    app.command("toon")(toon)


def inhoud(
    ctx: typer.Context,
    kaart: Kaart = None,
    thema: Thema = None,
    type_: Type = None,
    programma: Programma = None,
    json_: Json = False,
) -> None:
    """Toon de inhoud: alle items, of een selectie."""
    lib = settings(ctx).library()
    chosen = select(lib, kaart, thema, type_, programma)
    if json_:
        print_json([item.model_dump(mode="json") for item in chosen.items])
        return
    from gesprek.ui.listing import content_table

    out = console()
    out.print(content_table(chosen, lib))


def toon(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(help="Id van het item.", metavar="ID")],
) -> None:
    """Toon één item zoals het in een sessie verschijnt, met de notities voor de gespreksleider."""
    lib = settings(ctx).library()
    item = lib.get(item_id)
    from gesprek.ui.cards import render_item

    console().print(render_item(item, lib))
