"""Russian personal names from the genitive back to the nominative.

"По словам Айгуль Нурлановой, «…»", "по мнению Марата Касымова": after these phrases a name is in the genitive,
and a speaker recorded as "Нурлановой" would be a different person from the "Нурланова" quoted two paragraphs later
and a poor proposal for a new actor. Russian-style surnames (-ов/-ев/-ин/-ский and their feminine forms) decline
regularly and say the person's gender, which then tells how to restore the given name and patronymic. A name that
does not follow those patterns (Kazakh "-ұлы", foreign names) is left as printed rather than guessed.
"""

from __future__ import annotations

import re
from typing import Final

# genitive ending -> nominative ending, feminine surnames first (their endings are longer)
_FEMININE_SURNAME: Final = (("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"),
                            ("ской", "ская"), ("цкой", "цкая"))  # fmt: skip
_MASCULINE_SURNAME: Final = (("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
                             ("ского", "ский"), ("цкого", "цкий"))  # fmt: skip
_PATRONYMIC: Final = (("овича", "ович"), ("евича", "евич"), ("ьича", "ьич"), ("овны", "овна"), ("евны", "евна"),
                      ("ичны", "ична"))  # fmt: skip
_VOWELS: Final = "аеёиоуыэюя"


def _replace_ending(word: str, endings: tuple[tuple[str, str], ...]) -> str | None:
    for genitive, nominative in endings:
        if word.endswith(genitive) and len(word) > len(genitive) + 1:
            return word[: -len(genitive)] + nominative
    return None


def _given_name(word: str, feminine: bool) -> str:
    if word.endswith(("ии", "ьи")):  # Марии -> Мария, Натальи -> Наталья, Дарьи -> Дарья
        return word[:-1] + "я"
    if word.endswith("и") and len(word) > 2 and word[-2] in _HUSHING_OR_VELAR:  # Ольги -> Ольга, Луки -> Лука
        return word[:-1] + "а"
    if word.endswith("ы") and len(word) > 2:  # Анны -> Анна, Никиты -> Никита (men's names in -а decline alike)
        return word[:-1] + "а"
    if feminine:
        return word  # Айгуль, Асель, Жанар: not declined
    if word.endswith("я") and len(word) > 2:
        # Андрея -> Андрей, Игоря -> Игорь
        return word[:-1] + ("й" if word[-2] in _VOWELS else "ь")
    if word.endswith("а") and len(word) > 2 and word[-2] not in _VOWELS:  # Марата -> Марат
        return word[:-1]
    return word


# after these letters Russian spelling writes the genitive ending -и, not -ы (Ольга -> Ольги)
_HUSHING_OR_VELAR: Final = "гкхжшчщ"


def nominative_given_name(word: str) -> str:
    """A given name alone in the genitive ("по словам Натальи") back to the nominative, where its ending says so
    whatever the gender: -ии/-ьи (Марии, Натальи), -ы (Анны, Никиты), -и after г/к/х/ж/ш/ч/щ (Ольги). Other endings
    ("Марата" could be Марат's or a woman's name) are left as printed."""
    if not re.fullmatch(r"[А-ЯЁ][а-яё]+", word):
        return word
    if word.endswith(("ии", "ьи", "ы")) or (word.endswith("и") and len(word) > 2 and word[-2] in _HUSHING_OR_VELAR):
        return _given_name(word, feminine=True)
    return word


def nominative_name(name: str) -> str:
    """The nominative of a genitive Russian name ("Айгуль Нурлановой" -> "Айгуль Нурланова"), else ``name``."""
    words = name.split()
    if not words or not all(re.fullmatch(r"[А-ЯЁ][а-яё-]+", word) for word in words):
        return name
    if len(words) == 1:
        return nominative_given_name(words[0])
    surname = words[-1]
    feminine = _replace_ending(surname, _FEMININE_SURNAME)
    masculine = None if feminine else _replace_ending(surname, _MASCULINE_SURNAME)
    if feminine is None and masculine is None:
        # a surname that does not decline like a Russian one (Kazakh, foreign): only the given names whose
        # ending tells their case are restored ("Натальи Ким" -> "Наталья Ким")
        return " ".join([*(nominative_given_name(word) for word in words[:-1]), surname])
    restored = []
    for word in words[:-1]:
        patronymic = _replace_ending(word, _PATRONYMIC)
        restored.append(patronymic or _given_name(word, feminine is not None))
    return " ".join([*restored, feminine or masculine or surname])


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
