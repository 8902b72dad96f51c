"""`kztimeline figures`: reported numbers as stated, with their sources and status, and a chart of them over time.

The dataset is tests/data/figures-seeds: the small fixture plus a death toll stated by CNN (44, superseded) and by
the Ministry of Health (225, retracted; then at least 164), a range of injured and a vague number of detained.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kztimeline.cli.figure_chart import nice_top, render_chart

FIGURES_SEEDS = Path(__file__).parent / "data" / "figures-seeds"


@pytest.fixture
def figures_db(engine_db: str, run: Callable[..., Result]) -> str:
    result = run("--db", engine_db, "load", str(FIGURES_SEEDS))
    assert result.exit_code == 0, result.stderr
    return engine_db


KILLED_LIST = """
killed
  • 2022-01-07  at least 44  [killed-44]  SUPERSEDED by at least 164 of 2022-01-09 [killed-164]
    Scope: nationwide; Kazakhstan
    Stated by CNN — Example Wire, 2022-01-08: US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest (briefing)
  • 2022-01-08  225  [killed-225]  RETRACTED
    Scope: nationwide
    Stated by Ministry of Health — Example Daily, 2022-01-10: Kazakhstan death toll revised upwards (update)
  • 2022-01-09  at least 164  [killed-164]
    Scope: nationwide; Kazakhstan
    Stated by Ministry of Health — Example Daily, 2022-01-10: Kazakhstan death toll revised upwards (update)
"""

KILLED_CHART = """
killed over time
  250 |
      |
      |              x
      |
  200 |
      |
      |
      |                          B
  150 |
      |
      |
      |
  100 |
      |
      |
      |
   50 | a
      |
      |
      |
    0 |
      +-+-----------+-----------+----------
        01-07       01-08       01-09  (2022, as-of dates)
  a CNN (superseded)
  B Ministry of Health
  x retracted: 225 (Ministry of Health, 2022-01-08)
"""


def test_a_metric_lists_every_number_as_stated_then_charts_them(figures_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", figures_db, "figures", "--metric", "killed")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == KILLED_LIST + KILLED_CHART


def test_no_chart_prints_only_the_list(figures_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", figures_db, "figures", "--metric", "killed", "--no-chart")
    assert result.stdout == KILLED_LIST


def test_a_single_point_charts_on_a_one_day_axis(figures_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", figures_db, "figures", "--actor", "CNN")
    assert result.exit_code == 0, result.stderr
    chart = result.stdout.split("killed over time\n")[1]
    assert chart.splitlines()[-4:] == [
        "   0 |",
        "     +-+----------",
        "       01-07  (2022, as-of dates)",
        "  a CNN (superseded)",
    ]
    assert chart.splitlines()[2] == "     | a"


def test_scope_is_a_case_insensitive_substring_and_vague_numbers_are_not_charted(
    figures_db: str, run: Callable[..., Result]
) -> None:
    result = run("--db", figures_db, "figures", "--scope", "ALMATY")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  • 2022-01-09 approx.  dozens (as worded: Dozens of people)  [detained-dozens]" in lines
    assert "  (no numbers to chart: only vague quantities)" in lines
    assert "  not charted: dozens (detained-dozens, Kazakh police, 2022-01-09)" in lines
    assert "  • 2022-01-09  230–260 (as worded: between 230 and 260)  [injured-230-260]" in lines
    assert "killed" not in lines


def test_json_is_an_array_of_figures_with_who_stated_them_and_what_superseded_them(
    figures_db: str, run: Callable[..., Result]
) -> None:
    result = run("--db", figures_db, "figures", "--metric", "killed", "--format", "json")
    figures = json.loads(result.stdout)
    assert [(f["id"], f["value"], f["qualifier"], f["status"]) for f in figures] == [
        ("killed-44", 44, "at least", "superseded"),
        ("killed-225", 225, "exact", "retracted"),
        ("killed-164", 164, "at least", "current"),
    ]
    assert figures[0]["superseded_by"] == {"id": "killed-164", "stated": "at least 164", "date": "2022-01-09"}
    assert figures[0]["stated_by"] == "CNN"
    assert figures[0]["source"]["outlet"] == "Example Wire"
    assert figures[0]["excerpt"].startswith("at least 44, including 18 security personnel")


def test_figures_come_in_pages_like_the_other_listings(figures_db: str, run: Callable[..., Result]) -> None:
    def ids(*options: str) -> tuple[list[str], str]:
        result = run("--db", figures_db, "figures", "--metric", "killed", "--format", "json", *options)
        assert result.exit_code == 0, result.stderr
        return [figure["id"] for figure in json.loads(result.stdout)], result.stderr

    assert ids("--limit", "2") == (
        ["killed-44", "killed-225"],
        "showing figures 1–2 of 3; --page 2 for the next 1, --limit N for longer pages, or --all\n",
    )
    assert ids("--limit", "2", "--page", "2") == (["killed-164"], "showing figures 3–3 of 3\n")
    assert ids("--limit", "2", "--all") == (["killed-44", "killed-225", "killed-164"], "")


def test_csv_has_one_flat_row_per_figure(figures_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", figures_db, "figures", "--metric", "injured", "--format", "csv")
    assert result.stdout == (
        "figure_id,metric,label,stated,qualifier,value,low,high,scope,place,as_of,as_of_end,as_of_precision,"
        "stated_by_id,stated_by,via,status,superseded_by_id,outlet,published_date,article_id,article_title,excerpt,"
        "note\n"
        "injured-230-260,injured,,between 230 and 260,range,,230,260,in Almaty,Almaty,2022-01-09,,day,kazakh-police,"
        "Kazakh police,,current,,Example Daily,2022-01-10,update,Kazakhstan death toll revised upwards,"
        '"Between 230 and 260 people were injured in Almaty, police said on Sunday.",\n'
    )


def test_an_unknown_metric_is_an_error_with_the_closest_name(figures_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", figures_db, "figures", "--metric", "kiled")
    assert result.exit_code == 1
    assert result.stderr == "Error: no metric matches 'kiled'; did you mean 'killed'?\n"


def test_an_unknown_actor_is_an_error_with_the_closest_name(figures_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", figures_db, "figures", "--actor", "Ministry of Helth")
    assert result.exit_code == 1
    assert result.stderr == "Error: no actor matches 'Ministry of Helth'; did you mean 'Ministry of Health'?\n"


def _figure(
    date: str, value: int | None, stated_by: str, status: str = "current", **extra: object
) -> dict[str, object]:
    return {"id": f"f-{date}-{value}", "date": date, "value": value, "low": None, "high": None, "qualifier": "exact",
            "stated_by": stated_by, "status": status, **extra}  # fmt: skip


def test_equal_values_sit_on_one_line() -> None:
    lines = [line.plain for line in render_chart([_figure("2022-01-07", 7, "A"), _figure("2022-01-08", 7, "A")], "t")]
    assert lines[1:] == [
        "  10 |",
        "     |",
        "     |",
        "     |",
        "   8 |",
        "     |",
        "     | A           A",
        "     |",
        "   6 |",
        "     |",
        "     |",
        "     |",
        "   4 |",
        "     |",
        "     |",
        "     |",
        "   2 |",
        "     |",
        "     |",
        "     |",
        "   0 |",
        "     +-+-----------+----------",
        "       01-07       01-08  (2022, as-of dates)",
        "  A A",
    ]


def test_a_range_is_drawn_from_its_low_to_its_high_end_never_as_a_midpoint() -> None:
    figure = _figure("2022-01-09", None, "Police", qualifier="range", low=100, high=300)
    column = [line.plain[8:9] for line in render_chart([figure], "t")[1:22]]
    assert "".join(column).rstrip() == "A" + ":" * 12 + "A"  # 300 on the top line, 100 on the 14th of 21
    assert render_chart([figure], "t")[-1].plain == "  : a range, drawn from its low to its high end"


def test_axis_tops_are_round_multiples_of_five() -> None:
    assert [nice_top(n) for n in (0, 5, 6, 11, 44, 164, 260, 5000, 5001)] == [5, 5, 10, 15, 50, 200, 300, 5000, 6000]
