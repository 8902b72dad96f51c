"""One seeds directory for every command: the one given, else $KZTIMELINE_SEEDS, else ./seeds, else the packaged
seeds (never for `import`, which writes); a line on stderr says which was used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit

ARTICLES = Path(__file__).parent / "data" / "articles"


def test_validate_checks_the_working_directorys_seeds_with_their_drafts(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(seeds / "places.yaml", "    kind: country\n", "    kind: country\n    draft: true\n")
    monkeypatch.chdir(seeds.parent)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "seeds: seeds (the working directory's seeds/)"
    assert "places[kazakhstan].draft: draft not yet reviewed" in result.stderr


def test_the_environment_variable_wins_over_the_working_directory(
    seeds: Path, tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere" / "seeds").mkdir(parents=True)  # an empty ./seeds that would fail
    monkeypatch.chdir(tmp_path / "elsewhere")
    monkeypatch.setenv("KZTIMELINE_SEEDS", str(seeds))
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"seeds: {seeds} (from KZTIMELINE_SEEDS)\n"


def test_load_takes_the_same_default(
    seeds: Path, db_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeds.parent)
    result = run("--db", str(db_path), "load")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "seeds: seeds (the working directory's seeds/)",
        "loaded: 1 articles, 5 actors, 3 places, 3 events, 2 statements, 1 figures",
    ]


def test_without_seeds_here_validate_says_it_checks_the_packaged_ones(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("seeds: ") and result.stderr.endswith(" (the packaged seeds)\n")


def test_import_never_writes_into_the_packaged_seeds(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("import", str(ARTICLES / "wire_en.txt"))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no seeds/ directory here: pass --seeds DIR or set KZTIMELINE_SEEDS (the packaged seeds are read-only)\n"
    )


def test_import_writes_to_the_working_directorys_seeds(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeds.parent)
    result = run("import", str(ARTICLES / "wire_en.txt"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "seeds: seeds (the working directory's seeds/)\n"
    assert list((seeds).glob("article-*.yaml"))


def test_quiet_drops_the_note(seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(seeds.parent)
    assert run("validate", "-q").stderr == ""
