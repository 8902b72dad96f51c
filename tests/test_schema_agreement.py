"""The one seeds validator (fastjsonschema, compiled from the draft-07 schema) agrees with the reference
implementation (jsonschema's Draft7Validator) on valid seeds and on every kind of broken record."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_validate import BROKEN

from kztimeline.curation.validate import schema_errors
from kztimeline.curation.yaml_source import read_seed_text
from kztimeline.resources import schema_path, seeds_dir

FIXTURE = Path(__file__).parent / "data" / "seeds"


def reference_validator() -> jsonschema.Draft7Validator:
    schema = json.loads(schema_path("seeds").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    return jsonschema.Draft7Validator(schema)


def read(text: str) -> Any:
    """A seeds file as the project reads it: dates and times stay text, as the schema expects."""
    seed_file, problems = read_seed_text(text, "test.yaml")
    assert problems == []
    return seed_file.content


def agrees(document: Any) -> bool:
    return reference_validator().is_valid(document) == (not list(schema_errors(document)))


@pytest.mark.parametrize("path", sorted(seeds_dir().glob("*.yaml")) + sorted(FIXTURE.glob("*.yaml")), ids=str)
def test_valid_seeds_are_valid_for_both(path: Path) -> None:
    document = read(path.read_text(encoding="utf-8"))
    assert reference_validator().is_valid(document)
    assert list(schema_errors(document)) == []


@pytest.mark.parametrize("kind", [kind for kind, (file, *_) in BROKEN.items() if kind != "yaml-syntax"])
def test_each_broken_fixture_gets_the_same_verdict(kind: str) -> None:
    file, old, new, _ = BROKEN[kind]
    seed_file, problems = read_seed_text((FIXTURE / file).read_text(encoding="utf-8").replace(old, new), file)
    if problems:  # a YAML error (a duplicate key): nothing reaches the schema
        return
    assert agrees(seed_file.content)


def event(**changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(dict(read((FIXTURE / "events.yaml").read_text(encoding="utf-8"))["events"][0]))
    for key, value in changes.items():
        if value is ...:
            del record[key]
        else:
            record[key] = value
    return {"events": [record]}


HOSTILE: dict[str, Callable[[], dict[str, Any]]] = {
    "a float id": lambda: event(id=1.0),
    "a boolean where text is wanted": lambda: event(title=True),
    "an empty id": lambda: event(id=""),
    "a null title": lambda: event(title=None),
    "no citations": lambda: event(citations=...),
    "an empty list of citations": lambda: event(citations=[]),
    "an extra key in a citation": lambda: event(citations=[{"article": "briefing", "excerpt": "x", "page": 2}]),
    "a date that is a number": lambda: event(date=20220106),
    "a date_latest that is not a date": lambda: event(date_latest="soon"),
    "a null date_latest": lambda: event(date_latest=None),
    "a list where a mapping is wanted": lambda: {"events": [["id", "x"]]},
    "an unknown section": lambda: {"happenings": []},
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_values_get_the_same_verdict(case: str) -> None:
    assert agrees(HOSTILE[case]())


def test_a_record_with_two_problems_reports_both() -> None:
    errors = list(schema_errors(event(title=None, type="riot")))
    assert sorted((error.keyword, error.path) for error in errors) == [
        ("enum", ("events", 0, "type")),
        ("type", ("events", 0, "title")),
    ]
