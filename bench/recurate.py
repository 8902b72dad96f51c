"""Re-curate the seed articles leaving one out at a time: how much of a curator's work `import` does (issue 11, item 8).

Usage:
    python bench/recurate.py                        # every curated article, both --published variants, a table
    python bench/recurate.py --json > results.json  # the same as JSON (per article, the totals, the targets)
    python bench/recurate.py --article kazakh-mission-note-to-un --variant hint --keep --work /tmp/recurate

For each article of the seeds (``seeds/articles.yaml``), in a temporary directory and through the installed CLI, as
a curator would run it:

1. ``bench/leave_one_out.py`` copies the seeds without the article, its text, its citations, statement sources and
   figures, and the records nothing else supports any more; ``kztimeline validate`` must accept the copy (the harness
   stops if not: that would be its own bug).
2. ``kztimeline import TEXT --seeds COPY`` imports the article text back; ``kztimeline review --accept-all COPY``
   accepts every draft; ``kztimeline load COPY --db FRESH.sqlite`` loads the result, and ``kztimeline export --format
   json`` exports it. A stage that fails (a missing command, placeholders that `validate` refuses) is recorded as a
   failure of that stage, and the scoring goes on from what can be read: the export when ``load`` succeeded, else
   the YAML files of the copy, where every record left ``draft: true`` counts as accepted (which is what
   ``review --accept-all`` does).
3. The result is compared with the export of the full curated seeds.

Two variants of step 2: ``hint`` passes ``--published`` (the curated record's date) for the articles whose text
states no date (``published_inferred: true`` in the seeds), because inferring an unstated publication date is not
what this measures and without a date `import` dates nothing relative ("on Friday"); ``no-hint`` never passes it.

What is scored (A is the left-out article as curated, A' the same text imported back):

- **merge recall**: of A's curated citations on *existing* events (the events the reduced seeds still hold, because
  another article supports them too), the share whose event received at least one citation from A'.
- **merge precision**: of the citations from A' on existing events, the share on an event A cites in the curated
  seeds. Both ignore the excerpt chosen: citing the right event with another sentence of the article is a right merge.
- **events recreated**: of the events only A supports (removed with it), the share matched one-to-one with a new event
  cited by A' whose day is within one day of the curated date (for a window or a duration: within one day of its
  span), of the same type, and sharing at least one actor. Two actors are the same when their ids are equal or, for an
  actor the import proposed anew, when a name or alias of one is a name or alias of the other (case aside); roles are
  ignored. A curated event with no actor (an internet shutdown) asks for none in common.
- **figures back**: of A's curated figures, the share matched one-to-one with a figure of A' with the same metric,
  the same value (and low and high; for a figure with no number, the same qualifier: "dozens"), the same as-of day
  and the same actor as ``stated_by`` (or none on both sides).
- **statements back**: of A's curated statements, the share matched one-to-one with a statement of A' whose text is
  similar (the curated words, casefolded and without punctuation, equal the imported ones, are contained in them or
  contain them, or difflib's ratio of the two word sequences is at least 0.6), by the same speaker, and linked to the
  same event: the same existing event, an event that recreates the curated one (the rule above), or no event on
  both sides.

Totals are micro-averaged (the sums of numerators over the sums of denominators). Targets from the issue: merge
precision >= 0.95, merge recall >= 0.85, figures >= 0.85, statements >= 0.85; events recreated have none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.leave_one_out import Records, leave_one_out, read_records  # noqa: E402

TARGETS = {"merge_precision": 0.95, "merge_recall": 0.85, "figures": 0.85, "statements": 0.85}
TEXT_SIMILARITY = 0.6
VARIANTS = ("hint", "no-hint")


def kztimeline_command() -> list[str]:
    """The installed ``kztimeline`` script next to this Python (what a user runs), else ``python -m kztimeline``."""
    script = Path(sys.executable).parent / "kztimeline"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kztimeline"]


# --------------------------------------------------------------------------------------------------------- stages


@dataclass
class Stage:
    """One CLI step of a run: whether it succeeded and, if not, its first line of complaint."""

    name: str
    ok: bool
    seconds: float
    message: str = ""


def run_stage(name: str, command: list[str], output: Path | None = None) -> Stage:
    started = time.perf_counter()
    with output.open("wb") if output else open(os.devnull, "wb") as stream:
        completed = subprocess.run(command, stdout=stream, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - started
    stderr = completed.stderr.decode("utf-8", "replace")
    if completed.returncode == 0:
        return Stage(name, True, seconds)
    if "No such command" in stderr or "No such option" in stderr:
        message = f"{name} not available ({_last_line(stderr)})"
    else:
        message = _last_line(stderr) or f"exit code {completed.returncode}"
    return Stage(name, False, seconds, message)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


# ------------------------------------------------------------------------------------------- the compared records


@dataclass
class Event:
    id: str
    start: dt.date | None
    end: dt.date | None
    type: str
    actors: set[str]
    citations: list[tuple[str, str]]  # (article id, excerpt)


@dataclass
class Statement:
    id: str
    speaker: str | None
    text: str
    event: str | None
    articles: set[str]


@dataclass
class Figure:
    id: str
    metric: str | None
    amount: tuple[Any, ...]  # value, low, high; and the qualifier when there is no number ("dozens")
    day: dt.date | None
    stated_by: str | None
    article: str | None


@dataclass
class Timeline:
    """The records the scores compare, read from an export or from seeds YAML."""

    events: dict[str, Event]
    statements: list[Statement]
    figures: list[Figure]
    actor_names: dict[str, set[str]]  # actor id -> its name and aliases, casefolded
    article_ids: set[str]


def _day(value: Any) -> dt.date | None:
    """The day of a date or date-time; None for a draft that has none (or a malformed one), which matches nothing."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _event(record: dict[str, Any], actors: Iterable[str], citations: list[tuple[str, str]]) -> Event:
    start = _day(record.get("date"))
    last = record.get("date_end") or record.get("date_latest")
    end = _day(last) if last else start
    return Event(str(record["id"]), start, end, str(record.get("type")), set(actors), citations)


def _amount(figure: dict[str, Any]) -> tuple[Any, ...]:
    numbers = (figure.get("value"), figure.get("low"), figure.get("high"))
    return numbers if any(n is not None for n in numbers) else (figure.get("qualifier"),)


def _names(record: dict[str, Any]) -> set[str]:
    return {str(name).casefold() for name in [record.get("name"), *(record.get("aliases") or [])] if name}


def timeline_from_export(document: dict[str, Any]) -> Timeline:
    """The records of ``kztimeline export --format json``."""
    events = {
        e["id"]: _event(e, (a["id"] for a in e["actors"]), [(c["article_id"], c["excerpt"]) for c in e["citations"]])
        for e in document["events"]
    }
    statements = [
        Statement(s["id"], s["speaker_id"], s["text"], s["event_id"], {x["article_id"] for x in s["sources"]})
        for s in document["statements"]
    ]
    figures = [
        Figure(
            f["id"],
            f["metric"],
            _amount(f),
            _day(f["date"]),
            f["stated_by_id"],
            f["source"]["article_id"],
        )
        for f in document["figures"]
    ]
    actor_names = {a["id"]: _names(a) for a in document["actors"]}
    return Timeline(events, statements, figures, actor_names, {a["id"] for a in document["articles"]})


def timeline_from_records(records: Records) -> Timeline:
    """The records of a seeds directory's YAML, drafts counted as accepted.

    Additions (``citations:``, ``statement_sources:``) are already folded in by ``read_records``. An id given twice in
    a section is one record as well (the citations and actors, or the sources, of both), should an importer ever draft
    an addition as a second record with the same id.
    """
    events: dict[str, Event] = {}
    for record in sorted(records["events"], key=lambda r: bool(r.get("draft"))):  # the accepted record first
        actors = [a["actor"] for a in record.get("actors") or [] if isinstance(a, dict)]
        citations = [(c["article"], c["excerpt"]) for c in record.get("citations") or []]
        known = events.get(record["id"])
        if known is None:
            events[record["id"]] = _event(record, actors, citations)
        else:
            known.actors |= set(actors)
            known.citations.extend(citations)
    statements: dict[str, Statement] = {}
    for record in sorted(records["statements"], key=lambda r: bool(r.get("draft"))):
        articles = {s["article"] for s in record.get("sources") or []}
        if record["id"] in statements:
            statements[record["id"]].articles |= articles
        else:
            statements[record["id"]] = Statement(
                record["id"], record.get("speaker"), record.get("text") or "", record.get("event"), articles
            )
    figures = [
        Figure(
            f["id"],
            f.get("metric"),
            _amount(f),
            _day(f.get("date")),
            f.get("stated_by"),
            f.get("article"),
        )
        for f in records["figures"]
    ]
    actor_names: dict[str, set[str]] = {}
    for actor in records["actors"]:
        actor_names.setdefault(actor["id"], set()).update(_names(actor))
    return Timeline(
        events, list(statements.values()), figures, actor_names, {str(a["id"]) for a in records["articles"]}
    )


# ---------------------------------------------------------------------------------------------------- matching


def same_actor(curated: Timeline, recurated: Timeline, curated_id: str | None, recurated_id: str | None) -> bool:
    """The same actor: equal ids (or both none), or an import-proposed actor sharing a name or alias with it."""
    if curated_id is None or recurated_id is None:
        return curated_id == recurated_id
    if curated_id == recurated_id:
        return True
    return bool(curated.actor_names.get(curated_id, set()) & recurated.actor_names.get(recurated_id, set()))


def recreates(curated: Timeline, recurated: Timeline, gold: Event, candidate: Event) -> bool:
    """A candidate event recreates a curated one: within a day of its dates, the same type, an actor in common
    (when the curated event has any)."""
    if None in (gold.start, gold.end, candidate.start, candidate.end):
        return False
    day = dt.timedelta(days=1)
    within_a_day = candidate.start <= gold.end + day and candidate.end >= gold.start - day  # type: ignore[operator]
    shared_actor = not gold.actors or any(
        same_actor(curated, recurated, a, b) for a in gold.actors for b in candidate.actors
    )
    return within_a_day and candidate.type == gold.type and shared_actor


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def text_similarity(curated: str, recurated: str) -> float:
    """1.0 when one text's words are the other's or a run inside them, else difflib's ratio of the word sequences."""
    a, b = _words(curated), _words(recurated)
    if not a or not b:
        return 0.0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    joined_longer = f" {' '.join(longer)} "
    if f" {' '.join(shorter)} " in joined_longer:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def one_to_one(golds: list[Any], candidates: list[Any], fits: Callable[[Any, Any], bool]) -> dict[int, int]:
    """A largest one-to-one pairing of golds with candidates that fit them (Kuhn's augmenting paths)."""
    options = [[j for j, candidate in enumerate(candidates) if fits(gold, candidate)] for gold in golds]
    owner: dict[int, int] = {}  # candidate index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


# ------------------------------------------------------------------------------------------------------ scores


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


@dataclass
class Scores:
    merge_precision: Ratio = field(default_factory=Ratio)
    merge_recall: Ratio = field(default_factory=Ratio)
    events: Ratio = field(default_factory=Ratio)
    figures: Ratio = field(default_factory=Ratio)
    statements: Ratio = field(default_factory=Ratio)
    # diagnostics: what the import drafted, and where the misses are
    new_events: int = 0  # events cited by A' that the reduced seeds did not hold
    duplicates: int = 0  # of them, those that recreate an existing event A cites (a merge missed)
    figures_same_amount: int = 0  # curated figures with a figure of A' of the same metric and amount
    statements_text_found: int = 0  # curated statements with a similar text among A''s
    statements_speaker_right: int = 0  # … and by the same speaker
    imported_figures: int = 0
    imported_statements: int = 0
    # what was missed, by curated id (and what was wrongly merged), for whoever improves the importer
    missed_merges: list[str] = field(default_factory=list)  # existing events A cites that A' did not
    wrong_merges: list[str] = field(default_factory=list)  # existing events A' cites that A does not
    missed_events: list[str] = field(default_factory=list)
    missed_figures: list[str] = field(default_factory=list)
    missed_statements: list[str] = field(default_factory=list)  # "id: why" (text, speaker or event)

    def __add__(self, other: Scores) -> Scores:
        return Scores(**{name: getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__})


def score(curated: Timeline, recurated: Timeline, article: str, imported: str | None, existing: set[str]) -> Scores:
    """Compare what importing ``article`` back as ``imported`` produced with the curated seeds (see the module doc)."""
    scores = Scores()
    cited_by_article = {e.id for e in curated.events.values() if any(c[0] == article for c in e.citations)}
    gold_existing = cited_by_article & existing
    scores.merge_recall.total = sum(
        1 for event_id in gold_existing for c in curated.events[event_id].citations if c[0] == article
    )
    sole_golds = sorted((curated.events[i] for i in cited_by_article - existing), key=lambda e: (e.start, e.id))
    scores.events.total = len(sole_golds)
    curated_figures = [f for f in curated.figures if f.article == article]
    curated_statements = [s for s in curated.statements if article in s.articles]
    scores.figures.total = len(curated_figures)
    scores.statements.total = len(curated_statements)
    if imported is None:
        scores.missed_merges = sorted(gold_existing)
        scores.missed_events = [e.id for e in sole_golds]
        scores.missed_figures = [f.id for f in curated_figures]
        scores.missed_statements = [f"{s.id}: text" for s in curated_statements]
        return scores

    landed = {
        e.id for e in recurated.events.values() if e.id in existing and any(c[0] == imported for c in e.citations)
    }
    scores.merge_recall.hits = sum(
        1 for event_id in gold_existing & landed for c in curated.events[event_id].citations if c[0] == article
    )
    scores.missed_merges = sorted(gold_existing - landed)
    scores.wrong_merges = sorted(landed - gold_existing)
    for event_id in landed:
        attached = sum(1 for c in recurated.events[event_id].citations if c[0] == imported)
        scores.merge_precision.total += attached
        scores.merge_precision.hits += attached if event_id in gold_existing else 0

    new_events = [
        e for e in recurated.events.values() if e.id not in existing and any(c[0] == imported for c in e.citations)
    ]
    scores.new_events = len(new_events)
    scores.duplicates = sum(
        1
        for candidate in new_events
        if any(recreates(curated, recurated, curated.events[i], candidate) for i in gold_existing)
    )
    recreated = one_to_one(sole_golds, new_events, lambda g, c: recreates(curated, recurated, g, c))
    scores.events.hits = len(recreated)
    scores.missed_events = [gold.id for i, gold in enumerate(sole_golds) if i not in recreated]

    figures = [f for f in recurated.figures if f.article == imported]
    scores.imported_figures = len(figures)
    scores.figures_same_amount = len(
        one_to_one(curated_figures, figures, lambda g, c: (g.metric, g.amount) == (c.metric, c.amount))
    )
    figures_back = one_to_one(
        curated_figures,
        figures,
        lambda g, c: (
            (g.metric, g.amount, g.day) == (c.metric, c.amount, c.day)
            and g.day is not None
            and same_actor(curated, recurated, g.stated_by, c.stated_by)
        ),
    )
    scores.figures.hits = len(figures_back)
    scores.missed_figures = [f.id for i, f in enumerate(curated_figures) if i not in figures_back]

    statements = [s for s in recurated.statements if imported in s.articles]
    scores.imported_statements = len(statements)

    def similar(gold: Statement, candidate: Statement) -> bool:
        return text_similarity(gold.text, candidate.text) >= TEXT_SIMILARITY

    def same_speaker(gold: Statement, candidate: Statement) -> bool:
        return similar(gold, candidate) and same_actor(curated, recurated, gold.speaker, candidate.speaker)

    def same_event(gold: Statement, candidate: Statement) -> bool:
        if gold.event is None or candidate.event is None:
            return gold.event == candidate.event
        if gold.event in existing or candidate.event == gold.event:
            return candidate.event == gold.event
        linked = recurated.events.get(candidate.event)
        return linked is not None and recreates(curated, recurated, curated.events[gold.event], linked)

    text_found = one_to_one(curated_statements, statements, similar)
    speaker_right = one_to_one(curated_statements, statements, same_speaker)
    back = one_to_one(curated_statements, statements, lambda g, c: same_speaker(g, c) and same_event(g, c))
    scores.statements_text_found = len(text_found)
    scores.statements_speaker_right = len(speaker_right)
    scores.statements.hits = len(back)
    scores.missed_statements = [
        f"{gold.id}: {'text' if i not in text_found else 'speaker' if i not in speaker_right else 'event'}"
        for i, gold in enumerate(curated_statements)
        if i not in back
    ]
    return scores


# -------------------------------------------------------------------------------------------------------- runs


@dataclass
class ArticleRun:
    article: str
    variant: str
    published_given: str | None
    imported_as: str | None
    stages: list[Stage]
    scored_from: str  # "export" or "yaml"
    problems_after_review: dict[str, int]  # validate's problem counts by type
    scores: Scores


def curated_timeline(seeds: Path, work: Path) -> Timeline:
    """The export of the full curated seeds, loaded into a fresh database."""
    database = work / "curated.sqlite"
    export = work / "curated.json"
    for stage in (
        run_stage("load", [*kztimeline_command(), "-q", "load", str(seeds), "--db", str(database)]),
        run_stage("export", [*kztimeline_command(), "-q", "export", "--db", str(database), "--format", "json"], export),
    ):
        if not stage.ok:
            raise SystemExit(f"the curated seeds did not {stage.name}: {stage.message}")
    return timeline_from_export(json.loads(export.read_text(encoding="utf-8")))


@dataclass
class Imported:
    """What importing a text into a seeds copy, accepting it and loading it gave."""

    stages: list[Stage]
    article: str | None  # the id the import gave the article
    timeline: Timeline
    scored_from: str  # "export" when load and export succeeded, else "yaml"
    problems_after_review: dict[str, int]


def import_accept_load(copy: Path, text: Path, published: str | None) -> Imported:
    """``import`` TEXT into the seeds COPY, ``review --accept-all``, ``load`` into a fresh database, ``export``.

    Every stage runs whatever the previous gave; the result is read from the export when there is one, else from
    the YAML of the copy with its drafts counted as accepted.
    """
    kz = kztimeline_command()
    before = {str(a["id"]) for a in read_records(copy)["articles"]}
    command = [*kz, "-q", "import", str(text), "--seeds", str(copy)]
    if published:
        command += ["--published", published]
    stages = [run_stage("import", command)]
    stages.append(run_stage("review --accept-all", [*kz, "-q", "review", "--accept-all", str(copy)]))
    database = copy.parent / "recurated.sqlite"
    stages.append(run_stage("load", [*kz, "-q", "load", str(copy), "--db", str(database)]))

    after = read_records(copy)
    imported = next(iter(sorted({str(a["id"]) for a in after["articles"]} - before)), None)
    timeline = timeline_from_records(after)
    scored_from = "yaml"
    if stages[-1].ok:
        export = copy.parent / "recurated.json"
        exported = run_stage("export", [*kz, "-q", "export", "--db", str(database), "--format", "json"], export)
        stages.append(exported)
        if exported.ok:
            timeline = timeline_from_export(json.loads(export.read_text(encoding="utf-8")))
            scored_from = "export"
    for stage in stages:  # the temporary directory means nothing in a report
        stage.message = stage.message.replace(str(copy), "SEEDS")
    return Imported(stages, imported, timeline, scored_from, _problem_counts(copy))


def recurate(seeds: Path, article_id: str, variant: str, work: Path, curated: Timeline) -> ArticleRun:
    """Leave ``article_id`` out, import it back, accept, load, export and score (see the module doc)."""
    copy = work / variant / article_id / "seeds"
    left_out = leave_one_out(seeds, article_id, copy)
    check = run_stage("validate", [*kztimeline_command(), "-q", "validate", str(copy)])
    if not check.ok:
        raise SystemExit(f"leaving {article_id} out gave seeds that do not validate: {check.message}")
    existing = {str(e["id"]) for e in read_records(copy)["events"]}
    published = None
    if variant == "hint" and left_out.article.get("published_inferred"):
        published = str(left_out.article["published"])
    result = import_accept_load(copy, left_out.text_path, published)
    return ArticleRun(
        article_id,
        variant,
        published,
        result.article,
        result.stages,
        result.scored_from,
        result.problems_after_review,
        score(curated, result.timeline, article_id, result.article, existing),
    )


def _problem_counts(seeds: Path) -> dict[str, int]:
    completed = subprocess.run(
        [*kztimeline_command(), "-q", "validate", "--json", str(seeds)], capture_output=True, check=False
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        return {"unreadable report": 1}
    counts: dict[str, int] = {}
    for problem in report.get("problems", []):
        counts[problem["type"]] = counts.get(problem["type"], 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


# ------------------------------------------------------------------------------------------------------ report


def _ratio_text(ratio: Ratio) -> str:
    return "n/a (0/0)" if ratio.value is None else f"{ratio.value:.2f} ({ratio.hits}/{ratio.total})"


def _verdict(name: str, ratio: Ratio) -> str:
    target = TARGETS.get(name)
    if target is None:
        return ""
    if ratio.value is None:
        return f"n/a (target ≥ {target})"
    return f"{'pass' if ratio.value >= target else 'FAIL'} (target ≥ {target})"


def misses(runs: list[ArticleRun]) -> list[str]:
    """Markdown lines naming, per article, the curated records the import did not give back."""
    lines = ["Misses (curated ids):"]
    for run in runs:
        s = run.scores
        parts = [
            ("merges missed", s.missed_merges),
            ("wrong merges", s.wrong_merges),
            ("events", s.missed_events),
            ("figures", s.missed_figures),
            ("statements", s.missed_statements),
        ]
        lines.append(f"- {run.article}: " + "; ".join(f"{label}: {', '.join(ids)}" for label, ids in parts if ids))
    return lines


def stage_failures(stages: list[tuple[str, Stage]]) -> list[str]:
    """Markdown lines listing the failed stages, one line for each stage and message however many articles had it."""
    articles_by_failure: dict[tuple[str, str], list[str]] = {}
    for article, stage in stages:
        if not stage.ok:
            articles_by_failure.setdefault((stage.name, stage.message), []).append(article)
    if not articles_by_failure:
        return []
    every = len(dict.fromkeys(article for article, _ in stages))
    lines = ["Stage failures:"]
    for (name, message), articles in articles_by_failure.items():
        which = f"all {every}" if len(articles) == every else ", ".join(articles)
        lines.append(f"- {name}: {message} ({which})")
    return [*lines, ""]


def markdown_report(runs: list[ArticleRun], details: bool = False) -> str:
    """Per variant: a table per article, the micro-averaged totals with the targets, and the stage failures; with
    ``details``, what each article missed."""
    lines: list[str] = []
    for variant in dict.fromkeys(run.variant for run in runs):
        chosen = [run for run in runs if run.variant == variant]
        lines += [
            f"Variant `{variant}`"
            + (": `--published` from the curated record when the text states no date" if variant == "hint" else ""),
            "",
            "| article | import | review | load | scored from | merge P | merge R | events recreated | figures | "
            "statements | new events (duplicates) |",
            "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for run in chosen:
            status = {stage.name: "ok" if stage.ok else "failed" for stage in run.stages}
            s = run.scores
            lines.append(
                f"| {run.article} | {status.get('import', '-')} | {status.get('review --accept-all', '-')} | "
                f"{status.get('load', '-')} | {run.scored_from} | {_ratio_text(s.merge_precision)} | "
                f"{_ratio_text(s.merge_recall)} | {_ratio_text(s.events)} | {_ratio_text(s.figures)} | "
                f"{_ratio_text(s.statements)} | {s.new_events} ({s.duplicates}) |"
            )
        total = sum((run.scores for run in chosen), Scores())
        lines += ["", "| total (micro-averaged) | value | verdict |", "|---|---:|---|"]
        for name in ("merge_precision", "merge_recall", "events", "figures", "statements"):
            ratio: Ratio = getattr(total, name)
            lines.append(f"| {name.replace('_', ' ')} | {_ratio_text(ratio)} | {_verdict(name, ratio)} |")
        lines += [
            "",
            f"Diagnostics: {total.new_events} new events drafted, {total.duplicates} of them duplicates of an existing "
            f"event the article supports; figures with the right metric and amount {total.figures_same_amount}/"
            f"{total.figures.total} ({total.imported_figures} figures imported); statements whose text was found "
            f"{total.statements_text_found}/{total.statements.total}, by the right speaker "
            f"{total.statements_speaker_right}/{total.statements.total} ({total.imported_statements} imported).",
            "",
        ]
        lines += stage_failures([(run.article, stage) for run in chosen for stage in run.stages])
        if details:
            lines += [*misses(chosen), ""]
        problems = [(run.article, run.problems_after_review) for run in chosen if run.problems_after_review]
        if problems:
            lines.append("`validate` after `review --accept-all`, problems by type:")
            lines += [
                f"- {article}: " + ", ".join(f"{count} {kind}" for kind, count in counts.items())
                for article, counts in problems
            ]
            lines.append("")
    return "\n".join(lines)


def json_report(runs: list[ArticleRun]) -> dict[str, Any]:
    def ratios(scores: Scores, with_misses: bool = True) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, value in asdict(scores).items():
            if isinstance(value, list) and not with_misses:
                continue
            if isinstance(value, dict):
                ratio = Ratio(**value)
                result[name] = {"hits": ratio.hits, "total": ratio.total, "value": ratio.value}
                if name in TARGETS:
                    result[name]["target"] = TARGETS[name]
                    result[name]["pass"] = None if ratio.value is None else ratio.value >= TARGETS[name]
            else:
                result[name] = value
        return result

    variants: dict[str, Any] = {}
    for variant in dict.fromkeys(run.variant for run in runs):
        chosen = [run for run in runs if run.variant == variant]
        variants[variant] = {
            "articles": [
                {
                    "article": run.article,
                    "published_given": run.published_given,
                    "imported_as": run.imported_as,
                    "stages": [asdict(stage) for stage in run.stages],
                    "scored_from": run.scored_from,
                    "problems_after_review": run.problems_after_review,
                    "scores": ratios(run.scores),
                }
                for run in chosen
            ],
            "total": ratios(sum((run.scores for run in chosen), Scores()), with_misses=False),
        }
    return {"targets": TARGETS, "text_similarity_threshold": TEXT_SIMILARITY, "variants": variants}


def describe_run() -> str:
    """When and at which commit the benchmark ran, for the report."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at commit {commit.stdout.strip() or 'unknown'}."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="curated seeds directory")
    parser.add_argument("--article", action="append", help="only this article id (repeatable)")
    parser.add_argument("--variant", choices=[*VARIANTS, "both"], default="both")
    parser.add_argument("--work", type=Path, help="working directory (default: a temporary one, removed)")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    parser.add_argument("--json", action="store_true", help="print the results as JSON (with what each article missed)")
    parser.add_argument("--details", action="store_true", help="list what each article missed under its table")
    options = parser.parse_args(argv)

    work = options.work or Path(tempfile.mkdtemp(prefix="kztimeline-recurate-"))
    if options.work and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        curated = curated_timeline(options.seeds, work)
        articles = options.article or [str(a["id"]) for a in read_records(options.seeds)["articles"]]
        variants = VARIANTS if options.variant == "both" else (options.variant,)
        runs = [recurate(options.seeds, a, v, work, curated) for v in variants for a in articles]
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    run_line = describe_run()
    if options.json:
        print(json.dumps({"run": run_line, **json_report(runs)}, indent=2, ensure_ascii=False))
    else:
        print(run_line + "\n\n" + markdown_report(runs, options.details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
