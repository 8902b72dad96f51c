"""A date known only within a window reads as uncertain, never as a duration; a real duration keeps its range."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit
from sqlalchemy import text

from kztimeline.db import migrate
from kztimeline.db.engine import make_engine

# the fixture's police event becomes a window of uncertainty: some day between Sunday 2 and Thursday 6 January
WINDOW = ("    date: 2022-01-06\n    approximate: true\n", "    date: 2022-01-02\n    date_latest: 2022-01-06\n")


@pytest.fixture
def window_db(seeds: Path, db_path: Path, run: Callable[..., Result]) -> Path:
    edit(seeds / "events.yaml", *WINDOW)
    result = run("--db", str(db_path), "load", str(seeds))
    assert result.exit_code == 0, result.stderr
    return db_path


def test_show_says_the_day_is_not_stated_and_gives_the_evidence(window_db: Path, run: Callable[..., Result]) -> None:
    lines = run("--db", str(window_db), "show").stdout.splitlines()
    assert lines[1:7] == [
        "Between Sun 2 and Thu 6 January 2022 (day not stated)",
        "  • Police use water cannons and tear gas in Almaty  [security_operation]",
        "    Places: Almaty",
        "    Actors: Kazakh police (actor)",
        "    Tags: crowd-control",
        "    Date evidence: undated in an article of 2022-01-08 describing the week",
    ]
    quiet = run("--db", str(window_db), "show", "--no-notes").stdout
    assert "Date evidence" not in quiet
    assert "Between Sun 2 and Thu 6 January 2022 (day not stated)" in quiet


def test_json_keeps_the_window_apart_from_a_duration(window_db: Path, run: Callable[..., Result]) -> None:
    [event] = json.loads(run("--db", str(window_db), "show", "--type", "security_operation", "--format", "json").stdout)
    assert (event["date"], event["date_end"], event["date_latest"], event["date_precision"]) == (
        "2022-01-02",
        None,
        "2022-01-06",
        "window",
    )


def test_a_window_is_found_by_any_day_it_may_be(window_db: Path, run: Callable[..., Result]) -> None:
    def ids(*filters: str) -> list[str]:
        return [e["id"] for e in json.loads(run("--db", str(window_db), "show", "--format", "json", *filters).stdout)]

    assert "police-disperse-crowd" in ids("--from", "2022-01-04", "--to", "2022-01-04")
    assert "police-disperse-crowd" not in ids("--from", "2022-01-07")


def test_profiles_show_the_window_in_words(window_db: Path, run: Callable[..., Result]) -> None:
    profile = run("--db", str(window_db), "actor", "kazakh-police").stdout
    assert "  between 2022-01-02 and 2022-01-06  Police use water cannons" in profile


def test_timelinejs_puts_a_window_at_its_start_with_a_display_date(window_db: Path, run: Callable[..., Result]) -> None:
    document = json.loads(run("--db", str(window_db), "export", "--format", "timelinejs").stdout)
    slide = next(s for s in document["events"] if s["unique_id"] == "police-disperse-crowd")
    assert "end_date" not in slide
    assert slide["start_date"] == {"year": 2022, "month": 1, "day": 2, "display_date": "Between 2 and 6 January 2022"}
    assert slide["display_date"] == "Between 2 and 6 January 2022"


def test_the_html_page_heads_a_window_as_uncertain(window_db: Path, run: Callable[..., Result]) -> None:
    page = run("--db", str(window_db), "export", "--format", "html").stdout
    assert "<h3>Between Sun 2 and Thu 6 January 2022 (day not stated)</h3>" in page
    assert (
        '<p class="meta date-note">Date evidence: undated in an article of 2022-01-08 describing the week</p>' in page
    )


def test_a_duration_keeps_its_range(seeds: Path, db_path: Path, run: Callable[..., Result]) -> None:
    edit(seeds / "events.yaml", *(WINDOW[0], "    date: 2022-01-05\n    date_end: 2022-01-06\n"))
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    assert "\nWednesday 5 – Thursday 6 January 2022\n" in run("--db", str(db_path), "show").stdout
    document = json.loads(run("--db", str(db_path), "export", "--format", "timelinejs").stdout)
    slide = next(s for s in document["events"] if s["unique_id"] == "police-disperse-crowd")
    assert slide["end_date"] == {"year": 2022, "month": 1, "day": 6}


@pytest.mark.parametrize(
    ("replacement", "problem"),
    [
        (
            "    date: 2022-01-02\n    date_end: 2022-01-04\n    date_latest: 2022-01-06\n",
            "events.yaml:5:18: events[police-disperse-crowd].date_latest: give date_end (a duration: it lasted until"
            " then) or date_latest (a window: one day in it, not stated which), not both",
        ),
        (
            "    date: 2022-01-06\n    date_latest: 2022-01-06\n",
            "events.yaml:4:18: events[police-disperse-crowd].date_latest: a window must end after its first day"
            " (2022-01-06); for one known day leave date_latest out",
        ),
        (
            "    date: 2022-01-02\n    approximate: true\n    date_latest: 2022-01-06\n",
            "events.yaml:4:18: events[police-disperse-crowd].approximate: a window (date_latest) already says the day"
            " is uncertain",
        ),
    ],
)
def test_a_window_is_checked(replacement: str, problem: str, seeds: Path, run: Callable[..., Result]) -> None:
    edit(seeds / "events.yaml", WINDOW[0], replacement)
    result = run("validate", str(seeds))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(problem), result.stderr


def test_migration_0004_keeps_the_loaded_rows_and_adds_the_window_column(tmp_path: Path) -> None:
    """Data migration: a database at 0003 holding an event upgrades with the event intact and no window set."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    migrate.upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO events (id, date_start, date_end, date_precision, timezone, type, title) "
                "VALUES ('e', '2022-01-02', '2022-01-07', 'range', 'Asia/Almaty', 'protest', 'A protest')"
            )
        )
    migrate.upgrade(engine, "0004")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT event_id, date, date_end, date_latest, date_precision FROM timeline")
        ).one()
    assert tuple(row) == ("e", "2022-01-02", "2022-01-07", None, "range")
    migrate.downgrade(engine, "0003")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT id, date_end FROM events")).one() == ("e", "2022-01-07")
