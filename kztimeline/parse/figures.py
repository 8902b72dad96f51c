"""Reported numbers: people killed, injured, detained, troops deployed, criminal cases.

A number (digits, "5 тыс.", "a dozen", "dozens") takes its qualifier from the words right before it ("at least",
"more than", "over", "nearly", "some", "не менее", "более", "около") and its metric from, in order:

1. the noun right after it when that noun is a metric of its own ("125 criminal cases", "2,500 soldiers"), unless a
   casualty verb later in the clause says otherwise ("18 security personnel and 26 others were killed");
2. the nearest casualty or detention word after it in the clause ("164 people were killed", "353 injured");
3. a toll noun before it in the sentence ("the death toll, which was 44").

Numbers that count something else (days, percent, tenge, "Khabar 24", "69-year-old") are skipped. A claim repeated
in the same article (a repeated lede) is reported once; headlines are skipped because they restate the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from kztimeline.parse.document import Figure
from kztimeline.parse.gazetteer import Gazetteer
from kztimeline.parse.lexicon import (
    CLAUSE_BREAKS,
    GENERIC_PEOPLE,
    INHERITING_LINKS,
    METRIC_KEYWORDS,
    MULTIPLIERS,
    NON_PEOPLE_UNITS,
    NOUN_METRICS,
    NUMBER_QUALIFIERS,
    RUSSIAN_METRIC_STEMS,
    TOLL_NOUNS,
    VAGUE_AMOUNTS,
)
from kztimeline.parse.number_words import NUMBER_WORDS, STARTERS, read_number
from kztimeline.parse.segments import SpanSet

_DIGITS = r"\d{1,3}(?:(?:,|\u00a0|\u202f|\u2009| )\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_MULTIPLIER = r"(?:\s*(?P<multiplier>thousand|million|тыс\.?|тысяч[иа]?|млн\.?|миллион(?:а|ов)?))?"


def _by_first_word(entries: list[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for entry in entries:
        index.setdefault(re.split(r"[\s-]", entry)[0], []).append(entry)
    return index


_NUMBER_WORDS_BY_FIRST: Final = _by_first_word(list(NUMBER_WORDS))
_VAGUE_BY_FIRST: Final = _by_first_word(list(VAGUE_AMOUNTS))


def _alternation(entries: frozenset[str]) -> str:
    return "|".join(re.escape(entry) for entry in sorted(entries, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=4096)
def _number_pattern(words: frozenset[str], vague: frozenset[str]) -> re.Pattern[str]:
    """Digits, plus only the number words that occur in the text: a pattern with all of them (and their
    compounds) tried at every position is several times slower. A number in words is a run of number words that
    a starter opens ("two hundred and fifty", "четырёх тысяч"); :func:`read_number` says how much of it counts."""
    word = rf"(?:{_alternation(words & STARTERS)})(?:(?:\s*-\s*|\s+)(?:{_alternation(words)}))*"
    return re.compile(
        rf"(?<![\w.,:/$€£₸-])(?:(?P<digits>{_DIGITS}){_MULTIPLIER}|(?P<word>{word})"
        rf"|(?P<vague>{_alternation(vague)}))(?![\w%:/-])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=4096)
def _number_word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """The number words of a run one by one ("a dozen" is one of them)."""
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", re.IGNORECASE)


_QUALIFIER_OF: Final = dict(NUMBER_QUALIFIERS)
_QUALIFIER_BEFORE: Final = re.compile(
    r"(?<![\w-])(?P<phrase>"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in sorted(NUMBER_QUALIFIERS, key=lambda q: -len(q[0])))
    + r")\s+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
_EXACT_KEYWORD_METRIC: Final = {word: metric for metric, words in METRIC_KEYWORDS.items() for word in words}


class _KeywordMetrics(dict[str, str]):
    """The metric a keyword marks: the word as listed, or, for a Russian word, its stem (:data:`RUSSIAN_METRIC_STEMS`),
    so every inflection counts ("задержала", "задержал", "задержаны", "арестовали") without listing each form."""

    def get(self, word: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if word in _EXACT_KEYWORD_METRIC:
            return _EXACT_KEYWORD_METRIC[word]
        if word[:1] in _CYRILLIC_LETTERS:
            for stem, metric in RUSSIAN_METRIC_STEMS:
                if word.startswith(stem):
                    return metric
        return default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __getitem__(self, word: str) -> str:
        metric = self.get(word)
        if metric is None:
            raise KeyError(word)
        return metric


_CYRILLIC_LETTERS: Final = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_KEYWORD_METRIC: Final = _KeywordMetrics()
_VERB_METRICS: Final = ("killed", "injured", "detained")
_GROWTH_VERB: Final = re.compile(r"(?:вырос\w*|возрос\w*|увеличил\w*|достиг\w*|дошл\w*|снизил\w*)\s+$", re.IGNORECASE)
_SCOPE_STOP: Final = frozenset(
    [
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "been",
        "be",
        "being",
        "who",
        "which",
        "that",
        "and",
        "or",
        "but",
        "to",
        "on",
        "at",
        "as",
        "after",
        "during",
        "while",
        "with",
        "by",
        "from",
        "in",
        "amid",
        "near",
        "since",
        "when",
        "where",
        "—",
        "–",
        ",",
        ".",
        ";",
        ":",
        "were",
        "reportedly",
        "said",
        "say",
        "reported",
        "according",
        "its",
        "their",
        "были",
        "был",
        "была",
        "было",
        "являются",
        "и",
        "или",
        "но",
        "на",
        "в",
        "во",
        "с",
        "со",
        "по",
        "после",
        # verbs that end a Russian subject: "4,5 тыс. человек получили ранения"
        "получили",
        "получил",
        "получила",
        "оказались",
        "остаются",
        "находятся",
        "стали",
    ]
)
_CLAUSE_END: Final = frozenset(".;!?")
_STATED_BY: Final = re.compile(
    r"(?i:according\s+to|as\s+per|citing|по\s+данным|по\s+словам|по\s+информации)\s+(?P<source>[^,.;]{2,80})"
    r"|(?P<reporter>(?:the\s+)?[A-ZА-ЯЁ][\w’'-]*(?:\s+[\w’'-]+){0,4}?)\s+(?:said|says|reported|reports|"
    r"announced|сообщил\w*|заявил\w*)\b",
)


# A "reporter" phrase with a verb or a number in it is a clause ("demonstrators have been reported dead").
_NOT_A_REPORTER: Final = re.compile(r"(?i)\b(?:have|has|had|been|were|was|is|are|be|\d+)\b")


@dataclass
class _Number:
    start: int  # qualifier start
    number_start: int
    end: int
    value: int | None
    qualifier: str
    vague: bool
    is_word: bool
    low: int | None = None
    high: int | None = None


def _value(match: re.Match[str]) -> tuple[int | None, str | None]:
    if match["vague"]:
        return None, VAGUE_AMOUNTS[match["vague"].casefold()]
    digits = (
        re.sub(r"[,\u00a0\u202f\u2009 ]", "", match["digits"])
        if re.search(r"\d[, \u00a0\u202f\u2009]\d{3}", match["digits"])
        else match["digits"]
    )
    multiplier = MULTIPLIERS.get((match["multiplier"] or "").casefold().rstrip("."), 1)
    try:
        number = float(digits.replace(",", "."))
    except ValueError:
        return None, None
    return round(number * multiplier), None


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """The qualifier phrase ending right before ``start`` and where it begins."""
    match = _QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
    if match is None:
        return "exact", start
    phrase = re.sub(r"\s+", " ", match["phrase"].casefold())
    if phrase == "до" and _GROWTH_VERB.search(text[max(0, match.start() - 30) : match.start()]):
        return "exact", start
    return _QUALIFIER_OF[phrase], match.start()


_ONE_OF: Final = frozenset(
    "was person man woman officer protester protestor soldier serviceman child policeman demonstrator journalist "
    "человек погиб погибла военнослужащий мужчина женщина полицейский сотрудник ребенок ребёнок подросток участник "
    "протестующий демонстрант журналист военный силовик".split()
)
_ONE_UNIT: Final = {"тысячи": 1000, "сотни": 100, "десятка": 10}  # after "более", "около": one of the unit
_DIGIT: Final = re.compile(r"\d")
_WORDS: Final = re.compile(r"\w+")
_NUMBER_WORD_STARTS: Final = frozenset(
    part for word in [*NUMBER_WORDS, *VAGUE_AMOUNTS] for part in re.split(r"[\s-]", word)
)


def find_numbers(text: str, start: int, end: int, blocked: SpanSet) -> list[_Number]:
    """The numbers (with their qualifiers) between ``start`` and ``end``, outside ``blocked`` spans."""
    segment = text[start:end]
    words = set(_WORDS.findall(segment.lower()))
    if not _DIGIT.search(segment) and _NUMBER_WORD_STARTS.isdisjoint(words):
        return []  # most sentences have no number at all
    number_words = frozenset(e for w in words for e in _NUMBER_WORDS_BY_FIRST.get(w, ()))
    vague_words = frozenset(e for w in words for e in _VAGUE_BY_FIRST.get(w, ()))
    numbers = []
    position = start
    pattern = _number_pattern(number_words, vague_words)
    while match := pattern.search(text, position, end):
        position = match.end()
        if blocked.overlaps(match.start(), match.start() + 1):
            continue
        if match["word"]:
            read = _read_words(match, number_words)
            if (
                read is None
                or _after_locative_preposition(text, match.start())
                or _NEGATION_BEFORE.search(text, max(0, match.start() - 5), match.start())
            ):
                continue  # "в трёх городах": where, not how many; "no one was killed": none
            value: int | None = read[0]
            vague: str | None = None
            number_end = read[1]
            if number_end < match.end():
                position = number_end  # "five twenty": the rest may open a number of its own
        else:
            value, vague = _value(match)
            number_end = match.end()
        if value is None and vague is None:
            continue
        if match["digits"] and "." in match["digits"] and not match["multiplier"]:
            continue  # 9.83, 2.5: not a head count
        qualifier, begin = _qualifier(text, match.start())
        singular = _ONE_UNIT.get(match[0].casefold())
        if vague and singular and qualifier != "exact":
            value, vague = singular, None  # "более тысячи" is more than one thousand, not "thousands"
        elif vague:
            qualifier = vague
        numbers.append(
            _Number(begin, match.start(), number_end, value, qualifier, vague is not None, bool(match["word"]))
        )
    return _ranges(text, numbers)


def _read_words(match: re.Match[str], number_words: frozenset[str]) -> tuple[int, int] | None:
    """The value of a run of number words and where the words that count end."""
    tokens = list(_number_word_pattern(number_words).finditer(match.string, match.start(), match.end()))
    read = read_number([re.sub(r"\s+", " ", token[0].casefold()) for token in tokens])
    if read is None:
        return None
    value, taken = read
    return value, tokens[taken - 1].end()


# Russian prepositions of place before a number in words: "в трёх городах", "на двух площадях" (but "сообщили о
# двенадцати погибших" reports a toll)
_LOCATIVE_BEFORE: Final = re.compile(r"(?i)(?<!\w)(?:в|во|на|при)\s+$")


_NEGATION_BEFORE: Final = re.compile(r"(?i)(?<!\w)(?:no|not|ни)\s+$")


def _after_locative_preposition(text: str, start: int) -> bool:
    return bool(_LOCATIVE_BEFORE.search(text, max(0, start - 4), start))


_RANGE_OPENERS: Final = re.compile(r"(?i)(?:\bbetween|(?<!\w)от)\s+$")
_RANGE_LINKS: Final = re.compile(r"(?i)^\s*(?:and|и|до|to)\s+$|^\s*[-–]\s*$")


def _ranges(text: str, numbers: list[_Number]) -> list[_Number]:
    """Join "between 230 and 260", "от 200 до 250" and "230-260" into one number with a low and a high."""
    result: list[_Number] = []
    index = 0
    while index < len(numbers):
        number = numbers[index]
        following = numbers[index + 1] if index + 1 < len(numbers) else None
        if following and number.value is not None and following.value is not None:
            link = text[number.end : following.number_start]
            opener = _RANGE_OPENERS.search(text, max(0, number.number_start - 12), number.number_start)
            dashed = (_RANGE_LINKS.match(link) and "-" in link) or "–" in link
            if (opener and _RANGE_LINKS.match(link)) or (dashed and link.strip() in ("-", "–")):
                start = opener.start() if opener else number.number_start
                result.append(
                    _Number(start, number.number_start, following.end, None, "range", False, False,
                            low=number.value, high=following.value)
                )  # fmt: skip
                index += 2
                continue
        result.append(number)
        index += 1
    return result


def _words_after(text: str, position: int, limit: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, position, limit))


def find_figures(
    text: str,
    masked: str,
    sentences: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
    actors: Gazetteer,
) -> list[Figure]:
    """Every reported figure in the sentences of an article, first mention of each claim only."""
    figures: list[Figure] = []
    seen: set[tuple[str, int | None, str, str | None]] = set()
    blocked_spans = SpanSet(blocked)
    for sentence_start, sentence_end in sentences:
        numbers = find_numbers(masked, sentence_start, sentence_end, blocked_spans)
        previous: tuple[_Number, str] | None = None
        for number in numbers:
            figure = _figure(masked, number, (sentence_start, sentence_end), previous)
            if figure is None:
                continue
            previous = (number, figure.metric)
            key = (figure.metric, figure.value, figure.qualifier, (figure.scope or "").casefold() or None)
            if key in seen:
                continue
            seen.add(key)
            figure.text = text[figure.start : figure.end]
            figure.stated_by, figure.stated_by_id = _stated_by(
                masked, (sentence_start, sentence_end), actors, figure.start
            )
            figures.append(figure)
    return figures


def _figure(
    masked: str, number: _Number, sentence: tuple[int, int], previous: tuple[_Number, str] | None
) -> Figure | None:
    following = _words_after(masked, number.end, sentence[1])
    lowers = [w[0].casefold() for w in following]
    if masked[number.end : number.end + 1] in ("-", "–"):
        return None  # "two-fold", "69-year-old"
    if any(word in NON_PEOPLE_UNITS for word in lowers[:2]):
        return None
    if number.is_word and number.value == 1 and not (lowers and (lowers[0] in GENERIC_PEOPLE or lowers[0] in _ONE_OF)):
        return None  # "one puts it at …": a pronoun, not a count
    counts_people = bool(lowers) and (lowers[0] in GENERIC_PEOPLE or lowers[0] in _KEYWORD_METRIC)
    if not number.vague and not number.is_word and _after_name(masked, number.number_start) and not counts_people:
        return None  # "Khabar 24", "Boeing 737" - but "в Казахстан 2030 военнослужащих" counts troops
    of_them = lowers[:2] in (["of", "them"], ["of", "whom"], ["из", "них"])
    part_of_previous = of_them and previous is not None
    if number.is_word and lowers[:1] == ["of"] and not part_of_previous:
        return None  # "one of the protesters"
    scope_words = _scope(following)
    noun_metric = _noun_metric(lowers[: len(scope_words) + 3])
    verb_metric = _verb_metric(lowers, limit=9 if (number.is_word or number.vague) else 16)
    inherited = _inherited_metric(masked, number, previous)
    metric = None
    if noun_metric == "criminal_cases":
        metric = noun_metric
    elif inherited:
        metric = inherited  # "238 people died …, among them 21 police officers and soldiers"
    elif noun_metric == "troops_deployed":
        # "погибли трое военнослужащих, еще 10 получили ранения": a casualty verb right before the number decides
        before = _verb_before(masked, sentence[0], number.start)
        metric = before or (verb_metric if verb_metric in ("killed", "injured") else noun_metric)
    else:
        near_verb = _verb_metric(lowers, limit=6)
        metric = (
            _toll_right_before(masked, sentence[0], number.start)  # "put the death toll at 219"
            or _verb_before(masked, sentence[0], number.start)
            or (near_verb or previous[1] if part_of_previous and previous else None)  # "16 of them (were killed)"
            or (near_verb or _metric_noun_before(masked, sentence[0], number.start) if of_them else None)
            or inherited
            or verb_metric
            or _toll_before(masked, sentence[0], number.start)
            or _coordinated_metric(masked, number, previous)
        )
    if metric is None:
        return None
    if (of_them or inherited) and not scope_words and lowers[:1] in (["were"], ["was"], ["are"]) and len(following) > 1:
        scope_words = _scope(following[1:])  # "of whom 19 were security personnel"
    scope = " ".join(w[0] for w in scope_words) if scope_words else None
    if scope and (scope.casefold() in GENERIC_PEOPLE or (metric in NOUN_METRICS and not _scope_beyond_metric(scope))):
        scope = None
    if scope and all(word.casefold() in GENERIC_PEOPLE or word.casefold() == "of" for word in scope.split()):
        scope = None
    if scope and scope.casefold().split()[0] in ("из", "of"):
        scope = None  # "двое из них", "two of them": a part of the figure before, not a scope
    return Figure(
        metric, number.value, number.qualifier, scope, "", number.start, number.end,
        low=number.low, high=number.high, sentence=sentence,
    )  # fmt: skip


def _inherited_metric(masked: str, number: _Number, previous: tuple[_Number, str] | None) -> str | None:
    """The metric of the previous figure when this number is part or revision of it ("among them some 1,300")."""
    if previous is None:
        return None
    raw = masked[previous[0].end : number.start].casefold()
    if re.search(r"\s[—–]\s*$", raw) and len(raw) <= 60:
        return previous[1]  # a parallel clause: "не менее 2,5 тыс. человек, всего по стране — свыше 7 900"
    between = re.sub(r"[\s,;:()—–-]+", " ", raw).strip()
    for link in INHERITING_LINKS:
        if between == link or between.endswith(" " + link):
            return previous[1]
    return None


_COORDINATION_END: Final = re.compile(r"(?i)(?:,|\band|\bas\s+well\s+as|(?<!\w)и|(?<!\w)а\s+также)\s*$")


def _coordinated_metric(masked: str, number: _Number, previous: tuple[_Number, str] | None) -> str | None:
    """The metric of the figure this number is listed with, when it has none of its own: "of whom 19 were security
    personnel and 206 civilians", "из них 19 силовиков и 206 мирных жителей" (each its own scope, one metric)."""
    if previous is None:
        return None
    between = masked[previous[0].end : number.start]
    if len(between) > 60 or re.search(r"[.;!?:()«»\"“”]", between) or not _COORDINATION_END.search(between):
        return None
    return previous[1]


def _metric_noun_before(masked: str, sentence_start: int, start: int) -> str | None:
    """The metric of the latest metric word earlier in the sentence ("troops … - about 2,500 of them")."""
    words = [w.casefold() for w in re.findall(r"[\w’'-]+", masked[sentence_start:start])]
    for word in reversed(words):
        metric = _KEYWORD_METRIC.get(word)
        if metric and word not in ("held", "lives", "medical", "hospital", "cases", "дел"):
            return metric
    return None


def _verb_before(masked: str, sentence_start: int, start: int) -> str | None:
    """A casualty verb right before the number, as Russian word order puts it ("задержаны 312 человек", "суд
    арестовал ещё двоих"), or a casualty phrase earlier in its clause ("ранения получили более 700", "медицинская
    помощь понадобилась 40 задержанным": they were hurt, whatever the noun after the number says)."""
    window = masked[max(sentence_start, start - 150) : start]
    clause = re.split(r"[,;:.!?()«»\"“”—–]", window)[-1]
    for phrase, metric in _PHRASES_BEFORE:
        if phrase.search(clause):
            return metric
    words = re.findall(r"[\w’'-]+|[,;:]", window[-40:].casefold())
    while words and words[-1] in _ADVERBS_BEFORE_NUMBER:
        words.pop()
    for word in words[-1:]:
        verb_metric = _KEYWORD_METRIC.get(word)
        if verb_metric in _VERB_METRICS and word not in ("held", "lives", "medical", "hospital"):
            return verb_metric
    return None


# "задержали ещё двоих", "погибли также 12": words between a Russian verb and the number it counts
_ADVERBS_BEFORE_NUMBER: Final = frozenset("ещё еще также уже всего still also another".split())
# Phrases that say what happened to the people a number counts, in the clause before it (Russian word order)
_PHRASES_BEFORE: Final = (
    (re.compile(r"(?i)(?:ранени|травм|увечь)\w*\s+(?:\w+\s+)?получил|получил\w*\s+(?:\w+\s+)?(?:ранени|травм|увечь)"),
     "injured"),
    (re.compile(r"(?i)медицинск\w*\s+помощ|медпомощ|помощ\w*\s+медик"), "injured"),
    (re.compile(r"(?i)доставлен\w*\s+(?:в\s+)?(?:\w+\s+)?(?:больниц|госпитал|медучрежд|стационар)"
                r"|(?:больниц|госпитал|медучрежд|стационар)\w*\s+(?:\w+\s+)?доставлен"), "injured"),
    (re.compile(r"(?i)доставлен\w*\s+(?:в\s+)?(?:\w+\s+)?(?:полиц|отдел|участ|овд|ровд|изолятор|спецпри[её]мник)"
                r"|(?:полиц|отдел|участ|овд|ровд|изолятор)\w*\s+(?:\w+\s+)?доставлен"), "detained"),
)  # fmt: skip


def _after_name(masked: str, start: int) -> bool:
    before = re.search(r"([\w’'-]+)\s*$", masked[max(0, start - 40) : start])
    if not before:
        return False
    word = before[1]
    if not word[:1].isupper():
        return False
    ahead = masked[: max(0, start - 40) + before.start(1)]
    if not ahead.strip() or re.search(r'[.!?:;\n"“”«»]\s*$', ahead) or re.search(r"\n\s*$", ahead):
        return False  # the first word of a sentence or paragraph, not a name: "Возбуждено 37 уголовных дел"
    lowered = word.casefold()
    return lowered not in {q for q, _ in NUMBER_QUALIFIERS} and lowered not in ("some", "about", "over", "nearly")


def _scope(following: list[re.Match[str]]) -> list[re.Match[str]]:
    """The noun phrase right after a number ("security personnel", "members of law enforcement")."""
    words: list[re.Match[str]] = []
    for match in following[:7]:
        lower = match[0].casefold()
        if lower == "of":
            if words:
                words.append(match)
            continue
        if lower in _SCOPE_STOP or (lower in _KEYWORD_METRIC and lower not in METRIC_KEYWORDS["troops_deployed"]):
            break
        if not match[0][:1].isalnum():
            break
        words.append(match)
    while words and words[-1][0].casefold() == "of":
        words.pop()
    return words


def _scope_beyond_metric(scope: str) -> bool:
    words = [w for w in scope.casefold().split() if w not in _KEYWORD_METRIC and w not in GENERIC_PEOPLE]
    return bool(words)


def _noun_metric(lowers: list[str]) -> str | None:
    if lowers[:1] == ["of"]:
        lowers = lowers[1:]  # "hundreds of criminal cases"
    for index, word in enumerate(lowers):
        next_word = lowers[index + 1] if index + 1 < len(lowers) else ""
        if word in ("criminal", "уголовных", "уголовное") and next_word in (
            "cases",
            "case",
            "дел",
            "дела",
            "investigations",
            "probes",
            "proceedings",
            "inquiries",
            "charges",
        ):
            return "criminal_cases"
        if word in METRIC_KEYWORDS["troops_deployed"]:
            return "troops_deployed"
    return None


def _verb_metric(lowers: list[str], limit: int) -> str | None:
    for index, word in enumerate(lowers[:limit]):
        if word == "," and index + 1 < len(lowers) and _KEYWORD_METRIC.get(lowers[index + 1]) in _VERB_METRICS:
            # a participle after the noun: "двоих срочников, погибших во время беспорядков"
            return _KEYWORD_METRIC[lowers[index + 1]] if lowers[index + 1] not in ("held", "lives") else None
        if word in _CLAUSE_END or word in CLAUSE_BREAKS:
            return None
        metric = _KEYWORD_METRIC.get(word)
        if metric in _VERB_METRICS:
            if word == "held" or word == "lives":
                continue
            return metric
    return None


_TOLL_RIGHT_BEFORE: Final = re.compile(
    r"(?i)(?P<noun>" + "|".join(re.escape(noun) for noun in sorted(TOLL_NOUNS, key=len, reverse=True)) + r")"
    r"\s*(?:,?\s*which\s+was|stood\s+at|stands\s+at|rose\s+to|has\s+risen\s+to|risen\s+to|reached|climbed\s+to|"
    r"jumped\s+to|of|at|to|was|is|now|составило|составляет|достигло|выросло\s+до|возросло\s+до)?\s*$"
)


def _toll_right_before(masked: str, sentence_start: int, start: int) -> str | None:
    """A toll noun directly before the number ("the death toll at 219", "число погибших достигло 164")."""
    match = _TOLL_RIGHT_BEFORE.search(masked, max(sentence_start, start - 50), start)
    return TOLL_NOUNS[match["noun"].casefold()] if match else None


def _toll_before(masked: str, sentence_start: int, start: int) -> str | None:
    window = masked[max(sentence_start, start - 80) : start].casefold()
    best: tuple[int, str] | None = None
    for noun, metric in TOLL_NOUNS.items():
        position = window.rfind(noun)
        if position >= 0 and (best is None or position > best[0]):
            best = (position, metric)
    return best[1] if best else None


def _stated_by(
    masked: str, sentence: tuple[int, int], actors: Gazetteer, position: int | None = None
) -> tuple[str | None, str | None]:
    """Who the sentence credits with the number at ``position`` ("according to the Interior Ministry", "CNN
    reported", "TASS citing witnesses").

    When it credits several ("According to official media, …, according to the Interior Ministry, reported the
    portal"), media relay what an official body stated: the first official body is the source, else the one named
    nearest before the number ("…, according to local reports, with TASS citing witnesses to report multiple deaths":
    the witnesses; "State TV reported that …, two of whom …, according to Reuters": State TV, which Reuters relays),
    else the first named after it.
    """
    text = masked[sentence[0] : sentence[1]]
    found: list[tuple[str, str | None]] = []
    distances: list[int] = []
    for match in _STATED_BY.finditer(text):
        source = _SOURCE_TAIL.sub("", (match["source"] or match["reporter"] or "").strip())
        if not source or (match["reporter"] and _NOT_A_REPORTER.search(source)):
            continue
        entry = actors.lookup(source)
        if entry is None:
            within = actors.find_within(source)
            entry = actors.by_id.get(within.id) if within and within.id else None
            if entry is not None and _OFFICIAL_BODY.search(source) and not _OFFICIAL_BODY.search(entry.name):
                entry = None  # "Kazakhstan Ministry of Health" is the ministry, not the country named in it
        at = sentence[0] + match.start()
        # before the number, nearest first; after it (a relay of the whole sentence, "…, CNN reported"), first first
        distance = (position - at if at <= position else len(masked) + at) if position is not None else 0
        if entry:
            found.append((entry.name, entry.id))
            distances.append(distance)
            continue
        named = re.sub(r"^(?:the|a)\s+", "", source)
        if match["source"] and named.casefold() not in _UNNAMED_SOURCES:
            found.append((named, None))
            distances.append(distance)
    official = [credit for credit in found if _OFFICIAL_BODY.search(credit[0])]
    if official:
        return official[0]
    if found:
        return found[min(range(len(found)), key=lambda index: (distances[index], index))]
    return None, None


# What follows a source's name in "citing witnesses to report …", "according to police who said …"
_SOURCE_TAIL: Final = re.compile(r"\s+(?:to|that|who|which|as|when|while|about)\b.*$", re.IGNORECASE)


_OFFICIAL_BODY: Final = re.compile(
    r"(?i)\b(?:ministry|ministries|office|committee|government|police|prosecutor|administration|akimat|department|"
    r"council|service|министерств\w*|мвд|прокуратур\w*|полици\w*|ведомств\w*|правительств\w*|акимат\w*|комитет\w*)"
)


# "according to reports" names nobody: no one to credit the number to
_UNNAMED_SOURCES: Final = frozenset(
    "reports media reports some reports unconfirmed reports sources estimates data information предварительным "
    "данным".split()
) | frozenset({"media reports", "some reports", "unconfirmed reports", "preliminary data", "предварительным данным"})
