"""``--db``, ``--quiet`` and ``--debug`` before or after the command name, and a database with nothing loaded."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def test_db_works_after_the_command_name_too(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    before = run("--db", str(loaded_sqlite_db), "show", "--format", "json")
    after = run("show", "--format", "json", "--db", str(loaded_sqlite_db))
    assert after.exit_code == 0, after.stderr
    assert after.stdout == before.stdout
    assert len(json.loads(after.stdout)) == 3


def test_db_after_the_command_wins_over_the_one_before(
    loaded_sqlite_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(tmp_path / "other.sqlite"), "actors", "--db", str(loaded_sqlite_db), "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_a_subcommand_of_db_takes_the_global_options(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("db", "path", "--db", str(tmp_path / "here.sqlite"))
    assert result.stdout == f"{tmp_path / 'here.sqlite'}\n"


def test_quiet_after_the_command_silences_the_paging_note(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    noisy = run("--db", str(loaded_sqlite_db), "show", "--limit", "1")
    assert noisy.stderr != ""
    quiet = run("show", "--limit", "1", "--db", str(loaded_sqlite_db), "--quiet")
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout == noisy.stdout


def test_quiet_before_load_keeps_only_the_summary(seeds: Path, db_path: Path, run: Callable[..., Result]) -> None:
    result = run("--quiet", "--db", str(db_path), "load", str(seeds))
    assert result.exit_code == 0
    assert result.stderr == "loaded: 1 articles, 5 actors, 3 places, 3 events, 2 statements, 1 figures\n"


def test_debug_after_the_command_shows_the_traceback(tmp_path: Path, run: Callable[..., Result]) -> None:
    from kztimeline.errors import KztimelineError

    try:
        run("show", "--db", str(tmp_path / "missing.sqlite"), "--debug")
    except KztimelineError as error:
        assert "database file not found" in str(error)
    else:
        raise AssertionError("--debug should let the error through")


def test_a_database_with_the_schema_but_no_data_says_how_to_fill_it(db_path: Path, run: Callable[..., Result]) -> None:
    assert run("--db", str(db_path), "db", "upgrade").exit_code == 0
    for command in (["show"], ["quotes"], ["figures"], ["actors"], ["actor", "Tokayev"], ["search", "kill"]):
        result = run("--db", str(db_path), *command)
        assert result.exit_code == 1, command
        assert result.stderr == (
            f"Error: {db_path} holds no data yet; fill it with `kztimeline --db {db_path} load [SEEDS_DIR]`\n"
        ), command
    # SQL on the empty schema is still allowed: it is how one inspects it
    assert run("--db", str(db_path), "sql", "select count(*) as n from events", "--format", "json").exit_code == 0


def test_a_total_that_would_take_long_is_left_out_and_the_read_goes_on(loaded_db: str) -> None:
    from kztimeline.db.reader import open_reader

    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with open_reader(loaded_db) as reader:
        assert reader.scalar_within(endless, {}, 0.05) is None
        assert reader.scalar_within("SELECT count(*) FROM events", {}, 5) == 3
        assert reader.scalars("SELECT count(*) FROM events") == [3]


def test_the_paging_note_says_when_the_total_was_not_counted(capsys: pytest.CaptureFixture[str]) -> None:
    from kztimeline.cli.options import Paging

    paging = Paging("events", limit=2, page=1, show_all=False)
    assert paging.trim([1, 2, 3], lambda: None) == [1, 2]
    assert capsys.readouterr().err == (
        "showing events 1–2 of over 2 (too many to count quickly); --page 2 for the next 2, --limit N for longer"
        " pages, or --all\n"
    )
