"""Datasette serves a kztimeline database with the shipped metadata: descriptions, hidden tables, canned queries.

The server tests start a real `datasette serve` on a free loopback port, once for the module, and stop it at the end.
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kztimeline import taxonomy
from kztimeline.cli import cli
from kztimeline.export.datasette import datasette_metadata

FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture(scope="module")
def fixture_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture seeds loaded into a SQLite file named timeline.sqlite (so Datasette calls it `timeline`)."""
    directory = tmp_path_factory.mktemp("datasette")
    shutil.copytree(FIXTURE_SEEDS, directory / "seeds")
    database = directory / "timeline.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(database), "load", str(directory / "seeds")], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return database


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def served(fixture_database: Path) -> Iterator[str]:
    """The base URL of `datasette serve timeline.sqlite -m <metadata from kztimeline db datasette>`."""
    pytest.importorskip("datasette")
    metadata = fixture_database.parent / "metadata.json"
    result = CliRunner().invoke(
        cli, ["--db", str(fixture_database), "db", "datasette", "-o", str(metadata)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = fixture_database.parent / "datasette.log"
    with log_path.open("w", encoding="utf-8") as log:
        command = [sys.executable, "-m", "datasette", "serve", str(fixture_database), "-m", str(metadata)]
        server = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"datasette exited with {server.returncode}:\n{log_path.read_text(encoding='utf-8')}")
            try:
                get_json(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"datasette did not answer within 60 s:\n{log_path.read_text(encoding='utf-8')}")
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def canned(served: str, query: str, **params: str) -> Any:
    return get_json(f"{served}/timeline/{query}.json?{urllib.parse.urlencode({**params, '_shape': 'array'})}")


def test_timeline_for_an_actor_matches_an_id_and_lists_every_role(served: str) -> None:
    assert canned(served, "actor_timeline", actor="tokayev") == [
        {
            "date": "2022-01-07",
            "time": None,
            "timezone": "America/New_York",
            "type": "diplomatic_reaction",
            "title": "Blinken questions the deployment of Russian military aid",
            "places": "Washington",
            "actors": "Antony Blinken (actor); Kassym-Jomart Tokayev (mentioned)",
            "sources": "Example Wire, 2022-01-08",
            "article_ids": "briefing",
            "event_id": "blinken-briefing",
        },
        {
            "date": "2022-01-07",
            "time": None,
            "timezone": "Asia/Almaty",
            "type": "government_action",
            "title": 'Tokayev orders forces to "kill without warning", the article reports',
            "places": "Kazakhstan",
            "actors": "Kassym-Jomart Tokayev (actor)",
            "sources": "Example Wire, 2022-01-08",
            "article_ids": "briefing",
            "event_id": "tokayev-kill-order",
        },
    ]


def test_timeline_for_an_actor_matches_part_of_a_name_or_an_alias_in_any_case(served: str) -> None:
    def event_ids(actor: str) -> list[str]:
        return [row["event_id"] for row in canned(served, "actor_timeline", actor=actor)]

    assert event_ids("BLINKEN") == ["blinken-briefing"]
    assert event_ids("president tokayev") == ["blinken-briefing", "tokayev-kill-order"]
    assert event_ids("Токаев") == ["blinken-briefing", "tokayev-kill-order"]
    assert event_ids("nobody") == []
    assert event_ids("") == []


def test_quotations_by_a_speaker_name_their_sources_and_intermediary(served: str) -> None:
    assert canned(served, "quotations_by_speaker", speaker="Blinken") == [
        {
            "date": "2022-01-07",
            "time": None,
            "timezone": "America/New_York",
            "speaker": "Antony Blinken",
            "text": "So it's not clear why they feel the need for any outside assistance. So we're trying to learn more about it",
            "partial": 0,
            "venue": "press briefing",
            "place": None,
            "event_title": "Blinken questions the deployment of Russian military aid",
            "sources": "Example Wire, 2022-01-08 (as quoted by BBC)",
            "article_ids": "briefing",
            "statement_id": "blinken-outside-assistance",
        }
    ]


def test_a_figure_over_time_keeps_it_as_stated_with_who_stated_it(served: str) -> None:
    assert canned(served, "figure_over_time", metric="Killed") == [
        {
            "as_of": "2022-01-07",
            "as_of_end": None,
            "as_of_latest": None,
            "stated": "at least 44",
            "value": 44,
            "low": None,
            "high": None,
            "qualifier": "at least",
            "label": None,
            "scope": "nationwide",
            "place": "Kazakhstan",
            "stated_by": "CNN",
            "via": None,
            "status": "current",
            "superseded_by_id": None,
            "source": "Example Wire, 2022-01-08",
            "article_id": "briefing",
            "excerpt": 'at least 44, including 18 security personnel and 26 "armed criminals" were killed in the country, CNN reported',
            "figure_id": "killed-44",
        }
    ]
    assert canned(served, "figure_over_time", metric="injured") == []


def test_full_text_search_marks_the_matched_words(served: str) -> None:
    assert canned(served, "search", q="tear gas") == [
        {
            "kind": "event",
            "ref_id": "police-disperse-crowd",
            "date": "2022-01-06",
            "title": "Police use water cannons and **tear** **gas** in Almaty",
            "snippet": "",
        },
        {
            "kind": "article",
            "ref_id": "briefing",
            "date": "2022-01-08",
            "title": "US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest",
            "snippet": "…Police used water cannons and **tear** **gas** to disperse the crowd in Almaty.\n",
        },
    ]
    assert canned(served, "search", q="") == []


def test_the_database_page_shows_the_views_and_queries_and_hides_internal_tables(served: str) -> None:
    page = get_json(f"{served}/timeline.json")
    assert [view["name"] for view in page["views"]] == ["timeline", "quotations", "reported_figures", "event_locations"]
    assert [query["name"] for query in page["queries"]] == [
        "actor_timeline",
        "figure_over_time",
        "quotations_by_speaker",
        "search",
    ]
    hidden = sorted(table["name"] for table in page["tables"] if table["hidden"])
    assert hidden == [
        "alembic_version",
        "search_index",
        "search_index_config",
        "search_index_content",
        "search_index_data",
        "search_index_docsize",
        "search_index_idx",
        "search_index_refs",
        "sqlite_stat1",
    ]
    licence = get_json(f"{served}/-/metadata.json")["license"]
    assert licence == "MIT (the kztimeline project licence; not the article texts)"


def columns(database: Path, name: str) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({name})")]


@pytest.mark.parametrize("view", ["timeline", "quotations", "reported_figures", "event_locations"])
def test_every_column_of_the_documented_views_is_described(fixture_database: Path, view: str) -> None:
    described = datasette_metadata()["databases"]["kztimeline"]["tables"][view]["columns"]
    assert list(described) == columns(fixture_database, view)


def test_every_table_and_view_has_a_description(fixture_database: Path) -> None:
    with sqlite3.connect(fixture_database) as connection:
        names = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            # not FTS5's own storage, nor SQLite's statistics
            if (not row[0].startswith("search_index_") or row[0] == "search_index_refs")
            and not row[0].startswith("sqlite_")
        }
    tables = datasette_metadata()["databases"]["kztimeline"]["tables"]
    assert {name for name in tables if tables[name].get("description")} == names


def test_the_figure_query_lists_every_metric() -> None:
    description = datasette_metadata()["databases"]["kztimeline"]["queries"]["figure_over_time"]["description"]
    assert [metric for metric in taxonomy.METRICS if metric not in description] == []


def test_db_datasette_keys_the_metadata_by_the_file_name(
    fixture_database: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    result = run("--db", str(fixture_database), "db", "datasette")
    assert result.exit_code == 0, result.stderr
    assert list(json.loads(result.stdout)["databases"]) == ["timeline"]
    copy = tmp_path / "kz-2022.v2.sqlite"
    shutil.copy(fixture_database, copy)
    written = tmp_path / "meta.json"
    result = run("--db", str(copy), "db", "datasette", "-o", str(written))
    assert (result.exit_code, result.stdout) == (0, "")
    assert list(json.loads(written.read_text(encoding="utf-8"))["databases"]) == ["kz-2022.v2"]


def test_db_datasette_refuses_a_server_database_without_showing_its_url(run: Callable[..., Result]) -> None:
    result = run("--db", "postgresql://user:secret@localhost/kz", "db", "datasette")
    assert result.exit_code == 1
    assert result.stderr == "Error: Datasette serves SQLite files; this database is on a postgresql server\n"


def test_db_datasette_needs_an_existing_database(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "missing.sqlite"), "db", "datasette")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: database file not found: {tmp_path / 'missing.sqlite'} "
        f"(create and fill it with `kztimeline --db {tmp_path / 'missing.sqlite'} load`)\n"
    )
