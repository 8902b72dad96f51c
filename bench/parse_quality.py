"""Parser quality: precision and recall against the gold annotations under tests/gold/.

Usage:  python bench/parse_quality.py [--misses] [SET...]   (default: every set present)

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

The matching rules are in kztimeline/parse/scoring.py. Prints a Markdown table (for the README) and, with
--misses, every missed and spurious item.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.parse.scoring import format_table, score_gold
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", metavar="SET", help=f"one of {', '.join(SETS)}")
    parser.add_argument("--misses", action="store_true", help="list every missed and spurious item")
    options = parser.parse_args()
    unknown = [name for name in options.sets if name not in SETS]
    if unknown:
        parser.error(f"unknown set {unknown[0]!r}; choose from {', '.join(SETS)}")
    names = options.sets or [name for name, path in SETS.items() if path.exists()]
    gazetteers = Gazetteers.from_seeds(seeds_dir())
    scores = []
    for name in names:
        total, per_article = score_gold(SETS[name], gazetteers)
        scores.append((name, total))
        if options.misses:
            for article, score in per_article.items():
                for label, tally in score.rows():
                    for miss in tally.misses:
                        print(f"{name} {article}: {label}: {miss}")
    print(format_table(scores))


if __name__ == "__main__":
    main()
