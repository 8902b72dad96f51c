"""The seeds YAML reader: plain values with the line and column of every key, value and item."""

from __future__ import annotations

from pathlib import Path

import pytest

from kztimeline.curation.yaml_source import load_positioned, locate, locate_key, read_seed_file

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
