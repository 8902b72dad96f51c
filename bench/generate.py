"""Synthetic kztimeline datasets for benchmarks: 10k, 100k or 1M events, as seeds YAML and/or straight into SQLite.

Usage:
    python bench/generate.py --events 100000 --seeds /tmp/bench-100k-seeds      # a seeds directory (YAML + texts)
    python bench/generate.py --events 1000000 --db /tmp/bench-1m.sqlite         # a loaded database, no YAML

The dataset is proportional to the number of events, with the skew of real conflict data: a few actors and places
take part in most events (a Zipf distribution), and dates spread over 2000-2025. Actor 1 is "Kassym-Jomart
Tokayev" (alias "Tokayev"), the busiest, so `kztimeline show --actor Tokayev` works at every size. Every excerpt is
verbatim in its article text, so the seeds validate; the same seed (``--seed``) gives the same dataset.

Per event: 1-3 actors, 1-2 places, 0-2 tags, one citation, and a summary of 8-30 words drawn (Zipf again, as word
frequencies in text are) from the vocabulary of the curated articles, so full-text search meets both rare and very
common words; quotations get 4-20 such words. Per 4 events one quotation, per 20 events one figure,
per 20 events one article; actors are events/100 (at least 30), places events/500 (at least 20).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import hashlib
import itertools
import random
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztimeline.curation.text import casefold_key  # noqa: E402
from kztimeline.db.search import refill_statements  # noqa: E402
from kztimeline.query.corroboration import SOURCES_ORDER, SOURCES_SQL, counted_rows  # noqa: E402
from kztimeline.taxonomy import EVENT_TYPES  # noqa: E402

START = dt.date(2000, 1, 1)
DAYS = (dt.date(2025, 12, 31) - START).days
TYPES = sorted(EVENT_TYPES)
TAGS = ["fuel-prices", "internet-shutdown", "curfew", "shoot-to-kill", "detentions", "csto", "state-of-emergency"]
VERBS = ["addresses", "meets", "visits", "announces measures in", "reports on", "comments on"]
METRICS = ["killed", "injured", "detained", "troops_deployed", "criminal_cases"]


def _sorted_days(count: int, seed: int) -> list[int]:
    """Random days (offsets from START) in ascending order: ids follow dates, as `load` stores records in timeline
    order (kztimeline.db.load.in_timeline_order), so the generated database is laid out as a loaded one would be."""
    rng = random.Random(seed)
    return sorted(rng.randrange(DAYS) for _ in range(count))


def zipf_weights(n: int, s: float) -> list[float]:
    """Cumulative weights of ranks 0..n-1, rank k weighing 1/(k+1)^s."""
    return list(itertools.accumulate(1 / (k + 1) ** s for k in range(n)))


class Zipf:
    """Draws 0..n-1, rank k with weight 1/(k+1)^s: the first few are drawn most of the time."""

    def __init__(self, cumulative: list[float], rng: random.Random) -> None:
        self.cumulative = cumulative  # from zipf_weights(): shared, since it is costly for a long vocabulary
        self.rng = rng

    def draw(self) -> int:
        return bisect.bisect_left(self.cumulative, self.rng.random() * self.cumulative[-1])

    def sample(self, count: int) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < count:
            value = self.draw()
            if value not in chosen:
                chosen.append(value)
        return chosen


def vocabulary() -> list[str]:
    """The words of the curated articles, most frequent first: real words with a real spread of frequencies."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "seeds" / "articles").glob("*.txt")):
        for word in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8").lower()):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda word: (-counts[word], word))


class Dataset:
    """The records of one synthetic dataset, generated lazily in a fixed order from one seed."""

    def __init__(self, events: int, seed: int) -> None:
        self.events = events
        self.seed = seed
        self.actor_count = max(30, events // 100)
        self.place_count = max(20, events // 500)
        self.article_count = max(1, events // 20)
        self.vocabulary = vocabulary()
        self.word_weights = zipf_weights(len(self.vocabulary), 1.0)

    def actor_name(self, index: int) -> str:
        return "Kassym-Jomart Tokayev" if index == 0 else f"Actor {index + 1:06d}"

    def actors(self) -> Iterator[dict[str, Any]]:
        kinds = ["person", "government_body", "security_force", "group", "media", "organisation"]
        for index in range(self.actor_count):
            yield {
                "id": f"a{index + 1:06d}",
                "name": self.actor_name(index),
                "kind": "person" if index == 0 else kinds[index % len(kinds)],
                "description": "President of Kazakhstan (synthetic)" if index == 0 else None,
                "aliases": ["Tokayev", "President Tokayev"] if index == 0 else [f"A{index + 1}"],
            }

    def places(self) -> Iterator[dict[str, Any]]:
        countries = max(2, self.place_count // 100)
        for index in range(self.place_count):
            country = index < countries
            yield {
                "id": f"p{index + 1:05d}",
                "name": f"{'Country' if country else 'City'} {index + 1:05d}",
                "kind": "country" if country else "city",
                "parent": None if country else f"p{index % countries + 1:05d}",
                "latitude": None if country else round(40 + (index % 100) / 10, 5),
                "longitude": None if country else round(50 + (index % 300) / 10, 5),
                "coordinates_source": None if country else "synthetic",
                "aliases": [],
            }

    @functools.cached_property
    def event_days(self) -> list[int]:
        """The events' days (from START), in order: articles, quotations and figures are dated by them."""
        return _sorted_days(self.events, self.seed + 5)

    def _event_draws(self) -> Iterator[tuple[int, dict[str, Any]]]:
        rng = random.Random(self.seed)
        actor_zipf = Zipf(zipf_weights(self.actor_count, 1.1), rng)
        place_zipf = Zipf(zipf_weights(self.place_count, 1.0), rng)
        days = self.event_days
        for index in range(self.events):
            day = START + dt.timedelta(days=days[index])
            actors = actor_zipf.sample(rng.choice((1, 1, 2, 2, 3)))
            places = place_zipf.sample(rng.choice((1, 1, 2)))
            tags = rng.sample(TAGS, rng.choice((0, 1, 1, 2)))
            yield (
                index,
                {
                    "day": day,
                    "actors": actors,
                    "places": places,
                    "tags": tags,
                    "type": TYPES[rng.randrange(len(TYPES))],
                    "verb": VERBS[rng.randrange(len(VERBS))],
                    "range": rng.random() < 0.05,
                },
            )

    def words(self, rng: random.Random, low: int, high: int) -> str:
        """A run of ``low``-``high`` words, common words drawn most often."""
        zipf = Zipf(self.word_weights, rng)
        return " ".join(self.vocabulary[zipf.draw()] for _ in range(rng.randint(low, high)))

    def events_records(self) -> Iterator[dict[str, Any]]:
        summaries = random.Random(self.seed + 3)  # its own stream: the other draws stay as they were
        for index, draw in self._event_draws():
            event_id = f"e{index + 1:07d}"
            title = f"{self.actor_name(draw['actors'][0])} {draw['verb']} City {draw['places'][-1] + 1:05d}"
            record: dict[str, Any] = {
                "id": event_id,
                "date": draw["day"].isoformat(),
                "title": title,
                "summary": self.words(summaries, 8, 30).capitalize() + ".",
                "type": draw["type"],
                "tags": draw["tags"],
                "places": [f"p{p + 1:05d}" for p in draw["places"]],
                "actors": [
                    {"actor": f"a{a + 1:06d}", "role": "actor" if n == 0 else "mentioned"}
                    for n, a in enumerate(draw["actors"])
                ],
                "citations": [{"article": self.article_of(index), "excerpt": self.excerpt(event_id, title)}],
            }
            if draw["range"]:
                record["date_end"] = (draw["day"] + dt.timedelta(days=2)).isoformat()
            yield record

    def article_of(self, event_index: int) -> str:
        return f"r{event_index // 20 + 1:06d}"

    @staticmethod
    def excerpt(event_id: str, title: str) -> str:
        return f"Report {event_id}: {title}."

    def statements(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(self.seed + 1)
        actor_zipf = Zipf(zipf_weights(self.actor_count, 1.1), rng)
        texts = random.Random(self.seed + 4)
        days = self.event_days
        for index in range(self.events // 4):
            event_index = index * 4
            speaker = actor_zipf.draw()
            statement_id = f"s{index + 1:07d}"
            yield {
                "id": statement_id,
                "speaker": f"a{speaker + 1:06d}",
                "text": f"Statement {statement_id}: {self.words(texts, 4, 20)}.",
                "date": (START + dt.timedelta(days=days[event_index])).isoformat(),  # said on its event's day
                "event": f"e{event_index + 1:07d}",
                "sources": [{"article": self.article_of(event_index)}],
            }

    def figures(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(self.seed + 2)
        days = self.event_days
        for index in range(self.events // 20):
            event_index = index * 20
            figure_id = f"f{index + 1:07d}"
            value = rng.randrange(1, 5000)
            yield {
                "id": figure_id,
                "metric": METRICS[index % len(METRICS)],
                "stated": f"at least {value}",
                "value": value,
                "qualifier": "at least",
                "date": (START + dt.timedelta(days=days[event_index])).isoformat(),  # as of its article's first event
                "stated_by": f"a{rng.randrange(self.actor_count) + 1:06d}",
                "article": self.article_of(event_index),
                "excerpt": f"Figure {figure_id}: at least {value}.",
            }

    def article_texts(self) -> Iterator[tuple[str, str]]:
        """Each article's text: the excerpts of its events, quotations and figures, one per line."""
        lines: dict[str, list[str]] = {}
        for event in self.events_records():
            lines.setdefault(event["citations"][0]["article"], []).append(event["citations"][0]["excerpt"])
        for statement in self.statements():
            lines[statement["sources"][0]["article"]].append(statement["text"])
        for figure in self.figures():
            lines[figure["article"]].append(figure["excerpt"])
        for article_id in sorted(lines):
            yield article_id, "Synthetic benchmark article.\n\n" + "\n".join(lines[article_id]) + "\n"

    def articles(self) -> Iterator[dict[str, Any]]:
        # an article is published on the day of the last event it reports: validate refuses an event dated after
        # every article that reports it
        days = self.event_days
        for index in range(self.article_count):
            article_id = f"r{index + 1:06d}"
            day = START + dt.timedelta(days=days[min(20 * (index + 1), self.events) - 1])
            yield {
                "id": article_id,
                "file": f"articles/{article_id}.txt",
                "title": f"Synthetic article {index + 1}",
                "outlet": f"Outlet {index % 40 + 1}",
                "published": day.isoformat(),
                "language": "en",
            }


# ---- output ----------------------------------------------------------------------------------------------------


def write_seeds(data: Dataset, target: Path) -> None:
    """A seeds directory: articles/*.txt and one YAML file per section (libyaml's emitter)."""
    (target / "articles").mkdir(parents=True, exist_ok=True)
    for article_id, text in data.article_texts():
        (target / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    sections = {
        "articles": data.articles,
        "actors": data.actors,
        "places": data.places,
        "events": data.events_records,
        "statements": data.statements,
        "figures": data.figures,
    }
    for section, records in sections.items():
        with (target / f"{section}.yaml").open("w", encoding="utf-8") as stream:
            yaml.dump({section: list(records())}, stream, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)


def write_database(data: Dataset, path: Path) -> None:
    """A database at the schema head (created by `kztimeline db upgrade`), filled with bulk inserts."""
    if path.exists():
        path.unlink()
    subprocess.run(
        [sys.executable, "-m", "kztimeline", "--db", str(path), "db", "upgrade"], check=True, capture_output=True
    )
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    texts = dict(data.article_texts())
    insert = _inserter(connection)
    insert(
        "articles",
        (
            {
                "id": a["id"], "title": a["title"], "outlet": a["outlet"], "author": None, "url": None,
                "published": a["published"], "published_date": a["published"], "published_inferred": 0,
                "date_note": None, "language": "en", "source_file": a["file"],
                "text_sha256": hashlib.sha256(texts[a["id"]].encode()).hexdigest(), "text": texts[a["id"]],
            }
            for a in data.articles()
        ),
    )  # fmt: skip
    actors = list(data.actors())
    insert(
        "actors",
        (
            {"id": a["id"], "name": a["name"], "name_key": casefold_key(a["name"]), "kind": a["kind"],
             "description": a["description"]}
            for a in actors
        ),
    )  # fmt: skip
    insert(
        "actor_aliases",
        (
            {"actor_id": a["id"], "position": i, "alias": alias, "alias_key": casefold_key(alias)}
            for a in actors
            for i, alias in enumerate(a["aliases"])
        ),
    )
    insert(
        "places",
        (
            {"id": p["id"], "name": p["name"], "name_key": casefold_key(p["name"]), "kind": p["kind"],
             "parent_id": p["parent"], "latitude": p["latitude"], "longitude": p["longitude"], "geonames_id": None,
             "coordinates_source": p["coordinates_source"]}
            for p in data.places()
        ),
    )  # fmt: skip
    for section, rows in _event_rows(data):
        insert(section, rows)
    insert(
        "statements",
        (
            {"id": s["id"], "speaker_id": s["speaker"], "text": s["text"], "partial": 0, "venue": None,
             "place_id": None, "event_id": s["event"], **_dates(s)}
            for s in data.statements()
        ),
    )  # fmt: skip
    insert(
        "statement_sources",
        (
            {"statement_id": s["id"], "position": 0, "article_id": s["sources"][0]["article"], "via_id": None,
             "excerpt": s["text"]}
            for s in data.statements()
        ),
    )  # fmt: skip
    insert(
        "figures",
        (
            {"id": f["id"], "metric": f["metric"], "label": None, "stated": f["stated"], "value": f["value"],
             "low": None, "high": None, "qualifier": f["qualifier"], "scope": None, "place_id": None,
             "stated_by_id": f["stated_by"], "via_id": None, "article_id": f["article"], "excerpt": f["excerpt"],
             "status": "current", "superseded_by_id": None, "note": None, **_dates(f)}
            for f in data.figures()
        ),
    )  # fmt: skip
    for statement in refill_statements("sqlite"):  # the full-text index, as `load` fills it
        connection.execute(statement)
    for query in SOURCES_SQL:  # the corroboration counts, as `load` writes them
        insert("corroboration", counted_rows(connection.cursor().execute(query + SOURCES_ORDER)))
    connection.executemany(
        "INSERT INTO dataset_info (key, value) VALUES (?, ?)",
        [("seeds_digest", f"synthetic-{data.events}-{data.seed}"), ("seeds_source", "bench/generate.py")],
    )
    connection.execute(
        "INSERT INTO dataset_info (key, value) SELECT 'longest_event_days', "
        "CAST(COALESCE(MAX(julianday(date_end) - julianday(date_start)), 0) AS INTEGER) FROM events"
    )
    connection.commit()
    connection.execute("ANALYZE")
    connection.commit()
    connection.close()


def _dates(record: dict[str, Any]) -> dict[str, Any]:
    end = record.get("date_end")
    return {
        "date_start": record["date"],
        "date_end": end,
        "date_precision": "range" if end else "day",
        "time": None,
        "timezone": "Asia/Almaty",
        "date_note": None,
    }


def _event_rows(data: Dataset) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    events = list(data.events_records()) if data.events <= 200_000 else None

    def records() -> Iterator[dict[str, Any]]:
        return iter(events) if events is not None else data.events_records()

    yield (
        "events",
        (
            {"id": e["id"], "title": e["title"], "summary": e["summary"], "type": e["type"], **_dates(e)}
            for e in records()
        ),
    )
    yield (
        "event_tags",
        ({"event_id": e["id"], "tag": t, "position": i} for e in records() for i, t in enumerate(e["tags"])),
    )
    yield (
        "event_places",
        ({"event_id": e["id"], "place_id": p, "position": i} for e in records() for i, p in enumerate(e["places"])),
    )
    yield (
        "event_actors",
        (
            {"event_id": e["id"], "actor_id": a["actor"], "role": a["role"], "position": i}
            for e in records()
            for i, a in enumerate(e["actors"])
        ),
    )
    yield (
        "citations",
        (
            {"event_id": e["id"], "position": 0, "article_id": c["article"], "excerpt": c["excerpt"]}
            for e in records()
            for c in e["citations"]
        ),
    )


def _inserter(connection: sqlite3.Connection) -> Any:
    def insert(table: str, rows: Iterator[dict[str, Any]]) -> None:
        batch: list[dict[str, Any]] = []
        statement = None
        for row in rows:
            if statement is None:
                columns = list(row)
                statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
            batch.append(row)
            if len(batch) == 50_000:
                connection.executemany(statement, batch)
                batch = []
        if batch and statement:
            connection.executemany(statement, batch)

    return insert


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True, help="number of events (e.g. 10000, 100000, 1000000)")
    parser.add_argument("--seeds", type=Path, help="write a seeds directory here")
    parser.add_argument("--db", type=Path, help="write a SQLite database here (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=2022, help="random seed (default 2022)")
    options = parser.parse_args()
    if not options.seeds and not options.db:
        parser.error("give --seeds DIR and/or --db FILE")
    data = Dataset(options.events, options.seed)
    if options.seeds:
        write_seeds(data, options.seeds)
    if options.db:
        write_database(data, options.db)


if __name__ == "__main__":
    main()
