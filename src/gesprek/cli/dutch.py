"""Dutch for the few texts that Typer's bundled click prints itself (help headings, the
usage prefix, the help option); everything else comes from our own help texts."""

from __future__ import annotations

from typing import Any

import typer.core
from typer._click import core as click_core
from typer._click import formatting

_WORDS = {
    "Options": "Opties",
    "Commands": "Commando's",
    "Arguments": "Argumenten",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(wisselend)",
    "required": "verplicht",
}


def _translate(message: str) -> str:
    return _WORDS.get(message, message)


def install() -> None:
    typer.core._ = _translate

    original_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[OPTIES]").replace("COMMAND [ARGS]...", "COMMANDO ...")
        original_usage(self, prog, args, "Gebruik: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]

    original_help_option = click_core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help_option(self, ctx)
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option

    click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
