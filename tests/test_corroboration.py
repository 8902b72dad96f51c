"""How many independent sources report an event or a statement: the rule, and where users see it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from kztimeline.query.corroboration import Corroboration, Source, corroborate

ORDER = 'President Kassym-Jomart Tokayev on Friday ordered peacekeeping forces to "kill without warning"'
LONG = (
    "Kazakhstan's president said on Friday he had ordered security forces to open fire without warning on"
    " what he called bandits and terrorists, as the unrest spread to several cities"
)


def test_articles_of_one_outlet_count_once() -> None:
    sources = [Source("a", "Example Wire"), Source("b", "example  wire"), Source("c", "Other Paper")]
    assert corroborate(sources) == Corroboration(sources=3, independent=2)


def test_relays_of_one_original_count_once() -> None:
    sources = [Source("a", "Paper One", via="cnn"), Source("b", "Paper Two", via="cnn"), Source("c", "Paper Three")]
    assert corroborate(sources) == Corroboration(3, 2)


def test_copies_of_one_story_count_once_but_short_excerpts_are_not_copies() -> None:
    copy = LONG.replace("several cities", "several other cities")
    assert corroborate([Source("a", "Paper One", excerpt=LONG), Source("b", "Paper Two", excerpt=copy)]) == (
        Corroboration(2, 1)
    )
    short = "Tokayev ordered troops to fire"  # the same few words are the event, not a copy
    assert corroborate([Source("a", "One", excerpt=short), Source("b", "Two", excerpt=short)]) == Corroboration(2, 2)


def test_an_article_whose_outlet_is_not_named_is_its_own_source() -> None:
    assert corroborate([Source("a", None), Source("b", None), Source("c", "")]) == Corroboration(3, 3)
    assert corroborate([Source("a", "One"), Source("a", "One")]) == Corroboration(1, 1)  # cited twice, one article
    assert corroborate([]) == Corroboration(0, 0)


def add_reports(seeds: Path) -> None:
    """Three more articles on the kill order: one more Example Wire story, one outlet, one with no outlet named."""
    articles = {
        "wire-again": ("Example Wire", ORDER + "."),
        "other-paper": (
            "Other Paper",
            "Tokayev told the army it may shoot without warning as protests spread. \"So it's not clear why they feel the need for any outside assistance. So"
            " we're trying to learn more about it,\" Blinken told the BBC.",
        ),
        "unnamed": (None, "A report said Tokayev ordered forces to kill without warning."),
    }
    records = []
    citations = []
    for article_id, (outlet, text) in articles.items():
        (seeds / "articles" / f"{article_id}.txt").write_text(text + "\n", encoding="utf-8")
        records.append(
            {"id": article_id, "file": f"articles/{article_id}.txt", "title": "Kill order", "language": "en"}
            | ({"outlet": outlet} if outlet else {})
        )
        excerpt = {"wire-again": ORDER, "other-paper": text.split(". ")[0] + "."}.get(article_id, text)
        citations.append({"event": "tokayev-kill-order", "article": article_id, "excerpt": excerpt})
    sources = [{"statement": "blinken-outside-assistance", "article": "other-paper", "via": "bbc"}]
    document = {"articles": records, "citations": citations, "statement_sources": sources}
    (seeds / "reports.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def test_show_says_how_many_sources_and_how_many_are_independent(
    seeds: Path, db_path: Path, run: Callable[..., Result]
) -> None:
    add_reports(seeds)
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    shown = run("--db", str(db_path), "show").stdout
    # Example Wire twice (one outlet), Other Paper in its own words, and an article with no outlet named
    assert "    Sources: [1] [3] [2] [4]  (4 sources, 3 independent)\n" in shown
    assert shown.count("(single source)") == 2
    documents = json.loads(run("--db", str(db_path), "show", "--format", "json").stdout)
    counted = {event["id"]: event["corroboration"] for event in documents}
    assert counted["tokayev-kill-order"] == {"sources": 4, "independent": 3, "single_source": False}
    assert counted["police-disperse-crowd"] == {"sources": 1, "independent": 1, "single_source": True}
    quotes = json.loads(run("--db", str(db_path), "quotes", "--format", "json").stdout)
    assert {q["id"]: (q["corroboration"]["sources"], q["corroboration"]["independent"]) for q in quotes} == {
        "blinken-outside-assistance": (2, 1),  # two articles, both relaying the BBC
        "tokayev-kill-without-warning": (1, 1),
    }


def test_min_sources_keeps_what_enough_independent_sources_report(
    engine: str, seeds: Path, engine_db: str, run: Callable[..., Result]
) -> None:
    add_reports(seeds)
    assert run("--db", engine_db, "load", str(seeds)).exit_code == 0
    shown = json.loads(run("--db", engine_db, "show", "--min-sources", "2", "--format", "json").stdout)
    assert [event["id"] for event in shown] == ["tokayev-kill-order"]
    assert json.loads(run("--db", engine_db, "show", "--min-sources", "4", "--format", "json").stdout) == []
    assert json.loads(run("--db", engine_db, "quotes", "--min-sources", "2", "--format", "json").stdout) == []
    exported = json.loads(run("--db", engine_db, "export", "--min-sources", "2").stdout)
    assert [event["id"] for event in exported["events"]] == ["tokayev-kill-order"]
    assert exported["events"][0]["corroboration"] == {"sources": 4, "independent": 3, "single_source": False}
    assert run("--db", engine_db, "show", "--min-sources", "0").exit_code == 2


def test_the_table_for_sql_holds_the_numbers_the_documents_show(
    seeds: Path, db_path: Path, run: Callable[..., Result]
) -> None:
    add_reports(seeds)
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT record_kind, record_id, sources, independent FROM corroboration ORDER BY 1, 2"
        ).fetchall()
    assert ("event", "tokayev-kill-order", 4, 3) in rows
    assert ("statement", "blinken-outside-assistance", 2, 1) in rows
    assert len(rows) == 3 + 2  # every event and every statement of the fixture seeds


def test_an_upgrade_counts_what_a_database_of_the_revision_before_holds(
    seeds: Path, db_path: Path, run: Callable[..., Result]
) -> None:
    from kztimeline.db import migrate
    from kztimeline.db.engine import make_engine

    add_reports(seeds)
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    engine = make_engine(f"sqlite:///{db_path}")
    migrate.downgrade(engine, "0006")  # a database loaded before the table existed
    migrate.upgrade(engine)
    engine.dispose()
    with sqlite3.connect(db_path) as connection:
        counted = connection.execute(
            "SELECT sources, independent FROM corroboration WHERE record_id = 'tokayev-kill-order'"
        ).fetchall()
    assert counted == [(4, 3)]


def test_the_html_page_marks_what_one_source_reports(
    seeds: Path, db_path: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    add_reports(seeds)
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    page = tmp_path / "page.html"
    assert run("--db", str(db_path), "export", "--format", "html", "--output", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert '<span class="corroboration">(4 sources, 3 independent)</span>' in html
    assert html.count('<span class="corroboration single">(single source)</span>') == 2
