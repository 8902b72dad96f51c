"""Forms real pages use that the parser reads: Russian count verbs in any inflection, documents that "read"."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def test_a_russian_count_is_read_in_any_inflection_of_its_verb(tmp_path: Path, run: Callable[..., Result]) -> None:
    article = tmp_path / "ru.txt"
    article.write_text(
        "Опубликовано 12 января 2022\n\nЗадержания в Алматы\n\n"
        "В понедельник полиция задержала 200 человек. Во вторник военные ранили 12 человек.\n",
        encoding="utf-8",
    )
    parsed = json.loads(run("parse", str(article), "--format", "json").stdout)
    assert [(f["metric"], f["value"]) for f in parsed["figures"]] == [("detained", 200), ("injured", 12)]


def test_a_document_that_reads_is_quoted_but_is_not_a_speaker(tmp_path: Path, run: Callable[..., Result]) -> None:
    article = tmp_path / "statement.txt"
    article.write_text(
        "Published January 12, 2022\n\nHeadline\n\n\u2018We will not give up,\u2019 the statement read.\n",
        encoding="utf-8",
    )
    parsed = json.loads(run("parse", str(article), "--format", "json").stdout)
    assert [(q["text"], q["speaker"]) for q in parsed["quotes"]] == [("We will not give up", None)]


def test_parse_reads_a_saved_web_page_as_import_does(run: Callable[..., Result]) -> None:
    pytest.importorskip("trafilatura")
    page = Path(__file__).parent / "data" / "web" / "steppe-wire.html"
    parsed = json.loads(run("parse", str(page), "--format", "json").stdout)
    assert "<" not in parsed["body"]  # the article text, not the markup
    assert parsed["title"] and parsed["published"]


def test_a_dash_opens_a_quotation_translated_from_russian(tmp_path: Path, run: Callable[..., Result]) -> None:
    article = tmp_path / "dash.txt"
    article.write_text(
        "Published January 12, 2022\n\nHeadline\n\nThe minister spoke on Tuesday.\n\n"
        "\u2013 We have done our job, said Erlan Turgumbayev.\n",
        encoding="utf-8",
    )
    parsed = json.loads(run("parse", str(article), "--format", "json").stdout)
    assert [(q["text"], q["speaker"]) for q in parsed["quotes"]] == [("We have done our job", "Erlan Turgumbayev")]
