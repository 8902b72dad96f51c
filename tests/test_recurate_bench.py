"""The leave-one-out benchmark (bench/recurate.py): its construction and its scores, on small examples.

The benchmark itself (importing every seed article back) is not run here: it takes half a minute and measures the
importer, it does not test it. These tests check that what it measures is what it says.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.leave_one_out import leave_one_out, read_records  # noqa: E402
from bench.real.fetch import status  # noqa: E402
from bench.recurate import Ratio, score, text_similarity, timeline_from_records  # noqa: E402
from bench.recurate_real import RealArticle, real_articles, score_real  # noqa: E402
from bench.recurate_real import main as recurate_real_main  # noqa: E402

TWO_ARTICLES = Path(__file__).parent / "data" / "leave-one-out"


def references_to(records: dict[str, list[dict[str, Any]]], article_id: str) -> list[str]:
    """Every field of the records that names the article."""
    found = [f"articles/{a['id']}" for a in records["articles"] if a["id"] == article_id]
    for event in records["events"]:
        found += [f"events/{event['id']}" for c in event["citations"] if c["article"] == article_id]
    for statement in records["statements"]:
        found += [f"statements/{statement['id']}" for s in statement["sources"] if s["article"] == article_id]
    found += [f"figures/{f['id']}" for f in records["figures"] if f["article"] == article_id]
    return found


def test_leaving_the_wire_out_removes_what_only_it_supports(tmp_path: Path, run: Callable[..., Result]) -> None:
    left_out = leave_one_out(TWO_ARTICLES, "wire", tmp_path / "seeds")

    assert left_out.removed == {
        "articles": ["wire"],
        "actors": ["kazakh-police", "interior-ministry"],
        "places": ["republic-square", "almaty"],
        "events": ["tear-gas-republic-square"],
        "statements": [],
        "figures": ["killed-164-interior-ministry"],
    }
    assert left_out.cut_references == [
        "statements/protesters-cheaper-gas.event",
        "figures/killed-30-health-officials.superseded_by",
    ]
    records = read_records(tmp_path / "seeds")
    assert references_to(records, "wire") == []
    assert sorted(p.name for p in (tmp_path / "seeds" / "articles").iterdir()) == ["daily.txt"]
    shared = next(e for e in records["events"] if e["id"] == "shoot-without-warning-order")
    assert [c["article"] for c in shared["citations"]] == ["daily"]
    assert [a["id"] for a in records["actors"]] == ["tokayev", "health-officials", "protesters", "nazarbayev"]
    assert [p["id"] for p in records["places"]] == ["kazakhstan", "zhanaozen"]
    figure = records["figures"][0]
    assert (figure["id"], figure["status"], figure["superseded_by"]) == ("killed-30-health-officials", "current", None)

    result = run("validate", str(tmp_path / "seeds"))
    assert result.exit_code == 0, result.output
    assert result.output == "valid: 1 articles, 4 actors, 2 places, 1 events, 2 statements, 1 figures\n"


def test_every_curated_article_can_be_left_out(tmp_path: Path, run: Callable[..., Result]) -> None:
    curated = read_records(ROOT / "seeds")
    for article in curated["articles"]:
        left_out = leave_one_out(ROOT / "seeds", article["id"], tmp_path / article["id"])

        reduced = read_records(tmp_path / article["id"])
        assert references_to(reduced, article["id"]) == []
        assert not (tmp_path / article["id"] / article["file"]).exists()
        assert left_out.removed["articles"] == [article["id"]]
        result = run("-q", "validate", str(tmp_path / article["id"]))
        assert result.exit_code == 0, f"{article['id']}: {result.output}"


def test_a_perfect_recuration_scores_one_everywhere(tmp_path: Path) -> None:
    curated = timeline_from_records(read_records(TWO_ARTICLES))

    scores = score(curated, curated, "wire", "wire", existing={"shoot-without-warning-order"})

    assert (scores.merge_precision, scores.merge_recall) == (Ratio(1, 1), Ratio(1, 1))
    assert (scores.events, scores.figures, scores.statements) == (Ratio(1, 1), Ratio(1, 1), Ratio(1, 1))
    assert (scores.new_events, scores.duplicates) == (1, 0)


def test_an_import_that_only_adds_new_records_merges_nothing(tmp_path: Path) -> None:
    """The wire imported back as 'wire-2' with new ids everywhere, as an importer without merging drafts it."""
    curated = timeline_from_records(read_records(TWO_ARTICLES))
    leave_one_out(TWO_ARTICLES, "wire", tmp_path / "seeds")
    reduced = read_records(tmp_path / "seeds")
    existing = {e["id"] for e in reduced["events"]}
    imported = read_records(tmp_path / "seeds")
    imported["articles"].append({"id": "wire-2", "file": "articles/wire-2.txt", "title": "t", "language": "en"})
    imported["actors"] += [
        {"id": "police", "name": "Police", "kind": "security_force", "aliases": ["Kazakh police"], "draft": True},
        {"id": "the-interior-ministry", "name": "Interior Ministry", "kind": "government_body", "draft": True},
    ]

    def cites(excerpt: str) -> list[dict[str, str]]:
        return [{"article": "wire-2", "excerpt": excerpt}]

    imported["events"] += [
        {"id": "wire-2-order", "date": "2022-01-07", "type": "government_action", "draft": True,
         "actors": [{"actor": "tokayev", "role": "mentioned"}], "citations": cites("ordered security forces")},
        {"id": "wire-2-tear-gas", "date": "2022-01-07", "type": "security_operation", "draft": True,
         "actors": [{"actor": "police", "role": "mentioned"}], "citations": cites("Police used tear gas")},
    ]  # fmt: skip
    imported["statements"].append(
        {"id": "wire-2-quote", "speaker": "tokayev", "text": "We will not negotiate with criminals,", "draft": True,
         "date": "2022-01-07", "event": "wire-2-order", "sources": [{"article": "wire-2"}]}
    )  # fmt: skip
    imported["figures"].append(
        {"id": "wire-2-killed", "metric": "killed", "value": 164, "stated": "164", "qualifier": "exact",
         "date": "2022-01-09", "stated_by": "the-interior-ministry", "article": "wire-2", "excerpt": "164", "draft": True}
    )  # fmt: skip

    scores = score(curated, timeline_from_records(imported), "wire", "wire-2", existing)

    assert (scores.merge_precision, scores.merge_recall) == (Ratio(0, 0), Ratio(0, 1))
    assert (scores.new_events, scores.duplicates) == (2, 1)  # the order drafted again instead of cited
    assert scores.events == Ratio(1, 1)  # the tear gas, a day off, by "Police" alias "Kazakh police"
    assert scores.figures == Ratio(1, 1)  # stated by "Interior Ministry", an alias of the curated actor
    assert (scores.statements_text_found, scores.statements_speaker_right) == (1, 1)
    assert scores.statements == Ratio(0, 1)  # linked to the duplicate, not to the existing event
    assert (scores.missed_merges, scores.wrong_merges) == (["shoot-without-warning-order"], [])
    assert (scores.missed_events, scores.missed_figures) == ([], [])
    assert scores.missed_statements == ["tokayev-no-negotiation: event"]


def test_quotation_text_similarity() -> None:
    assert text_similarity("We will not negotiate with criminals", "“We will not negotiate with criminals,”") == 1.0
    assert text_similarity("kill without warning", "open fire, to kill without warning") == 1.0
    assert text_similarity("We view the events as an attempt", "We view the recent events as an attempt") == 14 / 15
    assert text_similarity("extremists and radicals", "dozens of attackers were liquidated") == 0.0


@pytest.mark.parametrize("page_set", ["real", "blind"])
def test_every_real_page_has_gold_naming_curated_events(page_set: str) -> None:
    """bench/real/gold and bench/blind/gold refer to curated event ids: a renamed event must be renamed there too."""
    pages_dir = ROOT / "bench" / page_set
    with (pages_dir / "index.csv").open(encoding="utf-8", newline="") as stream:
        pages = [row["id"] for row in csv.DictReader(stream)]
    curated_events = {e["id"] for e in read_records(ROOT / "seeds")["events"]}
    gold_files = sorted(p.stem for p in (pages_dir / "gold").glob("*.yaml"))

    assert gold_files == sorted(pages)
    for page in pages:
        gold = yaml.safe_load((pages_dir / "gold" / f"{page}.yaml").read_text(encoding="utf-8"))
        assert gold["article"] == page
        assert gold["reports"], page
        assert set(gold["reports"]) | set(gold["mentions"]) <= curated_events, page
        assert not set(gold["reports"]) & set(gold["mentions"]), page


def test_the_blind_set_holds_other_pages_than_the_development_set() -> None:
    def urls(page_set: str) -> set[str]:
        with (ROOT / "bench" / page_set / "index.csv").open(encoding="utf-8", newline="") as stream:
            return {row["url"] for row in csv.DictReader(stream)}

    assert urls("real").isdisjoint(urls("blind"))


def test_a_set_of_pages_reads_its_index_gold_and_texts(tmp_path: Path) -> None:
    """The layout both sets share: a page is scored when its text is present, and listed as missing otherwise."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "p1.txt").write_text("Kazakhstan's Cabinet resigned on Wednesday.", encoding="utf-8")
    digest = hashlib.sha256((tmp_path / "texts" / "p1.txt").read_bytes()).hexdigest()
    fields = "id,url,outlet,language,query,collected,published,published_in_text,text_sha256,text_chars"
    (tmp_path / "index.csv").write_text(
        f"{fields}\n"
        f"p1,https://example.org/1,Example,en,q,2026-12-04,2022-01-05,no,{digest},43\n"
        f"p2,https://example.org/2,Example,ru,q,2026-12-04,,no,{'0' * 64},10\n",
        encoding="utf-8",
    )
    (tmp_path / "gold" / "p1.yaml").write_text(
        "article: p1\nreports: [cabinet-resigns]\nmentions: [protests-begin]\n", encoding="utf-8"
    )

    present, missing = real_articles(tmp_path)

    assert [(a.id, a.published, a.published_in_text, a.reports, a.mentions) for a in present] == [
        ("p1", "2022-01-05", False, {"cabinet-resigns"}, {"protests-begin"})
    ]
    assert missing == ["p2"]
    with (tmp_path / "index.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [status(row, tmp_path) for row in rows] == ["present", "missing"]
    (tmp_path / "texts" / "p1.txt").write_text("edited", encoding="utf-8")
    assert status(rows[0], tmp_path) == "changed (not the text the recorded scores used)"


def test_the_blind_set_is_chosen_by_option_and_names_its_own_directory(capsys: pytest.CaptureFixture[str]) -> None:
    """--set blind reads bench/blind/; a page id in neither set stops before anything is imported."""
    with pytest.raises(SystemExit) as stopped:
        recurate_real_main(["--set", "blind", "--page", "no-such-page"])
    assert stopped.value.code == "no page texts under bench/blind/texts/ to score: see bench/blind/fetch.py"

    with pytest.raises(SystemExit) as stopped:
        recurate_real_main(["--page", "no-such-page"])
    assert stopped.value.code == "no page texts under bench/real/texts/ to score: see bench/real/fetch.py"

    with pytest.raises(SystemExit) as stopped:
        recurate_real_main(["--set", "dev"])
    assert stopped.value.code == 2
    assert "argument --set: invalid choice: 'dev'" in capsys.readouterr().err


def test_real_page_merges_are_scored_against_its_gold() -> None:
    curated = timeline_from_records(read_records(TWO_ARTICLES))
    imported = read_records(TWO_ARTICLES)
    imported["articles"].append({"id": "page", "file": "articles/page.txt", "title": "t", "language": "en"})
    for event in imported["events"]:  # the page cited on both existing events
        event["citations"] = [*event["citations"], {"article": "page", "excerpt": "x"}]
    page = RealArticle(
        "page", "https://example.org/", "Example", "en", None, True, Path("page.txt"),
        reports={"shoot-without-warning-order"}, mentions=set(),
    )  # fmt: skip

    scores = score_real(curated, timeline_from_records(imported), "page", page)

    assert (scores.merge_precision, scores.merge_recall) == (Ratio(1, 2), Ratio(1, 1))
    assert (scores.missed_merges, scores.wrong_merges) == ([], ["tear-gas-republic-square"])
    assert (scores.new_events, scores.duplicates) == (0, 0)


def test_additions_count_as_support_and_are_folded_into_their_records(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    """A `citations:` addition from the daily keeps the tear-gas event when the wire is left out."""
    seeds = tmp_path / "with-additions"
    shutil.copytree(TWO_ARTICLES, seeds)
    (seeds / "article-daily-additions.yaml").write_text(
        "citations:\n"
        "  - event: tear-gas-republic-square\n"
        "    article: daily\n"
        "    excerpt: Protesters who had been tear-gassed on Thursday\n"
        "statement_sources:\n"
        "  - statement: protesters-cheaper-gas\n"
        "    article: wire\n"
        "    excerpt: null\n",
        encoding="utf-8",
    )
    records = read_records(seeds)
    tear_gas = next(e for e in records["events"] if e["id"] == "tear-gas-republic-square")
    assert [c["article"] for c in tear_gas["citations"]] == ["wire", "daily"]

    left_out = leave_one_out(seeds, "wire", tmp_path / "seeds")

    assert left_out.removed["events"] == []
    assert left_out.cut_references == ["figures/killed-30-health-officials.superseded_by"]
    reduced = read_records(tmp_path / "seeds")
    tear_gas = next(e for e in reduced["events"] if e["id"] == "tear-gas-republic-square")
    assert tear_gas["citations"] == [{"article": "daily", "excerpt": "Protesters who had been tear-gassed on Thursday"}]
    assert references_to(reduced, "wire") == []
    assert run("-q", "validate", str(tmp_path / "seeds")).exit_code == 0
