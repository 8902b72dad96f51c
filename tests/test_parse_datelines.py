"""Wire datelines and bylines: the place, date, agency and authors a story's opening and closing lines give.

The texts are invented, in the forms agencies print them (issue 11, item 2).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from kztimeline.parse.article import parse_text
from kztimeline.parse.dateline import agency_name, read_credit_line, read_dateline, split_byline_agency
from kztimeline.parse.document import ParsedArticle
from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.parse.page import read_page

ARTICLES = Path(__file__).parent / "data" / "articles"
FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"
HEADLINE = "Kazakhstan counts the detained after a week of unrest\n\n"


def parse(text: str) -> ParsedArticle:
    return parse_text(text, "test.txt", Gazetteers.from_seeds(FIXTURE_SEEDS))


@pytest.mark.parametrize(
    ("lede", "dateline", "place", "agency", "published"),
    [
        (
            "ALMATY, Jan 11, 2022 (Steppe Wire) - Kazakhstan's Interior Ministry said 9,900 people were detained.",
            "ALMATY, Jan 11, 2022 (Steppe Wire) -", "ALMATY", "Steppe Wire", dt.date(2022, 1, 11),
        ),
        (
            "ALMATY, January 11 (Reuters) — Kazakhstan's Interior Ministry said 9,900 people were detained.",
            "ALMATY, January 11 (Reuters) —", "ALMATY", "Reuters", None,  # no year anywhere on the page
        ),
        (
            "ALMATY, Kazakhstan (AP) — Kazakhstan's Interior Ministry said 9,900 people were detained.",
            "ALMATY, Kazakhstan (AP) —", "ALMATY", "Associated Press", None,
        ),
        (
            "NUR-SULTAN, 11 January 2022 /Kazinform/ - The Interior Ministry said 9,900 people were detained.",
            "NUR-SULTAN, 11 January 2022 /Kazinform/ -", "NUR-SULTAN", "Kazinform", dt.date(2022, 1, 11),
        ),
        (
            "MOSCOW, Jan. 11 (Xinhua) -- Kazakhstan's Interior Ministry said 9,900 people were detained.",
            "MOSCOW, Jan. 11 (Xinhua) --", "MOSCOW", "Xinhua", None,
        ),
        (
            "ALMATY, Jan 11 (AFP) - Kazakhstan's Interior Ministry said 9,900 people were detained.",
            "ALMATY, Jan 11 (AFP) -", "ALMATY", "AFP", None,
        ),
        (
            "ALMATY/MOSCOW, Jan 7, 2022 (Reuters) - Russian paratroopers landed in Kazakhstan.",
            "ALMATY/MOSCOW, Jan 7, 2022 (Reuters) -", "ALMATY", "Reuters", dt.date(2022, 1, 7),
        ),
        (
            "NUR-SULTAN. KAZINFORM – All shops in the capital are open, the mayor's office said.",
            "NUR-SULTAN. KAZINFORM –", "NUR-SULTAN", "Kazinform", None,
        ),
        (
            "ALMATY, Kazakhstan – Security forces closed the main square on Wednesday.",
            "ALMATY, Kazakhstan –", "ALMATY", None, None,
        ),
        ("ALMATY: Security forces closed the main square on Wednesday.", "ALMATY:", "ALMATY", None, None),
        (
            "(Bloomberg) -- Kazakhstan's president said order had been restored.",
            "(Bloomberg) --", None, "Bloomberg", None,
        ),
        (
            "Jan. 11, 2022 (UPI) -- Kazakhstan's president said order had been restored.",
            "Jan. 11, 2022 (UPI) --", None, "UPI", dt.date(2022, 1, 11),
        ),
        (
            "АЛМАТЫ, 11 января. /ТАСС/. МВД Казахстана сообщило о задержании 9900 человек.",
            "АЛМАТЫ, 11 января. /ТАСС/.", "АЛМАТЫ", "TASS", None,
        ),
        (
            "МОСКВА, 11 января 2022 г. /ТАСС/. МВД Казахстана сообщило о задержании 9900 человек.",
            "МОСКВА, 11 января 2022 г. /ТАСС/.", "МОСКВА", "TASS", dt.date(2022, 1, 11),
        ),
        (
            "Алматы. 11 января. ИНТЕРФАКС-КАЗАХСТАН - МВД Казахстана сообщило о задержании 9900 человек.",
            "Алматы. 11 января. ИНТЕРФАКС-КАЗАХСТАН -", "Алматы", "Interfax-Kazakhstan", None,
        ),
        (
            "НУР-СУЛТАН, 6 янв — РИА Новости. МВД Казахстана сообщило о задержании 9900 человек.",
            "НУР-СУЛТАН, 6 янв — РИА Новости.", "НУР-СУЛТАН", "RIA Novosti", None,
        ),
        (
            "Нур-Султан. 6 января. INTERFAX.KZ – МВД Казахстана сообщило о задержании 9900 человек.",
            "Нур-Султан. 6 января. INTERFAX.KZ –", "Нур-Султан", "Interfax-Kazakhstan", None,
        ),
        (
            "7 января — Степной Вестник. Протесты продолжаются в нескольких городах.",  # an agency the table lacks
            "7 января — Степной Вестник.", None, "Степной Вестник", None,
        ),
        (
            "Алматы, 17 января 2022 года. Союз журналистов потребовал освободить задержанных репортеров.",
            "Алматы, 17 января 2022 года.", "Алматы", None, dt.date(2022, 1, 17),
        ),
    ],
)  # fmt: skip
def test_dateline_forms_give_place_agency_and_date(
    lede: str, dateline: str, place: str | None, agency: str | None, published: dt.date | None
) -> None:
    page = read_page(HEADLINE + lede + "\n")
    assert page.dateline == dateline
    assert page.dateline_parts is not None and page.dateline_parts.place == place
    assert (page.agency, page.outlet) == (agency, agency)
    assert page.published == published
    assert page.body() == lede[len(dateline) :].strip()  # the lede starts after it


@pytest.mark.parametrize(
    "lede",
    [
        "Tokayev (pictured) said on Monday that order had been restored.",
        "Tokayev, the president (pictured) - said order had been restored.",
        "NATO (North Atlantic Treaty Organization) said it was watching closely.",
        "Almaty — Kazakhstan's largest city — was calm on Monday.",
        "The Interior Ministry, Jan 11 (Reuters) - said 9,900 people were detained.",
        "In Almaty, January 11, 2022 - police said 9,900 people were detained.",
        "ANCHOR (Dana Fixture): Good evening, here is the news from Almaty.",
        "January 8, 2022 (Updated) Police said 9,900 people were detained.",
        "Reporting by the ministry showed that 9,900 people were detained.",
    ],
)
def test_sentences_that_open_like_datelines_are_not_datelines(lede: str) -> None:
    page = read_page(HEADLINE + lede + "\n")
    assert (page.dateline, page.agency, page.outlet) == (None, None, None)
    assert page.body() == lede


def test_a_yearless_dateline_takes_the_year_of_the_pages_full_dates_never_todays() -> None:
    dateline = "ALMATY, January 11 (Reuters) — The ministry said 9,900 people were detained"
    assert read_page(HEADLINE + dateline + " since January 2, 2022.\n").published == dt.date(2022, 1, 11)
    assert read_page(HEADLINE + dateline + " since 2022-01-02.\n").published == dt.date(2022, 1, 11)
    # full dates in two years leave the year open
    both = f"{dateline} since January 2, 2022. Protests in January 2019 ended on March 3, 2019.\n"
    assert read_page(HEADLINE + both).published is None
    # a date line stating the year is fuller than the dateline: it is the publication date
    dated = read_page(HEADLINE + "Published January 12, 2022\n\n" + dateline + ".\n")
    assert (dated.published, dated.dateline) == (dt.date(2022, 1, 12), "ALMATY, January 11 (Reuters) —")


def test_a_dateline_alone_on_its_line_is_not_the_headline() -> None:
    page = read_page(HEADLINE + "ALMATY, Jan 11, 2022 (Steppe Wire)\n\nThe ministry said 9,900 people were detained.\n")
    assert page.title_text == HEADLINE.strip()
    assert (page.dateline, page.published) == ("ALMATY, Jan 11, 2022 (Steppe Wire)", dt.date(2022, 1, 11))


@pytest.mark.parametrize(
    ("lines", "author", "agency"),
    [
        ("By Olzhas Fixture and Mariya Probe", "Olzhas Fixture and Mariya Probe", None),
        ("By Jane Doe, Associated Press", "Jane Doe", "Associated Press"),
        ("By Jane Doe | Reuters", "Jane Doe", "Reuters"),
        ("Автор: Иван Пробный", "Иван Пробный", None),
        ("Автор:\nИван Пробный", "Иван Пробный", None),
        ("НУР-СУЛТАН, 5 янв — Sputnik, Жанна Пробная.", "Жанна Пробная", "Sputnik"),  # a reporter in the dateline
    ],
)
def test_bylines_give_the_author_and_the_agency_they_credit(lines: str, author: str, agency: str | None) -> None:
    page = read_page(HEADLINE + lines + "\n\nThe ministry said 9,900 people were detained on Tuesday.\n")
    assert (page.author, page.agency, page.outlet) == (author, agency, agency)
    assert page.title_text == HEADLINE.strip()


def test_closing_credits_give_the_reporters_and_leave_the_body() -> None:
    text = (
        HEADLINE + "ALMATY, Jan 11 (Reuters) - The ministry said 9,900 people were detained on Tuesday.\n\n"
        "(Reporting by Jane Fixture in Almaty and Karl Probe in Moscow; Additional reporting by Ann Helper; "
        "Writing by Olga Writer; Editing by Ed Editor)\n"
    )
    page = read_page(text)
    assert page.author == "Jane Fixture, Karl Probe and Olga Writer"  # not the editor, nor additional reporting
    assert "Reporting by" not in page.body()


def test_credit_lines_and_byline_agencies_read_alone() -> None:
    assert read_credit_line("Reporting by Jane Fixture; Editing by Ed Editor") == (True, "Jane Fixture")
    assert read_credit_line("Editing by Ed Editor") == (True, None)
    assert read_credit_line("Reporting by police was slow; nobody came.") == (False, None)
    assert split_byline_agency("Jane Doe, Almaty") == ("Jane Doe, Almaty", None)


def test_the_agency_table_gives_one_name_per_spelling() -> None:
    entries = yaml.safe_load((Path(__file__).parent.parent / "kztimeline/parse/agencies.yaml").read_text("utf-8"))
    keys = [spelling.casefold() for entry in entries for spelling in entry["spellings"]]
    assert len(keys) == len(set(keys))
    assert [agency_name(n) for n in ("ТАСС", "ИТАР-ТАСС", "AP", "РИА «Новости»", "Интерфакс-Казахстан")] == [
        "TASS", "TASS", "Associated Press", "RIA Novosti", "Interfax-Kazakhstan",
    ]  # fmt: skip
    assert agency_name("Steppe Wire") is None


def test_the_dateline_is_no_part_of_the_first_sentence_and_its_place_is_resolved() -> None:
    text = HEADLINE + "ALMATY, Jan 11, 2022 (Steppe Wire) - The ministry said 9,900 people were detained.\n"
    article = parse(text)
    assert article.dateline_span == (len(HEADLINE), text.index("The ministry"))
    assert article.sentences[0][0] == text.index("The ministry")
    assert article.sentence_of(text.index("ALMATY")) is None
    assert article.body.startswith("The ministry said")
    place = article.dateline_place
    assert place is not None and (place.id, place.text, place.start) == ("almaty", "ALMATY", len(HEADLINE))
    assert place in article.places
    assert [date.text for date in article.all_dates] == []  # the dateline's date is the publication date only


def test_an_unknown_dateline_city_stays_a_name_without_id() -> None:
    article = parse(HEADLINE + "ZHETYBAY, Jan 11, 2022 (Steppe Wire) - Oil workers gathered on the square.\n")
    place = article.dateline_place
    assert place is not None and (place.id, place.text, place.geonames_id) == (None, "ZHETYBAY", None)


def test_agency_copy_run_by_another_outlet_credits_the_agency_as_via(run: Callable[..., Result]) -> None:
    result = run("parse", "--seeds", str(FIXTURE_SEEDS), "--format", "json", str(ARTICLES / "wire_dateline_en.txt"))
    assert result.exit_code == 0, result.stderr
    article: Any = json.loads(result.stdout)
    assert (article["outlet"], article["agency"]) == ("Steppe Daily", "Reuters")
    assert article["published"] == "2022-01-11"  # January 11, the year from "January 2, 2022"
    assert article["dateline"] == "ALMATY, January 11 (Reuters) —"
    assert article["dateline_place"]["id"] == "almaty"
    assert article["author"] == "Jane Fixture and Karl Probe"
    assert [(q["text"], q["speaker"], q["via"]) for q in article["quotes"]] == [
        ("Order has been restored in every region", "Test Testov", "Reuters")
    ]
    assert article["body"].startswith("Kazakhstan's Interior Ministry said on Tuesday")
    assert "Reporting by" not in article["body"]


def test_the_report_shows_dateline_place_outlet_and_agency(run: Callable[..., Result]) -> None:
    result = run("parse", "--seeds", str(FIXTURE_SEEDS), str(ARTICLES / "wire_dateline_en.txt"))
    assert result.exit_code == 0, result.stderr
    assert (
        "published: 2022-01-11  ·  outlet: Steppe Daily (agency copy: Reuters)  ·  "
        "author: Jane Fixture and Karl Probe  ·  language: en\n"
        "dateline: ALMATY, January 11 (Reuters) —  ·  place: almaty\n"
    ) in result.stdout


def test_russian_wire_copy(run: Callable[..., Result]) -> None:
    result = run("parse", "--seeds", str(FIXTURE_SEEDS), "--format", "json", str(ARTICLES / "wire_dateline_ru.txt"))
    assert result.exit_code == 0, result.stderr
    article: Any = json.loads(result.stdout)
    assert (article["outlet"], article["agency"], article["author"]) == ("TASS", "TASS", "Иван Пробный")
    assert (article["dateline"], article["published"]) == ("АЛМАТЫ, 11 января. /ТАСС/.", "2022-01-11")
    place = article["dateline_place"]
    assert (place["id"], place["text"], place["geonames_id"]) == ("almaty", "АЛМАТЫ", 1526384)
    assert [(q["text"], q["speaker"], q["via"]) for q in article["quotes"]] == [
        ("Порядок восстановлен во всех регионах", "Тест Тестов", None)  # TASS published its own copy
    ]
    rich = run("parse", "--seeds", str(FIXTURE_SEEDS), str(ARTICLES / "wire_dateline_ru.txt"))
    assert "dateline: АЛМАТЫ, 11 января. /ТАСС/.  ·  place: almaty\n" in rich.stdout


def test_read_dateline_needs_the_gazetteer_for_a_place_alone() -> None:
    line = "ALMATY – Security forces closed the main square."
    assert read_dateline(line, 0, len(line)) is None
    found = read_dateline(line, 0, len(line), is_place=lambda name: name == "ALMATY")
    assert found is not None and (found.text, found.place_span, found.end) == ("ALMATY –", (0, 6), 9)
