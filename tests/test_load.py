"""`kztimeline load`: all or nothing, reproducible, and a removed record disappears."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import edit


def dump(db_path: Path) -> list[str]:
    """Every row of the database; the full-text index by its content (FTS5's internal pages vary by history)."""
    with sqlite3.connect(db_path) as connection:
        lines = [line for line in connection.iterdump() if '"search_index_' not in line]
        lines += [repr(row) for row in connection.execute("SELECT * FROM search_index ORDER BY kind, ref_id")]
        return lines


def test_load_reports_what_it_loaded(seeds: Path, db_path: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(db_path), "load", str(seeds))
    assert result.exit_code == 0
    assert result.stderr == "loaded: 1 articles, 5 actors, 3 places, 3 events, 2 statements, 1 figures\n"


def test_loading_the_same_seeds_twice_leaves_the_database_identical(
    loaded_sqlite_db: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    before = dump(loaded_sqlite_db)
    result = run("--db", str(loaded_sqlite_db), "load", str(seeds))
    assert result.stderr == f"unchanged: the seeds in {seeds} are already loaded (--force reloads)\n"
    assert dump(loaded_sqlite_db) == before
    assert run("--db", str(loaded_sqlite_db), "load", "--force", str(seeds)).exit_code == 0
    assert dump(loaded_sqlite_db) == before


def test_an_event_removed_from_the_yaml_disappears(
    loaded_sqlite_db: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    events = seeds / "events.yaml"
    text = events.read_text(encoding="utf-8")
    edit(events, text[text.index("  - id: police-disperse-crowd") : text.index("  - id: tokayev-kill-order")], "")
    assert run("--db", str(loaded_sqlite_db), "load", str(seeds)).exit_code == 0
    with sqlite3.connect(loaded_sqlite_db) as connection:
        ids = [row[0] for row in connection.execute("select event_id from timeline order by event_id")]
    assert ids == ["blinken-briefing", "tokayev-kill-order"]


def test_a_broken_yaml_line_is_refused_and_the_database_is_byte_for_byte_unchanged(
    loaded_sqlite_db: Path, seeds: Path, run: Callable[..., Result], monkeypatch: object
) -> None:
    before = loaded_sqlite_db.read_bytes()
    edit(seeds / "figures.yaml", "    qualifier: at least\n", "    qualifier: at least: 44\n")
    result = run("--db", str(loaded_sqlite_db), "load", str(seeds))
    assert result.exit_code == 1
    assert result.stderr == f"{seeds / 'figures.yaml'}:6:24: (yaml): mapping values are not allowed in this context\n"
    assert loaded_sqlite_db.read_bytes() == before


def test_invalid_seeds_never_create_a_database(seeds: Path, db_path: Path, run: Callable[..., Result]) -> None:
    edit(seeds / "statements.yaml", "    speaker: blinken\n", "    speaker: blinkin\n")
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 1
    assert not db_path.exists()


def test_the_views_answer_direct_sql(loaded_sqlite_db: Path) -> None:
    with sqlite3.connect(loaded_sqlite_db) as connection:
        rows = connection.execute(
            "select date, title, places, actors, sources from timeline where actor_ids like '%tokayev%' order by date, event_id"
        ).fetchall()
        quotation = connection.execute(
            "select speaker, venue, sources from quotations where statement_id = ?", ("blinken-outside-assistance",)
        ).fetchone()
        figure = connection.execute(
            "select metric, stated, value, qualifier, as_of, stated_by, status from reported_figures"
        ).fetchone()
    assert rows == [
        (
            "2022-01-07",
            "Blinken questions the deployment of Russian military aid",
            "Washington",
            "Antony Blinken (actor); Kassym-Jomart Tokayev (mentioned)",
            "Example Wire, 2022-01-08",
        ),
        (
            "2022-01-07",
            'Tokayev orders forces to "kill without warning", the article reports',
            "Kazakhstan",
            "Kassym-Jomart Tokayev (actor)",
            "Example Wire, 2022-01-08",
        ),
    ]
    assert quotation == ("Antony Blinken", "press briefing", "Example Wire, 2022-01-08 (as quoted by BBC)")
    assert figure == ("killed", "at least 44", 44, "at least", "2022-01-07", "CNN", "current")


def test_touched_but_unchanged_seeds_are_recognised_by_their_content(
    loaded_sqlite_db: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    for path in seeds.rglob("*"):
        if path.is_file():
            path.touch()  # new modification times: the quick stamp differs, the content hash does not
    result = run("--db", str(loaded_sqlite_db), "load", str(seeds))
    assert result.stderr.startswith("unchanged: ")
    edit(seeds / "events.yaml", "title: Police use water cannons", "title: Police used water cannons")
    assert run("--db", str(loaded_sqlite_db), "load", str(seeds)).stderr.startswith("loaded: ")
