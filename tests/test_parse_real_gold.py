"""The gold of the parser's real page sets (bench/parse_real/) follows the conventions and fits its texts.

The texts are third-party and kept out of git: the checks that need them skip when a text is absent, and every
check that needs only the committed files (the index, the gold) always runs. Nothing here runs the parser on the
real pages (the blind set is scored once, by hand); the scoring path is tested on a small set written here.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kztimeline.resources import seeds_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.parse_quality import TextsUnusable, check_texts, real_set_scores  # noqa: E402
from bench.parse_quality import main as parse_quality_main  # noqa: E402
from bench.parse_real.fetch import SETS, read_index, unusable_texts  # noqa: E402
from kztimeline.parse.gazetteer import Gazetteers  # noqa: E402

INDEX_COLUMNS = [
    "id", "url", "outlet", "language", "query", "collected", "published", "published_in_text", "text_sha256",
    "text_chars",
]  # fmt: skip
METRICS = {"killed", "injured", "detained", "troops_deployed", "criminal_cases"}
QUALIFIERS = {"exact", "about", "at least", "more than", "nearly", "up to", "dozens", "hundreds", "thousands", "several",
              "range"}  # fmt: skip
PREFIX = {"dev": "pd", "blind": "pb"}


def gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SETS[name] / "articles.yaml").read_text(encoding="utf-8"))
    return data


def curated_actor_ids() -> set[str]:
    actors = yaml.safe_load((seeds_dir() / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    return {actor["id"] for actor in actors}


def iso_date_or_none(value: Any) -> bool:
    if value is None:
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)) is not None


def spans(article: dict[str, Any]) -> list[str]:
    found = [str(item["text"]) for key in ("quotes", "figures", "dates", "excluded") for item in article[key]]
    return found + ([str(article["title"])] if article["title"] else [])


@pytest.mark.parametrize("name", sorted(SETS))
def test_index_lists_each_page_once_with_every_column(name: str) -> None:
    with (SETS[name] / "index.csv").open(encoding="utf-8", newline="") as stream:
        assert csv.DictReader(stream).fieldnames == INDEX_COLUMNS
    rows = read_index(SETS[name])
    assert len(rows) == len({row["id"] for row in rows}) == len({row["url"] for row in rows})
    for row in rows:
        assert re.fullmatch(rf"{PREFIX[name]}\d\d-[a-z0-9-]+", row["id"]), row["id"]
        assert row["language"] in {"en", "ru"} and row["url"].startswith(("http://", "https://")), row["id"]
        assert row["outlet"] and row["query"] and iso_date_or_none(row["collected"]), row["id"]
        assert row["published"] == "" or iso_date_or_none(row["published"]), row["id"]
        assert row["published_in_text"] in {"yes", "no"}, row["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", row["text_sha256"]) and int(row["text_chars"]) > 0, row["id"]
    assert {row["language"] for row in rows} == {"en", "ru"}


def test_blind_pages_are_other_pages_than_the_development_ones_and_than_the_import_benchmarks() -> None:
    """A page scored blind must not have been seen elsewhere: not in dev, and not in bench/real or bench/blind."""
    urls = {name: {row["url"] for row in read_index(directory)} for name, directory in SETS.items()}
    assert urls["dev"].isdisjoint(urls["blind"])
    earlier = {
        row["url"] for directory in (ROOT / "bench" / "real", ROOT / "bench" / "blind") for row in read_index(directory)
    }
    assert (urls["dev"] | urls["blind"]).isdisjoint(earlier)
    outlets = {name: {row["outlet"] for row in read_index(directory)} for name, directory in SETS.items()}
    assert len(outlets["dev"]) >= 10 and len(outlets["blind"]) >= 10


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_annotates_exactly_the_indexed_pages_in_the_conventions_of_tests_gold(name: str) -> None:
    data = gold(name)
    assert data["articles_dir"] == "texts"
    assert [article["file"] for article in data["articles"]] == [f"{row['id']}.txt" for row in read_index(SETS[name])]
    actors = curated_actor_ids()
    for article in data["articles"]:
        where = article["file"]
        assert set(article) == {"file", "published", "title", "quotes", "figures", "dates", "excluded"}, where
        assert iso_date_or_none(article["published"]) and (article["title"] is None or article["title"]), where
        for quote in article["quotes"]:
            assert set(quote) == {"text", "speaker_id", "speaker"} and quote["text"] and quote["speaker"], where
            assert quote["speaker_id"] is None or quote["speaker_id"] in actors, where
            assert not str(quote["text"]).endswith(","), (where, quote["text"])  # the comma before the mark is left out
        for figure in article["figures"]:
            assert set(figure) == {"metric", "value", "qualifier", "text"}, where
            assert figure["metric"] in METRICS and figure["qualifier"] in QUALIFIERS, (where, figure)
            vague = figure["qualifier"] in {"dozens", "hundreds", "thousands", "several", "range"}
            assert figure["value"] is None if vague else isinstance(figure["value"], int), (where, figure)
        for date in article["dates"]:
            assert set(date) == {"text", "date", "precision"} and date["precision"] in {"day", "week"}, where
            assert iso_date_or_none(date["date"]), (where, date)
            if article["published"] is None:  # resolved only against a publication date the text states
                assert date["date"] is None, (where, date)
        for item in article["excluded"]:
            assert set(item) == {"text", "reason"} and item["reason"].split(" - ")[0] in {"quote", "figure", "date"}
        for key in ("quotes", "figures", "dates"):  # one entry per distinct item
            keys = [tuple(sorted((k, str(v)) for k, v in item.items())) for item in article[key]]
            assert len(keys) == len(set(keys)), (where, key)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_gold_span_is_verbatim_in_the_text_it_was_annotated_on(name: str) -> None:
    directory = SETS[name]
    rows = {f"{row['id']}.txt": row for row in read_index(directory)}
    present = [a for a in gold(name)["articles"] if (directory / "texts" / a["file"]).exists()]
    if not present:
        pytest.skip(f"no texts under {directory}/texts/ (third-party, not in git: see bench/parse_real/fetch.py)")
    for article in present:
        raw = (directory / "texts" / article["file"]).read_bytes()
        row = rows[article["file"]]
        assert hashlib.sha256(raw).hexdigest() == row["text_sha256"], f"{article['file']} is not the annotated text"
        text = raw.decode("utf-8")
        assert len(text) == int(row["text_chars"])
        assert [span for span in spans(article) if span not in text] == [], article["file"]


def write_real_set(directory: Path, texts: dict[str, tuple[str, str]], gold_articles: list[dict[str, Any]]) -> None:
    """A set laid out like bench/parse_real/dev: index.csv, articles.yaml and texts/ (id -> (language, text))."""
    (directory / "texts").mkdir(parents=True)
    rows = []
    for page, (language, text) in texts.items():
        (directory / "texts" / f"{page}.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        rows.append(
            [page, f"https://example.org/{page}", "Example", language, "q", "2026-12-04", "", "no", digest, len(text)]
        )
    with (directory / "index.csv").open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([INDEX_COLUMNS, *rows])
    (directory / "articles.yaml").write_text(
        yaml.safe_dump({"articles_dir": "texts", "articles": gold_articles}, allow_unicode=True), encoding="utf-8"
    )


def entry(file: str, quote: str, speaker: str) -> dict[str, Any]:
    return {
        "file": file, "published": None, "title": None, "figures": [], "dates": [], "excluded": [],
        "quotes": [{"text": quote, "speaker_id": None, "speaker": speaker}],
    }  # fmt: skip


def test_a_real_set_is_scored_as_a_whole_and_per_language(tmp_path: Path) -> None:
    write_real_set(
        tmp_path,
        {
            "p1": ("en", '"We will stay until the end," said Dana Reyes, a nurse.\n'),
            "p2": ("ru", "«Мы останемся до конца», — сказал Иван Петров.\n"),
        },
        [
            entry("p1.txt", "We will stay until the end", "Dana Reyes"),
            entry("p2.txt", "Мы останемся до конца", "Иван Петров"),
        ],
    )
    results = real_set_scores("x", tmp_path, Gazetteers.from_seeds(seeds_dir()))
    assert [label for label, _, _ in results] == ["real-x", "real-x en", "real-x ru"]
    assert [(score.quotes.gold, score.published.gold) for _, score, _ in results] == [(2, 2), (1, 1), (1, 1)]
    assert sorted(results[0][2]) == ["p1.txt", "p2.txt"]


def test_missing_and_edited_texts_are_refused_with_the_way_to_get_them_back(tmp_path: Path) -> None:
    write_real_set(tmp_path, {"p1": ("en", "One.\n"), "p2": ("en", "Two.\n")}, [])
    (tmp_path / "texts" / "p1.txt").unlink()
    (tmp_path / "texts" / "p2.txt").write_text("Two, edited.\n", encoding="utf-8")
    assert sorted(unusable_texts(tmp_path)) == ["p1", "p2"]
    with pytest.raises(TextsUnusable) as refused:
        check_texts("x", tmp_path)
    assert str(refused.value) == (
        f"2 of 2 texts of the real x set under {tmp_path}/texts/ are not the annotated ones: p1 (missing), "
        "p2 (changed). They are third-party and not in git; python bench/parse_real/fetch.py --set x says where each "
        "comes from."
    )


def test_the_command_stops_before_scoring_when_a_real_text_is_absent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_real_set(tmp_path, {"p1": ("en", "One.\n")}, [])
    (tmp_path / "texts" / "p1.txt").unlink()
    monkeypatch.setitem(SETS, "dev", tmp_path)
    with pytest.raises(SystemExit) as stopped:
        parse_quality_main(["--real", "dev"])
    assert stopped.value.code == 1
    assert capsys.readouterr().err.split(": ", 1)[1] == (
        f"1 of 1 texts of the real dev set under {tmp_path}/texts/ are not the annotated ones: p1 (missing). They are "
        "third-party and not in git; python bench/parse_real/fetch.py --set dev says where each comes from.\n"
    )
