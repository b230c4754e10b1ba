"""The command line: thin Typer commands that parse options, call one function and print.

Only typer is imported here; each command imports what it needs when it runs, so that
``gesprek --help`` stays fast. The command modules do not use ``from __future__ import
annotations``: Typer would have to evaluate every annotation string on each start."""

from __future__ import annotations

from gesprek.cli.app import app, main

__all__ = ["app", "main"]
