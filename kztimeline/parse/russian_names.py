"""Russian personal names from the genitive back to the nominative.

"По словам Айгуль Нурлановой, «…»", "по мнению Марата Касымова": after these phrases a name is in the genitive,
and a speaker recorded as "Нурлановой" would be a different person from the "Нурланова" quoted two paragraphs later
and a poor proposal for a new actor. Russian-style surnames (-ов/-ев/-ин/-ский and their feminine forms) decline
regularly and say the person's gender, which then tells how to restore the given name and patronymic. A name that
does not follow those patterns (Kazakh "-ұлы", foreign names) is left as printed rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

Case = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]
Gender = Literal["m", "f", "any"]
CASES: Final[tuple[Case, ...]] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_OBLIQUE: Final[tuple[Case, ...]] = ("gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True)
class _Reading:
    """One way to read an inflected name word: its nominative, the gender and the case that reading implies."""

    nominative: str
    gender: Gender
    cases: tuple[Case, ...]


def _r(nominative: str, gender: Gender, *cases: Case) -> _Reading:
    return _Reading(nominative, gender, cases)


_VOWELS: Final = "аеёиоуыэюя"
# after these letters Russian spelling writes the genitive ending -и, not -ы (Ольга -> Ольги)
_HUSHING_OR_VELAR: Final = "гкхжшчщ"
_HUSHING: Final = "жшчщц"
# surname suffixes of the Russian type (Токаев, Сапаров, Мамин, Сапарбекова): masculine and feminine stems
_POSSESSIVE: Final = ("ов", "ев", "ёв", "ин", "ын")
# surnames that never decline: Ukrainian -ко/-енко, Kazakh -улы/-кызы (Мамашулы, Жумабеккызы), those in a vowel
_FIXED_SURNAME: Final = re.compile(r"(?:ко|ло|ых|их|улы|ұлы|уулу|кызы|қызы|гызы|[оиуыэюе])$")


def _surname_readings(word: str) -> list[_Reading]:
    """The readings of a surname's ending, Russian type (Токаева, Кулибаевой, Синицкого) or not (Пашиняна)."""
    for suffix in _POSSESSIVE:
        stem_end = word.rfind(suffix)
        if stem_end < 2 or word[stem_end:].removeprefix(suffix) not in _POSSESSIVE_ENDINGS:
            continue
        base = word[: stem_end + len(suffix)]
        ending = word[stem_end + len(suffix) :]
        return [_r(base + nominative_ending, gender, *cases) for gender, nominative_ending, cases in
                _POSSESSIVE_ENDINGS[ending]]  # fmt: skip
    adjectival = re.search(r"(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую)$", word)
    if adjectival:
        base, ending = word[: adjectival.start() + 2], word[adjectival.start() + 2 :]
        return [_r(base + nominative_ending, gender, *cases) for gender, nominative_ending, cases in
                _ADJECTIVAL_ENDINGS[ending]]  # fmt: skip
    if _FIXED_SURNAME.search(word) and not re.search(f"[^{_VOWELS}](?:у|е|ом|ем)$", word):
        return [_r(word, "any", *CASES)]
    return _consonant_readings(word, fixed_feminine=True)


# ending after the possessive suffix -> (gender, nominative ending, cases)
_POSSESSIVE_ENDINGS: Final[dict[str, list[tuple[Gender, str, tuple[Case, ...]]]]] = {
    "": [("m", "", ("nomn",))],
    "а": [("m", "", ("gent", "accs")), ("f", "а", ("nomn",))],
    "у": [("m", "", ("datv",)), ("f", "а", ("accs",))],
    "ым": [("m", "", ("ablt",))],
    "е": [("m", "", ("loct",))],
    "ой": [("f", "а", ("gent", "datv", "ablt", "loct"))],
    "ою": [("f", "а", ("ablt",))],
}
_ADJECTIVAL_ENDINGS: Final[dict[str, list[tuple[Gender, str, tuple[Case, ...]]]]] = {
    "ий": [("m", "ий", ("nomn",))],
    "ого": [("m", "ий", ("gent", "accs"))],
    "ому": [("m", "ий", ("datv",))],
    "им": [("m", "ий", ("ablt",))],
    "ом": [("m", "ий", ("loct",))],
    "ая": [("f", "ая", ("nomn",))],
    "ой": [("f", "ая", ("gent", "datv", "ablt", "loct"))],
    "ую": [("f", "ая", ("accs",))],
}


def _consonant_readings(word: str, fixed_feminine: bool) -> list[_Reading]:
    """A word of the masculine consonant declension (Ерлан, Пашинян, Ганусевич: -а, -у, -ом/-ем, -е); a woman's
    word of that shape does not decline (Жанар, Айгерим; Анна Пашинян)."""
    last = word[-1]
    readings: list[_Reading] = []
    if len(word) > 4 and (
        (word.endswith("ом") and word[-3] not in _VOWELS and word[-3] not in "йь")
        or (word.endswith("ем") and word[-3] in _HUSHING)
    ):
        readings.append(_r(word[:-2], "m", "ablt"))  # Ерланом, Пашиняном, Ганусевичем (but Игорем is Игорь's)
    if last not in _VOWELS and last not in "йь":
        readings.append(_r(word, "m", "nomn"))
        if fixed_feminine:
            readings.append(_r(word, "f", *CASES))
        return readings
    stem = word[:-1]
    if last in "йь":
        return readings  # Алексей, Игорь, Асель: the given-name readings say how they decline
    if len(stem) < 2 or stem[-1] in _VOWELS or stem[-1] in "йь":
        return [_r(word, "any", *CASES)] if fixed_feminine else []
    if last == "а":
        readings.append(_r(stem, "m", "gent", "accs"))
    elif last == "у":
        readings.append(_r(stem, "m", "datv"))
    elif last == "е":
        readings.append(_r(stem, "m", "loct"))
    return readings


def _given_readings(word: str) -> list[_Reading]:
    """The readings of a given name's ending: Ерлана, Алексею, Игорем, Натальи, Ольгой, Алию, Асели."""
    if "-" in word:  # "Касым-Жомарта": only the last part declines
        head, _, tail = word.rpartition("-")
        return [_r(f"{head}-{reading.nominative}", reading.gender, *reading.cases) for reading in _given_readings(tail)]
    readings = _consonant_readings(word, fixed_feminine=True)
    stem2, stem1 = word[:-2], word[:-1]
    last, before = word[-1:], word[-2:-1]
    if word.endswith(("ой", "ою")) and len(word) > 3:  # Верой, Ольгой
        readings.append(_r(stem2 + "а", "any", "ablt"))
    elif last == "й":  # Алексей, Геннадий
        readings.append(_r(word, "m", "nomn"))
    elif last == "ь":  # Игорь; Асель, Айгуль (a Kazakh woman's name in -ь is often left undeclined: Айгуль Нурлановой)
        readings += [_r(word, "m", "nomn"), _r(word, "f", *CASES)]
    elif last == "а":  # Вера, Динара, Никита
        readings.append(_r(word, "any", "nomn"))
    elif last == "я":
        if before in "иь":  # Мария, Наталья, Алия
            readings.append(_r(word, "f", "nomn"))
        if before in _VOWELS:  # Алексея -> Алексей, Геннадия -> Геннадий
            readings.append(_r(stem1 + "й", "m", "gent", "accs"))
        elif before not in "ь":  # Игоря -> Игорь
            readings.append(_r(stem1 + "ь", "m", "gent", "accs"))
    elif last == "ы":  # Веры, Никиты
        readings.append(_r(stem1 + "а", "any", "gent"))
    elif last == "и":
        if before in _HUSHING_OR_VELAR:  # Ольги
            readings.append(_r(stem1 + "а", "any", "gent"))
        if before in "иь":  # Марии, Натальи (and Марии as dative and prepositional)
            readings.append(_r(stem1 + "я", "f", "gent", "datv", "loct"))
        if before == "и":  # Геннадии -> Геннадий
            readings.append(_r(stem1 + "й", "m", "loct"))
        if before not in _VOWELS and before not in "ь" and before not in _HUSHING_OR_VELAR:  # Асели -> Асель
            readings.append(_r(stem1 + "ь", "f", "gent", "datv", "loct"))
    elif last == "е":
        readings.append(_r(stem1 + "а", "any", "datv", "loct"))  # Вере
        if before == "ь":  # Наталье
            readings.append(_r(stem1 + "я", "f", "datv", "loct"))
        elif before in _VOWELS:  # Алексее
            readings.append(_r(stem1 + "й", "m", "loct"))
        else:  # Игоре
            readings.append(_r(stem1 + "ь", "m", "loct"))
    elif last == "у":  # Веру, Никиту
        readings.append(_r(stem1 + "а", "any", "accs"))
    elif last == "ю":
        if before in "иь":  # Алию, Наталью
            readings.append(_r(stem1 + "я", "f", "accs"))
        if before == "ь":  # Аселью
            readings.append(_r(stem1, "f", "ablt"))
        if before in _VOWELS:  # Алексею, Геннадию
            readings.append(_r(stem1 + "й", "m", "datv"))
        elif before != "ь":  # Игорю
            readings.append(_r(stem1 + "ь", "m", "datv"))
    if word.endswith("ей") and len(word) > 3:
        if word[-3] in "иь":  # Алией, Натальей
            readings.append(_r(stem2 + "я", "f", "ablt"))
        elif word[-3] in _HUSHING:  # Сашей
            readings.append(_r(stem2 + "а", "any", "ablt"))
    if word.endswith("ем") and len(word) > 3:
        if word[-3] in _VOWELS:  # Алексеем, Геннадием
            readings.append(_r(stem2 + "й", "m", "ablt"))
        elif word[-3] not in _HUSHING:  # Игорем
            readings.append(_r(stem2 + "ь", "m", "ablt"))
    return readings


def _patronymic_readings(word: str) -> list[_Reading]:
    """A patronymic's readings: Кемелевича, Кемелевичем (a man's, declining like a consonant name); Сериковны,
    Сериковной (a woman's, like a name in -а)."""
    feminine = re.search(r"(?:овн|евн|ичн)(а|ы|е|у|ой)$", word)
    if feminine:
        return [_r(word[: feminine.start(1)] + "а", "f", *_FEMININE_PATRONYMIC_CASES[feminine[1]])]
    if re.search(r"(?:ович|евич|ич)(?:а|у|ем|е)?$", word):
        return [reading for reading in _consonant_readings(word, fixed_feminine=False) if reading.gender == "m"]
    return []


_FEMININE_PATRONYMIC_CASES: Final[dict[str, tuple[Case, ...]]] = {
    "а": ("nomn",), "ы": ("gent",), "е": ("datv", "loct"), "у": ("accs",), "ой": ("ablt",),
}  # fmt: skip


def nominative_name(name: str, case: Case | None = "gent") -> str:
    """The nominative of an inflected Russian-spelt name ("Айгуль Нурлановой" -> "Айгуль Нурланова", "Ерлану
    Сапарову" -> "Ерлан Сапаров"), else ``name`` as printed.

    ``case`` is the case the context puts the name in ("по словам" and "по мнению" the genitive, the default);
    None when the context does not say. Each word's ending gives the readings it allows (Сапарова: a man's
    genitive or accusative, or a woman's nominative); the name is read in the gender and case all its words agree
    on, and where several agree, in the one whose words say their gender most clearly (Ерлана Сапарова: Ерлан, a
    man, rather than a woman called Ерлана). A name of one word is restored only where its ending says the case
    (:func:`nominative_given_name`); a word that fits no reading keeps the name as printed.
    """
    words = name.split()
    if not words or not all(re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", word) for word in words):
        return name
    if len(words) == 1:
        return nominative_given_name(words[0]) if case in ("gent", None) else name
    per_word = [*(_given_or_patronymic(word, index) for index, word in enumerate(words[:-1])),
                _surname_readings(words[-1])]  # fmt: skip
    best: tuple[int, list[str]] | None = None
    for gender in ("m", "f"):
        for candidate_case in (case,) if case else CASES:
            chosen: list[str] = []
            score = 0
            for readings in per_word:
                fitting = [r for r in readings if candidate_case in r.cases and r.gender in (gender, "any")]
                if not fitting:
                    break
                reading = min(fitting, key=lambda r: r.gender == "any")  # a reading that names the gender first
                chosen.append(reading.nominative)
                score += 2 if reading.gender == gender else 1
            else:
                score += 2 if candidate_case == "nomn" and case is None else 0  # as printed, where it can be
                if best is None or score > best[0]:
                    best = (score, chosen)
    return " ".join(best[1]) if best else name


def _given_or_patronymic(word: str, index: int) -> list[_Reading]:
    return (_patronymic_readings(word) if index > 0 else []) or _given_readings(word)


def nominative_given_name(word: str) -> str:
    """A given name alone in the genitive ("по словам Натальи") back to the nominative, where its ending says so
    whatever the gender: -ии/-ьи (Марии, Натальи), -ы (Анны, Никиты), -и after г/к/х/ж/ш/ч/щ (Ольги). Other endings
    ("Марата" could be Марат's or a woman's name) are left as printed."""
    if not re.fullmatch(r"[А-ЯЁ][а-яё]+", word):
        return word
    if word.endswith(("ии", "ьи")):  # Марии -> Мария, Натальи -> Наталья
        return word[:-1] + "я"
    if word.endswith("и") and len(word) > 2 and word[-2] in _HUSHING_OR_VELAR:  # Ольги -> Ольга
        return word[:-1] + "а"
    if word.endswith("ы") and len(word) > 2:  # Анны, Никиты
        return word[:-1] + "а"
    return word


# Institutions in the prepositional case, as in "сообщили в акимате": the head noun back to the nominative.
_INSTITUTION_ENDINGS: Final = (
    ("пресс-службе", "пресс-служба"), ("службе", "служба"), ("полиции", "полиция"), ("прокуратуре", "прокуратура"),
    ("администрации", "администрация"), ("мэрии", "мэрия"), ("больнице", "больница"), ("партии", "партия"),
    ("организации", "организация"), ("компании", "компания"), ("ассоциации", "ассоциация"), ("комиссии", "комиссия"),
    ("гвардии", "гвардия"), ("стве", "ство"), ("управлении", "управление"), ("акимате", "акимат"),
    ("штабе", "штаб"), ("комитете", "комитет"), ("департаменте", "департамент"), ("совете", "совет"),
    ("суде", "суд"), ("центре", "центр"), ("фонде", "фонд"), ("МИДе", "МИД"), ("Минздраве", "Минздрав"),
    ("ведомстве", "ведомство"), ("кабмине", "кабмин"), ("Кремле", "Кремль"), ("парламенте", "парламент"),
    ("сенате", "сенат"), ("мажилисе", "мажилис"), ("объединении", "объединение"), ("учреждении", "учреждение"),
    ("консульстве", "консульство"), ("посольстве", "посольство"), ("землячестве", "землячество"),
)  # fmt: skip


def nominative_institution(phrase: str) -> str:
    """ "пресс-службе МВД" -> "пресс-служба МВД", "акимате Алматы" -> "акимат Алматы", with the adjectives before
    the head too ("Генеральной прокуратуре" -> "Генеральная прокуратура"); others as printed."""
    words = phrase.split(" ")
    index = 0
    while index < len(words) - 1 and _PREPOSITIONAL_ADJECTIVE.search(words[index]):
        index += 1
    head = _restore(words[index], _INSTITUTION_ENDINGS)
    if head is None:
        return phrase
    gender = "f" if head.endswith(("а", "я")) else "n" if head.endswith(("о", "е")) else "m"
    adjectives = [_nominative_adjective(word, gender) for word in words[:index]]
    return " ".join([*adjectives, head, *words[index + 1 :]])


def _restore(word: str, endings: tuple[tuple[str, str], ...]) -> str | None:
    """``word`` with its case ending replaced by the nominative one, capitalised as printed; None if none fits."""
    lower = word.casefold()
    for oblique, nominative in endings:
        if oblique[0].isupper():  # "МИДе", "Кремле": matched as printed
            if word.endswith(oblique):
                return word[: len(word) - len(oblique)] + nominative
        elif lower.endswith(oblique):
            restored = word[: len(word) - len(oblique)] + nominative
            return restored[:1].upper() + restored[1:] if word[:1].isupper() else restored
    return None


_PREPOSITIONAL_ADJECTIVE: Final = re.compile(r"[а-яё](?:ом|ем|ой|ей)$", re.IGNORECASE)
_VELAR_OR_HUSHING: Final = "гкхжшчщ"


def _nominative_adjective(word: str, gender: str) -> str:
    """A prepositional adjective in the nominative of the head's gender: "Генеральном" (n) -> "Генеральное"."""
    stem, ending = word[:-2], word[-2:].casefold()
    soft = ending in ("ем", "ей")
    if gender == "f":
        return stem + ("яя" if soft else "ая")
    if gender == "n":
        return stem + ("ее" if soft else "ое")
    return stem + ("ий" if soft or stem[-1:].casefold() in _VELAR_OR_HUSHING else "ый")


# Institutions in the genitive, as in "в сообщении министерства здравоохранения": the head noun to the nominative.
_GENITIVE_INSTITUTION_ENDINGS: Final = (
    ("пресс-службы", "пресс-служба"), ("службы", "служба"), ("полиции", "полиция"), ("прокуратуры", "прокуратура"),
    ("администрации", "администрация"), ("мэрии", "мэрия"), ("больницы", "больница"), ("партии", "партия"),
    ("организации", "организация"), ("компании", "компания"), ("ассоциации", "ассоциация"), ("комиссии", "комиссия"),
    ("гвардии", "гвардия"), ("ства", "ство"), ("управления", "управление"), ("акимата", "акимат"),
    ("штаба", "штаб"), ("комитета", "комитет"), ("департамента", "департамент"), ("совета", "совет"),
    ("суда", "суд"), ("центра", "центр"), ("фонда", "фонд"), ("союза", "союз"), ("парламента", "парламент"),
)  # fmt: skip


def nominative_genitive_institution(phrase: str) -> str:
    """ "министерства здравоохранения" -> "министерство здравоохранения" (the words after the head stay in the
    genitive, as they are in the nominative name too); others as printed."""
    head, _, rest = phrase.partition(" ")
    for genitive, nominative in _GENITIVE_INSTITUTION_ENDINGS:
        if head.casefold().endswith(genitive):
            stem_part = head[: len(head) - len(genitive)]
            restored = stem_part + (nominative.capitalize() if not stem_part and head[:1].isupper() else nominative)
            return f"{restored} {rest}".strip()
    return phrase
