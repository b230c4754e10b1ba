"""gesprek check and gesprek schema."""

from pathlib import Path
from typing import Annotated

import typer

from gesprek.cli.common import Json, Overschrijf, print_json, settings


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("schema")(schema)


def check(
    ctx: typer.Context,
    paden: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Pakketten (mappen) of bestanden om te controleren, bovenop de ingebouwde inhoud.",
            metavar="[PAD]...",
        ),
    ] = None,
    json_: Json = False,
    formaat: Annotated[
        str | None,
        typer.Option(
            "--formaat",
            help="tekst (standaard), json (als --json) of github (annotaties voor GitHub Actions).",
            metavar="tekst|json|github",
        ),
    ] = None,
) -> None:
    """Controleer de inhoud: alle fouten in alle bestanden; exit 1 bij fouten."""
    import sys

    from gesprek.content import library
    from gesprek.errors import UsageError, suggest

    formats = ("tekst", "json", "github")
    if formaat is not None and formaat not in formats:
        raise UsageError(
            f"onbekend formaat '{formaat}'" + suggest(formaat, formats),
            hint="Kies uit: tekst, json, github.",
        )
    if json_ and formaat not in (None, "json"):
        raise UsageError(f"--json gaat niet samen met --formaat {formaat}")
    json_ = json_ or formaat == "json"
    lib = library.load([*settings(ctx).packs, *(paden or [])], strict=False)
    if json_:
        print_json([p.as_dict() for p in lib.problems])
    elif formaat == "github":
        from gesprek.author.annotations import annotation

        for problem in lib.problems:
            print(annotation(problem))
    else:
        for problem in lib.problems:
            print(problem)
    n = len(lib.problems)
    summary = f"{lib.files} bestanden, {len(lib.items)} items: " + (
        "geen fouten" if n == 0 else f"{n} fout{'en' if n != 1 else ''}"
    )
    print(summary, file=sys.stderr if json_ else sys.stdout)
    if n:
        raise typer.Exit(1)


def schema(
    uitvoer: Annotated[
        Path | None,
        typer.Option("-o", "--uitvoer", help="Schrijf het schema naar dit bestand.", metavar="PAD"),
    ] = None,
    overschrijf: Overschrijf = False,
) -> None:
    """Het JSON Schema van een inhoudsbestand (voor editors en controles)."""
    from gesprek.content.schema import schema, schema_text
    from gesprek.output import write_text

    if uitvoer is None:
        print_json(schema())  # the same text as schema_text(), in stdout's encoding
    else:
        write_text(uitvoer, schema_text(), overwrite=overschrijf)
