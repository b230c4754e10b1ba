"""Every word the CLI can print is Dutch (issue 14, point 13): the help of every command,
its errors for bad values, unknown options and missing arguments, and the prompts of the
interactive start and of ``wis``. The collected texts fail on English words from a fixed
list (what Click, Typer, pydantic and questionary print by themselves)."""

from __future__ import annotations

import re

import pytest

from tests.pty_screen import DOWN, Screen

ENGLISH = [
    r"\bUsage\b",
    r"\bOptions\b",
    r"\bCommands\b",
    r"\bArguments\b",
    r"\bError\b",
    r"\berror:",
    r"Did you mean",
    r"Input should",
    r"\binvalid\b",
    r"Use arrow keys",
    r"\bselections?\b",
    r"Cancelled",
    r"\brequired\b",
    r"\bMissing\b",
    r"\bunexpected\b",
    r"Show this",
    r"\bAborted\b",
    r"not a valid",
    r"is not one of",
    r"is not in the range",
    r"\[y/N\]",
    r"No such",
    r"\bTry\b",
    r"\bthe\b",
    r"\bshould\b",
    r"\bmust\b",
    r"\bplease\b",
    r"\bdone\b",
    r"\btoggle\b",
    r"\binvert\b",
    r"\bdefault\b",
    r"requires an argument",
    r"Traceback",
]


def english_in(text: str) -> list[str]:
    return [p for p in ENGLISH if re.search(p, text)]


def commands() -> dict[str, list[object]]:
    import typer

    from gesprek.cli.app import app

    group = typer.main.get_command(app)
    return {name: list(cmd.params) for name, cmd in group.commands.items()}  # type: ignore[attr-defined]


def bad_runs() -> list[tuple[str, ...]]:
    """Each command: help, no arguments, an unknown option, an extra argument, and every
    option and argument with a bad value."""
    runs: list[tuple[str, ...]] = [("--help",), ("--bla",), ("sessi",), ("onzin",), ()]
    for name, params in commands().items():
        runs += [(name, "--help"), (name,), (name, "--bla"), (name, "een", "twee", "drie")]
        for param in params:
            opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
            if not opts or opts[0] == "--help":
                if not opts:  # an argument
                    runs.append((name, "@@"))
                    runs.append((name, "-5"))
                continue
            if getattr(param, "is_flag", False):
                continue
            for value in ("@@", "-5", "99999999", "abc"):
                runs.append((name, opts[0], value))
            runs.append((name, opts[0]))  # no value
    return runs


def test_no_english_in_help_and_errors_of_any_command(gesprek, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # any file a run would write lands here
    monkeypatch.setenv("GESPREK_SERVER", "")
    found: dict[str, list[str]] = {}
    runs = bad_runs()
    assert len(runs) > 100
    for args in runs:
        result = gesprek(*args)
        # `schema` prints the JSON Schema itself: its keywords (required, default) are the
        # format's, not text for a person.
        shown = (
            result.err if args[:1] == ("schema",) and result.code == 0 else result.out + result.err
        )
        words = english_in(shown)
        if words:
            found[" ".join(args)] = words
        if result.code not in (0, 1, 2):
            found[" ".join(args)] = [f"exit {result.code}"]
    assert not found, found


def test_no_english_in_the_interactive_start_and_its_cancel():
    screens: list[str] = []
    with Screen("sessie", cols=100, rows=40) as s:
        s.wait_for("Wat wil je bespreken")
        screens.append(s.text)
        for _ in range(20):
            if "» Zelf kiezen: soorten" in s.text:
                break
            s.keys(DOWN)
            s.wait_for(lambda sc: True, settle=0.2)
        s.keys("\r")
        s.wait_for("Welke soorten")
        screens.append(s.text)
        s.keys("\r")  # nothing chosen: asked again, in Dutch
        s.wait_for("Kies er minstens één")
        screens.append(s.text)
        s.keys(" ")
        s.keys(DOWN)
        s.keys(" ")
        s.keys("\r")
        s.wait_for("Welk team")
        screens.append(s.text)
        s.keys("\x03")  # Ctrl-C: a Dutch message and exit 130
        code = s.finish()
        screens.append(s.text)
    assert code == 130
    assert "Afgebroken" in screens[-1]
    for text in screens:
        assert not english_in(text), (english_in(text), text)


@pytest.mark.parametrize(("answer", "deleted"), [("j", True), ("ja", True), ("nee", False)])
def test_wis_asks_in_dutch_and_takes_j_ja_n_nee(answer, deleted, gesprek):
    from gesprek.content import library
    from tests.sessions import record

    # a session just begun
    record(
        ["lunch-niet-betalen"], lib=library.load(), minutes=[10], team="T", parts=0, finish=False
    )
    with Screen("wis", "1", cols=100, rows=30) as s:
        s.wait_for("[j/N]")
        s.send("x")  # not an answer: asked again, in Dutch
        s.wait_for("Typ j (ja) of n (nee)")
        s.send(answer)
        s.wait_for("verwijderd")
        text = s.text
        assert s.finish() == 0
    assert not english_in(text), text
    listed = gesprek("sessies", "--json")
    assert (listed.out.strip() == "[]") is deleted


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_no_english_warning_where_the_terminal_does_not_answer_cursor_requests():
    """A terminal that never answers prompt_toolkit's cursor-position request (as here:
    nothing answers it) gets no English "WARNING: ... (CPR)" above the questions."""
    with Screen("sessie", cols=80, rows=24, answers_cursor=False) as s:
        s.wait_for("Wat wil je bespreken")
        s.pause(3)  # prompt_toolkit waits about 2 s for an answer
        assert "\x1b[6n" in s.printed  # it did ask where the cursor is
        assert "WARNING" not in s.text and "CPR" not in s.text
        s.keys("\x03")
        assert s.finish() == 130
    # Also not for a moment: a warning drawn over by the question would be gone from view.
    assert "WARNING" not in s.printed and "CPR" not in s.printed
