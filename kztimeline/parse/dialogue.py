"""Direct speech without quotation marks: transcripts, interviews and Russian dialogue dashes.

Three forms put someone's own words on the page with no quotation marks at all:

- a transcript, one paragraph per turn, each opening with its speaker: ``Аскар Бекбосынов: Потому что …``;
- an interview, questions and answers in turn: ``— Вас допускают к ним?`` / ``— Первые дни — нет.`` in Russian,
  a question paragraph followed by its answer in English. The answers are the interviewee's, the person the
  article names most often;
- a Russian dialogue dash with its attribution inside: ``— Мы не знали, что делать, — говорит Айгуль.``

They are recognised only where the page shows the form more than once (three labelled turns, two questions with
their answers), so a single "Tokayev: …" headline or a lone dash does not make a transcript. An English Q&A also
needs the page to say it is an interview. Questions are the interviewer's and are left out.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Final

from kztimeline.parse.document import Quote
from kztimeline.parse.lexicon import SPEAKER_NOUN_WORDS
from kztimeline.parse.quotes import QuoteContext, Speaker, quote_by, speaker_after, speaker_named
from kztimeline.parse.russian_names import nominative_name

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# "Аскар Бекбосынов: …", "Слушательница из Алматы: …", "TOKAYEV: …", "Q: …"
_LABEL: Final = re.compile(rf"(?P<label>[{_UPPER}][\w’'.-]*(?:[ \t]+[\w’'.-]+){{0,4}})[ \t]*:[ \t]+(?P<speech>\S)")
# Labels that are page furniture, not speakers ("Photo: …", "Read also: …")
_NOT_SPEAKERS: Final = frozenset(
    """
    photo photos image video source sources update updated note editor editors read related see watch listen tags
    tag share by reporting additional correction disclaimer caption credit published posted date time location
    фото видео источник подпись обновлено примечание читайте смотрите слушайте теги тег автор текст дата время
    реклама справка
    """.split()
)
# The questions, and the outlet's own presenters and reporters: their words are the report, not a quotation
_QUESTION_LABELS: Final = frozenset(
    """
    q question вопрос в anchor host presenter correspondent reporter interviewer newsreader voiceover narrator
    ведущий ведущая корреспондент журналист диктор
    """.split()
)
_ANSWER_LABELS: Final = frozenset("a answer ответ о".split())
_DASH: Final = re.compile(r"[—–][ \t\u00a0]+")
# "— Мы не знали, что делать, — говорит Айгуль. — А потом …": the attribution between two dashes
_DASH_ATTRIBUTION: Final = re.compile(
    r"(?P<end>[,!?…])[ \t\u00a0]+[—–][ \t\u00a0]+(?P<attribution>[^—–\n]{3,120}?)(?:[.:]|$)"
)
# "– We have done our job, said Erlan Turgumbayev.": a translation keeps the opening dash but not the second one
_COMMA_ATTRIBUTION: Final = re.compile(
    r"(?P<end>[,!?…])[ \t\u00a0]+(?P<attribution>(?:(?:said|says|told|added|stressed|noted|explained|continued)\b"
    r"[^—–\n.]{3,100}?|[A-ZА-ЯЁ][^—–\n,.]{2,60}?[ \t\u00a0](?:said|says|told|added|stressed|noted|explained)\b"
    r"[^—–\n.]{0,60}?))(?:[.:]|$)"
)
_Q_AND_A: Final = re.compile(r"\bq\s*&\s*a\b")
_WORD: Final = re.compile(r"\w+")


def find_dialogue(
    context: QuoteContext, paragraphs: list[tuple[int, int]], quoted: list[tuple[int, int]], author: str | None
) -> list[Quote]:
    """Quotations in transcript, interview and dialogue-dash form, outside the statements already read (``quoted``).

    ``author`` is the byline: in a transcript the author's own turns are the questions.
    """
    statements = sorted(quoted)
    found = [
        *_transcript(context, paragraphs, author.casefold() if author else None),
        *_dash_dialogue(context, paragraphs),
        *_english_interview(context, paragraphs),
    ]
    # an answer may quote someone else inside it («…»): that statement stays too; any other overlap is the same words
    found = [
        quote
        for quote in found
        if not any(
            start < quote.end and quote.start < end and not (quote.start <= start and end <= quote.end)
            for start, end in statements
        )
    ]
    return sorted(found, key=lambda quote: quote.start)


def _paragraph_text(context: QuoteContext, paragraph: tuple[int, int]) -> str:
    return context.masked[paragraph[0] : paragraph[1]]


def _in_heading(context: QuoteContext, paragraph: tuple[int, int]) -> bool:
    return context.heading_set.overlaps(paragraph[0], paragraph[0] + 1)


def _quote(context: QuoteContext, start: int, end: int, speaker: Speaker | None, how: str) -> Quote | None:
    """A quotation of the text between ``start`` and ``end``, trimmed of spaces and a closing comma."""
    text = context.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ","):
        end -= 1
    if len(_WORD.findall(text[start:end])) < 2:
        return None
    return quote_by(text, speaker, start, end, how)


# ---- transcripts --------------------------------------------------------------------------------------------------


def _transcript(context: QuoteContext, paragraphs: list[tuple[int, int]], author: str | None) -> Iterator[Quote]:
    turns: list[tuple[str, int, int, int]] = []  # (label, label start, speech start, paragraph end)
    for paragraph in paragraphs:  # headings too: a turn that is one short question looks like a sub-headline
        match = _LABEL.match(context.masked, paragraph[0], paragraph[1])
        if match is None or match["label"].split()[0].casefold() in _NOT_SPEAKERS:
            continue
        if any(character.isdigit() for character in match["label"]):
            continue  # "10:15: …", "Update 3: …"
        turns.append((match["label"], match.start("label"), match.start("speech"), paragraph[1]))
    labels = Counter(label.casefold() for label, _, _, _ in turns)
    if len(turns) < 3 or max(labels.values(), default=0) < 2:
        return
    interviewee = _interviewee(context)
    for label, label_start, start, end in turns:
        lowered = label.casefold()
        if lowered.split()[0] in _QUESTION_LABELS or (author and lowered == author):
            continue
        speaker = (
            interviewee if lowered in _ANSWER_LABELS else speaker_named(context, label_start, label_start + len(label))
        )
        quote = _quote(context, start, end, speaker, "transcript")
        if quote:
            yield quote


# ---- Russian dialogue dashes and interviews ------------------------------------------------------------------------


def _dash_dialogue(context: QuoteContext, paragraphs: list[tuple[int, int]]) -> Iterator[Quote]:
    dashed = [p for p in paragraphs if _DASH.match(context.masked, p[0], p[1]) and not _in_heading(context, p)]
    questions = [p for p in dashed if _paragraph_text(context, p).rstrip().endswith("?")]
    interview = len(questions) >= 2 and len(dashed) - len(questions) >= 2
    interviewee = _interviewee(context) if interview else None
    for paragraph in dashed:
        start = _DASH.match(context.masked, paragraph[0], paragraph[1])
        assert start is not None
        speech_start = start.end()
        attribution = _DASH_ATTRIBUTION.search(context.masked, speech_start, paragraph[1])
        attribution = attribution or _COMMA_ATTRIBUTION.search(context.masked, speech_start, paragraph[1])
        if attribution:
            speaker = speaker_after(context, attribution.start("attribution"), attribution.end("attribution"))
            if speaker is not None:
                first = _quote(context, speech_start, attribution.start("end"), speaker, "after")
                if first:
                    yield first
                rest = _DASH.match(context.masked, _skip_spaces(context.masked, attribution.end()), paragraph[1])
                if rest:  # "— …, — говорит Айгуль. — А потом …": the same speaker goes on
                    second = _quote(context, rest.end(), paragraph[1], speaker, "continuation")
                    if second:
                        yield second
                continue
        if interview and paragraph not in questions:
            quote = _quote(context, speech_start, paragraph[1], interviewee, "interview")
            if quote:
                yield quote


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\u00a0":
        position += 1
    return position


# ---- English interviews -------------------------------------------------------------------------------------------


def _english_interview(context: QuoteContext, paragraphs: list[tuple[int, int]]) -> Iterator[Quote]:
    """A question paragraph, then its answer: only on a page that says it is an interview."""
    lowered = context.masked.casefold()
    if "interview" not in lowered and "интервью" not in lowered and not _Q_AND_A.search(lowered):
        return
    pairs: list[tuple[int, int]] = []
    for question, answer in itertools.pairwise(paragraphs):
        asked = _paragraph_text(context, question).strip()
        replied = _paragraph_text(context, answer).strip()
        if not asked.endswith("?") or len(_WORD.findall(asked)) > 40 or replied.endswith("?"):
            continue
        if replied[:1] in "\"“«‘'—–" or asked[:1] in "\"“«‘'—–":
            continue  # quotations and dashes are read by their own rules
        if len(_WORD.findall(replied)) < 3:
            continue
        pairs.append(answer)
    if len(pairs) < 2:
        return
    interviewee = _interviewee(context)
    for answer in pairs:
        quote = _quote(context, answer[0], answer[1], interviewee, "interview")
        if quote:
            yield quote


def _interviewee(context: QuoteContext) -> Speaker | None:
    """The person the article names most often (by surname): in an interview, the one answering."""
    # people named by name ("Айжан Курмангалиева"), not described ("Мать одного из подзащитных Курмангалиевой")
    people = [
        m for m in context.person_mentions.items if m.kind == "person" and m.name and _is_name(_personal_name(m.name))
    ]
    if not people:
        return None
    counts: Counter[str] = Counter()
    by_surname: dict[str, Speaker] = {}
    for mention in people:
        surname = mention.name.split()[-1] if mention.name else ""
        stem = surname[: max(4, len(surname) - 3)].casefold()
        by_surname.setdefault(stem, mention)
    for word in _WORD.findall(context.masked.casefold()):
        for stem in by_surname:
            if word.startswith(stem):
                counts[stem] += 1
    if not counts:
        return None
    stem, _ = counts.most_common(1)[0]
    mention = by_surname[stem]
    # the name as the article gives it most often; a first mention may be oblique ("из архива Айжан Курмангалиевой")
    forms = Counter(
        _personal_name(m.name or "") for m in people if (m.name or "").split()[-1].casefold().startswith(stem)
    )
    name = forms.most_common(1)[0][0]
    if re.search(r"(?:ой|ого)$", name):
        name = nominative_name(name)  # an unambiguous genitive: Курмангалиевой, Синицкого
    return Speaker(name, mention.id, mention.kind, mention.position, mention.gender)


def _is_name(text: str) -> bool:
    """Two to four capitalised words: a person's name."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words)


def _personal_name(name: str) -> str:
    """ "Адвокат Айжан Курмангалиева" -> "Айжан Курмангалиева": the capitalised words at the end, titles left out."""
    words = name.split()
    kept: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() or word.casefold() in SPEAKER_NOUN_WORDS:
            break
        kept.insert(0, word)
    return " ".join(kept) if len(kept) >= 2 else name
