"""The smaller holes of issue 13, item 10: ids with a trailing newline, a full disk during import, databases that
vanish or may not be written, malformed URLs, and a query that starts with an SQL comment."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from kztimeline.curation import importing
from kztimeline.db.stamp import SCHEMA_REVISION

ARTICLES = Path(__file__).parent / "data" / "articles"


def test_an_id_with_a_trailing_newline_is_not_a_slug(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--id", "abc\n")
    assert result.exit_code == 1
    assert result.stderr == "Error: --id 'abc\\n' is not a lowercase slug (letters, digits, single hyphens)\n"


def test_a_seeds_id_with_a_trailing_newline_is_refused(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = seeds / "articles.yaml"
    articles.write_text(articles.read_text().replace("- id: briefing\n", '- id: "briefing\\n"\n'))
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "articles.yaml:2:9: articles[briefing\\n].id: 'briefing\\n' is not a lowercase slug (letters a-z, digits and single "
        "hyphens)"
    )


def test_an_import_that_fills_the_disk_leaves_no_temporary_file(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(path.name for path in seeds.rglob("*"))
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, stream: Any) -> None:
            self.stream = stream

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(handle: int, mode: str) -> Any:
        return FullDisk(real_fdopen(handle, mode)) if "w" in mode else real_fdopen(handle, mode)

    monkeypatch.setattr(importing.os, "fdopen", fdopen)
    result = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No space left on device")
    assert sorted(path.name for path in seeds.rglob("*")) == before


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://"])
def test_an_in_memory_database_is_refused_by_load_and_read(url: str, seeds: Path, run: Callable[..., Result]) -> None:
    message = (
        f"Error: --db {url} is an in-memory database, which vanishes when the command ends; give a file instead "
        "(`--db timeline.sqlite`)\n"
    )
    for command in (("load", str(seeds)), ("db", "upgrade"), ("show",)):
        result = run("--db", url, *command)
        assert result.exit_code == 1
        assert result.stderr == message


def test_a_read_only_url_reads_and_refuses_to_write_without_warnings(
    loaded_sqlite_db: Path, seeds: Path, run: Callable[..., Result]
) -> None:
    url = f"sqlite:///{loaded_sqlite_db}?mode=ro"
    shown = run("--db", url, "sql", "SELECT count(*) AS n FROM events", "--format", "csv")
    assert (shown.exit_code, shown.stdout, shown.stderr) == (0, "n\n3\n", "")
    current = run("--db", url, "db", "current")
    assert (current.stdout, current.stderr) == (f"{SCHEMA_REVISION} (head: {SCHEMA_REVISION})\n", "")
    load = run("--db", url, "load", "--force", str(seeds))
    assert load.exit_code == 1
    assert load.stderr == f"Error: --db {url} opens the database read-only (mode=ro); drop ?mode=ro to write to it\n"
    assert sorted(path.name for path in loaded_sqlite_db.parent.iterdir() if path.name.startswith("timeline")) == [
        "timeline.sqlite"
    ]


@pytest.mark.parametrize("command", [("show",), ("load",), ("db", "current")])
def test_a_malformed_ipv6_url_is_a_one_line_error(command: tuple[str, ...], run: Callable[..., Result]) -> None:
    result = run("--db", "postgresql://reader@[::1/timeline", *command)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (  # (load first says which seeds it reads)
        "Error: --db postgresql://reader@[::1/timeline is not a database URL kztimeline can use: invalid literal for "
        "int() with base 10: ':1'"
    )


def test_a_query_may_start_with_an_sql_comment(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    query = "-- how many events\nSELECT count(*) AS n FROM events"
    result = run("--db", str(loaded_sqlite_db), "sql", query, "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "n\n3\n")
    with_value = run("--db", str(loaded_sqlite_db), "sql", "-p", "note", "-- a value", "--format", "json", query)
    assert with_value.exit_code == 0, with_value.stderr
    typo = run("--db", str(loaded_sqlite_db), "sql", "--formt", "csv", "SELECT 1")
    assert typo.exit_code == 2
    assert "No such option '--formt'" in typo.stderr
