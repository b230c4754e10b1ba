"""prompt_toolkit still lets an application's renderer go without its CPR warning the way
``gesprek.ui.prompt.quiet_cpr`` does it (``app.renderer.cpr_not_supported_callback``).
If this fails after an upgrade, terminals that do not answer cursor-position requests get
an English "WARNING: your terminal doesn't support cursor position requests (CPR)"."""

from __future__ import annotations

from importlib.metadata import version

import pytest

pytest.importorskip("prompt_toolkit")

VERSION = version("prompt_toolkit")


def test_the_renderer_calls_its_cpr_callback_through_the_attribute():
    from prompt_toolkit.renderer import Renderer

    users = [
        name
        for name, member in vars(Renderer).items()
        if "cpr_not_supported_callback"
        in getattr(getattr(member, "__code__", None), "co_names", ())
    ]
    assert users, (
        f"prompt_toolkit {VERSION}'s Renderer no longer reads self.cpr_not_supported_callback; "
        "gesprek.ui.prompt.quiet_cpr sets that attribute to None to keep its English CPR "
        "warning off the screen"
    )


def test_quiet_cpr_takes_the_warning_off_an_application():
    from prompt_toolkit import PromptSession
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from gesprek.ui.prompt import quiet_cpr

    with create_pipe_input() as pipe:
        session: PromptSession[str] = PromptSession(input=pipe, output=DummyOutput())
        app = session.app
        assert callable(app.renderer.cpr_not_supported_callback), (
            f"prompt_toolkit {VERSION}: an Application's renderer has no "
            "cpr_not_supported_callback any more; see gesprek.ui.prompt.quiet_cpr"
        )
        quiet_cpr(app)
        assert app.renderer.cpr_not_supported_callback is None
