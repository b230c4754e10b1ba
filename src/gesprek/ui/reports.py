"""Management views: the overview per team, and the initiatives catalogue."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gesprek.ui.bars import bar
from gesprek.ui.cards import initiative_card, letter

STATUS = {
    "op-tijd": "op tijd",
    "binnenkort": "binnenkort weer aan de beurt",
    "te-laat": "TE LAAT: langer dan een jaar geleden",
}


def overview_view(teams: list[Any], library: Any, *, details: bool = True) -> RenderableType:
    """One line per team (so 200 teams stay readable); with ``details`` (``--team``) also
    the names of the themes and core values, and the trends of the votes."""
    if not teams:
        return Text("Nog geen sessies met stemmen of notities. Start er een met: gesprek sessie")
    table = Table(
        box=box.SIMPLE_HEAD, expand=True, title="Gesprekken per team", title_justify="left"
    )
    table.add_column("Team", ratio=2, no_wrap=not details, overflow="ellipsis")
    table.add_column("Sessies", justify="right")
    table.add_column("Laatste", no_wrap=True)
    if not details:
        table.add_column("Laatste sessie", no_wrap=True)
    table.add_column("Jaarlijks gesprek", ratio=2, no_wrap=not details, overflow="ellipsis")
    if details:
        table.add_column("Thema's (12 mnd)", ratio=3)
        table.add_column("Kernwaarden (12 mnd)", ratio=2)
    else:
        table.add_column("Thema's (12 mnd)", justify="right")
    for team in teams:
        cells = [Text(team.team), str(team.sessies), team.laatste or "-"]
        if not details:
            last = team.gesprekken[-1] if team.gesprekken else None
            cells.append(f"{last.status} {last.besproken}/{last.onderdelen}" if last else "-")
        cells.append(Text(("⚠ " if team.status != "op-tijd" else "✔ ") + STATUS[team.status]))
        if details:
            cells += [
                Text(", ".join(library.naam("themas", t) for t in team.themas) or "-"),
                Text(", ".join(library.naam("kernwaarden", k) for k in team.kernwaarden) or "-"),
            ]
        else:
            cells.append(str(len(team.themas)))
        table.add_row(*cells)
    blocks: list[RenderableType] = [table]
    due = [t.team for t in teams if t.status != "op-tijd"]
    if due:
        shown = ", ".join(due[:10]) + (f" en nog {len(due) - 10}" if len(due) > 10 else "")
        blocks.append(Text(f"Aan de beurt ({len(due)}): {shown}", style="bold"))
    if details:
        blocks.append(sessions_table(teams))
        for team in teams:
            for trend in team.trends:
                blocks.append(trend_panel(team.team, trend))
    else:
        blocks.append(
            Text("Eén team in detail (sessies, thema's, trends): gesprek overzicht --team NAAM")
        )
    return Group(*blocks)


def sessions_table(teams: list[Any]) -> Table:
    """Every session of every team: gehouden or onderbroken, parts discussed, and
    whether it counts as the yearly conversation."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, title="Sessies", title_justify="left")
    table.add_column("Team", ratio=2)
    table.add_column("Datum", no_wrap=True)
    table.add_column("Sessie", justify="right")
    table.add_column("Status")
    table.add_column("Besproken", justify="right", no_wrap=True)
    table.add_column("Telt als jaarlijks gesprek", ratio=2)
    for team in teams:
        for line in reversed(team.gesprekken):  # newest first
            table.add_row(
                Text(team.team),
                line.datum,
                str(line.sessie),
                line.status,
                f"{line.besproken} van {line.onderdelen}",
                "ja" if line.telt_mee else "nee (minder dan de helft besproken)",
            )
    return table


def trend_panel(team: str, trend: Any) -> Panel:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    for point in trend.punten:
        total = sum(point.stemmen.values())
        table.add_row(
            Text(f"{point.datum} (sessie {point.sessie})", style="bold"), Text(f"{total} stemmen")
        )
        for index, (option_id, text) in enumerate(trend.opties or [(o, o) for o in point.stemmen]):
            n = point.stemmen.get(option_id, 0)
            pct = f"{round(100 * n / total)}%" if total else "–"
            table.add_row(
                Text(f"  {letter(index)} {bar(n, total, 16)} {n:>3} ({pct:>4})"),
                Text(text[:60]),
            )
    title = trend.titel + (f" — stap {trend.stap}" if trend.stap else "")
    return Panel(
        table,
        title=Text(f" Verloop bij {team}: {title} ", style="bold"),
        title_align="left",
        box=box.ROUNDED,
    )


def initiatives_view(items: list[Any], library: Any) -> RenderableType:
    if not items:
        return Text(
            "Geen initiatieven gevonden. Probeer een ander zoekwoord of laat een filter weg."
        )
    return Group(
        *(initiative_card(item, library) for item in items), Text(f"{len(items)} initiatieven")
    )


def suggestions_view(items: list[Any], *, commands: bool = True) -> RenderableType:
    """Initiatives that fit the themes discussed. Without ``commands`` (the projected
    closing screen) only their names: the commands are for the facilitator, afterwards."""
    lines: list[RenderableType] = [Text("Verder met dit thema? Bijvoorbeeld:", style="bold")]
    for item in items:
        title = item.titel.strip()
        if commands:
            lines.append(Text(f'• {title} (gesprek initiatieven --zoek "{title}")'))
        else:
            lines.append(Text(f"• {title}"))
    return Group(*lines)
