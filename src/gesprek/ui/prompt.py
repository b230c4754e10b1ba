"""One line of input at the bottom of the session screen, with the status line (the clocks)
just above it, redrawn every second while the facilitator thinks, so the clocks tick.

The status is part of the prompt's own (multi-line) message rather than prompt_toolkit's
bottom toolbar: the toolbar is only drawn where the terminal answers cursor-position
requests, and the clocks must tick in every terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Status = Callable[[], str]


def quiet_cpr(app: Any) -> None:
    """prompt_toolkit prints an English "WARNING: your terminal doesn't support cursor
    position requests (CPR)" where a terminal does not answer that request. The session
    and the wizard work without it, so nothing is printed. Done per application through
    public attributes (its ``renderer`` and the renderer's ``cpr_not_supported_callback``,
    which the Application hands its own warning method at construction): prompt_toolkit
    has no setting for this, and patching ``Application`` would change every application
    in the process. Checked against prompt_toolkit 3.0.53 (constraints.txt) and 3.0.36 (the lowest
    pyproject.toml allows); tests/test_prompt_toolkit_cpr.py fails if the attribute goes."""
    app.renderer.cpr_not_supported_callback = None


class LinePrompt:
    """``prompt(message, status)`` -> the line typed. Ctrl-C raises KeyboardInterrupt,
    Ctrl-D EOFError, as ``input`` does. A ``message`` given as a function, and the
    ``status`` line, are redrawn every second while the prompt waits."""

    def __call__(self, message: str | Callable[[], str], status: Status | None = None) -> str:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import FormattedText

        # A fresh PromptSession per line: its arguments stick to the session otherwise.
        session: PromptSession[str] = PromptSession()
        quiet_cpr(session.app)
        if status is None and isinstance(message, str):
            return session.prompt(message)

        def text() -> Any:
            shown = message() if callable(message) else message
            if status is None:
                return FormattedText([("", shown)])
            return FormattedText([("reverse", status()), ("", "\n" + shown)])

        return session.prompt(text, refresh_interval=1.0)


def ask(
    input_line: Callable[..., str], message: str | Callable[[], str], status: Status | None = None
) -> str:
    """One line from the facilitator. At the terminal's prompt (``LinePrompt``) the message
    and the status line tick; a plain input function (as in tests) gets the message as it
    is now."""
    if isinstance(input_line, LinePrompt):
        return input_line(message, status)
    return input_line(message() if callable(message) else message)
