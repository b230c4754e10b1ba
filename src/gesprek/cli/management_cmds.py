"""gesprek overzicht, export, wis and initiatieven."""

from pathlib import Path
from typing import Annotated

import typer

from gesprek.cli.common import Json, Overschrijf, console, print_json, settings


def register(app: typer.Typer) -> None:
    app.command("overzicht")(overzicht)
    app.command("export")(export)
    app.command("wis")(wis)
    app.command("initiatieven")(initiatieven)


Team = Annotated[str | None, typer.Option("--team", help="Alleen dit team.", metavar="TEKST")]


def overzicht(ctx: typer.Context, team: Team = None, json_: Json = False) -> None:
    """Per team: sessies, laatste datum, thema's, of het jaarlijkse gesprek te laat is, en trends."""
    from datetime import datetime

    from gesprek.reports.overview import overview
    from gesprek.store.records import Store

    s = settings(ctx)
    store = Store.open(s.db_path(), write=False)
    try:
        teams = overview(store, datetime.now().astimezone(), team)
    finally:
        store.close()
    if json_:
        print_json([t.as_dict() for t in teams])
        return
    from gesprek.ui.reports import overview_view

    console().print(overview_view(teams, s.library()))


def export(
    ctx: typer.Context,
    uitvoer: Annotated[
        Path, typer.Option("-o", "--uitvoer", help="Het bestand om te schrijven.", metavar="PAD")
    ],
    formaat: Annotated[
        str, typer.Option("--formaat", help="csv (voor Excel) of json.", metavar="csv|json")
    ] = "csv",
    team: Team = None,
    sinds: Annotated[
        str | None,
        typer.Option("--sinds", help="Alleen sessies vanaf deze datum.", metavar="JJJJ-MM-DD"),
    ] = None,
    overschrijf: Overschrijf = False,
) -> None:
    """Alle stemmen als rijen (CSV voor Excel), of als JSON met notities en afspraken."""
    from gesprek.errors import UsageError
    from gesprek.output import write_with
    from gesprek.reports import rows as ex
    from gesprek.store.records import Store

    if formaat not in ("csv", "json"):
        raise UsageError(f"onbekend formaat '{formaat}'", hint="Kies csv of json.")
    since = ex.parse_since(sinds)
    store = Store.open(settings(ctx).db_path(), write=False)
    try:
        if formaat == "csv":
            rows = ex.rows(store, team, since)
            write_with(uitvoer, lambda tmp: ex.write_csv(tmp, rows), overwrite=overschrijf)
            count = f"{len(rows)} rijen"
        else:
            data = ex.as_json(store, team, since)
            write_with(uitvoer, lambda tmp: ex.write_json(tmp, data), overwrite=overschrijf)
            count = f"{len(data)} sessies"
    finally:
        store.close()
    typer.echo(f"{count} geschreven naar {uitvoer}")


def wis(
    ctx: typer.Context,
    sessie_id: Annotated[int, typer.Argument(help="Nummer van de sessie.", metavar="ID")],
    ja: Annotated[bool, typer.Option("--ja", help="Niet vragen, meteen verwijderen.")] = False,
) -> None:
    """Verwijder een opgenomen sessie met alles wat erbij is vastgelegd (vraagt eerst)."""
    import sys

    from gesprek.errors import UsageError
    from gesprek.store.records import Store, check_writable
    from gesprek.visible import visible

    path = settings(ctx).db_path()
    reading = Store.open(path, write=False)  # an unknown id or a missing file writes nothing
    try:
        record = reading.session(sessie_id)
    finally:
        reading.close()
    check_writable(path)  # before asking: a read-only file says so at once
    if not ja:
        if not sys.stdin.isatty():
            raise UsageError(
                "bevestiging nodig, maar er is geen terminal",
                hint="Gebruik --ja om zonder vragen te wissen.",
            )
        question = (
            f"Sessie {record.id} van team '{visible(record.team)}' ({record.begonnen[:10]}) "
            "met alle "
            "stemmen, notities en afspraken verwijderen?"
        )
        if not typer.confirm(question, default=False):
            typer.echo("Niets verwijderd.")
            return
    store = Store.open(path)
    try:
        store.delete(sessie_id)
    finally:
        store.close()
    typer.echo(f"Sessie {sessie_id} is verwijderd.")


def initiatieven(
    ctx: typer.Context,
    zoek: Annotated[
        str | None,
        typer.Option(
            "--zoek",
            help="Zoek in alle tekst (hoofdletters en accenten maken niet uit).",
            metavar="TEKST",
        ),
    ] = None,
    pijler: Annotated[
        str | None, typer.Option("--pijler", help="Alleen deze pijler.", metavar="ID")
    ] = None,
    doelgroep: Annotated[
        str | None, typer.Option("--doelgroep", help="Alleen voor deze doelgroep.", metavar="ID")
    ] = None,
    json_: Json = False,
) -> None:
    """De catalogus van initiatieven die een team kan organiseren."""
    from gesprek.reports.initiatives import search

    lib = settings(ctx).library()
    items = search(lib, zoek, pijler, doelgroep)
    if json_:
        print_json([item.model_dump(mode="json") for item in items])
        return
    from gesprek.ui.reports import initiatives_view

    console().print(initiatives_view(items, lib))
