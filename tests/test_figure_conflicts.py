"""`kztimeline figures --conflicts`: figures of one scope that disagree, and how the listing, chart and page mark them.

Two datasets: the curated seeds, where an exact "160" dead on 10 January contradicts "at least 164" on 9 January
and "more than 5,000" agrees with "at least 5,135" detained; and tests/data/conflict-seeds, an invented article whose
numbers agree (at least 160 and 164; 2,500 and about 2,500), disagree (a later 120; 18 and 12 security personnel;
about 2,500 and 3,000), supersede each other (50, 40, 30 in Almaty), or were retracted (225).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from kztimeline.query.figure_conflicts import PossibleValues, as_of_window, possible_values, scope_part
from kztimeline.resources import seeds_dir

CONFLICT_SEEDS = Path(__file__).parent / "data" / "conflict-seeds"


@pytest.fixture
def conflicts_db(engine_db: str, run: Callable[..., Result]) -> str:
    result = run("--db", engine_db, "load", str(CONFLICT_SEEDS))
    assert result.exit_code == 0, result.stderr
    return engine_db


@pytest.fixture
def curated_engine_db(engine_db: str, run: Callable[..., Result]) -> str:
    result = run("--db", engine_db, "load", str(seeds_dir()))
    assert result.exit_code == 0, result.stderr
    return engine_db


def conflicts_json(run: Callable[..., Result], db: str, *options: str) -> list[dict[str, Any]]:
    result = run("--db", db, "figures", "--conflicts", "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout))


def summary(groups: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Each group as (metric, place, part, its figure ids, its disagreeing pairs with their kind)."""
    return [
        (
            group["metric"],
            group["place"],
            group["part"],
            [figure["id"] for figure in group["figures"]],
            [(*pair["figures"], pair["kind"]) for pair in group["disagreements"]],
        )
        for group in groups
    ]


# ------------------------------------------------------------------------------------------ the rule, piece by piece


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "allowed"),
    [
        ("exact", 160, None, None, PossibleValues(160, 160)),
        ("at least", 164, None, None, PossibleValues(164, None)),
        ("more than", 5000, None, None, PossibleValues(5001, None)),  # whole people: more than 5,000 is 5,001 or more
        ("about", 2500, None, None, PossibleValues(2250, 2750)),  # 10% either side
        ("about", 5, None, None, PossibleValues(4, 6)),  # at least 1 either side
        ("nearly", 13, None, None, PossibleValues(11, 13)),  # never above the value
        ("up to", 300, None, None, PossibleValues(0, 300)),
        ("range", None, 230, 260, PossibleValues(230, 260)),
        ("dozens", None, None, None, PossibleValues(21, None)),  # two dozen, less the tolerance
        ("thousands", None, None, None, PossibleValues(1800, None)),
        ("exact", None, None, None, None),  # no number, nothing to compare
    ],
)
def test_a_qualifier_allows_these_numbers(
    qualifier: str, value: int | None, low: int | None, high: int | None, allowed: PossibleValues | None
) -> None:
    assert possible_values(qualifier, value, low, high) == allowed


def test_at_least_160_does_not_contradict_164_and_more_than_5000_meets_at_least_5135() -> None:
    def allows(qualifier: str, value: int) -> PossibleValues:
        values = possible_values(qualifier, value, None, None)
        assert values is not None
        return values

    assert allows("at least", 160).meets(allows("exact", 164))
    assert allows("more than", 5000).meets(allows("at least", 5135))
    assert allows("about", 2500).meets(allows("exact", 2500))
    assert not allows("about", 2500).meets(allows("exact", 3000))
    assert not allows("exact", 160).meets(allows("more than", 160))


@pytest.mark.parametrize(
    ("metric", "scope", "part"),
    [
        ("killed", 'nationwide, including 18 security personnel and 26 described as "armed criminals"', None),
        ("killed", "security personnel killed, part of the toll of at least 44", "security forces"),
        ("killed", 'people described as "armed criminals", part of the toll of at least 44', "attackers"),
        ("killed", "police officials killed during the demonstrations nationwide", "police"),
        ("killed", "members of law enforcement", "law enforcement"),
        ("killed", "people left dead by the violent protest over the fuel price hike", None),
        ("killed", "deaths that the article says \"resulted\" from Tokayev's 'shoot to kill' order", None),
        ("detained", "people detained, which the article says were detained by security forces led by the CSTO", None),
        ("detained", "protesters detained so far, nationwide", "protesters"),
        ("criminal_cases", "criminal cases opened by police over incidents of violence", None),
        ("troops_deployed", "CSTO peacekeeping troops on the ground in Kazakhstan", None),
        ("troops_deployed", "Russian military personnel who have arrived in Kazakhstan", "Russian"),
        ("injured", "полицейских пострадали в Алматы", "police"),
        ("killed", None, None),
    ],
)
def test_a_scope_is_a_total_or_names_the_part_it_counts(metric: str, scope: str | None, part: str | None) -> None:
    assert scope_part(metric, scope) == part


@pytest.mark.parametrize(
    ("dates", "window"),
    [
        ({}, (("2022-01-08", 0), ("2022-01-08", 1439))),  # the whole day
        ({"date_precision": "approximate"}, (("2022-01-07", 0), ("2022-01-09", 1439))),  # a day either side
        ({"date_precision": "window", "date_latest": "2022-01-10"}, (("2022-01-08", 0), ("2022-01-10", 1439))),
        ({"date_precision": "range", "date_end": "2022-01-09"}, (("2022-01-08", 0), ("2022-01-09", 1439))),
        ({"time": "09:30"}, (("2022-01-08", 570), ("2022-01-08", 570))),
        # 22:00 in New York on the 8th is 09:00 on the 9th in Almaty
        ({"time": "22:00", "timezone": "America/New_York"}, (("2022-01-09", 540), ("2022-01-09", 540))),
    ],
)
def test_an_as_of_window_runs_from_the_first_to_the_last_moment_it_can_be(
    dates: dict[str, str], window: tuple[tuple[str, int], tuple[str, int]]
) -> None:
    figure = {"date": "2022-01-08", "date_end": None, "date_latest": None, "date_precision": "day", "time": None}
    assert as_of_window(figure | {"timezone": "Asia/Almaty"} | dates) == window


# ------------------------------------------------------------------------------------------------ the fixture


CONFLICTS_REPORT = """
killed · Kazakhstan · total
  • 2022-01-08  164  [killed-164-hospital]
    Scope: nationwide death toll
    Unattributed — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  • 2022-01-08  at least 160  [killed-at-least-160]
    Scope: people killed nationwide
    Stated by Ministry of Health — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  • 2022-01-09  120  [killed-120-sunday]
    Scope: people who had died nationwide
    Stated by Ministry of Health — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  Disagree:
    ! 164 [killed-164-hospital] of 2022-01-08 and 120 [killed-120-sunday] of 2022-01-09: killed counts only grow, but the later figure allows at most 120 where the earlier one allows at least 164
    ! at least 160 [killed-at-least-160] of 2022-01-08 and 120 [killed-120-sunday] of 2022-01-09: killed counts only grow, but the later figure allows at most 120 where the earlier one allows at least 160

killed · Kazakhstan · part: security forces
  • 2022-01-08  12 (as worded: 12 security personnel)  [killed-12-security]
    Scope: security personnel killed
    Stated by Kazakh police — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  • 2022-01-08  18 (as worded: 18 security personnel)  [killed-18-security]
    Scope: security personnel, part of the toll
    Stated by Ministry of Health — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  Disagree:
    ! 12 [killed-12-security] of 2022-01-08 and 18 [killed-18-security] of 2022-01-08: as of the same time, no number is both 12 and 18

troops_deployed · Kazakhstan · total
  • 2022-01-08  2,500 (as worded: 2,500 troops)  [troops-2500-csto]
    Scope: CSTO troops on the ground
    Stated by CSTO — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  • 2022-01-08  3,000  [troops-3000]
    Scope: CSTO troops on the ground
    Stated by A Russian official — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  • 2022-01-08  about 2,500  [troops-about-2500]
    Scope: CSTO troops on the ground
    Stated by Ministry of Health — Example Daily, 2022-01-10: How the numbers of the week disagree (tolls)
  Disagree:
    ! 2,500 [troops-2500-csto] of 2022-01-08 and 3,000 [troops-3000] of 2022-01-08: as of the same time, no number is both 2,500 and 3,000
    ! 3,000 [troops-3000] of 2022-01-08 and about 2,500 [troops-about-2500] of 2022-01-08: as of the same time, no number is both 3,000 and 2,250–2,750

3 groups of disagreeing figures (8 figures).
"""


def test_conflicts_lists_each_group_with_its_figures_sources_and_why_they_disagree(
    conflicts_db: str, run: Callable[..., Result]
) -> None:
    result = run("--db", conflicts_db, "figures", "--conflicts")
    assert result.exit_code == 0, result.stderr  # it reports; finding conflicts is not a failure
    assert result.stdout == CONFLICTS_REPORT


def test_agreeing_superseded_retracted_and_ordered_figures_are_not_conflicts(
    conflicts_db: str, run: Callable[..., Result]
) -> None:
    groups = conflicts_json(run, conflicts_db)
    assert summary(groups) == [
        (
            "killed",
            "Kazakhstan",
            None,
            ["killed-164-hospital", "killed-at-least-160", "killed-120-sunday"],
            [
                ("killed-164-hospital", "killed-120-sunday", "lower-later"),
                ("killed-at-least-160", "killed-120-sunday", "lower-later"),
            ],
        ),
        (
            "killed",
            "Kazakhstan",
            "security forces",
            ["killed-12-security", "killed-18-security"],
            [("killed-12-security", "killed-18-security", "values-differ")],
        ),
        (
            "troops_deployed",
            "Kazakhstan",
            None,
            ["troops-2500-csto", "troops-3000", "troops-about-2500"],
            [
                ("troops-2500-csto", "troops-3000", "values-differ"),
                ("troops-3000", "troops-about-2500", "values-differ"),
            ],
        ),
    ]
    listed = {figure["id"] for group in groups for figure in group["figures"]}
    # the Almaty corrections supersede each other, 225 was retracted, the detained counts agree, the evening count
    # of the injured follows the morning one, and the Russian troops are a part of the force
    assert not listed & {
        "killed-almaty-50",
        "killed-almaty-40",
        "killed-almaty-30",
        "killed-225-withdrawn",
        "detained-more-than-5000",
        "detained-5135",
        "injured-200-morning",
        "injured-300-evening",
        "troops-russian-1500",
    }
    first = groups[0]["figures"][0]
    assert first["possible_values"] == {"low": 164, "high": 164}
    assert (first["stated"], first["qualifier"], first["date"], first["stated_by"]) == (
        "164",
        "exact",
        "2022-01-08",
        None,
    )
    assert first["source"]["outlet"] == "Example Daily" and first["source"]["article_id"] == "tolls"


def test_metric_actor_and_scope_narrow_the_groups(conflicts_db: str, run: Callable[..., Result]) -> None:
    assert [group["metric"] for group in conflicts_json(run, conflicts_db, "--metric", "troops_deployed")] == [
        "troops_deployed"
    ]
    # a group stays whole: the figures the actor's disagrees with are listed too
    by_police = conflicts_json(run, conflicts_db, "--actor", "Kazakh police")
    assert summary(by_police)[0][3] == ["killed-12-security", "killed-18-security"]
    assert len(by_police) == 1
    assert [group["part"] for group in conflicts_json(run, conflicts_db, "--scope", "SECURITY")] == ["security forces"]
    result = run("--db", conflicts_db, "figures", "--conflicts", "--metric", "detained")
    assert (result.exit_code, result.stdout) == (0, "No figures disagree.\n")


def test_csv_has_one_row_per_figure_with_the_figures_it_disagrees_with(
    conflicts_db: str, run: Callable[..., Result]
) -> None:
    result = run("--db", conflicts_db, "figures", "--conflicts", "--format", "csv", "--metric", "killed")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "group,metric,label,place,part,figure_id,stated,qualifier,value,low,high,possible_low,possible_high,as_of,"
        "as_of_precision,stated_by,via,status,outlet,published_date,article_id,article_title,excerpt,disagrees_with"
    )
    assert lines[3] == (
        "1,killed,,Kazakhstan,,killed-120-sunday,120,exact,120,,,120,120,2022-01-09,day,Ministry of Health,,current,"
        "Example Daily,2022-01-10,tolls,How the numbers of the week disagree,On Sunday the ministry said 120 people "
        "had died.,killed-164-hospital killed-at-least-160"
    )
    assert [line.split(",")[0] for line in lines[1:]] == ["1", "1", "1", "2", "2"]


def test_groups_are_paged(conflicts_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", conflicts_db, "figures", "--conflicts", "--format", "json", "--limit", "2", "--page", "2")
    assert [group["metric"] for group in json.loads(result.stdout)] == ["troops_deployed"]
    assert result.stderr == "showing groups 3–3 of 3\n"


def test_the_listing_marks_disagreeing_figures_and_the_chart_draws_totals_only(
    conflicts_db: str, run: Callable[..., Result]
) -> None:
    result = run("--db", conflicts_db, "figures", "--metric", "killed")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("  • 2022-01-09  120  [killed-120-sunday]")
    assert lines[start + 3 : start + 5] == [
        "    ! Disagrees with 164 of 2022-01-08 [killed-164-hospital] (lower-later)",
        "    ! Disagrees with at least 160 of 2022-01-08 [killed-at-least-160] (lower-later)",
    ]
    chart = lines[lines.index("killed over time") :]
    # totals of two places: each place its own series; the parts of the toll are listed, not drawn; "!" under the
    # 164 and the at least 160 of 8 January and under the 120 of the 9th
    assert chart[8] == "      |              BC"
    assert chart[22:] == [
        "      +-+-----------+!!---------+-!--------",
        "        01-07       01-08       01-09  (2022, as-of dates)",
        "  A Kazakh police (Almaty) (a: superseded)",
        "  B unattributed (Kazakhstan)",
        "  C Ministry of Health (Kazakhstan)",
        "  x retracted: 225 (Ministry of Health (Kazakhstan), 2022-01-08)",
        "  ! on the axis: a figure that disagrees with another (figures --conflicts)",
        "  part (security forces), not charted: 12 (killed-12-security, Kazakh police, 2022-01-08)",
        "  part (security forces), not charted: 18 (killed-18-security, Ministry of Health, 2022-01-08)",
    ]


def test_the_html_page_marks_disagreeing_figures(conflicts_db: str, run: Callable[..., Result], tmp_path: Path) -> None:
    page_path = tmp_path / "page.html"
    assert run("--db", conflicts_db, "export", "--format", "html", "-o", str(page_path)).exit_code == 0
    page = page_path.read_text(encoding="utf-8")
    killed = page.split('<section class="metric" id="metric-killed">', 1)[1].split("</section>", 1)[0]
    chart = killed.split("</svg>", 1)[0]
    assert chart.count('<circle class="disagrees"') == 3  # 164, at least 160, 120; the parts are not drawn
    assert 'data-figure="killed-18-security"' not in chart
    assert '<a href="#figure-killed-18-security">18 security personnel</a>' in killed.split("<table", 1)[0]
    assert (
        '<tr id="figure-killed-120-sunday" class="disagrees">' in killed
        and '<span class="disagrees">disagrees with 164 of 2022-01-08 (<a href="#figure-killed-164-hospital">'
        "killed-164-hospital</a>): killed counts only grow, but the later figure allows at most 120 where the "
        "earlier one allows at least 164</span>"
        in killed
    )
    assert '<tr id="figure-killed-almaty-30">' in killed  # a correction along its chain is not marked


# ---------------------------------------------------------------------------------------------- the curated seeds


def test_on_the_curated_seeds_160_contradicts_at_least_164_and_the_detention_counts_agree(
    curated_engine_db: str, run: Callable[..., Result]
) -> None:
    groups = conflicts_json(run, curated_engine_db)
    assert summary(groups) == [
        (
            "killed",
            "Kazakhstan",
            None,
            [
                "killed-164-health-ministry",
                "killed-160-protest-against-russian-troops",
                "killed-over-160-protest-against-russian-troops",
            ],
            [
                ("killed-164-health-ministry", "killed-160-protest-against-russian-troops", "lower-later"),
                (
                    "killed-160-protest-against-russian-troops",
                    "killed-over-160-protest-against-russian-troops",
                    "values-differ",
                ),
            ],
        )
    ]
    listed = {figure["id"] for group in groups for figure in group["figures"]}
    assert not listed & {"killed-44-cnn", "killed-44-friday-asianlite"}  # superseded by the 164
    assert not listed & {"detained-more-than-5000-asianlite", "detained-5135-interior-ministry"}
    assert not listed & {"killed-18-security-personnel-cnn", "killed-police-nearly-13-khabar-24"}  # parts
    assert not listed & {"troops-2500-csto-secretary-general", "troops-about-2500-washington-post"}
    figures = {figure["id"]: figure for figure in groups[0]["figures"]}
    ministry = figures["killed-164-health-ministry"]
    assert (ministry["stated_by"], ministry["via"], ministry["source"]["outlet"]) == (
        "Ministry of Health of Kazakhstan",
        "CNN",
        "Asian Lite News",
    )
    result = run("--db", curated_engine_db, "figures", "--conflicts")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-5:] == [
        "  Disagree:",
        "    ! at least 164 [killed-164-health-ministry] of 2022-01-09 and 160 [killed-160-protest-against-russian-"
        "troops] of 2022-01-10: killed counts only grow, but the later figure allows at most 160 where the earlier "
        "one allows at least 164",
        "    ! 160 [killed-160-protest-against-russian-troops] of 2022-01-10 and more than 160 [killed-over-160-"
        "protest-against-russian-troops] of 2022-01-10: as of the same time, no number is both 160 and 161 or more",
        "",
        "1 group of disagreeing figures (3 figures).",
    ]


def test_on_the_curated_page_a_part_of_a_toll_is_listed_not_charted(
    curated_engine_db: str, run: Callable[..., Result], tmp_path: Path
) -> None:
    page_path = tmp_path / "page.html"
    assert run("--db", curated_engine_db, "export", "--format", "html", "-o", str(page_path)).exit_code == 0
    page = page_path.read_text(encoding="utf-8")
    injured = page.split('<section class="metric" id="metric-injured">', 1)[1].split("</section>", 1)[0]
    assert "<svg" not in injured  # the only injured figure is the police's 353
    assert '<p class="meta">No totals to chart: only vague quantities or parts of a count.</p>' in injured
    assert '<a href="#figure-injured-police-353-khabar-24">353</a> <span class="meta">(police' in injured
    killed_chart = page.split('<section class="metric" id="metric-killed">', 1)[1].split("</svg>", 1)[0]
    assert re.findall(r'<g class="point" data-figure="([^"]+)">', killed_chart) == [
        "killed-44-cnn",
        "killed-44-friday-asianlite",
        "killed-164-health-ministry",
        "killed-160-protest-against-russian-troops",
        "killed-over-160-protest-against-russian-troops",
    ]
    assert killed_chart.count('<circle class="disagrees"') == 3
