"""The hand-made gold annotation (for scoring the parser) stays true to the article texts."""

from __future__ import annotations

from pathlib import Path

import yaml

from kztimeline.resources import seeds_dir

GOLD = Path(__file__).parent / "gold" / "articles.yaml"


def test_every_gold_span_is_verbatim_and_every_speaker_is_a_curated_actor() -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"]
    actor_ids = {
        actor["id"] for actor in yaml.safe_load((seeds_dir() / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    }
    assert len(gold) == len(list((seeds_dir() / "articles").glob("*.txt")))
    for article in gold:
        text = (seeds_dir() / "articles" / article["file"]).read_text(encoding="utf-8")
        spans = [q["text"] for q in article["quotes"]] + [f["text"] for f in article["figures"]]
        spans += [d["text"] for d in article["dates"]] + [e["text"] for e in article.get("excluded") or []]
        assert [span for span in spans if span not in text] == [], article["file"]
        assert {q["speaker_id"] for q in article["quotes"]} - {None} <= actor_ids
