"""The Typer application, the global options and the one place where errors become
messages and exit codes."""

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from gesprek import __version__
from gesprek.cli import (
    author_cmds,
    check,
    content_cmds,
    deck_cmd,
    handout_cmd,
    management_cmds,
    server_cmds,
    session_cmds,
)
from gesprek.cli.common import Settings
from gesprek.cli.dutch import install as _dutch_help
from gesprek.errors import ContentErrors, GesprekError
from gesprek.visible import visible

_dutch_help()

app = typer.Typer(
    name="gesprek",
    help="Het goede gesprek over integriteit, een veilige werkomgeving en de beroepscode.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gesprek {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    pakket: Annotated[
        list[Path] | None,
        typer.Option(
            "--pakket",
            help="Extra inhoudspakket (map); mag vaker. Ook via GESPREK_PAKKETTEN.",
            metavar="MAP",
        ),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Het bestand met verslagen. Ook via GESPREK_DB.", metavar="PAD"),
    ] = None,
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="De PostgreSQL-server van de eenheid (verbindingstekst); voor insturen en "
            "inrichten ook via GESPREK_SERVER.",
            metavar="URL",
        ),
    ] = None,
    versie: Annotated[
        bool,
        typer.Option("--versie", help="Toon de versie en stop.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    from gesprek.cli import streams

    streams.install()  # also when the app runs without main() (a test runner's streams)
    ctx.obj = Settings(packs=list(pakket or []), db=db, server=server)


check.register(app)
content_cmds.register(app)
session_cmds.register(app)
deck_cmd.register(app)
handout_cmd.register(app)
author_cmds.register(app)
management_cmds.register(app)
server_cmds.register(app)


def _print_error(error: GesprekError) -> None:
    stream = sys.stderr
    width = _terminal_width(stream)

    def say(text: str) -> None:
        print(_folded(text, width), file=stream)

    if isinstance(error, ContentErrors):
        for problem in error.problems[:20]:
            say(str(problem))
        if len(error.problems) > 20:
            say(f"... en nog {len(error.problems) - 20}")
    say(f"fout: {visible(error.message)}")
    if error.hint:
        say(visible(error.hint))


def _terminal_width(stream: Any) -> int | None:
    """The width of the terminal that ``stream`` shows in, or None when it is redirected
    (a file or pipe gets each message on one line, as before)."""
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _folded(text: str, width: int | None) -> str:
    """A message folded between words at the terminal's edge, which would otherwise break
    it mid-word ("gesprek se|ssie"); continued lines are indented."""
    if width is None or width < 20:
        return text
    import textwrap

    return "\n".join(
        textwrap.fill(
            line,
            width - 1,
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        for line in text.splitlines() or [""]
    )


def _usage_message(exc: Exception) -> str:
    """Click's usage errors, in Dutch (``gesprek.cli.dutch`` maps them)."""
    from gesprek.cli.dutch import usage_message

    return usage_message(exc)


GLOBAL_WITH_VALUE = ("--pakket", "--db", "--server")


def hoist_globals(argv: list[str]) -> list[str]:
    """Let the global options also stand after the command (``gesprek inhoud --pakket P``),
    by moving them in front of it, where Typer expects them."""
    head: list[str] = []
    rest = list(argv)
    while rest and rest[0].startswith("-"):  # global options before the command
        token = rest.pop(0)
        head.append(token)
        if token in GLOBAL_WITH_VALUE and rest:
            head.append(rest.pop(0))
    if not rest:
        return head
    command, tail = rest[0], rest[1:]
    moved: list[str] = []
    kept: list[str] = []
    index = 0
    while index < len(tail):
        token = tail[index]
        if token == "--":
            kept += tail[index:]
            break
        if token in GLOBAL_WITH_VALUE and index + 1 < len(tail):
            moved += tail[index : index + 2]
            index += 2
            continue
        if token.split("=", 1)[0] in GLOBAL_WITH_VALUE and "=" in token:
            moved.append(token)
        else:
            kept.append(token)
        index += 1
    return head + moved + [command] + kept


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn every expected failure into a message."""
    from gesprek.cli import streams
    from gesprek.cli.click_patches import exceptions as ce

    streams.install()  # any console or pipe encoding: similar characters, never a traceback
    # gesprek uses no pydantic plugins; looking them up costs ~15 ms per run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    try:
        code = app(args=args, prog_name="gesprek", standalone_mode=False)
    except ce.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
        sys.exit(0)
    except GesprekError as error:
        _print_error(error)
        sys.exit(error.exit_code)
    except ce.UsageError as exc:
        print(f"fout: {visible(_usage_message(exc))}", file=sys.stderr)
        print("Zie 'gesprek --help' of 'gesprek COMMANDO --help'.", file=sys.stderr)
        sys.exit(2)
    except typer.Abort:
        print("\nAfgebroken.", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("\nAfgebroken.", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except ModuleNotFoundError as exc:
        # A small install (gesprek without the [alles] extra, as the pre-commit hook has)
        # can check content but not make decks, run sessions or serve phones.
        if exc.name is None or exc.name.split(".")[0] not in _EXTRA_MODULES:
            raise
        print(
            f"fout: deze opdracht heeft '{exc.name.split('.')[0]}' nodig, en dat is niet "
            "geïnstalleerd",
            file=sys.stderr,
        )
        print('Installeer alles met: pip install "gesprek[alles]"', file=sys.stderr)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


# Modules of the [alles] extra (pyproject.toml): only the commands that need them import them.
_EXTRA_MODULES = {
    "jinja2",
    "questionary",
    "prompt_toolkit",
    "pptx",
    "starlette",
    "uvicorn",
    "segno",
    "psutil",
    "psycopg",
}
