"""`kztimeline export --format json`: the documented shape, whole or filtered."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from jsonschema import Draft202012Validator, FormatChecker

from kztimeline.resources import schema_path


def validate_export(document: Any) -> None:
    schema = json.loads(schema_path("export").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(document)


def test_full_export_matches_its_schema_and_holds_everything(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "export", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    validate_export(document)
    assert document["filters"] is None
    assert [e["id"] for e in document["events"]] == ["police-disperse-crowd", "blinken-briefing", "tokayev-kill-order"]
    assert [s["id"] for s in document["statements"]] == ["blinken-outside-assistance", "tokayev-kill-without-warning"]
    assert document["figures"][0]["stated"] == "at least 44"
    assert [a["id"] for a in document["actors"]] == ["bbc", "blinken", "cnn", "kazakh-police", "tokayev"]
    assert document["articles"][0]["text"].startswith("Published 13:22 IST, January 8th 2022")


def test_filtered_export_keeps_what_the_matching_events_refer_to(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "export", "--place", "Almaty")
    document = json.loads(result.stdout)
    validate_export(document)
    assert document["filters"]["places"] == ["Almaty"]
    assert [e["id"] for e in document["events"]] == ["police-disperse-crowd"]
    assert document["statements"] == []
    assert document["figures"] == []  # the one figure is about Kazakhstan as a whole
    assert [p["id"] for p in document["places"]] == ["almaty", "kazakhstan"]  # with its parent
    assert [a["id"] for a in document["actors"]] == ["kazakh-police"]


def test_export_to_a_file(loaded_db: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    target = tmp_path / "out.json"
    result = run("--db", str(loaded_db), "export", "--actor", "Blinken", "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {target}: 1 events, 1 statements, 0 figures, 1 articles, 3 actors, 1 places\n"
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [s["sources"][0]["via"] for s in document["statements"]] == ["BBC"]
    assert list(tmp_path.glob(".out.json.*")) == []


def test_ndjson_export_is_the_json_export_one_record_per_line(loaded_db: Path, run: Callable[..., Result]) -> None:
    document = json.loads(run("--db", str(loaded_db), "export").stdout)
    lines = [
        json.loads(line) for line in run("--db", str(loaded_db), "export", "--format", "ndjson").stdout.splitlines()
    ]
    header, records = lines[0], lines[1:]
    assert header == {
        "record": "header",
        "format": "kztimeline-export",
        "version": 1,
        "kztimeline_version": document["kztimeline_version"],
        "filters": None,
    }
    for section in ("events", "statements", "figures", "articles", "actors", "places"):
        kind = section[:-1]
        assert [{k: v for k, v in r.items() if k != "record"} for r in records if r["record"] == kind] == document[
            section
        ]
    assert [r["record"] for r in records] == sorted(
        (r["record"] for r in records), key=["event", "statement", "figure", "article", "actor", "place"].index
    )


@pytest.mark.parametrize("export_format", ["json", "ndjson"])
@pytest.mark.parametrize("filters", [(), ("--actor", "Tokayev"), ("--from", "2022-01-06", "--to", "2022-01-07")])
def test_sqlites_json_functions_write_the_same_bytes_as_python(
    loaded_sqlite_db: Path, export_format: str, filters: tuple[str, ...]
) -> None:
    """The SQLite fast path (events built by SQLite's JSON functions) must not differ from the generic one."""
    import io
    import sqlite3

    from kztimeline.cli.options import build_filter
    from kztimeline.date_input import parse_date_input
    from kztimeline.db.reader import Reader
    from kztimeline.export.json_export import write_json_export, write_ndjson_export

    write = write_ndjson_export if export_format == "ndjson" else write_json_export
    wanted = build_filter(
        tuple(filters[1:2]) if filters[:1] == ("--actor",) else (),
        (),
        parse_date_input(filters[1]) if filters[:1] == ("--from",) else None,
        parse_date_input(filters[3]) if filters[:1] == ("--from",) else None,
        (),
        (),
    )
    outputs = []
    for fast in (True, False):
        reader = Reader(sqlite3.connect(f"{loaded_sqlite_db.as_uri()}?mode=ro", uri=True), "sqlite")
        stream = io.StringIO()
        write(reader, wanted, stream, fast=fast)
        reader.close()
        outputs.append(stream.getvalue())
    assert outputs[0] == outputs[1]
    assert '"events": [\n    {"id":' in outputs[0] or '{"record":"event","id":' in outputs[0]


def test_an_exported_file_is_an_ordinary_file(loaded_db: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    import os

    umask = os.umask(0o022)
    try:
        target = tmp_path / "out.json"
        assert run("--db", loaded_db, "export", "-o", str(target)).exit_code == 0
        assert target.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


@pytest.mark.parametrize("export_format", ["json", "csv", "geojson", "html"])
def test_exporting_into_a_missing_directory_is_one_clear_error(
    export_format: str, loaded_sqlite_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "missing" / "out.export"
    result = run("--db", str(loaded_sqlite_db), "export", "--format", export_format, "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: the directory {target.parent} does not exist\n"
