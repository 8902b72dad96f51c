"""Separate an article from the page it was copied from, and read the page's metadata.

Raw article text comes with the page around it: stock tickers, "Advertisement", share/follow buttons, image
credits, comment forms, "ALSO READ" and "Related Posts" links, bylines and date lines. This module finds those lines
(and the inline "date 2022-01-10" prefix some scrapers leave) and *masks* them: the masked text keeps every
character position, with noise replaced by spaces, so everything found later still points into the original file.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

from kztimeline.parse.dateline import Dateline, read_credit_line, read_dateline, split_byline_agency
from kztimeline.parse.dates import DAY_MONTH, ISO_DATE, MONTH_DAY, NUMERIC_DATE, parse_date_time
from kztimeline.parse.lexicon import MONTHS

# A whole line that is page furniture (matched against the stripped line, case-insensitively).
_NOISE_LINE: Final = re.compile(
    r"""^(?:
        advertisement(?:\s*[-·:]?\s*scroll\s+to\s+continue(?:\s+with\s+content)?)?|advertising|sponsored(?:\s+content)?
        |реклама|партнерский\s+материал
        |print\s+version\b.*|версия\s+для\s+печати.*|(?:a\s*){2,4}|font\s+size.*
        |share|tweet|whatsapp|telegram|viber|facebook|twitter|linkedin|pinterest|reddit|email|e-mail|print|copy\s+link
        |share\s+(?:this|on\s+\w+|via\s+\w+)(?:\s+\w+)?|follow(?:\s+us)?(?:\s+on)?\b.*|subscribe\b.*|get\s+alerts
        |sign\s+up\b.*|newsletter|(?:поделиться|подписаться|подписывайтесь|подпишитесь)\b.*
        |\[[a-z_]+[^\]]*\]
        |leave\s+a\s+(?:reply|comment)|comments?(?:\s*\(\d+\))?|post\s+comment|add\s+comment|\d+\s+comments?
        |your\s+email\s+address\s+will\s+not\s+be\s+published\b.*|required\s+fields\s+are\s+marked\b.*
        |save\s+my\s+name,\s+email.*|name\s*\*?|email\s*\*?|website|комментари(?:и|ев)\b.*|оставьте\s+комментарий.*
        |also\s+read\b.*|read\s+also\b.*|read\s+more\b.*|related(?:\s+(?:posts|articles|stories|news|content|topics))?:?
        |more\s+from\b.*|recommended(?:\s+for\s+you)?|trending(?:\s+now)?|most\s+read|you\s+may\s+also\s+like.*
        |читайте\s+также\b.*|читать\s+также\b.*|смотрите\s+также\b.*|по\s+теме\b.*|новости\s+по\s+теме.*
        |(?:\(?\s*(?:image|images|photo|photos|picture|pictures|video|credit|фото|видео|источник\s+фото)\s*
            (?:credit)?\s*[:|/]\s*[^.!?]{0,80}\)?(?:\s*\|\s*[^.!?]{0,60})*)
        |(?:source|источник)\s*:\s*[^.!?]{1,60}|getty\s+images|(?:photo|image)\s*:\s*\w+|file\s+photo
        |we\s+use\s+cookies\b.*|this\s+(?:site|website)\s+uses\s+cookies\b.*|accept(?:\s+all)?\s+cookies|cookie\s+policy
        |\d+\s*(?:min|mins|minute|minutes)\s+read|время\s+чтения.*|\d+\s+мин(?:ут[аы]?)?\s+чтения|\d+\s+(?:views|просмотр\w*)
        |skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|click\s+here\b.*|loading\.*|listen\s+to\s+this\s+article.*
        |this\s+article\s+is\s+more\s+than\s+\w+\s+(?:years?|months?)\s+old
        |[•·|\s]+(?:share|tweet|email|print|follow)\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Page furniture that comes as a long line: cookie banners, sign-up and comment-form boilerplate.
_LONG_NOISE: Final = re.compile(
    r"(?i)^(?:we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|by\s+(?:continuing|using|signing\s+up)|"
    r"your\s+email\s+address\s+will\s+not|sign\s+up\s+for|subscribe\s+to|мы\s+используем\s+(?:файлы\s+)?cookie|"
    r"skip\s+(?:links|to\s+\w+)|navigation(?:\s+menu)?$|main\s+menu$|menu$|меню$|home(?:page)?$|главная$|"
    r"(?:breaking|live|срочно|молния)\s*[▸►•|:]|.{0,40}\bback\s+to\s+(?:home|top)\b.{0,20}$)"
)


def _is_breadcrumb(text: str) -> bool:
    """ "Главная / Новости / Общество", "Home > World > Asia", "Media Center  Live TV": short parts between
    separators (two capitalised items set apart by wide spacing are a menu too)."""
    parts = re.split(r"\s+[/>›»|·•]\s+|\s{2,}|\t", text)
    if len(parts) == 2 and re.search(r"\s{2,}|\t", text):
        return all(len(part.split()) <= 3 and all(w[:1].isupper() for w in part.split()) for part in parts)
    return len(parts) >= 3 and all(len(part.split()) <= 3 for part in parts)


# Lines after which the rest of the page is links and forms (short lines only are masked after them).
_TAIL_MARKER: Final = re.compile(
    r"^(?:related(?:\s+\w+)?:?|leave\s+a\s+(?:reply|comment)|comments?|also\s+read\b.*|read\s+more\b.*|"
    r"читайте\s+также\b.*|по\s+теме\b.*|more\s+from\b.*|recommended.*|trending.*)$",
    re.IGNORECASE,
)
# A stock-ticker quote: "AGL39.71▼ -0.42 (-0.01%)"
_TICKER: Final = re.compile(r"[A-Z][A-Z0-9.&-]{1,11}\s?\d[\d,.]*\s*[▲▼↑↓+-]?\s*[+-]?\d[\d,.]*\s*\([+-]?\d[\d.,]*%\)")
_BYLINE: Final = re.compile(
    r"^(?:reported\s+by|written\s+by|edited\s+by|by|author|автор|текст|корреспондент)\s*[:—–-]?\s+"
    r"(?P<name>[A-ZА-ЯЁ].{1,80}?)\s*$",
    re.IGNORECASE,
)
# "Автор:" or "By" alone on its line, the name on the next
_BYLINE_LABEL: Final = re.compile(r"(?i)^(?:by|author|автор|текст)\s*:?$")
_DATE_LINE_LABEL: Final = re.compile(
    r"^(?:(?:last\s+)?(?:published|updated|posted|first\s+published|modified|date)\s*(?:on|at)?\s*:?\s*|"
    r"(?:опубликовано|обновлено|дата\s+публикации|дата)\s*:?\s*)",
    re.IGNORECASE,
)
_LEADING_DATE_PREFIX: Final = re.compile(r"\s*date\s+(?P<date>(?:19|20)\d\d-\d\d-\d\d)\b\s*", re.IGNORECASE)
_REPORTS_OUTLET: Final = re.compile(
    r"(?:…|\.\.\.|\s[-–—]\s*|,\s*)\s*(?:reports|reported\s+by|reports\s+by|сообщает)\s+"
    r"(?P<outlet>[A-ZА-ЯЁ][\w&.'’\- ]{1,40}?)\s*\.?\s*$"
)
_DIGIT: Final = re.compile(r"\d")
_ALNUM: Final = re.compile(r"[^\W_]")
_WORD: Final = re.compile(r"[^\W\d_][\w’'\-]*")
_SENTENCE_END: Final = re.compile(r"[.!?…:;\"”»’)]\s*$")


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped

    @cached_property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


@dataclass
class Page:
    """An article's text with its page furniture masked and its metadata read."""

    text: str
    masked: str
    title: tuple[int, int] | None = None
    headings: list[tuple[int, int]] = field(default_factory=list)  # sub-headlines and the title
    author: str | None = None
    published: dt.date | None = None
    published_at: str | None = None
    published_text: str | None = None
    outlet: str | None = None  # the publishing outlet, else the agency the dateline or byline credits
    agency: str | None = None  # the news agency the dateline (or byline) credits, under its usual name
    dateline: str | None = None  # as printed: "ALMATY, Jan 11, 2022 (Steppe Wire) -"
    dateline_parts: Dateline | None = None  # its place, date, agency and span (masked in ``masked``)
    metadata_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def title_text(self) -> str | None:
        return self.text[self.title[0] : self.title[1]].strip() if self.title else None

    def body(self) -> str:
        """The article without page noise and metadata, paragraphs separated by blank lines."""
        masked = self.masked
        if self.title:
            start, end = self.title
            masked = masked[:start] + " " * (end - start) + masked[end:]
        lines = [line.strip() for line in masked.splitlines()]
        paragraphs = [line for line in lines if line]
        return "\n\n".join(paragraphs)


def _lines(text: str) -> Iterator[Line]:
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        leading = len(content) - len(content.lstrip())
        yield Line(position + leading, position + leading + len(stripped), stripped)
        position += len(raw)


def is_ticker_line(text: str) -> bool:
    """A line made mostly of stock quotes."""
    if "%" not in text:
        return False
    matches = _TICKER.findall(text)
    return len(matches) >= 2 and sum(len(m) for m in matches) >= 0.6 * len(text.replace(" ", ""))


def _is_noise(line: Line) -> bool:
    text = line.text
    if not text:
        return False
    if _NOISE_LINE.match(text) and line.words <= 14:
        return True
    if _LONG_NOISE.match(text) or _is_breadcrumb(text):
        return True
    if is_ticker_line(text) or _is_menu_line(text):
        return True
    # lines of symbols only (separators, bullets)
    return not _ALNUM.search(text)


def _date_line(line: Line) -> tuple[dt.date, str | None] | None:
    """A line that is only a publication date/time ("Published 13:22 IST, January 8th 2022")."""
    if not line.text or line.words > 12 or not _DIGIT.search(line.text):
        return None
    parsed = parse_date_time(line.text)
    if parsed is None:
        return None
    return parsed if _only_date_words(line.text) else None


# a full date (and time) closing a line: "… протестующих 13.08.2020", "… in Almaty 11 January 2022, 14:32"
_DATE_AT_LINE_END: Final = re.compile(
    r"\s+[|·•—–-]?\s*(?P<date>(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|\d{1,2}\s+[^\W\d_]+\.?\s+(?:19|20)\d\d"
    r"(?:\s*(?:года|г\.))?|[^\W\d_]+\.?\s+\d{1,2},\s+(?:19|20)\d\d)(?:,?\s+(?:[01]?\d|2[0-3]):[0-5]\d)?)\s*$"
)


def _date_after_headline(line: Line) -> tuple[Line, tuple[int, int], tuple[dt.date, str | None]] | None:
    """A headline with the page's date glued after or before it: the headline alone, the date's span and the date.

    Copied pages run the headline and the date line together ("За сутки задержали 700 протестующих 13.08.2020",
    "13.08.2020 10:15 За сутки …"); the date is the page's, not a date the headline reports (a headline reporting a
    date says it with words, "… 13 августа", never "… 13.08.2020"). Before the headline only a date in digits
    counts: "5 января 2022 года в Алматы …" opens a sentence.
    """
    if line.words > 30:
        return None
    after = _DATE_AT_LINE_END.search(line.text)
    before = None if after else _NUMERIC_DATE_AT_LINE_START.match(line.text)
    match = after or before
    if match is None or (after is not None and after.start() == 0):
        return None
    date_text = match["date"]
    named = re.search(r"[^\W\d_]+", date_text)
    if named and named[0].casefold() not in MONTHS:
        return None
    parsed = parse_date_time(date_text)
    if parsed is None:
        return None
    if after is not None:
        headline = line.text[: after.start()].rstrip()
        headline_start, date_span = line.start, (line.start + after.start("date"), line.end)
    else:
        headline = line.text[match.end() :]
        headline_start, date_span = line.start + match.end(), (line.start, line.start + match.end())
    if len(_WORD.findall(headline)) < 3 or not headline[:1].isupper():
        return None  # "Алматы, 5 января 2022": a dateline or a date line, not a headline
    return Line(headline_start, headline_start + len(headline), headline), date_span, parsed


_NUMERIC_DATE_AT_LINE_START: Final = re.compile(
    r"(?P<date>\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d(?:,?\s+(?:[01]?\d|2[0-3]):[0-5]\d)?)\s*[|·•—–-]?\s*(?=\S)"
)


def _yearless_date_line(line: Line) -> tuple[int, int] | None:
    """A line that is only a month and day, with or without a time ("7 января, 10:15"): (month, day)."""
    if not line.text or line.words > 8 or not _DIGIT.search(line.text):
        return None
    match = DAY_MONTH.search(line.text) or MONTH_DAY.search(line.text)
    if match is None or match["year"] or not _only_date_words(line.text):
        return None
    return MONTHS[match["month"].casefold()], int(match["day"])


def _only_date_words(text: str) -> bool:
    """What remains besides the date and time is little more than labels, zones and ordinals."""
    rest = _DATE_LINE_LABEL.sub("", text)
    leftover = re.sub(r"(?i)\b[ap]\.m\.", " ", rest)
    leftover = re.sub(
        r"(?i)\b(?:\d+(?:st|nd|rd|th|am|pm)?|st|nd|rd|th|at|on|am|pm|ist|gmt|utc|bst|cet|msk|мск|est|edt|et|года?|г|в)\b",
        " ",
        leftover,
    )
    leftover = re.sub("|".join(MONTHS), " ", leftover, flags=re.IGNORECASE)
    leftover = re.sub(
        r"(?i)get\s+alerts|updated|published|created|трансляция\s+начата|начата|live\s+since|"
        r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\bmin(?:ute)?s?\s+read\b|"
        r"\bhours?\s+ago\b|\b(?:пн|вт|ср|чт|пт|сб|вс)\b",
        " ",
        leftover,
    )
    return len(_WORD.findall(leftover)) <= 1


# "By Staff Report in Nation on 11 January 2022", "By Saule X and RFE/RL's Kazakh Service January 13, 2022 14:21 GMT"
_BY_WITH_DATE: Final = re.compile(
    r"^(?:[Bb][Yy]|Автор:?)\s+(?P<name>.+?)(?:\s+(?:in|on|в)\s+.*?)?\s*[,|·•—–-]?\s*"
    r"(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d{1,2}\s+\w+\s+(?:19|20)\d\d|\d{1,2}[./]\d{1,2}[./]))"
)
_NAME_BEFORE_DATE: Final = re.compile(
    r"^(?:by\s+)?(?P<name>(?:[A-ZА-ЯЁ][\w’'-]+\s+){1,3}[A-ZА-ЯЁ][\w’'-]+)[\s,|·•—–-]*$"
)


def _byline_with_date(line: Line) -> tuple[str, tuple[dt.date, str | None]] | None:
    """ "Yulia Korchagina Jan 11, 2022": a name and a date on one line."""
    if line.words > 12 or not _DIGIT.search(line.text):
        return None
    starts = [m.start() for p in (MONTH_DAY, DAY_MONTH, NUMERIC_DATE) if (m := p.search(line.text))]
    if not starts:
        return None
    start = min(starts)
    name = _NAME_BEFORE_DATE.match(line.text[:start])
    if name is None:
        return None
    parsed = _date_line(Line(line.start + start, line.end, line.text[start:]))
    return (name["name"], parsed) if parsed else None


# "Вера Сундукова", "Jane Doe": a person's name alone on its line
_PERSON_NAME_LINE: Final = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё’'-]+(?:\s+[A-ZА-ЯЁ][a-zа-яё’'-]+){1,2}$")
_NAME = r"(?:[A-ZА-ЯЁ][\w’'.-]+\s+){1,3}[A-ZА-ЯЁ][\w’'.-]+"
_PLACE = r"[A-ZА-ЯЁ][\w’'.-]+(?:[\s-][A-ZА-ЯЁ][\w’'.-]+)?"
# "Sofia Marchetti-Lund in Almaty", "Anna Lemaire-Duval with Asset Kanapin in Nur-Sultan": reporters and where they are
_NAMES_IN_PLACE: Final = re.compile(
    rf"^{_NAME}(?:\s*(?:,|and|with|&|и)\s+{_NAME})*\s+(?:in|from|в)\s+{_PLACE}"
    rf"(?:\s*(?:,|and|&|и)\s+(?:{_NAME}\s+(?:in|from|в)\s+)?{_PLACE})*$"
)


def _is_menu_line(text: str) -> bool:
    """ "Home News Technology Business Sports", "Политика Экономика Общество В мире": a row of section names.

    Russian headlines capitalise only their first word and proper names; a line of four or more words most of them
    capitalised, without punctuation, is a menu. English headlines may be in Title Case, but they keep their short
    function words in lower case; six or more words all capitalised are a menu.
    """
    text = re.sub(r"(?:\.\.\.|…)$", "", text.strip())  # "… Yahoo Plus More..."
    if re.search(r"[,:;?!«»\"“”]|[.]\s*$", text) or text.isupper():
        return False
    words = re.findall(r"[^\W\d_][\w’'&-]*", text)
    capitalised = [word for word in words if word[:1].isupper()]
    if len(words) < 4:
        return False
    if re.search(r"[а-яё]", text, re.IGNORECASE):
        return len(capitalised) >= 4 and len(capitalised) >= 0.6 * len(words)
    if " & " in text:  # "News in Focus Business & Money Science & Tech"
        return len(words) >= 6 and len(capitalised) >= 0.7 * len(words)
    return len(words) >= 6 and len(capitalised) == len(words)


# "Ainur Tolegen and Mark Fairley", "Maya Oberlin in Moscow and agencies": reporters, not a headline
_NAMES_ONLY: Final = re.compile(
    r"^(?:By\s+)?[A-ZА-ЯЁ][\w’'.-]+(?:\s+[A-ZА-ЯЁ][\w’'.-]+){1,2}"
    r"(?:\s*(?:,|and|&|и)\s+(?:[A-ZА-ЯЁ][\w’'.-]+(?:\s+[A-ZА-ЯЁ][\w’'.-]+){1,2}|agencies|agency|wires))+$"
)


# A photo's caption or credit, labelled as such
_CAPTION: Final = re.compile(
    r"(?i)^(?:photo|image|picture|video)?\s*(?:caption|credit)s?\b|^(?:подпись\s+к\s+фото|фото|видео)\b"
)


def _choose_headline(
    text: str, candidates: list[Line], metadata_spans: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The headline: the heading of four words or more nearest to the byline or date lines, above them first.

    Menus, reporters' names and site names stand further from them; a standfirst or a subhead comes after the
    headline, so between two headings as near, the earlier wins. Without byline or date, :func:`_headline` decides.
    """
    after_caption_label = {
        line.start for previous, line in itertools.pairwise(_lines(text)) if _CAPTION.match(previous.text)
    }
    possible = [
        line
        for line in candidates
        if line.words >= 4
        and line.start not in after_caption_label  # "Image caption," then the caption itself
        and not _is_menu_line(line.text)
        and not _NAMES_IN_PLACE.match(line.text)
        and not _NAMES_ONLY.match(line.text)
        and not _CAPTION.match(line.text)
        and len(re.findall(r"\s[›>»/|]\s", line.text)) < 2  # "News › World News › …": a breadcrumb trail
    ]
    if not possible or not metadata_spans:
        return _headline([line for line in candidates if not _is_menu_line(line.text)] or candidates)
    line_starts = [line.start for line in _lines(text) if line.text]

    def ordinal(position: int) -> int:
        return bisect.bisect_right(line_starts, position) - 1

    metadata_lines = sorted({ordinal(start) for start, _ in metadata_spans})

    def distance(line: Line) -> tuple[int, int, int]:
        at = ordinal(line.start)
        below = min((m - at for m in metadata_lines if m > at), default=99)  # metadata after the headline
        above = min((at - m for m in metadata_lines if m < at), default=99)
        return (min(below, above + 1), 0 if below <= above else 1, at)

    best = min(possible, key=distance)
    # a standfirst or subhead right under a headline is as near to the byline: the headline is the one above it
    at = possible.index(best)
    steps = 0
    while (
        at > 0
        and steps < 3
        and possible[at - 1].words >= 6  # a headline, not a site name ("South China Morning Post")
        and not text[possible[at - 1].end : possible[at].start].strip()
    ):
        at -= 1
        steps += 1
    chosen = possible[at]
    return chosen.start, chosen.end


def _headline(candidates: list[Line]) -> tuple[int, int] | None:
    """The headline among the headings above the body.

    Shorter lines above it are site names and menu items ("AP NEWS", "Live", "Latin America"), and a tagline
    ("Exclusive news, data and analytics for …") names nothing: the headline is the first heading of four words or
    more that names something (a capitalised word after the first), else the first of four words or more, else the
    longest heading.
    """
    if not candidates:
        return None
    long_enough = [line for line in candidates if line.words >= 4]
    naming = [line for line in long_enough if any(w[:1].isupper() for w in _WORD.findall(line.text)[1:])]
    best = (naming or long_enough or [max(candidates, key=lambda line: line.words)])[0]
    return best.start, best.end


# A headline may end in a question, an exclamation or a quotation ("Tokayev: “Terrorists must be destroyed”"),
# but not in a full stop or a comma, inside the marks or out.
_HEADLINE_END: Final = re.compile(r"(?:[?!]|[^.,;:…\s][\"”»’')]|\?[\"”»’'])\s*$")


_SIGNED_QUOTATION: Final = re.compile(r"^[\"“«„‘'].+[\"”»’'][,.]?\s*[—–]\s*\w")


def _is_heading(line: Line, above_body: bool = True) -> bool:
    """A short line without a full stop at its end: a headline or sub-headline.

    Above the body a headline may also end in a question or a quotation; in the body such a line is speech
    ("She added: “Why has nobody been charged?”").
    """
    first_letter = line.text.lstrip("\"“«‘'(").strip()[:1]
    if not (0 < line.words <= 20 and first_letter.isupper()):
        return False
    if _SIGNED_QUOTATION.match(line.text):
        return False  # "“Order will be restored” — Interior Minister X": a quotation signed by its speaker
    if not _SENTENCE_END.search(line.text):
        return True
    # a paragraph that is one quotation ("“We will not give up”") is speech, not a headline
    return above_body and line.text[:1] not in "\"“«‘'„" and bool(_HEADLINE_END.search(line.text))


def read_page(text: str) -> Page:
    """Mask page noise and metadata lines, and read title, byline, publication date, outlet and dateline."""
    masked = list(text)
    page = Page(text=text, masked="")

    def mask(start: int, end: int) -> None:
        for index in range(start, end):
            if masked[index] not in "\r\n":
                masked[index] = " "

    lines = list(_lines(text))
    title_candidates: list[Line] = []
    published_candidates: list[tuple[int, dt.date, str | None, str]] = []  # (rank, date, at, text)
    yearless_dates: list[tuple[tuple[int, int], str]] = []  # "7 января, 10:15": ((month, day), text)
    in_tail = False
    body_started = False
    credit_authors: str | None = None
    byline_label_above = False
    for line in lines:
        if not line.text:
            continue
        prefix = _LEADING_DATE_PREFIX.match(text, line.start) if not body_started else None
        if prefix:
            date = dt.date.fromisoformat(prefix["date"])
            published_candidates.append((1, date, None, prefix[0].strip()))
            page.metadata_spans.append((prefix.start(), prefix.end()))
            mask(prefix.start(), prefix.end())
            if prefix.end() >= line.end:
                continue
            line = Line(prefix.end(), line.end, text[prefix.end() : line.end])
        if _is_noise(line):
            mask(line.start, line.end)
            # a line may carry a date after its noise ("Get AlertsUpdated January 7th ...")
            _collect_glued_date(line, published_candidates)
            if not body_started and _is_breadcrumb(line.text):
                _collect_dated_parts(page, line, published_candidates)
            if _TAIL_MARKER.match(line.text) and body_started:
                in_tail = True
            continue
        if _TAIL_MARKER.match(line.text):
            in_tail = body_started  # "Comments" in a share bar above the article is not the end of the page
            mask(line.start, line.end)
            continue
        if in_tail and (line.words <= 15 or not _SENTENCE_END.search(line.text)):
            mask(line.start, line.end)
            continue
        in_tail = False
        if not body_started and " | " in line.text and _collect_dated_parts(page, line, published_candidates):
            mask(line.start, line.end)  # "Desk | Almaty | Updated: 13-01-2022 18:05 IST | Created: 13-01-2022"
            continue
        by_and_date = _BY_WITH_DATE.match(line.text) if line.words <= 20 else None
        if by_and_date and (parsed_by := parse_date_time(line.text)):
            page.author = page.author or by_and_date["name"].strip()
            published_candidates.append((2, parsed_by[0], parsed_by[1], line.text))
            page.metadata_spans.append((line.start, line.end))
            mask(line.start, line.end)
            continue
        if byline_label_above and line.words <= 6 and not _SENTENCE_END.search(line.text):
            page.author = page.author or line.text  # "Автор:" on the line above
            page.metadata_spans.append((line.start, line.end))
            mask(line.start, line.end)
            byline_label_above = False
            continue
        byline_label_above = False
        if not body_started and _BYLINE_LABEL.match(line.text):
            byline_label_above = True
            mask(line.start, line.end)
            continue
        byline = _BYLINE.match(line.text)
        if byline and line.words <= 10 and not _SENTENCE_END.search(line.text.rstrip(".")):
            names, agency = split_byline_agency(byline["name"])  # "By Jane Doe, Associated Press"
            page.author = page.author or names
            page.agency = page.agency or agency
            page.metadata_spans.append((line.start, line.end))
            mask(line.start, line.end)
            continue
        is_credit_line, credited = read_credit_line(line.text) if body_started and line.words <= 60 else (False, None)
        if is_credit_line:  # "Reporting by X in Almaty; Editing by Y" closing wire copy
            credit_authors = credit_authors or credited
            mask(line.start, line.end)
            continue
        byline_date = _byline_with_date(line)
        if byline_date:
            page.author = page.author or byline_date[0]
            published_candidates.append((2, byline_date[1][0], byline_date[1][1], line.text))
            page.metadata_spans.append((line.start, line.end))
            mask(line.start, line.end)
            continue
        date_line = _date_line(line)
        if date_line:
            rank = 0 if re.match(r"(?i)published|опубликовано|posted|first", line.text) else 2
            if re.search(r"(?i)\bupdated|обновлено", line.text):
                rank = 3
            published_candidates.append((rank, date_line[0], date_line[1], line.text))
            page.metadata_spans.append((line.start, line.end))
            mask(line.start, line.end)
            continue
        yearless = _yearless_date_line(line) if not body_started else None
        if yearless:
            yearless_dates.append((yearless, line.text))
            page.metadata_spans.append((line.start, line.end))
            mask(line.start, line.end)
            continue
        dateline = read_dateline(text, line.start, line.end, is_place=_is_known_place) if not body_started else None
        alone = dateline is not None and dateline.end >= line.end  # "ALMATY, Jan 11 (Reuters)" on its own line
        if dateline and page.dateline_parts is None and (alone or not _is_heading(line)):
            _take_dateline(page, text, dateline, published_candidates)
            mask(dateline.start, dateline.end)  # the lede starts after it: excerpts and sentences leave it out
            if alone:
                continue
        glued = _date_after_headline(line) if not body_started else None
        if glued:  # "За сутки задержали 700 протестующих 13.08.2020": the page's date printed after its headline
            line, date_span, parsed_glued = glued
            published_candidates.append((2, parsed_glued[0], parsed_glued[1], text[date_span[0] : date_span[1]]))
            page.metadata_spans.append(date_span)
            mask(*date_span)
        if _is_heading(line, above_body=not body_started):
            page.headings.append((line.start, line.end))
            if not body_started:
                title_candidates.append(line)
            continue
        # a short line without a full stop ("3 Min Read", "Kyiv") does not start the body yet
        body_started = body_started or line.words >= 8 or (line.words >= 5 and bool(_SENTENCE_END.search(line.text)))

    # a bare name right next to the date line is the byline ("18 января 2022" / "Вера Сундукова")
    for line in list(title_candidates):
        if _PERSON_NAME_LINE.match(line.text) and any(
            not text[min(line.end, end) : max(line.start, start)].strip() for start, end in page.metadata_spans
        ):
            page.author = page.author or line.text
            page.metadata_spans.append((line.start, line.end))
            title_candidates.remove(line)
            mask(line.start, line.end)
    page.title = _choose_headline(text, title_candidates, page.metadata_spans)
    page.masked = "".join(masked)
    page.author = page.author or credit_authors
    _read_outlet_from_lede(page)
    page.outlet = page.outlet or page.agency
    if yearless_dates and not published_candidates:
        # a date line without its year: the year the page states, if it states exactly one ("© 2022")
        years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)}
        if len(years) == 1:
            (month, day), shown = yearless_dates[0]
            with contextlib.suppress(ValueError):
                published_candidates.append((4, dt.date(years.pop(), month, day), None, shown))
    if published_candidates:
        published_candidates.sort(key=lambda candidate: candidate[0])
        _, page.published, page.published_at, page.published_text = published_candidates[0]
    return page


def _collect_dated_parts(page: Page, line: Line, candidates: list[tuple[int, dt.date, str | None, str]]) -> bool:
    """Dates among the parts of a line split by bars or wide gaps ("Kazakhstan | 7 January 2022 | 10:15").

    "Updated: 13-01-2022 | Created: 13-01-2022": a part labelled as an update ranks after the others.
    """
    found = False
    for part in (p for p in re.split(r"\s+[/>›»|·•]\s+|\s{2,}|\t", line.text) if p.strip()):
        parsed = _date_line(Line(0, len(part), part))
        if parsed:
            rank = 3 if re.search(r"(?i)updated|обновлено|modified", part) else 2
            candidates.append((rank, parsed[0], parsed[1], part))
            found = True
    if found and (line.start, line.end) not in page.metadata_spans:
        page.metadata_spans.append((line.start, line.end))
    return found


def _collect_glued_date(line: Line, candidates: list[tuple[int, dt.date, str | None, str]]) -> None:
    match = re.search(r"(?i)(published|updated|posted)\b", line.text)
    if not match:
        return
    parsed = parse_date_time(line.text[match.start() :])
    if parsed:
        rank = 3 if match[1].casefold() == "updated" else 0
        candidates.append((rank, parsed[0], parsed[1], line.text[match.start() :]))


def _take_dateline(
    page: Page, text: str, dateline: Dateline, candidates: list[tuple[int, dt.date, str | None, str]]
) -> None:
    """What a wire dateline opening the first paragraph gives the page: place, date and agency.

    A dateline with its year gives the publication date (ranked below a labelled "Published" line, above other
    date lines). Without a year ("ALMATY, January 11 (Reuters)") it gives one only when the page's other dates
    name the year (:func:`_year_for`), and then only when the page states no fuller date; never the current year.
    """
    page.dateline = dateline.text
    page.dateline_parts = dateline
    page.agency = dateline.agency or page.agency
    page.author = page.author or dateline.author
    if dateline.month is None or dateline.day is None:
        return
    rank = 1 if dateline.agency else 2
    if dateline.year is not None:
        with contextlib.suppress(ValueError):
            candidates.append((rank, dt.date(dateline.year, dateline.month, dateline.day), None, dateline.text))
        return
    year = _year_for(text, dateline.month, dateline.day, skip=(dateline.start, dateline.end))
    if year is not None:
        with contextlib.suppress(ValueError):
            candidates.append((4, dt.date(year, dateline.month, dateline.day), None, dateline.text))


def _year_for(text: str, month: int, day: int, skip: tuple[int, int]) -> int | None:
    """The year of a month and day the page prints without one: the year of the page's full dates ("January 8,
    2022", "2022-01-08") when they all share it, else the year the page states when it states exactly one ("©
    2022"); None when the page leaves it open."""
    outside = text[: skip[0]] + " " * (skip[1] - skip[0]) + text[skip[1] :]
    full_years = {
        int(match["year"])
        for pattern in (MONTH_DAY, DAY_MONTH, ISO_DATE)
        for match in pattern.finditer(outside)
        if match["year"]
    }
    if len(full_years) == 1:
        return full_years.pop()
    if full_years:
        return None
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", outside)}
    return years.pop() if len(years) == 1 else None


def _is_known_place(name: str) -> bool:
    """A city or country GeoNames knows ("ALMATY – …" is a dateline, "NATO – …" is not)."""
    from kztimeline.parse.gazetteer import geonames_index, name_key  # lazy: the index loads on first use

    return name_key(name) in geonames_index()


def _read_outlet_from_lede(page: Page) -> None:
    """ "…reports Asian Lite News" closing the lede names the outlet that published the article."""
    if page.outlet:
        return
    for line in page.masked.splitlines():
        stripped = line.strip()
        if not stripped or _is_heading(Line(0, len(stripped), stripped)):
            continue
        match = _REPORTS_OUTLET.search(stripped)
        if match:
            page.outlet = match["outlet"].strip()
        return
