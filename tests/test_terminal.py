"""Terminal output: tables fitted to the terminal without broken words, hanging indents, FORCE_COLOR that only
colours, inert data, `-` for standard input and output, and a quiet exit when the reader of a pipe goes away."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import edit
from rich.cells import cell_len
from rich.console import Console

from kztimeline.cli import cli
from kztimeline.cli.table import Column, choose_columns, column_widths, print_records
from kztimeline.resources import seeds_dir

ARTICLES = Path(__file__).parent / "data" / "articles"
CONSOLE_SCRIPT = Path(sys.executable).with_name("kztimeline")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def curated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged seeds, loaded: the real names and titles a terminal has to fit."""
    path = tmp_path_factory.mktemp("curated") / "curated.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(path), "load", str(seeds_dir())], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def terminal() -> Callable[..., Result]:
    """Run the CLI as if stdout were a terminal ``width`` columns wide (Rich reads the width from COLUMNS)."""

    def invoke(width: int, *args: str) -> Result:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("kztimeline.cli.output._isatty", lambda stream: True)
            result = CliRunner().invoke(cli, list(args), env={"COLUMNS": str(width)}, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return result

    return invoke


def curated_actors() -> list[dict[str, str]]:
    actors: list[dict[str, str]] = []
    for path in sorted(seeds_dir().glob("*.yaml")):
        actors.extend(yaml.safe_load(path.read_text(encoding="utf-8")).get("actors") or [])
    return actors


def words_on_lines(text: str) -> set[str]:
    return {word for line in text.splitlines() for word in line.split()}


def assert_fits(text: str, width: int) -> None:
    too_wide = [line for line in text.splitlines() if cell_len(line.rstrip()) > width]
    assert too_wide == []


# --- tables that fit the terminal -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120, 200])
def test_actors_fit_the_terminal_with_every_word_whole(
    width: int, curated_db: Path, terminal: Callable[..., Result]
) -> None:
    output = terminal(width, "--db", str(curated_db), "actors").stdout
    assert_fits(output, width)
    actors = curated_actors()
    words = words_on_lines(output)
    assert {actor["id"] for actor in actors} <= words  # ids are never wrapped
    assert {word for actor in actors for word in actor["name"].split()} <= words  # nor any word of a name
    header = output.splitlines()[0].split()
    assert header[:3] == ["id", "name", "kind"] if width > 80 else header[:3] == ["id", "name", "events"]
    assert len(output.splitlines()) <= 3 * len(actors) + 3  # no column so narrow that a name takes many lines


def test_at_80_columns_actors_leave_out_counts_and_aliases_and_say_so(
    curated_db: Path, terminal: Callable[..., Result]
) -> None:
    output = terminal(80, "--db", str(curated_db), "actors").stdout
    lines = output.splitlines()
    assert lines[0].split() == ["id", "name", "events", "quotations"]
    assert " ".join(" ".join(lines[-2:]).split()) == (
        "Not shown at 80 columns: kind, as actor, as target, mentioned, figures, relayed, aliases "
        "(a wider terminal shows them, and so do --format csv and json)."
    )
    tokayev = next(index for index, line in enumerate(lines) if line.startswith("tokayev "))
    assert [line.split() for line in lines[tokayev : tokayev + 2]] == [
        ["tokayev", "Kassym-Jomart", "8", "6"],
        ["Tokayev"],  # the name wraps between its words, under itself
    ]


def test_at_200_columns_actors_show_every_column(curated_db: Path, terminal: Callable[..., Result]) -> None:
    output = terminal(200, "--db", str(curated_db), "actors").stdout
    assert output.splitlines()[0].split() == [
        "id", "name", "kind", "events", "as", "actor", "as", "target", "mentioned", "quotations", "figures",
        "relayed", "aliases",
    ]  # fmt: skip
    assert "Not shown" not in output


@pytest.mark.parametrize("width", [80, 120, 200])
def test_sql_select_star_from_timeline_becomes_readable_blocks(
    width: int, curated_db: Path, terminal: Callable[..., Result]
) -> None:
    output = terminal(width, "--db", str(curated_db), "sql", "select * from timeline").stdout
    assert_fits(output, width)
    events = json.loads(
        terminal(width, "--db", str(curated_db), "sql", "select * from timeline", "--format", "json").stdout
    )
    words = words_on_lines(output)
    assert {word for event in events for word in event["title"].split()} <= words
    blocks = output.split("\n\n")
    assert len(blocks) == len(events)
    assert blocks[0].splitlines()[0].rstrip() == f"      event_id = {events[0]['event_id']}"
    assert all(len(block.splitlines()) >= len(events[0]) for block in blocks)  # a line per column, or more


@pytest.mark.parametrize("width", [80, 120, 200])
def test_sql_table_that_fits_stays_a_table(width: int, curated_db: Path, terminal: Callable[..., Result]) -> None:
    query = "select date, type, title from timeline where date = '2022-01-05' order by event_id"
    output = terminal(width, "--db", str(curated_db), "sql", query).stdout
    assert_fits(output, width)
    lines = output.splitlines()
    assert lines[0].split() == ["date", "type", "title"]
    titles = json.loads(terminal(width, "--db", str(curated_db), "sql", query, "--format", "json").stdout)
    assert {word for row in titles for word in row["title"].split()} <= words_on_lines(output)


def test_text_columns_share_the_room_never_below_their_longest_word() -> None:
    columns = [Column("id", whole=True), Column("name"), Column("notes")]
    cells = [["a-long-identifier", "Short name", " ".join("abcdefghijklmnopqrstuvwxyz" * 3)]]
    assert column_widths(columns, cells, 200) == [17, 10, 155]  # everything fits: each its widest value
    assert column_widths(columns, cells, 60) == [17, 10, 29]  # the short name whole, the notes take the rest
    assert choose_columns(columns, cells, 50) == [0, 1, 2]
    assert choose_columns(columns, cells, 40) is None  # 17 + 10 + 16 and the gaps do not fit: blocks of lines
    assert choose_columns([*columns[:2], Column("notes", optional=1)], cells, 40) == [0, 1]


def test_records_wrap_under_their_value_on_a_terminal_and_stay_one_line_piped() -> None:
    rows = [["kill-order", "Tokayev orders forces to kill without warning, the article reports"]]
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=40)
    print_records(console, ["id", "title"], rows)
    assert [line.rstrip() for line in console.file.getvalue().splitlines()] == [  # type: ignore[attr-defined]
        "   id = kill-order",
        "title = Tokayev orders forces to kill",
        "        without warning, the article",
        "        reports",
    ]
    piped = Console(file=io.StringIO(), width=40, soft_wrap=True)
    print_records(piped, ["id", "title"], rows)
    assert piped.file.getvalue() == (  # type: ignore[attr-defined]
        "   id = kill-order\ntitle = Tokayev orders forces to kill without warning, the article reports\n"
    )


def test_piped_tables_are_never_cut(curated_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(curated_db), "actors")
    tokayev = next(line for line in result.stdout.splitlines() if line.startswith("tokayev "))
    assert tokayev.endswith("Kazakhstan President Kassym Jomart Tokayev; Tokayev; Tokaev; Токаев; Тоқаев")


# --- hanging indents ---------------------------------------------------------------------------------------------


def test_show_wraps_titles_under_the_title_and_the_rest_under_its_own_indent(
    loaded_db: Path, terminal: Callable[..., Result]
) -> None:
    output = terminal(40, "--db", str(loaded_db), "show", "--actor", "tokayev").stdout
    lines = [line.rstrip() for line in output.splitlines()]
    first = lines.index("  • Blinken questions the deployment of")
    assert lines[first : lines.index("Sources")] == [
        "  • Blinken questions the deployment of",
        "    Russian military aid",
        "    [diplomatic_reaction]",
        "    Places: Washington",
        "    Actors: Antony Blinken (actor),",
        "            Kassym-Jomart Tokayev",
        "            (mentioned)",
        "    “So it's not clear why they feel the",
        "     need for any outside assistance. So",
        "     we're trying to learn more about",
        "     it” — Antony Blinken, press",
        "     briefing [1 via BBC]",
        "    Sources: [1]  (single source)",
        '  • Tokayev orders forces to "kill',
        '    without warning", the article',
        "    reports  [government_action]",
        "    Places: Kazakhstan",
        "    Actors: Kassym-Jomart Tokayev",
        "            (actor)",
        "    Tags: shoot-to-kill",
        '    Date evidence: "on Friday" in an',
        "                   article published",
        "                   Saturday 2022-01-08",
        "    “…kill without warning…” —",
        "     Kassym-Jomart Tokayev [1]",
        "    Sources: [1]  (single source)",
        "",
    ]
    assert lines[-4:] == [
        "  [1] Example Wire, 2022-01-08: US",
        "      questions deployment of Russian",
        "      military aid in Kazakhstan amid",
        "      ongoing civil unrest (briefing)",
    ]


# --- colour without layout, and inert data -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["actors"],
        ["quotes"],
        ["figures"],
        ["places"],
        ["articles"],
        ["actor", "tokayev"],
        ["sql", "select * from timeline"],
        ["sql", "select * from timeline", "--format", "line"],
    ],
)
def test_force_color_adds_colour_and_changes_nothing_else(
    command: list[str], curated_db: Path, run: Callable[..., Result]
) -> None:
    plain = run("--db", str(curated_db), *command).stdout
    coloured = CliRunner().invoke(cli, ["--db", str(curated_db), *command], env={"FORCE_COLOR": "1"}).stdout
    assert ANSI.sub("", coloured) == plain
    assert max(len(line) for line in plain.splitlines()) > 80  # piped lines are whole, however long


def test_force_color_parse_report_is_the_piped_report_in_colour(run: Callable[..., Result]) -> None:
    article = str(ARTICLES / "wire_en.txt")
    plain = run("parse", article).stdout
    coloured = CliRunner().invoke(cli, ["parse", article], env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == plain
    assert (
        "Kassym-Jomart Tokayev (tokayev)  2022-01-07  I gave an order to the law enforcement agencies and the army to "
        "open fire, to kill without warning.\n"
    ) in plain


# ESC [ turns the terminal red, the one-character CSI (U+009B) clears it, OSC 0 sets the window title, OSC 8 makes a
# link, CR and BS overwrite what was printed
ESCAPES = "\x1b[31mred\x1b[0m \x9b2J \x1b]0;pwned\x07 \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ over\rX\b"
SHOWN = "␛[31mred␛[0m �2J ␛]0;pwned␇ ␛]8;;https://evil.example/␛\\link␛]8;;␛\\ over␍X␈"
HOSTILE_TEXTS = {
    "actors": ["name", "description"],
    "events": ["title", "summary"],
    "statements": ["text", "venue"],
    "places": ["name"],
    "articles": ["title"],
    "figures": ["label", "stated", "scope", "note"],
}


@pytest.fixture
def hostile_db(loaded_sqlite_db: Path) -> Path:
    """Every text a command prints carries terminal escapes. `validate` refuses them in seeds, so they are written
    into the database directly, as a database loaded by an older kztimeline or by another program may hold them."""
    import sqlite3

    with sqlite3.connect(loaded_sqlite_db) as connection:
        for table, columns in HOSTILE_TEXTS.items():
            assignments = ", ".join(f"{column} = {column} || ' ' || :escapes" for column in columns)
            connection.execute(f"UPDATE {table} SET {assignments}", {"escapes": ESCAPES})
        connection.execute("DELETE FROM search_index")
        connection.execute(
            "INSERT INTO search_index (kind, ref_id, title, body) SELECT 'event', id, title, summary FROM events"
        )
        connection.execute("DELETE FROM search_index_refs")
        connection.execute("INSERT INTO search_index_refs SELECT kind, ref_id, rowid FROM search_index")
    connection.close()
    return loaded_sqlite_db


@pytest.mark.parametrize(
    "command",
    [
        ["actors"],
        ["show"],
        ["actor", "kazakh-police"],
        ["actor", "tokayev"],
        ["place", "almaty"],
        ["places"],
        ["quotes"],
        ["figures"],
        ["articles"],
        ["search", "tear"],
        ["sql", "select * from actors"],
        ["sql", "select * from timeline", "--format", "line"],
        ["show", "--format", "json"],
        ["sql", "select * from actors", "--format", "json"],
    ],
)
def test_terminal_escapes_in_data_are_shown_not_run(
    command: list[str], hostile_db: Path, run: Callable[..., Result], terminal: Callable[..., Result]
) -> None:
    for result in (run("--db", str(hostile_db), *command), terminal(200, "--db", str(hostile_db), *command)):
        for output in (result.stdout, result.stderr):
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", output), output
        if "json" not in command:
            assert SHOWN.split()[0] in result.stdout


def test_escapes_in_an_error_message_are_shown_not_run(hostile_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(hostile_db), "sql", 'select 1 from "\x1b]0;pwned\x07"')  # SQLite names it as it is
    assert (result.exit_code, result.stderr) == (1, "Error: no such table: ␛]0;pwned␇\n")


def test_validate_refuses_control_characters_naming_where_they_are(seeds: Path, run: Callable[..., Result]) -> None:
    edit(seeds / "actors.yaml", "    name: Kazakh police\n", '    name: "Kazakh \\e[31mpolice\\e[0m"\n')
    result = run("validate", str(seeds))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "control character" in line] == [
        f"{seeds / 'actors.yaml'}:18:11: actors[kazakh-police].name: control character U+001B (ESC) at character 8 "
        "of the text (and 1 more): only line breaks and tabs may be used in text"
    ]
    assert run("--db", str(seeds.parent / "x.sqlite"), "load", str(seeds)).exit_code == 1


# --- '-' is standard input and output ----------------------------------------------------------------------------


def test_parse_dash_reads_the_article_from_stdin(run: Callable[..., Result]) -> None:
    text = (ARTICLES / "wire_en.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", "-", "--format", "json"], input=text)
    from_file = json.loads(run("parse", str(ARTICLES / "wire_en.txt"), "--format", "json").stdout)
    assert (result.exit_code, json.loads(result.stdout)) == (0, {**from_file, "path": "<stdin>"})
    twice = CliRunner().invoke(cli, ["parse", "-", "-"], input=text)
    assert (twice.exit_code, twice.stderr.splitlines()[-1]) == (2, "Error: standard input ('-') can be read only once")
    not_utf8 = CliRunner().invoke(cli, ["parse", "-"], input=b"caf\xe9\n")
    assert (not_utf8.exit_code, not_utf8.stderr) == (
        1,
        "Error: <stdin>:1: not UTF-8 text (byte 3); save the article as UTF-8\n",
    )


def test_import_dash_reads_the_article_from_stdin(seeds: Path) -> None:
    raw = (ARTICLES / "wire_en.txt").read_bytes()
    result = CliRunner().invoke(cli, ["import", "-", "--seeds", str(seeds), "--id", "from-stdin"], input=raw)
    assert result.exit_code == 0, result.stderr
    assert (seeds / "articles" / "from-stdin.txt").read_bytes() == raw
    assert f"wrote drafts to {seeds / 'article-from-stdin.yaml'}: 1 articles" in result.stdout


def test_validate_one_file_or_stdin_with_the_rest_of_its_directory(seeds: Path, run: Callable[..., Result]) -> None:
    assert run("validate", str(seeds / "statements.yaml")).stdout == (
        f"valid: {seeds / 'statements.yaml'} (with the other files of {seeds})\n"
    )
    broken = (seeds / "statements.yaml").read_text(encoding="utf-8").replace("speaker: blinken", "speaker: blinkin")
    problem = "3:14: statements[blinken-outside-assistance].speaker: unknown actor 'blinkin' (did you mean 'blinken'?)"
    replaced = CliRunner().invoke(
        cli, ["validate", "-", "--seeds", str(seeds), "--replaces", "statements.yaml"], input=broken
    )
    assert (replaced.exit_code, replaced.stdout, replaced.stderr) == (1, "", f"<stdin>:{problem}\n")
    (seeds / "statements.yaml").write_text(broken, encoding="utf-8")
    elsewhere = run("validate", str(seeds / "events.yaml"))
    assert (elsewhere.exit_code, elsewhere.stderr) == (
        1,
        f"{seeds} has 1 more problems in other files: kztimeline validate {seeds}\n",
    )
    as_json = json.loads(run("validate", str(seeds / "statements.yaml"), "--json").stdout)
    assert (as_json["valid"], len(as_json["problems"]), as_json["problems_in_other_files"]) == (False, 1, 0)


def test_export_dash_is_stdout(
    loaded_db: Path, run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    to_stdout = run("--db", str(loaded_db), "export", "--format", "json", "-o", "-")
    assert to_stdout.exit_code == 0, to_stdout.stderr
    assert to_stdout.stdout == run("--db", str(loaded_db), "export", "--format", "json").stdout
    assert not (tmp_path / "-").exists()


def test_db_datasette_dash_is_stdout(
    loaded_sqlite_db: Path, run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    to_stdout = run("--db", str(loaded_sqlite_db), "db", "datasette", "-o", "-")
    assert (to_stdout.exit_code, to_stdout.stdout) == (0, run("--db", str(loaded_sqlite_db), "db", "datasette").stdout)
    assert not Path("-").exists()


def test_export_csv_dash_is_a_zip_on_stdout(loaded_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(loaded_db), "export", "--format", "csv", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    archive = zipfile.ZipFile(io.BytesIO(result.stdout_bytes))
    assert "events.csv" in archive.namelist()
    assert archive.read("events.csv").decode("utf-8").startswith("id,")
    assert (result.stderr, list(tmp_path.glob("*.zip"))) == ("", [])


def test_export_csv_dash_refuses_to_write_a_zip_to_a_terminal(loaded_db: Path) -> None:
    main_side, terminal_side = os.openpty()
    process = subprocess.run(
        [str(CONSOLE_SCRIPT), "--db", str(loaded_db), "export", "--format", "csv", "-o", "-"],
        stdout=terminal_side,
        stderr=subprocess.PIPE,
        check=False,
    )
    os.close(terminal_side)
    os.close(main_side)
    assert (process.returncode, process.stderr.decode()) == (
        1,
        "Error: -o - writes a zip archive to stdout: redirect it to a file or a pipe (> tables.zip)\n",
    )


# --- a closed pipe ends the command quietly ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["show", "--format", "json"],
        ["show"],
        ["export", "--format", "json", "-o", "-"],
        ["export", "--format", "csv", "-o", "-"],
        ["parse", str(ARTICLES / "wire_en.txt")],
        ["parse", str(ARTICLES / "wire_en.txt"), "--format", "json"],
        ["quotes", "--format", "csv"],
        ["sql", "select * from timeline"],
        ["sql", "select * from timeline", "--format", "json"],
        ["actors"],
        ["--help"],
    ],
)
@pytest.mark.parametrize("reader", ["closed before", "reads one line"])
def test_a_closed_pipe_exits_quietly_with_status_0(command: list[str], reader: str, curated_db: Path) -> None:
    if reader == "closed before":  # every write fails, even the final flush at exit
        read_end, write_end = os.pipe()
        os.close(read_end)
        process = subprocess.run(
            [str(CONSOLE_SCRIPT), "--db", str(curated_db), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "FORCE_COLOR": ""},
            check=False,
        )
        os.close(write_end)
        status, stderr = process.returncode, process.stderr
    else:  # the pipe breaks in the middle of the output
        with subprocess.Popen(
            [str(CONSOLE_SCRIPT), "--db", str(curated_db), *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.readline()
            process.stdout.close()
            stderr = process.stderr.read()
            status = process.wait()
    assert (status, stderr.decode()) == (0, "")


@pytest.mark.parametrize(
    "command",
    [
        ["quotes"],
        ["figures"],
        ["places"],
        ["articles", "--format", "json"],
        ["search", "Tokayev"],
        ["actor", "tokayev"],
        ["place", "almaty", "--format", "json"],
        ["export", "--format", "ndjson"],
        ["export", "--format", "html"],
        ["sql", "select * from quotations", "--format", "line"],
        ["sql", "select * from quotations", "--format", "csv"],
        ["validate", "--json", str(seeds_dir())],
    ],
)
def test_every_command_stops_quietly_on_a_closed_pipe(command: list[str], curated_db: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    process = subprocess.run(
        [str(CONSOLE_SCRIPT), "--db", str(curated_db), *command], stdout=write_end, stderr=subprocess.PIPE, check=False
    )
    os.close(write_end)
    assert (process.returncode, process.stderr.decode()) == (0, "")


def test_profile_lines_wrap_under_their_text(loaded_db: Path, terminal: Callable[..., Result]) -> None:
    output = terminal(50, "--db", str(loaded_db), "actor", "tokayev").stdout
    lines = [line.rstrip() for line in output.splitlines()]
    first = lines.index('  2022-01-07  Tokayev orders forces to "kill')
    assert lines[first : first + 6] == [
        '  2022-01-07  Tokayev orders forces to "kill',
        '              without warning", the article',
        "              reports  [government_action]  as",
        "              actor  [1]",
        '    Date evidence: "on Friday" in an article',
        "                   published Saturday 2022-01-08",
    ]
