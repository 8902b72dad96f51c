"""Every date option reads what people type the same way: ``show``/``quotes``/``export`` --from/--to and
``parse``/``import`` --published (see ``kztimeline.date_input``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

ARTICLES = Path(__file__).parent / "data" / "articles"


def shown(run: Callable[..., Result], db: Path, *filters: str) -> list[str]:
    result = run("--db", str(db), "show", "--format", "json", *filters)
    assert result.exit_code == 0, result.stderr
    return [event["id"] for event in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (("--from", "2022-01-07"), ["blinken-briefing", "tokayev-kill-order"]),
        (("--from", "2022-1-7"), ["blinken-briefing", "tokayev-kill-order"]),
        (("--from", "2022/01/07"), ["blinken-briefing", "tokayev-kill-order"]),
        (("--from", "2022-01-07T10:00"), ["blinken-briefing", "tokayev-kill-order"]),
        (("--from", "2022-01-07 10:00"), ["blinken-briefing", "tokayev-kill-order"]),
        (("--to", "2022-01-06T23:59:59+06:00"), ["police-disperse-crowd"]),
        # 20:00 in London on the 6th is 02:00 on the 7th in Almaty
        (("--from", "2022-01-06T20:00Z"), ["blinken-briefing", "tokayev-kill-order"]),
        (("--from", "7 Jan 2022"), ["blinken-briefing", "tokayev-kill-order"]),
        (("--to", "January 6, 2022"), ["police-disperse-crowd"]),
        (("--to", "6 января 2022"), ["police-disperse-crowd"]),
        (("--from", "2022-01", "--to", "2022-01"), ["police-disperse-crowd", "blinken-briefing", "tokayev-kill-order"]),
        (("--from", "2022", "--to", "2022"), ["police-disperse-crowd", "blinken-briefing", "tokayev-kill-order"]),
        (("--to", "2021"), []),
        (("--from", "2022-02"), []),
    ],
)
def test_show_reads_every_date_form_the_same_way(
    loaded_sqlite_db: Path, run: Callable[..., Result], filters: tuple[str, ...], expected: list[str]
) -> None:
    assert shown(run, loaded_sqlite_db, *filters) == expected


def test_an_ambiguous_numeric_date_is_refused_with_both_readings(
    loaded_sqlite_db: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(loaded_sqlite_db), "show", "--from", "01/07/2022")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--from': '01/07/2022' is ambiguous: 1 July 2022 (day first) or "
        "7 January 2022 (month first); write it as YYYY-MM-DD: 2022-07-01 or 2022-01-07"
    )


def test_a_window_that_ends_before_it_begins_is_refused(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_sqlite_db), "show", "--from", "2022-01", "--to", "2021-12-31")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1]
        == "Error: Invalid value for --to: --to 2021-12-31 ends before --from 2022-01 begins"
    )


def test_quotes_take_the_same_dates(loaded_sqlite_db: Path, run: Callable[..., Result]) -> None:
    result = run(
        "--db", str(loaded_sqlite_db), "quotes", "--from", "2022-01", "--to", "7 January 2022", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2
    none = run("--db", str(loaded_sqlite_db), "quotes", "--to", "2022-01-06", "--format", "json")
    assert json.loads(none.stdout) == []


def test_import_writes_a_typed_date_time_with_its_offset(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(ARTICLES / "undated_en.txt"), "--seeds", str(seeds), "--published", "2022-01-11 09:00")
    assert result.exit_code == 0, result.stderr
    drafts = yaml.safe_load((seeds / "article-traders-count-losses-at-the-border.yaml").read_text(encoding="utf-8"))
    assert drafts["articles"][0]["published"] == "2022-01-11T09:00+06:00"


def test_import_refuses_a_month_as_a_publication_date(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(ARTICLES / "undated_en.txt"), "--seeds", str(seeds), "--published", "2022-01")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--published': '2022-01' is a month, not a day; give the day as YYYY-MM-DD"
    )


def test_parse_resolves_relative_dates_from_a_typed_date(run: Callable[..., Result]) -> None:
    result = run(
        "parse", str(ARTICLES / "undated_en.txt"), "--published", "Monday, 10 January 2022", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["published"] == "2022-01-10"


def test_a_publication_time_in_another_offset_keeps_its_own_day(seeds: Path, run: Callable[..., Result]) -> None:
    # 22:00 in New York is already the next morning in Almaty; the article's "on Friday" is relative to New York
    result = run(
        "import", str(ARTICLES / "undated_en.txt"), "--seeds", str(seeds), "--published", "2022-01-07T22:00-05:00"
    )
    assert result.exit_code == 0, result.stderr
    drafts = yaml.safe_load((seeds / "article-traders-count-losses-at-the-border.yaml").read_text(encoding="utf-8"))
    assert drafts["articles"][0]["published"] == "2022-01-07T22:00-05:00"
