"""gesprek insturen and inrichten: the unit's shared record on PostgreSQL."""

from typing import Annotated

import typer

from gesprek.cli.common import settings

Eenheid = Annotated[
    str | None,
    typer.Option(
        "--eenheid", help="Label van de eenheid. Ook via GESPREK_EENHEID.", metavar="NAAM"
    ),
]


def register(app: typer.Typer) -> None:
    app.command("insturen")(insturen)
    app.command("inrichten")(inrichten)


def insturen(ctx: typer.Context, eenheid: Eenheid = None) -> None:
    """Stuur wat gedeeld mag worden naar de server van de eenheid: geen notities of afspraken.

    De server: --server URL (een verbindingstekst van PostgreSQL) of GESPREK_SERVER.
    Wachtwoorden via ~/.pgpass, een servicebestand of PGPASSWORD; gesprek toont ze nooit."""
    from gesprek.app.insturen import Builtin, eenheid_from, send
    from gesprek.content import library
    from gesprek.store.records import Store

    s = settings(ctx)
    label = eenheid_from(eenheid)
    conninfo = s.server_conninfo()
    # Only which items are built in matters here: a problem in an extra pack must not
    # keep a facilitator from sending in.
    builtin = Builtin.of(library.load(s.packs, strict=False))
    store = Store.open(s.db_path())
    try:
        sent = send(store, conninfo, label, builtin)
    finally:
        store.close()
    parts = [f"{sent.nieuw} sessie{'s' if sent.nieuw != 1 else ''} ingestuurd"]
    if sent.al_bekend or sent.ongewijzigd:
        parts.append(f"{sent.al_bekend + sent.ongewijzigd} al bekend op de server")
    if sent.gewist:
        parts.append(f"{sent.gewist} gewist op de server")
    typer.echo(", ".join(parts) + ".")


def inrichten(ctx: typer.Context) -> None:
    """Maak of werk het schema van gesprek bij op de server (door de eigenaar van de database).

    De server: --server URL (een verbindingstekst van PostgreSQL) of GESPREK_SERVER."""
    from gesprek.store import server as remote

    conninfo = settings(ctx).server_conninfo()
    with remote.opened(conninfo) as server:
        result = remote.setup(server)
    if result.before == result.after:
        typer.echo(f"De server is ingericht (schema {result.after}, bijgewerkt: rechten en views).")
    else:
        typer.echo(f"De server is ingericht: schema {result.before} -> {result.after}.")
    typer.echo(
        f"Rollen: {remote.ROLE_SEND} (gespreksleiders: insturen), "
        f"{remote.ROLE_READ} (management: overzicht en export)."
    )
