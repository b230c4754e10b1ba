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
from prompt_toolkit.application import Application
from prompt_toolkit.filters import to_filter
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout.controls import BufferControl
from prompt_toolkit.styles import Style
from questionary.prompts import common
from questionary.question import Question
from questionary.styles import merge_styles_default

from gesprek.author.wizard import GoBack
from gesprek.ui.prompt import quiet_cpr

quiet_cpr()

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
        question = _checkbox(message, options, validate or (lambda _picked: True), **self._io)
        return list(_with_back(question).unsafe_ask())

    def yes(self, message: str, default: bool = True) -> bool:
        return bool(self.select(message, [("Ja", True), ("Nee", False)], default=default))


def _with_back(question: Question) -> Question:
    """Esc (on its own) ends the question with GoBack: the wizard asks the previous one."""
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


def _checkbox(
    message: str,
    choices: list[questionary.Choice],
    validate: Callable[[list[Any]], bool | str],
    **kwargs: Any,
) -> Question:
    """questionary's checkbox, with Dutch text after the answer (questionary's own shows
    "done (3 selections)"): the names of the picked choices, or "geen"."""
    control = common.InquirerControl(choices, None, pointer="»")

    def prompt_tokens() -> list[tuple[str, str]]:
        tokens = [("class:qmark", "?"), ("class:question", f" {message} ")]
        if control.is_answered:
            picked = [str(c.title) for c in control.get_selected_values()]
            tokens.append(("class:answer", ", ".join(picked) if picked else "geen"))
        else:
            tokens.append(("class:instruction", CHECKBOX_HINT))
        return tokens

    def values() -> list[Any]:
        return [c.value for c in control.get_selected_values()]

    def check(picked: list[Any]) -> bool:
        verdict = validate(picked)
        valid = verdict is True
        # questionary leaves error_message typed as None (its __init__ sets None, no annotation)
        control.error_message = (
            FormattedText([("class:validation-toolbar", str(verdict))])  # type: ignore[assignment]
            if not valid and control.submission_attempted
            else None
        )
        return valid

    bindings = KeyBindings()

    @bindings.add(Keys.ControlC, eager=True)
    def _abort(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add(" ", eager=True)
    def _toggle(_event: Any) -> None:
        pointed = control.get_pointed_at().value
        if pointed in control.selected_options:
            control.selected_options.remove(pointed)
        else:
            control.selected_options.append(pointed)
        check(values())

    def down(_event: Any) -> None:
        control.select_next()

    def up(_event: Any) -> None:
        control.select_previous()

    for key in (Keys.Down, Keys.ControlN, "j"):
        bindings.add(key, eager=True)(down)
    for key in (Keys.Up, Keys.ControlP, "k"):
        bindings.add(key, eager=True)(up)

    @bindings.add(Keys.ControlM, eager=True)
    def _submit(event: Any) -> None:
        picked = values()
        control.submission_attempted = True
        if check(picked):
            control.is_answered = True
            event.app.exit(result=picked)

    @bindings.add(Keys.Any)
    def _other(_event: Any) -> None:
        """No other keys."""

    layout = common.create_inquirer_layout(control, prompt_tokens, **kwargs)
    style = merge_styles_default([Style([("bottom-toolbar", "noreverse")])])
    app_kwargs = {k: v for k, v in kwargs.items() if k in ("input", "output")}
    return Question(Application(layout=layout, key_bindings=bindings, style=style, **app_kwargs))
