"""gesprek handout: a printable handout (HTML) or an intranet page (Markdown) of a
selection, a programme or a held session."""

from pathlib import Path
from typing import Annotated

import typer

from gesprek.cli.common import Kaart, Overschrijf, Programma, Thema, Type, select, settings


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("handout")(handout)


def handout(
    ctx: typer.Context,
    *,
    kaart: Kaart = None,
    thema: Thema = None,
    type_: Type = None,
    programma: Programma = None,
    sessie: Annotated[
        str | None,
        typer.Option(
            "--sessie",
            help="Nummer van een gehouden sessie: de onderdelen met uitslagen, notities en afspraken.",
            metavar="ID",
        ),
    ] = None,
    formaat: Annotated[
        str | None,
        typer.Option(
            "--formaat",
            help="html (om te printen) of md (voor intranet). Zonder deze optie: md als PAD op .md eindigt, anders html.",
            metavar="html|md",
        ),
    ] = None,
    uitvoer: Annotated[
        Path,
        typer.Option("-o", "--uitvoer", help="Het bestand om te schrijven.", metavar="PAD"),
    ],
    gespreksleider: Annotated[
        bool,
        typer.Option(
            "--gespreksleider",
            help="Met doorvragen, norm, juiste antwoorden, uitkomsten, loketten en tijden.",
        ),
    ] = False,
    overschrijf: Overschrijf = False,
) -> None:
    """Een hand-out om te printen (HTML) of voor intranet (Markdown), zonder of met de
    aantekeningen voor de gespreksleider."""
    from gesprek.content.models import SESSION_TYPES
    from gesprek.content.selection import is_given
    from gesprek.errors import UsageError, display_path
    from gesprek.export import handout as h
    from gesprek.output import check_target, write_text

    fmt = h.check_format(formaat) if formaat else h.format_for(uitvoer)
    check_target(uitvoer, overwrite=overschrijf)
    s = settings(ctx)
    lib = s.library()
    if sessie is not None:
        if is_given(kaart or (), thema or (), type_ or (), programma):
            raise UsageError("--sessie gaat niet samen met --kaart, --thema, --type of --programma")
        from gesprek.readmodel.held import read_session

        held = read_session(s.db_path(), h.session_number(sessie))
        view = h.session_handout(lib, held, gespreksleider=gespreksleider)
    else:
        selection = select(lib, kaart, thema, type_, programma, allowed_types=SESSION_TYPES)
        view = h.selection_handout(lib, selection, gespreksleider=gespreksleider)
    write_text(uitvoer, h.render_handout(view, fmt), overwrite=overschrijf)
    n = len(view.items)
    typer.echo(
        f"Hand-out geschreven: {display_path(uitvoer)} "
        f"({n} {'onderdeel' if n == 1 else 'onderdelen'}, {fmt})"
    )
