"""`kztimeline review`: drafts listed, accepted, edited and rejected one by one, the rest of the file untouched."""

from __future__ import annotations

import difflib
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from kztimeline.cli import cli
from kztimeline.curation.review import accept_all, list_drafts

ARTICLES = Path(__file__).parent / "data" / "articles"


@pytest.fixture
def drafted(seeds: Path, run: Callable[..., Result]) -> Path:
    """The fixture seeds with one imported article's drafts, and a curator's comment in the draft file."""
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--id", "wire").exit_code == 0
    draft = seeds / "article-wire.yaml"
    text = draft.read_text(encoding="utf-8").replace("\nactors:\n", "\n# checked by hand on Monday\nactors:\n", 1)
    draft.write_text(text, encoding="utf-8")
    return seeds


def review(seeds: Path, answers: str, **env: str) -> Result:
    return CliRunner().invoke(cli, ["review", str(seeds)], input=answers, env=env, catch_exceptions=False)


def test_list_shows_every_draft_in_file_order(drafted: Path, run: Callable[..., Result]) -> None:
    listed = json.loads(run("review", str(drafted), "--list", "--format", "json").stdout)
    assert listed["count"] == 16
    first, citation = listed["drafts"][0], next(d for d in listed["drafts"] if d["section"] == "citations")
    assert (first["section"], first["id"], first["line"]) == ("articles", "wire", 7)
    assert citation["label"] == "tokayev-kill-order ← wire"
    assert citation["note"].startswith("matches event tokayev-kill-order (score")
    assert [d["line"] for d in listed["drafts"]] == sorted(d["line"] for d in listed["drafts"])
    table = run("review", str(drafted), "--list")
    assert table.stdout.splitlines()[-1] == "16 drafts to review"


def test_accept_removes_the_flag_and_the_note_and_nothing_else(drafted: Path) -> None:
    draft = drafted / "article-wire.yaml"
    before = draft.read_text(encoding="utf-8").splitlines()
    result = review(drafted, "a\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "accepted 1, rejected 0, edited 0, skipped 1"
    after = draft.read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    assert changes == ["-     draft: true"]  # the article record's flag (it has no note above it), and nothing else
    assert "# checked by hand on Monday" in after
    assert yaml.safe_load("\n".join(after))["articles"][0].get("draft") is None


def test_reject_removes_the_record_and_refuses_one_others_use(drafted: Path) -> None:
    draft = drafted / "article-wire.yaml"
    # 1 article (skip), 2 actor used by statements (reject refused, then skip), … the citation is the 6th draft
    result = review(drafted, "s\nr\ns\ns\ns\ns\nr\nq\n")
    assert "not rejected: actors aibek-dzhaksybekov is used by statement aibek-dzhaksybekov-the-situation-is" in (
        result.stdout
    )
    document = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert "citations" not in document  # the section went with its only record
    assert "# matches event tokayev-kill-order" not in draft.read_text(encoding="utf-8")
    assert [a["id"] for a in document["actors"]] == ["aibek-dzhaksybekov", "aigerim-nurlanova", "another-resident"]


def test_edit_writes_the_edited_record_once_it_fits_the_format(drafted: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('kind: person', 'kind: persn' if 'first' not in sys.argv[0] else 'x'))\n",
        encoding="utf-8",
    )
    fixed = tmp_path / "fixed.py"
    fixed.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('description: null', 'description: Interior Ministry spokesman'))\n",
        encoding="utf-8",
    )
    # the first edit breaks the kind: it is refused and nothing is written; then quit
    bad = review(drafted, "s\ne\nn\nq\n", EDITOR=f"{sys.executable} {editor}")
    assert "not written: the edited record does not fit the seeds format: kind:" in bad.stderr
    assert "kind: persn" not in (drafted / "article-wire.yaml").read_text(encoding="utf-8")
    good = review(drafted, "s\ne\na\nq\n", EDITOR=f"{sys.executable} {fixed}")
    assert good.exit_code == 0, good.output
    actor = yaml.safe_load((drafted / "article-wire.yaml").read_text(encoding="utf-8"))["actors"][0]
    assert actor == {
        "id": "aibek-dzhaksybekov",
        "name": "Aibek Dzhaksybekov",
        "kind": "person",
        "description": "Interior Ministry spokesman",
        "aliases": [],
    }


def test_accept_all_accepts_every_draft_and_says_how_many(drafted: Path, run: Callable[..., Result]) -> None:
    result = run("review", str(drafted), "--accept-all")
    assert result.stdout.strip() == (
        "accepted 16 drafts: 3 actors, 1 articles, 1 citations, 1 events, 4 figures, 6 statements"
    )
    assert list_drafts(drafted) == []
    assert run("validate", str(drafted)).exit_code == 0
    assert (accept_all(drafted).accepted, accept_all(drafted).left) == ({}, [])


def test_accept_all_leaves_a_draft_with_a_field_to_fill_in_and_says_which(
    drafted: Path, run: Callable[..., Result]
) -> None:
    draft = drafted / "article-wire.yaml"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("speaker: aibek-dzhaksybekov", "speaker: null", 1), encoding="utf-8")
    [left] = [
        item for item in list_drafts(drafted) if item.record.get("speaker") is None and item.section == "statements"
    ]
    result = run("review", str(drafted), "--accept-all")
    assert result.exit_code == 1
    assert result.stdout.strip() == (
        "accepted 15 drafts: 3 actors, 1 articles, 1 citations, 1 events, 4 figures, 5 statements"
    )
    assert result.stderr == (
        f"{draft}:{left.first_line}: statements[{left.label}].speaker: expected text, got null\n"
        "Error: 1 draft left: fill in the fields above, then review\n"
    )
    assert [item.label for item in list_drafts(drafted)] == [left.label]  # still a draft, nothing else touched


def test_a_file_that_does_not_parse_is_a_one_line_error(seeds: Path, run: Callable[..., Result]) -> None:
    shutil.copy(seeds / "events.yaml", seeds / "broken.yaml")
    (seeds / "broken.yaml").write_text("events:\n  - id: [unclosed\n", encoding="utf-8")
    result = run("review", str(seeds), "--list")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {seeds / 'broken.yaml'}:3:")
    assert len(result.stderr.splitlines()) == 1


def test_an_edit_naming_a_record_that_does_not_exist_is_refused(drafted: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('speaker: aibek-dzhaksybekov', 'speaker: aibek-dzhaksybekoff'))\n",
        encoding="utf-8",
    )
    statement = next(item for item in list_drafts(drafted) if item.record.get("speaker") == "aibek-dzhaksybekov")
    skips = "s\n" * [item.first_line for item in list_drafts(drafted)].index(statement.first_line)
    result = review(drafted, skips + "e\nn\nq\n", EDITOR=f"{sys.executable} {editor}")
    assert "not written: the edited record has a problem: statements[" in result.stderr
    assert "unknown actor 'aibek-dzhaksybekoff'" in result.stderr
    assert "aibek-dzhaksybekoff" not in (drafted / "article-wire.yaml").read_text(encoding="utf-8")
