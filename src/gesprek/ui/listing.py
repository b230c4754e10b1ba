"""Tables of content for ``gesprek inhoud``."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from gesprek.content.models import TYPE_NAMES
from gesprek.content.text import plural


class _Fitted:
    """A table built for the width it is rendered at."""

    def __init__(self, build: Any) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def content_table(selection: Any, library: Any) -> Any:
    """The items of a selection. Ids are never broken inside a word: on a narrow terminal
    each id goes on its own line under the title."""

    def build(width: int) -> Table:
        longest = max((len(item.id) for item in selection.items), default=10)
        narrow = width < longest + 62
        table = Table(
            box=box.SIMPLE_HEAD,
            title=f"Inhoud: {selection.described}",
            title_justify="left",
            expand=True,
        )
        if narrow:
            # Title with the id on its own line; type with the theme below it.
            table.add_column("Titel en id", ratio=3, min_width=min(longest, width - 24))
            table.add_column("Soort en thema", ratio=1)
        else:
            table.add_column("Id", no_wrap=True, min_width=longest)
            table.add_column("Type", no_wrap=True)
            table.add_column("Titel", ratio=4)
            table.add_column("Thema", ratio=2)
        table.add_column("Min.", justify="right", no_wrap=True)
        for item in selection.items:
            thema = getattr(item, "thema", None)
            naam = Text(
                library.naam("themas", thema)
                if thema
                else library.naam("pijlers", getattr(item, "pijler", ""))
            )
            minutes = str(selection.duur(item)) if hasattr(item, "duur") else ""
            title = Text(item.titel.strip())
            if narrow:
                cell = Text.assemble(title, "\n", (item.id, "dim"))
                kind = Text.assemble(TYPE_NAMES[item.type], "\n", naam)
                table.add_row(cell, kind, minutes)
            else:
                table.add_row(Text(item.id), TYPE_NAMES[item.type], title, naam, minutes)
        n = len(selection.items)
        table.caption = plural(n, "item", "items")
        return table

    return _Fitted(build)
