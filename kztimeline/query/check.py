"""What a fact-checker should look at in the whole dataset: ``kztimeline check``.

Each check is one small function over the database that yields :class:`Finding` records; :func:`run_checks` runs
them all, timing each, and the command renders the result once (a Rich report, or JSON). Checking reports, it never
refuses: the command exits 0 whatever it finds, so it can run in a curator's CI.

The checks:

- ``single_source``: events only one independent source reports (the ``corroboration`` table ``load`` writes);
- ``conflicting_figures``: groups of figures on one metric and scope that disagree
  (:mod:`kztimeline.query.figure_conflicts`);
- ``divergent_quotations``: quotations the articles give in other words, or attribute to someone else
  (:mod:`kztimeline.query.wordings`), found through shared word triples so that a large dataset is not compared
  pair by pair;
- ``date_disagreement``: events a citation dates otherwise: every day the excerpt names (resolved against its
  article's publication; not a bound of a period, "until January 19", "since January 2") falls outside the event's
  dates, widened by a day for an approximate date;
- ``unreferenced``: actors and places no event, statement or figure refers to (a place containing one that is
  referred to counts as referred to).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kztimeline.db.reader import Reader
from kztimeline.parse.dates import find_dates
from kztimeline.query.figure_conflicts import find_figure_conflicts
from kztimeline.query.wordings import MISATTRIBUTION_MIN_WORDS, relation_between, words_of

CHECKS = ("single_source", "conflicting_figures", "divergent_quotations", "date_disagreement", "unreferenced")

# Words that can make an excerpt name a day; an excerpt without any is not parsed for dates.
_DATE_WORDS = re.compile(
    r"\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight|week|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|вчера|сегодня|накануне|январ|феврал|март|апрел|"
    r"ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр",
    re.IGNORECASE,
)


# A day after these bounds a period ("a state of emergency until January 19", "since January 2"), not its date.
_BOUNDS = r"(?:until|till|through|since|from|до|по|с|со)"
_BOUND_BEFORE = re.compile(rf"\b{_BOUNDS}\s+$", re.IGNORECASE)
_BOUND_OPENS = re.compile(rf"{_BOUNDS}\s", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One thing to look at: which check found it, the record, a sentence for people and the data behind it."""

    check: str
    record_kind: str
    record_id: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "record_kind": self.record_kind,
            "record_id": self.record_id,
            "message": self.message,
            "details": self.details,
        }


@dataclass
class CheckReport:
    """Every finding, by check, and how long each check took."""

    findings: dict[str, list[Finding]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "counts": {check: len(found) for check, found in self.findings.items()},
            "seconds": {check: round(taken, 3) for check, taken in self.seconds.items()},
            "findings": {check: [f.to_dict() for f in found] for check, found in self.findings.items()},
        }


def run_checks(reader: Reader, only: tuple[str, ...] = CHECKS) -> CheckReport:
    """Run the checks named in ``only`` (all by default), in the order of :data:`CHECKS`."""
    runners: dict[str, Callable[[Reader], Iterator[Finding]]] = {
        "single_source": single_source_events,
        "conflicting_figures": conflicting_figures,
        "divergent_quotations": divergent_quotations,
        "date_disagreement": date_disagreements,
        "unreferenced": unreferenced_entities,
    }
    report = CheckReport()
    for check in CHECKS:
        if check not in only:
            continue
        started = time.perf_counter()
        report.findings[check] = list(runners[check](reader))
        report.seconds[check] = time.perf_counter() - started
    return report


def single_source_events(reader: Reader) -> Iterator[Finding]:
    """Events one independent source reports."""
    for row in reader.iterate(
        """SELECT events.id, events.date_start, events.title, corroboration.sources
           FROM corroboration JOIN events ON events.id = corroboration.record_id
           WHERE corroboration.record_kind = 'event' AND corroboration.independent <= 1
           ORDER BY events.date_start, events.id"""
    ):
        articles = "one article" if row["sources"] == 1 else f"{row['sources']} articles, one independent report"
        yield Finding(
            "single_source",
            "event",
            row["id"],
            f"{row['date_start']} {row['title']}: {articles}",
            {"date": str(row["date_start"]), "title": row["title"], "sources": row["sources"]},
        )


def conflicting_figures(reader: Reader) -> Iterator[Finding]:
    """Groups of figures that disagree, one finding per group (named by its first figure)."""
    for group in find_figure_conflicts(reader):
        document = group.as_document()
        first = group.figures[0]
        stated = "; ".join(f"{figure['stated']} as of {figure['date']}" for figure in group.figures)
        where = f" in {group.place}" if group.place else ""
        yield Finding(
            "conflicting_figures",
            "figure",
            str(first["id"]),
            f"{group.scope.metric}{where}: {stated}",
            document,
        )


def divergent_quotations(reader: Reader) -> Iterator[Finding]:
    """Pairs of statements that are other wordings of one utterance, or the same words by two speakers."""
    statements = [
        {
            "id": row["id"],
            "speaker_id": row["speaker_id"],
            "event_id": row["event_id"],
            "date": str(row["date_start"]),
            "text": row["text"],
            "words": words_of(row["text"]),
        }
        for row in reader.iterate(
            "SELECT id, speaker_id, event_id, date_start, text FROM statements ORDER BY date_start, id"
        )
    ]
    seen: set[tuple[str, str]] = set()
    for first, second in _candidate_pairs(statements):
        pair = (first["id"], second["id"])
        if pair in seen:
            continue
        seen.add(pair)
        other_speaker = first["speaker_id"] != second["speaker_id"]
        relation = relation_between(first["words"], second["words"])
        if relation is None or (relation != "other wording" and not other_speaker):
            continue  # a fragment of the speaker's own words is no divergence
        if other_speaker and min(len(first["words"]), len(second["words"])) < MISATTRIBUTION_MIN_WORDS:
            continue
        what = "attributed to another speaker" if other_speaker else "reported in other words"
        yield Finding(
            "divergent_quotations",
            "statement",
            first["id"],
            f"{first['id']} and {second['id']}: {what} ({relation})",
            {"other": second["id"], "relation": relation, "other_speaker": other_speaker},
        )


def _candidate_pairs(statements: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Statements that may be wordings of one another: same speaker on the same event (or day), or any speakers on
    the same day sharing three words in a row."""
    by_utterance: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_triple: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for statement in statements:
        by_utterance[(statement["speaker_id"], statement["event_id"] or statement["date"])].append(statement)
        words = statement["words"]
        for triple in {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 0))}:
            by_triple[(statement["date"], triple)].append(statement)
    for group in by_utterance.values():
        yield from itertools.combinations(group, 2)
    for group in by_triple.values():
        for first, second in itertools.combinations(group, 2):
            if first["speaker_id"] != second["speaker_id"]:
                yield first, second


def date_disagreements(reader: Reader) -> Iterator[Finding]:
    """Citations whose excerpt names only days outside the event's dates."""
    for row in reader.iterate(
        """SELECT events.id, events.date_start, events.date_end, events.date_latest, events.date_precision,
                  citations.article_id, citations.excerpt, articles.published_date
           FROM citations JOIN events ON events.id = citations.event_id
           JOIN articles ON articles.id = citations.article_id
           ORDER BY events.date_start, events.id, citations.position"""
    ):
        excerpt = row["excerpt"] or ""
        if not _DATE_WORDS.search(excerpt):
            continue
        published = _day(row["published_date"])
        days = [
            mention
            for mention in find_dates(excerpt, published, [(0, len(excerpt))], [])
            if mention.date is not None
            and mention.precision == "day"
            and not _BOUND_BEFORE.search(excerpt[max(mention.start - 12, 0) : mention.start])
            and not _BOUND_OPENS.match(mention.text)
        ]
        if not days:
            continue
        first, last = _event_span(row)
        if any(mention.date is not None and first <= mention.date <= last for mention in days):
            continue
        named = ", ".join(f"{mention.text!r} = {mention.date.isoformat()}" for mention in days if mention.date)
        span = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
        yield Finding(
            "date_disagreement",
            "event",
            row["id"],
            f"{row['id']} ({span}): article {row['article_id']} dates it {named}",
            {"article_id": row["article_id"], "event_dates": [first.isoformat(), last.isoformat()], "excerpt": excerpt},
        )


def _event_span(row: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """The days an event may fall on, widened by a day either side for an approximate date."""
    first = _day(row["date_start"]) or dt.date.min
    last = _day(row["date_end"]) or _day(row["date_latest"]) or first
    if row["date_precision"] == "approximate":
        return first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    return first, last


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def unreferenced_entities(reader: Reader) -> Iterator[Finding]:
    """Actors and places nothing refers to."""
    for row in reader.iterate(
        """SELECT id, name FROM actors WHERE
             id NOT IN (SELECT actor_id FROM event_actors)
             AND id NOT IN (SELECT speaker_id FROM statements)
             AND id NOT IN (SELECT via_id FROM statement_sources WHERE via_id IS NOT NULL)
             AND id NOT IN (SELECT stated_by_id FROM figures WHERE stated_by_id IS NOT NULL)
             AND id NOT IN (SELECT via_id FROM figures WHERE via_id IS NOT NULL)
           ORDER BY id"""
    ):
        yield Finding("unreferenced", "actor", row["id"], f"actor {row['name']} ({row['id']}): nothing refers to it")
    referred = {
        row[0]
        for query in (
            "SELECT place_id FROM event_places",
            "SELECT place_id FROM statements WHERE place_id IS NOT NULL",
            "SELECT place_id FROM figures WHERE place_id IS NOT NULL",
        )
        for row in reader.tuples(query)
    }
    parents = {row[0]: row[1] for row in reader.tuples("SELECT id, parent_id FROM places")}
    contained = set()
    for place_id in referred:
        parent = parents.get(place_id)
        while parent is not None and parent not in contained:
            contained.add(parent)
            parent = parents.get(parent)
    for row in reader.iterate("SELECT id, name FROM places ORDER BY id"):
        if row["id"] not in referred and row["id"] not in contained:
            yield Finding(
                "unreferenced", "place", row["id"], f"place {row['name']} ({row['id']}): nothing refers to it"
            )
