"""`kztimeline validate` warns where text shown to readers names a record by its internal id or holds a note meant for
curators; warnings leave the seeds valid (exit status 0) and are printed as file:line:col: field: warning: message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit

from kztimeline.curation.validate import validate_seeds

ARTICLE_HINT = "name the article by its outlet, or its title when the text names no outlet"


def rename_article(seeds: Path, new_id: str) -> None:
    """Give the fixture's one article (``briefing``, an ordinary word) an id that could not be read as a word."""
    for path in seeds.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("id: briefing\n", f"id: {new_id}\n").replace("article: briefing\n", f"article: {new_id}\n"),
            encoding="utf-8",
        )


def test_an_article_id_in_a_summary_or_date_note_is_a_warning_not_an_error(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    rename_article(seeds, "us-briefing-2022")
    edit(
        seeds / "events.yaml",
        "    date_note: undated in an article of 2022-01-08 describing the week\n",
        "    date_note: undated in us-briefing-2022, of 2022-01-08\n"
        "    summary: Article us-briefing-2022 says police dispersed the crowd.\n",
    )
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 0
    assert result.stdout == "valid: 1 articles, 5 actors, 3 places, 3 events, 2 statements, 1 figures\n"
    assert result.stderr.splitlines() == [
        f"events.yaml:5:16: events[police-disperse-crowd].date_note: warning: names the article 'us-briefing-2022' by"
        f" its id: {ARTICLE_HINT}",
        f"events.yaml:6:14: events[police-disperse-crowd].summary: warning: names the article 'us-briefing-2022' by its"
        f" id: {ARTICLE_HINT}",
    ]


def test_ids_of_every_section_and_notes_to_curators_are_warned_about(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(
        seeds / "events.yaml",
        "    title: Blinken questions the deployment of Russian military aid\n",
        "    title: Blinken questions the deployment of Russian military aid\n"
        "    summary: After police-disperse-crowd (see `tokayev-kill-order`), kazakh-police in almaty. See figures.yaml.\n",
    )
    edit(
        seeds / "figures.yaml",
        "    scope: nationwide\n",
        "    scope: nationwide\n    note: Statement blinken-outside-assistance.\n",
    )
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "events.yaml:31:14: events[blinken-briefing].summary: warning: '`tokayev-kill-order`' is a note to curators"
        " (backticks are markup readers see as it is): move it to a YAML comment",
        "events.yaml:31:14: events[blinken-briefing].summary: warning: 'figures.yaml' is a note to curators (readers"
        " have no seeds files): move it to a YAML comment",
        "events.yaml:31:14: events[blinken-briefing].summary: warning: names the actor 'kazakh-police' by its id:"
        " write the actor's name",
        "events.yaml:31:14: events[blinken-briefing].summary: warning: names the event 'police-disperse-crowd' by its"
        " id: say what happened in words",
        "events.yaml:31:14: events[blinken-briefing].summary: warning: names the event 'tokayev-kill-order' by its id:"
        " say what happened in words",
        "figures.yaml:8:11: figures[killed-44].note: warning: names the statement 'blinken-outside-assistance' by its"
        " id: quote or describe the statement in words",
    ]


@pytest.mark.parametrize(
    "summary",
    [
        # ids without a hyphen or a digit are names and words: the actor tokayev, the article briefing, the place almaty
        "Tokayev orders forces to fire; tokayev and almaty are named in the briefing.",
        # an id inside a longer slug, a capitalised spelling, a file name or a web address is not the id
        "The killed-44-cnn toll; Killed-44 in print; killed-44.txt; example.org/killed-44 was quoted.",
        # a place or actor id spelt like its own name or alias reads as that name
        "Demonstrators marched in alma-ata.",
    ],
)
def test_words_names_and_longer_slugs_are_not_ids(
    summary: str, seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(
        seeds / "places.yaml",
        "  - id: washington\n",
        "  - id: alma-ata\n    name: Alma-Ata\n    kind: city\n  - id: washington\n",
    )
    edit(
        seeds / "events.yaml",
        "    type: diplomatic_reaction\n",
        f"    summary: {summary}\n    type: diplomatic_reaction\n",
    )
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert (result.exit_code, result.stderr) == (0, "")


def test_warnings_are_listed_among_the_errors_in_file_order_and_in_json(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(
        seeds / "events.yaml",
        "    type: diplomatic_reaction\n",
        "    summary: As kazakh-police said.\n    type: diplomatic_reaction\n",
    )
    edit(seeds / "statements.yaml", "    speaker: blinken\n", "    speaker: blinkin\n")
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "events.yaml:31:14: events[blinken-briefing].summary: warning: names the actor 'kazakh-police' by its id:"
        " write the actor's name",
        "statements.yaml:3:14: statements[blinken-outside-assistance].speaker: unknown actor 'blinkin' (did you mean"
        " 'blinken'?)",
    ]
    as_json = json.loads(run("validate", ".", "--json").stdout)
    assert (as_json["valid"], len(as_json["problems"])) == (False, 1)
    assert as_json["warnings"] == [
        {
            "file": "events.yaml",
            "line": 31,
            "column": 14,
            "field": "events[blinken-briefing].summary",
            "message": "names the actor 'kazakh-police' by its id: write the actor's name",
            "type": "reader-facing-text",
        }
    ]


def test_one_file_shows_its_own_warnings_and_stays_valid(seeds: Path, run: Callable[..., Result]) -> None:
    edit(seeds / "figures.yaml", "    scope: nationwide\n", "    scope: nationwide (see `blinken-briefing`)\n")
    own = run("validate", str(seeds / "figures.yaml"))
    assert (own.exit_code, own.stdout) == (0, f"valid: {seeds / 'figures.yaml'} (with the other files of {seeds})\n")
    assert own.stderr.splitlines() == [
        f"{seeds / 'figures.yaml'}:7:12: figures[killed-44].scope: warning: '`blinken-briefing`' is a note to curators"
        " (backticks are markup readers see as it is): move it to a YAML comment",
        f"{seeds / 'figures.yaml'}:7:12: figures[killed-44].scope: warning: names the event 'blinken-briefing' by its"
        " id: say what happened in words",
    ]
    other = run("validate", str(seeds / "events.yaml"))
    assert (other.exit_code, other.stderr) == (0, "")


def test_a_placeholder_is_reported_once_as_an_error_without_warnings(seeds: Path) -> None:
    edit(
        seeds / "actors.yaml",
        "    description: US Secretary of State\n",
        "    description: quoted in the article (blinken-briefing); describe from the text\n",
    )
    dataset, report = validate_seeds(seeds)
    assert dataset is None
    assert [(p.field, p.type) for p in report.problems] == [("actors[blinken].description", "placeholder")]
    assert report.warnings == []


def test_the_curated_seeds_name_no_record_by_its_id() -> None:
    from kztimeline.resources import seeds_dir

    dataset, report = validate_seeds(seeds_dir())
    assert dataset is not None
    assert [warning.as_warning() for warning in report.warnings] == []
