"""``gesprek check --formaat github``: each problem as a GitHub Actions workflow command
(``::error file=PATH,line=N::MESSAGE``), so it shows on the changed line of a pull request.

Escaping follows GitHub's rules for workflow commands: in the message ``%``, CR and LF
become ``%25``, ``%0D`` and ``%0A``; in a property value also ``:`` and ``,`` become
``%3A`` and ``%2C``.
"""

from __future__ import annotations

import os

from gesprek.errors import Problem


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative(path: str, start: str | None = None) -> str:
    """``path`` relative to ``start`` (the current folder), with forward slashes; as it is
    when there is no relative path (another drive on Windows)."""
    try:
        rel = os.path.relpath(os.path.abspath(path), start or os.getcwd())
    except ValueError:
        rel = path
    return rel.replace(os.sep, "/")


def annotation(problem: Problem, start: str | None = None) -> str:
    properties = [f"file={escape_property(relative(problem.path, start))}"]
    if problem.line:
        properties.append(f"line={escape_property(str(problem.line))}")
    return f"::error {','.join(properties)}::{escape_data(problem.message)}"


def _cell(text: str) -> str:
    """Text for one cell of a Markdown table: no line breaks, no column separators, and
    no HTML or Markdown that GitHub would render from content text."""
    text = " ".join(text.split())
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def step_summary(problems: list[Problem], files: int, items: int, start: str | None = None) -> str:
    """A Markdown summary for ``$GITHUB_STEP_SUMMARY`` with every problem (annotations show
    at most 10 per step)."""
    n = len(problems)
    lines = [
        "## gesprek check",
        "",
        f"{files} bestanden, {items} items: "
        + ("geen fouten." if n == 0 else f"**{n} fout{'en' if n != 1 else ''}**."),
    ]
    if problems:
        lines += ["", "| bestand | regel | melding |", "| --- | --- | --- |"]
        for problem in problems:
            where = _cell(relative(problem.path, start))
            line = str(problem.line) if problem.line else ""
            lines.append(f"| {where} | {line} | {_cell(problem.message)} |")
        lines += ["", "Zet elke melding recht in het genoemde bestand; zie BIJDRAGEN.md."]
    return "\n".join(lines) + "\n"
