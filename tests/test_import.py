"""`kztimeline import`: a raw article becomes draft seeds that validate once reviewed; nothing is overwritten."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from kztimeline.resources import schema_path

ARTICLES = Path(__file__).parent / "data" / "articles"
FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"


def delete_draft_flags(draft: Path) -> None:
    draft.write_text(re.sub(r"\n\s*draft: true", "", draft.read_text(encoding="utf-8")), encoding="utf-8")


def review(draft: Path) -> None:
    """What a curator does: write the titles and descriptions the import left as placeholders, then delete every
    `draft: true`."""
    text = draft.read_text(encoding="utf-8")
    text = text.replace("Article reports: ", "Police say ").replace("describe from the text", "as the article says")
    draft.write_text(text, encoding="utf-8")
    delete_draft_flags(draft)


def test_import_copies_the_text_and_writes_drafts_that_validate_once_reviewed(
    seeds: Path, run: Callable[..., Result]
) -> None:
    result = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--id", "police-detain-hundreds")
    assert result.exit_code == 0, result.stderr
    copied = seeds / "articles" / "police-detain-hundreds.txt"
    draft = seeds / "article-police-detain-hundreds.yaml"
    assert copied.read_bytes() == (ARTICLES / "wire_en.txt").read_bytes()
    assert (
        f"wrote drafts to {draft}: 1 articles, 3 actors, 1 events, 1 citations, 6 statements, 4 figures"
        in result.stdout
    )

    document = yaml.safe_load(draft.read_text(encoding="utf-8"))
    article = document["articles"][0]
    assert (article["id"], article["file"], article["published"], article["author"], article["draft"]) == (
        "police-detain-hundreds",
        "articles/police-detain-hundreds.txt",
        "2022-01-08T13:22+05:30",
        "Jane Fixture",
        True,
    )
    assert [(a["id"], a["name"], a["kind"]) for a in document["actors"]] == [
        ("aibek-dzhaksybekov", "Aibek Dzhaksybekov", "person"),
        ("aigerim-nurlanova", "Aigerim Nurlanova", "person"),
        ("another-resident", "another resident", "group"),  # an unnamed speaker, as the seeds keep "a UN source"
    ]
    # Tokayev's order is in the seeds already: the article becomes one more citation of the event, and its fuller
    # quotation a new statement of that event (the seeds hold only the fragment "kill without warning").
    assert document["citations"] == [
        {
            "event": "tokayev-kill-order",
            "article": "police-detain-hundreds",
            "excerpt": 'President Tokayev on Friday said: "I gave an order to the law enforcement agencies and the army'
            ' to open fire, to kill without warning."',
            "draft": True,
        }
    ]
    order = document["statements"][0]
    assert (order["speaker"], order["date"], order["event"]) == ("tokayev", "2022-01-07", "tokayev-kill-order")
    assert (
        "# compare statement tokayev-kill-without-warning: this quotation holds all of its words, as a fragment"
        in draft.read_text(encoding="utf-8")
    )
    [event] = document["events"]
    assert (event["date"], event["title"], event["actors"]) == (
        "2022-01-05",
        "Kazakh police says 125 criminal cases had been opened since Wednesday",
        [{"actor": "kazakh-police", "role": "mentioned"}, {"actor": "cnn", "role": "mentioned"}],
    )
    second = document["statements"][1]
    assert (second["speaker"], second["date"], second["date_note"]) == (
        "aibek-dzhaksybekov",
        "2022-01-08",
        '"on Saturday" in an article published Saturday 2022-01-08',
    )
    assert [f["id"] for f in document["figures"]] == [
        "detained-4400-police-detain-hundreds",
        "killed-26-police-detain-hundreds",
        "killed-18-police-detain-hundreds",
        "criminal-cases-125-police-detain-hundreds",
    ]
    assert document["figures"][3]["stated_by"] == "kazakh-police"

    unreviewed = run("validate", str(seeds))
    assert unreviewed.exit_code == 1
    assert "draft not yet reviewed" in unreviewed.stderr
    assert "16 problems in the seeds" in unreviewed.stderr  # one per draft record

    review(draft)
    reviewed = run("validate", str(seeds))
    assert reviewed.exit_code == 0, reviewed.stderr


def test_an_undated_article_lists_what_the_curator_must_fill_in(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(ARTICLES / "undated_en.txt"), "--seeds", str(seeds))
    assert result.exit_code == 0, result.stderr
    assert "imported traders-count-losses-at-the-border" in result.stdout
    assert (
        "to fill in: articles[traders-count-losses-at-the-border].published (the text states no date" in result.stdout
    )
    review(seeds / "article-traders-count-losses-at-the-border.yaml")
    still_open = run("validate", str(seeds))
    assert still_open.exit_code == 1
    assert "statements[kubat-fixturov-we-lost-a-whole-week].date: expected text, got null" in still_open.stderr


def test_import_with_a_publication_date_resolves_everything(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(ARTICLES / "undated_en.txt"), "--seeds", str(seeds), "--published", "2022-01-10")
    assert result.exit_code == 0, result.stderr
    assert "to fill in" not in result.stdout
    review(seeds / "article-traders-count-losses-at-the-border.yaml")
    assert run("validate", str(seeds)).exit_code == 0


def test_an_existing_id_is_refused_and_nothing_is_written(seeds: Path, run: Callable[..., Result]) -> None:
    before = sorted(p.name for p in seeds.rglob("*"))
    result = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--id", "briefing")
    assert result.exit_code == 1
    assert result.stderr == f"Error: --id 'briefing': an article with this id already exists in {seeds}\n"
    assert sorted(p.name for p in seeds.rglob("*")) == before


def test_importing_the_same_article_twice_is_refused_and_writes_nothing(
    seeds: Path, run: Callable[..., Result]
) -> None:
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds)).exit_code == 0
    before = {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()}
    again = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds))
    assert again.exit_code == 1
    draft = seeds / "article-police-detain-hundreds-as-almaty-clean-up-begins.yaml"
    assert again.stderr == (
        f"Error: {ARTICLES / 'wire_en.txt'}: already imported as police-detain-hundreds-as-almaty-clean-up-begins"
        f" ({draft}); nothing was written (--replace drafts it again, keeping the records already accepted)\n"
    )
    assert {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()} == before


def test_the_same_text_with_other_line_breaks_is_the_same_article(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds)).exit_code == 0
    rewrapped = tmp_path / "rewrapped.txt"
    rewrapped.write_text("  \n".join((ARTICLES / "wire_en.txt").read_text(encoding="utf-8").split("\n")), "utf-8")
    assert "already imported as" in run("import", str(rewrapped), "--seeds", str(seeds)).stderr


def test_replace_drafts_again_in_place_and_keeps_what_was_accepted(seeds: Path, run: Callable[..., Result]) -> None:
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--id", "wire").exit_code == 0
    draft = seeds / "article-wire.yaml"
    document = yaml.safe_load(draft.read_text(encoding="utf-8"))
    accepted_id = document["figures"][0]["id"]
    # the curator accepts one figure and changes its scope
    text = draft.read_text(encoding="utf-8")
    start = text.index(f"- id: {accepted_id}")
    end = text.index("draft: true", start) + len("draft: true")
    block = re.sub(r"\n\s*draft: true", "", re.sub(r"scope: .*", "scope: reviewed by hand", text[start:end]))
    draft.write_text(text[:start] + block + text[end:], encoding="utf-8")
    replaced = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--replace")
    assert replaced.exit_code == 0, replaced.stderr
    assert "imported wire:" in replaced.stdout
    assert sorted(path.name for path in seeds.glob("article-*.yaml")) == ["article-wire.yaml"]
    again = yaml.safe_load(draft.read_text(encoding="utf-8"))
    figures = {figure["id"]: figure for figure in again["figures"]}
    assert figures[accepted_id]["scope"] == "reviewed by hand"
    assert "draft" not in figures[accepted_id]
    assert len(again["figures"]) == len(document["figures"])
    assert all(figure.get("draft") for key, figure in figures.items() if key != accepted_id)


def test_replace_keeps_an_accepted_citation_once(seeds: Path, run: Callable[..., Result]) -> None:
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--id", "wire").exit_code == 0
    draft = seeds / "article-wire.yaml"
    text = draft.read_text(encoding="utf-8")
    start = text.index("- event: tokayev-kill-order")
    end = text.index("draft: true", start) + len("draft: true")
    draft.write_text(text[:start] + re.sub(r"\n\s*draft: true", "", text[start:end]) + text[end:], encoding="utf-8")
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--replace").exit_code == 0
    again = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert [(c["event"], c.get("draft", False)) for c in again["citations"]] == [("tokayev-kill-order", False)]


def test_a_bad_id_or_missing_seeds_directory_is_a_one_line_error(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: seeds directory not found: {tmp_path / 'nowhere'} (pass --seeds DIR)\n"
    (tmp_path / "seeds").mkdir()
    bad_id = run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(tmp_path / "seeds"), "--id", "Bad Id")
    assert bad_id.stderr == "Error: --id 'Bad Id' is not a lowercase slug (letters, digits, single hyphens)\n"
    assert list((tmp_path / "seeds").iterdir()) == []


def test_places_the_seeds_lack_are_proposed_from_geonames_with_their_country(
    seeds: Path, run: Callable[..., Result]
) -> None:
    result = run("import", str(ARTICLES / "agency_ru.txt"), "--seeds", str(seeds), "--published", "2022-01-06")
    assert result.exit_code == 0, result.stderr
    places = yaml.safe_load((seeds / "article-agency-ru.yaml").read_text(encoding="utf-8"))["places"]
    assert [(p["id"], p["kind"], p["parent"], p["geonames_id"], p["aliases"]) for p in places] == [
        ("russia", "country", None, 2017370, []),
        ("moscow", "city", "russia", 524901, ["Москва"]),  # the dateline prints МОСКВА
    ]
    assert (places[1]["latitude"], places[1]["longitude"]) == (55.75204, 37.61781)
    assert places[1]["coordinates_source"] == "GeoNames 524901"


def test_a_geonames_place_the_seeds_already_have_is_the_curated_place(run: Callable[..., Result]) -> None:
    result = run("parse", "--seeds", str(FIXTURE_SEEDS), "--format", "json", str(ARTICLES / "agency_ru.txt"))
    places = {(p["id"], p["text"]) for p in json.loads(result.stdout)["places"]}
    assert ("almaty", "Алматы") in places  # the fixture seeds know Almaty only by its English names


def test_a_draft_names_the_schema_for_editors_as_the_other_seeds_files_do(
    seeds: Path, run: Callable[..., Result]
) -> None:
    # the fixture seeds have no schema line: the draft points at the schema this kztimeline ships, relatively
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds), "--id", "first").exit_code == 0
    first_line = (seeds / "article-first.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first_line.startswith(prefix)
    assert (seeds / first_line.removeprefix(prefix)).resolve() == schema_path("seeds").resolve()
    # once the seeds files carry a line, a new draft copies it
    line = "# yaml-language-server: $schema=https://example.org/seeds.schema.json"
    (seeds / "actors.yaml").write_text(line + "\n" + (seeds / "actors.yaml").read_text(encoding="utf-8"))
    assert run("import", str(ARTICLES / "agency_ru.txt"), "--seeds", str(seeds), "--id", "second").exit_code == 0
    assert (seeds / "article-second.yaml").read_text(encoding="utf-8").splitlines()[0] == line
