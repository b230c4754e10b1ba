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
    opties: Sequence[Optie], counts: Mapping[str, int], correct: Sequence[str] = ()
) -> Table:
    total = sum(counts.get(o.id, 0) for o in opties)
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    for index, option in enumerate(opties):
        n = counts.get(option.id, 0)
        pct = f"{round(100 * n / total)}%" if total else "–"
        label = clean(option.tekst) + ("  ✔ juist" if option.id in correct else "")
        table.add_row(
            Text(f" {letter(index)} ", style="bold reverse"),
            Text(bar(n, total)),
            Text(str(n), style="bold"),
            Text(f"({pct})"),
            Text(label),
        )
    table.add_row(
        "", Text(f"{total} stem{'men' if total != 1 else ''}", style="italic"), "", "", ""
    )
    return table
