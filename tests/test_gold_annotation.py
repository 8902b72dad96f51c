"""The hand-made gold annotations (for scoring the parser) stay true to their article texts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kztimeline.resources import seeds_dir

GOLD = Path(__file__).parent / "gold"
GOLD_FILES = sorted(GOLD.glob("**/articles.yaml"))


def curated_actor_ids() -> set[str]:
    actors = yaml.safe_load((seeds_dir() / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    return {actor["id"] for actor in actors}


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda path: str(path.relative_to(GOLD)))
def test_every_gold_span_is_verbatim_and_every_speaker_is_a_curated_actor(gold_file: Path) -> None:
    data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    articles_dir = (gold_file.parent / data.get("articles_dir", "articles")).resolve()
    assert len(data["articles"]) == len(list(articles_dir.glob("*.txt")))
    for article in data["articles"]:
        text = (articles_dir / article["file"]).read_text(encoding="utf-8")
        spans = [q["text"] for q in article["quotes"]] + [f["text"] for f in article["figures"]]
        spans += [d["text"] for d in article["dates"]] + [e["text"] for e in article.get("excluded") or []]
        assert [span for span in spans if span not in text] == [], article["file"]
        assert {q["speaker_id"] for q in article["quotes"]} - {None} <= curated_actor_ids()


def test_the_seed_gold_covers_every_seed_article() -> None:
    data = yaml.safe_load((GOLD / "articles.yaml").read_text(encoding="utf-8"))
    assert sorted(article["file"] for article in data["articles"]) == sorted(
        path.name for path in (seeds_dir() / "articles").glob("*.txt")
    )
