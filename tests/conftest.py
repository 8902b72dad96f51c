"""Shared fixtures: a copy of the small seeds fixture, databases on both engines, and a CLI runner.

Tests that take ``loaded_db`` (or ``engine_db``) run once per engine: SQLite (a file) and PostgreSQL (a database on
a throwaway server started for the session, see ``postgres.py``). ``--engines sqlite`` (or env
``KZTIMELINE_TEST_ENGINES=sqlite``) runs SQLite only. Without PostgreSQL binaries the PostgreSQL cases are skipped,
unless ``KZTIMELINE_REQUIRE_POSTGRES=1`` (set by CI), which makes a missing or failing server fail the run.
Tests about the SQLite file itself take ``db_path`` / ``loaded_sqlite_db``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from postgres import PostgresServer, PostgresUnavailable

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
def loaded_sqlite_db(seeds: Path, db_path: Path, run: Callable[..., Result]) -> Path:
    """A SQLite file loaded from the fixture seeds, for tests about the file itself."""
    result = run("--db", str(db_path), "load", str(seeds))
    assert result.exit_code == 0, result.stderr
    return db_path


ENGINES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engines",
        default=os.environ.get("KZTIMELINE_TEST_ENGINES", ",".join(ENGINES)),
        help="database engines to run the engine tests on (comma-separated; default: sqlite,postgresql)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        chosen = [name.strip() for name in metafunc.config.getoption("engines").split(",") if name.strip()]
        unknown = set(chosen) - set(ENGINES)
        if unknown:
            raise pytest.UsageError(
                f"--engines: unknown {', '.join(sorted(unknown))}; choose from {', '.join(ENGINES)}"
            )
        metafunc.parametrize("engine", chosen)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole session, with a template database holding the loaded fixture seeds."""
    try:
        server = PostgresServer()
        server.start()
    except PostgresUnavailable as error:
        if os.environ.get("KZTIMELINE_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (KZTIMELINE_REQUIRE_POSTGRES=1): {error}")
        pytest.skip(f"PostgreSQL not available: {error}")
    try:
        seeds = tmp_path_factory.mktemp("template") / "seeds"
        shutil.copytree(FIXTURE_SEEDS, seeds)
        server.loaded_template = server.new_database()
        result = CliRunner().invoke(cli, ["--db", server.loaded_template, "load", str(seeds)], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        yield server
    finally:
        server.stop()


@pytest.fixture
def engine_db(engine: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database on ``engine``, as the value of ``--db``."""
    if engine == "sqlite":
        return str(db_path)
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture
def loaded_db(engine: str, request: pytest.FixtureRequest) -> str:
    """The fixture seeds loaded into a database on ``engine``, as the value of ``--db`` (a path or a URL)."""
    if engine == "sqlite":
        return str(request.getfixturevalue("loaded_sqlite_db"))
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database(template=server.loaded_template)


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a fixture file (the piece must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
