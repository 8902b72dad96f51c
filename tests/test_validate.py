"""`kztimeline validate`: every problem, one line each, as file:line:col: field: message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit


def test_valid_seeds_report_their_counts(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("validate", str(seeds))
    assert result.exit_code == 0
    assert result.stdout == "valid: 1 articles, 5 actors, 3 places, 3 events, 2 statements, 1 figures\n"


# One broken copy of the fixture per kind of problem: (file, text replaced, replacement, the problem reported).
BROKEN = {
    "yaml-syntax": (
        "events.yaml",
        "    title: Police use water cannons and tear gas in Almaty\n",
        "    title: [unclosed\n",
        "events.yaml:7:9: (yaml): while parsing a flow sequence did not find expected ',' or ']'",
    ),
    "duplicate-key": (
        "actors.yaml",
        "    kind: person\n    description: President of Kazakhstan\n",
        "    kind: person\n    kind: person\n    description: President of Kazakhstan\n",
        "actors.yaml:5:5: (yaml): while constructing a mapping duplicate key 'kind'",
    ),
    "missing-field": (
        "events.yaml",
        "    type: government_action\n",
        "",
        "events.yaml:15:5: events[tokayev-kill-order].type: required field is missing",
    ),
    "unknown-field": (
        "events.yaml",
        "    title: Blinken questions",
        "    titel: Blinken questions",
        "events.yaml:30:5: events[blinken-briefing].titel: unknown field (did you mean 'title'?)",
    ),
    "bad-vocabulary": (
        "events.yaml",
        "    type: security_operation\n",
        "    type: security-operation\n",
        "events.yaml:7:11: events[police-disperse-crowd].type: 'security-operation' is not one of: protest, clash, "
        "violence, government_action, security_operation, deployment, detention, disruption, communications, "
        "diplomatic_reaction (did you mean 'security_operation'?)",
    ),
    "bad-slug": (
        "events.yaml",
        "    tags: [crowd-control]\n",
        "    tags: [Crowd Control]\n",
        "events.yaml:8:12: events[police-disperse-crowd].tags[0]: 'Crowd Control' is not a lowercase slug "
        "(letters a-z, digits and single hyphens)",
    ),
    "wrong-type": (
        "figures.yaml",
        "    value: 44\n",
        "    value: forty-four\n",
        "figures.yaml:5:12: figures[killed-44].value: expected an integer, got text",
    ),
    "duplicate-id": (
        "places.yaml",
        "  - id: washington\n",
        "  - id: almaty\n    name: Almaty again\n    kind: city\n  - id: washington\n",
        "places.yaml:12:9: places[almaty].id: duplicate id 'almaty' (first defined at places.yaml:5)",
    ),
    "unknown-reference": (
        "statements.yaml",
        "    speaker: blinken\n",
        "    speaker: blinkin\n",
        "statements.yaml:3:14: statements[blinken-outside-assistance].speaker: unknown actor 'blinkin' "
        "(did you mean 'blinken'?)",
    ),
    "not-verbatim": (
        "events.yaml",
        "excerpt: Police used water cannons",
        "excerpt: Police fired water cannons",
        "events.yaml:14:18: events[police-disperse-crowd].citations[0].excerpt: not found verbatim in article 'briefing';"
        " nearest: “Police used water cannons and tear gas to disperse the crowd in Almaty.” (the article has 'used'"
        " where the excerpt has 'fired')",
    ),
    "invalid-date": (
        "events.yaml",
        "    date: 2022-01-06\n",
        "    date: 2022-02-30\n",
        "events.yaml:3:11: events[police-disperse-crowd].date: '2022-02-30' is not a real date",
    ),
    "unknown-timezone": (
        "events.yaml",
        "    timezone: America/New_York\n",
        "    timezone: America/NewYork\n",
        "events.yaml:29:15: events[blinken-briefing].timezone: unknown time zone 'America/NewYork' "
        "(did you mean 'America/New_York'?)",
    ),
    "missing-article-file": (
        "articles.yaml",
        "file: articles/briefing.txt",
        "file: articles/briefing.text",
        "articles.yaml:3:11: articles[briefing].file: article file not found: articles/briefing.text",
    ),
    "figure-needs-value": (
        "figures.yaml",
        "    value: 44\n",
        "",
        "figures.yaml:2:5: figures[killed-44].value: qualifier 'at least' needs a value",
    ),
    "date-after-publication": (
        "events.yaml",
        '    date: 2022-01-07\n    date_note: \'"on Friday"',
        '    date: 2022-01-12\n    date_note: \'"on Friday"',
        "events.yaml:16:11: events[tokayev-kill-order].date: dated 2022-01-12, after its latest article was published"
        " (2022-01-08): a source reports what happened before it",
    ),
    "stated-value-mismatch": (
        "figures.yaml",
        "    value: 44\n",
        "    value: 4\n",
        "figures.yaml:5:12: figures[killed-44].value: 'at least 44' does not say value 4: check the number against the"
        " excerpt",
    ),
    "placeholder": (
        "events.yaml",
        "    title: Blinken questions the deployment of Russian military aid\n",
        "    title: 'Article reports: Blinken questions the deployment of Russian military aid'\n",
        "events.yaml:30:12: events[blinken-briefing].title: still holds the import placeholder 'Article reports:'",
    ),
    "draft": (
        "places.yaml",
        "    kind: country\n",
        "    kind: country\n    draft: true\n",
        "places.yaml:5:12: places[kazakhstan].draft: draft not yet reviewed: check it, then remove 'draft: true'",
    ),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_each_kind_of_problem_is_one_line_naming_file_line_and_field(
    kind: str, seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    file, old, new, expected = BROKEN[kind]
    edit(seeds / file, old, new)
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


def test_all_problems_are_collected_in_one_run(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(seeds / "statements.yaml", "    speaker: blinken\n", "    speaker: nobody\n")
    edit(seeds / "figures.yaml", "    metric: killed\n", "    metric: dead\n")
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "figures.yaml:3:13: figures[killed-44].metric: 'dead' is not one of: killed, injured, detained, "
        "troops_deployed, criminal_cases, other (did you mean 'detained'?)",
        "statements.yaml:3:14: statements[blinken-outside-assistance].speaker: unknown actor 'nobody'",
        "2 problems in the seeds; nothing was written",
    ]


def test_json_report_lists_problems_with_positions(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(seeds / "statements.yaml", "    speaker: blinken\n", "    speaker: blinkin\n")
    monkeypatch.chdir(seeds)
    result = run("validate", ".", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "valid": False,
        "problems": [
            {
                "file": "statements.yaml",
                "line": 3,
                "column": 14,
                "field": "statements[blinken-outside-assistance].speaker",
                "message": "unknown actor 'blinkin' (did you mean 'blinken'?)",
                "type": "unknown-reference",
            }
        ],
    }


def test_typographic_quotes_and_whitespace_are_the_only_normalisation(seeds: Path, run: Callable[..., Result]) -> None:
    edit(
        seeds / "events.yaml",
        'peacekeeping forces to "kill without warning"',
        "peacekeeping forces to “kill   without warning”",
    )
    assert run("validate", str(seeds)).exit_code == 0
    edit(seeds / "events.yaml", "“kill   without warning”", "“kill without Warning”")
    assert "not found verbatim" in run("validate", str(seeds)).stderr


def test_each_missing_field_and_each_wrong_type_is_one_problem(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(seeds / "events.yaml", "    type: government_action\n", "")
    edit(seeds / "events.yaml", '    title: Tokayev orders forces to "kill without warning", the article reports\n', "")
    edit(seeds / "places.yaml", "    latitude: 43.25\n", "    latitude: north\n")  # a number or null
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "events.yaml:15:5: events[tokayev-kill-order].title: required field is missing",
        "events.yaml:15:5: events[tokayev-kill-order].type: required field is missing",
        "places.yaml:9:15: places[almaty].latitude: expected a number, got text",
        "3 problems in the seeds; nothing was written",
    ]


def test_the_editor_schema_line_changes_no_row_only_the_files_digest(seeds: Path) -> None:
    from kztimeline.curation.validate import validate_seeds

    before, _ = validate_seeds(seeds)
    for path in sorted(seeds.glob("*.yaml")):
        line = "# yaml-language-server: $schema=../kztimeline/schemas/seeds.schema.json\n"
        path.write_text(line + path.read_text(encoding="utf-8"), encoding="utf-8")
    after, report = validate_seeds(seeds)
    assert report.problems == []
    assert before is not None and after is not None
    assert after.rows == before.rows
    assert after.digest != before.digest  # the files changed, so a `load` reloads them once
    again, _ = validate_seeds(seeds)
    assert again is not None and again.digest == after.digest


@pytest.mark.parametrize(
    ("stated", "numbers"),
    [
        ("at least 5,135", {5135.0}),
        ("more than 5 000", {5000.0}),
        ("5 тыс.", {5.0, 5000.0}),
        ("1,5 тыс. человек", {1.5, 1500.0}),
        ("1.5 million", {1.5, 1_500_000.0}),
        ("between 230 and 250", {230.0, 250.0}),
        ("dozens", set()),
    ],
)
def test_the_numbers_a_stated_figure_gives(stated: str, numbers: set[float]) -> None:
    from kztimeline.curation.text import stated_numbers

    assert stated_numbers(stated) == numbers


# Values the seeds validator must judge exactly as the standard does: (file, text replaced, replacement).
HOSTILE = {
    "float-for-integer": ("figures.yaml", "    value: 44\n", "    value: 44.0\n"),  # 1.0 is an integer in draft-07
    "fraction-for-integer": ("figures.yaml", "    value: 44\n", "    value: 44.5\n"),
    "boolean-for-integer": ("figures.yaml", "    value: 44\n", "    value: true\n"),
    "boolean-for-number": ("places.yaml", "    latitude: 43.25\n", "    latitude: false\n"),
    "empty-id": ("places.yaml", "  - id: washington\n", "  - id: ''\n"),
    "null-required-text": (
        "events.yaml",
        "    title: Police use water cannons and tear gas in Almaty\n",
        "    title: null\n",
    ),
    "extra-key-in-citation": (
        "events.yaml",
        "      - article: briefing\n",
        "      - article: briefing\n        page: 3\n",
    ),
    "missing-key-in-citation": (
        "events.yaml",
        "        excerpt: Police used water cannons and tear gas to disperse the crowd in Almaty.\n",
        "",
    ),
    "no-citations": (
        "events.yaml",
        "    citations:\n      - article: briefing\n        excerpt: Police used water cannons and tear gas to disperse the crowd in Almaty.\n",
        "    citations: []\n",
    ),
    "latitude-out-of-range": ("places.yaml", "    latitude: 43.25\n", "    latitude: 90.5\n"),
    "slug-too-long": ("places.yaml", "  - id: washington\n", "  - id: " + "a" * 201 + "\n"),
    "slug-of-200": ("places.yaml", "  - id: washington\n", "  - id: " + "a" * 200 + "\n"),
    "record-is-text": ("places.yaml", "  - id: washington\n    name: Washington\n    kind: city\n", "  - washington\n"),
    "section-is-mapping": ("figures.yaml", "figures:\n", "figures: {}\nx:\n"),
    "unknown-section": ("places.yaml", "places:\n", "placez:\n"),
    "nullable-null": ("articles.yaml", "    outlet: Example Wire\n", "    outlet: null\n"),
    "nullable-empty": ("articles.yaml", "    outlet: Example Wire\n", "    outlet: ''\n"),
    "unquoted-time": ("events.yaml", "    approximate: true\n", "    approximate: true\n    time: 9:30\n"),
    "unknown-role-and-key": (
        "events.yaml",
        "      - {actor: kazakh-police, role: actor}\n",
        "      - {actor: kazakh-police, role: actr, x: 1}\n",
    ),
}
SCHEMA_INVALID = {
    "missing-field", "unknown-field", "bad-vocabulary", "bad-slug", "wrong-type", "fraction-for-integer",
    "boolean-for-integer", "boolean-for-number", "empty-id", "null-required-text", "extra-key-in-citation",
    "missing-key-in-citation", "no-citations", "latitude-out-of-range", "slug-too-long", "record-is-text",
    "section-is-mapping", "unknown-section", "nullable-empty", "unquoted-time", "unknown-role-and-key",
}  # fmt: skip


def _verdicts(seeds: Path) -> tuple[list[bool], list[bool]]:
    """For each readable file of ``seeds``: valid for jsonschema's Draft7Validator, and for the seeds validator."""
    from jsonschema import Draft7Validator

    from kztimeline.curation.validate import schema_errors
    from kztimeline.curation.yaml_source import read_seed_file
    from kztimeline.resources import schema_path

    standard = Draft7Validator(json.loads(schema_path("seeds").read_text(encoding="utf-8")))
    contents = [read_seed_file(path, path.name)[0].content for path in sorted(seeds.glob("*.yaml"))]
    readable = [content for content in contents if content is not None]
    return [standard.is_valid(c) for c in readable], [not list(schema_errors(c)) for c in readable]


@pytest.mark.parametrize("kind", ["valid", *BROKEN, *HOSTILE])
def test_the_seeds_validator_agrees_with_the_draft_07_standard(kind: str, seeds: Path) -> None:
    if kind != "valid":
        file, old, new = (BROKEN.get(kind) or HOSTILE[kind])[:3]
        edit(seeds / file, old, new)
    standard, ours = _verdicts(seeds)
    assert ours == standard
    assert all(ours) == (kind not in SCHEMA_INVALID)


def test_a_trailing_line_break_breaks_a_pattern_as_in_ecma_262(seeds: Path) -> None:
    # The one place where jsonschema differs: Python's `$` also matches before a final line break, so jsonschema
    # takes "washington\n" for a slug. JSON Schema patterns are ECMA-262, where it does not; fastjsonschema (and
    # jsonschema-rs before it) rejects the id.
    edit(seeds / "places.yaml", "  - id: washington\n", '  - id: "washington\\n"\n')
    standard, ours = _verdicts(seeds)
    assert standard == [True] * 6
    assert ours == [True, True, True, True, False, True]  # places.yaml


def test_the_seeds_schema_is_draft_07_and_gives_no_ref_a_sibling() -> None:
    from jsonschema import Draft7Validator

    from kztimeline.resources import schema_path

    schema = json.loads(schema_path("seeds").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)

    def refs(node: object) -> list[dict[str, object]]:
        if isinstance(node, list):
            return [ref for item in node for ref in refs(item)]
        if not isinstance(node, dict):
            return []
        return ([node] if "$ref" in node else []) + [ref for value in node.values() for ref in refs(value)]

    found = refs(schema)
    assert len(found) == 18  # the sections, the records they refer to and the slugs of ids and links
    assert all(set(ref) <= {"$ref", "description", "title"} for ref in found)


@pytest.mark.parametrize(
    ("excerpt", "nearest"),
    [
        (
            "Police fired water cannons and tear gas to disperse the crowd",
            (
                "Police used water cannons and tear gas to disperse the crowd",
                "the article has 'used' where the excerpt has 'fired'",
            ),
        ),
        (
            "Police used water cannons and gas to disperse the crowd",
            (
                "Police used water cannons and tear gas to disperse the crowd",
                "the article has 'tear' there, which the excerpt leaves out",
            ),
        ),
        (
            "Police used many water cannons",
            ("Police used water cannons", "the article has no 'many' there"),
        ),
        ("words from another story altogether", None),
    ],
)
def test_a_non_verbatim_excerpt_names_the_nearest_passage_and_what_differs(
    excerpt: str, nearest: tuple[str, str] | None
) -> None:
    from kztimeline.curation.text import nearest_passage

    article = "The crowd gathered at noon. Police used water cannons and tear gas to disperse the crowd in Almaty."
    assert nearest_passage(article, excerpt) == nearest
