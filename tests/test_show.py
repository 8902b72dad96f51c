"""`kztimeline show`: the chronological timeline and its filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit

FULL_TIMELINE = """
Thursday 6 January 2022
  • approx.  Police use water cannons and tear gas in Almaty  [security_operation]
    Places: Almaty
    Actors: Kazakh police (actor)
    Tags: crowd-control
    Date evidence: undated in an article of 2022-01-08 describing the week
    Sources: [1]  (single source)

Friday 7 January 2022
  • Blinken questions the deployment of Russian military aid  [diplomatic_reaction]
    Places: Washington
    Actors: Antony Blinken (actor), Kassym-Jomart Tokayev (mentioned)
    “So it's not clear why they feel the need for any outside assistance. So we're trying to learn more about it” — Antony Blinken, press briefing [1 via BBC]
    Sources: [1]  (single source)
  • Tokayev orders forces to "kill without warning", the article reports  [government_action]
    Places: Kazakhstan
    Actors: Kassym-Jomart Tokayev (actor)
    Tags: shoot-to-kill
    Date evidence: "on Friday" in an article published Saturday 2022-01-08
    “…kill without warning…” — Kassym-Jomart Tokayev [1]
    Sources: [1]  (single source)

Sources
  [1] Example Wire, 2022-01-08: US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest (briefing)
"""


def event_ids(run: Callable[..., Result], db: Path, *filters: str) -> list[str]:
    result = run("--db", str(db), "show", "--format", "json", *filters)
    assert result.exit_code == 0, result.stderr
    return [event["id"] for event in json.loads(result.stdout)]


def test_piped_output_is_plain_text_grouped_by_day_with_numbered_sources(
    loaded_db: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(loaded_db), "show")
    assert result.exit_code == 0
    assert result.stdout == FULL_TIMELINE
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    "name", ["Tokayev", "tokayev", "TOKAYEV", "President Tokayev", "Kassym Jomart Tokayev", "Токаев"]
)
def test_actor_filter_takes_names_aliases_and_parts_case_insensitively(
    name: str, loaded_db: Path, run: Callable[..., Result]
) -> None:
    assert event_ids(run, loaded_db, "--actor", name) == ["blinken-briefing", "tokayev-kill-order"]


def test_actor_filter_includes_events_where_the_actor_speaks(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert event_ids(run, loaded_db, "--actor", "Blinken") == ["blinken-briefing"]


def test_repeated_actor_filters_combine_with_or(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert event_ids(run, loaded_db, "--actor", "Blinken", "--actor", "police") == [
        "police-disperse-crowd",
        "blinken-briefing",
    ]


def test_place_filter_includes_the_places_inside(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert event_ids(run, loaded_db, "--place", "Kazakhstan") == ["police-disperse-crowd", "tokayev-kill-order"]
    assert event_ids(run, loaded_db, "--place", "alma-ata") == ["police-disperse-crowd"]


def test_date_type_and_tag_filters(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert event_ids(run, loaded_db, "--from", "2022-01-07") == ["blinken-briefing", "tokayev-kill-order"]
    assert event_ids(run, loaded_db, "--to", "6 January 2022") == ["police-disperse-crowd"]
    assert event_ids(run, loaded_db, "--type", "government_action") == ["tokayev-kill-order"]
    assert event_ids(run, loaded_db, "--tag", "crowd-control", "--tag", "shoot-to-kill") == [
        "police-disperse-crowd",
        "tokayev-kill-order",
    ]
    assert event_ids(run, loaded_db, "--actor", "Tokayev", "--type", "diplomatic_reaction") == ["blinken-briefing"]


def test_limit(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert event_ids(run, loaded_db, "--limit", "1") == ["police-disperse-crowd"]


def test_no_match_says_so(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "show", "--place", "Washington", "--type", "detention")
    assert result.stdout == "No events match.\n"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--actor", "Tokaev", "Error: no actor matches 'Tokaev'; did you mean 'tokayev'?\n"),
        ("--place", "Almati", "Error: no place matches 'Almati'; did you mean 'Almaty' or 'Alma-Ata'?\n"),
        ("--type", "detentions", "Error: no event type matches 'detentions'; did you mean 'detention'?\n"),
        ("--tag", "shoot-to-kil", "Error: no tag matches 'shoot-to-kil'; did you mean 'shoot-to-kill'?\n"),
        ("--actor", "Zzyzx", "Error: no actor matches 'Zzyzx'\n"),
    ],
)
def test_unknown_names_are_one_line_errors_with_the_closest_matches(
    option: str, value: str, message: str, loaded_db: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(loaded_db), "show", option, value)
    assert result.exit_code == 1
    assert result.stderr == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("January 7", "'January 7' has no year; add one, or use YYYY-MM-DD"),
        ("2022-13-01", "'2022-13-01' is not a real date (there is no month 13)"),
        (
            "yesterday 2022",
            "'yesterday 2022' is not a date this tool reads; use YYYY-MM-DD (or YYYY-MM, YYYY, 7 January 2022)",
        ),
    ],
)
def test_bad_dates_are_refused(value: str, message: str, loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "show", "--from", value)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--from': {message}"


def test_a_missing_database_file_is_a_one_line_error(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(tmp_path / "nope.sqlite"), "show")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: database file not found: {tmp_path / 'nope.sqlite'} "
        f"(create and fill it with `kztimeline --db {tmp_path / 'nope.sqlite'} load`)\n"
    )
    assert not (tmp_path / "nope.sqlite").exists()


def test_show_pages_large_results_and_says_how_to_see_more(loaded_db: Path, run: Callable[..., Result]) -> None:
    first = run("--db", str(loaded_db), "show", "--limit", "2", "--format", "json")
    assert [event["id"] for event in json.loads(first.stdout)] == ["police-disperse-crowd", "blinken-briefing"]
    assert first.stderr == ("showing events 1–2 of 3; --page 2 for the next 1, --limit N for longer pages, or --all\n")
    second = run("--db", str(loaded_db), "show", "--limit", "2", "--page", "2", "--format", "json")
    assert [event["id"] for event in json.loads(second.stdout)] == ["tokayev-kill-order"]
    assert second.stderr == "showing events 3–3 of 3\n"
    everything = run("--db", str(loaded_db), "show", "--all", "--limit", "1", "--format", "json")
    assert len(json.loads(everything.stdout)) == 3
    assert everything.stderr == ""


def test_a_page_past_the_end_says_where_the_end_is(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "show", "--limit", "2", "--page", "9")
    assert result.exit_code == 1
    assert result.stderr == "Error: --page 9 is past the end: 3 events match, 2 pages of 2 (--page 2 is the last)\n"
    nothing = run("--db", str(loaded_db), "show", "--type", "detention", "--page", "2")
    assert (nothing.exit_code, nothing.stdout) == (0, "No events match.\n")


def test_a_word_that_fits_several_actors_is_an_error_unless_all_matches_is_given(
    seeds: Path, db_path: Path, run: Callable[..., Result]
) -> None:
    edit(
        seeds / "actors.yaml",
        "  - id: kazakh-police\n",
        "  - id: kazakh-government\n    name: Kazakh government\n    kind: government_body\n  - id: kazakh-police\n",
    )
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    ambiguous = run("--db", str(db_path), "show", "--actor", "kazakh")
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr == (
        "Error: 'kazakh' matches 2 actors: Kazakh government (kazakh-government), Kazakh police (kazakh-police); "
        "give one of these ids, or --all-matches for all of them\n"
    )
    both = run("--db", str(db_path), "show", "--actor", "kazakh", "--all-matches", "--format", "json")
    assert [event["id"] for event in json.loads(both.stdout)] == ["police-disperse-crowd"]
    # the same rule for quotations and figures
    assert run("--db", str(db_path), "quotes", "--actor", "kazakh").exit_code == 1
    assert run("--db", str(db_path), "quotes", "--actor", "kazakh", "--all-matches").exit_code == 0
    # an exact name wins over the words it shares with other names
    exact = run("--db", str(db_path), "show", "--actor", "Kazakh police", "--format", "json")
    assert [event["id"] for event in json.loads(exact.stdout)] == ["police-disperse-crowd"]
