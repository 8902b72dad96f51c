"""Reported measures that are not a count of people: figures of metric ``other``, each with a label saying what it
measures.

Reports of unrest give more numbers than tolls, detentions and troops, and a fact-checker compares them as well:
how many times a price rose ("a two-fold rise in gas prices", "near-doubling prices of fuel", "цены выросли вдвое"),
how long a shutdown lasted ("Internet services were resumed after five days"), and what befell a part of a toll
("more than a dozen officers were dead, two of whom were decapitated"). Each kind is one small pattern here, so what
the parser reads as a measure is listed in one place; anything else stays out (a figure the parser invents is worse
than one the curator adds).

The counts of people are :mod:`kztimeline.parse.figures`; :func:`find_measures` runs after it, and a count it reads
as a part of a toll with another fate (the "two" above is not two more killed) is dropped from those.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from kztimeline.parse.document import Figure
from kztimeline.parse.lexicon import NUMBER_WORDS

PRICE_RISE_LABEL: Final = "price rise (multiple of the earlier price)"

_SMALL_NUMBER: Final = (
    r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"один|одного|два|двух|три|трех|трёх|четыре|четырех|четырёх|пять|пяти|шесть|шести|семь|семи|восемь|восьми|"
    r"девять|девяти|десять|десяти"
)
_MULTIPLES: Final = {"doubl": 2, "tripl": 3, "quadrupl": 4, "вдвое": 2, "втрое": 3, "вчетверо": 4}
_QUALIFIERS: Final = {
    "near": "nearly", "nearly": "nearly", "almost": "nearly", "about": "about", "roughly": "about",
    "some": "about", "почти": "nearly", "около": "about", "примерно": "about", "более": "more than",
    "more than": "more than", "over": "more than",
}  # fmt: skip

# "near-doubling", "doubled", "a two-fold rise", "threefold", "вдвое", "в два раза", "в 2 раза"
_MULTIPLE: Final = re.compile(
    rf"(?<![\w-])(?:(?P<qualifier>near|nearly|almost|about|roughly|some|more than|over|почти|около|примерно|более)"
    rf"[\s-]+)?(?:(?P<word>doubl|tripl|quadrupl)(?:e|es|ed|ing)\b|(?P<ru>вдвое|втрое|вчетверо)\b|"
    rf"(?P<fold>{_SMALL_NUMBER})[\s-]?fold\b|в\s+(?P<times>{_SMALL_NUMBER})\s+раза?\b)",
    re.IGNORECASE,
)
_PRICE: Final = re.compile(r"\b(?:prices?|costs?|tariffs?|fares?|цен\w*|стоимост\w*|тариф\w*|подорожа\w*)", re.I)

# "after five days", "for 5 days", "spanning two weeks", "спустя пять дней", "в течение пяти суток"
_DURATION: Final = re.compile(
    rf"\b(?:after|for|over|within|spanning|lasting|спустя|через|в течение|на протяжении)\s+(?:(?:almost|nearly|"
    rf"about|more than|over|почти|около|более)\s+)?(?P<count>{_SMALL_NUMBER})\s+(?P<unit>days?|hours?|weeks?|"
    rf"дн(?:я|ей)|день|суток|сутки|час(?:а|ов)?|недел[ьяи]\w*)\b",
    re.IGNORECASE,
)
_SHUTDOWN: Final = re.compile(
    r"\b(?:internet|online|mobile|network|connection|services|blackout|shutdown|shut down|cut off|outage|"
    r"интернет\w*|связ[ьи]|мобильн\w*|отключ\w*|блокировк\w*)",
    re.IGNORECASE,
)
_UNITS: Final = {"day": "days", "hour": "hours", "week": "weeks", "дн": "days", "ден": "days", "сут": "days",
                 "час": "hours", "нед": "weeks"}  # fmt: skip

# "two of whom were said to have been decapitated", "three of them were beheaded"
_PART_OF_TOLL: Final = re.compile(
    rf"\b(?P<count>{_SMALL_NUMBER}|a dozen|dozens)\s+of\s+(?:whom|them)\s+(?:were|was|had been|have been|"
    r"(?:were|was)\s+(?:said|reported|reportedly|believed)\s+to\s+have\s+been|reportedly\s+were)\s+"
    r"(?P<fate>[a-z]+ed)\b",
    re.IGNORECASE,
)
# fates that are a count of the core metrics, which figures.py reads
_CORE_FATES: Final = frozenset({"killed", "injured", "wounded", "detained", "arrested", "hospitalized", "hospitalised"})

Credit = Callable[[tuple[int, int], int], tuple[str | None, str | None]]


def find_measures(text: str, masked: str, sentences: list[tuple[int, int]], credit: Credit) -> list[Figure]:
    """Every price multiple, shutdown duration and part of a toll with another fate in the article's sentences, first
    mention of each only; ``credit`` says who a sentence credits with the figure at a position
    (name, actor id), as for the counts of people."""
    measures: list[Figure] = []
    seen: set[tuple[str | None, int | None, str]] = set()
    for sentence in sentences:
        for figure in _in_sentence(masked, sentence):
            key = (figure.label, figure.value, figure.qualifier)
            if key in seen:
                continue
            seen.add(key)
            figure.text = text[figure.start : figure.end]
            figure.stated_by, figure.stated_by_id = credit(sentence, figure.start)
            measures.append(figure)
    return measures


def without_parts_of_tolls(figures: list[Figure], measures: list[Figure]) -> list[Figure]:
    """The counts of people, less those a measure reads as a part of a toll with another fate: "two of whom were
    decapitated" is not two more people killed."""
    parts = [(m.start, m.end) for m in measures if m.label is not None and m.label.startswith("part of a toll")]
    return [f for f in figures if not any(start <= f.start < end for start, end in parts)]


# A word each kind of measure needs: a sentence without any is not scanned by the patterns below.
_ANY_MEASURE: Final = re.compile(
    r"doubl|tripl|quadrupl|fold\b|вдвое|втрое|вчетверо|раза\b|day|hour|week|дн[яеи]|ден|сут|час|недел|of whom|of them",
    re.IGNORECASE,
)


def _in_sentence(masked: str, sentence: tuple[int, int]) -> Iterator[Figure]:
    start, end = sentence
    if not _ANY_MEASURE.search(masked, start, end):
        return
    for match in _MULTIPLE.finditer(masked, start, end):
        if not _PRICE.search(masked, max(match.start() - 60, start), min(match.end() + 60, end)):
            continue
        value = _multiple(match)
        if value is None or value < 2:
            continue
        qualifier = _QUALIFIERS.get((match["qualifier"] or "").casefold(), "exact")
        yield _measure("other", value, qualifier, PRICE_RISE_LABEL, match, sentence)
    for match in _DURATION.finditer(masked, start, end):
        # what was shut comes first, in the same clause: "the Internet was blocked for 111 hours", "services were
        # resumed after five days" (not "unable to call home for two days after the internet was cut")
        before = masked[max(match.start() - 80, start) : match.start()]
        if not _SHUTDOWN.search(re.split(r"[.!?;]\s", before)[-1]):
            continue
        count = _number(match["count"])
        unit = next(plain for prefix, plain in _UNITS.items() if match["unit"].casefold().startswith(prefix))
        if count is None:
            continue
        yield _measure("other", count, "exact", f"{unit} of shutdown", match, sentence)
    for match in _PART_OF_TOLL.finditer(masked, start, end):
        fate = match["fate"].casefold()
        count = _number(match["count"])
        if fate in _CORE_FATES or count is None:
            continue
        yield _measure("other", count, "exact", f"part of a toll: {fate}", match, sentence)


def _measure(
    metric: str, value: int, qualifier: str, label: str, match: re.Match[str], sentence: tuple[int, int]
) -> Figure:
    return Figure(
        metric, value, qualifier, None, match.group(), match.start(), match.end(), label=label, sentence=sentence
    )


def _multiple(match: re.Match[str]) -> int | None:
    if match["word"]:
        return _MULTIPLES[match["word"].casefold()]
    if match["ru"]:
        return _MULTIPLES[match["ru"].casefold()]
    return _number(match["fold"] or match["times"])


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.casefold().replace("ё", "е")) or NUMBER_WORDS.get(word.casefold())
