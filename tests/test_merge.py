"""Merging a new article into the timeline: additions to existing records, and how sentences are matched to events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import yaml
from click.testing import Result

from kztimeline.curation.matching import (
    EventIndex,
    Passage,
    contains_quotation,
    matching_statement,
    reported_events,
)
from kztimeline.curation.timeline_records import TimelineRecords
from kztimeline.curation.titles import attribution, neutral_title

FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"


def write_additions(seeds: Path, text: str, sections: dict[str, list[dict[str, object]]]) -> Path:
    """A second article and a file that adds to records of the fixture seeds."""
    (seeds / "articles" / "second.txt").write_text(text, encoding="utf-8")
    document = {
        "articles": [{"id": "second", "file": "articles/second.txt", "title": "Second", "language": "en"}],
        **sections,
    }
    path = seeds / "article-second.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


SECOND = (
    "Riot police used water cannons and tear gas to disperse the crowd in Almaty on Thursday.\n\n"
    '"I gave an order to the law enforcement agencies and the army to open fire, to kill without warning," Tokayev'
    " said.\n"
)


def test_a_citation_added_from_another_file_loads_on_its_event(
    seeds: Path, db_path: Path, run: Callable[..., Result]
) -> None:
    write_additions(
        seeds,
        SECOND,
        {
            "citations": [
                {
                    "event": "police-disperse-crowd",
                    "article": "second",
                    "excerpt": "Riot police used water cannons and tear gas to disperse the crowd in Almaty on Thursday.",
                }
            ],
            "statement_sources": [{"statement": "tokayev-kill-without-warning", "article": "second", "via": None}],
        },
    )
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    rows = run(
        "--db", str(db_path), "sql", "--format", "csv", "select event_id, article_id from citations order by 1, 2"
    )
    assert "police-disperse-crowd,briefing\npolice-disperse-crowd,second\n" in rows.stdout
    sources = run(
        "--db", str(db_path), "sql", "--format", "csv",
        "select article_id from statement_sources where statement_id = 'tokayev-kill-without-warning' order by 1",
    )  # fmt: skip
    assert sources.stdout.splitlines()[1:] == ["briefing", "second"]


def test_additions_are_checked_like_the_records_they_add_to(seeds: Path, run: Callable[..., Result]) -> None:
    path = write_additions(
        seeds,
        SECOND,
        {
            "citations": [
                {"event": "police-disperse-crowds", "article": "second", "excerpt": "Riot police used water cannons"},
                {"event": "police-disperse-crowd", "article": "second", "excerpt": "Riot police used fire hoses"},
                {"event": "tokayev-kill-order", "article": "second", "excerpt": "Tokayev said", "draft": True},
            ],
            "statement_sources": [{"statement": "blinken-outside-assistance", "article": "second"}],
        },
    )
    result = run("validate", str(seeds))
    assert result.exit_code == 1
    problems = [line.removeprefix(f"{path}:") for line in result.stderr.splitlines()[:-1]]
    assert problems[0] == (
        "7:10: citations[0].event: unknown event 'police-disperse-crowds' (did you mean 'police-disperse-crowd'?)"
    )
    assert problems[1].startswith("12:12: citations[1].excerpt: not found verbatim in article 'second'; nearest:")
    assert problems[2] == "16:10: citations[2].draft: draft not yet reviewed: check it, then remove 'draft: true'"
    assert problems[3].startswith("19:12: statement_sources[0].article: not found verbatim in article 'second'")


def records(seeds: Path = FIXTURE_SEEDS) -> TimelineRecords:
    return TimelineRecords.from_seeds(seeds)


def test_a_sentence_reporting_a_known_event_matches_it_with_its_reasons() -> None:
    index = EventIndex.from_records(records())
    passage = Passage(
        "Riot police used water cannons and tear gas to disperse the crowd in Almaty on Thursday.",
        dt.date(2022, 1, 6),
        frozenset({"kazakh-police"}),
        frozenset({"almaty"}),
    )
    chosen, _ = reported_events(index, passage)
    assert [match.record_id for match in chosen] == ["police-disperse-crowd"]
    assert chosen[0].reasons[-1] == "dated 2022-01-06, within the event's dates"
    assert "actors kazakh-police" in chosen[0].reasons


def test_the_same_words_on_another_day_are_another_event() -> None:
    index = EventIndex.from_records(records())
    passage = Passage("Police used water cannons and tear gas to disperse the crowd in Almaty.", dt.date(2022, 1, 20))
    chosen, considered = reported_events(index, passage)
    assert chosen == []
    assert considered[0].record_id == "police-disperse-crowd"
    assert considered[0].reasons[-1] == "dated 2022-01-20, but the event is dated 2022-01-06"


def test_a_sentence_about_something_else_matches_nothing() -> None:
    index = EventIndex.from_records(records())
    chosen, _ = reported_events(index, Passage("Banks reopened and bread prices rose in Shymkent.", None))
    assert chosen == []


def test_a_quotation_holding_a_statement_s_words_is_that_statement() -> None:
    statements = records().statements.items()
    full = "So it’s not clear why they feel the need for any outside assistance. So we’re trying to learn more about it"
    found = matching_statement(statements, full, "blinken")
    assert found is not None and (found.record_id, found.same_words) == ("blinken-outside-assistance", True)
    assert matching_statement(statements, full, "tokayev") is None  # another speaker
    # the seeds hold only the fragment "kill without warning": a longer quotation is not that statement
    longer = matching_statement(statements, "I gave an order to open fire, to kill without warning.", "tokayev")
    assert longer is not None and (longer.record_id, longer.same_words) == ("tokayev-kill-without-warning", False)
    assert contains_quotation("They must “kill without warning”.", "Kill without warning")
    assert not contains_quotation("kill without any warning", "kill without warning")


def test_titles_are_attributed_to_the_sentence_s_source_or_to_the_outlet() -> None:
    article = "Officials met. The Interior Ministry said so."
    assert (
        neutral_title(
            "ALMATY, Jan 11, 2022 (Steppe Wire) - At least 5,135 people have been detained, the Interior Ministry"
            " said on Sunday.",
            "Steppe Wire",
            article,
        )
        == "Interior Ministry says at least 5,135 people have been detained"
    )
    assert (
        neutral_title("According to state media, police have opened 125 criminal cases.", None, article)
        == "State media says police have opened 125 criminal cases"
    )
    assert (
        neutral_title(
            "Meanwhile, Russian paratroopers helped clear Almaty airport.", "Reuters", "Russian troops, Russian"
        )
        == "Reuters reports Russian paratroopers helped clear Almaty airport"
    )
    assert neutral_title("Police used tear gas.", None, "riot police") == "One article reports police used tear gas"
    assert attribution("Более 5 тыс. человек задержаны, сообщил МВД Казахстана.").source == "МВД Казахстана"
    # "it" is whoever the sentence before credits
    assert (
        neutral_title("Of those detained, 1,200 were held in Almaty, it said.", None, "", previous="The ministry")
        == "Ministry says of those detained, 1,200 were held in Almaty"
    )


def test_a_second_article_about_a_drafted_event_cites_the_draft(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    first = tmp_path / "first.txt"
    first.write_text(
        "Published January 12th, 2022\n\nBorder crossing reopens\n\n"
        "Kazakhstan reopened the Khorgos border crossing with China on Tuesday after a week of closure, customs"
        " officials said.\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.txt"
    second.write_text(
        "Published January 13th, 2022\n\nTrucks queue at Khorgos\n\n"
        "Hundreds of trucks queued on Wednesday after the Khorgos border crossing with China reopened on Tuesday,"
        " customs officials said.\n",
        encoding="utf-8",
    )
    assert run("import", str(first), "--seeds", str(seeds), "--id", "first").exit_code == 0
    drafted = yaml.safe_load((seeds / "article-first.yaml").read_text(encoding="utf-8"))["events"][0]
    assert (
        drafted["title"] == "Customs officials says Kazakhstan reopened the Khorgos border crossing with China on"
        " Tuesday after a week of closure"
    )
    assert run("import", str(second), "--seeds", str(seeds), "--id", "second").exit_code == 0
    document = yaml.safe_load((seeds / "article-second.yaml").read_text(encoding="utf-8"))
    assert [(c["event"], c["article"]) for c in document["citations"]] == [(drafted["id"], "second")]
    assert "events" not in document


def test_a_quotation_the_seeds_hold_becomes_one_more_source_of_it(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    article = tmp_path / "relay.txt"
    article.write_text(
        "Published January 9th, 2022\n\nWashington doubts the need for troops\n\n"
        "\u201cSo it\u2019s not clear why they feel the need for any outside assistance. So we\u2019re trying to learn"
        " more about it,\u201d Blinken said, as quoted by BBC.\n",
        encoding="utf-8",
    )
    assert run("import", str(article), "--seeds", str(seeds), "--id", "relay").exit_code == 0
    document = yaml.safe_load((seeds / "article-relay.yaml").read_text(encoding="utf-8"))
    assert document["statement_sources"] == [
        {
            "statement": "blinken-outside-assistance",
            "article": "relay",
            "via": "bbc",
            "excerpt": None,
            "draft": True,
        }
    ]
    assert "statements" not in document


def test_words_quoted_inside_a_sentence_are_partial_statements_of_who_said_them(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    article = tmp_path / "fragments.txt"
    article.write_text(
        "Published January 10th, 2022\n\nTokayev hardens his tone\n\n"
        "President Tokayev on Friday called the protesters 'terrorists' and said they were \u201carmed bandits\u201d,"
        " while the talk show \u201cThis Week\u201d discussed the unrest.\n",
        encoding="utf-8",
    )
    assert run("import", str(article), "--seeds", str(seeds), "--id", "fragments").exit_code == 0
    document = yaml.safe_load((seeds / "article-fragments.yaml").read_text(encoding="utf-8"))
    sentence = document["statements"][0]["sources"][0]["excerpt"]
    assert sentence.startswith("President Tokayev on Friday called the protesters 'terrorists'")
    assert sorted((s["speaker"], s["text"], s["partial"], s["date"]) for s in document["statements"]) == [
        ("tokayev", "armed bandits", True, "2022-01-07"),
        ("tokayev", "terrorists", True, "2022-01-07"),
    ]  # not the show's title


def test_the_same_number_on_the_same_day_is_the_same_report() -> None:
    timeline = TimelineRecords({section: {} for section in ("articles", "actors", "places", "statements", "figures")})
    timeline.sections["events"] = {
        "toll-44": {
            "title": "Death toll reaches 44, officials say",
            "date": "2022-01-07",
            "citations": [{"article": "a", "excerpt": "at least 44 people were killed, CNN reported"}],
        },
        "curfew": {"title": "Curfew declared in Almaty", "date": "2022-01-05", "citations": []},
    }
    index = EventIndex.from_records(timeline)
    sentence = "The toll, which stood at 44 on Friday, has since risen sharply, published by state television."
    assert [m.record_id for m in reported_events(index, Passage(sentence, dt.date(2022, 1, 7)))[0]] == ["toll-44"]
    assert reported_events(index, Passage(sentence, None))[0] == []  # without a day, a number alone is not enough


def test_reports_in_other_words_for_the_same_thing_match_the_event() -> None:
    timeline = TimelineRecords({section: {} for section in ("articles", "actors", "places", "statements", "figures")})
    timeline.sections["events"] = {
        "troops-deploy": {"title": "Troops deploy to Aktau", "date": "2022-01-06", "citations": []},
        "fuel-prices": {"title": "Fuel prices rise in Aktau", "date": "2022-01-02", "citations": []},
        "curfew": {"title": "Curfew declared in Aktau", "date": "2022-01-05", "citations": []},
    }
    index = EventIndex.from_records(timeline)
    soldiers = "Soldiers were dispatched to Aktau."  # without synonyms it shares only "Aktau"
    assert [m.record_id for m in reported_events(index, Passage(soldiers))[0]] == ["troops-deploy"]
    hike = "A hike in fuel prices followed."
    assert [m.record_id for m in reported_events(index, Passage(hike))[0]] == ["fuel-prices"]


def test_a_sentence_reporting_a_happening_and_its_cause_cites_both_events() -> None:
    timeline = TimelineRecords({section: {} for section in ("articles", "actors", "places", "statements", "figures")})
    timeline.sections["events"] = {
        "cap-lifted": {
            "title": "Government lifts the price cap on liquefied gas",
            "date": "2022-01-01",
            # an earlier article's excerpt already tells of the protests that followed
            "citations": [{"article": "a", "excerpt": "The cap on gas prices was lifted and protests broke out."}],
        },
        "protests-begin": {"title": "Protests break out nationwide", "date": "2022-01-02", "citations": []},
    }
    index = EventIndex.from_records(timeline)
    sentence = "Nationwide protests broke out after the government lifted the price cap on liquefied gas."
    assert sorted(m.record_id for m in reported_events(index, Passage(sentence))[0]) == ["cap-lifted", "protests-begin"]
