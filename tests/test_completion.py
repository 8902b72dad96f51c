"""Shell completion: `_KZTIMELINE_COMPLETE=bash_source kztimeline` and the values offered for the filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kztimeline.cli import cli


def complete(words: str, shell: str = "bash", db: Path | None = None) -> tuple[int, str]:
    """What the shell gets when the user presses Tab after ``kztimeline WORDS`` (the last word being completed)."""
    args = words.split(" ")
    if db is not None:
        args = ["--db", str(db), *args]
    env = {
        "_KZTIMELINE_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": " ".join(["kztimeline", *args]),
        "COMP_CWORD": str(len(args)),
    }
    result = CliRunner().invoke(cli, [], prog_name="kztimeline", env=env)
    return result.exit_code, result.output


def test_event_types_complete_from_the_taxonomy_without_a_database() -> None:
    assert complete("show --type de") == (0, "plain,deployment\nplain,detention\n")
    # zsh and fish show what each type means
    assert complete("show --type det", shell="zsh") == (0, "plain\ndetention\nArrests and detentions.\n")


def test_actors_complete_to_their_ids_from_the_start_of_an_id_name_or_alias(loaded_sqlite_db: Path) -> None:
    assert complete("show --actor tok", db=loaded_sqlite_db) == (0, "plain,tokayev\n")
    assert complete("show --actor Kassym", db=loaded_sqlite_db) == (0, "plain,tokayev\n")
    assert complete("show --actor Ток", db=loaded_sqlite_db) == (0, "plain,tokayev\n")  # a Cyrillic alias
    assert complete("show --actor President", db=loaded_sqlite_db) == (0, "plain,tokayev\n")
    assert complete("show --actor Tok", shell="zsh", db=loaded_sqlite_db) == (
        0,
        "plain\ntokayev\nKassym-Jomart Tokayev\n",
    )
    assert complete("show --actor b", db=loaded_sqlite_db) == (0, "plain,bbc\nplain,blinken\n")


def test_places_and_tags_complete_from_the_database(loaded_sqlite_db: Path) -> None:
    assert complete("show --place alma-", db=loaded_sqlite_db) == (0, "plain,almaty\n")  # alias Alma-Ata
    assert complete("export --place w", db=loaded_sqlite_db) == (0, "plain,washington\n")
    assert complete("show --tag ", db=loaded_sqlite_db) == (0, "plain,crowd-control\nplain,shoot-to-kill\n")
    assert complete("show --tag shoot_", db=loaded_sqlite_db) == (0, "\n")  # '_' is a literal, not a wildcard


@pytest.mark.parametrize("option", ["--actor", "--place", "--tag"])
def test_no_database_means_no_values_and_no_message(option: str, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.sqlite"
    assert complete(f"show {option} a", db=missing) == (0, "\n")
    not_a_database = tmp_path / "notes.sqlite"
    not_a_database.write_text("not a database", encoding="utf-8")
    assert complete(f"show {option} a", db=not_a_database) == (0, "\n")


def test_completion_never_builds_the_embedded_database(tmp_path: Path) -> None:
    assert complete("show --actor tok") == (0, "\n")
    assert not list((tmp_path / "xdg-data").glob("**/*.sqlite"))


def test_the_shell_scripts_are_printed_for_each_shell() -> None:
    for shell, marker in [("bash", "complete -o nosort -F"), ("zsh", "#compdef kztimeline"), ("fish", "complete")]:
        env = {"_KZTIMELINE_COMPLETE": f"{shell}_source"}
        result = CliRunner().invoke(cli, [], prog_name="kztimeline", env=env)
        assert result.exit_code == 0
        assert marker in result.output
        assert "_KZTIMELINE_COMPLETE" in result.output


def test_quotes_and_figures_complete_their_speakers_and_metrics(loaded_sqlite_db: Path) -> None:
    assert complete("quotes --actor blin", db=loaded_sqlite_db) == (0, "plain,blinken\n")
    assert complete("figures --actor Kassym", db=loaded_sqlite_db) == (0, "plain,tokayev\n")
    assert complete("figures --metric tr") == (0, "plain,troops_deployed\n")
