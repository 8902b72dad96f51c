"""The stages of drafting an imported article, each on a small example."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from kztimeline.curation.importing import _kind_of_name, _not_a_name, clause_spans


def import_text(seeds: Path, tmp_path: Path, run: Callable[..., Result], body: str, published: str) -> dict:
    article = tmp_path / "story.txt"
    article.write_text(f"Story\n\n{body}\n", encoding="utf-8")
    result = run("import", str(article), "--seeds", str(seeds), "--id", "story", "--published", published)
    assert result.exit_code == 0, result.stderr
    document: dict = yaml.safe_load((seeds / "article-story.yaml").read_text(encoding="utf-8"))
    return document


def test_a_long_sentence_is_split_where_its_happenings_are_joined() -> None:
    text = (
        "Protests have resulted in the resignation of the government and the proclamation of a state of emergency,"
        " with soldiers from a military alliance dispatched to quell the disturbance."
    )
    assert [text[a:b] for a, b in clause_spans(text, (0, len(text)))] == [
        "Protests have resulted in the resignation of the government",
        "the proclamation of a state of emergency",
        "soldiers from a military alliance dispatched to quell the disturbance.",
    ]
    short = "Police and protesters clashed."
    assert clause_spans(short, (0, len(short))) == [(0, len(short))]


def test_the_kind_of_a_proposed_actor_follows_its_name() -> None:
    assert _kind_of_name("Saltanat Azirbek") == "person"
    assert _kind_of_name("Interior Ministry") == "organisation"
    assert _kind_of_name("President Tokayev") == "person"
    assert _kind_of_name("another resident") == "group"
    assert _not_a_name("Sunday") and _not_a_name("January") and not _not_a_name("Sunday Times reporter Jane Doe")


def test_an_undated_happening_is_an_event_within_a_window_up_to_publication(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "Protesters in Shymkent set fire to the regional administration building on Tuesday.\n\n"
        "Protesters also stormed the airport in Aktobe, witnesses said.",
        "2022-01-07",
    )
    dated, undated = document["events"]
    assert (dated["date"], dated["type"], dated.get("date_latest")) == ("2022-01-04", "violence", None)
    assert (undated["date"], undated["date_latest"], undated["type"]) == ("2022-01-04", "2022-01-07", "violence")
    assert undated["date_note"] == (
        "not dated in the article: some day between the earliest day it mentions (2022-01-04) and its publication"
        " (2022-01-07)"
    )
    assert undated["title"] == "Witnesses says protesters also stormed the airport in Aktobe"


def test_a_figure_is_dated_by_its_own_day_never_by_the_end_of_a_period(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "The Interior Ministry said on Sunday that 5,135 people had been detained. A curfew stays in force until"
        " January 19, and 125 criminal cases have been opened, police said.",
        "2022-01-11",
    )
    figures = {figure["value"]: figure for figure in document["figures"]}
    assert (figures[5135]["date"], figures[5135]["date_note"]) == (
        "2022-01-09",
        '"on Sunday" in an article published Tuesday 2022-01-11',
    )
    assert (figures[125]["date"], figures[125]["stated_by"]) == ("2022-01-11", "kazakh-police")
    assert figures[125]["date_note"] == "as of the article's publication date 2022-01-11 (no date in the sentence)"


def test_drafts_name_nothing_by_its_id_in_what_readers_see(seeds: Path, run: Callable[..., Result]) -> None:
    """Titles, summaries and date notes of drafts are for readers: `validate` finds no id and no curator note."""
    for name in ("wire_en.txt", "undated_en.txt"):
        options = ["--published", "2022-01-10"] if name == "undated_en.txt" else []
        imported = run(
            "import", str(Path(__file__).parent / "data" / "articles" / name), "--seeds", str(seeds), *options
        )
        assert imported.exit_code == 0, imported.stderr
    assert run("review", str(seeds), "--accept-all").exit_code == 0
    checked = run("validate", str(seeds))
    assert "warning:" not in checked.stderr


def test_an_event_names_the_people_and_bodies_the_seeds_do_not_know(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "On Saturday, drone operator Vitaly Shevchuk flew the flag over Kyiv with members of Dronarium, a group of"
        " enthusiasts in the Central Asian country's diaspora.",
        "2022-01-10",
    )
    [event] = document["events"]
    assert [p["actor"] for p in event["actors"]] == ["vitaly-shevchuk"]  # not "Central Asian", an adjective
    [actor] = document["actors"]
    assert (actor["name"], actor["kind"]) == ("Vitaly Shevchuk", "person")


def test_a_quotation_belongs_to_the_event_of_the_paragraph_before_it(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "On Saturday, drone operator Vitaly Shevchuk flew a flag over Kyiv with members of a pilots' club.\n\n"
        "\u201cEvery nation has the right to protest peacefully,\u201d said Vitaly Shevchuk.",
        "2022-01-10",
    )
    [event] = document["events"]
    [statement] = document["statements"]
    assert (statement["speaker"], statement["event"]) == ("vitaly-shevchuk", event["id"])


def test_a_toll_is_not_dated_by_an_event_it_does_not_count_in(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "President Tokayev ordered forces to kill without warning, an order that left 160 people dead.",
        "2022-01-10",
    )
    assert [c["event"] for c in document["citations"]] == ["tokayev-kill-order"]  # the order, of 7 January
    assert [(f["value"], f["date"]) for f in document["figures"]] == [(160, "2022-01-10")]  # a toll as of the report


def test_scare_quoted_words_are_partial_statements_of_who_the_sentence_says_used_them(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "The regional police chief was quoted in local media calling the protesters “extremists and radicals.”\n\n"
        'At least 30 people, including 12 "armed criminals", were killed in the clashes, CNN reported.',
        "2022-01-07",
    )
    statements = {s["text"]: s for s in document["statements"]}
    assert (statements["extremists and radicals"]["speaker"], statements["extremists and radicals"]["partial"]) == (
        "regional-police-chief",
        True,
    )  # not the police, not the media it was quoted in; the stop inside the quote is the sentence's
    assert statements["armed criminals"]["speaker"] == "cnn"
    chief = next(actor for actor in document["actors"] if actor["id"] == "regional-police-chief")
    assert (chief["name"], chief["kind"]) == ("regional police chief", "person")


def test_a_body_the_seeds_do_not_know_acts_in_its_event_and_speaks_under_one_id(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "Russia’s foreign ministry urged citizens in Kazakhstan to stay indoors on Thursday.\n\n"
        "“We view the events as an attempt inspired from the outside,” the Russian foreign ministry said.",
        "2022-01-07",
    )
    [event] = document["events"]
    assert event["actors"][0] == {"actor": "russias-foreign-ministry", "role": "actor"}
    [statement] = document["statements"]
    assert (statement["speaker"], statement["event"]) == ("russias-foreign-ministry", event["id"])
    assert [actor["id"] for actor in document["actors"]] == ["russias-foreign-ministry"]


def test_a_number_inside_a_quotation_is_stated_by_its_speaker(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "The clashes came after the police said “dozens of attackers were liquidated” overnight.",
        "2022-01-06",
    )
    assert [(f["metric"], f["qualifier"], f["stated_by"]) for f in document["figures"]] == [
        ("killed", "dozens", "kazakh-police")
    ]


def test_a_note_about_protests_is_an_event_of_communications(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    document = import_text(
        seeds,
        tmp_path,
        run,
        "The mission sent an information note on the demonstrations in Almaty to the council on Thursday.",
        "2022-01-07",
    )
    assert [(event["type"], event["date"]) for event in document["events"]] == [("communications", "2022-01-06")]


def test_a_price_multiple_is_dated_like_the_price_rise_it_measures(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    events = yaml.safe_load((seeds / "events.yaml").read_text(encoding="utf-8"))
    crowd = events["events"][0]
    events["events"].append(
        {
            **crowd,
            "id": "fuel-price-rise",
            "date": "2022-01-02",
            "title": "Fuel prices rise sharply after the price cap is lifted",
            "type": "government_action",
            "tags": [],
            "actors": [],
        }
    )
    (seeds / "events.yaml").write_text(yaml.safe_dump(events, sort_keys=False), encoding="utf-8")
    document = import_text(
        seeds,
        tmp_path,
        run,
        "President Tokayev on Friday ordered forces to kill without warning as protests against near-doubling fuel"
        " prices after the lifted price cap turned violent.",
        "2022-01-08",
    )
    [measure] = [figure for figure in document["figures"] if figure["metric"] == "other"]
    assert (measure["label"], measure["value"], measure["qualifier"]) == (
        "price rise (multiple of the earlier price)",
        2,
        "nearly",
    )
    assert (measure["date"], measure["approximate"]) == ("2022-01-02", True)  # not Friday, the order's day
    assert (
        measure["date_note"]
        == "the day of the event it measures: “Fuel prices rise sharply after the price cap is lifted”"
    )
