"""Did the person really say those words? A statement beside the other wordings the articles give of it.

Articles report one utterance in several ways: the full quotation, a fragment of it ("kill without warning" inside
the whole order), another translation or transcription of it, and sometimes the same words put in someone else's
mouth. The timeline keeps each reported wording as its own statement (with the article that gives it), so the
comparison is made here, at reading time, between one statement and the others:

- candidates are the statements of the **same speaker** on the same **event** (or, for a statement that belongs to
  no event, on the same day), and the statements of **other speakers** on the same day;
- a statement whose words are all in this one, in order, is a **fragment** of it; one that holds all of this one's
  words is **a longer wording** of which this is a fragment;
- a statement of the same speaker whose words agree with this one's on at least :data:`VARIANT_SIMILARITY` (word
  sequences compared with difflib, case and punctuation aside) is **another wording**, with the words that differ
  marked on both sides;
- a statement of another speaker that is a fragment, a longer wording or another wording of this one is flagged as
  **attributed to someone else**: one outlet's speaker or the other's is wrong, or both quote a third;
- the speaker's other statements on the same event are listed as **on the same event** ("shoot to kill" beside the
  full order that another article quotes), without a comparison of words.

Two different sentences of one speech are neither fragments nor wordings of each other, so they are not grouped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from kztimeline.db.reader import Reader
from kztimeline.errors import UnknownNameError, did_you_mean
from kztimeline.query.timeline import fetch_statements

VARIANT_SIMILARITY = 0.6
# a fragment of another speaker's words must be this long to say the same thing ("terrorists" is anyone's word)
MISATTRIBUTION_MIN_WORDS = 3

_WORD = re.compile(r"[\w’'-]+")

RELATIONS = ("fragment", "longer wording", "other wording", "same event")


@dataclass
class Wording:
    """Another statement compared with the one asked for: how it relates, and its words with the differing ones
    marked (``(word, differs)`` pairs, in its own order)."""

    statement: dict[str, Any]
    relation: str  # one of RELATIONS
    other_speaker: bool
    words: list[tuple[str, bool]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "attributed_to_someone_else": self.other_speaker,
            "statement": self.statement,
            "marked_words": [{"word": word, "differs": differs} for word, differs in self.words],
        }


@dataclass
class Wordings:
    """A statement, its own words marked against the closest other wording, and every related statement."""

    statement: dict[str, Any]
    related: list[Wording]
    words: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        """Whether the articles give this utterance in words that differ, or put it in someone else's mouth."""
        return any(w.relation == "other wording" or w.other_speaker for w in self.related)

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "marked_words": [{"word": word, "differs": differs} for word, differs in self.words],
            "wordings_differ": self.differs,
            "related": [wording.to_dict() for wording in self.related],
        }


def statement_wordings(reader: Reader, statement_id: str) -> Wordings:
    """The statement ``statement_id`` and the statements related to it by the module's rule."""
    found = fetch_statements(reader, "statements.id = :id", {"id": statement_id})
    if not found:
        raise UnknownNameError(
            "statement", statement_id, did_you_mean(statement_id, reader.scalars("SELECT id FROM statements"))
        )
    statement = found[0]
    return compare(statement, _candidates(reader, statement))


def statements_with_variants(reader: Reader, statements: Sequence[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The statements of ``statements`` whose reported wordings differ (``quotes --variants``)."""
    for statement in statements:
        if compare(statement, _candidates(reader, statement)).differs:
            yield statement


def compare(statement: dict[str, Any], candidates: Sequence[dict[str, Any]]) -> Wordings:
    """Relate each candidate to ``statement``; pure, so the rule is tested without a database."""
    own = words_of(statement["text"])
    related: list[Wording] = []
    closest: tuple[float, list[tuple[str, bool]]] | None = None
    for other in candidates:
        if other["id"] == statement["id"]:
            continue
        words = words_of(other["text"])
        other_speaker = other["speaker_id"] != statement["speaker_id"]
        relation = relation_between(own, words)
        if (
            relation is None
            and not other_speaker
            and statement["event_id"]
            and other["event_id"] == statement["event_id"]
        ):
            relation = "same event"  # other words of the speaker on the same event: shown, not compared
        if relation is None:
            continue
        if other_speaker and relation != "other wording" and min(len(own), len(words)) < MISATTRIBUTION_MIN_WORDS:
            continue
        marked_other: list[tuple[str, bool]] = [(word, False) for word in _printed(other["text"])]
        if relation == "other wording":
            mine, marked_other = _marked(statement["text"], other["text"])
            ratio = _ratio(own, words)
            if closest is None or ratio > closest[0]:
                closest = (ratio, mine)
        related.append(Wording(other, relation, other_speaker, marked_other))
    related.sort(
        key=lambda w: (w.other_speaker, RELATIONS.index(w.relation), w.statement["date"] or "", w.statement["id"])
    )
    own_marked = closest[1] if closest else [(word, False) for word in _printed(statement["text"])]
    return Wordings(statement, related, own_marked)


def _candidates(reader: Reader, statement: dict[str, Any]) -> list[dict[str, Any]]:
    """Statements of the same speaker on the same event (or day), and of other speakers on the same day."""
    params = {"speaker": statement["speaker_id"], "date": statement["date"], "event": statement["event_id"]}
    same_speaker = (
        "statements.speaker_id = :speaker AND statements.event_id = :event"
        if statement["event_id"]
        else "statements.speaker_id = :speaker AND statements.date_start = :date"
    )
    others = "statements.speaker_id <> :speaker AND statements.date_start = :date"
    return fetch_statements(reader, f"(({same_speaker}) OR ({others}))", params)


def relation_between(own: list[str], other: list[str]) -> str | None:
    """How ``other``'s words relate to ``own``: fragment, longer wording, other wording, or nothing."""
    if not own or not other:
        return None
    if len(other) <= len(own) and _contains(own, other):
        return "fragment"
    if len(other) > len(own) and _contains(other, own):
        return "longer wording"
    if _ratio(own, other) >= VARIANT_SIMILARITY:
        return "other wording"
    return None


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[start : start + size] == shorter for start in range(len(longer) - size + 1))


def _ratio(first: list[str], second: list[str]) -> float:
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


def words_of(text: str) -> list[str]:
    """The words a comparison reads: casefolded, without punctuation."""
    return [word.casefold().strip("’'-") for word in _WORD.findall(text)]


def _printed(text: str) -> list[str]:
    return text.split()


def _marked(first: str, second: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts as printed words, each marked when the other text does not have it there."""
    left, right = _printed(first), _printed(second)
    left_keys = [_key(word) for word in left]
    right_keys = [_key(word) for word in right]
    left_marked = [(word, True) for word in left]
    right_marked = [(word, True) for word in right]
    for block in SequenceMatcher(None, left_keys, right_keys, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            left_marked[block.a + offset] = (left[block.a + offset], False)
            right_marked[block.b + offset] = (right[block.b + offset], False)
    return left_marked, right_marked


def _key(word: str) -> str:
    return "".join(_WORD.findall(word.casefold()))
