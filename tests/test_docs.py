"""The README stays honest: every command has Dutch help and is documented, and CI runs
exactly the test command that the README gives."""

from __future__ import annotations

import re

import pytest

from gesprek.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name for c in app.registered_commands if c.name)


def readme_commands() -> list[str]:
    blocks = re.findall(r"```\n(.*?)```", README, flags=re.S)
    return [block.strip() for block in blocks[:2]]


def test_readme_starts_with_a_session_command_and_a_test_command():
    session, tests = readme_commands()
    assert "pip install" in session and session.endswith("gesprek sessie")
    assert "pip install" in tests and "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    _, tests = readme_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(name, gesprek):
    result = gesprek(name, "--help")
    assert result.code == 0
    assert f"gesprek {name}" in result.out
    assert "Toon deze hulp en stop." in result.out
    assert f"gesprek {name}" in README, f"'gesprek {name}' ontbreekt in README.md"


def test_there_are_commands():
    assert {"sessie", "check", "inhoud", "toon", "resultaten", "overzicht"} <= set(COMMANDS)
