"""Russian names read after "по словам", "по мнению" (the genitive) come back in the nominative."""

from __future__ import annotations

import pytest

from kztimeline.parse.russian_names import Case, nominative_name


@pytest.mark.parametrize(
    ("genitive", "nominative"),
    [
        ("Айгуль Нурлановой", "Айгуль Нурланова"),  # a Kazakh given name does not decline
        ("Ерлана Сапарова", "Ерлан Сапаров"),
        ("Андрея Котова", "Андрей Котов"),
        ("Натальи", "Наталья"),  # a given name alone, its ending says the case whatever the gender
        ("Ольги Ивановой", "Ольга Иванова"),  # -и after г
        ("Никиты Петрова", "Никита Петров"),  # a man's name in -а declines like a woman's
        ("Дарьи Смирновой", "Дарья Смирнова"),
        ("Натальи Ким", "Наталья Ким"),  # a surname that does not decline: only the given name is restored
        ("Марата", "Марата"),  # Марат's or a woman's Марата: left as printed
        ("John Smith", "John Smith"),
    ],
)
def test_a_genitive_name_is_restored_only_where_its_endings_say_so(genitive: str, nominative: str) -> None:
    assert nominative_name(genitive) == nominative


@pytest.mark.parametrize(
    ("inflected", "case", "nominative"),
    [
        # Kazakh names with Russian-type surnames, in every case
        ("Ерлану Сапарову", "datv", "Ерлан Сапаров"),
        ("Ерланом Сапаровым", "ablt", "Ерлан Сапаров"),
        ("Ерлане Сапарове", "loct", "Ерлан Сапаров"),
        ("Касым-Жомарта Токаева", "accs", "Касым-Жомарт Токаев"),  # only the last part of the given name declines
        ("Динарой Кулибаевой", "ablt", "Динара Кулибаева"),
        ("Динару Кулибаеву", "accs", "Динара Кулибаева"),
        ("Асели Ниязбаевой", "datv", "Асель Ниязбаева"),
        ("Жанар Тлеумагамбетовой", "loct", "Жанар Тлеумагамбетова"),  # a woman's name in a consonant stays
        ("Мукташем Мамашулы", "ablt", "Мукташ Мамашулы"),  # -улы never declines
        ("Айгерим Нурланкызы", "datv", "Айгерим Нурланкызы"),
        ("Берику Уали", "datv", "Берик Уали"),
        # Russian names, -ский, -ко, -ян, -ич
        ("Алексею Тарабрину", "datv", "Алексей Тарабрин"),
        ("Игорем Старосельцевым", "ablt", "Игорь Старосельцев"),
        ("Геннадии Пряхине", "loct", "Геннадий Пряхин"),
        ("Натальей Ивановой", "ablt", "Наталья Иванова"),
        ("Марию Кузнецову", "accs", "Мария Кузнецова"),
        ("Кириллу Ладыженскому", "datv", "Кирилл Ладыженский"),
        ("Светланой Тихановской", "ablt", "Светлана Тихановская"),
        ("Александру Лукашенко", "datv", "Александр Лукашенко"),  # -ко never declines
        ("Николом Пашиняном", "ablt", "Никол Пашинян"),
        ("Анной Акопян", "ablt", "Анна Акопян"),  # a woman's -ян does not decline
        ("Иваном Ганусевичем", "ablt", "Иван Ганусевич"),
    ],
)
def test_a_name_in_any_case_is_restored_in_the_case_its_context_gives(
    inflected: str, case: Case, nominative: str
) -> None:
    assert nominative_name(inflected, case) == nominative


@pytest.mark.parametrize(
    ("printed", "nominative"),
    [
        ("Ерлану Сапарову", "Ерлан Сапаров"),  # only a man's dative reads so
        ("Натальей Ивановой", "Наталья Иванова"),
        ("Динара Кулибаева", "Динара Кулибаева"),  # a nominative is kept as printed, not read as Динар's genitive
        ("Жанар Тлеумагамбетова", "Жанар Тлеумагамбетова"),
    ],
)
def test_a_name_whose_context_gives_no_case_is_read_in_the_case_its_words_agree_on(
    printed: str, nominative: str
) -> None:
    assert nominative_name(printed, None) == nominative


def test_patronymics_agree_with_the_name() -> None:
    assert nominative_name("Касым-Жомарта Кемелевича Токаева") == "Касым-Жомарт Кемелевич Токаев"
    assert nominative_name("Айгуль Сериковной Нурлановой", "ablt") == "Айгуль Сериковна Нурланова"


@pytest.mark.parametrize("verb", ["рассказало", "уточнило", "добавили", "заявила", "сообщило"])
def test_a_russian_reporting_verb_counts_in_every_past_form(verb: str) -> None:
    from kztimeline.parse.lexicon import REPORTING_VERBS

    assert verb in REPORTING_VERBS


def test_a_quotation_closed_by_a_neuter_reporting_verb_is_found() -> None:
    from pathlib import Path

    from kztimeline.parse.article import parse_text
    from kztimeline.parse.gazetteer import Gazetteers

    seeds = Path(__file__).parent / "data" / "seeds"
    text = "Новости\n\n«Работа транспорта восстановлена полностью», — рассказало агентство «Медиа Пример»."
    article = parse_text(text, "test.txt", Gazetteers.from_seeds(seeds), use_geonames=False)
    assert [(q.text, q.speaker) for q in article.quotes] == [
        ("Работа транспорта восстановлена полностью", "Медиа Пример")
    ]
