"""Parser quality: precision and recall against the gold annotations under tests/gold/.

Usage:  python bench/parse_quality.py [--misses] [SET...]   (default: every set present)
        python bench/parse_quality.py [--misses] --real dev [--real blind] [SET...]

Sets:
  seeds  tests/gold/articles.yaml         the five seed articles (the done-when of the parser issue)
  dev    tests/gold/heldout/articles.yaml  8 synthetic articles the parser was developed against
  blind  tests/gold/blind/articles.yaml    8 synthetic articles first scored blind, then used to fix general rules
  final  tests/gold/final/articles.yaml    10 synthetic articles first scored blind, then used to fix general rules
  untuned tests/gold/untuned/articles.yaml 10 synthetic articles scored once, never tuned against
  dev2   tests/gold/dev2/articles.yaml     10 synthetic articles in further styles, developed against
  unseen tests/gold/unseen/articles.yaml   12 synthetic articles written blind, scored once, never tuned against
  dev3   tests/gold/dev3/articles.yaml     12 synthetic articles on who speaks, developed against
  fresh  tests/gold/fresh/articles.yaml    12 synthetic articles written blind, scored once, never tuned against
  dev4   tests/gold/dev4/articles.yaml     12 synthetic articles of everyday news, developed against
  holdout tests/gold/holdout/articles.yaml 12 synthetic articles written blind, scored once, never tuned against

Real pages (--real; never scored by default):
  dev    bench/parse_real/dev/    13 excerpts of real news pages (English, Russian), developed against
  blind  bench/parse_real/blind/  16 excerpts of real news pages, scored once at the end of issue 12
Their texts are third-party and not in git (see bench/parse_real/fetch.py); each is scored as a whole and per language
("real-dev", "real-dev en", "real-dev ru").

The matching rules are in kztimeline/parse/scoring.py. Prints a Markdown table (for the README) and, with
--misses, every missed and spurious item.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.parse_real.fetch import SETS as REAL_SETS
from bench.parse_real.fetch import read_index, unusable_texts
from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.parse.scoring import Score, format_table, score_gold
from kztimeline.resources import seeds_dir

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"
SETS = {
    "seeds": GOLD / "articles.yaml",
    "dev": GOLD / "heldout" / "articles.yaml",
    "blind": GOLD / "blind" / "articles.yaml",
    "final": GOLD / "final" / "articles.yaml",
    "untuned": GOLD / "untuned" / "articles.yaml",
    "dev2": GOLD / "dev2" / "articles.yaml",
    "unseen": GOLD / "unseen" / "articles.yaml",
    "dev3": GOLD / "dev3" / "articles.yaml",
    "fresh": GOLD / "fresh" / "articles.yaml",
    "dev4": GOLD / "dev4" / "articles.yaml",
    "holdout": GOLD / "holdout" / "articles.yaml",
}


class TextsUnusable(Exception):
    """A real set's texts are missing or not the ones its gold was annotated on: scoring it would mean nothing."""


def check_texts(name: str, directory: Path) -> None:
    """The texts are kept out of git, so they may be absent or edited: both are refused with the way to get them
    back, rather than scored against a gold whose spans no longer fit."""
    unusable = unusable_texts(directory)
    if unusable:
        listed = ", ".join(f"{page} ({state.split(' (')[0]})" for page, state in sorted(unusable.items()))
        raise TextsUnusable(
            f"{len(unusable)} of {len(read_index(directory))} texts of the real {name} set under {directory}/texts/ "
            f"are not the annotated ones: {listed}. They are third-party and not in git; "
            f"python bench/parse_real/fetch.py --set {name} says where each comes from."
        )


def real_set_scores(name: str, directory: Path, gazetteers: Gazetteers) -> list[tuple[str, Score, dict[str, Score]]]:
    """Score a set of real pages (``index.csv``, ``articles.yaml``, ``texts/``) as a whole and per language."""
    check_texts(name, directory)
    languages = {f"{row['id']}.txt": row["language"] for row in read_index(directory)}
    total, per_article = score_gold(directory / "articles.yaml", gazetteers)
    label = f"real-{name}"
    results = [(label, total, per_article)]
    for language in sorted(set(languages.values())):
        articles = {file: score for file, score in per_article.items() if languages[file] == language}
        subtotal = Score()
        for score in articles.values():
            subtotal.add(score)
        results.append((f"{label} {language}", subtotal, {}))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="SET", help=f"one of {', '.join(SETS)}")
    parser.add_argument("--misses", action="store_true", help="list every missed and spurious item")
    parser.add_argument(
        "--real",
        action="append",
        default=[],
        choices=sorted(REAL_SETS),
        help="a set of real pages under bench/parse_real/",
    )
    options = parser.parse_args(argv)
    unknown = [name for name in options.sets if name not in SETS]
    if unknown:
        parser.error(f"unknown set {unknown[0]!r}; choose from {', '.join(SETS)}")
    names = options.sets or ([] if options.real else [name for name, path in SETS.items() if path.exists()])
    for name in options.real:  # before any scoring: a missing text is known in a moment, not after a minute
        try:
            check_texts(name, REAL_SETS[name])
        except TextsUnusable as error:
            parser.exit(1, f"{parser.prog}: {error}\n")
    gazetteers = Gazetteers.from_seeds(seeds_dir())
    results = []
    for name in names:
        total, per_article = score_gold(SETS[name], gazetteers)
        results.append((name, total, per_article))
    for name in dict.fromkeys(options.real):
        results += real_set_scores(name, REAL_SETS[name], gazetteers)
    if options.misses:
        for name, _, per_article in results:
            for article, score in per_article.items():
                for label, tally in score.rows():
                    for miss in tally.misses:
                        print(f"{name} {article}: {label}: {miss}")
    print(format_table((name, total) for name, total, _ in results))


if __name__ == "__main__":
    main()
