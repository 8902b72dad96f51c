"""Contracts every command keeps: help text, documentation in the README, vocabularies in the seeds schema."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from kztimeline import taxonomy
from kztimeline.cli import cli
from kztimeline.resources import schema_path

README = Path(__file__).parent.parent / "README.md"


def all_commands() -> list[tuple[str, click.Command]]:
    found = []
    context = click.Context(cli)
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            found.extend((f"{name} {sub}", subcommand) for sub, subcommand in command.commands.items())
    return found


@pytest.mark.parametrize(("name", "command"), all_commands())
def test_every_command_has_help_and_is_in_the_readme(name: str, command: click.Command) -> None:
    assert command.help, f"{name} has no help text"
    assert f"kztimeline {name}" in README.read_text(encoding="utf-8"), f"{name} is not documented in README.md"


def test_seeds_schema_vocabularies_are_the_taxonomy() -> None:
    definitions = json.loads(schema_path("seeds").read_text(encoding="utf-8"))["definitions"]
    assert definitions["event"]["properties"]["type"]["enum"] == list(taxonomy.EVENT_TYPES)
    assert definitions["actor"]["properties"]["kind"]["enum"] == list(taxonomy.ACTOR_KINDS)
    assert definitions["place"]["properties"]["kind"]["enum"] == list(taxonomy.PLACE_KINDS)
    assert definitions["figure"]["properties"]["metric"]["enum"] == list(taxonomy.METRICS)
    assert definitions["figure"]["properties"]["qualifier"]["enum"] == list(taxonomy.QUALIFIERS)
    assert definitions["figure"]["properties"]["status"]["enum"] == list(taxonomy.FIGURE_STATUSES)
    roles = definitions["event"]["properties"]["actors"]["items"]["properties"]["role"]["enum"]
    assert roles == list(taxonomy.ACTOR_ROLES)
