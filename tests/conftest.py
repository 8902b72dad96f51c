"""Shared fixtures: a copy of the small seeds fixture, a database file, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kztimeline.cli import cli

DATA = Path(__file__).parent / "data"
FIXTURE_SEEDS = DATA / "seeds"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's embedded database or pick up their KZTIMELINE_DB."""
    monkeypatch.delenv("KZTIMELINE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A writable copy of tests/data/seeds."""
    target = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "timeline.sqlite"


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the CLI like a user would; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def loaded_db(seeds: Path, db_path: Path, run: Callable[..., Result]) -> Path:
    result = run("--db", str(db_path), "load", str(seeds))
    assert result.exit_code == 0, result.stderr
    return db_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a fixture file (the piece must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
