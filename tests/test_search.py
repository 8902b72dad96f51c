"""`kztimeline search` and `show --search`: full-text search over events, quotations and articles."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit


def matches(run: Callable[..., Result], db: Path, *args: str) -> list[dict[str, object]]:
    result = run("--db", str(db), "search", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_search_finds_the_order_in_the_quotation_the_event_and_the_article(
    engine: str, loaded_db: Path, run: Callable[..., Result]
) -> None:
    found = {match["id"]: match for match in matches(run, loaded_db, "kill without warning")}
    assert {(match["kind"], match["id"]) for match in found.values()} == {
        ("statement", "tokayev-kill-without-warning"),
        ("event", "tokayev-kill-order"),
        ("article", "briefing"),
    }
    assert found["tokayev-kill-without-warning"] == {
        "kind": "statement",
        "id": "tokayev-kill-without-warning",
        "title": "Kassym-Jomart Tokayev",
        "snippet": "**kill without warning**",
        "date": "2022-01-07",
        "type": None,
        "speaker": "Kassym-Jomart Tokayev",
        "outlet": None,
    }
    assert (
        found["tokayev-kill-order"]["title"]
        == 'Tokayev orders forces to "**kill without warning**", the article reports'
    )
    # each engine cuts its snippets its own way (FTS5 marks the cuts with …)
    assert (
        found["briefing"]["snippet"]
        == {
            "sqlite": '…on Friday ordered peacekeeping forces to "**kill without warning**" as demonstrations against '
            "near-doubling prices of…",
            "postgresql": 'President Kassym-Jomart Tokayev on Friday ordered peacekeeping forces to "**kill without '
            'warning**" as demonstrations against near-doubling prices of fuel turned more violent',
        }[engine]
    )


def test_sqlite_ranks_the_shortest_match_first(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    assert [(m["kind"], m["id"]) for m in matches(run, loaded_sqlite_db, "kill without warning")] == [
        ("statement", "tokayev-kill-without-warning"),
        ("event", "tokayev-kill-order"),
        ("article", "briefing"),
    ]


def test_search_prints_matches_for_people(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "search", "kill without warning", "--kind", "event")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "event tokayev-kill-order  2022-01-07\n"
        '  Tokayev orders forces to "kill without warning", the article reports\n'
        "\n"
    )


def test_words_match_in_any_order_and_case(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert [m["id"] for m in matches(run, loaded_db, "WARNING Kill", "--kind", "statement")] == [
        "tokayev-kill-without-warning"
    ]


def test_a_query_that_is_not_valid_fts5_is_searched_as_plain_words(loaded_db: Path, run: Callable[..., Result]) -> None:
    # an unbalanced quote and an apostrophe are FTS5 syntax errors; the user still gets the words' matches
    assert [m["id"] for m in matches(run, loaded_db, '"outside assistance', "--kind", "statement")] == [
        "blinken-outside-assistance"
    ]
    assert [m["id"] for m in matches(run, loaded_db, "it's not clear", "--kind", "statement")] == [
        "blinken-outside-assistance"
    ]


def test_fts5_syntax_works_on_sqlite(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    found = matches(run, loaded_sqlite_db, "cannon* OR assistance")
    assert {(m["kind"], m["id"]) for m in found} == {
        ("event", "police-disperse-crowd"),
        ("statement", "blinken-outside-assistance"),
        ("article", "briefing"),
    }


def test_web_search_syntax_works_on_postgresql(engine: str, loaded_db: Path, run: Callable[..., Result]) -> None:
    if engine != "postgresql":
        pytest.skip("PostgreSQL's websearch_to_tsquery syntax")
    found = matches(run, loaded_db, "cannons or assistance")
    assert {(m["kind"], m["id"]) for m in found} == {
        ("event", "police-disperse-crowd"),
        ("statement", "blinken-outside-assistance"),
        ("article", "briefing"),
    }
    assert [m["id"] for m in matches(run, loaded_db, '"tear gas" -friday')] == ["police-disperse-crowd"]


def test_no_match_is_not_an_error(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "search", "zeppelin")
    assert (result.exit_code, result.stdout) == (0, "No matches.\n")


def test_an_empty_query_is_refused(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "search", "  ")
    assert result.exit_code == 1
    assert result.stderr == "Error: the search is empty: give some words to look for\n"


def test_load_keeps_the_index_in_step_with_the_seeds(seeds: Path, loaded_db: Path, run: Callable[..., Result]) -> None:
    edit(seeds / "events.yaml", "Police use water cannons", "Police use water guns")
    result = run("--db", str(loaded_db), "load", str(seeds))
    assert result.exit_code == 0, result.stderr
    assert matches(run, loaded_db, "cannons", "--kind", "event") == []
    assert [m["id"] for m in matches(run, loaded_db, "guns")] == ["police-disperse-crowd"]


def test_show_search_matches_event_texts_and_their_quotations(loaded_db: Path, run: Callable[..., Result]) -> None:
    def shown(*filters: str) -> list[str]:
        result = run("--db", str(loaded_db), "show", "--format", "json", *filters)
        assert result.exit_code == 0, result.stderr
        return [event["id"] for event in json.loads(result.stdout)]

    assert shown("--search", "tear gas") == ["police-disperse-crowd"]  # the event's title
    assert shown("--search", "outside assistance") == ["blinken-briefing"]  # a quotation attached to it
    assert shown("--search", "Friday") == []  # article text alone does not make an event match
    assert shown("--search", "warning", "--actor", "Blinken") == []  # combined with the other filters by AND


def test_export_search_records_the_query_in_its_header(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "export", "--search", "tear gas")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["filters"]["search"] == "tear gas"
    assert [event["id"] for event in document["events"]] == ["police-disperse-crowd"]


def test_a_query_matching_very_many_records_ranks_the_newest_and_says_so(
    loaded_sqlite_db: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kztimeline.query.search

    monkeypatch.setattr(kztimeline.query.search, "RANKING_WINDOW", 2)
    result = run("--db", str(loaded_sqlite_db), "search", "kill without warning", "--format", "json")
    assert result.exit_code == 0, result.stderr
    # the index is in date order, newest first: the article (published 2022-01-08), then the 2022-01-07 records in
    # kind order; the window of 2 holds the article and the event, ranked by bm25 (the event's title is shorter)
    assert [(m["kind"], m["date"]) for m in json.loads(result.stdout)] == [
        ("event", "2022-01-07"),
        ("article", "2022-01-08"),
    ]
    assert result.stderr == (
        "more than 2 records match: these are the best of the newest 2; add words to narrow the search\n"
    )


@pytest.mark.parametrize("query", ["tear gas", "outside assistance", "warning", "Blinken"])
def test_show_search_gives_the_same_events_walking_the_timeline_in_date_order(
    query: str, loaded_db: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A common word is tested event by event in date order, a rare one collected from the index: same answer."""
    import kztimeline.query.timeline

    def shown() -> str:
        result = run("--db", str(loaded_db), "show", "--search", query, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    collected = shown()
    monkeypatch.setattr(kztimeline.query.timeline, "_PROBE_CAP", 1)  # every probe "hits the cap": walk by date
    assert shown() == collected
    assert json.loads(collected)  # something matched
