"""A duplicate id is reported at the new record (the one read second), naming the file and line of the first one:
within one file, across files, in every section."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

SECTIONS = ("articles", "actors", "places", "events", "statements", "figures")


def first_record(seeds: Path, section: str) -> tuple[str, str]:
    """The id and the YAML text of the first record of a fixture file (each starts ``section:`` then ``  - id:``)."""
    lines = (seeds / f"{section}.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    end = next((i for i in range(2, len(lines)) if lines[i].startswith("  - id: ")), len(lines))
    return lines[1].removeprefix("  - id: ").strip(), "".join(lines[1:end])


@pytest.mark.parametrize("section", SECTIONS)
def test_a_record_repeated_in_another_file_is_reported_there(
    section: str, seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id, record = first_record(seeds, section)
    (seeds / "zz-additions.yaml").write_text(f"# added later\n{section}:\n{record}", encoding="utf-8")
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        f"zz-additions.yaml:3:9: {section}[{record_id}].id: duplicate id {record_id!r} (first defined at"
        f" {section}.yaml:2)\n"
    )


@pytest.mark.parametrize("section", SECTIONS)
def test_a_record_repeated_in_its_own_file_is_reported_at_the_second(
    section: str, seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id, record = first_record(seeds, section)
    path = seeds / f"{section}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + record, encoding="utf-8")
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    line = text.count("\n") + 1
    assert result.stderr == (
        f"{section}.yaml:{line}:9: {section}[{record_id}].id: duplicate id {record_id!r} (first defined at"
        f" {section}.yaml:2)\n"
    )


def test_the_same_id_in_two_sections_is_no_duplicate(seeds: Path, run: Callable[..., Result]) -> None:
    figures = seeds / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("id: killed-44", "id: blinken-briefing"))
    assert run("validate", str(seeds)).exit_code == 0


def test_validating_one_file_reports_its_duplicates_in_it_wherever_it_sorts(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id, record = first_record(seeds, "events")
    # `import` names its drafts article-<id>.yaml, which sort before events.yaml; the file checked is the new one
    (seeds / "article-new.yaml").write_text(f"events:\n{record}", encoding="utf-8")
    monkeypatch.chdir(seeds)
    result = run("validate", "article-new.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"article-new.yaml:2:9: events[{record_id}].id: duplicate id {record_id!r} (first defined at events.yaml:2)\n"
    )
    curated = run("validate", "events.yaml")  # checked as the new file, events.yaml holds the duplicate instead
    assert curated.stderr == (
        f"events.yaml:2:9: events[{record_id}].id: duplicate id {record_id!r} (first defined at article-new.yaml:2)\n"
    )
