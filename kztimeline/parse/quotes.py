"""Direct quotations that are statements: the pieces ``attribution.py`` builds its speaker decisions from.

Here are the span helpers (interrupted quotations, headings, the content without its marks), the syntactic slot of
a quotation (:func:`attribute`: an attribution after the closing mark — `"…," Blinken said`, `«…», — заявил он`,
`"…," Sputnik reported` with the named source —, before the opening mark — `He said: "…"`, `According to X, "…"`,
`Как заявил X, «…»` — or none), how a noun phrase reads as a speaker (:func:`resolve_phrase`: a curated actor, a
pronoun's latest antecedent, a described person, a body in the nominative), the people and bodies the narrative
names (:func:`person_mentions`, :func:`subject_mentions`), and which quotations are statements (:func:`is_statement`:
one of up to five words needs a reporting verb right next to it, title-case phrases are titles). Which candidate
speaks is decided in ``attribution.py``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Final

from kztimeline.parse.document import DateMention, Mention, Quote
from kztimeline.parse.gazetteer import Gazetteer, stem
from kztimeline.parse.lexicon import (
    ADDRESSEE_VERBS,
    CLAUSE_STARTERS,
    GROUP_PRONOUNS,
    LEADING_DETERMINERS,
    MEDIA_VERBS,
    OBLIQUE_PREPOSITIONS,
    PERSON_PRONOUNS,
    PRONOUNS,
    REPORTING_VERBS,
    SOURCE_PHRASES,
    SPEAKER_LINK_WORDS,
    SPEAKER_NOUN_WORDS,
    THING_PRONOUNS,
    WEEKDAYS,
)
from kztimeline.parse.russian_names import nominative_institution, nominative_name
from kztimeline.parse.segments import QuoteSpan, SpanSet, Token, TokenCache, tokens

_AUXILIARIES: Final = frozenset(
    "has have had was were is are be been also further then later earlier again once would will has also "
    "reportedly allegedly repeatedly separately previously recently subsequently также уже ранее позднее "
    "затем тогда".split()
)
_ATTRIBUTION_PUNCTUATION: Final = frozenset(",:;—–-")
_QUOTE_MARKS: Final = frozenset('"“”„«»')
_SOURCE_PHRASES_BY_FIRST_WORD: Final[dict[str, list[tuple[str, ...]]]] = {}
for _phrase in SOURCE_PHRASES:
    _SOURCE_PHRASES_BY_FIRST_WORD.setdefault(_phrase.split()[0], []).append(tuple(_phrase.split()))
ORGANISATION_WORDS: Final = frozenset(
    "network foundation association coalition movement commission centre center institute watch monitor "
    "headquarters staff board union club alliance federation society front штаб фонд ассоциация движение "
    "группа организация объединение комиссия партия министерство ведомство компания "
    "центр сеть союз ministry ministries organization organisation council committee agency party union "
    "office service department bank news tv television radio university institute court treaty government "
    "parliament assembly mission nations post times press company group forces army police media agency "
    "kremlin embassy consulate министерство мид мвд комитет служба агентство партия правительство "
    "парламент совет миссия посольство "
    "lab laboratory forum initiative project bureau corporation corp inc ltd llc plc college academy observatory "
    "лаборатория форум инициатива проект бюро корпорация академия".split()
)
TITLE_WORDS: Final = SPEAKER_NOUN_WORDS - LEADING_DETERMINERS
FUNCTION_WORDS: Final = frozenset(
    "the a an in on at as but and by for from to with after before during meanwhile however furthermore "
    "also according despite following this that these those it he she they we i its his her their our "
    "while when since if so then there here what who why how where thus still yet even only once both "
    "either neither по в на с как но и а также однако ранее кроме при он она они это этот эта тогда между "
    "после до".split()
)


@dataclass
class Speaker:
    """Who a noun phrase (or a pronoun) refers to, and where it is."""

    name: str | None
    id: str | None
    kind: str  # person | group | organisation | unknown
    position: int
    gender: str | None = None  # "m" | "f" | None, for "he" and "she"
    words: frozenset[str] = frozenset()  # the words that described it ("a local monitoring group"), for "the group"


class Mentions:
    """Mentions sorted by position, so "the latest one before here" costs a bisection, not a scan."""

    def __init__(self, mentions: Iterable[Speaker] = ()) -> None:
        self.items = sorted(mentions, key=lambda m: m.position)
        self._positions = [m.position for m in self.items]

    def add(self, mention: Speaker) -> None:
        index = bisect.bisect_right(self._positions, mention.position)
        self.items.insert(index, mention)
        self._positions.insert(index, mention.position)

    def before(self, position: int) -> Iterator[Speaker]:
        """The mentions before ``position``, latest first."""
        for index in range(bisect.bisect_left(self._positions, position) - 1, -1, -1):
            yield self.items[index]

    def between(self, start: int, end: int) -> list[Speaker]:
        return self.items[bisect.bisect_left(self._positions, start) : bisect.bisect_left(self._positions, end)]


@dataclass
class Attribution:
    phrase: list[Token] | None = None  # the speaker's noun phrase as printed
    verb: Token | None = None
    adjacent: bool = False
    via: list[Token] | None = None
    how: str = "none"


@dataclass
class QuoteContext:
    """What attribution needs to know about the article around its quotations."""

    text: str  # the original text (for output)
    masked: str  # the text with page noise masked
    actors: Gazetteer
    actor_mentions: list[Mention]
    place_mentions: list[Mention]
    dates: list[DateMention]
    headings: list[tuple[int, int]]
    quoted: list[tuple[int, int]] = field(default_factory=list)  # inside quotation marks: not narrative mentions
    all_quoted: list[tuple[int, int]] = field(default_factory=list)  # single marks too
    subject_mentions: Mentions = field(default_factory=Mentions)  # subjects of reporting verbs ("a resident said")
    tokens: TokenCache = field(init=False)
    known_starts: frozenset[int] = field(init=False)  # where curated names' words begin
    date_starts: list[int] = field(init=False)
    heading_set: SpanSet = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = TokenCache(self.masked)
        self.dates = sorted(self.dates, key=lambda mention: mention.start)
        self.date_starts = [mention.start for mention in self.dates]
        self.heading_set = SpanSet(self.headings)
        self.known_starts = frozenset(
            mention.start + word.start()
            for mention in [*self.actor_mentions, *self.place_mentions]
            for word in re.finditer(r"\S+", mention.text)
        )

    person_mentions: Mentions = field(default_factory=Mentions)
    quoted_set: SpanSet = field(default_factory=SpanSet)  # `quoted` as a set of spans
    all_quoted_set: SpanSet = field(default_factory=SpanSet)
    statement_quoted: SpanSet = field(default_factory=SpanSet)
    sentence_index: dict[tuple[int, int], int] = field(default_factory=dict)
    # the stems of the words printed with each mention ("Kazakh President X"), computed once (attribution.py)
    description_stems: dict[tuple[int, str], frozenset[str]] = field(default_factory=dict)


def quote_by(
    text: str,
    speaker: Speaker | None,
    start: int,
    end: int,
    how: str,
    said_on: dt.date | None = None,
    via: str | None = None,
    via_id: str | None = None,
) -> Quote:
    """The quotation of ``text[start:end]`` by ``speaker`` (None: not known), found the way ``how`` says."""
    return Quote(
        text[start:end],
        speaker.name if speaker else None,
        speaker.id if speaker else None,
        said_on,
        start,
        end,
        via=via,
        via_id=via_id,
        attribution=how,
        speaker_kind=speaker.kind if speaker else None,
    )


def speaker_named(context: QuoteContext, start: int, end: int) -> Speaker | None:
    """Who the words between ``start`` and ``end`` name ("Аскар Бекбосынов", "Аскар", "Слушательница из Алматы")."""
    phrase = [token for token in tokens(context.masked, start, end) if _is_word(token)]
    return resolve_phrase(context, phrase) if phrase else None


def speaker_after(context: QuoteContext, start: int, end: int) -> Speaker | None:
    """The speaker an attribution after a quotation names ("говорит Айгуль", "she said"), or None."""
    found = _attribution_after(tokens(context.masked, start, end))
    return resolve_phrase(context, found.phrase) if found.phrase else None


def next_opens_quote(context: QuoteContext, paragraphs: list[tuple[int, int]], index: int) -> bool:
    """Whether the paragraph after ``index`` opens with a quotation mark (the running-on convention)."""
    if index + 1 >= len(paragraphs):
        return False
    start, end = paragraphs[index + 1]
    return context.text[start:end].lstrip()[:1] in _QUOTE_MARKS | {"'", "‘"}


# the attribution may hold a short name in its own guillemets: "— признает партнер компании «Терра Логистик» X. —"
_INTERRUPTION: Final = re.compile(
    r"[,!?…]?\s+[—–]\s+(?P<attribution>(?:[^—–«»\"“”\n]|«[^«»\n]{1,40}»){3,120}?)[.,]\s+[—–]\s+"
)


def narrator_before(
    context: QuoteContext, sentences: list[tuple[int, int]], sentence: tuple[int, int]
) -> Speaker | None:
    """Who speaks in the sentence right before, in the same paragraph, if it has no quotation of its own."""
    index = sentences.index(sentence) if sentence in sentences else -1
    if index <= 0:
        return None
    previous = sentences[index - 1]
    if context.all_quoted_set.overlaps(*previous):
        return None
    inside = context.subject_mentions.between(*previous)
    return inside[-1] if inside else None


def split_interrupted(context: QuoteContext, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Split «…, — говорит X. — …» (an attribution inside one pair of marks, as Russian prints it) in two."""
    result: list[QuoteSpan] = []
    for span in spans:
        if span.single:
            result.append(span)
            continue
        match = _INTERRUPTION.search(context.masked, span.open + 1, span.close)
        words = set(_WORDS.findall(match["attribution"].lower())) if match else set()
        if match is None or words.isdisjoint(REPORTING_VERBS):
            result.append(span)
            continue
        result.append(QuoteSpan(span.open, match.start()))
        result.append(QuoteSpan(match.end() - 1, span.close, resumed=True))
    return result


def outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    result: list[QuoteSpan] = []
    for span in sorted(spans, key=lambda s: (s.open, -s.close)):
        if any(other.open < span.open and span.close < other.close for other in result):
            continue
        result.append(span)
    return result


def in_heading(context: QuoteContext, span: QuoteSpan) -> bool:
    return context.heading_set.overlaps(span.open, span.open + 1)


def sentence_of(sentences: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    for start, end in sentences:
        if start <= position < end:
            return start, end
    return None


def trim_content(text: str, span: QuoteSpan) -> tuple[int, int]:
    """The quotation without its marks, surrounding spaces, or the comma that precedes the closing mark."""
    start, end = span.content
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",，"):
        end -= 1
    return start, end


# ---- attribution ---------------------------------------------------------------------------------------------------


def attribute(
    context: QuoteContext, span: QuoteSpan, sentence: tuple[int, int], neighbours: list[QuoteSpan]
) -> Attribution:
    # a following quotation ends the attribution context, unless it is a short name or label inside it
    # ("— сказал глава штаба «Добрые руки» Данияр Нуркенов")
    statements_nearby = [s for s in neighbours if len(context.masked[s.open + 1 : s.close].split()) >= 4]
    after_end = min([s.open for s in statements_nearby if s.open > span.close] + [sentence[1]])
    before_start = max([s.close + 1 for s in statements_nearby if s.close < span.open] + [sentence[0]])
    after = context.tokens.between(sentence, span.close + 1, after_end)
    before = context.tokens.between(sentence, before_start, span.open)
    found = _attribution_after(after)
    if found.phrase and found.verb and found.verb.lower in MEDIA_VERBS:
        source = _source_phrase(before, at_end=False) or _citing(after)
        if source:
            return Attribution(source, found.verb, True, found.phrase, "source")
    if found.phrase:
        found.via = found.via or _as_quoted_by(after)
        return found
    earlier = attribution_before(before)
    if earlier.phrase:
        earlier.via = earlier.via or _as_quoted_by(after)
        return earlier
    if found.verb or earlier.verb:  # a verb without a usable subject still marks a statement
        return found if found.verb else earlier
    return Attribution()


def _is_word(token: Token) -> bool:
    return token.text[:1].isalnum()


def _np_allowed(token: Token) -> bool:
    if not _is_word(token):
        return False
    lower = token.lower
    if lower in CLAUSE_STARTERS and lower not in SPEAKER_LINK_WORDS:
        return False
    return (
        token.capitalised
        or token.text[:1].isdigit()
        or lower in SPEAKER_NOUN_WORDS
        or lower in PRONOUNS
        or lower in ORGANISATION_WORDS
        or lower in PERSON_NOUNS
        or lower in _SOURCE_NOUNS
    )


def _phrase_forward(items: list[Token], start: int) -> list[Token]:
    """A speaker's noun phrase starting at ``items[start]`` ("drone operator Vitaly Shevchuk", "он")."""
    phrase: list[Token] = []
    index = start
    while index < len(items) and len(phrase) < 10:
        token = items[index]
        if token.lower in PRONOUNS:
            return phrase if phrase else [token]
        if _np_allowed(token):
            phrase.append(token)
        elif token.lower in SPEAKER_LINK_WORDS and phrase and index + 1 < len(items):
            following = items[index + 1 : index + 3]
            if not any(t.capitalised for t in following):
                break
            phrase.append(token)
        elif token.text == "." and phrase and len(phrase[-1].text) <= 3 and token.start == phrase[-1].end:
            pass  # "U.S." / "Gen." - the dot belongs to the word
        else:
            break
        index += 1
    while phrase and (phrase[-1].lower in SPEAKER_LINK_WORDS or phrase[-1].lower in LEADING_DETERMINERS):
        phrase.pop()
    return phrase


_AFTER_VERB_STOP: Final = (
    OBLIQUE_PREPOSITIONS
    | CLAUSE_STARTERS
    | frozenset(
        [
            "on",
            "in",
            "at",
            "during",
            "after",
            "as",
            "while",
            "who",
            "which",
            "that",
            "when",
            "where",
            "in",
            "во",
            "на",
            "в",
            "during",
            "through",
            "via",
        ]
    )
)


GENERIC_INSTITUTIONS: Final = frozenset(
    "ведомстве ведомство компании компания организации организация учреждении учреждение объединении объединение "
    "союзе ассоциации управлении министерстве службе".split()
)
_ANONYMOUS_SOURCES: Final = frozenset("источник источники source sources собеседник собеседница".split())
_WEB_NAME: Final = re.compile(r"[\w-]+\.(?:kz|ru|com|org|net|uz|kg|tj|by|ua|info|media|news)", re.IGNORECASE)
_CIRCUMSTANCE_PREPOSITIONS: Final = frozenset("в во на по in on at".split())


def _past_circumstance(items: list[Token], start: int) -> int:
    """Where the speaker starts after a circumstance between verb and speaker: "— пишет в своем Telegram-канале
    экономист Галымжан Утеулин", "— заявил на брифинге представитель МВД". Unchanged when nobody follows it."""
    if start >= len(items) or items[start].lower not in _CIRCUMSTANCE_PREPOSITIONS:
        return start
    for index in range(start + 1, min(len(items) - 1, start + 6)):
        token = items[index]
        if not _is_word(token):
            return start
        if token.lower in PERSON_NOUNS or token.lower in _SOURCE_NOUNS:
            return index
        following = items[index + 1]
        if token.capitalised and following.capitalised and _is_word(following):
            return index
    return start


# adjectives that describe an anonymous source after a comma: "источник, близкий к …", "a source, familiar with …"
_SOURCE_DESCRIPTIONS: Final = frozenset(
    "близкий близкая знакомый знакомая осведомленный осведомлённый пожелавший пожелавшая close familiar".split()
)


_SOURCE_APPOSITION: Final = re.compile(
    r",\s+(?:близк|знаком|осведомл|пожелав|close\b|familiar\b)[^,.;:\n]{0,80}", re.IGNORECASE
)


def _phrase_after_verb(items: list[Token], start: int) -> list[Token]:
    """The subject after an inverted verb (`said drone operator Vitaly Shevchuk`, `заявил глава МИД X`).

    Descriptors before a name are open-class words ("drone operator", "human rights activist"), so any words
    are taken up to punctuation or a preposition, then the phrase is cut after its last capitalised word unless
    it ends in a known role noun ("said the spokesman").
    """
    if start < len(items) and items[start].lower in PRONOUNS:
        return [items[start]]
    if start < len(items) and items[start].text in _QUOTE_MARKS:
        # an addressee in quotation marks right after the verb: "— сообщил «Интерфаксу» житель … Канат Ибраев"
        closing = next((i for i in range(start + 1, min(len(items), start + 6)) if items[i].text in _QUOTE_MARKS), None)
        if closing is not None:
            start = closing + 1
    if start < len(items) and _WEB_NAME.fullmatch(items[start].text):
        start += 1  # "— рассказал Inbusiness.kz источник в банке": the outlet told, then the speaker
    start = _past_circumstance(items, start)
    phrase: list[Token] = []
    index = start
    while index < len(items) and len(phrase) < 9:
        token = items[index]
        if token.text == "." and phrase and len(phrase[-1].text) <= 3 and token.start == phrase[-1].end:
            index += 1
            continue
        if token.text in _QUOTE_MARKS and phrase:
            index += 1
            continue  # a quoted name inside the phrase: глава штаба «Добрые руки» Данияр Нуркенов
        if token.text in ("№", "#") and phrase:
            index += 1
            continue  # "директор автобусного парка № 2 Гульмира Есенжолова"
        if not _is_word(token) or token.lower in _AFTER_VERB_STOP or token.lower in REPORTING_VERBS:
            break
        phrase.append(token)
        index += 1
    if len(phrase) == 1 and phrase[0].lower in _ANONYMOUS_SOURCES and index < len(items):
        # "— рассказал источник в одном из банков второго уровня": the source as described
        rest = _words_to_comma(items, index)
        if rest and items[index].lower in ("в", "во", "in", "close", "из", "from", "at", "near"):
            return phrase + rest
        if items[index].text == "," and index + 1 < len(items) and items[index + 1].lower in _SOURCE_DESCRIPTIONS:
            # "— сообщил источник, близкий к Минобороны России": the source as the apposition describes it
            described_source = _words_to_comma(items, index + 1)
            if described_source:
                return phrase + described_source
    described = list(phrase)
    while phrase and not phrase[-1].capitalised and phrase[-1].lower not in TITLE_WORDS:
        phrase.pop()
    if (
        phrase
        and not any(t.capitalised for t in phrase)
        and phrase[0].lower not in LEADING_DETERMINERS
        and not any(t.lower in PERSON_NOUNS for t in phrase)
    ):
        return []
    named = _name_given_after(items, index)
    if named:
        return named  # "said one protester, who gave only his first name, Nurlan"
    if not phrase and 1 <= len(described) <= 3 and described[0].lower not in _AFTER_VERB_STOP:
        return described  # a role alone: "— отметил политолог", "said the analyst"
    if (
        not any(t.capitalised for t in phrase)  # nothing named: at most "a senior" of "a senior aide familiar …"
        and described
        and described[0].lower in ("a", "an")
        and any(t.lower in PERSON_NOUNS or t.lower in UNNAMED_ROLES for t in described)
    ):
        # "said a congressional aide familiar with the briefing": someone unnamed, as the text describes them
        if described[-1].lower in ("familiar", "close") and index < len(items):
            return described + _words_to_comma(items, index)
        return described
    return phrase


def _phrase_backward(items: list[Token], end: int) -> list[Token]:
    """A speaker's noun phrase ending right before ``items[end]`` ("police in the city", "the Russian ministry")."""
    phrase: list[Token] = []
    index = end - 1
    while index >= 0 and len(phrase) < 10:
        token = items[index]
        if token.lower in _AUXILIARIES and not phrase:
            index -= 1
            continue
        if token.lower in PRONOUNS:
            if not phrase:
                return [token]
            break
        if _np_allowed(token) or (token.lower in SPEAKER_LINK_WORDS and phrase):
            phrase.insert(0, token)
        elif (
            token.text == "." and index > 0 and len(items[index - 1].text) <= 3 and items[index - 1].end == token.start
        ):
            pass
        elif token.text in "'’" and phrase and index > 0 and items[index - 1].end == token.start:
            pass  # a possessive inside a name: "The Kazakhstan Indian Medical Students' Association"
        elif token.text in _QUOTE_MARKS and index > 0 and _np_allowed(items[index - 1]):
            pass  # a quoted name inside the phrase: The public foundation "Jardam Migrant" said
        elif token.text in _QUOTE_MARKS and (opening := _quoted_name_start(items, index)) is not None:
            phrase[:0] = items[opening + 1 : index]  # whatever its case: Ассоциация «Адал кәсіп»
            index = opening
        else:
            break
        index -= 1
    while phrase and phrase[0].lower in SPEAKER_LINK_WORDS:
        phrase.pop(0)
    return phrase


def _quoted_name_start(items: list[Token], closing: int) -> int | None:
    """The opening mark of a short quoted name ending at ``closing`` («Адал кәсіп»), if one to four words long."""
    for index in range(closing - 1, max(-1, closing - 6), -1):
        if items[index].text in _QUOTE_MARKS:
            return index if index < closing - 1 and index > 0 and _np_allowed(items[index - 1]) else None
        if not _is_word(items[index]):
            return None
    return None


def _attribution_after(after: list[Token]) -> Attribution:
    """`"…," X said`, `"…," said X`, `"…," it quoted him as saying`, `«…», — заявил он`."""
    index = 0
    while index < len(after) and after[index].text in _ATTRIBUTION_PUNCTUATION:
        index += 1
    items = after[index:]
    if not items:
        return Attribution()
    if any(t.text in "—–" for t in after[:index]):
        signed = _signature(items)
        if signed:  # "…" — Interior Minister Yerlan Turgumbayev / «…» — Токаев
            return Attribution(signed, None, True, None, "after")
    quoted = _quoted_as_saying(items)
    if quoted.phrase:
        return quoted
    source = _source_phrase(items, at_end=False, at_start=True)
    if source:
        return Attribution(source, None, True, None, "source")
    for position, token in enumerate(items[:14]):
        lower = token.lower
        if _is_reporting_verb(items, position):
            subject = [t for t in items[:position] if t.lower not in _AUXILIARIES and t.text != "."]
            if subject and not any(t.lower not in SPEAKER_LINK_WORDS for t in subject):
                return Attribution()
            if subject:
                # everything between the closing mark and the verb is the subject ("one of the officers told")
                return Attribution(subject, token, True, None, "after")
            if lower in ADDRESSEE_VERBS:
                return Attribution(None, token, True, None, "after")
            following = items[position + 1 : position + 3]
            if len(following) == 2 and following[0].lower in ("в", "во", "in") and is_document(following[1].lower):
                # "— говорится в заявлении": the statement, so whoever issued it
                return Attribution([following[1]], token, True, None, "after")
            where = _after_quoted_addressee(items, position + 1)
            if where + 1 < len(items) and items[where].lower in ("в", "во") and lower.endswith("ли"):
                # "— отметили в пресс-службе МВД", "— рассказали «Власти» в акимате": the institution speaks
                institution = _words_to_comma(items, where + 1)
                if institution:
                    return Attribution(institution, token, True, None, "after")
            return Attribution(_phrase_after_verb(items, position + 1) or None, token, True, None, "after")
        if token.text == "," and position > 0:
            # an apposition between subject and verb: `"…," Kubanychbek Asanov, a driver from Osh, told a reporter`
            verb = _verb_after_apposition(items, position)
            if verb is not None:
                subject = [t for t in items[:position] if _is_word(t)]
                apposition = [t for t in items[position + 1 : verb] if _is_word(t)]
                if _name_tail(apposition) and (
                    not any(t.capitalised for t in subject) or subject[0].lower in LEADING_DETERMINERS
                ):
                    # "the commander of the contingent, Colonel Taalaibek Asylbekov, told": the name is the speaker
                    return Attribution(apposition, items[verb], True, None, "after")
                if subject:
                    return Attribution(subject, items[verb], True, None, "after")
            return Attribution()
        if not _is_word(token) and token.text != ".":
            return Attribution()
        if lower in CLAUSE_STARTERS and lower not in ("that",):
            return Attribution()
    return Attribution()


def _after_quoted_addressee(items: list[Token], start: int) -> int:
    """Past an outlet in quotation marks right after a verb ("— рассказали «Власти» в акимате"), else ``start``."""
    if start < len(items) and items[start].text in _QUOTE_MARKS:
        for index in range(start + 1, min(len(items), start + 6)):
            if items[index].text in _QUOTE_MARKS:
                return index + 1
    return start


def _signature(items: list[Token]) -> list[Token]:
    """A name signing a quotation after a dash, and nothing else to the sentence's end (no verb, one to eight words)."""
    words = [t for t in items if t.text not in ".,"]
    if not 1 <= len(words) <= 8 or not all(_is_word(t) or t.text in "'’-" for t in words):
        return []
    if any(_is_reporting_verb(words, i) or t.lower in _AUXILIARIES for i, t in enumerate(words)):
        return []
    if not words[-1].capitalised or words[0].lower in CLAUSE_STARTERS | {"это", "this", "that"}:
        return []
    return words


def _verb_after_apposition(items: list[Token], comma: int) -> int | None:
    """The index of a reporting verb right after the comma that closes an apposition opened at ``comma``."""
    for index in range(comma + 1, min(len(items), comma + 18)):
        if items[index].text in ".;!?:":
            return None
        if items[index].text == ",":
            following = index + 1
            while following < len(items) and items[following].lower in _AUXILIARIES:
                following += 1
            if following < len(items) and items[following].lower in REPORTING_VERBS:
                return following
            return None
    return None


def _subject_before(items: list[Token], verb: int) -> list[Token]:
    """The subject before a verb, skipping an apposition ("Olga Tregubova, a Russian citizen …, told TASS")."""
    phrase = _phrase_backward(items, verb)
    if not phrase:
        # a time between subject and verb: "Правозащитная группа … в воскресенье опубликовала", "X on Friday said"
        skip = verb
        while skip > 0 and (items[skip - 1].lower in _TIME_WORDS or items[skip - 1].lower in WEEKDAYS):
            skip -= 1
        if skip < verb:
            phrase = _phrase_backward(items, skip)
    if not phrase and verb > 0 and _is_word(items[verb - 1]):
        # a circumstance between subject and verb: "Токаев в своем обращении заявил", "X in a statement said"
        for index in range(verb - 2, max(0, verb - 6), -1):
            if not _is_word(items[index]):
                break
            if items[index].lower in _CIRCUMSTANCE_PREPOSITIONS and index > 0:
                phrase = _phrase_backward(items, index)
                if phrase and not _name_tail(phrase) and len(phrase) == 1 and not phrase[0].capitalised:
                    phrase = []
                break
    if phrase and not _names_someone(phrase) and items[0].lower in LEADING_DETERMINERS:
        described = _opening_description(items, verb)
        if described:
            return described  # "A congressional aide familiar with the briefing said": not "the briefing"
    if phrase or verb == 0:
        return phrase
    if items[verb - 1].text != ",":
        # a relative clause: "A resident who asked not to be named told Al Jazeera"
        for index in range(verb - 1, max(-1, verb - 14), -1):
            if not _is_word(items[index]):
                return []
            if items[index].lower in ("who", "который", "которая", "которые"):
                candidate = _phrase_backward(items, index)
                if not _names_someone(candidate):
                    return []
                # an unnamed subject keeps its clause: "a resident who asked not to be named"
                return candidate if _name_tail(candidate) else items[items.index(candidate[0]) : verb]
        return []
    last_comma = None
    for index in range(verb - 2, max(-1, verb - 22), -1):
        if items[index].text in ".;!?:":
            return []
        if items[index].text == ",":
            last_comma = index
            apposition = items[index + 1 : verb - 1]
            if apposition and all(t.capitalised for t in apposition) and len(apposition) <= 3:
                return apposition  # the name is the apposition: "a surgeon who gave her first name, Zhanna, said"
            if apposition and (not apposition[0].capitalised or apposition[0].lower in LEADING_DETERMINERS):
                candidate = _phrase_backward(items, index)
                first = items.index(candidate[0]) if candidate else 0
                nested = first > 0 and items[first - 1].text == "," and candidate[0].lower in LEADING_DETERMINERS
                if candidate and (nested or _after_preposition(items, first)):
                    # "X, an analyst at the Eurasia Transit Forum, a think tank, told DW": the forum is inside an
                    # apposition; the subject is further back
                    continue
                described = _described_person(items[:index])
                if described and len(described) > len(candidate) and not _name_tail(candidate):
                    return described  # "Собеседник РБК в правительстве Казахстана, …, заявил": not Kazakhstan
                if _names_someone(candidate):
                    return candidate
                return described
            return []
    # "Собеседник РБК в правительстве Казахстана, пожелавший остаться неназванным, заявил"
    return _described_person(items[:last_comma]) if last_comma is not None else []


def _after_preposition(items: list[Token], index: int) -> bool:
    """Whether the phrase at ``index`` is the object of a preposition ("at the Forum", "в Минздраве")."""
    index -= 1
    while index >= 0 and items[index].lower in LEADING_DETERMINERS:
        index -= 1
    return index >= 0 and (items[index].lower in SPEAKER_LINK_WORDS or items[index].lower in OBLIQUE_PREPOSITIONS)


def _opening_description(items: list[Token], verb: int) -> list[Token]:
    """The whole opening of a sentence before its verb when it describes a person: "A congressional aide familiar
    with the briefing" (a person noun among its first four words, and nothing but words up to the verb)."""
    opening = items[:verb]
    if not 2 <= len(opening) <= 12 or not all(_is_word(t) or t.text in "'’-" for t in opening):
        return []
    return opening if any(t.lower in PERSON_NOUNS for t in opening[1:5]) else []


def _opening_subject(items: list[Token]) -> list[Token]:
    """A described person opening the sentence, with what places them: "A western diplomat in Nur-Sultan"."""
    if len(items) < 2 or items[0].lower not in LEADING_DETERMINERS:
        return []
    head = next((i for i in range(1, min(len(items), 5)) if items[i].lower in PERSON_NOUNS), None)
    if head is None or not all(_is_word(t) and not t.capitalised for t in items[1:head]):
        return []
    end = head + 1
    while end + 1 < len(items) and items[end].lower in SPEAKER_LINK_WORDS and items[end + 1].capitalised:
        end += 2
        while end < len(items) and items[end].capitalised and _is_word(items[end]):
            end += 1
    return items[:end]


def _described_person(opening: list[Token]) -> list[Token]:
    """ "A nurse at one of the city's main hospitals": a sentence that opens with a person described, not named.

    The words before the comma are the subject when a person noun comes within its first four words after an
    article ("A nurse at …", "Один из врачей …") and no verb intervenes.
    """
    if not opening or len(opening) > 14:
        return []
    persons = PERSON_NOUNS | _SOURCE_NOUNS
    if opening[0].lower in LEADING_DETERMINERS | {"один", "одна", "one"}:
        if not any(t.lower in persons for t in opening[1:5]):
            return []
    elif opening[0].lower not in persons:  # "Собеседник РБК …", "Очевидица событий …"
        return []
    if any(not (_is_word(t) or t.text in "'’-") or t.lower in REPORTING_VERBS for t in opening):
        return []
    return opening


_TIME_WORDS: Final = frozenset(
    "on in at в во yesterday today earlier later also again then вчера сегодня накануне ранее позже также затем "
    "morning afternoon evening night утром днем днём вечером ночью".split()
)


def _names_someone(phrase: list[Token]) -> bool:
    return bool(phrase) and any(t.capitalised or t.lower in PERSON_NOUNS for t in phrase)


def attribution_before(before: list[Token]) -> Attribution:
    """`X said: "…"`, `He said the US has "…"`, `According to X, "…"`, `X заявил: «…»`, `Tokayev: "…"`."""
    items = list(before)
    colon = comma = False
    while items and (items[-1].text in _ATTRIBUTION_PUNCTUATION or items[-1].lower in ("that", "что", "saying")):
        colon = colon or items[-1].text == ":"
        comma = comma or items[-1].text == ","
        items.pop()
    if not items:
        return Attribution()
    quoted = _quoted_as_saying(items)
    if quoted.phrase:
        quoted.how = "before"
        return quoted
    if len(items) >= 2 and [t.lower for t in items[-2:]] == ["put", "it"]:
        # "As Kairat Mussin, a taxi driver, put it, "…""
        subject = _subject_before(items, len(items) - 2)
        if subject:
            return Attribution(subject, items[-2], True, None, "before")
    # "According to X, a local activist, "…"": the description between commas belongs to X
    source = _source_phrase(items, at_end=True, apposition=comma)
    if source:
        return Attribution(source, None, True, None, "source")
    for position in range(len(items) - 1, max(-1, len(items) - 26), -1):
        token = items[position]
        if _is_reporting_verb(items, position):
            adjacent = len(items) - position <= 3
            # "В пресс-службе больницы Би-би-си сообщили, что …": the institution in the clause before
            subject = _institution_before(items, position) if token.lower.endswith("ли") else []
            subject = subject or _subject_before(items, position) or _subject_of_verb_before(items, position)
            if _oblique_name(subject):
                # "Оразбековой ответил дежурный": a name in the dative before the verb, the speaker after it
                subject = _phrase_after_verb(items, position + 1) or subject
            if not subject and token.lower not in ADDRESSEE_VERBS:
                subject = _phrase_after_verb(items, position + 1)  # "Как заявил Токаев, «…»" / "said Smith: "…""
            return Attribution(subject or None, token, adjacent, None, "before")
        if token.text in ".;!?":
            break
    if colon:
        opening = _opening_subject(items)
        if opening:  # "A western diplomat in Nur-Sultan was more blunt:"
            return Attribution(opening, None, True, None, "before")
        phrase = _phrase_backward(items, len(items))
        if phrase and any(t.capitalised for t in phrase):
            return Attribution(phrase, None, True, None, "before")
        # "Its lead author, Marta Lindqvist, is blunt about what the numbers conceal:" - the one person named
        names = _personal_names(items)
        if len(names) == 1:
            return Attribution(names[0], None, True, None, "before")
        # "She shows me the pages:", "He puts it bluntly:" - the subject that opens the sentence
        if items[0].lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return Attribution([items[0]], None, True, None, "before")
    return Attribution()


_OBLIQUE_NAME: Final = re.compile(r"(?:ой|ому|ову|еву|ину|ыну|ему)$")


def _oblique_name(phrase: list[Token]) -> bool:
    """A lone Russian surname in the dative or feminine genitive ("Оразбековой", "Касымову"): not a subject."""
    return len(phrase) == 1 and phrase[0].capitalised and bool(_OBLIQUE_NAME.search(phrase[0].lower))


def _institution_before(items: list[Token], verb: int) -> list[Token]:
    """ "В пресс-службе одной из больниц Би-би-си сообщили": the words after the opening "в", addressee left out."""
    start = next((i for i in range(verb) if items[i].lower in ("в", "во")), None)
    if start is None or any(t.text in ".;!?:" for t in items[start:verb]):
        return []
    phrase: list[Token] = []
    quoted: set[int] = set()  # positions of words inside quotation marks: a name («Талап Сақтандыру»)
    inside = False
    for token in items[start + 1 : verb]:
        if token.text in _QUOTE_MARKS:
            inside = not inside
        elif _is_word(token):
            phrase.append(token)
            if inside:
                quoted.add(token.start)
    while len(phrase) > 1 and phrase[-1].capitalised and phrase[-1].start not in quoted:
        phrase.pop()  # the outlet told: "… Би-би-си сообщили"
    return phrase if 1 <= len(phrase) <= 8 else []


def _subject_of_verb_before(items: list[Token], verb: int) -> list[Token]:
    """ "X said, adding:", "X told reporters … and added:", "X заявил, добавив:": the first verb's subject."""
    if verb == 0 or items[verb - 1].lower not in (",", "and", "и", "а"):
        return []
    for index in range(verb - 2, -1, -1):
        if items[index].text in ".;!?":
            return []
        if _is_reporting_verb(items, index):
            return _subject_before(items, index) or _phrase_after_verb(items, index + 1)
    return []


_DETERMINERS: Final = frozenset("a an the this that its his her their our my your one another each every".split())


# Reporting verbs that are also nouns, which a determiner and an adjective before them make nouns ("a later post")
_NOUN_HOMOGRAPHS: Final = frozenset(
    "post posts report reports comment comments claim claims note notes quote quotes reply replies answer tweet "
    "promise demand warning update".split()
)


def _is_reporting_verb(items: list[Token], index: int) -> bool:
    """A reporting verb, not the noun of the same spelling ("a report", "his claims", "a later post")."""
    if items[index].lower not in REPORTING_VERBS:
        return False
    if index > 0 and items[index - 1].lower in _DETERMINERS:
        return False
    return not (
        index > 1
        and items[index].lower in _NOUN_HOMOGRAPHS
        and items[index - 2].lower in _DETERMINERS
        and _is_word(items[index - 1])
        and not items[index - 1].capitalised
        and items[index - 1].lower not in REPORTING_VERBS
    )


def _personal_names(items: list[Token]) -> list[list[Token]]:
    """Runs of two to four capitalised words, not at the start of the sentence, that look like a person's name."""
    names: list[list[Token]] = []
    run: list[Token] = []
    for token in [*items, Token(".", -1, -1, ".", False)]:
        if token.capitalised and _is_word(token) and not token.text.isupper():
            run.append(token)
            continue
        looks_like_a_name = 2 <= len(run) <= 4 and run[0] is not items[0]
        new = looks_like_a_name and all(name[-1].text != run[-1].text for name in names)
        if looks_like_a_name and new and not ({t.lower for t in run} & ORGANISATION_WORDS):
            names.append(run)
        run = []
    return names


def _quoted_as_saying(items: list[Token]) -> Attribution:
    """ "it quoted him as saying", "the agency quoted X as saying", "X was quoted as saying"."""
    lowers = [t.lower for t in items]
    for index, lower in enumerate(lowers[:16]):
        if lower != "quoted":
            continue
        rest = lowers[index + 1 :]
        if rest[:2] == ["as", "saying"] or rest[:1] == ["as"]:
            subject = _phrase_backward(items, index)
            return Attribution(subject or None, items[index], True, None, "after")
        if "as" in rest[:8]:
            stop = index + 1 + rest.index("as")
            speaker = _phrase_forward(items[:stop], index + 1)
            via = _phrase_backward(items, index)
            return Attribution(speaker or None, items[index], True, via or None, "after")
    return Attribution()


def _source_phrase(
    items: list[Token], at_end: bool, at_start: bool = False, apposition: bool = False
) -> list[Token] | None:
    """The noun phrase after "according to", "as per", "citing", "по словам" …"""
    lowers = [t.lower for t in items]
    best: list[Token] | None = None
    for index, first in enumerate(lowers):
        if first == "по" and lowers[index + 2 : index + 3] in (["словам"], ["мнению"]) and index + 1 < len(items):
            pronoun = items[index + 1]
            if pronoun.lower in _POSSESSIVE_PRONOUNS and (not at_start or index == 0):
                # "по его словам": he said it; the rest of the clause may follow
                best = [pronoun._replace(lower=_POSSESSIVE_PRONOUNS[pronoun.lower])]
                continue
        for phrase in _SOURCE_PHRASES_BY_FIRST_WORD.get(first, ()):
            size = len(phrase)
            if tuple(lowers[index : index + size]) != phrase:
                continue
            if at_start and index != 0:
                continue
            after = index + size
            if after < len(items) and items[after].lower in ("в", "во") and phrase[0] == "как":
                after += 1  # "как сообщили в ведомстве": the institution that spoke
            noun = _phrase_forward(items, after)
            whole = _words_to_comma(items, after)
            if len(whole) > len(noun) and not any(t.text in ".;!?" for t in items[after : after + 1]):
                # the words up to the comma name the source whatever their case: "по словам директора Центра
                # «Шанырак» Ануара Тлеукабылова", where the noun phrase alone would stop at the first lowercase word
                noun = whole if (at_end or not noun) else noun
            if not noun:
                continue
            end_index = items.index(noun[-1]) + 1
            rest = items[end_index:]
            if at_end and any(_is_word(t) for t in rest) and not (apposition and _is_apposition(rest)):
                continue
            named_after = _name_tail([t for t in _words_to_comma(rest, 1)]) if rest[:1] and rest[0].text == "," else []
            if named_after and not _name_tail(noun):
                noun = named_after  # "по словам военного эксперта, полковника в отставке Виктора Шелестова"
            if best is None or noun[0].start > best[0].start:
                best = noun
    return best


# "по его словам" / "по ее словам" / "по их словам": the pronoun of the person or group who said it
_POSSESSIVE_PRONOUNS: Final = {"его": "он", "ее": "она", "её": "она", "их": "они"}


def _words_to_comma(items: list[Token], start: int) -> list[Token]:
    """The words from ``start`` to the next comma: after "по словам", "according to" they name the source whatever
    their case or wording ("по словам жительницы города Айгуль Нурлановой", "according to two local doctors")."""
    phrase: list[Token] = []
    inside_quotes = False
    for token in items[start:]:
        if token.text in _QUOTE_MARKS and phrase:
            inside_quotes = not inside_quotes  # a quoted name inside: "директора Центра «Шанырак» Ануара …"
            continue
        if inside_quotes:
            continue
        if token.text == "," or (token.text in ".!?;" and phrase):
            break
        if not _is_word(token) or len(phrase) >= 14:
            return []
        phrase.append(token)
    return [] if inside_quotes else phrase


def _is_apposition(rest: list[Token]) -> bool:
    """ ", a local activist" after a source's name: a short description set off by a comma, with no verb of its own."""
    words = [t for t in rest if _is_word(t)]
    return (
        bool(rest)
        and rest[0].text == ","
        and 0 < len(words) <= 16
        and not any(_is_reporting_verb(rest, index) for index in range(len(rest)))
    )


def _citing(items: list[Token]) -> list[Token] | None:
    lowers = [t.lower for t in items]
    for index, lower in enumerate(lowers):
        if lower in ("citing", "quoting", "ссылаясь"):
            noun = _phrase_forward(
                items, index + 1 + (1 if index + 1 < len(lowers) and lowers[index + 1] == "на" else 0)
            )
            if noun:
                return noun
    return None


def _as_quoted_by(items: list[Token]) -> list[Token] | None:
    lowers = [t.lower for t in items]
    for index in range(len(lowers) - 1):
        if lowers[index] == "quoted" and lowers[index + 1] == "by":
            return _phrase_forward(items, index + 2) or None
        if lowers[index] in ("according",) and lowers[index + 1] == "to" and index > 0:
            return _phrase_forward(items, index + 2) or None
    return None


_FEMININE_ROLES: Final = frozenset(
    "woman mother sister wife daughter spokeswoman businesswoman policewoman grandmother girl "
    "женщина девушка мать мама сестра жена дочь бабушка медсестра собеседница".split()
)
_MASCULINE_ROLES: Final = frozenset(
    "man father brother husband son spokesman businessman policeman grandfather boy "
    "мужчина парень отец папа брат муж сын дедушка собеседник".split()
)


def role_gender(noun: str) -> str | None:
    """The sex a role noun says: "мужчина", "spokesman" (m), "жительница", "mother" (f); None for "nurse", "врач"."""
    if noun in _FEMININE_ROLES or re.search(r"[а-яё](?:ница|ка|иня|есса)$", noun):
        return "f"
    if noun in _MASCULINE_ROLES:
        return "m"
    return None


# ---- statements ----------------------------------------------------------------------------------------------------


def is_statement(
    context: QuoteContext, span: QuoteSpan, words: int, attribution: Attribution, starts_sentence: bool
) -> bool:
    content = context.text[span.content[0] : span.content[1]].strip()
    if _is_title(content, words):
        return False
    adjacent = attribution.adjacent and (attribution.phrase is not None or attribution.verb is not None)
    attributed = attribution.how in ("after", "before", "source", "continuation") and (
        attribution.phrase is not None or attribution.how == "continuation"
    )
    # "Nobody knows what happens next." - a whole sentence of three words or more is speech, not a label
    after_mark = context.text[span.close + 1 : span.close + 2]
    ends_sentence = content.rstrip("\"”’'»").endswith((".", "!", "?", "…")) or after_mark in (".", "!", "?", "…")
    sentence = words >= 3 and content[:1].isupper() and ends_sentence
    if span.single:  # single marks are mostly scare quotes; as statements they need a verb or a run of speech
        # 'It was terrifying,' one resident said: a clause broken off by its attribution
        clause = words >= 3 and content[:1].isupper() and content.endswith((",", ".", "!", "?"))
        return (
            (words >= 4 and adjacent and attribution.how != "continuation")
            or (words >= 6 and attribution.how == "continuation")
            or (clause and adjacent and attribution.phrase is not None and attribution.how != "continuation")
            or (sentence and attributed)
        )
    if len(content.split()) <= 1 and not content.endswith(("!", "?", ".")):
        return False  # «Ленте.ру» рассказали: a name next to the verb, not something said
    if words <= 5:
        return (adjacent and attribution.how != "continuation") or (sentence and attributed)
    if attribution.how in ("after", "before", "source", "continuation"):
        return True
    # a whole sentence in quotation marks with no attribution at all is still somebody's statement
    return starts_sentence and content[:1].isupper()


def _is_title(content: str, words: int) -> bool:
    """“This Week”, “Operation Storm”: short and every word capitalised."""
    if words > 6 or words == 0:
        return False
    significant = [w for w in re.findall(r"[^\W\d_][\w’'-]*", content) if w.casefold() not in FUNCTION_WORDS]
    return (
        bool(significant)
        and all(w[0].isupper() for w in significant)
        and not content.rstrip().endswith((".", "!", "?"))
    )


# ---- speakers ------------------------------------------------------------------------------------------------------


def clean_phrase(phrase: list[Token], text: str) -> str:
    """The phrase as printed, without a leading determiner ("the UN source" -> "UN source")."""
    items = list(phrase)
    while len(items) > 1 and items[0].lower in LEADING_DETERMINERS:
        items.pop(0)
    return re.sub(r"\s+", " ", re.sub('["“”«»„]', "", text[items[0].start : items[-1].end])).strip()


_HONORIFICS: Final = frozenset("mr mrs ms miss dr prof sir madam господин госпожа г-н г-жа".split())


def _name_tail(phrase: list[Token], known: frozenset[int] = frozenset()) -> list[Token]:
    """The capitalised personal name that ends a phrase ("Interior Ministry spokesman Aibek Dzhaksybekov").

    ``known`` holds the start positions of words that are curated actors or places: a name does not run into
    them ("… of the Republic of Kazakhstan Yerkebulan Sarybayev").
    """
    tail: list[Token] = []
    index = len(phrase) - 1
    while index >= 0:
        token = phrase[index]
        if token.text != ".":
            if token.start in known:
                break
            if not (token.capitalised and not token.text.isupper() and token.lower not in TITLE_WORDS):
                break
            if tail and tail[0].start - token.end > 2:
                break  # something was skipped between them («Шанырак»): "Центра" is not part of the name
            tail.insert(0, token)
        index -= 1
    while tail and tail[0].lower in _HONORIFICS:
        tail.pop(0)
    if index >= 0 and phrase[index].lower in SPEAKER_LINK_WORDS:
        return []  # the complement of something else: "the Committee for … of Almaty Region"
    institution = [i for i, t in enumerate(tail) if t.lower in ORGANISATION_WORDS or t.lower in _PLACE_WORDS]
    if institution:
        # "… of the Security Council Yerlan Karin": the name is what follows the institution's name
        tail = tail[institution[-1] + 1 :]
    if len(tail) >= 3 and all(_CYRILLIC.match(t.text) for t in tail) and not _PATRONYMIC.search(tail[-2].text):
        # "жительница микрорайона Айнабулак Гульмира Фикстурова": a Russian name is a given name and a surname
        # (with a patronymic between), so a capitalised word before them belongs to the description
        tail = tail[-2:]
    return tail if len(tail) >= 2 else []


_CYRILLIC: Final = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҺІ]")
_PATRONYMIC: Final = re.compile(r"(?:вич|вна|ична|ич|улы|ұлы|кызы|қызы|оглы)$", re.IGNORECASE)


def _kind_of(entry_kind: str | None) -> str:
    if entry_kind == "person":
        return "person"
    if entry_kind == "group":
        return "group"
    return "organisation" if entry_kind else "unknown"


# Phrases after which a name is in the genitive ("по словам Марата Касымова").
_GENITIVE_BEFORE: Final = re.compile(r"(?i)(?:по\s+словам|по\s+мнению|по\s+данным|со\s+слов)\s[^.:;«»\"]*$")


def resolve_phrase(context: QuoteContext, phrase: list[Token]) -> Speaker:
    """The speaker a noun phrase names: a curated actor, a pronoun's antecedent, or a new name."""
    position = phrase[0].start
    if len(phrase) == 1 and phrase[0].lower in PRONOUNS:
        return _antecedent(context, phrase[0].lower, position)
    if len(phrase) == 1 and phrase[0].lower in ("там", "there"):
        # "— уточнили там": the institution the sentence before had speaking
        return _antecedent(context, "it", position)
    if len(phrase) > 2 and phrase[0].lower in _ANONYMOUS_SOURCES and context.masked[phrase[0].end] == ",":
        # "источник, близкий к Минобороны России": an unnamed source, described, not the body it is close to
        return Speaker(clean_phrase(phrase, context.text), None, "person", position)
    printed = context.masked[phrase[0].start : phrase[-1].end]
    entry = context.actors.lookup(printed)
    if entry:
        return Speaker(entry.name, entry.id, _kind_of(entry.kind), position)
    tail = _name_tail(phrase, context.known_starts)
    within = context.actors.find_within(printed)
    if within and phrase[-1].lower in ORGANISATION_WORDS and phrase[0].start + within.end < phrase[-1].start:
        # "The Kazakhstan Indian Medical Students' Association": an organisation of its own, not Kazakhstan
        return Speaker(clean_phrase(phrase, context.text), None, "organisation", position)
    if within and (not tail or phrase[0].start + within.end >= tail[-1].end):
        entry = context.actors.by_id[within.id] if within.id else None
        if entry:
            return Speaker(entry.name, entry.id, _kind_of(entry.kind), position)
    if tail:
        name = context.text[tail[0].start : tail[-1].end]
        if context.text[max(0, tail[0].start - 1) : tail[0].start] in _QUOTE_MARKS:
            # «Талап Сақтандыру»: a name in quotation marks is a company's or a group's, not a person's
            return Speaker(name, None, "organisation", position)
        if _GENITIVE_BEFORE.search(context.masked, max(0, position - 80), position):
            name = nominative_name(name)  # "по словам Айгуль Нурлановой" is Айгуль Нурланова speaking
        return Speaker(name, None, "person", position)
    if not is_document(phrase[0].lower) and re.search(
        r"(?i)(?<!\w)во?\s+$", context.masked[max(0, position - 4) : position]
    ):
        # "сообщили в союзе": the union named before ("Союз интернет-продавцов «Сауда Онлайн» направил письмо")
        named_before = organisation_by_stem(context, phrase[0].lower, position) if len(phrase) <= 2 else None
        if named_before:
            return named_before
        if len(phrase) == 1 and phrase[0].lower in GENERIC_INSTITUTIONS:
            # "— сообщили в ведомстве": the body named before, whatever it is
            named_before = _antecedent(context, "it", position)
            if named_before.name:
                return named_before
        # "сообщили в акимате Алматы": the акимат of Almaty, named as it would be as a subject
        # "ответили в прокуратуре на запрос Медиазоны": the outlet that asked is not part of the body's name
        printed = _ADDRESSEE_TAIL.sub("", clean_phrase(phrase, context.text))
        return Speaker(nominative_institution(printed), None, "organisation", position)
    named = [t for t in phrase if t.text != "." and t.lower not in _HONORIFICS and t.lower not in LEADING_DETERMINERS]
    if len(named) == 1 and named[0].capitalised:
        earlier = _full_name(context, named[0], position)
        if earlier:
            return earlier
    lowers = {t.lower for t in phrase}
    capitals = [t for t in phrase if t.capitalised and t.lower not in LEADING_DETERMINERS]
    if not capitals and (phrase[0].lower in ("the", "this", "that", "its") or len(phrase) <= 3):
        head = phrase[-1].lower if phrase[0].lower in LEADING_DETERMINERS or len(phrase) == 1 else phrase[0].lower
        if is_document(head):
            # "the statement said": whoever issued it, the latest organisation named as speaking
            issuer = next(
                (m for m in context.subject_mentions.before(position) if m.kind in ("organisation", "group")), None
            )
            if issuer:
                return Speaker(issuer.name, issuer.id, issuer.kind, position, None, issuer.words)
            return Speaker(None, None, "unknown", position)  # a document is not a speaker: whose it is, unsaid
        # "the resident", "the group": the one introduced as "a resident who …", "X, a local monitoring group"
        same = _same_head(context, head, position)
        if same:
            return same
        if head in _GENERIC_ORGANISATION_HEADS and phrase[0].lower in ("the", "this", "that"):
            organisation = _antecedent(context, "they", position)
            if organisation.name and organisation.kind == "organisation":
                return organisation
        anonymous = head in ("источник", "source")  # an anonymous source is not the person named before
        if phrase[0].lower not in LEADING_DETERMINERS and head in PERSON_NOUNS | _SOURCE_NOUNS and not anonymous:
            # a bare role: "— отметил собеседник агентства" is the person quoted just before
            antecedent = _antecedent(context, "она" if role_gender(head) == "f" else "он", position)
            if antecedent.name:
                return antecedent
    if (
        not capitals
        and phrase[0].lower in ("the", "this", "that")
        and not lowers & ORGANISATION_WORDS
        and not lowers & UNNAMED_ROLES
    ):
        # "the president", "the 45-year-old teacher": a definite description of someone named before, of either sex;
        # what it says of them stays with them ("the teacher said" two paragraphs on)
        antecedent = _antecedent(context, "someone", position)
        if antecedent.name:
            return replace(antecedent, words=antecedent.words | {t.lower for t in phrase if _is_word(t)})
    kind = "organisation" if lowers & ORGANISATION_WORDS else "unknown"
    return Speaker(clean_phrase(phrase, context.text), None, kind, position)


# Roles that usually stand for someone the article does not name: "the spokesman, who declined to be named, said"
# is not the president quoted before (a named spokesman is found by the same head noun first).
UNNAMED_ROLES: Final = frozenset(
    "spokesman spokeswoman spokesperson official officials source sources representative witness resident "
    "eyewitness aide insider источник источники".split()
)
_SOURCE_NOUNS: Final = frozenset("собеседник собеседница эксперт аналитик политолог interlocutor".split())
_DOCUMENT_NOUNS: Final = frozenset(
    "statement release communique communiqué report message letter note post announcement notice document appeal "
    "заявление сообщение документ релиз обращение письмо".split()
)


_DOCUMENT_STEMS: Final = tuple(noun[:-2] for noun in _DOCUMENT_NOUNS if re.match("[а-яё]", noun))


# what follows a body's name in "сообщили в прокуратуре на запрос Медиазоны", "в ответ на вопрос ТАСС"
_ADDRESSEE_TAIL: Final = re.compile(r"\s+(?:на\s+запрос|в\s+ответ\s+на|в\s+беседе\s+с|в\s+комментарии)\b.*$", re.I)


def is_document(word: str) -> bool:
    """A statement, report, заявление (in any case: "в заявлении")."""
    return word in _DOCUMENT_NOUNS or word.rstrip("s") in _DOCUMENT_NOUNS or word.startswith(_DOCUMENT_STEMS)


def organisation_by_stem(context: QuoteContext, word: str, position: int) -> Speaker | None:
    """The latest organisation named before whose name has this word in any case ("в союзе" -> "Союз …")."""
    wanted = stem(word)
    for mention in itertools.islice(context.person_mentions.before(position), 40):
        if (
            mention.kind == "organisation"
            and mention.name
            and any(stem(part) == wanted for part in re.findall(r"[\w-]+", mention.name))
        ):
            return Speaker(mention.name, mention.id, mention.kind, position, None, mention.words)
    # named earlier, but not as anyone's subject: "Союз интернет-продавцов «Сауда Онлайн» …"
    best: re.Match[str] | None = None
    for match in _ORGANISATION_NAME.finditer(context.masked, max(0, position - 1500), position):
        # the head noun may follow an adjective: "Правозащитная коалиция «Таза сот»"
        if wanted in {stem(word) for word in re.findall(r"[\w-]+", match[0].split("«")[0].casefold())}:
            best = match
    if best is None:
        return None
    return Speaker(re.sub(r"\s+", " ", re.sub('[«»"“”]', "", best[0])).strip(), None, "organisation", position)


# "Союз интернет-продавцов «Сауда Онлайн»", "Ассоциация «Адал кәсіп»": a capitalised head, a few words, a quoted name
_ORGANISATION_NAME: Final = re.compile(r"(?P<head>[А-ЯЁA-Z][\w-]+)(?:\s+[\w-]+){0,3}\s*«[^»\n]{1,40}»")


def _same_head(context: QuoteContext, head: str, position: int) -> Speaker | None:
    """The latest earlier mention whose words include this head noun."""
    for mention in context.person_mentions.before(position):
        if mention.position >= position or not mention.name:
            continue
        entry = context.actors.by_id.get(mention.id) if mention.id else None
        curated_role = (
            entry is not None and head in entry.words and (mention.kind == "person") == (head in PERSON_NOUNS)
        )
        if head in mention.name.casefold().split() or head in mention.words or curated_role:
            return Speaker(mention.name, mention.id, mention.kind, position, mention.gender, mention.words)
    return None


def _full_name(context: QuoteContext, surname: Token, position: int) -> Speaker | None:
    """The person introduced earlier whose name ends with this surname ("Abenov" -> "Nurlan Abenov")."""
    wanted = stem(surname.text)
    for mention in context.person_mentions.before(position):
        if mention.position >= position or not mention.name or mention.kind != "person":
            continue
        parts = mention.name.split()
        if len(parts) > 1 and wanted in (stem(parts[-1]), stem(parts[0])):  # "Abenov", or a first name: "Алия"
            return Speaker(mention.name, mention.id, "person", position)
    return None


def pronoun_kinds(pronoun: str) -> set[str]:
    """The kinds of actor a pronoun can stand for: "he" a person, "they" a group or a body, "it" a body."""
    if pronoun in PERSON_PRONOUNS:
        return {"person"}
    if pronoun in GROUP_PRONOUNS:
        return {"group", "organisation"}
    if pronoun in THING_PRONOUNS:
        return {"organisation"}
    return {"person"}


def _antecedent(context: QuoteContext, pronoun: str, position: int) -> Speaker:
    kinds = pronoun_kinds(pronoun)
    gender = PRONOUN_GENDER.get(pronoun)
    earlier = list(itertools.islice(context.person_mentions.before(position), 60))
    # a person's sex shown by any mention counts for all of them ("Mohit Dhankhar … his hostel")
    known = {m.name: m.gender for m in reversed(earlier) if m.name and m.gender}
    best = next(
        (
            m
            for m in earlier
            if m.kind in kinds and (gender is None or (m.gender or known.get(m.name or "")) in (None, gender))
        ),
        None,
    )
    if best is None:
        return Speaker(None, None, "unknown", position)
    return Speaker(best.name, best.id, best.kind, position, best.gender or known.get(best.name or ""), best.words)


PRONOUN_GENDER: Final = {
    "he": "m", "him": "m", "his": "m", "он": "m", "его": "m", "ему": "m",
    "she": "f", "her": "f", "она": "f", "её": "f", "ее": "f", "ей": "f",
}  # fmt: skip


def resolve_via(context: QuoteContext, phrase: list[Token] | None) -> tuple[str | None, str | None]:
    if not phrase:
        return None, None
    printed = context.masked[phrase[0].start : phrase[-1].end]
    if len(phrase) == 1 and phrase[0].lower in PRONOUNS:
        speaker = _antecedent(context, "it", phrase[0].start)
        return speaker.name, speaker.id
    entry = context.actors.lookup(printed)
    if entry is None:
        within = context.actors.find_within(printed)
        entry = context.actors.by_id.get(within.id) if within and within.id else None
    if entry:
        return entry.name, entry.id
    return clean_phrase(phrase, context.text), None


def said_on(context: QuoteContext, sentence: tuple[int, int], span: QuoteSpan) -> dt.date | None:
    """The day named in the attribution around a quotation ("Tokayev said on Friday")."""
    first = bisect.bisect_left(context.date_starts, sentence[0])
    for mention in context.dates[first:]:
        if mention.start >= sentence[1]:
            break
        if not (span.open < mention.start < span.close) and mention.precision == "day":
            return mention.date
    return None


# ---- people named in the text, for pronouns -----------------------------------------------------------------------

_CAPITALISED_WORDS = re.compile(r"(?<![\w’'-])(?:[A-ZА-ЯЁ][\w’'-]*)(?:[ \t]+[A-ZА-ЯЁ][\w’'-]*)*")


def person_mentions(context: QuoteContext) -> list[Speaker]:
    """Named actors (curated or not) outside quotations and not right after a preposition, in text order."""
    masked = context.masked
    mentions: list[Speaker] = []
    covered_spans: list[tuple[int, int]] = []
    for mention in context.actor_mentions:
        entry = context.actors.by_id.get(mention.id or "")
        covered_spans.append((mention.start, mention.end))
        if entry is None or _is_oblique(masked, mention.start):
            continue
        mentions.append(Speaker(entry.name, entry.id, _kind_of(entry.kind), mention.start))
    covered = SpanSet([*covered_spans, *((m.start, m.end) for m in context.place_mentions)])
    single_names: list[tuple[int, str]] = []
    for match in _CAPITALISED_WORDS.finditer(masked):
        for words in _uncovered_runs(match, covered):
            named = _name_mention(masked, words)
            if named:
                apposition = _APPOSITION_AFTER.match(masked, words[-1][1])
                if apposition:  # "Henrik Aasheim, a Central Asia analyst at …": "the analyst" later
                    named.words = frozenset(_WORDS.findall(apposition["words"].casefold()))
                mentions.append(named)
            elif len(words) == 1 and words[0][2].casefold() not in FUNCTION_WORDS:
                single_names.append((words[0][0], words[0][2]))
    mentions += context.subject_mentions.items
    for position, name in single_names:
        given = _given_name_alone(masked, position, name)
        if given is not None and context.actors.lookup(name) is None:
            mentions.append(given)
    for match in _SMALL_CAPS_NAME.finditer(masked):
        # "TIMUR KUANYSHBAEV spent 11 years …": a feature's lead names its subject in small capitals
        if not context.heading_set.overlaps(match.start(), match.end()) and not context.actors.lookup(match["name"]):
            name = " ".join(word.capitalize() for word in match["name"].split())
            mentions.append(Speaker(name, None, "person", match.start(), person_gender(name)))
    mentions = [m for m in mentions if not context.quoted_set.strictly_inside(m.position)]
    mentions.sort(key=lambda m: m.position)
    mentions = _with_full_names(mentions, single_names, context.quoted_set)
    _genders_from_pronouns(masked, mentions, context.quoted_set)
    return mentions


_ROLE_BEFORE: Final = re.compile(r"(?<![\w-])(?P<role>[a-zа-яё]+)\s+$")
_GIVEN_NAME_AFTER: Final = re.compile(
    r",|\s+(?:who|котор|[a-zа-яё]+(?:s|ed|л|ла)\b)|\s*\((?:фамили|имя|surname|last name)"
)


def _given_name_alone(masked: str, position: int, name: str) -> Speaker | None:
    """A first name given alone, after a role ("our neighbour Moldir, who …", "брат Асет вышел") or with a note
    that the surname is withheld ("Айдос (фамилию он попросил не указывать)"): a person the text can quote, of the
    sex the role says."""
    end = position + len(name)
    after = _GIVEN_NAME_AFTER.match(masked, end, end + 20)
    if after is None or len(name) < 3:
        return None
    role = _ROLE_BEFORE.search(masked, max(0, position - 25), position)
    withheld = after[0].lstrip().startswith("(")
    if not withheld and (role is None or role["role"] not in PERSON_NOUNS):
        return None
    gender = role_gender(role["role"]) if role is not None else None
    return Speaker(name, None, "person", position, gender or person_gender(name))


_SMALL_CAPS_NAME: Final = re.compile(
    r"(?m)^(?P<name>[A-ZА-ЯЁ][A-ZА-ЯЁ'’-]{2,}(?:\s[A-ZА-ЯЁ][A-ZА-ЯЁ'’-]{2,}){1,2})(?=,?\s+[a-zа-яё])"
)
_APPOSITION_AFTER: Final = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?P<words>[^\W\d][^,.;:()\n]{2,80})")


def _with_full_names(mentions: list[Speaker], single_names: list[tuple[int, str]], quoted: SpanSet) -> list[Speaker]:
    """A first name or surname alone ("Aruzhan cuts in", "Nurzhan says") is the person named in full before it."""
    by_part: dict[str, Mentions] = {}
    for named in mentions:
        parts = (named.name or "").split()
        if named.kind == "person" and len(parts) >= 2:
            for part in {stem(parts[0]), stem(parts[-1])}:
                by_part.setdefault(part, Mentions()).add(named)

    def full(word: str, position: int) -> Speaker | None:
        candidates = by_part.get(stem(word))
        return next(candidates.before(position), None) if candidates else None

    result = []
    for mention in mentions:
        core = [w for w in (mention.name or "").split() if w.casefold().rstrip(".") not in _HONORIFICS]
        if mention.kind == "person" and len(core) == 1 and mention.id is None:
            person = full(core[0], mention.position)
            if person:
                mention = Speaker(person.name, person.id, "person", mention.position, person.gender, mention.words)
        result.append(mention)
    for position, word in single_names:
        if quoted.strictly_inside(position):
            continue
        person = full(word, position)
        if person:
            result.append(Speaker(person.name, person.id, "person", position, person.gender))
    result.sort(key=lambda m: m.position)
    return result


_GENDERED_PRONOUN: Final = re.compile(r"\b(?:(?P<m>he|his|him|он|его|ему)|(?P<f>she|her|hers|она|её|ее|ей))\b", re.I)


def _genders_from_pronouns(text: str, mentions: list[Speaker], quoted: SpanSet) -> None:
    """A person's gender from the first gendered pronoun after them in the narrative, before anyone else is
    named ("Aruzhan Kaldybek remembers … She is 44"). Names the same as an earlier one share its gender."""
    by_name: dict[str, str] = {}
    for index, mention in enumerate(mentions):
        if mention.kind != "person" or not mention.name:
            continue
        if mention.gender is None:
            mention.gender = by_name.get(mention.name)
        if mention.gender is None:
            end = mentions[index + 1].position if index + 1 < len(mentions) else len(text)
            for match in _GENDERED_PRONOUN.finditer(text, mention.position, min(end, mention.position + 300)):
                if not quoted.strictly_inside(match.start()):
                    mention.gender = "m" if match["m"] else "f"
                    break
        if mention.gender:
            by_name[mention.name] = mention.gender


_WORDS: Final = re.compile(r"\w+")
PERSON_NOUNS: Final = frozenset(
    "мужчина женщина девушка парень собеседница "
    "officer official spokesman spokeswoman spokesperson resident witness driver lawyer surgeon doctor "
    "nurse teacher student activist blogger journalist reporter analyst expert source minister president "
    "governor mayor commander man woman mother father son daughter worker trader owner operator leader "
    "chief head deputy ambassador envoy diplomat coordinator volunteer protester protestor demonstrator "
    "neighbour neighbor engineer pensioner житель жительница очевидец очевидица врач адвокат активист "
    "блогер журналист источник собеседник министр президент аким глава представитель сотрудник волонтер "
    "волонтёр соседка сосед водитель "
    "sergeant colonel general captain lieutenant major soldier policeman policewoman guard husband wife "
    "brother sister grandmother grandfather shopkeeper vendor seller farmer miner paramedic politician "
    "сержант полковник генерал капитан лейтенант майор солдат полицейский муж жена брат сестра политолог "
    "командир военнослужащий эксперт директор директорка руководитель председатель заместитель начальник "
    "предприниматель бизнесмен владелец владелица инженер учитель учительница медсестра продавец продавщица "
    "пенсионер пенсионерка студент студентка депутат мать отец сын дочь мама папа правозащитник правозащитница "
    "businessman businesswoman entrepreneur".split()
)


def subject_mentions(context: QuoteContext, sentences: list[tuple[int, int]]) -> list[Speaker]:
    """Who the narrative has speaking: the subject of each reporting verb outside quotations.

    "A senior police officer in the city, speaking on condition of anonymity, said …" makes the officer the
    likeliest "he" of the next quotation, though no capitalised name is there to find.
    """
    mentions: list[Speaker] = []
    for sentence in sentences:
        words = _WORDS.findall(context.masked[sentence[0] : sentence[1]].lower())
        if _NARRATIVE_VERBS.isdisjoint(words) and _PUBLISHING_VERBS.isdisjoint(words):
            continue  # cheaper than tokenising every sentence
        items = context.tokens.sentence(sentence)
        if context.statement_quoted.overlaps(*sentence):
            items = [t for t in items if not context.statement_quoted.strictly_inside(t.start)]
        for index, token in enumerate(items):
            if not _speaks(items, index):
                continue
            # "В пресс-службе больницы Би-би-си сообщили": an institution speaks, not the outlet told
            phrase = _institution_before(items, index) if token.lower.endswith("ли") else []
            institution = bool(phrase)
            phrase = phrase or _subject_before(items, index)
            if not phrase or (len(phrase) == 1 and phrase[0].lower in PRONOUNS):
                continue
            first = items.index(phrase[0])
            # "the 45-year-old primary school teacher told AFP": the article a few lowercase words before the noun
            before = itertools.takewhile(
                lambda t: _is_word(t) and not t.capitalised, reversed(items[max(0, first - 5) : first])
            )
            definite = phrase[0].lower in ("the", "this", "that") or any(
                t.lower in ("the", "this", "that") for t in before
            )
            if definite and not any(t.capitalised for t in phrase if t.lower not in ("the", "this", "that")):
                continue  # "the teacher told AFP": someone named before, not someone new
            kind = "organisation" if institution else phrase_kind(context, phrase)
            described_before = _description_before(items, items.index(phrase[0]))
            if described_before & ORGANISATION_WORDS:
                kind = "organisation"  # "A volunteer network of doctors, Ak Zhurek, said"
            if kind == "person" and _RUSSIAN_PLURAL_VERB.search(token.lower):
                kind = "group"  # "Правозащитники говорят": people, not one person to be "she"
            if kind in ("person", "group", "organisation"):
                printed = context.masked[phrase[0].start : phrase[-1].end]
                entry = context.actors.lookup(printed)
                name = entry.name if entry else clean_phrase(phrase, context.text)
                if institution:
                    name = nominative_institution(_ADDRESSEE_TAIL.sub("", name))
                between = items[items.index(phrase[0]) : index]
                described = frozenset(t.lower for t in between if _is_word(t)) | described_before
                given = _given_name(between)  # "a police sergeant, who gave his first name as Azamat, said"
                name = given or name
                if len(phrase) == 1 and phrase[0].lower in _ANONYMOUS_SOURCES:
                    # "Источник, близкий к Минобороны России, утверждает": the source as its apposition describes it
                    apposition = _SOURCE_APPOSITION.match(context.masked, phrase[0].end)
                    if apposition:
                        name = re.sub(r"\s+", " ", context.text[phrase[0].start : apposition.end()])
                gender = (verb_gender(token.lower) or person_gender(name)) if kind == "person" else None
                mentions.append(Speaker(name, entry.id if entry else None, kind, phrase[0].start, gender, described))
    return mentions


# Russian verbs in the plural: past "-ли", present "-ют/-ят/-ут/-ат" ("заявили", "говорят", "сообщают")
_RUSSIAN_PLURAL_VERB: Final = re.compile(r"[а-яё](?:ли|ют|ят|ут|ат)$")


def _description_before(items: list[Token], start: int) -> frozenset[str]:
    """The words of a description set off by a comma before a name that opens the subject ("A network, X, said")."""
    if start < 2 or items[start - 1].text != ",":
        return frozenset()
    opening = items[: start - 1]
    if len(opening) > 8 or not all(_is_word(t) or t.text in "'’-" for t in opening):
        return frozenset()
    return frozenset(t.lower for t in opening if _is_word(t))


# Category nouns that refer back to the organisation last named: "the group said", "организация сообщила".
_GENERIC_ORGANISATION_HEADS: Final = frozenset(
    "group organisation organization network movement association coalition alliance foundation "
    "группа организация объединение движение ассоциация фонд".split()
)

_NARRATIVE_VERBS: Final = REPORTING_VERBS - frozenset(
    "continue continued post posted state states note notes report reports quote quotes claims answer reply "
    "demand demanded promise promised describe described suggest suggested comment".split()
)
_PUBLISHING_VERBS: Final = frozenset(
    "issued released published posted put sent опубликовал опубликовала опубликовали направил направила направили "
    "выпустил выпустила выпустили распространил распространила распространили".split()
)


def _speaks(items: list[Token], index: int) -> bool:
    """A verb that makes its subject someone speaking: "said", "told", or "issued a statement"."""
    token = items[index]
    if token.lower in MEDIA_VERBS:
        # "ТАСС сообщил" is an outlet carrying news; "Представитель МВД сообщил", "журналист X пишет" is a person
        subject = _subject_before(items, index)
        return bool(subject) and (any(t.lower in PERSON_NOUNS for t in subject) or bool(_name_tail(subject)))
    if token.lower in _PUBLISHING_VERBS:
        return any(t.lower in _DOCUMENT_NOUNS for t in items[index + 1 : index + 4])
    return token.lower in _NARRATIVE_VERBS and _is_reporting_verb(items, index)


_GIVEN_NAME: Final = re.compile(
    r"(?i)\b(?:(?:first\s+)?name\s+(?:only\s+)?as|identified\s+(?:only\s+)?as|only\s+as|назвал(?:ся|ась)|"
    r"представил(?:ся|ась))\s+(?P<name>[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'-]+)?)"
)


_NAME_GIVEN: Final = re.compile(r"(?i)(?:\bname(?:\s+only)?(?:\s+as)?|\bidentified(?:\s+only)?\s+as)$")


def _name_given_after(items: list[Token], index: int) -> list[Token]:
    """The name in ", who gave only his first name, Nurlan" / ", who gave his name as Nurlan" after a phrase."""
    if index >= len(items) or items[index].text != "," or index + 1 >= len(items) or items[index + 1].lower != "who":
        return []
    words: list[Token] = []
    for position in range(index + 2, min(len(items), index + 14)):
        token = items[position]
        if token.capitalised and _is_word(token) and _NAME_GIVEN.search(" ".join(t.lower for t in words[-4:])):
            end = position + 1
            while end < len(items) and items[end].capitalised and _is_word(items[end]) and end < position + 2:
                end += 1
            return items[position:end]
        if token.text == ",":
            continue
        if not _is_word(token):
            return []
        words.append(token)
    return []


def _given_name(items: list[Token]) -> str | None:
    if not items:
        return None
    text = " ".join(t.text for t in items)
    match = _GIVEN_NAME.search(text)
    return match["name"] if match else None


def phrase_kind(context: QuoteContext, phrase: list[Token]) -> str:
    """person, group or organisation, from a curated match, a personal name, or the phrase's head noun."""
    entry = context.actors.lookup(context.masked[phrase[0].start : phrase[-1].end])
    if entry:
        return _kind_of(entry.kind)
    if _name_tail(phrase, context.known_starts):
        return "person"
    lowers = [t.lower for t in phrase]
    # the head noun is the last word before "of"/"in"/…: "a senior police OFFICER in the city"
    first_chunk = next((lowers[:i] for i, word in enumerate(lowers) if word in SPEAKER_LINK_WORDS and i), lowers)
    head = first_chunk[-1] if first_chunk else lowers[-1]
    if head in PERSON_NOUNS or lowers[0] in PERSON_NOUNS:  # Russian heads come first: "Представитель МВД"
        return "person"
    if head in ORGANISATION_WORDS or set(lowers) & ORGANISATION_WORDS:
        return "organisation"
    if any(word in PERSON_NOUNS for word in lowers):
        return "person"
    if len(phrase) == 1 and phrase[0].capitalised:
        return "person"  # a lone name in apposition: "a surgeon who gave only her first name, Zhanna, said"
    return "group" if lowers[-1].endswith("s") else "unknown"


def _uncovered_runs(match: re.Match[str], covered: SpanSet) -> list[list[tuple[int, int, str]]]:
    """The parts of a capitalised run that no curated name covers ("Заместитель акима Алматы Нурбол Шалабаев")."""
    runs: list[list[tuple[int, int, str]]] = [[]]
    for word in re.finditer(r"[\w’'-]+", match[0]):
        start, end = match.start() + word.start(), match.start() + word.end()
        if covered.overlaps(start, end):
            runs.append([])
        else:
            runs[-1].append((start, end, word[0]))
    return [run for run in runs if run]


def _name_mention(masked: str, words: list[tuple[int, int, str]]) -> Speaker | None:
    """A person (or organisation) named by a run of capitalised words, titles and sentence openers removed."""
    while words and (words[0][2].casefold() in FUNCTION_WORDS or words[0][2].casefold() in TITLE_WORDS):
        words = words[1:]
    if len(words) >= 3 and all(_CYRILLIC.match(w[2]) for w in words) and not _PATRONYMIC.search(words[-2][2]):
        words = words[-2:]  # "микрорайона Айнабулак Гульмира Фикстурова": the last two are the name
    if len(words) < 2 or len(words) > 4:
        return None
    if words[-1][2].casefold() in TITLE_WORDS:
        return None  # "Kazakh President", "Deputy Minister": a description of someone, not a name
    start, end = words[0][0], words[-1][1]
    if any(w[2].isupper() and len(w[2]) > 1 for w in words):
        return None  # acronyms: organisations, not people
    lowered = {w[2].casefold() for w in words}
    following = re.match(r"\s+([\w’'-]+)", masked[words[-1][1] : words[-1][1] + 30])
    next_word = following[1].casefold() if following else ""
    if lowered & _PLACE_WORDS or next_word in _PLACE_WORDS:
        return None  # "Green Bazaar", "Kenesary Street", "City Hospital", "Zhibek Zholy street"
    if next_word in PERSON_NOUNS or next_word in TITLE_WORDS:
        return None  # "a Central Asia analyst", "the Interior Ministry spokesman": a modifier, not a person
    kind = "organisation" if lowered & (ORGANISATION_WORDS | _INSTITUTION_WORDS) else "person"
    before = masked[max(0, start - 5) : start].casefold()
    if kind == "person" and re.search(r"\bthe\s+$", before):
        kind = "organisation"  # people's names take no article: "the Adal Qorgau legal aid group"
    if _is_oblique(masked, start):
        return None
    name = masked[start:end]
    if kind == "person" and _GENITIVE_BEFORE.search(masked, max(0, start - 40), start):
        name = nominative_name(name)  # "по словам соседа Серика Жолмаханова": Серик Жолмаханов, a man
    return Speaker(name, None, kind, start, _name_gender(name, masked, start) if kind == "person" else None)


_PLACE_WORDS: Final = frozenset(
    "asia europe africa america caucasus siberia gulf sea ocean mountains steppe "
    "street avenue square bazaar market hospital school hall park airport station prospect district region oblast "
    "village city building mosque church hotel plaza boulevard road bridge highway palace prison lane microdistrict "
    "улица проспект площадь базар рынок больница школа парк аэропорт вокзал район область село город здание".split()
)
_INSTITUTION_WORDS: Final = frozenset(
    "code kenesh majilis mazhilis duma senate parliament court constitution law act treaty charter prosecutor's "
    "кодекс закон суд сенат мажилис кенеш".split()
)
_MALE_WORDS: Final = frozenset("mr he his him husband son father brother uncle grandfather boy man".split())
_FEMALE_WORDS: Final = frozenset(
    "mrs ms miss she her hers husband's wife daughter mother sister aunt grandmother girl woman".split()
)


def _name_gender(name: str, text: str, start: int) -> str | None:
    """A person's gender from the name's ending (Slavic and Kazakh surnames, Russian first names) or a word right
    before it ("her husband, Nurzhan Kaldybek"); None when nothing says."""
    gender = person_gender(name)
    if gender:
        return gender
    before = re.findall(r"[\w’']+", text[max(0, start - 24) : start].casefold())[-2:]
    if set(before) & {"husband", "son", "father", "brother", "mr"}:
        return "m"
    if set(before) & {"wife", "daughter", "mother", "sister", "mrs", "ms", "miss"}:
        return "f"
    return None


def person_gender(name: str) -> str | None:
    """ "f" for -ova/-eva/-ina/-ская/-кызы surnames and Russian first names in -а/-я, "m" for -ov/-ev/-in/-улы."""
    words = [w.casefold() for w in re.findall(r"[\w’'-]+", name)]
    if not words:
        return None
    last = words[-1]
    female = ("ova", "eva", "yeva", "ina", "skaya", "kyzy", "qyzy", "ова", "ева", "ина", "ская", "кызы", "қызы")
    if last.endswith(female):
        return "f"
    if last.endswith(("ov", "ev", "yev", "in", "sky", "skiy", "uly", "ов", "ев", "ин", "ский", "улы", "ұлы")):
        return "m"
    male_exceptions = {"илья", "никита", "кузьма", "фома", "лука", "савва", "данила"}
    if re.fullmatch(r"[а-яё]+[ая]", words[0]) and words[0] not in male_exceptions:
        return "f"  # Russian first names: Алия, Мадина
    return None


def verb_gender(verb: str) -> str | None:
    """Russian past-tense verbs agree with the speaker: заявила (f), заявил (m)."""
    if not re.search(r"[а-яё]", verb):
        return None
    if verb.endswith(("ла", "лась")):
        return "f"
    if verb.endswith(("л", "лся")):
        return "m"
    return None


def _is_oblique(text: str, start: int) -> bool:
    """True when the words before a name are a preposition (optionally with titles between)."""
    window = text[max(0, start - 60) : start]
    window = re.split(r"[.!?;:\n\"“”«»]", window)[-1]  # only the words of this sentence and clause
    before = re.findall(r"[\w’'-]+", window)
    for word in reversed(before):
        lower = word.casefold()
        if lower in OBLIQUE_PREPOSITIONS:
            return True
        if lower in TITLE_WORDS or lower in LEADING_DETERMINERS or word[:1].isupper():
            continue
        return False
    return False
