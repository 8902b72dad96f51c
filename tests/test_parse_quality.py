"""The parser's measured quality on the gold annotations stays at or above the issue's targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.parse.scoring import score_gold
from kztimeline.resources import seeds_dir

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def gazetteers() -> Gazetteers:
    return Gazetteers.from_seeds(seeds_dir())


def test_seed_articles_meet_the_quotation_target_and_get_every_figure_and_date(gazetteers: Gazetteers) -> None:
    score, _ = score_gold(GOLD / "articles.yaml", gazetteers)
    assert (score.quotes.precision, score.quotes.recall) == (1.0, 1.0), score.quotes.misses
    assert (score.figures.precision, score.figures.recall) == (1.0, 1.0), score.figures.misses
    assert (score.dates.precision, score.dates.recall) == (1.0, 1.0), score.dates.misses
    assert score.published.recall == 1.0, score.published.misses


@pytest.mark.parametrize("gold_set", ["heldout", "blind", "final", "dev2"])
def test_synthetic_sets_stay_at_or_above_the_targets(gazetteers: Gazetteers, gold_set: str) -> None:
    score, _ = score_gold(GOLD / gold_set / "articles.yaml", gazetteers)
    assert score.quotes.precision >= 0.95, score.quotes.misses
    assert score.quotes.recall >= 0.95, score.quotes.misses
    assert score.figures.precision >= 0.9 and score.figures.recall >= 0.9, score.figures.misses
    assert score.dates.precision >= 0.9 and score.dates.recall >= 0.9, score.dates.misses
