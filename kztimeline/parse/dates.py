"""Find date expressions and resolve them against the publication date.

Relative expressions ("on Friday", "yesterday", "last week", "until January 19", "в четверг", "вчера") are resolved
with python-dateutil's ``relativedelta`` from the date the article states it was published. When the article states
no date they resolve to ``None``: a guess would look like a fact in a timeline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Final

from dateutil.relativedelta import MO, relativedelta, weekday

from kztimeline.parse.document import DateMention
from kztimeline.parse.lexicon import FUTURE_MARKERS, MONTHS, PAST_REPORTING_VERBS, TIMEZONE_ABBREVIATIONS, WEEKDAYS
from kztimeline.parse.segments import SpanSet

_DAY_CODES: Final = [weekday(n) for n in range(7)]

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAMES = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"

# "January 8th 2022", "Jan. 7, 2022", "January 19"
MONTH_DAY: Final = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?:(?:\s*,\s*|\s+)(?P<year>(?:19|20)\d\d)(?:\b|(?=\d{{1,2}}:\d\d)|(?=[A-ZА-ЯЁ])))?",
    re.IGNORECASE,
)
# "8 January 2022", "10 января 2022 года", "19 января"
DAY_MONTH: Final = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}(?:-?го)?\s+(?:of\s+)?(?P<month>{_MONTH_NAMES})\b\.?(?:(?:\s*,\s*|\s+)(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
ISO_DATE: Final = re.compile(r"\b(?P<year>(?:19|20)\d\d)([-/.])(?P<month>\d\d)\2(?P<day>\d\d)(?!\d)")
# "2022-01-08T14:35:00+06:00", as pages print their machine-readable time
ISO_DATE_TIME: Final = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)"
    r"(?::\d\d(?:\.\d+)?)?(?P<offset>Z|[+-]\d\d:?\d\d)?(?![\d:])"
)
# "10.01.2022", "12/01/22": day first, as pages from the region print them (an American month-first date is used
# only when the first number cannot be a month)
NUMERIC_DATE: Final = re.compile(
    r"\b(?P<day>\d{1,2})(?P<separator>[./-])(?P<month>\d{1,2})(?P=separator)(?P<year>(?:19|20)?\d\d)\b(?![./-]\d)"
)
TIME_OF_DAY: Final = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*\(?(?P<zone>[A-Za-zА-Яа-я]{2,5})\)?)?(?![\w:])",
    re.IGNORECASE,
)

_PREPOSITION = (
    r"(?:(?:on|until|till|through|since|from|by|before|after|last|this|next|early|late|on\s+the\s+night\s+of)\s+)"
)
_RU_PREPOSITION = r"(?:(?:в|во|до|с|со|к|по|на|ко)\s+)"
# "в прошлый четверг", "в минувшую субботу", "в следующий понедельник"
_RU_WHICH = r"(?:прошл|минувш|следующ)(?:ий|ую|ое|ый|ее)"
_RU_PAST_WHICH: Final = ("прошл", "минувш")

# The day or month word is matched first and the preposition before it is looked up afterwards: a pattern that
# starts with optional prepositions is tried at every position of the text and is several times slower.
_WEEKDAY = re.compile(
    rf"\b(?P<weekday>{_WEEKDAY_NAMES})\b"
    r"(?P<part>\s+(?:morning|afternoon|evening|night|утром|днем|днём|вечером|ночью))?",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(
    rf"(?:(?:\b{_PREPOSITION})+|(?<!\w){_RU_PREPOSITION}(?:{_RU_WHICH}\s+)?|\bthe\s+|(?<!\w)в\s+ночь\s+на\s+)$",
    re.IGNORECASE,
)


def _with_preposition(text: str, start: int) -> int:
    """Where a date expression starts once the preposition before it ("on", "until", "в") is included."""
    match = _PREPOSITION_BEFORE.search(text, max(0, start - 24), start)
    return match.start() if match else start


# fixed words: (pattern, days from publication or None for week expressions, precision)
_DAY_WORDS: Final[tuple[tuple[re.Pattern[str], int, str], ...]] = (
    (re.compile(r"\b(?:the\s+day\s+before\s+yesterday|позавчера)\b", re.IGNORECASE), -2, "day"),
    (re.compile(r"\b(?:yesterday|вчера|накануне)\b", re.IGNORECASE), -1, "day"),
    (re.compile(r"\b(?:today|this\s+(?:morning|afternoon|evening)|tonight|сегодня)\b", re.IGNORECASE), 0, "day"),
    (re.compile(r"\b(?:tomorrow|завтра)\b", re.IGNORECASE), 1, "day"),
    (re.compile(r"\b(?:last\s+night|overnight|(?:этой\s+|минувшей\s+)?ночью)\b", re.IGNORECASE), -1, "approximate"),
)  # fmt: skip
_WORDS: Final = re.compile(r"\w+")
# the words one of which must occur for each fixed-word pattern to be worth running
_DAY_WORD_TRIGGERS: Final[tuple[frozenset[str], ...]] = (  # in the order of _DAY_WORDS
    frozenset({"yesterday", "позавчера"}),
    frozenset({"yesterday", "вчера", "накануне"}),
    frozenset({"today", "tonight", "morning", "afternoon", "evening", "сегодня"}),
    frozenset({"tomorrow", "завтра"}),
    frozenset({"night", "overnight", "ночью"}),
)
_WEEK_WORDS: Final[tuple[tuple[re.Pattern[str], int], ...]] = (
    (re.compile(r"\b(?:earlier\s+this\s+week|this\s+week|на\s+этой\s+неделе|на\s+текущей\s+неделе)", re.IGNORECASE), 0),
    (re.compile(r"\b(?:last\s+week|на\s+прошлой\s+неделе|на\s+минувшей\s+неделе)\b", re.IGNORECASE), -1),
    (re.compile(r"\b(?:next\s+week|на\s+следующей\s+неделе)\b", re.IGNORECASE), 1),
)  # fmt: skip
_YEAR_START = re.compile(
    r"\b(?:at\s+the\s+(?:beginning|start)\s+of\s+the\s+(?:new\s+)?year|in\s+the\s+new\s+year|"
    r"в\s+начале\s+(?:нового\s+)?года|в\s+новогодние\s+праздники)\b",
    re.IGNORECASE,
)


def _weekday_date(published: dt.date, target: int, forward: bool) -> dt.date:
    """The weekday meant: the latest on or before publication (news past tense), or the next one for future talk."""
    if forward:
        return published + relativedelta(days=1, weekday=_DAY_CODES[target](+1))
    return published + relativedelta(weekday=_DAY_CODES[target](-1))


def _month_day_date(published: dt.date, month: int, day: int) -> dt.date | None:
    """A month and day without a year: the year that puts it nearest to the publication date."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: abs((candidate - published).days))


_CLAUSE_EDGE = re.compile(r"[,;:.!?\"“”«»()—–]")


def _is_future(text: str, sentence: tuple[int, int], start: int) -> bool:
    """Whether the clause around a weekday talks about the future ("would hand its list … on Wednesday").

    Only the clause counts: in `"… will be released," he said in an address posted on Sunday` the future verb is
    in the quotation, and Sunday is in the past.
    """
    left = max((m.end() for m in _CLAUSE_EDGE.finditer(text, sentence[0], start)), default=sentence[0])
    if _PAST_VERB_BEFORE.search(text, left, start):
        return False  # "said on Thursday it would send troops": Thursday is when it was said
    right_match = _CLAUSE_EDGE.search(text, start, sentence[1])
    right = right_match.start() if right_match else sentence[1]
    clause = text[left:right].casefold()
    words = set(re.findall(r"[\w']+", clause))
    return bool(words & FUTURE_MARKERS) or bool(_TO_BE_TO.search(clause))


# A reporting verb in the past right before the weekday: "said on Thursday", "заявил в среду", "announced Monday".
_US_ZONE: Final = re.compile(r"\b(?:ET|EST|EDT|CT|CST|CDT|MT|MST|PT|PST|PDT)\b")
_PAST_VERB_BEFORE = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(PAST_REPORTING_VERBS, key=len, reverse=True)) + r")\s+"
    r"(?:[\w’'-]+\s+){0,2}?(?:(?:on|last|в|во)\s+)?$"  # "told parliament on Tuesday"
)
# "Banks are to reopen on Tuesday", "the court is due to rule": a plan, so the weekday is ahead
_TO_BE_TO = re.compile(r"\b(?:is|are|am)\s+(?:(?:due|set|scheduled|expected)\s+)?to\s+[a-z]")


def find_dates(
    text: str,
    published: dt.date | None,
    sentences: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
    entries: Sequence[tuple[int, dt.date]] = (),
) -> list[DateMention]:
    """Every date expression in ``text`` (a masked article), resolved against ``published``.

    ``sentences`` lets a weekday look at its own sentence for future tense; ``blocked`` spans (metadata lines,
    headings) are skipped. Every occurrence is returned (quotations look up the date in their own sentence);
    :func:`distinct_dates` keeps the first of each (expression, date). ``entries`` are the dated entries of a live
    blog (where each entry's date line stands, and its date; :func:`entry_dates`): "on Saturday" in an entry of
    Monday 10 January is 8 January whatever day the page was first published, so each entry's dates resolve
    against its own date.
    """
    if not entries:
        return _find_dates(text, published, sentences, blocked, (0, len(text)))
    found: list[DateMention] = []
    starts = [0, *(position for position, _ in entries)]
    ends = [*starts[1:], len(text)]
    references = [published, *(date for _, date in entries)]
    for start, end, reference in zip(starts, ends, references, strict=True):
        outside = [*blocked, (0, start), (end, len(text))]
        found.extend(_find_dates(text, reference, sentences, outside, (start, end)))
    found.sort(key=lambda mention: mention.start)
    return found


def entry_dates(
    text: str, date_lines: list[tuple[int, int]], body_start: int, published: dt.date | None = None
) -> list[tuple[int, dt.date]]:
    """The dated entries of a live blog, as (where the entry's date line stands, its date): each full date line
    below the start of the body (``date_lines`` are the page's metadata lines; those above the body are the page's
    own date), and each line of the body that is only a month and a day, with or without a time ("7 января, 14:32",
    "Jan. 8, 10:15 a.m."), in the year that puts it nearest to ``published``."""
    found: list[tuple[int, dt.date]] = []
    for start, end in date_lines:
        if start >= body_start and (parsed := parse_date_time(text[start:end])) is not None:
            found.append((start, parsed[0]))
    for line in _SHORT_LINE.finditer(text, body_start) if published else ():
        date_match = _YEARLESS_ENTRY_LINE.fullmatch(line[0].strip())
        if date_match is None:
            continue
        month_name, day = date_match["month"] or date_match["month2"], date_match["day"] or date_match["day2"]
        if (
            month_name.casefold() in MONTHS
            and published
            and (date := _month_day_date(published, MONTHS[month_name.casefold()], int(day)))
        ):
            found.append((line.start(), date))
    entries: list[tuple[int, dt.date]] = []
    for position, date in sorted(found):
        if not entries or date != entries[-1][1]:
            entries.append((position, date))
    return entries


_SHORT_LINE: Final = re.compile(r"(?m)^[^\S\n]*\w[^\n]{3,40}$")
# "7 января, 14:32", "Jan. 8, 10:15 a.m. GMT", "January 8" alone on a line
_YEARLESS_ENTRY_LINE: Final = re.compile(
    rf"(?:(?:{_WEEKDAY_NAMES}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|пн|вт|ср|чт|пт|сб|вс)\.?,?\s+)?"
    r"(?:(?P<day>\d{1,2})(?:-?го)?\s+(?P<month>[^\W\d_]{3,9})|(?P<month2>[^\W\d_]{3,9})\.?\s+(?P<day2>\d{1,2})"
    r"(?:st|nd|rd|th)?)\.?,?(?:\s+(?:at\s+|в\s+)?(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*[ap]\.?m\.?)?"
    r"(?:\s+[A-ZА-Я]{2,4})?)?",
    re.IGNORECASE,
)


def _find_dates(
    text: str,
    published: dt.date | None,
    sentences: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
    region: tuple[int, int],
) -> list[DateMention]:
    """:func:`find_dates` within ``region`` of the text, outside ``blocked``, against one reference date."""
    region_start, region_end = region
    found: list[DateMention] = []
    taken = SpanSet(blocked)
    sentences = sorted(sentences)
    sentence_starts = [start for start, _ in sentences]

    def add(mention: DateMention) -> None:
        if not taken.overlaps(mention.start, mention.end):
            taken.add(mention.start, mention.end)
            found.append(mention)

    # The set of words says which month and weekday names occur; only those are searched for, and the date
    # patterns are matched only there (a pattern with a long alternation of names tried at every position of the
    # text is slow).
    words = frozenset(_WORDS.findall(text[region_start:region_end].lower()))
    names = (words & MONTHS.keys()) | (words & WEEKDAYS.keys())
    for word in _names_pattern(frozenset(names)).finditer(text, region_start, region_end) if names else ():
        lowered = word[0].casefold()
        if lowered in MONTHS:
            for mention in _month_day_at(text, word.start(), published):
                add(mention)
        elif lowered in WEEKDAYS:
            match = _WEEKDAY.match(text, word.start())
            if match is None:
                continue
            this_week = _THIS_BEFORE.search(text, max(0, match.start() - 12), match.start())
            begin = this_week.start() if this_week else _with_preposition(text, match.start())
            expression = text[begin : match.end()]
            sentence = _sentence_span(sentences, sentence_starts, match.start())
            lowered_expression = expression.casefold()
            forward = "next " in lowered_expression or (
                _is_future(text, sentence, match.start())
                and "last " not in lowered_expression
                and not any(which in lowered_expression for which in _RU_PAST_WHICH)
            )
            resolved = _weekday_date(published, WEEKDAYS[lowered], forward) if published else None
            if published and this_week:  # "this Friday", "в эту пятницу": the Friday of the publication's week
                resolved = published + relativedelta(weekday=MO(-1)) + dt.timedelta(days=WEEKDAYS[lowered])
            stated = _date_right_after(text, match.end(), published)
            if stated and (stated[0] is None or stated[0].weekday() == WEEKDAYS[lowered]):
                # "в четверг, 13 августа", "on Wednesday, January 5": one date, the one printed next to the weekday
                stated_date, stated_end, with_year = stated
                expression = text[begin:stated_end]
                add(DateMention(expression, stated_date, "day", begin, stated_end, relative=not with_year))
                continue
            add(DateMention(expression, resolved, "day", begin, match.end()))
    for match in ISO_DATE.finditer(text, region_start, region_end):
        date = _make_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if date:
            add(DateMention(match[0], date, "day", match.start(), match.end(), relative=False))
    for (pattern, offset, precision), triggers in zip(_DAY_WORDS, _DAY_WORD_TRIGGERS, strict=True):
        if words.isdisjoint(triggers):
            continue
        for match in pattern.finditer(text, region_start, region_end):
            if match[0][:1].isupper() and re.search(
                r"[A-ZА-ЯЁ][\w’'-]*[ \t]+$", text[max(0, match.start() - 30) : match.start()]
            ):
                continue  # part of a name: "Kazakhstan Today", "Russia Today"
            resolved = published + relativedelta(days=offset) if published else None
            add(DateMention(match[0], resolved, precision, match.start(), match.end()))
    for week_pattern, weeks in _WEEK_WORDS if not words.isdisjoint(("week", "неделе")) else ():
        for match in week_pattern.finditer(text, region_start, region_end):
            monday = published + relativedelta(weekday=MO(-1), weeks=weeks) if published else None
            add(DateMention(match[0], monday, "week", match.start(), match.end()))
    for match in _DAYS_AGO.finditer(text, region_start, region_end) if not words.isdisjoint(("ago", "назад")) else ():
        count = _count(match["count"])
        if count is None:
            continue
        unit = match["unit"].casefold()
        is_week = unit.startswith(("week", "недел"))
        if published is None:
            resolved = None
        elif is_week:
            resolved = published + relativedelta(weekday=MO(-1), weeks=-count)
        else:
            resolved = published - dt.timedelta(days=count)
        add(DateMention(match[0], resolved, "week" if is_week else "day", match.start(), match.end()))
    for match in (
        _WEEKEND.finditer(text, region_start, region_end)
        if not words.isdisjoint(("weekend", "выходные", "выходных"))
        else ()
    ):
        which = match["which"] or match["which_ru"]
        weeks = 0 if which.casefold() in ("this", "этих", "эти") else -1
        monday = published + relativedelta(weekday=MO(-1), weeks=weeks) if published else None
        add(DateMention(match[0], monday, "week", match.start(), match.end()))
    for match in _YEAR_START.finditer(text, region_start, region_end) if not words.isdisjoint(("year", "года")) else ():
        resolved = dt.date(published.year, 1, 1) if published else None
        add(DateMention(match[0], resolved, "approximate", match.start(), match.end()))

    found.sort(key=lambda mention: mention.start)
    return found


def distinct_dates(mentions: list[DateMention]) -> list[DateMention]:
    """The first mention of each (expression, date): "on Friday" said five times is one date."""
    unique: dict[tuple[str, dt.date | None], DateMention] = {}
    for mention in mentions:
        unique.setdefault((mention.text.casefold(), mention.date), mention)
    return list(unique.values())


@lru_cache(maxsize=1024)
def _names_pattern(names: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


_THIS_BEFORE: Final = re.compile(r"(?i)(?:\bthis|(?<!\w)(?:в|во)\s+(?:эту|этот|это))\s+$")
_NUMBER_WORDS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
}  # fmt: skip
# "two days ago", "3 days ago", "a week ago", "два дня назад", "неделю назад"
_DAYS_AGO: Final = re.compile(
    r"(?i)\b(?:(?P<count>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|один|одну|два|две|три|"
    r"четыре|пять|шесть|семь|восемь|девять|десять)\s+)?(?P<unit>days?|weeks?|дн(?:я|ей)|день|недел[иьюя])\s+"
    r"(?:ago|назад)\b"
)
# "last weekend", "this weekend", "в минувшие выходные", "на прошлых выходных"
_WEEKEND: Final = re.compile(
    r"(?i)\b(?:(?P<which>last|this|past)\s+weekend|(?:в|на)\s+(?P<which_ru>минувшие|прошлые|прошлых|минувших|этих|эти)"
    r"\s+выходн(?:ые|ых))\b"
)


def _count(word: str | None) -> int | None:
    """The number of days or weeks in "two days ago" (none written: "неделю назад" is one week)."""
    if word is None:
        return 1
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.casefold())


def _date_right_after(text: str, end: int, published: dt.date | None) -> tuple[dt.date | None, int, bool] | None:
    """A month-day printed right after a weekday ("on Wednesday, January 5", "в среду, 5 января"): the date, where
    it ends, and whether it states its year (a year-less one is resolved against ``published``, None without)."""
    following = text[end : end + 24]
    match = re.match(r",?\s+(\()?", following)  # "on Monday (Jan 10)", as some agencies print it
    if match is None:
        return None
    for pattern in (MONTH_DAY, DAY_MONTH):
        date_match = pattern.match(text, end + match.end())
        if date_match is None:
            continue
        date_end = date_match.end()
        if match[1]:
            if text[date_end : date_end + 1] != ")":
                return None
            date_end += 1
        month, day = MONTHS[date_match["month"].casefold()], int(date_match["day"])
        if date_match["year"]:
            date = _make_date(int(date_match["year"]), month, day)
            return (date, date_end, True) if date else None
        if not 1 <= day <= 31:
            return None
        return (_month_day_date(published, month, day) if published else None), date_end, False
    return None


_SHORT_FULL_MONTH_NAMES: Final = frozenset({"may", "мая", "май", "март", "июнь", "июль", "июня", "июля"})
_DAY_BEFORE: Final = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th|-?го)?\s+(?:of\s+)?$", re.IGNORECASE)


def _month_day_at(text: str, start: int, published: dt.date | None) -> Iterator[DateMention]:
    """The date around the month name at ``start``: "January 19", "19 января", with or without a year."""
    candidates = [MONTH_DAY.match(text, start)]
    day_before = _DAY_BEFORE.search(text, max(0, start - 12), start)  # "19 January", "19th of January"
    if day_before:
        candidates.append(DAY_MONTH.match(text, day_before.start()))
    for match in candidates:
        if match is None or re.match(r"[:.]?\d", text[match.end() : match.end() + 2]):
            continue
        month, day = MONTHS[match["month"].casefold()], int(match["day"])
        if match["year"]:
            date = _make_date(int(match["year"]), month, day)
            if date:
                yield DateMention(match[0], date, "day", match.start(), match.end(), relative=False)
            return
        if not 1 <= day <= 31:
            continue
        resolved = _month_day_date(published, month, day) if published else None
        begin = _with_preposition(text, match.start())
        full_name = len(match["month"]) > 4 or match["month"].casefold() in _SHORT_FULL_MONTH_NAMES
        end = match.end() - 1 if match[0].endswith(".") and full_name else match.end()
        yield DateMention(text[begin:end], resolved, "day", begin, end)  # "до 11-го января." ends at the month
        return


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _sentence_span(sentences: list[tuple[int, int]], starts: list[int], position: int) -> tuple[int, int]:
    """The sentence around ``position`` (``sentences`` sorted, ``starts`` their starts)."""
    index = bisect.bisect_right(starts, position) - 1
    if index >= 0 and sentences[index][0] <= position < sentences[index][1]:
        return sentences[index]
    return max(0, position - 120), position + 120


_UTC_OFFSET: Final = re.compile(r"\s*(?:GMT|UTC)?\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?(?!\d)")


def parse_date_time(text: str) -> tuple[dt.date, str | None] | None:
    """The first full date in ``text`` with the time and zone next to it, if any.

    Returns the date and an ISO date-time with UTC offset (None when no time, or no known zone, is given) —
    e.g. "13:22 IST, January 8th 2022" -> (2022-01-08, "2022-01-08T13:22+05:30").
    """
    stamp = ISO_DATE_TIME.search(text)
    if stamp:
        stamped = _make_date(int(stamp["year"]), int(stamp["month"]), int(stamp["day"]))
        if stamped is not None:
            offset = stamp["offset"]
            if offset is None:
                return stamped, None
            offset = "+00:00" if offset == "Z" else f"{offset[:3]}:{offset[-2:]}"
            return stamped, f"{stamped.isoformat()}T{stamp['hour']}:{stamp['minute']}{offset}"
    date_match = None
    for pattern in (MONTH_DAY, DAY_MONTH, ISO_DATE, NUMERIC_DATE):
        match = pattern.search(text)
        if match and match["year"] and (date_match is None or match.start() < date_match.start()):
            date_match = match
    if date_match is None:
        return None
    month_text, day = date_match["month"], int(date_match["day"])
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.casefold()]
    if month_text.isdigit() and month > 12 >= day:
        month, day = day, month  # 01/19/22: only month-first fits
    elif month_text.isdigit() and date_match.re is NUMERIC_DATE and _US_ZONE.search(text):
        month, day = day, month  # "01/07/22 4:12 PM ET": an American page writes the month first
    year = int(date_match["year"])
    year += 2000 if year < 100 else 0
    date = _make_date(year, month, day)
    if date is None:
        return None
    rest = text[: date_match.start()] + " " + text[date_match.end() :]
    time_match = TIME_OF_DAY.search(rest)
    if time_match is None:
        return date, None
    hour, minute = int(time_match["hour"]), int(time_match["minute"])
    ampm = (time_match["ampm"] or "").replace(".", "").casefold()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = (time_match["zone"] or "").casefold()
    offset = TIMEZONE_ABBREVIATIONS.get(zone)
    utc_offset = _UTC_OFFSET.match(rest, time_match.end()) if zone in ("gmt", "utc", "") else None
    if utc_offset:  # "6:42 PM GMT+6"
        offset = f"{utc_offset['sign']}{int(utc_offset['hours']):02d}:{utc_offset['minutes'] or '00'}"
    if offset is None:
        return date, None
    return date, f"{date.isoformat()}T{hour:02d}:{minute:02d}{offset}"
