"""The pre-commit hook in a team's content repository (issue 17, point 7): it blocks a
broken file in any folder, passes a good one, looks only at the files being committed, and
leaves hidden files alone. pre-commit runs the hook as this repository's manifest defines
it; only the installation is replaced by the gesprek of this test run (``language:
system``), since installing the hook's own environment needs the package index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, VALID_DILEMMA

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git ontbreekt")

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def manifest_hook() -> dict:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def test_manifest_pins_a_small_environment():
    hook = manifest_hook()
    pins = hook["additional_dependencies"]
    assert pins and all("==" in pin for pin in pins)
    names = {pin.split("==")[0].lower() for pin in pins}
    assert {"pydantic", "pyyaml", "typer"} <= names
    assert not names & {"python-pptx", "pillow", "lxml", "uvicorn", "jinja2"}
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    core = project[
        project.index("dependencies = [") : project.index("]", project.index("dependencies = ["))
    ]
    for heavy in ("python-pptx", "uvicorn", "starlette", "jinja2", "questionary", "segno"):
        assert heavy not in core, heavy


@pytest.fixture
def team(tmp_path: Path):
    """A team repository with the hook installed; returns a function that commits."""
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit ontbreekt (pip install -e '.[test]')")
    root = tmp_path / "team-noord"
    root.mkdir()
    hook = {k: v for k, v in manifest_hook().items() if k != "additional_dependencies"}
    hook["language"] = "system"
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "Team Noord",
        "GIT_AUTHOR_EMAIL": "team@example.invalid",
        "GIT_COMMITTER_NAME": "Team Noord",
        "GIT_COMMITTER_EMAIL": "team@example.invalid",
    }

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=root, env=env, capture_output=True, text=True, timeout=120
        )

    assert git("init", "-q").returncode == 0
    installed = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=root, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr

    def commit(files: dict[str, str], stage: list[str] | None = None):
        for rel, body in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(body, encoding="utf-8")
        for rel in stage if stage is not None else list(files):
            git("add", rel)
        return git("commit", "-q", "-m", "inhoud")

    commit.root = root  # type: ignore[attr-defined]
    return commit


def good(name: str) -> str:
    return VALID_DILEMMA.replace("eigen-dilemma", name)


def test_hook_passes_a_good_file_and_its_own_config(team):
    result = team(
        {"dilemmas/noord-goed.yaml": good("noord-goed")},
        [".pre-commit-config.yaml", "dilemmas/noord-goed.yaml"],
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "rel",
    [
        "dilemmas/noord-kapot.yaml",
        "dilemma/noord-kapot.yaml",
        "noord-kapot.yaml",
        "concepten/x/noord-kapot.yaml",
    ],
)
def test_hook_blocks_a_broken_file_in_any_folder(team, rel):
    team(
        {"dilemmas/noord-goed.yaml": good("noord-goed")},
        [".pre-commit-config.yaml", "dilemmas/noord-goed.yaml"],
    )
    result = team({rel: good("noord-kapot").replace("situatie:", "situtie:")})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "noord-kapot.yaml" in output and "situtie" in output, output


def test_a_broken_draft_that_is_not_committed_blocks_nothing(team):
    team(
        {"dilemmas/noord-goed.yaml": good("noord-goed")},
        [".pre-commit-config.yaml", "dilemmas/noord-goed.yaml"],
    )
    (team.root / "dilemmas" / "concept.yaml").write_text("titel: [\n", encoding="utf-8")
    result = team({"dilemmas/noord-twee.yaml": good("noord-twee")})
    assert result.returncode == 0, result.stdout + result.stderr


def test_hidden_workflow_files_are_not_checked(team):
    result = team(
        {
            ".github/workflows/inhoud.yml": "on: push\n",
            "dilemmas/noord-goed.yaml": good("noord-goed"),
        },
        [".pre-commit-config.yaml", ".github/workflows/inhoud.yml", "dilemmas/noord-goed.yaml"],
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_small_install_says_in_dutch_what_is_missing(tmp_path):
    """Without the [alles] extra (as in the hook's environment) checking works and a deck
    is a Dutch message, not a traceback."""
    code = (
        "import sys\n"
        "sys.modules['pptx'] = None  # as if python-pptx were not installed\n"
        "from gesprek.cli import main\n"
        f"main(['deck', '-o', {str(tmp_path / 'x.pptx')!r}])\n"
    )
    env = {**os.environ, "GESPREK_DB": str(tmp_path / "db.sqlite"), "GESPREK_CACHE": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "heeft 'pptx' nodig" in result.stderr
    assert 'pip install "gesprek[alles]"' in result.stderr
    assert not (tmp_path / "x.pptx").exists()
