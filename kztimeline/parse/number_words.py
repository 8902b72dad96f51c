"""Numbers written as words, in English and Russian, up to the thousands: "six", "two dozen", "two hundred and fifty",
"three thousand", "шесть", "двое", "восьми", "трёх", "двести пятьдесят", "около четырёх тысяч", "полторы тысячи".

Reports write small counts and round large ones in words ("six people were killed", "более двух тысяч задержанных");
a figure parser that reads only digits misses them. Russian inflects every number word (восемь, восьми, восемью),
so each form is listed here with its value and its kind; :func:`read_number` combines a run of them the way the
language does (a hundreds word, then a tens word, then a unit, then a scale word multiplies what came before).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["unit", "ten", "hundreds", "hundred", "dozen", "scale", "and"]


@dataclass(frozen=True)
class NumberWord:
    """One number word: its value and how it combines with its neighbours."""

    value: float
    kind: Kind


def _forms(kind: Kind, table: dict[int | float, str]) -> dict[str, NumberWord]:
    return {form: NumberWord(value, kind) for value, forms in table.items() for form in forms.split()}


_ENGLISH: Final = {
    **_forms("unit", {
        1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    }),
    **_forms("ten", {
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
        17: "seventeen", 18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty",
        60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety",
    }),
    **_forms("hundred", {100: "hundred"}),
    **_forms("dozen", {12: "dozen"}),
    **_forms("scale", {1000: "thousand", 1_000_000: "million"}),
    **_forms("and", {0: "and"}),
    # a phrase with "a" counts one of the unit: "a dozen officers", "a hundred people", "a thousand troops"
    "a dozen": NumberWord(12, "dozen"),
    "half a dozen": NumberWord(6, "dozen"),
    "a hundred": NumberWord(100, "hundred"),
    "a thousand": NumberWord(1000, "scale"),
}  # fmt: skip

# Russian: every case form (nominative, genitive, dative, instrumental, prepositional; the accusative is one of them)
_RUSSIAN: Final = {
    **_forms("unit", {
        1: "один одна одно одного одной одному одним одном одну",
        2: "два две двух двум двумя двое двоих двоим двоими",
        3: "три трех трёх трем трём тремя трое троих троим троими",
        4: "четыре четырех четырёх четырем четырём четырьмя четверо четверых четверым",
        5: "пять пяти пятью пятеро пятерых пятерым",
        6: "шесть шести шестью шестеро шестерых шестерым",
        7: "семь семи семью семеро семерых семерым",
        8: "восемь восьми восемью восьмью восьмеро восьмерых",
        9: "девять девяти девятью девятеро девятерых",
        1.5: "полтора полторы полутора",
    }),
    **_forms("ten", {
        10: "десять десяти десятью десятеро десятерых",
        11: "одиннадцать одиннадцати одиннадцатью", 12: "двенадцать двенадцати двенадцатью",
        13: "тринадцать тринадцати тринадцатью", 14: "четырнадцать четырнадцати четырнадцатью",
        15: "пятнадцать пятнадцати пятнадцатью", 16: "шестнадцать шестнадцати шестнадцатью",
        17: "семнадцать семнадцати семнадцатью", 18: "восемнадцать восемнадцати восемнадцатью",
        19: "девятнадцать девятнадцати девятнадцатью", 20: "двадцать двадцати двадцатью",
        30: "тридцать тридцати тридцатью", 40: "сорок сорока", 50: "пятьдесят пятидесяти пятьюдесятью",
        60: "шестьдесят шестидесяти шестьюдесятью", 70: "семьдесят семидесяти семьюдесятью",
        80: "восемьдесят восьмидесяти восемьюдесятью", 90: "девяносто девяноста",
    }),
    **_forms("hundreds", {
        100: "сто ста сотня сотню сотней", 200: "двести двухсот двумстам двумястами",
        300: "триста трехсот трёхсот тремстам", 400: "четыреста четырехсот четырёхсот четыремстам",
        500: "пятьсот пятисот пятистам", 600: "шестьсот шестисот шестистам", 700: "семьсот семисот семистам",
        800: "восемьсот восьмисот восьмистам", 900: "девятьсот девятисот девятистам",
    }),
    **_forms("scale", {
        1000: "тысяча тысячи тысяч тысячу тысячей тысячам тысячами",
        1_000_000: "миллион миллиона миллионов миллионом",
    }),
}  # fmt: skip

NUMBER_WORDS: Final[dict[str, NumberWord]] = {**_ENGLISH, **_RUSSIAN}

# Words that can open a number written in words. A plural scale word alone is a vague amount ("тысячи людей",
# "thousands"), not a number; a singular one is a count of one ("тысяча человек", "a thousand troops").
STARTERS: Final[frozenset[str]] = frozenset(
    word
    for word, entry in NUMBER_WORDS.items()
    if entry.kind not in ("and", "hundred", "dozen") or word.startswith(("a ", "half "))
) - frozenset({"тысячи", "тысяч", "тысячам", "тысячами", "миллиона", "миллионов", "thousand", "million"})

_RANK: Final[dict[Kind, int]] = {"unit": 1, "ten": 2, "hundreds": 3}


def read_number(words: list[str]) -> tuple[int, int] | None:
    """The value of the number written by the first words of ``words`` (casefolded), and how many words it takes.

    Words are read while they continue the number: "two hundred and fifty people" -> (250, 4), "three thousand
    five hundred" -> (3500, 4), "четырёх тысяч" -> (4000, 2), "двадцать пять" -> (25, 2); "five twenty" stops after
    "five" (a smaller word is never followed by a larger one in the same group). None when the first word opens no
    number, or the number is not a whole one ("полтора" alone).
    """
    total = 0.0
    group = 0.0  # the part below the last scale word
    rank = 99  # the rank of the last word added to the group: each next one must be lower
    last_scale = float("inf")
    taken = 0
    for index, word in enumerate(words):
        entry = NUMBER_WORDS.get(word)
        if entry is None or (index == 0 and word not in STARTERS):
            break
        if entry.kind == "and":
            following = NUMBER_WORDS.get(words[index + 1]) if index + 1 < len(words) else None
            if rank != _HUNDRED_RANK or following is None or following.kind not in ("unit", "ten"):
                break  # "two hundred and fifty", but not "two and three"
            continue
        if entry.kind == "scale":
            if entry.value >= last_scale or (index > 0 and group == 0):
                break
            total += (group or 1) * entry.value
            group, rank, last_scale = 0, 99, entry.value
        elif entry.kind in ("hundred", "dozen"):
            if group >= 100 or rank == _HUNDRED_RANK:
                break  # "two hundred", "two dozen", but not "two hundred dozen"
            group, rank = (group or 1) * entry.value, _HUNDRED_RANK
        else:
            word_rank = _RANK[entry.kind]
            if word_rank >= rank or (entry.value == 1.5 and group):
                break
            group += entry.value
            rank = word_rank
        taken = index + 1
    value = total + group
    if taken == 0 or value != int(value):
        return None
    return int(value), taken


_HUNDRED_RANK: Final = 3
