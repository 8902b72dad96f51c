"""The curated dataset itself: valid, verbatim, complete, and answering the questions it exists for."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from kztimeline.cli import cli
from kztimeline.curation.text import normalise_for_matching
from kztimeline.curation.validate import validate_seeds
from kztimeline.resources import seeds_dir


@pytest.fixture(scope="module")
def curated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("curated") / "curated.sqlite"
    result = CliRunner().invoke(cli, ["--db", str(path), "load", str(seeds_dir())], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return path


def show(run: Callable[..., Result], db: Path, *filters: str) -> list[dict[str, Any]]:
    result = run("--db", str(db), "show", "--format", "json", *filters)
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout))


def curated(section: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(seeds_dir().glob("*.yaml")):
        records.extend(yaml.safe_load(path.read_text(encoding="utf-8")).get(section) or [])
    return records


def test_the_packaged_seeds_are_valid() -> None:
    dataset, report = validate_seeds(seeds_dir())
    assert report.problems == []
    assert dataset is not None


def test_every_article_text_is_curated_and_used() -> None:
    articles = curated("articles")
    files = sorted(p.name for p in (seeds_dir() / "articles").glob("*.txt"))
    assert sorted(Path(a["file"]).name for a in articles) == files
    cited = {c["article"] for e in curated("events") for c in e["citations"]}
    cited |= {s["article"] for st in curated("statements") for s in st["sources"]}
    cited |= {f["article"] for f in curated("figures")}
    assert cited == {a["id"] for a in articles}


def test_every_quotation_and_excerpt_is_verbatim_in_its_article() -> None:
    """Independent of the validator: read the raw texts and look for every quoted string."""
    texts = {
        a["id"]: normalise_for_matching((seeds_dir() / a["file"]).read_text(encoding="utf-8"))
        for a in curated("articles")
    }
    quoted = [(c["article"], c["excerpt"]) for e in curated("events") for c in e["citations"]]
    quoted += [(s["article"], s.get("excerpt") or st["text"]) for st in curated("statements") for s in st["sources"]]
    quoted += [(f["article"], f["excerpt"]) for f in curated("figures")]
    missing = [(article, text) for article, text in quoted if normalise_for_matching(text) not in texts[article]]
    assert missing == []
    assert len(quoted) > 100


def test_inferred_dates_say_why() -> None:
    for article in curated("articles"):
        if article.get("published_inferred"):
            assert article["date_note"], article["id"]
    for event in curated("events"):
        if event.get("approximate") or event.get("date_end") or event.get("date_latest"):
            assert event.get("date_note"), event["id"]


def test_windows_of_uncertainty_are_not_durations() -> None:
    """Migrated seeds: what the sources date only within a window says date_latest; date_end is a real duration."""
    events = curated("events")
    durations = sorted(e["id"] for e in events if e.get("date_end"))
    assert durations == ["almaty-police-liquidated-claim", "mass-detentions"]
    windows = [e for e in events if e.get("date_latest")]
    assert len(windows) == 14
    assert all(str(e["date_latest"]) > str(e["date"]) for e in windows)


def test_tokayev_timeline_has_his_actions_of_5_7_and_10_january(curated_db: Path, run: Callable[..., Result]) -> None:
    events = show(run, curated_db, "--actor", "Tokayev")
    covered = {
        day
        for event in events
        for day in ({event["date"], event["date_end"], event["date_latest"]} - {None})
        if any(a["id"] == "tokayev" and a["role"] == "actor" for a in event["actors"])
    }
    assert {"2022-01-05", "2022-01-07", "2022-01-10"} <= covered
    order = next(e for e in events if any("kill without warning" in s["text"] for s in e["statements"]))
    assert order["date"] == "2022-01-07"
    assert order["citations"][0]["article_id"] == "us-questions-russian-military-aid"
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)


def test_place_filter_finds_almaty_events_in_order(curated_db: Path, run: Callable[..., Result]) -> None:
    events = show(run, curated_db, "--place", "Almaty")
    assert len(events) >= 5
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert all(any(p["id"].startswith("almaty") for p in e["places"]) for e in events)
    assert show(run, curated_db, "--place", "Alma-Ata") == events


def test_the_death_toll_history_is_kept_not_merged() -> None:
    killed = {f["id"]: f for f in curated("figures") if f["metric"] == "killed"}
    tolls = sorted(
        (str(f["date"]), f["value"], f.get("status", "current")) for f in killed.values() if f["value"] in (44, 164)
    )
    assert ("2022-01-07", 44, "superseded") in tolls
    assert ("2022-01-09", 164, "current") in tolls
