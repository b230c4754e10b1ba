"""Dutch for the few texts that Typer's bundled click prints itself (help headings, the
usage prefix, the help option); everything else comes from our own help texts."""

from __future__ import annotations

from typing import Any

_WORDS = {
    "Options": "Opties",
    "Commands": "Commando's",
    "Arguments": "Argumenten",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(wisselend)",
    "required": "verplicht",
}


def install() -> None:
    """Typer's and click's own help texts in Dutch (through ``click_patches``)."""
    from gesprek.cli import click_patches

    click_patches.install(_WORDS, "Gebruik: ", "Toon deze hulp en stop.")


# -- usage errors ----------------------------------------------------------------------------
# Click's and Typer's messages, and pydantic's (Typer converts option values through it),
# in Dutch. Mapped by meaning; anything not recognised gets a Dutch fallback, so no English
# reaches the user.

_VALUE_PATTERNS: list[tuple[str, str]] = [
    (r"Input should be greater than or equal to (\S+?)\.?$", "moet minstens {0} zijn"),
    (r"Input should be greater than (\S+?)\.?$", "moet groter zijn dan {0}"),
    (r"Input should be less than or equal to (\S+?)\.?$", "mag hoogstens {0} zijn"),
    (r"Input should be less than (\S+?)\.?$", "moet kleiner zijn dan {0}"),
    (r"Input should be a valid integer.*", "moet een heel getal zijn"),
    (r"Input should be a valid (?:number|decimal).*", "moet een getal zijn"),
    (r"Input should be a valid boolean.*", "moet ja of nee zijn"),
    (r"Input should be a valid (?:path|file|directory).*", "moet een geldig pad zijn"),
    (r"'?(.*?)'? is not a valid integer.*", "'{0}' is geen heel getal"),
    (r"'?(.*?)'? is not a valid float.*", "'{0}' is geen getal"),
    (r"'?(.*?)'? is not a valid boolean.*", "'{0}' is geen ja of nee"),
    (r"(\S+) is not in the range (.+)\.?$", "{0} valt buiten het bereik {1}"),
    (r"(\S+) is not in the range.*", "{0} valt buiten het toegestane bereik"),
    (r"'?(.*?)'? is not one of (.+)\.?$", "'{0}' is geen van {1}"),
    (r"Input should be (.+?)\.?$", "moet {0} zijn"),
]


def value_message(message: str) -> str:
    """A Click or pydantic message about an option's value, in Dutch."""
    import re

    message = message.strip()
    for pattern, dutch in _VALUE_PATTERNS:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            parts = [g.replace(" or ", " of ").replace(", ", " of ") for g in match.groups()]
            return dutch.format(*parts)
    if re.search(r"[A-Za-z]", message) and not _looks_dutch(message):
        return "ongeldige waarde"
    return message


def _looks_dutch(message: str) -> bool:
    words = set(message.lower().split())
    return bool(words & {"de", "het", "een", "is", "niet", "moet", "geen", "van", "voor"}) and not (
        words & {"the", "should", "must", "invalid", "not", "input", "valid"}
    )


def param_name(param: Any) -> str:
    """How the user names a parameter: its option (--duur) or its metavar (ID)."""
    if param is None:
        return "een waarde"
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    if opts:
        return str(opts[0])
    metavar = getattr(param, "metavar", None)
    if metavar:
        return str(metavar).strip("[]").rstrip(".")
    return str(getattr(param, "name", "waarde") or "waarde").upper().strip("_")


def usage_message(exc: Any) -> str:
    """Click's usage errors, in Dutch."""
    import re

    from gesprek.cli.click_patches import exceptions as ce

    if isinstance(exc, ce.NoSuchOption):
        close = f" (bedoelde je {' of '.join(exc.possibilities)}?)" if exc.possibilities else ""
        return f"onbekende optie '{exc.option_name}'{close}"
    if isinstance(exc, ce.MissingParameter):
        name = param_name(exc.param)
        ctx = getattr(exc, "ctx", None)
        if ctx is not None and not name.startswith("-"):
            return f"{name} ontbreekt (gebruik: {ctx.command_path} {name})"
        return f"{name} ontbreekt"
    if isinstance(exc, ce.BadOptionUsage):
        if "requires an argument" in str(exc.message):
            return f"optie {exc.option_name} heeft een waarde nodig"
        return f"optie '{exc.option_name}' verkeerd gebruikt: {value_message(exc.message)}"
    if isinstance(exc, ce.BadParameter):
        return f"ongeldige waarde voor {param_name(exc.param)}: {value_message(exc.message)}"
    message = str(getattr(exc, "message", str(exc)))
    command = re.match(r"No such command '(.+?)'\.?(?:\s*Did you mean (.+?)\?)?$", message)
    if command:
        close = ""
        if command.group(2):
            names = [n.strip().strip("'") for n in command.group(2).split(",")]
            close = f" (bedoelde je {' of '.join(names)}?)"
        return f"onbekend commando '{command.group(1)}'{close}"
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", message)
    if extra:
        return f"te veel argumenten ({extra.group(1)})"
    if message.startswith("Option") and "requires an argument" in message:
        option = re.search(r"'([^']+)'", message)
        return f"optie {option.group(1) if option else ''} heeft een waarde nodig".replace(
            "  ", " "
        )
    return value_message(message)


def confirm(question: str, default: bool = False) -> bool:
    """A yes/no question in Dutch: j/ja or n/nee (Enter takes the default)."""
    import typer

    hint = "[J/n]" if default else "[j/N]"
    while True:
        try:
            answer = input(f"{question} {hint}: ").strip().lower()
        except EOFError:
            typer.echo("")
            return False
        if not answer:
            return default
        if answer in ("j", "ja", "y", "yes"):
            return True
        if answer in ("n", "nee", "no"):
            return False
        typer.echo("Typ j (ja) of n (nee).")
