"""Dates on pages as outlets print them: weekdays with and without a preposition, Russian months and weekdays, dates
in page furniture (a headline with its date glued on, a dateline with a comma before the year), live blog entries.
Every text here is invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kztimeline.parse.article import parse_text
from kztimeline.parse.gazetteer import Gazetteers

FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"


def parse(text: str, **options: Any) -> Any:
    return parse_text(text, "test.txt", Gazetteers.from_seeds(FIXTURE_SEEDS), use_geonames=False, **options)


def relative_dates(article: Any) -> list[tuple[str, str | None, str]]:
    return [(d.text, d.date.isoformat() if d.date else None, d.precision) for d in article.dates if d.relative]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # published on Wednesday 12 January 2022: a past weekday is the latest one on or before that day
        ("Saturday, the ministry said, was calm.", [("Saturday", "2022-01-08", "day")]),
        ("Workers walked out on Saturday.", [("on Saturday", "2022-01-08", "day")]),
        ("A crowd formed late Saturday near the square.", [("late Saturday", "2022-01-08", "day")]),
        ("The governor resigned Wednesday.", [("Wednesday", "2022-01-12", "day")]),
        ("В понедельник рабочие вышли на площадь.", [("В понедельник", "2022-01-10", "day")]),
        ("Во вторник магазины были закрыты.", [("Во вторник", "2022-01-11", "day")]),
        ("В ночь на среду начался пожар.", [("В ночь на среду", "2022-01-12", "day")]),
        ("В субботу вечером на площади собрались люди.", [("В субботу вечером", "2022-01-08", "day")]),
        ("Накануне в городе было тихо.", [("Накануне", "2022-01-11", "day")]),
        ("Вчера в городе было тихо, сегодня снова митинг.", [("Вчера", "2022-01-11", "day"), ("сегодня", "2022-01-12", "day")]),
    ],
)  # fmt: skip
def test_weekdays_and_day_words_resolve_against_the_publication_day(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert relative_dates(parse(text, published=dt.date(2022, 1, 12))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Об этом сообщили в пятницу, 7 января, в полиции.", [("в пятницу, 7 января", "2022-01-07", "day")]),
        ("Workers struck on Sunday, January 2, in the west.", [("on Sunday, January 2", "2022-01-02", "day")]),
        ("Штаб закрыли 9 января, а с 3 января работал кризисный центр.",
         [("9 января", "2022-01-09", "day"), ("с 3 января", "2022-01-03", "day")]),
        ("Поезда не ходили до 11-го января.", [("до 11-го января", "2022-01-11", "day")]),
        ("Police said on Monday (Jan 10) that the roads were open.", [("on Monday (Jan 10)", "2022-01-10", "day")]),
        ("В прошлый четверг задержали рабочих.", [("В прошлый четверг", "2022-01-06", "day")]),
        ("В минувшую субботу было тихо.", [("В минувшую субботу", "2022-01-08", "day")]),
        ("В следующий понедельник пройдет суд.", [("В следующий понедельник", "2022-01-17", "day")]),
    ],
)  # fmt: skip
def test_a_weekday_with_its_date_is_one_date_and_russian_months_resolve(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert relative_dates(parse(text, published=dt.date(2022, 1, 12))) == expected


def test_a_weekday_with_a_full_date_is_an_absolute_date() -> None:
    article = parse("Митинг прошел в среду, 5 января 2022 года.", published=dt.date(2022, 1, 12))
    assert [(d.text, d.date.isoformat(), d.relative) for d in article.dates if d.date] == [
        ("в среду, 5 января 2022", "2022-01-05", False)
    ]


@pytest.mark.parametrize(
    ("text", "published", "title"),
    [
        ("Под Гродно задержали 40 человек 14.03.2021\n\nВ воскресенье в городе прошла акция.", "2021-03-14",
         "Под Гродно задержали 40 человек"),
        ("Miners strike for a third day 14 March 2021, 10:05\n\nMiners stayed underground on Sunday.", "2021-03-14",
         "Miners strike for a third day"),
        ("Шахтеры бастуют третий день\n\n14.03.2021 10:05\n\nВ воскресенье в городе прошла акция.", "2021-03-14",
         "Шахтеры бастуют третий день"),
        ("14.03.2021 10:05 Шахтеры бастуют третий день\n\nВ воскресенье в городе прошла акция.", "2021-03-14",
         "Шахтеры бастуют третий день"),
        ("Шахтеры бастуют третий день\n\n14 марта 2021, 10:05\n\nВ воскресенье в городе прошла акция.", "2021-03-14",
         "Шахтеры бастуют третий день"),
    ],
)  # fmt: skip
def test_publication_dates_in_page_furniture(text: str, published: str, title: str) -> None:
    article = parse(text)
    assert (str(article.published), article.title) == (published, title)
    assert [d.date.isoformat() for d in article.dates if d.relative and d.date] == [published]


@pytest.mark.parametrize(
    ("text", "published", "dateline"),
    [
        ("Ош, 14 марта, 2021, 09:30 — ИА Пример. В воскресенье в городе прошла акция протеста рабочих.",
         "2021-03-14", "Ош, 14 марта, 2021, 09:30 — ИА Пример."),
        ("OSH, Mar 14, 2021 (Example Wire) - Miners stayed underground on Sunday, the union said.",
         "2021-03-14", "OSH, Mar 14, 2021 (Example Wire) -"),
        ("OSH, Mar 14, 2021, 09:30 (Example Wire) - Miners stayed underground on Sunday, the union said.",
         "2021-03-14", "OSH, Mar 14, 2021, 09:30 (Example Wire) -"),
    ],
)  # fmt: skip
def test_datelines_with_the_year_after_a_comma_and_a_time(text: str, published: str, dateline: str) -> None:
    article = parse(text)
    assert (str(article.published), article.dateline) == (published, dateline)
    assert [d.date.isoformat() for d in article.dates if d.relative and d.date] == ["2021-03-14"]


def test_live_blog_entries_resolve_against_their_own_date() -> None:
    text = (
        "Live: the strike in the mines\n\n"
        "Published March 10, 2021\n\n"
        "The union said on Monday that 40 miners had stayed underground since Sunday.\n\n"
        "March 13, 2021, 09:15\n\n"
        "The company said on Friday that talks had failed. Yesterday the union called a rally.\n\n"
        "14.03.2021 14:32\n\n"
        "В воскресенье профсоюз объявил о новой забастовке шахтеров."
    )
    article = parse(text)
    assert str(article.published) == "2021-03-10"
    assert relative_dates(article) == [
        ("on Monday", "2021-03-08", "day"),
        ("since Sunday", "2021-03-07", "day"),
        ("on Friday", "2021-03-12", "day"),
        ("Yesterday", "2021-03-12", "day"),
        ("В воскресенье", "2021-03-14", "day"),
    ]


def test_live_blog_entries_dated_without_a_year_take_the_year_of_the_page() -> None:
    text = (
        "Трансляция: забастовка шахтеров\n\n"
        "Опубликовано 10 марта 2021\n\n"
        "В среду шахтеры остались под землей.\n\n"
        "13 марта, 14:32\n\n"
        "В пятницу профсоюз объявил о переговорах. Вчера переговоры сорвались.\n\n"
        "Monday, March 15\n\n"
        "The union said on Sunday that the strike would go on."
    )
    assert [(d.text, d.date.isoformat() if d.date else None) for d in parse(text).dates if d.relative] == [
        ("В среду", "2021-03-10"),
        ("13 марта", "2021-03-13"),
        ("В пятницу", "2021-03-12"),
        ("Вчера", "2021-03-12"),
        ("Monday, March 15", "2021-03-15"),
        ("on Sunday", "2021-03-14"),
    ]
