"""Calibrate the speaker-choice weights (kztimeline/parse/attribution.py, ``Weights``) on the development sets.

Usage:  python bench/attribution_weights.py            # how many quotations each set gets right with WEIGHTS
        python bench/attribution_weights.py --fit      # coordinate search for better weights on the fitting sets
        python bench/attribution_weights.py --ablate   # what each weight is worth: the count with it set to 0

Every article of a set is parsed once with the current weights; for each quotation whose span matches a gold one,
the candidates and their features (``parse_text(…, decisions=…)``) are recorded with whether each names the gold
speaker (the rule of kztimeline/parse/scoring.py). A choice is right when the best candidate above the threshold
is one of those (or there is none and the gold has no speaker). ``--fit`` tries each weight at a few multiples of
its value, keeps a change only when the fitting sets gain, and reports the held-out sets (written blind, never
fitted) beside them, so a gain that does not carry over shows. The candidates come from one pass with the current
weights (later choices can depend on earlier ones), so fitted weights are checked again with
bench/parse_quality.py.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, replace
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kztimeline.parse.attribution as attribution
from bench.parse_quality import SETS
from bench.parse_real.fetch import SETS as REAL_SETS
from kztimeline.parse.article import parse_text
from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.parse.scoring import _iou, _occurrences, _speaker_right, _trim
from kztimeline.resources import seeds_dir

FITTING = ["seeds", "dev", "blind", "final", "dev2", "dev3", "dev4", "real-dev"]
HELD_OUT = ["untuned", "unseen", "fresh", "holdout"]
Case = tuple[list[tuple[dict[str, float], bool]], bool]  # (candidates: features, right?), gold has no speaker


def record(gold_file: Path, gazetteers: Gazetteers) -> list[Case]:
    """The candidates of every quotation of a set that matches a gold quotation, each marked right or wrong."""
    data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    articles = (gold_file.parent / data.get("articles_dir", "articles")).resolve()
    cases: list[Case] = []
    for entry in data["articles"]:
        path = articles / entry["file"]
        text = path.read_text(encoding="utf-8")
        decisions: list[attribution.Decision] = []
        parse_text(text, str(path), gazetteers, decisions=decisions)
        sites = [(decision.span, decision.candidates) for decision in decisions]
        for gold in entry.get("quotes") or []:
            spans = [_trim(text, s, e) for s, e in _occurrences(text, str(gold["text"]))]
            for content, found in sites:
                if any(_iou(_trim(text, *content), span) >= 0.8 for span in spans):
                    marked = [
                        (c.features, _speaker_right(gold, {"speaker": c.speaker.name, "speaker_id": c.speaker.id}))
                        for c in found
                    ]
                    cases.append((marked, not (gold.get("speaker") or gold.get("speaker_id"))))
                    break
    return cases


def right(cases: list[Case], weights: attribution.Weights) -> int:
    count = 0
    for candidates, no_speaker in cases:
        best, best_score = None, weights.threshold
        for features, correct in candidates:
            value = attribution.score(features, weights)
            if value > best_score:
                best, best_score = correct, value
        count += (best is None and no_speaker) or bool(best)
    return count


def fit(cases: list[Case], weights: attribution.Weights) -> attribution.Weights:
    """Coordinate search: each weight at a few multiples of its value, kept only when the count strictly rises."""
    best = right(cases, weights)
    for _ in range(3):
        improved = False
        for name, value in asdict(weights).items():
            for factor in (0.0, 0.5, 0.75, 1.25, 1.5, 2.0, 3.0):
                trial = replace(weights, **{name: round(value * factor, 3)})
                count = right(cases, trial)
                if count > best:
                    best, weights, improved = count, trial, True
        if not improved:
            break
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="search for better weights on the fitting sets")
    parser.add_argument("--ablate", action="store_true", help="the count with each weight set to 0, one at a time")
    options = parser.parse_args()
    gazetteers = Gazetteers.from_seeds(seeds_dir())
    files = {name: SETS[name] for name in FITTING + HELD_OUT if name in SETS}
    files["real-dev"] = REAL_SETS["dev"] / "articles.yaml"
    cases = {name: record(path, gazetteers) for name, path in files.items()}
    weights = attribution.WEIGHTS
    fitted = fit([c for name in FITTING for c in cases[name]], weights) if options.fit else weights
    print("| set | quotations | right with WEIGHTS |" + (" right with fitted |" if options.fit else ""))
    print("|---|---:|---:|" + ("---:|" if options.fit else ""))
    for group, names in (("fitting", FITTING), ("held out", HELD_OUT)):
        for name in names:
            row = f"| {name} ({group}) | {len(cases[name])} | {right(cases[name], weights)} |"
            print(row + (f" {right(cases[name], fitted)} |" if options.fit else ""))
    if options.ablate:
        fitting = [c for name in FITTING for c in cases[name]]
        held_out = [c for name in HELD_OUT for c in cases[name]]
        print(f"\n| weight set to 0 | fitting right (of {len(fitting)}) | held out right (of {len(held_out)}) |")
        print("|---|---:|---:|")
        print(f"| none (WEIGHTS) | {right(fitting, weights)} | {right(held_out, weights)} |")
        for name in attribution.FEATURES:
            ablated = replace(weights, **{name: 0.0})
            print(f"| {name} ({getattr(weights, name)}) | {right(fitting, ablated)} | {right(held_out, ablated)} |")
    if options.fit:
        changed = {k: v for k, v in asdict(fitted).items() if asdict(weights)[k] != v}
        print(f"\nchanged weights: {changed or 'none'}")


if __name__ == "__main__":
    main()
