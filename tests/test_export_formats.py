"""`kztimeline export --format csv|geojson|timelinejs`: CSV tables, a map, and a TimelineJS3 timeline."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from conftest import edit

from kztimeline import __version__
from kztimeline.resources import seeds_dir

BRIEFING_TITLE = "US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest"


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --- csv ---------------------------------------------------------------------------------------------------------


def test_csv_export_writes_one_file_per_table_into_a_directory(
    loaded_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "tables"
    result = run("--db", str(loaded_db), "export", "--format", "csv", "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == (
        f"wrote {target}: 3 events, 3 events_flat, 4 event_actors, 3 event_places, 2 event_tags, 3 citations, 2 statements, "
        "2 statement_sources, 1 figures, 1 articles, 5 actors, 3 places\n"
    )
    assert sorted(p.name for p in target.iterdir()) == [
        "actors.csv",
        "articles.csv",
        "citations.csv",
        "datapackage.json",
        "event_actors.csv",
        "event_places.csv",
        "event_tags.csv",
        "events.csv",
        "events_flat.csv",
        "figures.csv",
        "places.csv",
        "statement_sources.csv",
        "statements.csv",
    ]
    events = (target / "events.csv").read_bytes().decode("utf-8")
    assert events == (
        "id,date,date_end,date_latest,date_precision,time,timezone,date_note,type,title,summary\r\n"
        "police-disperse-crowd,2022-01-06,,,approximate,,Asia/Almaty,undated in an article of 2022-01-08 describing "
        "the week,security_operation,Police use water cannons and tear gas in Almaty,\r\n"
        "blinken-briefing,2022-01-07,,,day,,America/New_York,,diplomatic_reaction,"
        "Blinken questions the deployment of Russian military aid,\r\n"
        'tokayev-kill-order,2022-01-07,,,day,,Asia/Almaty,"""on Friday"" in an article published Saturday 2022-01-08",'
        'government_action,"Tokayev orders forces to ""kill without warning"", the article reports",\r\n'
    )
    assert read_csv((target / "event_actors.csv").read_text(encoding="utf-8")) == [
        ["event_id", "position", "actor_id", "actor", "role"],
        ["police-disperse-crowd", "0", "kazakh-police", "Kazakh police", "actor"],
        ["blinken-briefing", "0", "blinken", "Antony Blinken", "actor"],
        ["blinken-briefing", "1", "tokayev", "Kassym-Jomart Tokayev", "mentioned"],
        ["tokayev-kill-order", "0", "tokayev", "Kassym-Jomart Tokayev", "actor"],
    ]
    assert read_csv((target / "statements.csv").read_text(encoding="utf-8"))[:2] == [
        [
            "id",
            "date",
            "date_end",
            "date_latest",
            "date_precision",
            "time",
            "timezone",
            "date_note",
            "speaker_id",
            "speaker",
            "text",
            "partial",
            "venue",
            "place_id",
            "place",
            "event_id",
        ],
        [
            "blinken-outside-assistance",
            "2022-01-07",
            "",
            "",
            "day",
            "",
            "America/New_York",
            "",
            "blinken",
            "Antony Blinken",
            "So it's not clear why they feel the need for any outside assistance. So we're trying to learn more about it",
            "false",
            "press briefing",
            "",
            "",
            "blinken-briefing",
        ],
    ]
    assert read_csv((target / "statement_sources.csv").read_text(encoding="utf-8"))[:2] == [
        ["statement_id", "position", "article_id", "outlet", "via_id", "via", "excerpt"],
        [
            "blinken-outside-assistance",
            "0",
            "briefing",
            "Example Wire",
            "bbc",
            "BBC",
            "So it's not clear why they feel the need for any outside assistance. So we're trying to learn more about it",
        ],
    ]
    assert read_csv((target / "figures.csv").read_text(encoding="utf-8")) == [
        [
            "id",
            "metric",
            "label",
            "stated",
            "value",
            "low",
            "high",
            "qualifier",
            "scope",
            "place_id",
            "date",
            "date_end",
            "date_latest",
            "date_precision",
            "time",
            "timezone",
            "date_note",
            "stated_by_id",
            "via_id",
            "article_id",
            "outlet",
            "excerpt",
            "status",
            "superseded_by_id",
            "note",
        ],
        [
            "killed-44",
            "killed",
            "",
            "at least 44",
            "44",
            "",
            "",
            "at least",
            "nationwide",
            "kazakhstan",
            "2022-01-07",
            "",
            "",
            "day",
            "",
            "Asia/Almaty",
            "",
            "cnn",
            "",
            "briefing",
            "Example Wire",
            'at least 44, including 18 security personnel and 26 "armed criminals" were killed in the country, CNN reported',
            "current",
            "",
            "",
        ],
    ]
    assert read_csv((target / "actors.csv").read_text(encoding="utf-8"))[-1] == [
        "tokayev",
        "Kassym-Jomart Tokayev",
        "person",
        "President of Kazakhstan",
        "President Tokayev; Токаев",
    ]
    assert read_csv((target / "places.csv").read_text(encoding="utf-8")) == [
        ["id", "name", "kind", "parent_id", "latitude", "longitude", "geonames_id", "coordinates_source", "aliases"],
        ["almaty", "Almaty", "city", "kazakhstan", "43.25", "76.91667", "", "", "Alma-Ata"],
        ["kazakhstan", "Kazakhstan", "country", "", "", "", "", "", ""],
        ["washington", "Washington", "city", "", "", "", "", "", ""],
    ]
    articles = read_csv((target / "articles.csv").read_text(encoding="utf-8"))
    assert articles[0][-1] == "text"
    assert articles[1][:9] == [
        "briefing",
        BRIEFING_TITLE,
        "Example Wire",
        "",
        "",
        "",  # retrieved: the text is curated from a saved file
        "2022-01-08T13:22+05:30",
        "2022-01-08",
        "false",
    ]
    assert articles[1][-1].startswith("Published 13:22 IST, January 8th 2022")  # the full text, line breaks kept
    assert list(tmp_path.glob(".tables*")) == []


def test_csv_export_to_a_zip_honours_the_filters(loaded_db: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    target = tmp_path / "blinken.zip"
    result = run("--db", str(loaded_db), "export", "--format", "csv", "--actor", "Blinken", "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == (
        f"wrote {target}: 1 events, 1 events_flat, 2 event_actors, 1 event_places, 0 event_tags, 1 citations, 1 statements, "
        "1 statement_sources, 0 figures, 1 articles, 3 actors, 1 places\n"
    )
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [
            "events.csv",
            "events_flat.csv",
            "event_actors.csv",
            "event_places.csv",
            "event_tags.csv",
            "citations.csv",
            "statements.csv",
            "statement_sources.csv",
            "figures.csv",
            "articles.csv",
            "actors.csv",
            "places.csv",
            "datapackage.json",
        ]
        tables = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert read_csv(tables["events.csv"]) == [
        [
            "id",
            "date",
            "date_end",
            "date_latest",
            "date_precision",
            "time",
            "timezone",
            "date_note",
            "type",
            "title",
            "summary",
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
            "",
        ],
    ]
    assert tables["event_tags.csv"] == "event_id,position,tag\r\n"
    assert tables["figures.csv"].count("\r\n") == 1  # the header only: CNN stated the one figure
    assert [row[0] for row in read_csv(tables["actors.csv"])] == ["id", "bbc", "blinken", "tokayev"]
    assert [row[0] for row in read_csv(tables["places.csv"])] == ["id", "washington"]


def test_csv_export_needs_a_directory_or_zip(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "export", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: --format csv writes one file per table: give -o DIR, -o FILE.zip, or -o - for a zip on stdout\n"
    )


def test_csv_export_replaces_a_previous_export_but_not_other_files(
    loaded_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "tables"
    assert run("--db", str(loaded_db), "export", "--format", "csv", "-o", str(target)).exit_code == 0
    result = run("--db", str(loaded_db), "export", "--format", "csv", "--place", "Almaty", "-o", str(target))
    assert result.exit_code == 0
    assert len(read_csv((target / "events.csv").read_text(encoding="utf-8"))) == 2  # the header and one event
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("--db", str(loaded_db), "export", "--format", "csv", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {target} holds files that are not a CSV export (notes.txt); choose a new or empty directory\n"
    )
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failed_csv_export_leaves_nothing(
    loaded_db: Path, tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kztimeline.export.csv_export as csv_export

    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(csv_export, "other_sections", broken)  # fails after the statements tables are written
    for name in ("tables", "tables.zip"):
        result = run("--db", str(loaded_db), "export", "--format", "csv", "-o", str(tmp_path / name))
        assert result.exit_code == 1
        assert result.stderr == "Error: unexpected RuntimeError: disk on fire (run with --debug for the traceback)\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "tables" in p.name) == []


# --- geojson -----------------------------------------------------------------------------------------------------


def test_geojson_of_one_event_is_a_feature_collection_with_its_place(
    loaded_db: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(loaded_db), "export", "--format", "geojson", "--place", "Almaty")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "event:police-disperse-crowd:almaty",
                "geometry": {"type": "Point", "coordinates": [76.91667, 43.25]},  # longitude, latitude
                "properties": {
                    "record": "event",
                    "id": "police-disperse-crowd",
                    "date": "2022-01-06",
                    "date_end": None,
                    "date_latest": None,
                    "date_precision": "approximate",
                    "time": None,
                    "timezone": "Asia/Almaty",
                    "type": "security_operation",
                    "title": "Police use water cannons and tear gas in Almaty",
                    "place_id": "almaty",
                    "place": "Almaty",
                    "location": "place",  # the place's own curated coordinates
                    "located_at": "almaty",
                    "actors": [{"id": "kazakh-police", "name": "Kazakh police", "role": "actor"}],
                    "tags": ["crowd-control"],
                    "sources": [{"article_id": "briefing", "outlet": "Example Wire"}],
                },
            },
            {
                "type": "Feature",
                "id": "place:almaty",
                "geometry": {"type": "Point", "coordinates": [76.91667, 43.25]},
                "properties": {
                    "record": "place",
                    "id": "almaty",
                    "name": "Almaty",
                    "kind": "city",
                    "parent_id": "kazakhstan",
                    "parent": "Kazakhstan",
                    "location": "place",
                    "located_at": "almaty",
                },
            },
            {
                "type": "Feature",
                "id": "place:kazakhstan",
                "geometry": {"type": "Point", "coordinates": [71.44598, 51.1801]},  # Kazakhstan's capital, Astana
                "properties": {
                    "record": "place",
                    "id": "kazakhstan",
                    "name": "Kazakhstan",
                    "kind": "country",
                    "parent_id": None,
                    "parent": None,
                    "location": "country",
                    "located_at": "kazakhstan",
                },
            },
        ],
        "not_mapped": {"events": 0, "places": 0},
    }
    assert result.stdout.count("\n") == 5  # one feature per line


def test_geojson_places_a_country_at_its_point_and_leaves_out_what_it_cannot_locate(
    loaded_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "map.geojson"
    result = run("--db", str(loaded_db), "export", "--format", "geojson", "-o", str(target))
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"wrote {target}: 2 event features, 2 place features, 1 events not mapped, 1 places not mapped\n"
    )
    document = json.loads(target.read_text(encoding="utf-8"))
    located = {
        feature["id"]: (feature["properties"]["location"], feature["properties"]["located_at"])
        for feature in document["features"]
    }
    assert located == {
        "event:police-disperse-crowd:almaty": ("place", "almaty"),
        "event:tokayev-kill-order:kazakhstan": ("country", "kazakhstan"),  # "in Kazakhstan": at country level
        "place:almaty": ("place", "almaty"),
        "place:kazakhstan": ("country", "kazakhstan"),
    }
    # Washington has no coordinates, no containing place and is no country: not drawn anywhere, but counted
    assert document["not_mapped"] == {"events": 1, "places": 1}


def test_geojson_finds_a_country_by_a_spelling_variant_without_its_geonames_id(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    # the fixture's country has no geonames_id: it is found by name, here ISO 3166's own spelling until 1997
    edit(seeds / "places.yaml", "name: Kazakhstan", "name: Kazakstan")
    database = tmp_path / "db.sqlite"
    assert run("--db", str(database), "load", str(seeds)).exit_code == 0
    document = json.loads(run("--db", str(database), "export", "--format", "geojson").stdout)
    country = next(f for f in document["features"] if f["id"] == "place:kazakhstan")
    assert country["geometry"]["coordinates"] == [71.44598, 51.1801]
    assert (country["properties"]["name"], country["properties"]["location"]) == ("Kazakstan", "country")


def test_geojson_places_every_curated_place(tmp_path: Path, run: Callable[..., Result]) -> None:
    database = tmp_path / "curated.sqlite"
    assert run("--db", str(database), "load", str(seeds_dir())).exit_code == 0
    document = json.loads(run("--db", str(database), "export", "--format", "geojson").stdout)
    sections = [yaml.safe_load(path.read_text(encoding="utf-8")) or {} for path in seeds_dir().glob("*.yaml")]
    curated = {record["id"] for section in sections for record in section.get("places") or []}
    placeless = [record["id"] for section in sections for record in section.get("events") or [] if not record["places"]]
    assert len(curated) > 10
    assert {f["properties"]["id"] for f in document["features"] if f["properties"]["record"] == "place"} == curated
    # only the events that name no place at all are off the map
    assert document["not_mapped"] == {"events": len(placeless), "places": 0}


def test_geojson_draws_a_site_at_the_city_that_contains_it(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    places = seeds / "places.yaml"
    places.write_text(
        places.read_text(encoding="utf-8") + "  - id: almaty-square\n    name: Republic Square\n    kind: site\n"
        "    parent: almaty\n",
        encoding="utf-8",
    )
    database = tmp_path / "db.sqlite"
    assert run("--db", str(database), "load", str(seeds)).exit_code == 0
    result = run("--db", str(database), "export", "--format", "geojson")
    document = json.loads(result.stdout)
    square = next(f for f in document["features"] if f["id"] == "place:almaty-square")
    assert square["geometry"]["coordinates"] == [76.91667, 43.25]
    assert (square["properties"]["location"], square["properties"]["located_at"]) == ("city", "almaty")


def test_geojson_with_no_matching_event_is_still_a_feature_collection(
    loaded_db: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(loaded_db), "export", "--format", "geojson", "--from", "2023-01-01")
    assert result.stdout == '{"type":"FeatureCollection","features":[],"not_mapped":{"events":0,"places":0}}\n'


# --- timelinejs --------------------------------------------------------------------------------------------------


@pytest.fixture
def edited_db(seeds: Path, db_path: Path, run: Callable[..., Result]) -> Path:
    """The fixture seeds with a timed event, a date range, HTML in a title and summary, and an article URL."""
    edit(seeds / "events.yaml", "    approximate: true\n", "    date_end: 2022-01-07\n")
    edit(
        seeds / "events.yaml",
        "    date: 2022-01-07\n    date_note:",
        '    date: 2022-01-07\n    time: "14:30"\n    date_note:',
    )
    edit(
        seeds / "events.yaml",
        "title: Blinken questions the deployment of Russian military aid",
        "title: Blinken questions the <b>deployment</b> of Russian military aid & more\n"
        "    summary: \"<script>alert('x')</script>\"",
    )
    edit(
        seeds / "articles.yaml",
        "    outlet: Example Wire\n",
        "    outlet: Example Wire\n    url: https://example.com/b?a=1&c=2\n",
    )
    result = run("--db", str(db_path), "load", str(seeds))
    assert result.exit_code == 0, result.stderr
    return db_path


SOURCE_LINK = (
    '<p>Sources:</p><ul><li><a href="https://example.com/b?a=1&amp;c=2">Example Wire, 2022-01-08: '
    f"“{BRIEFING_TITLE}”</a> [briefing]</li></ul>"
)


def test_timelinejs_slides_for_a_timed_event_and_a_date_range(edited_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(edited_db), "export", "--format", "timelinejs")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["title"] == {
        "text": {
            "headline": "The January 2022 unrest in Kazakhstan",
            "text": f"<p>A sourced timeline exported by kztimeline {__version__}: every event lists the articles that "
            "report it. Dates are Almaty local time (UTC+6) unless marked otherwise.</p>",
        }
    }
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert list(slides) == ["police-disperse-crowd", "blinken-briefing", "tokayev-kill-order"]
    assert slides["tokayev-kill-order"] == {
        "unique_id": "tokayev-kill-order",
        "start_date": {"year": 2022, "month": 1, "day": 7, "hour": 14, "minute": 30},
        "text": {
            "headline": 'Tokayev orders forces to "kill without warning", the article reports',
            "text": "<blockquote>“kill without warning” — Kassym-Jomart Tokayev</blockquote>" + SOURCE_LINK,
        },
        "group": "government action",
    }
    assert slides["police-disperse-crowd"] == {
        "unique_id": "police-disperse-crowd",
        "start_date": {"year": 2022, "month": 1, "day": 6},
        "end_date": {"year": 2022, "month": 1, "day": 7},
        "text": {"headline": "Police use water cannons and tear gas in Almaty", "text": SOURCE_LINK},
        "group": "security operation",
    }


def test_timelinejs_escapes_html_in_the_data(edited_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(edited_db), "export", "--format", "timelinejs", "--actor", "Blinken")
    document = json.loads(result.stdout)
    assert document["title"]["text"]["text"].endswith("<p>Selected: actor Blinken</p>")
    assert document["events"] == [
        {
            "unique_id": "blinken-briefing",
            "start_date": {"year": 2022, "month": 1, "day": 7, "display_date": "7 January 2022 (America/New_York)"},
            "text": {
                "headline": "Blinken questions the &lt;b&gt;deployment&lt;/b&gt; of Russian military aid &amp; more",
                "text": "<p>&lt;script&gt;alert('x')&lt;/script&gt;</p>"
                "<blockquote>“So it's not clear why they feel the need for any outside assistance. So we're trying to "
                "learn more about it” — Antony Blinken, press briefing, as quoted by BBC</blockquote>" + SOURCE_LINK,
            },
            "group": "diplomatic reaction",
        }
    ]


def test_timelinejs_without_a_url_names_the_source_and_groups_by_actor(
    loaded_db: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(loaded_db), "export", "--format", "timelinejs", "--group-by", "actor")
    assert result.exit_code == 0
    slides = json.loads(result.stdout)["events"]
    assert [slide["group"] for slide in slides] == ["Kazakh police", "Antony Blinken", "Kassym-Jomart Tokayev"]
    assert slides[0]["start_date"] == {"year": 2022, "month": 1, "day": 6, "display_date": "about 6 January 2022"}
    assert (
        slides[0]["text"]["text"]
        == f"<p>Sources:</p><ul><li>Example Wire, 2022-01-08: “{BRIEFING_TITLE}” [briefing]</li></ul>"
    )


def test_group_by_is_only_for_timelinejs(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "export", "--format", "geojson", "--group-by", "actor")
    assert result.exit_code == 1
    assert result.stderr == "Error: --group-by applies to --format timelinejs only\n"
