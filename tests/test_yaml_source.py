"""The seeds YAML reader: plain values with the line and column of every key, value and item."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kztimeline.curation.yaml_source import (
    load_positioned,
    locate,
    locate_key,
    read_seed_file,
    read_seed_text,
    shown,
)

EVENTS = """\
events:
  - id: protest-starts
    date: 2022-01-02
    time: 13:22
    value: 164
    big: 1_000
    confirmed: yes
    note: ~
    title: "2022-01-02"
  - id: second
    tags: [a, b]
"""


def test_values_keep_their_yaml_types_except_dates_and_times() -> None:
    content = load_positioned(EVENTS)
    first = content["events"][0]
    assert first == {
        "id": "protest-starts",
        "date": "2022-01-02",
        "time": "13:22",
        "value": 164,
        "big": 1000,
        "confirmed": True,
        "note": None,
        "title": "2022-01-02",
    }


def test_every_value_item_and_key_has_its_line_and_column() -> None:
    content = load_positioned(EVENTS)
    assert locate(content, ()) == (1, 1)
    assert locate(content, ("events", 0)) == (2, 5)
    assert locate(content, ("events", 0, "time")) == (4, 11)
    assert locate(content, ("events", 1, "tags", 1)) == (11, 15)
    assert locate_key(content, ("events", 1), "tags") == (11, 5)


def test_a_missing_step_points_at_the_nearest_ancestor() -> None:
    content = load_positioned(EVENTS)
    assert locate(content, ("events", 1, "summary")) == (10, 5)
    assert locate(content, ("events", 7)) == (2, 3)


def test_anchors_aliases_and_merge_keys() -> None:
    content = load_positioned("base: &b {kind: person, country: KZ}\nactor:\n  <<: *b\n  kind: organisation\n")
    assert content["actor"] == {"kind": "organisation", "country": "KZ"}
    assert content["base"] == {"kind": "person", "country": "KZ"}


def test_an_empty_file_is_none() -> None:
    assert load_positioned("") is None
    assert load_positioned("# only a comment\n") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "x.yaml:3:1: (yaml): while constructing a mapping duplicate key 'a'"),
        ("a: !!binary aGk=\n", "x.yaml:1:4: (yaml): unsupported tag 'tag:yaml.org,2002:binary'"),
        ("a: *nowhere\n", "x.yaml:1:4: (yaml): found undefined alias 'nowhere'"),
        ("a: 1\n---\nb: 2\n", "x.yaml:2:1: (yaml): a second document ('---'): a seeds file holds one"),
        ("a: [1, 2\n", "x.yaml:2:1: (yaml): while parsing a flow sequence did not find expected ',' or ']'"),
    ],
)
def test_documents_the_seeds_format_cannot_use_are_problems_with_positions(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    seed_file, problems = read_seed_file(path, "x.yaml")
    assert seed_file.content is None
    assert [str(problem) for problem in problems] == [expected]


def test_the_editor_schema_line_is_a_comment_that_changes_no_value_and_shifts_positions_by_one(tmp_path: Path) -> None:
    plain, commented = tmp_path / "plain.yaml", tmp_path / "commented.yaml"
    plain.write_text(EVENTS, encoding="utf-8")
    commented.write_text("# yaml-language-server: $schema=../kztimeline/schemas/seeds.schema.json\n" + EVENTS)
    (without, no_problems), (with_line, problems) = read_seed_file(plain, "p"), read_seed_file(commented, "c")
    assert no_problems == problems == []
    assert with_line.content == without.content
    assert locate(with_line.content, ("events", 1, "tags")) == (12, 11)  # the line below the comment
    assert locate(without.content, ("events", 1, "tags")) == (11, 11)


def test_every_curated_seeds_file_names_the_schema_for_editors() -> None:
    repository_seeds = Path(__file__).resolve().parent.parent / "seeds"  # where curators edit them
    for path in sorted(repository_seeds.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../kztimeline/schemas/seeds.schema.json", path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file()


# --- limits: aliases, file size, non-regular files, long values in messages ---------------------------------------

HOSTILE = Path(__file__).parent / "data" / "hostile"


def test_an_alias_bomb_fails_at_once_naming_the_file_and_the_line() -> None:
    bomb = HOSTILE / "alias-bomb.yaml"
    assert bomb.stat().st_size < 446  # nine levels of nine aliases: a billion values when walked
    seed_file, problems = read_seed_file(bomb, "alias-bomb.yaml")
    assert seed_file.content is None
    assert [(p.file, p.line, p.column, p.type) for p in problems] == [("alias-bomb.yaml", 7, 8, "yaml-syntax")]
    assert problems[0].message.startswith("aliases (*name) stand for more than 1,000,780 values: an alias bomb?")


def test_the_validate_command_reports_an_alias_bomb_in_one_line(seeds: Path, run: Callable[..., Result]) -> None:
    (seeds / "events.yaml").write_bytes((HOSTILE / "alias-bomb.yaml").read_bytes())
    started = time.monotonic()
    result = run("validate", str(seeds))
    assert time.monotonic() - started < 10  # was 40 s and 5.5 GB
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "events.yaml" in line] == [
        f"{seeds / 'events.yaml'}:7:8: (yaml): aliases (*name) stand for more than 1,000,780 values: an alias bomb? "
        "(values repeated through aliases may be at most 1,000,000 plus 10 for every value written)"
    ]


def test_anchors_and_merges_within_the_limits_still_work() -> None:
    content = load_positioned("base: &base {kind: city, country: kz}\nplaces:\n  - <<: *base\n    id: almaty\n")
    assert content["places"] == [{"id": "almaty", "kind": "city", "country": "kz"}]


def test_too_many_aliases_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import kztimeline.curation.yaml_source as yaml_source

    monkeypatch.setattr(yaml_source, "MAX_ALIASES", 3)
    with pytest.raises(yaml_source.SeedYAMLError, match="more than 3 aliases"):
        load_positioned("a: &a x\nb: [*a, *a, *a, *a]\n")


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("events: []\n" + "#" * 100 + "\n", encoding="utf-8")
    _, problems = read_seed_file(path, "events.yaml", max_bytes=100)
    assert [(p.line, p.message) for p in problems] == [(1, "112 bytes, more than the 100 a seeds file may have")]


def test_a_device_or_a_pipe_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.symlink_to("/dev/zero")
    _, problems = read_seed_file(path, "events.yaml")
    assert [p.message for p in problems] == ["not a regular file (a device, a pipe or a socket): not read"]
    fifo = tmp_path / "places.yaml"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    _, problems = read_seed_file(fifo, "places.yaml")
    assert [p.message for p in problems] == ["not a regular file (a device, a pipe or a socket): not read"]


def test_messages_show_a_long_value_cut_short() -> None:
    key = "k" * 1_000_000
    _, problems = read_seed_text(f"? {key}\n: 1\n? {key}\n: 2\n", "x.yaml")  # explicit keys have no length limit
    assert problems[0].message == (f"while constructing a mapping duplicate key {'k' * 60!r}… (1,000,000 characters)")
    assert shown(list(range(10))) == "a list of 10 items"
    assert shown("short") == "'short'"


def test_yaml_on_standard_input_is_read_up_to_the_limit(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from kztimeline.cli import cli

    monkeypatch.setattr("kztimeline.cli.validate.DEFAULT_MAX_YAML_BYTES", 100)
    result = CliRunner().invoke(cli, ["validate", "-", "--seeds", str(seeds)], input="events: []\n" + "#" * 100)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        1,
        "Error: the seeds YAML on standard input: more than 100 bytes",
    )
