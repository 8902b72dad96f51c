"""A statement beside the other wordings the articles give of it: fragments, other wordings, other speakers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result

from kztimeline.query.wordings import compare

ORDER = "I gave an order to the law enforcement agencies and the army to open fire, to kill without warning"


def statement(statement_id: str, text: str, speaker: str = "tokayev", event: str | None = "order") -> dict[str, Any]:
    return {"id": statement_id, "text": text, "speaker_id": speaker, "event_id": event, "date": "2022-01-07"}


def test_fragments_longer_wordings_and_other_wordings_are_told_apart() -> None:
    found = compare(
        statement("full", ORDER),
        [
            statement("fragment", "kill without warning"),
            statement(
                "translated",
                "I ordered the law enforcement agencies and the army to open fire and kill without warning",
            ),
            statement("speech", "What negotiations could there be with criminals and murderers?"),
            statement("elsewhere", "We will restore order", event="other-event"),
        ],
    )
    assert [(w.statement["id"], w.relation) for w in found.related] == [
        ("fragment", "fragment"),
        ("translated", "other wording"),
        ("speech", "same event"),  # another sentence of the same address: listed, not compared
    ]
    assert found.differs
    translated = found.related[1]
    assert [word for word, differs in translated.words if differs] == ["ordered", "and"]  # "fire," is "fire"
    assert [word for word, differs in found.words if differs] == ["gave", "an", "order", "to", "to"]


def test_the_same_words_from_someone_else_are_flagged_but_a_common_word_is_not() -> None:
    found = compare(
        statement("full", ORDER),
        [
            statement("minister", "open fire, to kill without warning", speaker="interior-minister", event=None),
            statement("terrorists", "terrorists", speaker="putin", event=None),
        ],
    )
    assert [(w.statement["id"], w.relation, w.other_speaker) for w in found.related] == [("minister", "fragment", True)]
    assert found.differs


def test_a_fragment_alone_is_not_a_difference() -> None:
    assert not compare(statement("full", ORDER), [statement("fragment", "to kill without warning")]).differs


def add_wordings(seeds: Path) -> None:
    """A second article gives Blinken's words in other words; a third puts them in someone else's mouth."""
    texts = {
        "second": 'Blinken said: "So it is not clear why they feel the need for outside assistance."',
        "third": '"So it\'s not clear why they feel the need for any outside assistance," Tokayev said.',
    }
    for article_id, text in texts.items():
        (seeds / "articles" / f"{article_id}.txt").write_text(text + "\n", encoding="utf-8")
    document = {
        "articles": [
            {
                "id": article_id,
                "file": f"articles/{article_id}.txt",
                "title": "Outside assistance",
                "outlet": f"{article_id.title()} Paper",
                "language": "en",
            }
            for article_id in texts
        ],
        "statements": [
            {
                "id": "blinken-outside-assistance-second",
                "speaker": "blinken",
                "text": "So it is not clear why they feel the need for outside assistance.",
                "date": "2022-01-07",
                "timezone": "America/New_York",
                "event": "blinken-briefing",
                "sources": [{"article": "second"}],
            },
            {
                "id": "tokayev-outside-assistance",
                "speaker": "tokayev",
                "text": "So it's not clear why they feel the need for any outside assistance",
                "date": "2022-01-07",
                "timezone": "America/New_York",
                "sources": [{"article": "third"}],
            },
        ],
    }
    (seeds / "wordings.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def test_statement_shows_the_other_wordings_with_the_words_that_differ(
    seeds: Path, db_path: Path, run: Callable[..., Result]
) -> None:
    add_wordings(seeds)
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0, run("validate", str(seeds)).stdout
    shown = run("--db", str(db_path), "statement", "blinken-outside-assistance").stdout
    assert "Another wording (blinken-outside-assistance-second)\n" in shown
    assert "“So ⟦it⟧ ⟦is⟧ not clear why they feel the need for outside assistance.”" in shown
    assert (
        "A fragment of it, attributed to Kassym-Jomart Tokayev: one of the two attributions may be wrong"
        " (tokayev-outside-assistance)\n"
    ) in shown
    document = json.loads(
        run("--db", str(db_path), "statement", "blinken-outside-assistance", "--format", "json").stdout
    )
    assert [(r["statement"]["id"], r["relation"], r["attributed_to_someone_else"]) for r in document["related"]] == [
        ("blinken-outside-assistance-second", "other wording", False),
        ("tokayev-outside-assistance", "fragment", True),
    ]
    variants = json.loads(run("--db", str(db_path), "quotes", "--variants", "--format", "json").stdout)
    assert [quote["id"] for quote in variants] == [
        "blinken-outside-assistance",
        "blinken-outside-assistance-second",
        "tokayev-outside-assistance",
    ]


def test_an_unknown_statement_is_a_one_line_error_with_the_closest_ids(
    loaded_sqlite_db: Path, run: Callable[..., Result]
) -> None:
    result = run("--db", str(loaded_sqlite_db), "statement", "blinken-outside")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no statement matches 'blinken-outside'; did you mean 'blinken-outside-assistance'?\n"
    )


def test_the_html_page_shows_the_other_wordings_under_the_quotation(
    seeds: Path, db_path: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    add_wordings(seeds)
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    page = tmp_path / "page.html"
    assert run("--db", str(db_path), "export", "--format", "html", "--output", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert (
        "<li>other wording: “So <mark>it</mark> <mark>is</mark> not clear why they feel the need for outside"
        ' assistance.” <a href="#statement-blinken-outside-assistance-second">(blinken-outside-assistance-second)</a></li>'
    ) in html
    assert '— <span class="flag">attributed to Kassym-Jomart Tokayev</span></li>' in html
    assert html.count('<details class="wordings">') == 3  # each of the three quotations, under its own line
