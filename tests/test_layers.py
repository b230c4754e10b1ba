"""The layers of DESIGN.md's "Architecture", checked on the source: every ``import`` of
``src/gesprek`` (read with ``ast``, including imports inside functions) points down only,
``session`` never imports ``store``, ``ui`` or ``live``, ``content`` and ``store`` never
import each other, and ``ui`` and ``live`` never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "gesprek"

# Higher imports lower; the same rank may import sideways (except the pairs below).
RANK = {
    "__main__": 7,
    "cli": 6,
    "app": 5,
    "ui": 4,
    "export": 4,
    "live": 4,
    "author": 4,  # the authoring wizard (gesprek nieuw): a terminal front end
    "session": 3,
    "reports": 3,
    "readmodel": 2,
    "content": 1,
    "store": 1,
    # the foundation every layer may use
    "errors": 0,
    "paths": 0,
    "output": 0,
    "visible": 0,
    "terminal": 0,
    "__init__": 0,
}
FORBIDDEN = {
    ("session", "store"),
    ("session", "ui"),
    ("session", "live"),
    ("content", "store"),
    ("store", "content"),
    ("ui", "live"),
    ("live", "ui"),
}
# Known, with the issue that removes them. The test also fails when one of these is gone,
# so the list only shrinks.
KNOWN: set[tuple[str, str]] = set()


def layer_of(module: str) -> str:
    """``gesprek.x.y`` -> ``x``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path, src: Path = SRC) -> str:
    rel = path.relative_to(src.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, src: Path = SRC) -> list[tuple[str, int]]:
    """Every gesprek module that ``path`` imports, with its line, relative imports
    resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, src).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # ``from gesprek import ui``: the names are modules too
            if target == "gesprek":
                found += [
                    (f"gesprek.{alias.name}", node.lineno)
                    for alias in node.names
                    if (src / alias.name).is_dir() or (src / f"{alias.name}.py").is_file()
                ]
    return [(name, line) for name, line in found if name.split(".")[0] == "gesprek"]


def violations(src: Path = SRC) -> tuple[list[str], set[tuple[str, str]]]:
    problems: list[str] = []
    known_seen: set[tuple[str, str]] = set()
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src).as_posix()
        here = layer_of(module_name(path, src)) if path.parent != src else path.stem
        for target, line in imports_of(path, src):
            there = layer_of(target)
            if target == "gesprek":
                continue
            if here == there:
                continue
            if here not in RANK or there not in RANK:
                problems.append(f"{rel}:{line}: layer unknown to this test: {here} -> {there}")
                continue
            wrong = RANK[there] > RANK[here] or (here, there) in FORBIDDEN
            if not wrong:
                continue
            if (rel, there) in KNOWN:
                known_seen.add((rel, there))
                continue
            problems.append(f"{rel}:{line}: {here} imports {target} ({there})")
    return problems, known_seen


def test_imports_point_down_only():
    problems, known_seen = violations()
    assert problems == []
    assert known_seen == KNOWN, "a known exception is gone: take it off KNOWN"


@pytest.mark.parametrize(
    ("where", "source", "reason"),
    [
        ("session/bad.py", "from gesprek.store.records import Store\n", "session imports"),
        ("session/bad.py", "def f():\n    from gesprek.ui import cards\n", "session imports"),
        ("session/bad.py", "import gesprek.live.state\n", "session imports"),
        ("content/bad.py", "from gesprek.store import records\n", "content imports"),
        ("store/bad.py", "from gesprek.content.models import Stemming\n", "store imports"),
        ("ui/bad.py", "from gesprek.live import state\n", "ui imports"),
        ("live/bad.py", "from ..ui import bars\n", "live imports"),
        ("readmodel/bad.py", "from gesprek.reports import rows\n", "readmodel imports"),
        ("export/bad.py", "from gesprek.cli import app\n", "export imports"),
        ("store/bad.py", "from gesprek import readmodel\n", "store imports"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path, where, source, reason):
    """The checker itself: a copy of the tree with one wrong import fails."""
    import shutil

    copy = tmp_path / "gesprek"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / where).write_text(source, encoding="utf-8")
    problems, _ = violations(copy)
    assert any(p.startswith(where) and reason in p for p in problems), problems
