"""Recorded sessions and their results, for the terminal."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gesprek.content.models import Optie
from gesprek.ui.bars import results_table
from gesprek.ui.cards import clean


def sessions_table(records: list[Any]) -> RenderableType:
    if not records:
        return Text("Nog geen sessies opgenomen. Start er een met: gesprek sessie")
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Id", justify="right")
    table.add_column("Begonnen", no_wrap=True)
    table.add_column("Team")
    table.add_column("Programma / selectie", ratio=1)
    table.add_column("Status")
    table.add_column("Klaar", justify="right")
    for r in records:
        table.add_row(
            str(r.id),
            r.begonnen.replace("T", " ")[:16],
            Text(r.team),
            Text(r.omschrijving or r.programma or ""),
            r.status,
            f"{r.klaar}/{r.onderdelen}",
        )
    return table


def results_view(data: dict[str, Any]) -> RenderableType:
    head = Text.assemble(
        (f"Sessie {data['id']}", "bold"),
        f" · team {data['team']} · begonnen {data['begonnen'].replace('T', ' ')[:16]}",
        f" · {'afgerond' if data['beeindigd'] else 'onderbroken'}",
    )
    blocks: list[RenderableType] = [head]
    if not data["onderdelen"]:
        blocks.append(Text("Er is (nog) niets gestemd of genoteerd in deze sessie."))
    for entry in data["onderdelen"]:
        body: list[RenderableType] = []
        votes = entry["stemmen"]
        if entry.get("_vraag"):
            body.append(Text(clean(entry["_vraag"]), style="bold"))
        if votes is None:
            body.append(Text(f"Uitslag niet getoond: {entry['verborgen']} via telefoon."))
        elif votes:
            options = entry.get("_opties") or [(o, o, False) for o in votes]
            body.append(
                results_table(
                    [Optie(id=o, tekst=t) for o, t, _ in options],
                    votes,
                    [o for o, _, correct in options if correct],
                )
            )
        for note in entry["notities"]:
            body.append(Text(f"Notitie: {note}"))
        for agreement in entry["afspraken"]:
            body.append(Text(f"Afspraak: {agreement}", style="bold"))
        title = entry["titel"] + (f" — stap {entry['stap']}" if entry["stap"] else "")
        blocks.append(
            Panel(
                Group(*body),
                title=Text(f" {title} ", style="bold"),
                title_align="left",
                box=box.ROUNDED,
            )
        )
    return Group(*blocks)
