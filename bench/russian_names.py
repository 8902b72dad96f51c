"""Restoring the nominative of inflected Russian-spelt names: kztimeline's rules against pymorphy3.

Usage:  python bench/russian_names.py [--old FILE]

The names are those of Kazakh, Russian and other public figures named in the seeds, the gold sets' articles and
bench/real (plus a few of the types they lack: -ко, -ян, -ич, -улы/-кызы, -ский). Each is declined in the six cases
by the textbook paradigms written out below (independently of the parser's rules), and each form is given to:

- rules:       kztimeline.parse.russian_names.nominative_name (the case the context gives, and the case unknown)
- pymorphy3:   pymorphy3's analyses of each word (Name/Surn/Patr readings agreeing in gender and case, the best by
               score), inflected to the nominative; only when pymorphy3 and its Russian dictionaries are installed
- --old FILE:  another implementation of nominative_name (e.g. an earlier russian_names.py, from git show) for the
               same table

It prints the share of forms restored exactly, per name type (Kazakh / Russian / other), per case and in total.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import defaultdict
from collections.abc import Callable
from typing import Any

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# (given name, surname, gender, type); the given name may be hyphenated (only its last part declines)
NAMES: list[tuple[str, str, str, str]] = [
    # Kazakh given names and surnames
    ("Касым-Жомарт", "Токаев", "m", "kazakh"), ("Нурсултан", "Назарбаев", "m", "kazakh"),
    ("Аскар", "Бекбосынов", "m", "kazakh"), ("Ерболат", "Кыдырбаев", "m", "kazakh"),
    ("Айдар", "Кенжебулатов", "m", "kazakh"), ("Нурбол", "Шалабаев", "m", "kazakh"),
    ("Канат", "Ибраев", "m", "kazakh"), ("Ерлан", "Сапаров", "m", "kazakh"), ("Галымжан", "Утеулин", "m", "kazakh"),
    ("Бахытжан", "Жумабаев", "m", "kazakh"), ("Данияр", "Кошкарбаев", "m", "kazakh"),
    ("Тимур", "Кулибаев", "m", "kazakh"), ("Жаксылык", "Бектурганов", "m", "kazakh"),
    ("Асылхан", "Бекетов", "m", "kazakh"), ("Самат", "Ерназаров", "m", "kazakh"),
    ("Серик", "Жолмаханов", "m", "kazakh"), ("Аскар", "Жумабекулы", "m", "kazakh"), ("Берик", "Уали", "m", "kazakh"),
    ("Нуржан", "Абилкасым", "m", "kazakh"), ("Мукташ", "Мамашулы", "m", "kazakh"),
    ("Динара", "Кулибаева", "f", "kazakh"), ("Айжан", "Курмангалиева", "f", "kazakh"),
    ("Гульжан", "Сапарбекова", "f", "kazakh"), ("Гульмира", "Ахметова", "f", "kazakh"),
    ("Алия", "Сулейменова", "f", "kazakh"), ("Мадина", "Жаксылыкова", "f", "kazakh"),
    ("Жанар", "Тлеумагамбетова", "f", "kazakh"), ("Айгуль", "Нуртазина", "f", "kazakh"),
    ("Томирис", "Жанузакова", "f", "kazakh"), ("Айгерим", "Толепбергенова", "f", "kazakh"),
    ("Асель", "Ниязбаева", "f", "kazakh"), ("Сымбат", "Ерденова", "f", "kazakh"),
    ("Меруерт", "Айтбаканова", "f", "kazakh"), ("Салтанат", "Жумагулова", "f", "kazakh"),
    ("Дана", "Ергалиева", "f", "kazakh"), ("Ляззат", "Бисенгалиева", "f", "kazakh"),
    ("Дарига", "Назарбаева", "f", "kazakh"), ("Айгерим", "Нурланкызы", "f", "kazakh"),
    # Russian given names and surnames
    ("Алексей", "Тарабрин", "m", "russian"), ("Павел", "Суслин", "m", "russian"),
    ("Кирилл", "Лаптев", "m", "russian"), ("Виктор", "Шелестов", "m", "russian"),
    ("Геннадий", "Пряхин", "m", "russian"), ("Игорь", "Старосельцев", "m", "russian"),
    ("Артем", "Ковригин", "m", "russian"), ("Дмитрий", "Сайфуллин", "m", "russian"),
    ("Кирилл", "Ладыженский", "m", "russian"), ("Аркадий", "Зеленецкий", "m", "russian"),
    ("Никита", "Петров", "m", "russian"), ("Андрей", "Котов", "m", "russian"),
    ("Вера", "Сундукова", "f", "russian"), ("Людмила", "Гранкина", "f", "russian"),
    ("Ольга", "Кувшинникова", "f", "russian"), ("Екатерина", "Сазонтьева", "f", "russian"),
    ("Алина", "Вершинина", "f", "russian"), ("Наталья", "Иванова", "f", "russian"),
    ("Мария", "Кузнецова", "f", "russian"), ("Дарья", "Смирнова", "f", "russian"),
    ("Дина", "Каркаралинская", "f", "russian"), ("Ксения", "Вересаева", "f", "russian"),
    ("Ольга", "Чемоданова", "f", "russian"), ("Светлана", "Тихановская", "f", "russian"),
    # other surname types: Belarusian/Ukrainian -ко, Armenian -ян, -ич, Kyrgyz
    ("Александр", "Лукашенко", "m", "other"), ("Елизавета", "Ручко", "f", "other"),
    ("Никол", "Пашинян", "m", "other"), ("Анна", "Акопян", "f", "other"),
    ("Юрий", "Караев", "m", "other"), ("Садыр", "Жапаров", "m", "other"),
    ("Иван", "Ганусевич", "m", "other"), ("Ирина", "Ганусевич", "f", "other"),
]  # fmt: skip

_VOWELS = "аеёиоуыэюя"
_HUSHING_OR_VELAR = "гкхжшчщ"


def decline_given(name: str, gender: str) -> dict[str, str]:
    """A given name in the six cases (textbook paradigms; only the last part of a hyphenated name declines)."""
    if "-" in name:
        head, _, tail = name.rpartition("-")
        return {case: f"{head}-{form}" for case, form in decline_given(tail, gender).items()}
    stem, last = name[:-1], name[-1]
    if last == "а":  # Вера, Никита, Ольга
        genitive = stem + ("и" if stem[-1] in _HUSHING_OR_VELAR else "ы")
        return dict(zip(CASES, (name, genitive, stem + "е", stem + "у", stem + "ой", stem + "е"), strict=True))
    if name.endswith("ия"):  # Мария, Алия
        return dict(zip(CASES, (name, stem + "и", stem + "и", stem + "ю", stem + "ей", stem + "и"), strict=True))
    if last == "я":  # Наталья
        return dict(zip(CASES, (name, stem + "и", stem + "е", stem + "ю", stem + "ей", stem + "е"), strict=True))
    if gender == "f" and last == "ь":  # Асель, Айгуль
        return dict(zip(CASES, (name, stem + "и", stem + "и", name, stem + "ью", stem + "и"), strict=True))
    if gender == "f":  # Жанар, Айгерим: a woman's name in a consonant does not decline
        return dict.fromkeys(CASES, name)
    if name.endswith("ий"):  # Геннадий
        return dict(zip(CASES, (name, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "и"), strict=True))
    if last == "й":  # Алексей
        return dict(zip(CASES, (name, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е"), strict=True))
    if last == "ь":  # Игорь
        return dict(zip(CASES, (name, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е"), strict=True))
    instrumental = "ем" if last in "жшчщц" else "ом"
    return dict(zip(CASES, (name, name + "а", name + "у", name + "а", name + instrumental, name + "е"), strict=True))


def decline_surname(name: str, gender: str) -> dict[str, str]:
    """A surname in the six cases: -ов/-ев/-ин (possessive), -ский (adjectival), a consonant (a man's declines,
    a woman's does not), -ко, -улы/-кызы and those in a vowel (never decline)."""
    if name.endswith(("ко", "улы", "кызы")) or name[-1] in "иоуэ":
        return dict.fromkeys(CASES, name)
    if name.endswith(("ский", "цкий")):
        stem = name[:-2]
        return dict(zip(CASES, (name, stem + "ого", stem + "ому", stem + "ого", stem + "им", stem + "ом"), strict=True))
    if name.endswith(("ская", "цкая")):
        stem = name[:-2]
        return dict(zip(CASES, (name, stem + "ой", stem + "ой", stem + "ую", stem + "ой", stem + "ой"), strict=True))
    if gender == "f" and name.endswith(("ова", "ева", "ина", "ына")):
        stem = name[:-1]
        return dict(zip(CASES, (name, stem + "ой", stem + "ой", stem + "у", stem + "ой", stem + "ой"), strict=True))
    if gender == "m" and name.endswith(("ов", "ев", "ин", "ын")):
        return dict(zip(CASES, (name, name + "а", name + "у", name + "а", name + "ым", name + "е"), strict=True))
    if gender == "f":  # Пашинян, Ганусевич: a woman's surname in a consonant does not decline
        return dict.fromkeys(CASES, name)
    instrumental = "ем" if name[-1] in "жшчщц" else "ом"
    return dict(zip(CASES, (name, name + "а", name + "у", name + "а", name + instrumental, name + "е"), strict=True))


def forms() -> list[tuple[str, str, str, str]]:
    """(inflected full name, its nominative, case, type) for every name and case."""
    rows = []
    for given, surname, gender, kind in NAMES:
        given_forms, surname_forms = decline_given(given, gender), decline_surname(surname, gender)
        for case in CASES:
            rows.append((f"{given_forms[case]} {surname_forms[case]}", f"{given} {surname}", case, kind))
    return rows


def pymorphy_method() -> Callable[[str, str | None], str] | None:
    try:
        import pymorphy3
    except ImportError:
        return None
    morph = pymorphy3.MorphAnalyzer()
    name_tags = {"Name", "Surn", "Patr"}

    def nominative(name: str, case: str | None) -> str:
        words = name.split()
        best: tuple[float, list[str]] | None = None
        for gender in ("masc", "femn"):
            for candidate_case in (case,) if case else CASES:
                chosen, score = [], 0.0
                for word in words:
                    fitting = [
                        p
                        for p in morph.parse(word)
                        if p.tag.case == candidate_case
                        and (gender in p.tag or "ms-f" in p.tag or p.tag.gender is None)
                        and name_tags & set(p.tag.grammemes)
                        and p.tag.number != "plur"
                    ]
                    if not fitting:
                        break
                    parse = max(fitting, key=lambda p: p.score)
                    inflected = parse.inflect({"nomn", "sing"}) or parse
                    word_out = inflected.word
                    chosen.append("-".join(part.capitalize() for part in word_out.split("-")))
                    score += parse.score
                else:
                    if best is None or score > best[0]:
                        best = (score, chosen)
        return " ".join(best[1]) if best else name

    return nominative


def load_rules(path: str | None) -> Callable[..., str]:
    if path is None:
        from kztimeline.parse.russian_names import nominative_name

        return nominative_name
    spec = importlib.util.spec_from_file_location("old_russian_names", path)
    assert spec and spec.loader
    module: Any = importlib.util.module_from_spec(spec)
    sys.modules["old_russian_names"] = module
    spec.loader.exec_module(module)
    return module.nominative_name  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", help="another russian_names.py to measure (its nominative_name(name))")
    options = parser.parse_args()
    rows = forms()
    rules = load_rules(None)
    methods: dict[str, Callable[[str, str | None], str]] = {
        "rules, case given": lambda name, case: rules(name, case),
        "rules, case unknown": lambda name, case: rules(name, None),
    }
    if options.old:
        old = load_rules(options.old)
        methods["--old (genitive assumed)"] = lambda name, case: old(name)
    morph = pymorphy_method()
    if morph is not None:
        methods["pymorphy3, case given"] = morph
        methods["pymorphy3, case unknown"] = lambda name, case: morph(name, None)
    print(f"{len(NAMES)} names x {len(CASES)} cases = {len(rows)} forms")
    header = ["method", "kazakh", "russian", "other", *CASES, "all"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for label, method in methods.items():
        right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for form, expected, case, kind in rows:
            ok = int(method(form, case) == expected)
            for key in (kind, case, "all"):
                right[key][0] += ok
                right[key][1] += 1
        cells = [f"{right[key][0] / right[key][1]:.2f}" for key in header[1:]]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
