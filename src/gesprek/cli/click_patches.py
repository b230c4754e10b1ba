"""Every use of the internals of Typer and of the click it bundles, in one place.

Typer (since 0.26) vendors click as ``typer._click``, a private module: the click on
``sys.path`` is another copy whose classes Typer never raises or formats with. Typer
re-exports only a few of them (``typer.BadParameter``, ``typer.Abort``); the rest are
reached here:

- ``exceptions``: click's usage errors (``UsageError``, ``NoSuchOption``,
  ``MissingParameter``, ``BadOptionUsage``, ``BadParameter``, ``NoArgsIsHelpError``), to
  catch them and say them in Dutch; Typer has no public name for them.
- ``install``: the few English texts click and Typer print themselves, in Dutch. Neither
  has a setting for them, and a subclass does not reach them all: the help headings and
  "default"/"required" come from ``typer.core``'s module-level gettext alias ``_``; the
  "Usage:" prefix from ``HelpFormatter.write_usage``; the help option's text from
  ``Command.get_help_option``. A ``TyperCommand`` subclass could override the last two,
  but Typer has no app-wide default command class, so every ``@app.command`` would have
  to name it and one that forgot would print English; patching the class covers all.

Checked against typer 0.29.2 (constraints.txt) and 0.26.0 (the lowest that pyproject.toml
allows, the first to vendor click; .ci/run runs the test below there too). What breaks if these change: the help shows English headings or
"Usage:", or usage errors escape as tracebacks instead of Dutch messages;
``tests/test_click_patches.py`` names each one and fails first, saying which is gone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import typer.core
from typer._click import core as _click_core
from typer._click import exceptions
from typer._click import formatting as _formatting

__all__ = ["exceptions", "install"]


def install(words: Mapping[str, str], usage_prefix: str, help_text: str) -> None:
    """Typer's and click's own words through ``words``, "Usage: " as ``usage_prefix`` (and
    ``[OPTIONS]``/``COMMAND [ARGS]...`` in the usage line as ``[OPTIES]``/``COMMANDO ...``),
    and ``help_text`` as the help option's text."""

    def translate(message: str) -> str:
        return words.get(message, message)

    typer.core._ = translate

    original_usage = _formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[OPTIES]").replace("COMMAND [ARGS]...", "COMMANDO ...")
        original_usage(self, prog, args, usage_prefix if prefix is None else prefix)

    _formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]

    original_help_option = _click_core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help_option(self, ctx)
        if option is not None:
            option.help = help_text
        return option

    _click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
