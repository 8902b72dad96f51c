"""Publishing: the CSV export as a Frictionless data package, CSV that is safe in spreadsheets, the flat events
table (``show --format csv`` and ``events_flat.csv``) and the ``event_locations`` view for maps."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import edit

from kztimeline.export.csv_writer import CsvWriter, csv_cell
from kztimeline.export.flat_events import FLAT_EVENT_COLUMNS, ROLE_COLUMNS
from kztimeline.taxonomy import ACTOR_ROLES

BOM = b"\xef\xbb\xbf"


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def publishing_seeds(seeds: Path) -> Path:
    """The fixture seeds with text that a spreadsheet would run as a formula, a negative longitude, and a site inside
    Almaty (no coordinates of its own) where the police event also happened (`publishing_db` adds a lone CR)."""
    edit(
        seeds / "events.yaml",
        "    places: [almaty]\n",
        '    summary: "=1+1"\n    places: [almaty, almaty-square]\n',
    )
    edit(
        seeds / "events.yaml",
        "    places: [washington]\n",
        '    summary: "@once more"\n    places: [washington]\n',
    )
    edit(
        seeds / "places.yaml",
        "    name: Washington\n    kind: city\n",
        "    name: Washington\n    kind: city\n    latitude: 38.9\n    longitude: -77.04\n",
    )
    (seeds / "places.yaml").write_text(
        (seeds / "places.yaml").read_text(encoding="utf-8")
        + "  - id: almaty-square\n    name: Republic Square\n    kind: site\n    parent: almaty\n",
        encoding="utf-8",
    )
    return seeds


def execute(db: str, sql: str, *params: Any) -> None:
    """Change the database directly (``?`` parameters): `validate` refuses control characters in seeds, but a
    database loaded by an older kztimeline or by another program may hold them."""
    if not db.startswith("postgresql"):
        import sqlite3

        with sqlite3.connect(db) as connection:
            connection.execute(sql, params)
        connection.close()
        return
    import psycopg

    with psycopg.connect("postgresql://" + db.split("://", 1)[1]) as connection:
        connection.execute(sql.replace("?", "%s"), params)


@pytest.fixture
def publishing_db(publishing_seeds: Path, engine_db: str, run: Callable[..., Result]) -> str:
    """The publishing seeds loaded, with a lone carriage return in a summary."""
    result = run("--db", engine_db, "load", str(publishing_seeds))
    assert result.exit_code == 0, result.stderr
    execute(engine_db, "UPDATE events SET summary = ? WHERE summary = '@once more'", "@once\rmore")
    return engine_db


def frictionless_validate(path: Path) -> dict[str, Any]:
    """`frictionless validate --json PATH`, as a data journalist or a portal would run it."""
    completed = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, Any] = json.loads(completed.stdout)
    errors = [error["message"] for task in report["tasks"] for error in task["errors"]]
    assert (completed.returncode, report["valid"], errors) == (0, True, [])
    return report


# --- the data package --------------------------------------------------------------------------------------------


def test_the_csv_export_is_a_data_package_that_frictionless_accepts(
    publishing_db: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "package"
    assert run("--db", publishing_db, "export", "--format", "csv", "-o", str(target)).exit_code == 0
    report = frictionless_validate(target / "datapackage.json")
    assert [task["name"] for task in report["tasks"]] == [
        "events",
        "events_flat",
        "event_actors",
        "event_places",
        "event_tags",
        "citations",
        "statements",
        "statement_sources",
        "figures",
        "articles",
        "actors",
        "places",
    ]
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == "MIT"
    assert package["kztimeline_filters"] is None
    places = next(resource for resource in package["resources"] if resource["name"] == "places")
    assert places["schema"]["primaryKey"] == ["id"]
    assert places["schema"]["foreignKeys"] == [
        {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}}
    ]
    assert {field["name"]: field["type"] for field in places["schema"]["fields"]}["longitude"] == "number"
    assert "single quote" in places["description"]
    assert all(field["description"] for resource in package["resources"] for field in resource["schema"]["fields"])


def test_a_filtered_excel_zip_is_a_valid_data_package_too(
    publishing_db: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "blinken.zip"
    result = run("--db", publishing_db, "export", "--format", "csv", "--actor", "Blinken", "--excel", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    frictionless_validate(target)
    with zipfile.ZipFile(target) as archive:
        assert archive.read("events.csv").startswith(BOM + b"id,date,")
        assert archive.read("actors.csv").startswith(BOM)
        package = json.loads(archive.read("datapackage.json"))  # JSON has no byte order mark
    assert package["kztimeline_filters"]["actors"] == ["Blinken"]
    figures = next(resource for resource in package["resources"] if resource["name"] == "figures")
    # a successor figure may fall outside the filter's dates: that key is only declared for a whole export
    assert [key["fields"] for key in figures["schema"]["foreignKeys"]] == [
        ["place_id"],
        ["stated_by_id"],
        ["via_id"],
        ["article_id"],
    ]


def test_a_broken_foreign_key_is_what_frictionless_reports(
    publishing_db: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """The foreign keys are declared for real: a file edited to name an unknown actor fails validation."""
    target = tmp_path / "package"
    assert run("--db", publishing_db, "export", "--format", "csv", "-o", str(target)).exit_code == 0
    edit(target / "event_actors.csv", ",blinken,", ",nobody,")
    completed = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(target / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(completed.stdout)
    assert completed.returncode == 1
    assert [(task["name"], error["type"]) for task in report["tasks"] for error in task["errors"]] == [
        ("event_actors", "foreign-key")
    ]


# --- spreadsheets ------------------------------------------------------------------------------------------------


def test_only_text_starting_like_a_formula_gets_the_quote() -> None:
    texts = ["=1+1", "+7 701", "-2", "@SUM(A1)", "\tx", "\rx", "1-2", "a=b", " =1", "", "'quoted"]
    assert [csv_cell(text) for text in texts] == [
        "'=1+1",
        "'+7 701",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "1-2",
        "a=b",
        " =1",
        "",
        "'quoted",
    ]
    assert [csv_cell(value) for value in (-5, -1.5, True, False, None, ["-a", "b"], b"\xfb")] == [
        -5,
        -1.5,
        "true",
        "false",
        "",
        "'-a; b",
        "'+w==",  # binary as base64, which may start with +
    ]
    assert [csv_cell(text, raw=True) for text in ("=1+1", "-2")] == ["=1+1", "-2"]


@pytest.mark.parametrize(("crlf", "expected"), [(False, '"a\rb","c\nd",\'=e\n'), (True, '"a\rb","c\nd",\'=e\r\n')])
def test_a_line_break_of_either_kind_is_quoted_whatever_the_line_end(crlf: bool, expected: str) -> None:
    out = io.StringIO()
    CsvWriter(out, crlf=crlf).writerow(["a\rb", "c\nd", "=e"])
    assert out.getvalue() == expected


def test_text_that_starts_like_a_formula_opens_as_text_and_numbers_stay_numbers(
    publishing_db: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "package"
    assert run("--db", publishing_db, "export", "--format", "csv", "-o", str(target)).exit_code == 0
    events = (target / "events.csv").read_bytes().decode("utf-8")
    assert ",'=1+1\r\n" in events  # the summary of the police event
    assert ',"\'@once\rmore"\r\n' in events  # neutralised, and the lone CR quoted so the row stays whole
    assert read_csv(events)[2][-1] == "'@once\rmore"
    places = read_csv((target / "places.csv").read_text(encoding="utf-8"))
    assert places[-1][:6] == ["washington", "Washington", "city", "", "38.9", "-77.04"]  # a number, as it is

    raw = tmp_path / "raw"
    assert run("--db", publishing_db, "export", "--format", "csv", "--raw", "-o", str(raw)).exit_code == 0
    assert ",=1+1\r\n" in (raw / "events.csv").read_bytes().decode("utf-8")
    package = json.loads((raw / "datapackage.json").read_text(encoding="utf-8"))
    assert "exported with --raw" in package["description"]


def test_every_csv_command_neutralises_formulas_and_quotes_a_lone_cr(
    publishing_db: str, run: Callable[..., Result]
) -> None:
    query = "select '=HYPERLINK(\"x\")' as a, '+1' as b, '-2' as c, -2 as d, 'a' || char(13) || 'b' as e"
    if not publishing_db.endswith(".sqlite"):
        query = query.replace("char(13)", "chr(13)")
    result = run("--db", publishing_db, "sql", query, "--format", "csv")
    assert result.stdout == 'a,b,c,d,e\n"\'=HYPERLINK(""x"")",\'+1,\'-2,-2,"a\rb"\n'
    assert (
        run("--db", publishing_db, "sql", query, "--format", "csv", "--raw")
        .stdout.splitlines()[1]
        .startswith('"=HYPERLINK(""x"")",+1,-2,-2,')
    )
    flat = run("--db", publishing_db, "show", "--format", "csv")
    assert read_csv(flat.stdout)[1][FLAT_EVENT_COLUMNS.index("summary")] == "'=1+1"


LONE_CR_COLUMNS = {  # a text each command writes, in the table it comes from
    "quotes": ("statements", "text"),
    "figures": ("figures", "stated"),
    "actors": ("actors", "name"),
    "articles": ("articles", "title"),
    "places": ("places", "name"),
}


@pytest.mark.parametrize("command", [*LONE_CR_COLUMNS, "sql"])
@pytest.mark.parametrize("excel", [False, True])
def test_a_lone_cr_never_splits_a_row_of_any_csv_command(
    publishing_db: str, run: Callable[..., Result], command: str, excel: bool
) -> None:
    for table, column in LONE_CR_COLUMNS.values():
        execute(publishing_db, f"UPDATE {table} SET {column} = {column} || ?", "\rX")
    arguments = ["sql", "select name from places"] if command == "sql" else [command]
    result = run("--db", publishing_db, *arguments, "--format", "csv", *(["--excel"] if excel else []))
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode("utf-8").removeprefix("\ufeff")  # .stdout turns CRLF into LF
    rows = read_csv(text)
    assert len({len(row) for row in rows}) == 1  # every row as wide as the header: none split
    assert any(cell.endswith("\rX") for row in rows[1:] for cell in row)
    line_end = "\r\n" if excel else "\n"
    assert text.count(line_end) == len(rows)  # the CR inside a value is inside quotes, never a line end
    assert '\rX"' in text  # quoted


def test_excel_csv_starts_with_a_byte_order_mark_and_ends_lines_in_crlf(
    publishing_db: str, run: Callable[..., Result]
) -> None:
    result = run("--db", publishing_db, "actors", "--kind", "person", "--format", "csv", "--excel")
    assert result.stdout_bytes.startswith(BOM + b"id,name,kind,")
    assert result.stdout_bytes.count(b"\r\n") == 3  # the header and two people
    result = run("--db", publishing_db, "quotes", "--format", "csv", "--excel")
    assert result.stdout_bytes.startswith(BOM + b"statement_id,date,")


@pytest.mark.parametrize(
    "command", [["show"], ["quotes"], ["figures"], ["sql", "select 1"], ["export", "-o", "x.json"]]
)
def test_excel_and_raw_are_for_csv_only(
    loaded_db: str, run: Callable[..., Result], command: list[str], tmp_path: Path
) -> None:
    command = [str(tmp_path / part) if part.endswith(".json") else part for part in command]
    for flag in ("--excel", "--raw"):
        result = run("--db", loaded_db, *command, flag)
        assert (result.exit_code, result.stderr) == (1, f"Error: {flag} applies to --format csv only\n")


# --- the flat events table ---------------------------------------------------------------------------------------

FLAT_ROWS = [
    list(FLAT_EVENT_COLUMNS),
    [
        "police-disperse-crowd",
        "2022-01-06",
        "",
        "",
        "approximate",
        "",
        "Asia/Almaty",
        "undated in an article of 2022-01-08 describing the week",
        "security_operation",
        "Police use water cannons and tear gas in Almaty",
        "'=1+1",
        "Almaty; Republic Square",
        "almaty almaty-square",
        "43.25",
        "76.91667",
        "city",  # the square is the finer place; it has no point of its own, so it is drawn at Almaty's
        "almaty",
        "Kazakh police",
        "kazakh-police",
        "",
        "",
        "",
        "",
        "crowd-control",
        "1",
        "1",
        "Example Wire",
        "briefing",
    ],
    [
        "blinken-briefing",
        "2022-01-07",
        "",
        "",
        "day",
        "",
        "America/New_York",
        "",
        "diplomatic_reaction",
        "Blinken questions the deployment of Russian military aid",
        "'@once\rmore",
        "Washington",
        "washington",
        "38.9",
        "-77.04",
        "place",
        "washington",
        "Antony Blinken",
        "blinken",
        "",
        "",
        "Kassym-Jomart Tokayev",
        "tokayev",
        "",
        "1",
        "1",
        "Example Wire",
        "briefing",
    ],
    [
        "tokayev-kill-order",
        "2022-01-07",
        "",
        "",
        "day",
        "",
        "Asia/Almaty",
        '"on Friday" in an article published Saturday 2022-01-08',
        "government_action",
        'Tokayev orders forces to "kill without warning", the article reports',
        "",
        "Kazakhstan",
        "kazakhstan",
        "51.1801",
        "71.44598",
        "country",  # the country's representative point (its capital, from the shipped gazetteer), as in GeoJSON
        "kazakhstan",
        "Kassym-Jomart Tokayev",
        "tokayev",
        "",
        "",
        "",
        "",
        "shoot-to-kill",
        "1",
        "1",
        "Example Wire",
        "briefing",
    ],
]


def test_show_csv_is_one_row_per_event_with_coordinates_actors_by_role_and_sources(
    publishing_db: str, run: Callable[..., Result]
) -> None:
    result = run("--db", publishing_db, "show", "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert read_csv(result.stdout) == FLAT_ROWS
    assert result.stdout.count("\n") == 4  # LF line ends when piped; the lone CR is inside a quoted field


def test_show_csv_keeps_the_filters_and_the_paging_of_show(publishing_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", publishing_db, "show", "--format", "csv", "--actor", "Tokayev", "--limit", "1", "--page", "2")
    assert read_csv(result.stdout) == [FLAT_ROWS[0], FLAT_ROWS[3]]
    assert result.stderr == "showing events 2–2 of 2\n"
    result = run("--db", publishing_db, "show", "--format", "csv", "--actor", "Tokayev", "--limit", "1")
    assert read_csv(result.stdout) == [FLAT_ROWS[0], FLAT_ROWS[2]]
    assert result.stderr.startswith("showing events 1–1 of 2; --page 2 for the next 1")


def test_the_export_has_the_same_flat_table(publishing_db: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    target = tmp_path / "package"
    assert run("--db", publishing_db, "export", "--format", "csv", "-o", str(target)).exit_code == 0
    exported = read_csv((target / "events_flat.csv").read_bytes().decode("utf-8"))
    assert exported == FLAT_ROWS
    assert (target / "events_flat.csv").read_bytes().count(b"\r\n") == 4  # RFC 4180 line ends in the export


def test_every_actor_role_has_its_columns() -> None:
    assert list(ROLE_COLUMNS) == list(ACTOR_ROLES)


# --- the map view ------------------------------------------------------------------------------------------------


def test_event_locations_puts_each_event_place_at_its_point(publishing_db: str, run: Callable[..., Result]) -> None:
    result = run(
        "--db",
        publishing_db,
        "sql",
        "select event_id, place_position, place_id, latitude, longitude, location, located_at from event_locations "
        "order by event_id, place_position",
        "--format",
        "json",
    )
    assert json.loads(result.stdout) == [
        {
            "event_id": "blinken-briefing",
            "place_position": 0,
            "place_id": "washington",
            "latitude": 38.9,
            "longitude": -77.04,
            "location": "place",
            "located_at": "washington",
        },
        {
            "event_id": "police-disperse-crowd",
            "place_position": 0,
            "place_id": "almaty",
            "latitude": 43.25,
            "longitude": 76.91667,
            "location": "place",
            "located_at": "almaty",
        },
        {
            "event_id": "police-disperse-crowd",
            "place_position": 1,
            "place_id": "almaty-square",
            "latitude": 43.25,
            "longitude": 76.91667,
            "location": "city",
            "located_at": "almaty",
        },
        # tokayev-kill-order is "in Kazakhstan", which has no curated point: the database has none to give
    ]
