"""The questions of the wizard, on questionary, with Dutch instructions and answers.

Without arguments a Prompter asks on the terminal; tests pass a prompt_toolkit pipe input
and a dummy output. Ctrl-C raises KeyboardInterrupt (``unsafe_ask``: questionary's own
``ask`` would print an English message and return None). Importing this module imports
questionary: only do so once it is known there is a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit.filters import to_filter
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout.controls import BufferControl
from questionary import Question

from gesprek.author.questionary_internals import checkbox
from gesprek.author.wizard import GoBack
from gesprek.ui.prompt import quiet_cpr

# A multi-line answer starts on its own line, below the question, with the full width.
MULTILINE_HINT = "(meerdere regels; Esc en Enter = klaar)\n"
OPTIONAL_MULTILINE_HINT = "(mag leeg; meerdere regels; Esc en Enter = klaar)\n"
OPTIONAL_HINT = "(mag leeg blijven)"
LONG_LINE = 64
SELECT_HINT = "(pijltjes en Enter)"
CHECKBOX_HINT = "(spatie kiest, Enter bevestigt)"


class Prompter:
    def __init__(self, input: Any = None, output: Any = None) -> None:
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}

    def text(
        self,
        message: str,
        *,
        default: str = "",
        instruction: str | None = None,
        multiline: bool = False,
        optional: bool = False,
        validate: Callable[[str], bool | str] | None = None,
    ) -> str:
        if instruction is None and multiline:
            instruction = OPTIONAL_MULTILINE_HINT if optional else MULTILINE_HINT
        elif instruction is None and optional:
            instruction = OPTIONAL_HINT
        if len(message) + len(instruction or "") + len(default) > LONG_LINE:
            # The answer goes on its own line rather than wrapping at the screen's edge.
            instruction = (instruction or "").rstrip("\n") + "\n"
        question = questionary.text(
            message,
            default=default,
            instruction=instruction,
            multiline=multiline,
            validate=validate,
            **self._io,
        )
        _keep_messages_close(question)
        return str(_with_back(question).unsafe_ask())

    def select(self, message: str, choices: Sequence[tuple[str, Any]], default: Any = None) -> Any:
        options = [questionary.Choice(title, value=value) for title, value in choices]
        start = next((o for o in options if default is not None and o.value == default), None)
        question = questionary.select(
            message, choices=options, default=start, instruction=SELECT_HINT, **self._io
        )
        return _with_back(question).unsafe_ask()

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[str, Any]],
        *,
        checked: Sequence[Any] = (),
        validate: Callable[[list[Any]], bool | str] | None = None,
    ) -> list[Any]:
        options = [
            questionary.Choice(title, value=value, checked=value in checked)
            for title, value in choices
        ]
        question = checkbox(
            message, options, validate or (lambda _picked: True), CHECKBOX_HINT, **self._io
        )
        return list(_with_back(question).unsafe_ask())

    def yes(self, message: str, default: bool = True) -> bool:
        return bool(self.select(message, [("Ja", True), ("Nee", False)], default=default))


def _with_back(question: Question) -> Question:
    """Esc (on its own) ends the question with GoBack: the wizard asks the previous one.
    (Every question passes here, so here it is also kept from printing prompt_toolkit's
    English CPR warning.)"""
    quiet_cpr(question.application)
    bindings = KeyBindings()

    @bindings.add(Keys.Escape)
    def _back(event: Any) -> None:
        event.app.exit(exception=GoBack(), style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    return question


def _keep_messages_close(question: Question) -> None:
    """A multi-line answer's window would grow to the bottom of the terminal, and with it
    the validation message (row 45 for a question on row 3): keep it as high as its text,
    so the message shows right below the answer."""
    for window in question.application.layout.find_all_windows():
        if isinstance(window.content, BufferControl):
            window.dont_extend_height = to_filter(True)
