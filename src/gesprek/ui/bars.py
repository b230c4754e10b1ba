"""Vote results as text bars: letter, bar, count, percentage and option text, so the
meaning never depends on colour."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text

from gesprek.content.models import Optie
from gesprek.ui.cards import clean, letter

BAR_WIDTH = 24


def bar(count: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = round(width * count / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def results_table(
    opties: Sequence[Optie],
    counts: Mapping[str, int],
    correct: Sequence[str] = (),
    *,
    bar_width: int = BAR_WIDTH,
    spaced: bool = False,
) -> Table:
    """One row per option: letter, bar, count, percentage, text, and "✔ juist" in a column
    of its own (so the mark never breaks over two lines)."""
    total = sum(counts.get(o.id, 0) for o in opties)
    marks = any(o.id in correct for o in opties)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    if marks:
        table.add_column(no_wrap=True)
    blank = [""] * (6 if marks else 5)
    for index, option in enumerate(opties):
        if spaced and index:
            table.add_row(*blank)
        n = counts.get(option.id, 0)
        pct = f"{round(100 * n / total)}%" if total else "–"
        row = [
            Text(f" {letter(index)} ", style="bold reverse"),
            Text(bar(n, total, bar_width)),
            Text(str(n), style="bold"),
            Text(f"({pct})"),
            Text(clean(option.tekst)),
        ]
        if marks:
            row.append(Text("✔ juist", style="bold") if option.id in correct else Text(""))
        table.add_row(*row)
    table.add_row(
        "", Text(f"{total} stem{'men' if total != 1 else ''}", style="italic"), *blank[2:]
    )
    return table
