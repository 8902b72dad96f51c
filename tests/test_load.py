"""`kztimeline load`: all or nothing, reproducible, and a removed record disappears."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result
from conftest import edit

from kztimeline.curation.validate import TABLES


def dump(db_path: Path) -> list[str]:
    """Every row of the database; the full-text index by its content (FTS5's internal pages vary by history)."""
    with sqlite3.connect(db_path) as connection:
        # FTS5's storage tables, and the statistics ANALYZE gathers on them, depend on the index's history
        lines = [line for line in connection.iterdump() if "search_index_" not in line or "search_index_refs" in line]
        lines.sort()  # ANALYZE may write its statistics rows in another order
        lines += [repr(row) for row in connection.execute("SELECT * FROM search_index ORDER BY kind, ref_id")]
        return lines


def content(db: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table and view, in a stable order, read the same way on both engines."""
    from kztimeline.db.reader import open_reader

    names = [*TABLES, "dataset_info", "timeline", "quotations", "reported_figures"]
    with open_reader(db) as reader:
        tables = {name: reader.rows(f"SELECT * FROM {name}") for name in names}
        tables["search_index"] = reader.rows("SELECT kind, ref_id, title, body FROM search_index")
    return {name: sorted(rows, key=repr) for name, rows in tables.items()}


def test_load_reports_what_it_loaded(seeds: Path, engine_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", engine_db, "load", str(seeds))
    assert result.exit_code == 0
    assert result.stderr == "loaded: 1 articles, 5 actors, 3 places, 3 events, 2 statements, 1 figures\n"


def test_loading_the_same_seeds_twice_leaves_the_same_content(
    seeds: Path, engine_db: str, run: Callable[..., Result]
) -> None:
    assert run("--db", engine_db, "load", str(seeds)).exit_code == 0
    before = content(engine_db)
    result = run("--db", engine_db, "load", str(seeds))
    assert result.stderr == f"unchanged: the seeds in {seeds} are already loaded (--force reloads)\n"
    assert run("--db", engine_db, "load", "--force", str(seeds)).exit_code == 0
    assert content(engine_db) == before
    assert len(before["events"]) == 3 and len(before["search_index"]) == 6


def test_an_invalid_load_changes_nothing_on_either_engine(
    seeds: Path, engine_db: str, run: Callable[..., Result]
) -> None:
    assert run("--db", engine_db, "load", str(seeds)).exit_code == 0
    before = content(engine_db)
    edit(seeds / "events.yaml", "title: Police use water cannons", "title: Police use water guns")
    edit(seeds / "statements.yaml", "    speaker: blinken\n", "    speaker: blinkin\n")  # one bad reference
    result = run("--db", engine_db, "load", str(seeds))
    assert result.exit_code == 1
    assert "unknown actor 'blinkin'" in result.stderr
    assert content(engine_db) == before


def test_invalid_seeds_never_create_a_schema(seeds: Path, engine_db: str, run: Callable[..., Result]) -> None:
    edit(seeds / "statements.yaml", "    speaker: blinken\n", "    speaker: blinkin\n")
    assert run("--db", engine_db, "load", str(seeds)).exit_code == 1
    result = run("--db", engine_db, "db", "current")
    assert result.stdout.startswith("none (head: ")


def test_loading_the_same_seeds_twice_leaves_the_database_identical(
    loaded_sqlite_db: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    before = dump(loaded_sqlite_db)
    result = run("--db", str(loaded_sqlite_db), "load", str(seeds))
    assert result.stderr == f"unchanged: the seeds in {seeds} are already loaded (--force reloads)\n"
    assert dump(loaded_sqlite_db) == before
    assert run("--db", str(loaded_sqlite_db), "load", "--force", str(seeds)).exit_code == 0
    assert dump(loaded_sqlite_db) == before


def test_an_event_removed_from_the_yaml_disappears(loaded_db: str, seeds: Path, run: Callable[..., Result]) -> None:
    events = seeds / "events.yaml"
    text = events.read_text(encoding="utf-8")
    edit(events, text[text.index("  - id: police-disperse-crowd") : text.index("  - id: tokayev-kill-order")], "")
    assert run("--db", loaded_db, "load", str(seeds)).exit_code == 0
    ids = sorted(row["event_id"] for row in content(loaded_db)["timeline"])
    assert ids == ["blinken-briefing", "tokayev-kill-order"]
    assert "police-disperse-crowd" not in {row["ref_id"] for row in content(loaded_db)["search_index"]}


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


def test_the_views_answer_direct_sql(loaded_db: str) -> None:
    from kztimeline.db.reader import open_reader

    with open_reader(loaded_db) as reader:
        rows = reader.rows(
            "select date, title, places, actors, sources from timeline where actor_ids like '%tokayev%' "
            "order by date, event_id"
        )
        quotation = reader.rows(
            "select speaker, venue, sources from quotations where statement_id = :id",
            {"id": "blinken-outside-assistance"},
        )
        figure = reader.rows("select metric, stated, value, qualifier, as_of, stated_by, status from reported_figures")
    assert rows == [
        {
            "date": "2022-01-07",
            "title": "Blinken questions the deployment of Russian military aid",
            "places": "Washington",
            "actors": "Antony Blinken (actor); Kassym-Jomart Tokayev (mentioned)",
            "sources": "Example Wire, 2022-01-08",
        },
        {
            "date": "2022-01-07",
            "title": 'Tokayev orders forces to "kill without warning", the article reports',
            "places": "Kazakhstan",
            "actors": "Kassym-Jomart Tokayev (actor)",
            "sources": "Example Wire, 2022-01-08",
        },
    ]
    assert quotation == [
        {
            "speaker": "Antony Blinken",
            "venue": "press briefing",
            "sources": "Example Wire, 2022-01-08 (as quoted by BBC)",
        }
    ]
    assert figure == [
        {
            "metric": "killed",
            "stated": "at least 44",
            "value": 44,
            "qualifier": "at least",
            "as_of": "2022-01-07",
            "stated_by": "CNN",
            "status": "current",
        }
    ]


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
