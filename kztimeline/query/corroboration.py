"""How many independent sources report an event or a statement: the fact-checker's first question about a line.

An event's sources are the articles that cite it; a statement's, the articles that report it. Several sources are
not several *independent* sources when they are one report passed on, so sources are grouped, and each group counts
once:

- articles of **one outlet** (two Reuters stories are Reuters once; outlets compared case aside);
- articles that relay **one original**: a statement reported "as quoted by CNN" by three outlets is CNN's report
  (the ``via`` of its sources);
- **copies of one story**: citations whose excerpts are the same words (at least :data:`COPY_MIN_WORDS` words, and
  :data:`COPY_SIMILARITY` of them in the same order), as when outlets run one agency's copy without naming it.

An article whose outlet is not named is its own source: nothing says it repeats another. The rule sees what the
curated data records (outlets, intermediaries, excerpts); an outlet that reran an agency's story under its own name
with other excerpts counts as independent.

The same function serves the documents ``show`` and the exports print and the ``corroboration`` table ``load`` writes
for SQL and for ``--min-sources``, so the numbers agree wherever they are read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

COPY_MIN_WORDS = 12
COPY_SIMILARITY = 0.9

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Source:
    """One article reporting a record: its id, outlet, the intermediary it credits, the words it is cited for."""

    article_id: str
    outlet: str | None = None
    via: str | None = None  # the id or name of the outlet the article credits ("as quoted by CNN")
    excerpt: str | None = None


@dataclass(frozen=True)
class Corroboration:
    """How many articles report a record and how many of them are independent reports."""

    sources: int
    independent: int

    @property
    def single_source(self) -> bool:
        return self.independent <= 1

    def to_dict(self) -> dict[str, int | bool]:
        return {"sources": self.sources, "independent": self.independent, "single_source": self.single_source}


def describe_counts(counted: dict[str, Any]) -> str:
    """A record's counts as people read them (``show``, ``quotes``, the HTML page): "3 sources, 2 independent"; a
    single source is said so."""
    sources, independent = counted["sources"], counted["independent"]
    if sources <= 1:
        return "single source"
    if independent <= 1:
        return f"{sources} sources, 1 independent: single source"
    return f"{sources} sources, {independent} independent"


def corroborate(sources: Sequence[Source]) -> Corroboration:
    """The number of distinct articles among ``sources`` and of independent groups of them (the module's rule)."""
    articles: dict[str, int] = {}
    for source in sources:
        articles.setdefault(source.article_id, len(articles))
    groups = _Groups(len(articles))
    first_with: dict[str, int] = {}
    for source in sources:
        index = articles[source.article_id]
        for key in _origin_keys(source):
            if key in first_with:
                groups.join(index, first_with[key])
            else:
                first_with[key] = index
    copies = [(articles[s.article_id], words) for s in sources if len(words := _words(s.excerpt)) >= COPY_MIN_WORDS]
    for position, (index, words) in enumerate(copies):
        for other, other_words in copies[position + 1 :]:
            if groups.find(index) != groups.find(other) and _same_words(words, other_words):
                groups.join(index, other)
    return Corroboration(len(articles), groups.count())


# The rows :func:`counted_rows` reads, each record's in a run: (kind, record id, article id, outlet, via, excerpt).
SOURCES_SQL = (
    "SELECT 'event', citations.event_id, citations.article_id, articles.outlet, NULL, citations.excerpt "
    "FROM citations JOIN articles ON articles.id = citations.article_id",
    "SELECT 'statement', statement_sources.statement_id, statement_sources.article_id, articles.outlet, "
    "statement_sources.via_id, NULL FROM statement_sources JOIN articles ON articles.id = statement_sources.article_id",
)
SOURCES_ORDER = " ORDER BY 2, 3"


def counted_rows(rows: Iterable[Sequence[Any]]) -> Iterator[dict[str, object]]:
    """Rows of the ``corroboration`` table from a database's own sources (:data:`SOURCES_SQL`, each query ordered by
    record), one record at a time: for a database filled without ``load`` (an upgrade, a benchmark)."""
    for (kind, record_id), group in itertools.groupby(rows, key=lambda row: (row[0], row[1])):
        found = corroborate([Source(row[2], row[3], row[4], row[5]) for row in group])
        yield {"record_kind": kind, "record_id": record_id, "sources": found.sources, "independent": found.independent}


def _origin_keys(source: Source) -> list[str]:
    keys = []
    if source.outlet and source.outlet.strip():
        keys.append("outlet:" + " ".join(source.outlet.casefold().split()))
    if source.via:
        keys.append("via:" + source.via.casefold())
    return keys


def _words(text: str | None) -> list[str]:
    return _WORD.findall(text.casefold()) if text else []


def _same_words(first: list[str], second: list[str]) -> bool:
    """Two excerpts are copies of one story: nearly all their words, in the same order."""
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) < COPY_MIN_WORDS:
        return False
    matcher = SequenceMatcher(None, shorter, longer, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= COPY_SIMILARITY * len(shorter)


class _Groups:
    """Union-find over the articles of one record."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, first: int, second: int) -> None:
        self.parent[self.find(first)] = self.find(second)

    def count(self) -> int:
        return len({self.find(item) for item in range(len(self.parent))})
