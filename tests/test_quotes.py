"""`kztimeline quotes`: every quotation, attached to an event or not, with when, where and who reported it.

The dataset is tests/data/figures-seeds: the small fixture's two quotations (Blinken's, relayed by BBC, and Tokayev's
partial "kill without warning") plus one that belongs to no event (the Ministry of Health at 09:00 on 10 January).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

FIGURES_SEEDS = Path(__file__).parent / "data" / "figures-seeds"


@pytest.fixture
def quotes_db(engine_db: str, run: Callable[..., Result]) -> str:
    result = run("--db", engine_db, "load", str(FIGURES_SEEDS))
    assert result.exit_code == 0, result.stderr
    return engine_db


ALL_QUOTES = """
Friday 7 January 2022
  • America/New_York  “So it's not clear why they feel the need for any outside assistance. So we're trying to learn more about it” — Antony Blinken, press briefing
    Event: Blinken questions the deployment of Russian military aid (blinken-briefing)
    Sources: [1 via BBC]  (single source)
  • “…kill without warning…” — Kassym-Jomart Tokayev
    Event: Tokayev orders forces to "kill without warning", the article reports (tokayev-kill-order)
    Sources: [1]  (single source)

Monday 10 January 2022
  • 09:00  “The situation is under control” — Ministry of Health, remarks to reporters, Almaty
    Date evidence: "at 9:00 on Monday" in an article published Monday 2022-01-10
    Sources: [2]  (single source)

Sources
  [1] Example Wire, 2022-01-08: US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest (briefing)
  [2] Example Daily, 2022-01-10: Kazakhstan death toll revised upwards (update)
"""


def test_every_quotation_by_day_including_those_in_no_event(quotes_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", quotes_db, "quotes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ALL_QUOTES


def test_actor_matches_the_speaker_by_part_of_the_name(quotes_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", quotes_db, "quotes", "--actor", "Tokayev", "--format", "json")
    assert [quote["id"] for quote in json.loads(result.stdout)] == ["tokayev-kill-without-warning"]


def test_an_unknown_speaker_is_an_error_with_the_closest_name(quotes_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", quotes_db, "quotes", "--actor", "Blinkin")
    assert result.exit_code == 1
    assert result.stderr == "Error: no actor matches 'Blinkin'; did you mean 'blinken'?\n"


def test_search_uses_the_full_text_index(quotes_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", quotes_db, "quotes", "--search", "outside assistance", "--format", "json")
    assert [quote["id"] for quote in json.loads(result.stdout)] == ["blinken-outside-assistance"]


def test_dates_limit_and_a_note_when_more_match(quotes_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", quotes_db, "quotes", "--from", "2022-01-07", "--to", "2022-01-07", "--limit", "1")
    assert result.stdout.splitlines()[1:3] == [
        "Friday 7 January 2022",
        "  • America/New_York  “So it's not clear why they feel the need for any outside assistance. So we're trying to"
        " learn more about it” — Antony Blinken, press briefing",
    ]
    assert result.stderr == (
        "showing quotations 1–1 of 2; --page 2 for the next 1, --limit N for longer pages, or --all\n"
    )
    second = run(
        "--db", quotes_db, "quotes", "--from", "2022-01-07", "--to", "2022-01-07", "--limit", "1", "--page", "2"
    )
    assert "“…kill without warning…” — Kassym-Jomart Tokayev" in second.stdout
    assert "Blinken" not in second.stdout


def test_json_has_the_event_title_and_the_intermediary(quotes_db: str, run: Callable[..., Result]) -> None:
    quotes = json.loads(run("--db", quotes_db, "quotes", "--format", "json").stdout)
    blinken, tokayev, ministry = quotes
    assert blinken["event_title"] == "Blinken questions the deployment of Russian military aid"
    assert [(s["article_id"], s["outlet"], s["via_id"], s["via"]) for s in blinken["sources"]] == [
        ("briefing", "Example Wire", "bbc", "BBC")
    ]
    assert tokayev["partial"] is True
    assert (ministry["event_id"], ministry["event_title"], ministry["time"], ministry["place"]) == (
        None,
        None,
        "09:00",
        "Almaty",
    )


def test_csv_has_one_row_per_quotation(quotes_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", quotes_db, "quotes", "--actor", "blinken", "--format", "csv")
    assert result.stdout == (
        "statement_id,date,date_end,date_precision,time,timezone,speaker_id,speaker,text,partial,venue,place,"
        "event_id,event_title,sources,article_ids\n"
        "blinken-outside-assistance,2022-01-07,,day,,America/New_York,blinken,Antony Blinken,"
        "So it's not clear why they feel the need for any outside assistance. So we're trying to learn more about it,"
        "false,press briefing,,blinken-briefing,Blinken questions the deployment of Russian military aid,"
        '"Example Wire, 2022-01-08 (briefing) via BBC",briefing\n'
    )


def test_nothing_matching_says_so(quotes_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", quotes_db, "quotes", "--from", "2022-02-01")
    assert result.stdout == "No quotations match.\n"
