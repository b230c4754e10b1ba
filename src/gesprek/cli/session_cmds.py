"""gesprek sessie, sessies and resultaten."""

from typing import Annotated

import typer

from gesprek.cli.common import Json, Kaart, Programma, Thema, Type, console, print_json, settings


def register(app: typer.Typer) -> None:
    app.command("sessie")(sessie)
    app.command("sessies")(sessies)
    app.command("resultaten")(resultaten)


def sessie(
    ctx: typer.Context,
    sessie_id: Annotated[
        int | None,
        typer.Argument(
            help="Met --hervat: het nummer van de sessie (standaard de laatste).", metavar="[ID]"
        ),
    ] = None,
    kaart: Kaart = None,
    thema: Thema = None,
    type_: Type = None,
    programma: Programma = None,
    team: Annotated[
        str | None, typer.Option("--team", help="Label van het team (geen namen).", metavar="TEKST")
    ] = None,
    duur: Annotated[
        int | None,
        typer.Option(
            "--duur",
            help="Beschikbare minuten; het plan wordt passend gemaakt.",
            metavar="MIN",
            min=5,
            max=480,
        ),
    ] = None,
    hervat: Annotated[
        bool, typer.Option("--hervat", help="Ga verder met een onderbroken sessie.")
    ] = False,
    live: Annotated[
        bool,
        typer.Option("--live", help="Stemmen met telefoons via het lokale netwerk (anoniem)."),
    ] = False,
    poort: Annotated[
        int | None,
        typer.Option(
            "--poort",
            help="Met --live: poort (standaard 8765; 0 = vrije poort).",
            metavar="N",
            min=0,
            max=65535,
        ),
    ] = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="Met --live: adres om op te luisteren (standaard 0.0.0.0, alle netwerken).",
            metavar="ADRES",
        ),
    ] = None,
    drempel: Annotated[
        int | None,
        typer.Option(
            "--drempel",
            help="Met --live: uitslag pas tonen vanaf zoveel telefoonstemmen (standaard 3).",
            metavar="K",
            min=1,
            max=1000,
        ),
    ] = None,
) -> None:
    """Leid een sessie: kaarten op het scherm, stemmen, notities en afspraken."""
    from gesprek.app.session_start import SessionRequest, run_session

    s = settings(ctx)
    request = SessionRequest(
        kaarten=kaart or [],
        themas=thema or [],
        types=type_ or [],
        programma=programma,
        team=team,
        duur=duur,
        hervat=hervat,
        sessie_id=sessie_id,
        live=live,
        poort=poort,
        host=host,
        drempel=drempel,
    )
    try:
        code = run_session(request, s.packs, s.db_path())
    except (KeyboardInterrupt, EOFError):  # while choosing, before anything was recorded
        import sys

        print("\nAfgebroken; er is geen sessie gestart.", file=sys.stderr)
        raise typer.Exit(130) from None
    raise typer.Exit(code)


RECENT = 20  # sessions that ``sessies`` lists without --alle


def sessies(
    ctx: typer.Context,
    json_: Json = False,
    alle: Annotated[
        bool, typer.Option("--alle", help=f"Alle sessies, niet alleen de laatste {RECENT}.")
    ] = False,
) -> None:
    """De opgenomen sessies, nieuwste eerst (de laatste 20; --alle voor alle)."""
    from gesprek.store.records import Store

    store = Store.open(settings(ctx).db_path(), write=False)
    try:
        records = store.sessions()
    finally:
        store.close()
    if json_:
        print_json([r.as_dict() for r in (records if alle else records[:RECENT])])
        return
    from gesprek.ui.records import sessions_table

    out = console()
    out.print(sessions_table(records if alle else records[:RECENT]))
    if not alle and len(records) > RECENT:
        out.print(f"De laatste {RECENT} van {len(records)} sessies; alle: gesprek sessies --alle")


def resultaten(
    ctx: typer.Context,
    sessie_id: Annotated[int, typer.Argument(help="Nummer van de sessie.", metavar="ID")],
    json_: Json = False,
) -> None:
    """De resultaten van één sessie: stemmen, notities en afspraken."""
    from gesprek.readmodel.held import load_session, opened
    from gesprek.reports.results import session_results

    s = settings(ctx)
    with opened(s.db_path()) as store:
        held = load_session(store, sessie_id)
    data = session_results(held, detail=not json_)
    themes = [p.thema or "" for p in held.parts if p.discussed]
    if json_:
        print_json(data)
        return
    from gesprek.reports.initiatives import suggestions
    from gesprek.ui.records import results_view
    from gesprek.ui.reports import suggestions_view

    out = console()
    out.print(results_view(data))
    tips = suggestions(s.library(), themes)
    if tips:
        out.print(suggestions_view(tips))
