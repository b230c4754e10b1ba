"""Every use of questionary's internals, in one place: a checkbox with Dutch text after
the answer.

``questionary.checkbox`` shows "done", "[title]" or "done (3 selections)" once answered,
in English, from a function inside it that takes no argument for it; questionary has no
setting, hook or class to subclass for that text. So the checkbox is built here from the
parts ``questionary.checkbox`` is built from: ``questionary.prompts.common``'s
``InquirerControl`` (its ``is_answered``, ``selected_options``, ``get_selected_values``,
``get_pointed_at``, ``select_next``/``select_previous``, ``submission_attempted`` and
``error_message``) and ``create_inquirer_layout``, and ``questionary.styles``'
``merge_styles_default``; none of them is in questionary's documented API. The wizard's
other questions use the public API (``questionary.text``, ``questionary.select``,
``Question.application``).

Checked against questionary 2.1.1 (constraints.txt) and 2.0.0 (the lowest that
pyproject.toml allows; .ci/run runs the test below there too). What
breaks if these change: ``gesprek nieuw`` fails with an AttributeError or TypeError at its
first checkbox (themes, core values); ``tests/test_questionary_internals.py`` names each
one and fails first, saying which is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.application import Application
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.styles import Style
from questionary import Question
from questionary.prompts.common import InquirerControl, create_inquirer_layout
from questionary.styles import merge_styles_default


def checkbox(
    message: str,
    choices: list[questionary.Choice],
    validate: Callable[[list[Any]], bool | str],
    instruction: str,
    **kwargs: Any,
) -> Question:
    """questionary's checkbox, with Dutch text after the answer (questionary's own shows
    "done (3 selections)"): the names of the picked choices, or "geen"."""
    control = InquirerControl(choices, None, pointer="»")

    def prompt_tokens() -> list[tuple[str, str]]:
        tokens = [("class:qmark", "?"), ("class:question", f" {message} ")]
        if control.is_answered:
            picked = [str(c.title) for c in control.get_selected_values()]
            tokens.append(("class:answer", ", ".join(picked) if picked else "geen"))
        else:
            tokens.append(("class:instruction", instruction))
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

    layout = create_inquirer_layout(control, prompt_tokens, **kwargs)
    style = merge_styles_default([Style([("bottom-toolbar", "noreverse")])])
    app_kwargs = {k: v for k, v in kwargs.items() if k in ("input", "output")}
    return Question(Application(layout=layout, key_bindings=bindings, style=style, **app_kwargs))
