"""Russian names read after "по словам", "по мнению" (the genitive) come back in the nominative."""

from __future__ import annotations

import pytest

from kztimeline.parse.russian_names import nominative_name


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
