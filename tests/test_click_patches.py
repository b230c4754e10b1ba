"""The internals of Typer and its bundled click that ``gesprek.cli.click_patches`` uses
are still there in the installed Typer. When one of these fails after an upgrade, the
message names the internal and what breaks without it: look there, not at help texts
turning English or a usage error turning into a traceback."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest

VERSION = version("typer")


def _missing(name: str, breaks: str) -> str:
    return (
        f"typer {VERSION} has no {name} any more; gesprek.cli.click_patches uses it, and "
        f"without it {breaks}"
    )


def test_typer_still_bundles_click():
    try:
        from typer._click import core, exceptions, formatting  # noqa: F401
    except ImportError:
        pytest.fail(_missing("typer._click (core, exceptions, formatting)", "nothing works"))


@pytest.mark.parametrize(
    "name",
    [
        "UsageError",
        "NoSuchOption",
        "MissingParameter",
        "BadOptionUsage",
        "BadParameter",
        "NoArgsIsHelpError",
    ],
)
def test_the_usage_errors_are_there(name):
    from typer._click import exceptions

    assert hasattr(exceptions, name), _missing(
        f"typer._click.exceptions.{name}", "that usage error is not said in Dutch"
    )


def test_the_patched_names_are_there():
    import typer.core
    from typer._click import core, formatting

    assert callable(getattr(typer.core, "_", None)), _missing(
        "typer.core._ (its gettext alias)", "help headings and 'default'/'required' are English"
    )
    usage = getattr(formatting.HelpFormatter, "write_usage", None)
    assert usage is not None and list(inspect.signature(usage).parameters) == [
        "self",
        "prog",
        "args",
        "prefix",
    ], _missing("HelpFormatter.write_usage(self, prog, args, prefix)", "help says 'Usage:'")
    help_option = getattr(core.Command, "get_help_option", None)
    assert help_option is not None, _missing(
        "Command.get_help_option", "the help option's text is English"
    )


def test_the_help_is_dutch_through_the_patches(gesprek):
    """What the patches are for, as a user sees it."""
    result = gesprek("deck", "--help")
    assert result.code == 0, result.err
    assert result.out.lstrip().startswith("Gebruik: gesprek deck [OPTIES]")
    assert "Opties:" in result.out and "Toon deze hulp en stop." in result.out
    assert "Usage" not in result.out and "Options" not in result.out
