"""Dates people type: one reading for every form, periods for partial dates, errors instead of guesses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kztimeline.date_input import DateInputError, parse_date_input


@pytest.mark.parametrize(
    ("typed", "first", "last", "precision"),
    [
        ("2022-01-07", "2022-01-07", "2022-01-07", "day"),
        ("2022-1-7", "2022-01-07", "2022-01-07", "day"),
        ("2022/01/07", "2022-01-07", "2022-01-07", "day"),
        ("2022.01.07", "2022-01-07", "2022-01-07", "day"),
        ("2022-01-07T10:00", "2022-01-07", "2022-01-07", "minute"),
        ("2022-01-07 10:00", "2022-01-07", "2022-01-07", "minute"),
        ("2022-01-07 10:00:30", "2022-01-07", "2022-01-07", "minute"),
        ("2022-01-07T10:00+06:00", "2022-01-07", "2022-01-07", "minute"),
        ("2022-01-07T04:00Z", "2022-01-07", "2022-01-07", "minute"),
        ("7 Jan 2022", "2022-01-07", "2022-01-07", "day"),
        ("7 January 2022", "2022-01-07", "2022-01-07", "day"),
        ("January 7, 2022", "2022-01-07", "2022-01-07", "day"),
        ("Jan. 7th, 2022", "2022-01-07", "2022-01-07", "day"),
        ("Friday, 7 January 2022", "2022-01-07", "2022-01-07", "day"),
        ("7 января 2022", "2022-01-07", "2022-01-07", "day"),
        ("7 января 2022 г.", "2022-01-07", "2022-01-07", "day"),
        ("13/01/2022", "2022-01-13", "2022-01-13", "day"),
        ("01/13/2022", "2022-01-13", "2022-01-13", "day"),
        ("07/07/2022", "2022-07-07", "2022-07-07", "day"),
        ("2022-01", "2022-01-01", "2022-01-31", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("January 2022", "2022-01-01", "2022-01-31", "month"),
        ("январь 2022", "2022-01-01", "2022-01-31", "month"),
        ("2022", "2022-01-01", "2022-12-31", "year"),
    ],
)
def test_every_documented_form_reads_one_way(typed: str, first: str, last: str, precision: str) -> None:
    read = parse_date_input(typed)
    assert (read.first.isoformat(), read.last.isoformat(), read.precision) == (first, last, precision)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "01/07/2022",
            "'01/07/2022' is ambiguous: 1 July 2022 (day first) or 7 January 2022 (month first); "
            "write it as YYYY-MM-DD: 2022-07-01 or 2022-01-07",
        ),
        (
            "07.01.22",
            "'07.01.22' is ambiguous (a two-digit year, and day or month first): 7 January 2022 (2022-01-07) or "
            "1 July 2022 (2022-07-01); write it as YYYY-MM-DD",
        ),
        ("2022-02-30", "'2022-02-30' is not a real date (February 2022 has no day 30)"),
        ("2022-13", "'2022-13' is not a real month (there is no month 13)"),
        ("7 January", "'7 January' has no year; add one, or use YYYY-MM-DD"),
        ("Saturday 7 January 2022", "'Saturday 7 January 2022': 7 January 2022 is a Friday, not a Saturday"),
        ("2022-01-07T25:00", "'2022-01-07T25:00' has no such time of day (25:00)"),
        ("soon", "'soon' is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY, 7 January 2022)"),
        ("  ", "an empty date; use YYYY-MM-DD"),
    ],
)
def test_what_cannot_be_read_without_a_guess_is_an_error_that_says_why(typed: str, message: str) -> None:
    with pytest.raises(DateInputError) as error:
        parse_date_input(typed)
    assert str(error.value) == message


def test_a_date_time_is_written_with_its_offset_and_local_time_is_almaty() -> None:
    assert parse_date_input("2022-01-11 09:00").iso() == "2022-01-11T09:00+06:00"
    assert parse_date_input("2022-01-11T09:00:15-05:00").iso() == "2022-01-11T09:00:15-05:00"


def test_a_time_given_in_another_offset_falls_on_almatys_day() -> None:
    late_in_london = parse_date_input("2022-01-07T22:00Z")
    assert late_in_london.first == dt.date(2022, 1, 7)
    assert late_in_london.local_first() == dt.date(2022, 1, 8)


def test_no_part_comes_from_today() -> None:
    # the same text read on any day gives the same answer: nothing depends on the clock
    assert parse_date_input("2022-01").first == dt.date(2022, 1, 1)
    assert parse_date_input("2022").last == dt.date(2022, 12, 31)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_iso_dates_round_trip(day: dt.date) -> None:
    read = parse_date_input(day.isoformat())
    assert read.first == read.last == day
    assert read.iso() == day.isoformat()


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.integers(min_value=-14 * 4, max_value=14 * 4).map(lambda quarters: dt.timedelta(minutes=15 * quarters)),
)
def test_iso_date_times_with_offsets_round_trip(day: dt.date, time: dt.time, offset: dt.timedelta) -> None:
    moment = dt.datetime.combine(day, time, dt.timezone(offset))
    text = moment.isoformat(timespec="seconds" if time.second else "minutes")
    read = parse_date_input(text)
    assert read.iso() == text
    assert read.first == day


@given(st.integers(min_value=1000, max_value=9998), st.integers(min_value=1, max_value=12))
def test_a_month_is_its_first_to_its_last_day(year: int, month: int) -> None:
    read = parse_date_input(f"{year}-{month:02d}")
    assert read.first == dt.date(year, month, 1)
    assert (read.last + dt.timedelta(days=1)).day == 1
    assert read.iso() == f"{year}-{month:02d}"


def test_the_last_month_of_the_calendar_has_a_last_day() -> None:
    assert parse_date_input("9999-12").last == dt.date(9999, 12, 31)
