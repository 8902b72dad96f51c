"""`kztimeline check`: what a fact-checker should look at in the whole dataset; it reports and exits 0."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from kztimeline.resources import seeds_dir


def check_json(run: Callable[..., Result], db: str, *options: str) -> dict[str, Any]:
    result = run("--db", db, "check", "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


@pytest.fixture
def curated_db(engine_db: str, run: Callable[..., Result]) -> str:
    assert run("--db", engine_db, "load", str(seeds_dir())).exit_code == 0
    return engine_db


def test_the_curated_seeds_are_checked_on_both_engines(curated_db: str, run: Callable[..., Result]) -> None:
    report = check_json(run, curated_db)
    assert report["counts"]["conflicting_figures"] == 1
    [group] = report["findings"]["conflicting_figures"]
    assert [figure["stated"] for figure in group["details"]["figures"]] == ["at least 164", "160", "over 160 deaths"]
    single = {finding["record_id"] for finding in report["findings"]["single_source"]}
    assert "tokayev-kill-without-warning-order" not in single and "banks-shut" in single
    dated = [(f["record_id"], f["details"]["article_id"]) for f in report["findings"]["date_disagreement"]]
    assert dated == [("internet-shutdown", "protest-against-russian-troops")]  # "resumed … on Monday", the 10th
    assert set(report["seconds"]) == set(report["counts"])


def add_problems(seeds: Path) -> None:
    """An actor nothing refers to, a citation dating its event a week later, and Blinken's words in Tokayev's mouth."""
    text = (
        "The crowd was dispersed on Thursday, January 13, with tear gas.\n\n"
        '"So it\'s not clear why they feel the need for any outside assistance," Tokayev said.\n'
    )
    (seeds / "articles" / "later.txt").write_text(text, encoding="utf-8")
    document = {
        "articles": [
            {
                "id": "later",
                "file": "articles/later.txt",
                "title": "Later",
                "outlet": "Later Post",
                "published": "2022-01-14",
                "language": "en",
            }
        ],
        "actors": [{"id": "nobody", "name": "Nobody Inparticular", "kind": "person"}],
        "citations": [
            {
                "event": "police-disperse-crowd",
                "article": "later",
                "excerpt": "The crowd was dispersed on Thursday, January 13, with tear gas.",
            }
        ],
        "statements": [
            {
                "id": "tokayev-outside-assistance",
                "speaker": "tokayev",
                "text": "So it's not clear why they feel the need for any outside assistance",
                "date": "2022-01-07",
                "sources": [{"article": "later"}],
            }
        ],
    }
    (seeds / "problems.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def test_each_check_finds_its_problem_and_the_command_still_exits_0(
    seeds: Path, db_path: Path, run: Callable[..., Result]
) -> None:
    add_problems(seeds)
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    report = check_json(run, str(db_path))
    assert report["counts"] == {
        "single_source": 2,  # the crowd's dispersal now has two outlets
        "conflicting_figures": 0,
        "divergent_quotations": 1,
        "date_disagreement": 1,
        "unreferenced": 1,
    }
    [quotation] = report["findings"]["divergent_quotations"]
    assert quotation["details"] == {
        "other": "tokayev-outside-assistance",
        "relation": "fragment",
        "other_speaker": True,
    }
    assert quotation["record_id"] == "blinken-outside-assistance"
    [dated] = report["findings"]["date_disagreement"]
    assert dated["message"] == (
        "police-disperse-crowd (2022-01-05 to 2022-01-07): article later dates it 'on Thursday, January 13' = 2022-01-13"
    )
    assert (
        report["findings"]["unreferenced"][0]["message"] == "actor Nobody Inparticular (nobody): nothing refers to it"
    )
    shown = run("--db", str(db_path), "check", "--only", "unreferenced")
    assert (shown.exit_code, shown.stdout) == (
        0,
        "Actors and places nothing refers to  1\n  actor Nobody Inparticular (nobody): nothing refers to it\n\n"
        + shown.stdout.splitlines()[-1]
        + "\n",
    )
    assert shown.stdout.splitlines()[-1].startswith("1 findings in 1 checks (")
