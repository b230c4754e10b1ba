"""The questionary internals the wizard's checkbox is built from
(``gesprek.author.questionary_internals``) are still there in the installed questionary.
When one of these fails after an upgrade, the message names the internal: look there, not
at a wizard test failing at its first checkbox."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest

questionary = pytest.importorskip("questionary")

VERSION = version("questionary")


def _missing(name: str) -> str:
    return (
        f"questionary {VERSION} has no {name} any more; gesprek.author.questionary_internals "
        "builds the wizard's checkbox (Dutch text after the answer) from it"
    )


def test_the_modules_and_names_are_there():
    try:
        from questionary.prompts import common
        from questionary.styles import merge_styles_default
    except ImportError as exc:
        pytest.fail(_missing(f"module or name ({exc})"))
    assert callable(merge_styles_default)
    for name in ("InquirerControl", "create_inquirer_layout"):
        assert hasattr(common, name), _missing(f"questionary.prompts.common.{name}")
    layout = list(inspect.signature(common.create_inquirer_layout).parameters)
    assert layout[:2] == ["ic", "get_prompt_tokens"], _missing(
        "create_inquirer_layout(ic, get_prompt_tokens, ...)"
    )


def test_the_control_has_what_the_checkbox_uses():
    from questionary.prompts.common import InquirerControl

    control = InquirerControl([questionary.Choice("Een", value=1)], None, pointer="»")
    for name in ("is_answered", "selected_options", "submission_attempted", "error_message"):
        assert hasattr(control, name), _missing(f"InquirerControl.{name}")
    for name in ("get_selected_values", "get_pointed_at", "select_next", "select_previous"):
        assert callable(getattr(control, name, None)), _missing(f"InquirerControl.{name}()")


def test_the_checkbox_built_from_them_works():
    """The checkbox made from those parts works: space picks, Enter confirms."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from gesprek.author.questionary_internals import checkbox

    choices = [questionary.Choice("Een", value=1), questionary.Choice("Twee", value=2)]
    with create_pipe_input() as pipe:
        question = checkbox(
            "Welke?", choices, lambda _: True, "(spatie)", input=pipe, output=DummyOutput()
        )
        pipe.send_text("j \r")
        assert question.unsafe_ask() == [2]
