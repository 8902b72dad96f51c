"""Reported measures that are not counts of people (metric ``other``), and who a figure is credited to."""

from __future__ import annotations

import datetime as dt

from kztimeline.parse.article import parse_text
from kztimeline.parse.gazetteer import Gazetteers


def figures_of(body: str) -> list[tuple[str, int | None, str, str | None, str | None]]:
    parsed = parse_text(
        f"Title\n\n{body}\n", "story.txt", Gazetteers.from_records([], []), published=dt.date(2022, 1, 10)
    )
    return [(f.metric, f.value, f.qualifier, f.label, f.stated_by) for f in parsed.figures]


def test_a_price_multiple_is_a_measure_with_its_qualifier() -> None:
    assert figures_of("Drivers protested a near-doubling of fuel prices.") == [
        ("other", 2, "nearly", "price rise (multiple of the earlier price)", None)
    ]
    assert figures_of("Gas prices rose three-fold in a week.")[0][:3] == ("other", 3, "exact")
    assert figures_of("Цены на сжиженный газ выросли вдвое.")[0][:3] == ("other", 2, "exact")
    assert figures_of("The company doubled its staff.") == []  # no price: not a measure


def test_a_shutdown_s_length_is_a_measure_only_after_what_was_shut() -> None:
    assert figures_of("The internet was blocked for 96 hours in the city.") == [
        ("other", 96, "exact", "hours of shutdown", None)
    ]
    assert figures_of("Students could not call home for two days after the internet was cut.") == []


def test_a_part_of_a_toll_with_another_fate_is_not_counted_again_as_killed() -> None:
    assert figures_of(
        "According to the health ministry, more than a dozen officers were dead, three of whom were said to have"
        " been beheaded, a news site reported."
    ) == [
        ("killed", 12, "more than", None, "health ministry"),
        ("other", 3, "exact", "part of a toll: beheaded", "health ministry"),
    ]


def test_a_figure_is_credited_to_the_source_named_nearest_before_it() -> None:
    assert figures_of(
        "Shots were heard in the square, according to local reports, with an agency citing witnesses to report"
        " multiple deaths."
    ) == [("killed", None, "several", None, "witnesses")]
    assert figures_of("At least 30 people were killed in the clashes, according to the Daily Courier.") == [
        ("killed", 30, "at least", None, "Daily Courier")
    ]  # only named after the number: the first named after it
