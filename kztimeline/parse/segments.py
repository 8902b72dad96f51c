"""Split masked article text into paragraphs, quotation spans, sentences and word tokens (all with offsets).

Quotation marks are paired per paragraph with a stack, so straight and typographic double quotes, guillemets with
quotes nested inside («… „…“ …»), mixed pairs (“…") and stray spaces before a closing mark (`about it, "`) all pair
up. Sentences never end inside a quotation: a quote of several sentences stays in one sentence with its
attribution.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, NamedTuple

from kztimeline.parse.lexicon import REPORTING_VERBS as _REPORTING_VERBS

_OPENING_CONTEXT: Final = set(" \t\n\r([{—–-:/\u00a0\u2009\u202f") | {""}
_CLOSING_FOLLOW: Final = set(" \t\n\r,.;:!?)]}—–-…\u00a0\u2009\u202f") | {""}
_DOUBLE_MARKS: Final = set('"“”„«»')
_DOUBLE_MARK: Final = re.compile('["“”„«»]')
_SINGLE_MARK: Final = re.compile("[‘’']")

ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "т.е",
        "т.д",
        "т.п",
        "г",
        "гг",
        "им",
        "ул",
    ]
)

_WORD: Final = re.compile(r"\w+(?:[’'.\-]\w+)*(?:(?<=s)['’](?=\s))?")  # "Kassym-Jomart", "U.S", "Drivers'"
_SENTENCE_BREAK: Final = re.compile(r"[.!?…]+[\"”»’)]*\s+|[.!?…]+[\"”»’)]*$")


@dataclass(frozen=True)
class QuoteSpan:
    """A pair of quotation marks: ``open`` and ``close`` are the marks' positions; the content lies between."""

    open: int
    close: int
    single: bool = False
    unclosed: bool = False  # a quotation that runs on into the next paragraph (its closing mark comes later)
    resumed: bool = False  # the part after an attribution inside the same marks: «…, — говорит X. — …»
    # no opening mark: the content starts at ``open`` (a paragraph that only closes a quotation opened in the one
    # before, or direct speech printed without marks: "…, — написал Уали")
    unmarked: bool = False
    continued: bool = False  # the unmarked part of a quotation opened in an earlier paragraph

    @property
    def content(self) -> tuple[int, int]:
        return (self.open if self.unmarked else self.open + 1), self.close


class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str  # casefolded once, as every rule compares it
    capitalised: bool


def paragraphs(masked: str) -> list[tuple[int, int]]:
    """Non-blank lines: scraped articles put one paragraph per line."""
    spans = []
    position = 0
    for line in masked.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            leading = len(content) - len(content.lstrip())
            spans.append((position + leading, position + len(content.rstrip())))
        position += len(line)
    return spans


def _before(text: str, index: int, lower: int) -> str:
    return text[index - 1] if index - 1 >= lower else ""


def _after(text: str, index: int, upper: int) -> str:
    return text[index + 1] if index + 1 < upper else ""


def quote_spans(text: str, paragraph: tuple[int, int], *, last: bool = False) -> list[QuoteSpan]:
    """The double-quoted and single-quoted spans of one paragraph, outermost and nested alike (``last``: the text's
    last paragraph, where a copied page may be cut inside a quotation)."""
    start, end = paragraph
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    marks = 0
    for found in _DOUBLE_MARK.finditer(text, start, end):
        index, mark = found.start(), found[0]
        marks += 1
        previous, following = _before(text, index, start), _after(text, index, end)
        opens = previous in _OPENING_CONTEXT and following not in (" ", "\t", "")
        closes = previous not in (" ", "\t", "") and following in _CLOSING_FOLLOW
        top = stack[-1][0] if stack else None
        if not stack and marks == 1 and mark in '"”' and closes and not opens and index > start:
            # '…, about 300 people were detained," the ministry said.': the end of a quotation whose opening
            # mark is in the paragraph before (attribution.py keeps it only if that one is left open)
            spans.append(QuoteSpan(start, index, unmarked=True, continued=True))
            continue
        if not stack and mark == "”" and following.isalnum() and not previous.isalnum():
            opens = True  # a closing mark used as the opening one: 'responded: ”You don’t understand …”'
            stack.append((mark, index))
            continue
        if mark in "«„":
            stack.append((mark, index))
        elif mark == "»":
            while stack and stack[-1][0] != "«":
                stack.pop()
            if stack:
                spans.append(QuoteSpan(stack.pop()[1], index))
        elif (mark == "“" and top == "„") or (stack and top != "«" and (mark == top or closes or not opens)):
            spans.append(QuoteSpan(stack.pop()[1], index))
        elif stack and top == "«":
            if opens:
                stack.append((mark, index))  # a quotation inside guillemets; a stray closing mark is ignored
        elif opens or mark != "”":
            stack.append((mark, index))
    if stack and stack[0][1] == start and stack[0][0] in '"“«„':
        # A quotation that opens the paragraph and is still open at its end continues in the next paragraph:
        # news style repeats the opening mark there and closes only at the very end.
        spans.append(QuoteSpan(stack[0][1], end, unclosed=True))
    elif stack and last and stack[0][0] in '"“«„' and len(text[stack[0][1] : end].split()) >= 6:
        # the text ends inside a quotation (a copied page cut mid-sentence): the quotation runs to the cut
        spans.append(QuoteSpan(stack[0][1], end, unclosed=True))
    if not marks:
        speech = unmarked_speech(text, paragraph)
        if speech is not None:
            spans.append(speech)
    spans.extend(_single_quote_spans(text, paragraph))
    spans.sort(key=lambda span: span.open)
    return spans


# Direct speech with no quotation marks, closed by a reporting verb after a dash, as Russian prints it:
# "…, — написал Уали на своей странице в Facebook" (a paragraph that opens with a dash is dialogue: dialogue.py)
_DASH_SPEECH: Final = re.compile(r"(?P<speech>[^\n]{15,}?)(?P<end>[,!?…])\s+[—–]\s+(?P<verb>[а-яё]+)")


def unmarked_speech(text: str, paragraph: tuple[int, int]) -> QuoteSpan | None:
    """Direct speech printed without quotation marks that opens the paragraph and ends where a dash and a
    reporting verb attribute it; None for anything else (a dash inside narrative is no quotation)."""
    start, end = paragraph
    if "—" not in text[start:end] and "–" not in text[start:end]:
        return None
    found = _DASH_SPEECH.match(text, start, end)
    if found is None or found["verb"] not in _REPORTING_VERBS or not re.match("[А-ЯЁ]", found["speech"]):
        return None
    return QuoteSpan(found.start("speech"), found.start("end"), unmarked=True)


def _single_quote_spans(text: str, paragraph: tuple[int, int]) -> list[QuoteSpan]:
    """‘…’ and '…' pairs; an apostrophe inside a word ("Kazakhstan's", "we’ve") is not a mark."""
    start, end = paragraph
    spans: list[QuoteSpan] = []
    opening: int | None = None
    for found in _SINGLE_MARK.finditer(text, start, end):
        index, mark = found.start(), found[0]
        previous, following = _before(text, index, start), _after(text, index, end)
        if opening is None:
            if mark in "‘'" and (previous in _OPENING_CONTEXT or previous in '"“«') and following.isalnum():
                opening = index
        elif (previous.isalnum() or previous in ".,!?") and not following.isalnum():
            if mark in "’'" and index - opening <= 300:
                spans.append(QuoteSpan(opening, index, single=True))
            opening = None
    return spans


def sentences(text: str, paragraph: tuple[int, int], quotes: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph; no break inside a quotation or after an abbreviation ("U.S.", "Jan.")."""
    start, end = paragraph
    inside = [(q.open, q.close) for q in quotes if not q.single]
    result = []
    current = start
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        position = match.start()
        if any(q_open < position < q_close for q_open, q_close in inside):
            continue
        word = _LAST_WORD.search(text, max(current, position - 24), position)
        if word and text[position] == "." and (word[1].casefold() in ABBREVIATIONS or len(word[1]) == 1):
            continue
        following = text[match.end() : match.end() + 1]
        if following and not (following.isupper() or following.isdigit() or following in "\"“«‘'(—–-"):
            continue
        result.append((current, match.end() if match.end() <= end else end))
        current = match.end()
    if current < end:
        result.append((current, end))
    return [(s, e) for s, e in ((s, s + len(text[s:e].rstrip())) for s, e in result) if e > s]


_LAST_WORD: Final = re.compile(r"([\w.]+)$")
_TOKEN: Final = re.compile(_WORD.pattern + r"|[^\w\s]")


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Words (with inner hyphens, apostrophes and dots: "Kassym-Jomart", "U.S") and single punctuation marks."""
    make = _NEW_TUPLE  # tuple.__new__ straight: a NamedTuple's own __new__ is a Python call per token
    return [
        make(Token, (word, match.start(), match.end(), word.casefold(), word[:1].isupper()))
        for match in _TOKEN.finditer(text, start, end)
        for word in (match[0],)
    ]


_NEW_TUPLE: Final = tuple.__new__


class TokenCache:
    """Tokens of each sentence, computed once; any range inside a sentence is a slice of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: dict[tuple[int, int], tuple[list[int], list[Token]]] = {}

    def sentence(self, sentence: tuple[int, int]) -> list[Token]:
        return self._entry(sentence)[1]

    def between(self, sentence: tuple[int, int], start: int, end: int) -> list[Token]:
        """The tokens of ``sentence`` that lie within [start, end)."""
        if not (sentence[0] <= start and end <= sentence[1]):
            return tokens(self.text, start, end)
        starts, items = self._entry(sentence)
        low = bisect.bisect_left(starts, start)
        high = bisect.bisect_left(starts, end)
        return [token for token in items[low:high] if token.end <= end]

    def _entry(self, sentence: tuple[int, int]) -> tuple[list[int], list[Token]]:
        entry = self._sentences.get(sentence)
        if entry is None:
            items = tokens(self.text, *sentence)
            entry = ([token.start for token in items], items)
            self._sentences[sentence] = entry
        return entry


class SpanSet:
    """A set of character spans, merged, for O(log n) "is this inside / does this overlap" questions.

    Long articles have thousands of mentions and quotations; checking each against every span would make the
    parse quadratic in the article's length.
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with any span."""
        index = bisect.bisect_left(self._ends, start + 1)
        return index < len(self._starts) and self._starts[index] < end

    def strictly_inside(self, position: int) -> bool:
        """Whether ``position`` lies strictly between a span's two ends (a quotation's marks excluded)."""
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and self._starts[index] < position < self._ends[index]

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already in the set (callers check :meth:`overlaps` first)."""
        index = bisect.bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)
