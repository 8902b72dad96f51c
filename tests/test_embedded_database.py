"""The embedded default: created, migrated and loaded on first use; rebuilt when the packaged seeds change."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import FIXTURE_SEEDS, edit


@pytest.fixture
def packaged_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand-in packaged seeds (the small fixture), so these tests do not depend on the curated data."""
    target = tmp_path / "packaged-seeds"
    shutil.copytree(FIXTURE_SEEDS, target)
    monkeypatch.setattr("kztimeline.resources.seeds_dir", lambda: target)
    return target


def test_db_path_is_in_the_user_data_directory(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("db", "path")
    assert result.stdout == f"{tmp_path / 'xdg-data' / 'kztimeline' / 'kztimeline.sqlite'}\n"


def test_first_show_builds_the_embedded_database(
    packaged_seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    database = tmp_path / "xdg-data" / "kztimeline" / "kztimeline.sqlite"
    assert not database.exists()
    result = run("show", "--actor", "Tokayev", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert database.exists()
    assert run("db", "current").stdout == "0004 (head: 0004)\n"


def test_the_embedded_database_is_rebuilt_when_the_packaged_seeds_change(
    packaged_seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    run("show")
    edit(
        packaged_seeds / "events.yaml",
        "title: Blinken questions the deployment",
        "title: Blinken doubts the deployment",
    )
    assert "Blinken doubts the deployment" in run("show").stdout


def test_seeds_a_user_loaded_into_the_default_database_are_kept(
    packaged_seeds: Path, tmp_path: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    edit(seeds / "events.yaml", "title: Blinken questions the deployment", "title: My own curation of")
    assert run("load", str(seeds)).exit_code == 0
    assert "My own curation of" in run("show").stdout


def test_environment_variable_selects_the_database(
    loaded_sqlite_db: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KZTIMELINE_DB", str(loaded_sqlite_db))
    assert run("db", "path").stdout == f"{loaded_sqlite_db}\n"
    with sqlite3.connect(loaded_sqlite_db) as connection:
        connection.execute("update events set title = 'Changed in place' where id = 'blinken-briefing'")
    assert "Changed in place" in run("show").stdout


def test_a_current_embedded_database_is_read_without_importing_sqlalchemy(tmp_path: Path) -> None:
    """The read path stays light: SQLAlchemy and Alembic load only to build or migrate."""
    import os
    import subprocess
    import sys

    environment = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    environment.pop("KZTIMELINE_DB", None)
    probe = (
        "import sys\n"
        "from kztimeline.cli import cli\n"
        "cli.main(['show', '--actor', 'Tokayev', '--format', 'json'], standalone_mode=False)\n"
        "print('sqlalchemy' in sys.modules, 'alembic' in sys.modules, file=sys.stderr)\n"
    )

    def run_probe() -> str:
        done = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stderr.strip().splitlines()[-1]

    assert run_probe() == "True True"  # the first run builds the database
    assert run_probe() == "False False"


def test_the_stamp_matches_the_schema_head() -> None:
    from kztimeline.db import migrate
    from kztimeline.db.stamp import SCHEMA_REVISION

    assert migrate.head_revision() == SCHEMA_REVISION


def test_two_first_runs_at_once_both_succeed(tmp_path: Path) -> None:
    """On a fresh machine two commands started together share the one build of the embedded database."""
    import os
    import subprocess
    import sys

    environment = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    environment.pop("KZTIMELINE_DB", None)
    command = [sys.executable, "-m", "kztimeline", "show", "--actor", "Tokayev", "--format", "json"]
    runs = [
        subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err.decode() for _, err in outputs]
    assert outputs[0][0] == outputs[1][0] == outputs[2][0]
    assert len(json.loads(outputs[0][0])) > 3
