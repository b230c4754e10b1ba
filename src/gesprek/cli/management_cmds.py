"""gesprek overzicht, export, wis and initiatieven."""

from pathlib import Path
from typing import Annotated, Any

import typer

from gesprek.cli.common import Json, Overschrijf, console, print_json, settings


def register(app: typer.Typer) -> None:
    app.command("overzicht")(overzicht)
    app.command("export")(export)
    app.command("wis")(wis)
    app.command("initiatieven")(initiatieven)


Team = Annotated[str | None, typer.Option("--team", help="Alleen dit team.", metavar="TEKST")]
Eenheid = Annotated[
    str | None,
    typer.Option("--eenheid", help="Met --server: alleen deze eenheid.", metavar="NAAM"),
]


def _unit(ctx: typer.Context, eenheid: str | None) -> str | None:
    """The server's connection string when --server was given; --eenheid needs it."""
    from gesprek.errors import UsageError

    s = settings(ctx)
    if s.server is None:
        if eenheid is not None:
            raise UsageError("--eenheid hoort bij --server", hint="Geef ook --server URL.")
        return None
    return s.server_conninfo()


def overzicht(
    ctx: typer.Context, team: Team = None, json_: Json = False, eenheid: Eenheid = None
) -> None:
    """Per team één regel: sessies, laatste datum, thema's en of het jaarlijkse gesprek te laat
    is; met --team ook het verloop van de stemmen.

    Met --server URL (vóór of na het commando): de hele eenheid, van de server."""
    from datetime import datetime

    s = settings(ctx)
    now = datetime.now().astimezone()
    conninfo = _unit(ctx, eenheid)
    if conninfo is not None:
        from gesprek.reports import unit
        from gesprek.store import server as remote

        with remote.opened(conninfo) as server:
            sessions = remote.sessions(server, eenheid)
            votes = remote.votes(server, eenheid)
        teams = unit.overview(sessions, votes, s.library(), now, team)
    else:
        from gesprek.reports.overview import overview
        from gesprek.store.records import Store

        store = Store.open(s.db_path(), write=False)
        try:
            teams = overview(store, now, team)
        finally:
            store.close()
    if json_:
        print_json([t.as_dict() for t in teams])
        return
    from gesprek.ui.reports import overview_view

    console().print(overview_view(teams, s.library(), details=team is not None))


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
    eenheid: Eenheid = None,
) -> None:
    """Alle stemmen als rijen (CSV voor Excel), of als JSON met notities en afspraken.

    Met --server URL (vóór of na het commando): de hele eenheid, zonder notities en afspraken."""
    from gesprek.errors import UsageError
    from gesprek.output import write_with
    from gesprek.reports import rows as ex

    if formaat not in ("csv", "json"):
        raise UsageError(f"onbekend formaat '{formaat}'", hint="Kies csv of json.")
    since = ex.parse_since(sinds)
    conninfo = _unit(ctx, eenheid)
    if conninfo is not None:
        _export_unit(ctx, conninfo, uitvoer, formaat, team, since, eenheid, overschrijf)
        return
    from gesprek.store.records import Store

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


def _export_unit(
    ctx: typer.Context,
    conninfo: str,
    uitvoer: Path,
    formaat: str,
    team: str | None,
    since: Any,
    eenheid: str | None,
    overschrijf: bool,
) -> None:
    from gesprek.output import write_with
    from gesprek.reports import rows as ex
    from gesprek.reports import unit
    from gesprek.store import server as remote

    day = since.isoformat() if since is not None else None
    with remote.opened(conninfo) as server:
        sessions = remote.sessions(server, eenheid, day)
        votes = remote.votes(server, eenheid, day)
    library = settings(ctx).library()
    if formaat == "csv":
        rows = unit.rows(sessions, votes, library, team)
        write_with(
            uitvoer, lambda tmp: ex.write_csv(tmp, rows, unit.UNIT_COLUMNS), overwrite=overschrijf
        )
        count = f"{len(rows)} rijen"
    else:
        data = unit.as_json(sessions, votes, library, team)
        write_with(uitvoer, lambda tmp: ex.write_json(tmp, data), overwrite=overschrijf)
        count = f"{len(data)} sessies"
    typer.echo(f"{count} geschreven naar {uitvoer}")


def wis(
    ctx: typer.Context,
    sessie_id: Annotated[int, typer.Argument(help="Nummer van de sessie.", metavar="ID")],
    ja: Annotated[bool, typer.Option("--ja", help="Niet vragen, meteen verwijderen.")] = False,
) -> None:
    """Verwijder een opgenomen sessie met alles wat erbij is vastgelegd (vraagt eerst)."""
    import sys

    from gesprek.cli import dutch
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
        if not dutch.confirm(question, default=False):
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
