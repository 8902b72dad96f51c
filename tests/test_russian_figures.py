"""Russian counts: the verb that says what a number counts is recognised in any inflection."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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
