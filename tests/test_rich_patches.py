"""Rich still sanitises text through the name ``gesprek.ui.rich_patches`` replaces
(``rich.text.strip_control_codes``). If Rich stops calling it, nothing fails by itself:
escape sequences from content would silently reach the terminal again. This test says so."""

from __future__ import annotations

from importlib.metadata import version

import rich.text

from gesprek.ui.rich_patches import guard_rich

VERSION = version("rich")


def test_rich_text_still_sanitises_through_strip_control_codes():
    assert hasattr(rich.text, "strip_control_codes"), (
        f"rich {VERSION} has no rich.text.strip_control_codes any more; "
        "gesprek.ui.rich_patches replaces it to show control characters visibly"
    )


def test_a_text_shows_escape_visibly_after_the_guard():
    guard_rich()
    made = [rich.text.Text("a\x1b[31mb"), rich.text.Text().append("c\x1bd")]
    shown = [text.plain for text in made]
    assert shown == ["a\\x1b[31mb", "c\\x1bd"], (
        f"rich {VERSION} no longer calls rich.text.strip_control_codes when a Text is made "
        f"(got {shown!r}); gesprek.ui.rich_patches needs another way to keep escape "
        "sequences from the terminal"
    )
