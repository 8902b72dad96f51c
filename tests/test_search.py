"""`kztimeline search` and `show --search`: full-text search over events, quotations and articles."""

from __future__ import annotations

import itertools
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


# --- long texts: snippets from a window, and the time limit -------------------------------------------------------


def add_long_article(db: str, body: str) -> None:
    """An article row of the search index with ``body`` as its text, as `load` would write it."""
    if not db.startswith("postgresql"):
        import sqlite3

        with sqlite3.connect(db) as connection:
            rowid = connection.execute(
                "INSERT INTO search_index (kind, ref_id, title, body) VALUES ('article', 'long', 'A long read', ?)",
                (body,),
            ).lastrowid
            connection.execute("INSERT INTO search_index_refs VALUES ('article', 'long', ?)", (rowid,))
        connection.close()
        return
    import psycopg

    with psycopg.connect("postgresql://" + db.split("://", 1)[1]) as connection:
        connection.execute(
            "INSERT INTO search_index (kind, ref_id, title, body) VALUES ('article', 'long', 'A long read', %s)",
            (body,),
        )


FILLER = "the crowd gathered near the akimat while the police watched from the corner. " * 4_000  # 312 KB


def test_a_long_text_gets_its_snippet_from_the_window_of_its_first_match(
    engine: str, loaded_db: str, run: Callable[..., Result]
) -> None:
    add_long_article(loaded_db, FILLER + "Then the zeppelin landed in the square. " + FILLER)
    found = matches(run, loaded_db, "zeppelin", "--kind", "article")
    assert [(match["id"], match["title"]) for match in found] == [("long", "A long read")]
    snippet = str(found[0]["snippet"])
    assert "**zeppelin**" in snippet
    if engine == "sqlite":  # FTS5 marks its cuts, ts_headline does not
        assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 300


def test_a_long_text_matched_by_its_title_only_shows_its_first_words(
    loaded_db: str, run: Callable[..., Result]
) -> None:
    add_long_article(loaded_db, FILLER)
    found = matches(run, loaded_db, "read", "--kind", "article")
    assert found[0]["title"] == "A long **read**"
    assert str(found[0]["snippet"]).startswith("the crowd gathered near the akimat")
    assert len(str(found[0]["snippet"])) < 300


def test_text_windows_cover_the_text_between_words_and_overlap() -> None:
    from kztimeline.query.search import text_windows

    text = " ".join(f"word{number:05d}" for number in range(20_000))  # 200 KB
    windows = text_windows(text, 10_000)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    for (start, end), (next_start, _) in itertools.pairwise(windows):
        assert next_start < end  # an overlap: a phrase across a cut is whole in the next window
        assert text[end] == " " and text[next_start - 1] == " "  # cut between words
        assert end - start <= 10_000


class _SlowClock:
    """Stands in for the ``time`` module of kztimeline.query.sql: every reading is 10 ms after the one before, so the
    limit runs out after a fixed amount of work, however fast the machine is."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 0.01
        return self.now


def test_search_stops_at_its_time_limit(
    loaded_sqlite_db: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_long_article(str(loaded_sqlite_db), FILLER * 16)  # 5 MB tried window by window
    monkeypatch.setattr("kztimeline.query.sql.time", _SlowClock())
    result = run("--db", str(loaded_sqlite_db), "search", "read", "--time-limit", "0.05")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: query stopped after 0.05 s (the time limit); raise it with --time-limit SECONDS\n"
    assert run("--db", str(loaded_sqlite_db), "search", "read", "--time-limit", "nan").exit_code == 2
