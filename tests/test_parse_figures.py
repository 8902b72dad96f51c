"""Figures as real pages write them: numbers in words in English and Russian (every case form), tolls inside
quotations, several tolls in one sentence each with its own scope, Russian phrases that say what happened to the
people counted. Every text here is invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kztimeline.parse.article import parse_text
from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.parse.number_words import read_number

FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"


def parse(text: str) -> Any:
    return parse_text(text, "test.txt", Gazetteers.from_seeds(FIXTURE_SEEDS), use_geonames=False)


def figures(text: str) -> list[tuple[str, int | None, str, str | None]]:
    return [(f.metric, f.value, f.qualifier, f.scope) for f in parse(text).figures]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("six", (6, 1)),
        ("two dozen", (24, 2)),
        ("two hundred and fifty", (250, 4)),
        ("three thousand five hundred", (3500, 4)),
        ("forty one", (41, 2)),
        ("five twenty", (5, 1)),  # a smaller word is never followed by a larger one
        ("two and three", (2, 1)),
        ("восьми", (8, 1)),
        ("трёх", (3, 1)),
        ("двое", (2, 1)),
        ("четырёх тысяч", (4000, 2)),
        ("две тысячи пятьсот сорок три", (2543, 5)),
        ("полторы тысячи", (1500, 2)),
        ("полтора", None),  # not a whole number
        ("тысячи", None),  # a plural scale word alone is a vague amount, not a number
        ("тысяча", (1000, 1)),
    ],
)
def test_numbers_in_words(words: str, expected: tuple[int, int] | None) -> None:
    assert read_number(words.split()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Six people were killed in the clashes.", [("killed", 6, "exact", None)]),
        ("Two dozen miners were injured.", [("injured", 24, "exact", "miners")]),
        ("Police detained two hundred and fifty protesters.", [("detained", 250, "exact", "protesters")]),
        ("Forty-one people were wounded.", [("injured", 41, "exact", None)]),
        ("Hundreds of people were detained.", [("detained", None, "hundreds", None)]),
        ("Шесть человек погибли.", [("killed", 6, "exact", None)]),
        ("Задержаны более двух тысяч человек.", [("detained", 2000, "more than", None)]),
        ("Суд арестовал ещё двоих участников митинга.", [("detained", 2, "exact", "участников митинга")]),
        ("Около трёхсот человек получили травмы.", [("injured", 300, "about", None)]),
        ("Полторы тысячи человек задержаны.", [("detained", 1500, "exact", None)]),
        ("Один мужчина погиб в первый день.", [("killed", 1, "exact", "мужчина")]),
        ("В трёх городах задержали сорок пять человек.", [("detained", 45, "exact", None)]),  # not "three"
        ("Власти сообщили о двенадцати погибших.", [("killed", 12, "exact", None)]),
        ("No one was killed, but one person died later.", [("killed", 1, "exact", None)]),
        ("Several state-run clinics were closed.", []),  # clinics are not people
        ("The worst unrest in three decades left dozens dead.", [("killed", None, "dozens", None)]),  # not "three"
    ],
)
def test_figures_written_in_words(text: str, expected: list[tuple[str, int | None, str, str | None]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"A dozen officers were hurt," the statement read.', [("injured", 12, "exact", "officers")]),
        ("«Восемь человек погибли, двое полицейских ранены», — говорится в заявлении.",
         [("killed", 8, "exact", None), ("injured", 2, "exact", "полицейских")]),
    ],
)  # fmt: skip
def test_tolls_inside_quotations(text: str, expected: list[tuple[str, int | None, str, str | None]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In total 125 people were killed, of whom 11 were police officers and 114 civilians, the prosecutor said.",
         [("killed", 125, "exact", None), ("killed", 11, "exact", "police officers"),
          ("killed", 114, "exact", "civilians")]),
        ("Всего погибли 125 человек, из них 11 полицейских и 114 мирных жителей.",
         [("killed", 125, "exact", None), ("killed", 11, "exact", "полицейских"),
          ("killed", 114, "exact", "мирных жителей")]),
        ("Погибли 30 человек, ранения получили более 400.", [("killed", 30, "exact", None),
                                                            ("injured", 400, "more than", None)]),
        ("Police detained 40 people and 3 journalists; 5 rifles were seized.",
         [("detained", 40, "exact", None), ("detained", 3, "exact", "journalists")]),
    ],
)  # fmt: skip
def test_several_tolls_in_one_sentence(text: str, expected: list[tuple[str, int | None, str, str | None]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Медицинская помощь понадобилась как минимум 30 задержанным.", [("injured", 30, "at least", None)]),
        ("В отделы полиции доставлены шесть человек.", [("detained", 6, "exact", None)]),
        ("В больницы доставлены 13 человек.", [("injured", 13, "exact", None)]),
        ("Ранения получили 12 сотрудников полиции и военнослужащих.",
         [("injured", 12, "exact", "сотрудников полиции")]),
    ],
)  # fmt: skip
def test_russian_phrases_before_the_number_decide_its_metric(
    text: str, expected: list[tuple[str, int | None, str, str | None]]
) -> None:
    assert figures(text) == expected
