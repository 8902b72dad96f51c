"""PostgreSQL as the shared server engine: the same output as SQLite, and loads and reads that never interleave.

These run on the session's throwaway server (see ``postgres.py``); the rest of the suite runs on both engines
through the ``loaded_db`` fixture.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit
from postgres import PostgresServer

CURATED_SEEDS = Path(__file__).parent.parent / "seeds"


def kztimeline(*args: str) -> subprocess.Popen[str]:
    """The CLI as a separate process, as two team members' terminals would run it."""
    return subprocess.Popen(
        [sys.executable, "-m", "kztimeline", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.parametrize(
    "command",
    [
        ("show", "--actor", "Tokayev", "--format", "json"),
        ("show", "--place", "Almaty", "--from", "2022-01-05", "--to", "2022-01-07", "--format", "json"),
        ("export", "--format", "json"),
        ("export", "--format", "ndjson", "--actor", "Blinken"),
    ],
)  # `search` is left out: each engine ranks and cuts snippets its own way (tests/test_search.py)
def test_the_curated_seeds_print_the_same_on_both_engines(
    command: tuple[str, ...], postgres_server: PostgresServer, tmp_path: Path, run: Callable[..., Result]
) -> None:
    sqlite_db, server_db = str(tmp_path / "curated.sqlite"), postgres_server.new_database()
    outputs = []
    for db in (sqlite_db, server_db):
        assert run("--db", db, "load", str(CURATED_SEEDS)).exit_code == 0
        result = run("--db", db, *command)
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000  # real content, not two empty answers


def test_a_second_load_waits_for_the_first(postgres_server: PostgresServer, seeds: Path) -> None:
    import psycopg

    from kztimeline.db.load import LOAD_LOCK_KEY

    db = postgres_server.new_database()
    with psycopg.connect(db.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as first_load:
        first_load.execute("SELECT pg_advisory_lock(%s)", (LOAD_LOCK_KEY,))  # a load in progress holds this lock
        second = kztimeline("--db", db, "load", str(seeds))
        assert second.stderr is not None
        assert second.stderr.readline() == "another load is writing this database; waiting for it to finish\n"
        assert second.poll() is None  # still waiting
        first_load.execute("SELECT pg_advisory_unlock(%s)", (LOAD_LOCK_KEY,))
        _, rest = second.communicate(timeout=60)
    assert second.returncode == 0, rest
    assert rest == "loaded: 1 articles, 5 actors, 3 places, 3 events, 2 statements, 1 figures\n"


def test_two_loads_at_once_never_mix(
    postgres_server: PostgresServer, seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    other = tmp_path / "other-seeds"
    shutil.copytree(seeds, other)
    edit(other / "events.yaml", "title: Police use water cannons", "title: Police use water guns")
    db = postgres_server.new_database()
    loads = [kztimeline("--db", db, "load", str(directory)) for directory in (seeds, other)]
    for load in loads:
        _, errors = load.communicate(timeout=120)
        assert load.returncode == 0, errors
    titles = {event["id"]: event["title"] for event in json.loads(run("--db", db, "show", "--format", "json").stdout)}
    expected = {"Police use water cannons and tear gas in Almaty", "Police use water guns and tear gas in Almaty"}
    assert titles["police-disperse-crowd"] in expected
    # the full-text index belongs to the same load as the rows
    searched = json.loads(run("--db", db, "search", "police", "--kind", "event", "--format", "json").stdout)
    assert [match["title"].replace("**", "") for match in searched] == [titles["police-disperse-crowd"]]


def test_a_reader_sees_one_load_whole(
    engine: str, loaded_db: str, seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command reads one snapshot. PostgreSQL lets a load commit meanwhile; SQLite makes the load wait for the
    reader (here for 0.2 s, then it gives up with a clear message and changes nothing)."""
    import kztimeline.db.engine
    from kztimeline.db.reader import open_reader

    monkeypatch.setattr(kztimeline.db.engine, "SQLITE_BUSY_TIMEOUT", 0.2)
    edit(seeds / "events.yaml", "title: Police use water cannons", "title: Police use water guns")
    title = "SELECT title FROM events WHERE id = 'police-disperse-crowd'"
    reader = open_reader(loaded_db)
    try:
        assert reader.scalars("SELECT COUNT(*) FROM events") == [3]
        load = run("--db", loaded_db, "load", str(seeds))
        if engine == "postgresql":
            assert load.exit_code == 0, load.stderr  # committed while the reader is open
        else:
            assert (load.exit_code, load.stderr) == (
                1,
                "Error: the database is busy: another command is reading or writing it; try again when it has "
                "finished\n",
            )
        # the open reader still reads the snapshot it started with
        assert reader.scalars(title) == ["Police use water cannons and tear gas in Almaty"]
    finally:
        reader.close()
    if engine == "sqlite":
        assert run("--db", loaded_db, "load", str(seeds)).exit_code == 0  # the reader is gone: the load goes in
    with open_reader(loaded_db) as fresh:
        assert fresh.scalars(title) == ["Police use water guns and tear gas in Almaty"]


def test_reading_a_server_database_does_not_import_sqlalchemy(postgres_server: PostgresServer) -> None:
    """psycopg straight away: a read command on the server starts as fast as the driver allows."""
    probe = (
        "import sys\n"
        "from kztimeline.cli import cli\n"
        f"cli.main(['--db', {postgres_server.loaded_template!r}, 'show', '--actor', 'Blinken', '--format', 'json'],"
        " standalone_mode=False)\n"
        "print('sqlalchemy' in sys.modules, 'alembic' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "blinken-briefing"
    assert done.stderr.strip().splitlines()[-1] == "False False"


def test_server_errors_never_show_the_password(postgres_server: PostgresServer, run: Callable[..., Result]) -> None:
    missing = postgres_server.url("no_such_database").replace("postgres@", "postgres:s3cret@")
    result = run("--db", missing, "show")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot connect to postgresql+psycopg://postgres:***@/no_such_database?")
    assert "s3cret" not in result.stderr
    empty = postgres_server.new_database()
    result = run("--db", empty, "show")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {empty} has no kztimeline schema; run `kztimeline --db URL load` to create and fill it\n",
    )
