"""Neutral, attributed titles and summaries for drafted events, built from the sentence that reports them.

The curation rules say a title never asserts what only a source says: "Interior ministry says 5,135 people
detained", not "5,135 people detained". So the sentence's own attribution ("…, the ministry said", "according to
state media, …", "Police said that …") becomes the title's subject; a sentence with none is attributed to the
article's outlet ("Reuters reports …", or "One article reports …" when the text names no outlet). What the
curator gets is a sentence to trim, not a paragraph to rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_LIMIT = 120

_SAY = (
    r"(?:said|says|say|reported|reports|announced|announces|stated|states|claimed|claims|told [\w .'-]{1,40}?"
    r"|confirmed|added|noted|wrote|tweeted)"
)
_SAY_RU = r"(?:сообщил[аио]?|заявил[аио]?|сообщает|заявляет|сказал[аио]?|отметил[аио]?|передает|передаёт)"
_WHEN = r"(?:\s+(?:on|late|early|last)\s+\w+(?:\s+(?:morning|afternoon|evening|night))?)?"
# "…, the Interior Ministry said on Sunday." / "…, CNN reported." / "…," said Smith.
_TRAILING = re.compile(rf",?\s+(?P<source>[^,;:“”\"]{{2,70}}?)\s+{_SAY}{_WHEN}\s*[.!]?$", re.IGNORECASE)
_TRAILING_INVERTED = re.compile(rf",?\s+{_SAY}\s+(?P<source>[^,;:“”\"]{{2,70}}?){_WHEN}\s*[.!]?$", re.IGNORECASE)
# "According to state media, …" / "…, according to Reuters."
_ACCORDING_LEAD = re.compile(r"^(?:according to|as per|citing)\s+(?P<source>[^,]{2,70}),\s*(?P<rest>.+)$", re.I)
_ACCORDING_TAIL = re.compile(
    r"^(?P<rest>.+?),?\s+(?:according to|as per|citing)\s+(?P<source>[^,]{2,70}?)\s*[.!]?$", re.I
)
# "The ministry said (on Sunday) (that) …"
_LEADING = re.compile(
    rf"^(?P<source>[A-ZА-ЯЁ][^,;:“”\"]{{1,70}}?)\s+{_SAY}{_WHEN}(?:,\s*|\s+(?:that\s+)?)(?P<rest>.+)$"
)
_ACCORDING_RU = re.compile(
    r"^(?:по (?:словам|данным|сообщению|информации))\s+(?P<source>[^,]{2,70}),\s*(?P<rest>.+)$", re.I
)
_TRAILING_RU = re.compile(rf",?\s+(?:—|-|–)?\s*{_SAY_RU}\s+(?P<source>[^,;:«»]{{2,70}}?)\s*[.!]?$", re.IGNORECASE)
_CONNECTIVES = re.compile(
    r"^(?:meanwhile|furthermore|moreover|however|in addition(?: to this)?|additionally|also|on the other hand|"
    r"similarly|earlier|later|separately|at the same time|тем временем|кроме того|также|между тем|однако)\s*,\s*",
    re.IGNORECASE,
)
# A dateline a page opens its first paragraph with: "ALMATY, Jan 11, 2022 (Reuters) -", "АЛМАТЫ, 11 января. /ТАСС/."
_DATELINE = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40}(?:,\s*[A-Za-zА-Яа-яЁё]+)?(?:,[^()/\n]{0,30})?\s*(?:\([^)]{2,40}\)|/[^/]{2,40}/)\.?"
    r"\s*(?:-{1,2}|–|—)?\s*"
)
# "…, as quoted by CNN": the relay, not the source; dropped from the title (the statement's `via` records it)
_RELAY = re.compile(r",?\s+as (?:quoted|reported|cited) by [^,.;]{2,40}(?=[.!]?$)", re.IGNORECASE)
_SOURCE_NOISE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "он", "она", "они"})


@dataclass(frozen=True)
class Attribution:
    """Who a sentence says reported what it reports, and the sentence without that attribution."""

    source: str | None
    clause: str


def without_dateline(sentence: str) -> str:
    """The sentence without an agency dateline in front of it."""
    return _DATELINE.sub("", sentence, count=1) if _DATELINE.match(sentence) else sentence


def attribution(sentence: str, previous: str | None = None) -> Attribution:
    """Split ``sentence`` into its source (as printed, "the Interior Ministry") and what it says the source said.

    A pronoun ("…, it said", "He said …") stands for ``previous``, the source of the sentence before, when given."""
    text = _RELAY.sub("", _CONNECTIVES.sub("", " ".join(without_dateline(sentence).split())))
    if previous:
        for pattern in (_TRAILING, _TRAILING_INVERTED, _LEADING):
            match = pattern.search(text) if pattern is not _LEADING else pattern.match(text)
            if match and match["source"].strip().casefold() in _PRONOUNS:
                rest = match.groupdict().get("rest")
                return Attribution(previous, (rest if rest is not None else text[: match.start()]).strip())
    for pattern in (_ACCORDING_LEAD, _ACCORDING_TAIL, _ACCORDING_RU):
        if match := pattern.match(text):
            return Attribution(match["source"].strip(), match["rest"].strip())
    for pattern in (_TRAILING, _TRAILING_INVERTED, _TRAILING_RU):
        if (match := pattern.search(text)) and match.start() > 20 and _plausible_source(match["source"]):
            return Attribution(match["source"].strip(), text[: match.start()].strip())
    if (match := _LEADING.match(text)) and _plausible_source(match["source"]):
        return Attribution(match["source"].strip(), match["rest"].strip())
    return Attribution(None, text)


def _plausible_source(source: str) -> bool:
    """A source is a name or a noun phrase, not a pronoun or a clause ("he", "protesters who were hurt", "dozens of
    demonstrators have been" before a passive "reported", "the flare-up comes after police")."""
    words = source.casefold().split()
    return bool(words) and words[0] not in _PRONOUNS and len(words) <= 8 and not _CLAUSE_WORDS.intersection(words)


_CLAUSE_WORDS = frozenset(
    "who which that after before when while as because if been being was were is are has have had be comes came "
    "will would could can may might also not".split()
)


def neutral_title(
    sentence: str,
    outlet: str | None,
    article_text: str,
    language: str = "en",
    names: frozenset[str] = frozenset(),
    previous: str | None = None,
) -> str:
    """A title for the event ``sentence`` reports, attributed to its source or to the article's outlet; ``names`` are
    words of names the article was found to use (they keep their capital), ``previous`` the source of the sentence
    before (for "…, it said")."""
    found = attribution(sentence, previous)
    clause = _as_clause(found.clause.rstrip(" .!;:"), article_text, names)
    if found.source:
        source = _capitalised(_SOURCE_NOISE.sub("", found.source) if _is_generic(found.source) else found.source)
        title = f"{source}: {clause}" if language == "ru" else f"{source} says {clause}"
    elif language == "ru":
        title = f"{outlet or 'Статья'}: {clause}"
    else:
        title = f"{outlet or 'One article'} reports {clause}"
    return shorten(title, TITLE_LIMIT)


def draft_summary(sentence: str, outlet: str | None, language: str = "en") -> str:
    """The sentence itself, quoted and credited: a faithful summary for the curator to condense."""
    text = " ".join(sentence.split())
    if language == "ru":
        return f"{outlet or 'Статья'}: «{text}»"
    return f"{outlet or 'One article'} reports: “{text}”"


def _is_generic(source: str) -> bool:
    """ "the Interior Ministry" reads better as "Interior Ministry says"; "the president" keeps no article either."""
    return bool(_SOURCE_NOISE.match(source))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _as_clause(clause: str, article_text: str, names: frozenset[str] = frozenset()) -> str:
    """The clause to follow "X says": its first word in lower case unless it is a name (one the parser recognised,
    or a word the article capitalises inside its sentences, never in lower case), and "that" dropped."""
    clause = re.sub(r"^that\s+", "", clause, flags=re.IGNORECASE)
    first = re.match(r"[\w’'-]+", clause)
    if first is None:
        return clause
    word = first.group()
    bare = re.sub(r"['’]s$", "", word)
    followed_by_name = re.match(r"[\w’'-]+\.?\s+[A-ZА-ЯЁ]", clause) is not None  # "Mr Tokayev", "President Putin"
    if (word.isupper() and len(word) > 1) or bare in names or followed_by_name:
        return clause  # an acronym, a name or a title before a name
    lowered = word[:1].lower() + word[1:]
    ordinary = lowered in _FUNCTION_WORDS or re.search(rf"\b{re.escape(lowered)}\b", article_text)
    capitalised_inside = re.search(rf"[\w,;:] {re.escape(word)}\b", article_text)
    if ordinary or not capitalised_inside:
        return lowered + clause[len(word) :]
    return clause


_FUNCTION_WORDS = frozenset("the a an at in on more some several many about over up to nearly almost".split())


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
