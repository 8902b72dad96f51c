"""`kztimeline sql`: one read-only query with a time limit, as a table, JSON or CSV."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from rich.console import Console

from kztimeline.cli.table import Column, print_table
from kztimeline.query.sql import statement_keywords

RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT max(x) FROM c"
NUMBERS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < {n}) SELECT x FROM c"


def sql(run: Callable[..., Result], db: Path, *args: str) -> Result:
    return run("--db", str(db), "sql", *args)


REFUSED_DROP = {
    "sqlite": "DROP VIEW timeline",  # the authorizer names what SQLite was asked to do
    "postgresql": "DROP statement; only SELECT, WITH, VALUES, TABLE, EXPLAIN and SHOW",
}


def test_drop_view_is_refused_and_the_view_still_answers(
    engine: str, loaded_db: Path, run: Callable[..., Result]
) -> None:
    result = sql(run, loaded_db, "DROP VIEW timeline")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: refused: {REFUSED_DROP[engine]} (kztimeline sql is read-only)\n"
    after = sql(run, loaded_db, "select count(*) as events from timeline", "--format", "json")
    assert json.loads(after.stdout) == [{"events": 3}]


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("INSERT INTO actors (id, name, kind) VALUES ('x', 'X', 'person')", "INSERT into actors"),
        ("UPDATE events SET title = 'changed'", "UPDATE of events"),
        ("DELETE FROM citations", "DELETE from citations"),
        ("CREATE TABLE notes (text TEXT)", "CREATE TABLE notes"),
        ("create temp view v as select 1", "CREATE TEMP VIEW v"),
        ("ALTER TABLE events ADD COLUMN note TEXT", "ALTER TABLE events"),
        ("ATTACH 'other.sqlite' AS other", "ATTACH 'other.sqlite'"),
        ("VACUUM INTO 'copy.sqlite'", "VACUUM INTO 'copy.sqlite'"),
        ("PRAGMA journal_mode=delete", "PRAGMA journal_mode = delete"),
        ("PRAGMA user_version=3", "PRAGMA user_version = 3"),
        ("PRAGMA query_only = 0", "PRAGMA query_only = 0"),
        ("PRAGMA optimize", "PRAGMA optimize"),
        ("BEGIN", "BEGIN (transaction control)"),
        ("SELECT fts3_tokenizer('simple')", "the function fts3_tokenizer()"),
    ],
)
def test_changes_are_refused_and_the_file_is_untouched(
    loaded_sqlite_db: Path, run: Callable[..., Result], statement: str, refusal: str
) -> None:
    before = loaded_sqlite_db.read_bytes()
    result = sql(run, loaded_sqlite_db, statement)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: refused: {refusal} (kztimeline sql is read-only)\n"
    assert loaded_sqlite_db.read_bytes() == before


def test_a_write_inside_with_is_refused_on_postgresql_too(
    engine: str, loaded_db: Path, run: Callable[..., Result]
) -> None:
    result = sql(run, loaded_db, "WITH gone AS (SELECT 1) DELETE FROM citations")
    refusal = {
        "sqlite": "DELETE from citations",
        # the keyword check lets WITH through; the READ ONLY transaction stops the write
        "postgresql": "a write inside the query (PostgreSQL: cannot execute DELETE in a read-only transaction)",
    }[engine]
    assert (result.exit_code, result.stderr) == (1, f"Error: refused: {refusal} (kztimeline sql is read-only)\n")
    assert sql(run, loaded_db, "select count(*) as n from citations", "--format", "csv").stdout == "n\n3\n"


def test_a_second_statement_is_refused(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = sql(run, loaded_db, "SELECT 1; DROP VIEW timeline")
    assert result.exit_code == 1
    assert result.stderr == "Error: refused: more than one statement (kztimeline sql runs one statement at a time)\n"
    assert sql(run, loaded_db, "SELECT 1 AS one;").stdout == "one\n---\n  1\n"  # a closing semicolon is fine


def test_a_runaway_query_stops_at_the_time_limit(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = sql(run, loaded_db, RUNAWAY, "--time-limit", "0.2")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: query stopped after 0.2 s (the time limit); raise it with --time-limit SECONDS\n"


@pytest.mark.parametrize("seconds", ["0", "-1", "nan", "inf", "-inf", "1e999"])
def test_the_time_limit_must_be_finite_and_positive(
    loaded_sqlite_db: Path, run: Callable[..., Result], seconds: str
) -> None:
    result = sql(run, loaded_sqlite_db, "SELECT 1", "--time-limit", seconds)
    assert result.exit_code == 2
    assert (
        f"Invalid value for '--time-limit': '{seconds}': the time limit must be a finite number of seconds above 0"
        in result.stderr
    )


def test_the_library_refuses_a_time_limit_that_never_runs_out(loaded_sqlite_db: Path) -> None:
    from kztimeline.db.reader import open_reader
    from kztimeline.errors import KztimelineError
    from kztimeline.query.sql import read_only_query

    with open_reader(str(loaded_sqlite_db)) as reader:
        for seconds in (float("nan"), float("inf"), 0.0):
            with (
                pytest.raises(KztimelineError, match="the time limit must be a number of seconds above 0"),
                read_only_query(reader, "SELECT 1", time_limit=seconds),
            ):
                pass


# the refusal is an exception raised in printf(); Datasette, imported by other tests, turns on sqlite3's callback
# tracebacks for the whole process, which reports it once more as "unraisable"
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_one_long_function_call_is_stopped_at_once(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    started = time.monotonic()
    result = sql(run, loaded_sqlite_db, "select length(upper(printf('%.*c', 999999999, 'x')))")
    assert time.monotonic() - started < 1.0  # SQLite's own printf takes 6 s for this, and cannot be interrupted
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: printf() asked for a width or precision of 999,999,999; at most 1,000,000 is allowed\n"
    )


def test_printf_and_format_still_work_within_the_limits(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    query = "select printf('%5.2f|%s|%%|%-4d|', 3.14159, 'a', 7) as p, format('%q', 'it''s') as f, printf('%.*c', 3, 'x') as x"
    result = sql(run, loaded_sqlite_db, query, "--format", "csv")
    assert result.stdout == "p,f,x\n 3.14|a|%|7   |,it''s,xxx\n"


def test_no_value_may_grow_past_the_memory_cap(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    grown = "replace(replace(printf('%.*c', 1000000, 'x'), 'x', 'xxxxxxxxxxxx'), 'x', 'xxxxxxxxxxxx')"  # 144 MB
    result = sql(run, loaded_sqlite_db, f"select length({grown})")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: a value in the query would be longer than 100,000,000 bytes, the most kztimeline sql builds or reads\n",
    )
    # the limits last only while the query runs
    assert sql(run, loaded_sqlite_db, "select count(*) as n from articles", "--format", "csv").stdout == "n\n1\n"


@pytest.mark.parametrize(
    "query",
    [
        "select set_config('statement_timeout', '0', true), pg_sleep(0.1)",
        "select 1 /* SET statement_timeout = 0 */",
        "select * from pg_settings where name = 'statement_timeout'",
    ],
)
def test_a_query_naming_the_timeout_is_refused_on_postgresql(
    engine: str, loaded_db: Path, run: Callable[..., Result], query: str
) -> None:
    if engine != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    result = sql(run, loaded_db, query)
    named = "set_config" if "set_config" in query else "statement_timeout"
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: refused: {named} in the query (the time limit cannot be changed by the query)\n"


def test_a_timeout_lifted_by_dynamic_sql_is_refused_before_the_next_fetch(
    engine: str, loaded_db: Path, run: Callable[..., Result]
) -> None:
    if engine != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    # the names are built at run time, out of sight of the check of the query's text; the first row lifts the
    # server's timeout for the rest of the stream, the later rows would sleep 3 s each
    lift = "query_to_xml('select set_c' || 'onfig(''statement_t' || 'imeout'', ''0'', true)', true, false, '')"
    query = f"select x, case when x = 1 then {lift}::text else pg_sleep(3)::text end from generate_series(1, 5000) x"
    started = time.monotonic()
    result = sql(run, loaded_db, query, "--format", "csv", "--time-limit", "1")
    assert time.monotonic() - started < 2.5
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: refused: a change of statement_timeout inside the query (the time limit cannot be changed by the query)\n"
    )


def test_json_is_an_array_of_objects(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = sql(
        run, loaded_db, "select event_id, date, time, places from timeline order by date, event_id", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "[\n"
        '  {"event_id": "police-disperse-crowd", "date": "2022-01-06", "time": null, "places": "Almaty"},\n'
        '  {"event_id": "blinken-briefing", "date": "2022-01-07", "time": null, "places": "Washington"},\n'
        '  {"event_id": "tokayev-kill-order", "date": "2022-01-07", "time": null, "places": "Kazakhstan"}\n'
        "]\n"
    )


def test_json_of_no_rows_is_an_empty_array(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert sql(run, loaded_db, "select * from events where false", "--format", "json").stdout == "[]\n"


def test_csv_has_a_header_and_quotes_where_needed(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = sql(
        run, loaded_db, "select statement_id, speaker, text from quotations order by statement_id", "--format", "csv"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "statement_id,speaker,text\n"
        "blinken-outside-assistance,Antony Blinken,So it's not clear why they feel the need for any outside "
        "assistance. So we're trying to learn more about it\n"
        "tokayev-kill-without-warning,Kassym-Jomart Tokayev,kill without warning\n"
    )
    quoted = sql(run, loaded_db, "select 'a, \"b\"' as text, null as missing", "--format", "csv")
    assert quoted.stdout == 'text,missing\n"a, ""b""",\n'


def test_piped_table_is_plain_aligned_text(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = sql(run, loaded_db, "select figure_id, stated, value, qualifier, stated_by from reported_figures")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "figure_id  stated       value  qualifier  stated_by\n"
        "---------  -----------  -----  ---------  ---------\n"
        "killed-44  at least 44     44  at least   CNN\n"
    )


def test_terminal_table_fits_the_width_and_shows_values_as_text() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=60)
    columns = [Column("figure_id"), Column("value", numeric=True), Column("note")]
    print_table(console, columns, [["killed-44", "44", "[bold]as stated[/]"], ["x", "", "\x1b[31mred"]])
    assert console.file.getvalue() == (  # type: ignore[attr-defined]
        "figure_id  value  note              \n"
        "killed-44     44  [bold]as stated[/]\n"  # values are shown as they are, never as Rich markup
        "x                 ␛[31mred          \n"  # and never as terminal escapes
    )


def test_line_format_prints_each_row_as_a_block(loaded_db: Path, run: Callable[..., Result]) -> None:
    query = "select figure_id, stated, value, note from reported_figures"
    result = sql(run, loaded_db, query, "--format", "line")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "figure_id = killed-44\n   stated = at least 44\n    value = 44\n     note =\n"
    two = sql(run, loaded_db, "select 1 as a, 'x\ny' as b union all select 2, null", "--format", "line")
    assert two.stdout == "a = 1\nb = x\\ny\n\na = 2\nb =\n"


def test_a_query_of_dash_is_read_from_stdin(loaded_db: Path) -> None:
    from click.testing import CliRunner

    from kztimeline.cli import cli

    result = CliRunner().invoke(
        cli,
        ["--db", str(loaded_db), "sql", "-", "--format", "json"],
        input="select count(*) as events\nfrom timeline\n",
    )
    assert (result.exit_code, json.loads(result.stdout)) == (0, [{"events": 3}])


def test_the_table_shows_a_thousand_rows_and_says_how_many_more(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = sql(run, loaded_db, NUMBERS.format(n=1005))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (len(lines), lines[2].strip(), lines[-1].strip()) == (1002, "1", "1000")
    assert result.stderr == "showing the first 1,000 rows; 5 more: use --format json or --format csv for every row\n"
    every = sql(run, loaded_db, NUMBERS.format(n=1005), "--format", "csv")
    assert (every.stderr, len(every.stdout.splitlines())) == ("", 1006)


def test_named_parameters(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = sql(
        run,
        loaded_db,
        "select event_id from timeline where date = :day and type = :type",
        "-p", "day", "2022-01-07",
        "-p", "type", "diplomatic_reaction",
        "--format", "json",
    )  # fmt: skip
    assert json.loads(result.stdout) == [{"event_id": "blinken-briefing"}]
    missing = sql(run, loaded_db, "select * from timeline where date = :day")
    assert missing.stderr == "Error: no value for the parameter :day; give one with -p day VALUE\n"


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("SELEC * FROM timeline", 'near "SELEC": syntax error'),
        ("select * from timelines", "no such table: timelines"),
        ("select nonsense from timeline", "no such column: nonsense"),
        ("   ", "no SQL given"),
    ],
)
def test_sql_errors_are_one_line(
    loaded_sqlite_db: Path, run: Callable[..., Result], statement: str, message: str
) -> None:
    result = sql(run, loaded_sqlite_db, statement)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_reading_pragmas_and_the_search_index_work(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    loaded_db = loaded_sqlite_db
    columns = sql(run, loaded_db, "select name from pragma_table_info('timeline') limit 3", "--format", "csv")
    assert columns.stdout == "name\nevent_id\ndate\ndate_end\n"
    assert sql(run, loaded_db, "PRAGMA user_version", "--format", "csv").stdout == "user_version\n0\n"
    found = sql(
        run,
        loaded_db,
        "select ref_id from search_index where search_index match :words order by ref_id",
        "-p", "words", "kill without warning",
        "--format", "csv",
    )  # fmt: skip
    assert found.stdout == "ref_id\nbriefing\ntokayev-kill-order\ntokayev-kill-without-warning\n"


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("SELECT 1", ["select"]),
        ("select 1;", ["select"]),
        ("select 1; drop view timeline", ["select", "drop"]),
        ("-- note; still a comment\n(select 1)", ["select"]),
        ("/* a /* nested; */ comment; */ select ';'", ["select"]),
        ("select E'\\'; drop view x; --'", ["select"]),
        ("select $q$ ; $q$; delete from events", ["select", "delete"]),
        ('select 1 as "a;b"', ["select"]),
        ("", []),
    ],
)
def test_statement_keywords_follow_postgresql_quoting(text: str, keywords: list[str]) -> None:
    assert statement_keywords(text) == keywords


def test_a_query_on_stdin_is_read_up_to_ten_megabytes(loaded_sqlite_db: Path) -> None:
    from click.testing import CliRunner

    from kztimeline.cli import cli

    result = CliRunner().invoke(cli, ["--db", str(loaded_sqlite_db), "sql", "-"], input="-" * 10_000_001)
    assert (result.exit_code, result.stderr) == (1, "Error: the query on standard input: more than 10,000,000 bytes\n")
