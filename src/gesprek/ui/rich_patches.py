"""The one use of Rich's internals: every Rich ``Text`` shows control characters visibly
(``\\x1b``) instead of passing them to the terminal.

Rich strips only a few control codes (bell, backspace, carriage return ...) and lets ESC
through, so an escape sequence in content, a team label or a note would reach the
terminal. All text, from plain strings, markup and table cells, passes the name
``strip_control_codes`` in the module ``rich.text`` when it becomes a ``Text`` (in
``Text.__init__``, ``append``, ``plain`` and friends), so that one name is replaced with
``gesprek.visible.visible``. Rich has no public hook for it: ``Console`` has no setting
for control codes, and a ``Text`` or ``Console.render_str`` subclass would miss the
``Text`` objects that Rich and our own screens make directly. Rich's own styling is not
text and is unaffected.

Checked against rich 15.0.0 (constraints.txt) and 13.8.0 (the lowest that installs with
the lowest Typer; pyproject.toml allows ``>=13``; .ci/run runs the test below there too). What breaks if it changes: control characters reach the
terminal again, silently; ``tests/test_rich_patches.py`` checks that a ``Text`` made
after ``guard_rich`` shows ESC as ``\\x1b`` and fails first.
"""

from __future__ import annotations

from gesprek.visible import visible

_guarded = False


def guard_rich() -> None:
    """Make every Rich ``Text`` show control characters visibly (once per process)."""
    global _guarded
    if _guarded:
        return
    import rich.text

    rich.text.strip_control_codes = visible  # type: ignore[assignment]
    _guarded = True
