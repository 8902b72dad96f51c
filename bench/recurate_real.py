"""Import pages of other outlets into the curated seeds and score the merges against hand-made gold (issue 11, item 8).

Usage:
    python bench/real/fetch.py              # which texts are present under bench/real/texts/ (they are not in git)
    python bench/recurate_real.py           # both --published variants, a Markdown table
    python bench/recurate_real.py --json
    python bench/recurate_real.py --set blind   # the blind set, bench/blind/: score it once, at the end

The pages (``bench/real/index.csv``: URL, outlet, language, the search query that found each, when it was collected)
report happenings of January 2022 that the curated seeds already hold: the shoot-to-kill order, the CSTO deployment,
the internet shutdown, the detentions, the Almaty mayor's office fire. Their texts stay out of git
(``bench/real/texts/``, see ``bench/real/fetch.py``). ``bench/real/gold/ID.yaml`` lists, by hand from reading each
text, the curated events it ``reports`` (a merge should cite them) and those it only ``mentions`` in passing (a
citation there is right, but not required).

For each page, in a copy of the full curated seeds, through the installed CLI: ``import``, ``review --accept-all``,
``load``, ``export`` (``bench/recurate.py``'s stages; a failing stage is recorded and the YAML is scored instead).
Then:

- **merge precision**: of the page's citations on existing events, the share on an event it reports or mentions;
- **merge recall**: of the events it reports, the share that received a citation from it;
- **duplicates**: new events drafted from the page that recreate an event it reports (``bench/recurate.py``'s rule:
  within a day, the same type, an actor in common) — a merge missed.

``--set blind`` reads ``bench/blind/`` (the same layout: ``index.csv``, ``texts/``, ``gold/``; texts listed by
``python bench/blind/fetch.py``) instead of ``bench/real/``: pages collected the same way, annotated before any
import, and never looked at during development, so that its scores say how import does on pages it was not tuned on.
Run it once; looking at its misses and tuning on them makes it a second development set.

Variant ``hint`` passes ``--published`` (``index.csv``'s ``published``, from the page's URL or dateline) when the text
does not state its date in full; ``no-hint`` never does.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.recurate import (  # noqa: E402
    TARGETS,
    VARIANTS,
    Imported,
    Ratio,
    Timeline,
    curated_timeline,
    describe_run,
    import_accept_load,
    recreates,
    stage_failures,
)

REAL = ROOT / "bench" / "real"
SETS = {"real": REAL, "blind": ROOT / "bench" / "blind"}  # the development pages and the blind set, laid out alike


@dataclass
class RealArticle:
    """A row of index.csv with its gold annotation."""

    id: str
    url: str
    outlet: str
    language: str
    published: str | None
    published_in_text: bool
    text: Path
    reports: set[str]
    mentions: set[str]


def real_articles(real: Path = REAL) -> tuple[list[RealArticle], list[str]]:
    """The indexed pages whose text is present, and the ids of those whose text is missing."""
    present, missing = [], []
    with (real / "index.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            text = real / "texts" / f"{row['id']}.txt"
            if not text.exists():
                missing.append(row["id"])
                continue
            gold = yaml.safe_load((real / "gold" / f"{row['id']}.yaml").read_text(encoding="utf-8"))
            present.append(
                RealArticle(
                    row["id"],
                    row["url"],
                    row["outlet"],
                    row["language"],
                    row["published"] or None,
                    row["published_in_text"] == "yes",
                    text,
                    set(gold["reports"]),
                    set(gold.get("mentions") or []),
                )
            )
    return present, missing


@dataclass
class RealScores:
    merge_precision: Ratio = field(default_factory=Ratio)
    merge_recall: Ratio = field(default_factory=Ratio)
    new_events: int = 0
    duplicates: int = 0
    missed_merges: list[str] = field(default_factory=list)  # events the page reports that it did not cite
    wrong_merges: list[str] = field(
        default_factory=list
    )  # existing events it cites that it neither reports nor mentions

    def __add__(self, other: RealScores) -> RealScores:
        return RealScores(**{name: getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__})


def score_real(curated: Timeline, recurated: Timeline, imported: str | None, article: RealArticle) -> RealScores:
    """The page's merges against its gold (see the module doc)."""
    scores = RealScores(merge_recall=Ratio(0, len(article.reports)), missed_merges=sorted(article.reports))
    if imported is None:
        return scores
    existing = set(curated.events)
    landed = {
        e.id for e in recurated.events.values() if e.id in existing and any(c[0] == imported for c in e.citations)
    }
    scores.merge_recall.hits = len(landed & article.reports)
    scores.missed_merges = sorted(article.reports - landed)
    scores.wrong_merges = sorted(landed - article.reports - article.mentions)
    for event_id in landed:
        attached = sum(1 for c in recurated.events[event_id].citations if c[0] == imported)
        scores.merge_precision.total += attached
        scores.merge_precision.hits += attached if event_id in article.reports | article.mentions else 0
    new_events = [
        e for e in recurated.events.values() if e.id not in existing and any(c[0] == imported for c in e.citations)
    ]
    scores.new_events = len(new_events)
    scores.duplicates = sum(
        1
        for candidate in new_events
        if any(recreates(curated, recurated, curated.events[i], candidate) for i in article.reports)
    )
    return scores


@dataclass
class RealRun:
    article: RealArticle
    variant: str
    published_given: str | None
    result: Imported
    scores: RealScores


def recurate_real(seeds: Path, article: RealArticle, variant: str, work: Path, curated: Timeline) -> RealRun:
    copy = work / variant / article.id / "seeds"
    shutil.copytree(seeds, copy)
    published = article.published if variant == "hint" and not article.published_in_text else None
    result = import_accept_load(copy, article.text, published)
    return RealRun(article, variant, published, result, score_real(curated, result.timeline, result.article, article))


def _ratio_text(ratio: Ratio) -> str:
    return "n/a (0/0)" if ratio.value is None else f"{ratio.value:.2f} ({ratio.hits}/{ratio.total})"


def markdown_report(runs: list[RealRun], missing: list[str], details: bool = False, pages: Path = REAL) -> str:
    lines: list[str] = []
    if missing:
        fetch = pages.relative_to(ROOT) / "fetch.py"
        lines += [f"Texts missing (see {fetch}), not scored: {', '.join(missing)}", ""]
    for variant in dict.fromkeys(run.variant for run in runs):
        chosen = [run for run in runs if run.variant == variant]
        lines += [
            f"Variant `{variant}`",
            "",
            "| page | outlet | lang | `--published` | import | review | load | scored from | merge P | merge R | "
            "new events (duplicates) |",
            "|---|---|---|---|---|---|---|---|---:|---:|---:|",
        ]
        for run in chosen:
            status = {stage.name: "ok" if stage.ok else "failed" for stage in run.result.stages}
            lines.append(
                f"| {run.article.id} | {run.article.outlet} | {run.article.language} | {run.published_given or '-'} | "
                f"{status.get('import', '-')} | {status.get('review --accept-all', '-')} | {status.get('load', '-')} | "
                f"{run.result.scored_from} | {_ratio_text(run.scores.merge_precision)} | "
                f"{_ratio_text(run.scores.merge_recall)} | {run.scores.new_events} ({run.scores.duplicates}) |"
            )
        total = sum((run.scores for run in chosen), RealScores())
        lines += [
            "",
            f"Total (micro-averaged): merge precision {_ratio_text(total.merge_precision)} (target ≥ "
            f"{TARGETS['merge_precision']}), merge recall {_ratio_text(total.merge_recall)} (target ≥ "
            f"{TARGETS['merge_recall']}); {total.new_events} new events drafted, {total.duplicates} of them "
            "duplicates of an event the page reports.",
            "",
        ]
        lines += stage_failures([(run.article.id, stage) for run in chosen for stage in run.result.stages])
        if details:
            lines.append("Misses (curated event ids):")
            for run in chosen:
                parts = [("missed", run.scores.missed_merges), ("wrong", run.scores.wrong_merges)]
                lines.append(f"- {run.article.id}: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in parts if v))
            lines.append("")
    return "\n".join(lines)


def json_report(runs: list[RealRun], missing: list[str], page_set: str = "real") -> dict[str, Any]:
    def ratios(scores: RealScores, with_misses: bool = True) -> dict[str, Any]:
        result = asdict(scores)
        if not with_misses:
            del result["missed_merges"], result["wrong_merges"]
        for name in ("merge_precision", "merge_recall"):
            ratio: Ratio = getattr(scores, name)
            result[name] = {"hits": ratio.hits, "total": ratio.total, "value": ratio.value, "target": TARGETS[name]}
        return result

    variants: dict[str, Any] = {}
    for variant in dict.fromkeys(run.variant for run in runs):
        chosen = [run for run in runs if run.variant == variant]
        variants[variant] = {
            "articles": [
                {
                    "page": run.article.id,
                    "url": run.article.url,
                    "outlet": run.article.outlet,
                    "published_given": run.published_given,
                    "imported_as": run.result.article,
                    "stages": [asdict(stage) for stage in run.result.stages],
                    "scored_from": run.result.scored_from,
                    "scores": ratios(run.scores),
                }
                for run in chosen
            ],
            "total": ratios(sum((run.scores for run in chosen), RealScores()), with_misses=False),
        }
    return {"set": page_set, "missing_texts": missing, "variants": variants}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="curated seeds directory")
    parser.add_argument(
        "--set", choices=sorted(SETS), default="real", help="pages of bench/real/ (default) or bench/blind/ (once)"
    )
    parser.add_argument("--page", action="append", help="only this page id of index.csv (repeatable)")
    parser.add_argument("--variant", choices=[*VARIANTS, "both"], default="both")
    parser.add_argument("--work", type=Path, help="working directory (default: a temporary one, removed)")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    parser.add_argument("--json", action="store_true", help="print the results as JSON (with each page's misses)")
    parser.add_argument("--details", action="store_true", help="list each page's missed and wrong merges")
    options = parser.parse_args(argv)

    pages = SETS[options.set]
    articles, missing = real_articles(pages)
    if options.page:
        articles = [a for a in articles if a.id in options.page]
    if not articles:
        where = pages.relative_to(ROOT)
        raise SystemExit(f"no page texts under {where}/texts/ to score: see {where}/fetch.py")
    work = options.work or Path(tempfile.mkdtemp(prefix="kztimeline-recurate-real-"))
    if options.work and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        curated = curated_timeline(options.seeds, work)
        variants = VARIANTS if options.variant == "both" else (options.variant,)
        runs = [recurate_real(options.seeds, a, v, work, curated) for v in variants for a in articles]
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    run_line = f"{describe_run()} Pages of {pages.relative_to(ROOT)}/."
    if options.json:
        print(json.dumps({"run": run_line, **json_report(runs, missing, options.set)}, indent=2, ensure_ascii=False))
    else:
        print(run_line + "\n\n" + markdown_report(runs, missing, options.details, pages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
