"""A load killed at any point, two loads at once, a hot journal, a held lock, a half-built file (issue 13, items
2 and 3): the database is exactly old or exactly new, and a read says what is really wrong.

The long version with random SIGKILL delays is ``bench/faults_db.py`` (results in docs/benchmarks.md).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from kztimeline.db import reader

COUNTED = ("articles", "actors", "places", "events", "statements", "figures")

# Loads the seeds in argv[2] into the SQLite file argv[1] and SIGKILLs itself right after the SQL statement number
# argv[3] (0: never); prints how many statements the load executed.
KILLED_LOAD = """
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from kztimeline.curation.validate import validate_seeds
from kztimeline.db.engine import make_engine
from kztimeline.db.load import load_dataset

engine = make_engine("sqlite:///" + sys.argv[1])
stop_after, executed = int(sys.argv[3]), 0

@event.listens_for(engine, "after_cursor_execute")
def count_and_maybe_die(*_args):
    global executed
    executed += 1
    if executed == stop_after:
        os.kill(os.getpid(), signal.SIGKILL)

dataset, _ = validate_seeds(Path(sys.argv[2]))
load_dataset(engine, dataset, source="test")
print(executed)
"""


def counts(path: Path) -> dict[str, int] | None:
    """Row counts of the kztimeline tables; None when the file has none of them."""
    connection = sqlite3.connect(path)
    try:
        names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not names & set(COUNTED):
            return None
        return {name: connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in COUNTED}
    finally:
        connection.close()


def killed_load(db: Path, seeds: Path, stop_after: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLED_LOAD, str(db), str(seeds), str(stop_after)], capture_output=True, text=True
    )


def test_a_first_build_killed_after_any_statement_leaves_an_empty_file_that_the_next_load_builds(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    complete = killed_load(tmp_path / "complete.sqlite", seeds, 0)
    assert complete.returncode == 0, complete.stderr
    statements = int(complete.stdout)
    full = counts(tmp_path / "complete.sqlite")
    # the first statements are the migrations' DDL, the last ones the content: kill in both
    points = sorted({1, 2, 5, statements - 1, *random.Random(13).sample(range(3, statements - 1), 4)})
    for point in points:
        db = tmp_path / f"killed-{point}.sqlite"
        assert killed_load(db, seeds, point).returncode == -signal.SIGKILL
        assert counts(db) is None, f"killed after statement {point} of {statements}"
        result = run("--db", str(db), "load", str(seeds))
        assert result.exit_code == 0, (point, result.stderr)
        assert counts(db) == full


def test_two_loads_started_at_once_on_a_new_file_both_succeed(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    command = [sys.executable, "-m", "kztimeline", "--db", str(db), "load", str(seeds)]
    loads = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [load.communicate(timeout=300) for load in loads]
    assert [load.returncode for load in loads] == [0, 0], [err for _, err in outputs]
    assert sorted(err.split(":")[0] for _, err in outputs) == ["loaded", "unchanged"]
    assert counts(db) == {"articles": 1, "actors": 5, "places": 3, "events": 3, "statements": 2, "figures": 1}


def test_a_half_built_file_of_an_older_version_is_built_again(tmp_path: Path, run: Callable[..., Result]) -> None:
    db = tmp_path / "half.sqlite"
    assert run("--db", str(db), "db", "upgrade").exit_code == 0
    with sqlite3.connect(db) as connection:  # what a kill during an older version's first build left
        connection.execute("DROP TABLE alembic_version")
    result = run("--db", str(db), "load", str(Path(__file__).parent / "data" / "seeds"))
    assert result.exit_code == 0, result.stderr
    assert counts(db) == {"articles": 1, "actors": 5, "places": 3, "events": 3, "statements": 2, "figures": 1}


def test_a_half_built_file_holding_rows_is_named_with_what_to_do(
    loaded_sqlite_db: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    with sqlite3.connect(loaded_sqlite_db) as connection:
        connection.execute("DROP TABLE alembic_version")
    result = run("--db", str(loaded_sqlite_db), "load", "--force", str(seeds))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {loaded_sqlite_db} holds part of a kztimeline schema with no revision (an interrupted first build) "
        "and rows in actor_aliases, actors, articles, citations, corroboration; move the file aside and run "
        "`kztimeline --db FILE load` again\n"
    )


def test_a_half_built_file_with_tables_of_another_program_is_left_alone(
    tmp_path: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    db = tmp_path / "mixed.sqlite"
    assert run("--db", str(db), "db", "upgrade").exit_code == 0
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE alembic_version")
        connection.execute("CREATE TABLE notes (body TEXT)")
    result = run("--db", str(db), "load", str(seeds))
    assert result.exit_code == 1
    assert "tables kztimeline did not create (notes)" in result.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'notes'").fetchone() == (1,)


# Opens argv[1] read-write, deletes every event in a transaction large enough to spill into the file, says
# "writing" and waits to be killed: the file is left with a hot journal.
WRITER_KILLED_MID_TRANSACTION = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 2")
connection.execute("BEGIN")
connection.execute("DELETE FROM events")
connection.execute("CREATE TABLE scratch (x)")
connection.execute(
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
    "INSERT INTO scratch SELECT randomblob(2000) FROM n"
)
print("writing", flush=True)
time.sleep(60)
"""


def leave_hot_journal(db: Path) -> None:
    """Kill a writer in the middle of a transaction that has already written into ``db``."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER_KILLED_MID_TRANSACTION, str(db)], stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stdout.readline() == b"writing\n"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert Path(f"{db}-journal").stat().st_size > 0


def test_a_read_after_a_writer_was_killed_rolls_the_hot_journal_back(
    loaded_sqlite_db: Path, run: Callable[..., Result]
) -> None:
    leave_hot_journal(loaded_sqlite_db)
    result = run("--db", str(loaded_sqlite_db), "sql", "SELECT count(*) AS n FROM events", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "n\n3\n"
    assert not Path(f"{loaded_sqlite_db}-journal").exists()


def test_a_hot_journal_without_write_access_says_what_to_run(
    loaded_sqlite_db: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    leave_hot_journal(loaded_sqlite_db)
    connect = sqlite3.connect

    def without_write_access(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "mode=rw" in database:  # as for a user who may read the file but not write its directory
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(reader.sqlite3, "connect", without_write_access)
    result = run("--db", str(loaded_sqlite_db), "show")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {loaded_sqlite_db} holds an unfinished write of a command that was stopped "
        f"({loaded_sqlite_db}-journal), which needs write access to undo: run `kztimeline --db {loaded_sqlite_db} db "
        f"current` once as a user who may write {loaded_sqlite_db.parent}\n"
    )


def test_a_read_waits_for_a_held_write_lock(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    holder = sqlite3.connect(loaded_sqlite_db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.5, lambda: (holder.execute("ROLLBACK"), holder.close()))
    release.start()
    result = run("--db", str(loaded_sqlite_db), "sql", "SELECT count(*) AS n FROM events", "--format", "csv")
    release.join()
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "n\n3\n"


def test_a_lock_held_past_the_limit_is_busy_not_no_schema(
    loaded_sqlite_db: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    monkeypatch.setattr(reader, "READ_BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(loaded_sqlite_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("--db", str(loaded_sqlite_db), "show")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {loaded_sqlite_db} is busy: another command has been writing it for over 0 s; try again when it "
        "has finished\n"
    )


def test_a_file_that_is_not_a_database_is_named_as_such(tmp_path: Path, run: Callable[..., Result]) -> None:
    not_a_database = tmp_path / "notes.sqlite"
    not_a_database.write_text("these are my notes, not a database\n" * 100)
    result = run("--db", str(not_a_database), "show")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {not_a_database} is not a SQLite database\n"


def test_a_migration_round_trip_on_a_loaded_database_keeps_its_rows_and_statistics(loaded_sqlite_db: Path) -> None:
    from kztimeline.db import migrate
    from kztimeline.db.engine import make_engine

    def statistics() -> set[str]:
        with sqlite3.connect(loaded_sqlite_db) as connection:
            return {table for (table,) in connection.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}

    before_rows, before_statistics = counts(loaded_sqlite_db), statistics()
    engine = make_engine(f"sqlite:///{loaded_sqlite_db}")
    try:
        migrate.downgrade(engine, "0003")  # rebuilds events, statements and figures (batch mode)
        migrate.upgrade(engine)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    assert counts(loaded_sqlite_db) == before_rows
    assert statistics() == before_statistics
    assert {"events", "statements", "figures"} <= before_statistics
