"""Tables of content for ``gesprek inhoud``."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from gesprek.content.models import TYPE_NAMES


def content_table(selection: Any, library: Any) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"Inhoud: {selection.described}",
        title_justify="left",
        expand=True,
    )
    table.add_column("Id", overflow="fold", ratio=3)
    table.add_column("Type", no_wrap=True)
    table.add_column("Titel", ratio=4)
    table.add_column("Thema", ratio=2)
    table.add_column("Min.", justify="right", no_wrap=True)
    for item in selection.items:
        thema = getattr(item, "thema", None)
        table.add_row(
            Text(item.id),
            TYPE_NAMES[item.type],
            Text(item.titel.strip()),
            Text(
                library.naam("themas", thema)
                if thema
                else library.naam("pijlers", getattr(item, "pijler", ""))
            ),
            str(selection.duur(item)) if hasattr(item, "duur") else "",
        )
    table.caption = f"{len(selection.items)} items"
    return table
