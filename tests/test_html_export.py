"""`kztimeline export --format html`: one self-contained page, escaped, offline, honouring the `show` filters."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import DATA, edit

from kztimeline.export.html_export import DateAxis, figure_chart


@pytest.fixture
def export_html(run: Callable[..., Result]) -> Callable[..., str]:
    def export(db: str | Path, *args: str) -> str:
        result = run("--db", str(db), "export", "--format", "html", *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    return export


def events_on(page: str) -> list[tuple[str, str, str]]:
    """(id, data-actors, data-places) of every event, in page order."""
    return re.findall(r'<article class="event" id="event-([^"]+)" data-actors="([^"]*)" data-places="([^"]*)">', page)


def options(page: str, select: str) -> list[tuple[str, str]]:
    block = page.split(f'<select id="{select}">', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)">([^<]*)</option>', block)


def test_the_page_holds_the_timeline_by_day_as_show_prints_it(loaded_db: str, export_html: Callable[..., str]) -> None:
    page = export_html(loaded_db)
    assert page.startswith("<!DOCTYPE html>\n")
    assert page.endswith("</html>\n")
    assert re.findall(r"<h3>([^<]+)</h3>", page.split('id="quotations"')[0]) == [
        "Thursday 6 January 2022",
        "Friday 7 January 2022",
    ]
    assert events_on(page) == [
        ("police-disperse-crowd", "kazakh-police", "almaty kazakhstan"),  # Almaty lies in Kazakhstan
        ("blinken-briefing", "blinken tokayev", "washington"),
        ("tokayev-kill-order", "tokayev", "kazakhstan"),
    ]
    assert (
        '<h4>• <span class="when">approx.</span> <span class="title">Police use water cannons and tear gas in Almaty'
        '</span> <span class="type">[security_operation]</span></h4>' in page
    )
    assert '<p class="meta">Actors: Kazakh police <span class="role">(actor)</span></p>' in page
    assert (
        '<blockquote class="quote"><span class="text">“So it&#x27;s not clear why they feel the need for any outside '
        "assistance. So we&#x27;re trying to learn more about it”</span> — "
        '<span class="speaker">Antony Blinken</span>, press briefing <a class="ref" href="#source-1">[1 via BBC]</a>'
        "</blockquote>" in page
    )
    assert (
        '<li id="source-1" value="1">Example Wire, 2022-01-08: <cite>US questions deployment of Russian military aid '
        'in Kazakhstan amid ongoing civil unrest</cite> <span class="meta">(briefing)</span></li>' in page
    )
    assert options(page, "filter-actor") == [
        ("", "all actors"),
        ("blinken", "Antony Blinken"),
        ("tokayev", "Kassym-Jomart Tokayev"),
        ("kazakh-police", "Kazakh police"),
    ]
    assert options(page, "filter-place") == [
        ("", "all places"),
        ("almaty", "Almaty"),
        ("kazakhstan", "Kazakhstan"),
        ("washington", "Washington"),
    ]
    # without the script every event is shown and the filter boxes stay hidden
    assert '<form id="filters" class="filters" hidden>' in page
    assert 'class="event" hidden' not in page


def test_export_to_a_file_reports_what_it_wrote(loaded_db: str, tmp_path: Path, run: Callable[..., Result]) -> None:
    target = tmp_path / "timeline.html"
    result = run("--db", str(loaded_db), "export", "--format", "html", "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {target}: 3 events, 2 statements, 1 figures, 1 articles\n"
    assert target.read_text(encoding="utf-8").count('<article class="event"') == 3


def test_the_show_filters_choose_the_events_quotations_and_figures(
    loaded_db: str, export_html: Callable[..., str]
) -> None:
    page = export_html(loaded_db, "--place", "Almaty")
    assert [event[0] for event in events_on(page)] == ["police-disperse-crowd"]
    assert "1 events, 0 quotations. Filters: place Almaty." in page
    assert '<li class="quotation"' not in page
    assert '<p class="empty">No reported figures.</p>' in page  # the one figure is about Kazakhstan as a whole
    assert options(page, "filter-actor") == [("", "all actors"), ("kazakh-police", "Kazakh police")]
    assert options(page, "filter-place") == [("", "all places"), ("almaty", "Almaty"), ("kazakhstan", "Kazakhstan")]

    page = export_html(loaded_db, "--actor", "Blinken")
    assert [event[0] for event in events_on(page)] == ["blinken-briefing"]
    assert re.findall(r'<li class="quotation" id="statement-([^"]+)" data-actors="([^"]*)"', page) == [
        ("blinken-outside-assistance", "blinken")
    ]


def test_an_unknown_filter_name_is_a_one_line_error(loaded_db: str, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "export", "--format", "html", "--actor", "Tokaev")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: no actor matches 'Tokaev'; did you mean 'tokayev'?\n"


def test_every_text_is_escaped(
    seeds: Path, db_path: Path, run: Callable[..., Result], export_html: Callable[..., str]
) -> None:
    edit(
        seeds / "events.yaml",
        "title: Police use water cannons and tear gas in Almaty",
        "title: 'Police use <b>tear gas</b> & \"water cannons\" </script><!-- in Almaty'",
    )
    edit(seeds / "actors.yaml", "name: Kazakh police", "name: Kazakh <i>police</i>")
    edit(seeds / "articles.yaml", "author: null", "author: null\n    url: 'javascript:alert(1)'")
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    page = export_html(db_path)
    assert (
        '<span class="title">Police use &lt;b&gt;tear gas&lt;/b&gt; &amp; &quot;water cannons&quot; '
        "&lt;/script&gt;&lt;!-- in Almaty</span>" in page
    )
    assert '<option value="kazakh-police">Kazakh &lt;i&gt;police&lt;/i&gt;</option>' in page
    assert "<b>" not in page and "<i>" not in page and "<!--" not in page
    assert page.count("<script>") == 1 and page.count("</script>") == 1
    assert "javascript:" not in page  # a URL that is not http(s) is shown as text, never linked


def test_the_page_needs_no_network(
    seeds: Path, db_path: Path, run: Callable[..., Result], export_html: Callable[..., str]
) -> None:
    edit(seeds / "articles.yaml", "author: null", "author: null\n    url: https://example.org/briefing?a=1&b=2")
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    page = export_html(db_path)
    # styles and the script are inline; nothing is loaded from anywhere (and the CSP forbids it)
    assert re.findall(r"\b(?:src|srcset|action|xlink:href)\s*=", page) == []
    assert "<link" not in page and "@import" not in page and "url(" not in page and "<iframe" not in page
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"" in page
    # the only links leaving the page are the article URLs in the source list
    external = [href for href in re.findall(r'href="([^"]*)"', page) if not href.startswith("#")]
    assert external == ["https://example.org/briefing?a=1&amp;b=2"]
    assert (
        '<li id="source-1" value="1">Example Wire, 2022-01-08: <a href="https://example.org/briefing?a=1&amp;b=2" '
        'rel="noreferrer">US questions deployment' in page
    )


def test_the_figures_are_charted_and_tabled_as_stated(
    seeds: Path, db_path: Path, run: Callable[..., Result], export_html: Callable[..., str]
) -> None:
    shutil.copy(DATA / "html" / "figures.yaml", seeds / "html-figures.yaml")
    edit(
        seeds / "figures.yaml",
        "    metric: killed\n",
        "    metric: killed\n    status: superseded\n    superseded_by: killed-range-test\n",
    )
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    page = export_html(db_path)
    chart = page.split('<section class="metric" id="metric-killed">', 1)[1].split("</svg>", 1)[0]
    # one point per total with a number; the vague "dozens" has none to plot, and a part of the toll is listed under
    # the chart, not drawn beside the totals as if it were one
    assert re.findall(r'<g class="point" data-figure="([^"]+)">', chart) == ["killed-44", "killed-range-test"]
    assert re.findall(r'<text class="label[^"]*"[^>]*>([^<]+)</text>', chart) == ["≥44", "18–26"]
    parts = page.split('<section class="metric" id="metric-killed">', 1)[1].split("<table", 1)[0].split("</svg>")[1]
    assert (
        '<ul class="parts"><li><a href="#figure-killed-18-security-personnel">18 security personnel</a> '
        '<span class="meta">(security forces, as of 2022-01-07; CNN)</span></li></ul>' in parts
    )
    assert 'class="disagrees"' not in page  # the lower range supersedes the 44: no disagreement
    assert '<text class="label superseded"' in chart  # killed-44, struck through
    assert chart.count('<line class="supersession"') == 1  # from killed-44 to what replaced it
    assert (
        "<title>“at least 44” (at least): nationwide. As of 2022-01-07. CNN; source [1]. "
        "Superseded by killed-range-test.</title>" in chart
    )
    legend = page.split('<ul class="legend">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"</span>([^<]+)</li>", legend) == ["CNN", "unattributed, Example Wire [1]"]
    table = page.split('<table class="figures">', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<tr id="figure-([^"]+)"', table) == [
        "killed-18-security-personnel",
        "killed-44",
        "killed-bloody-test",
        "killed-range-test",
    ]
    assert (
        '<tr id="figure-killed-44" class="superseded"><td>2022-01-07</td><td><q>at least 44</q></td><td>at least</td>'
        '<td class="number">≥44</td>' in table
    )
    assert 'superseded by <a href="#figure-killed-range-test">killed-range-test</a>' in table
    assert (
        '<tr id="figure-killed-bloody-test"><td>2022-01-08</td><td><q>turned bloody</q></td><td>dozens</td><td class="number">—</td>'
        in table
    )


def figure(figure_id: str, date: str, value: int | None, qualifier: str = "exact", **more: Any) -> dict[str, Any]:
    document = {"id": figure_id, "date": date, "date_end": None, "value": value, "low": None, "high": None}
    document |= {"qualifier": qualifier, "status": "current", "superseded_by_id": None, "series": "CNN"}
    document |= {"stated": str(value), "scope": None, "number": 1}
    return document | more


def test_the_chart_places_figures_by_date_and_value_side_by_side_on_one_day() -> None:
    axis = DateAxis(dt.date(2022, 1, 6), dt.date(2022, 1, 9))  # four days, 198 px each
    svg = figure_chart(
        "killed",
        [
            figure("a", "2022-01-06", 100),
            figure("b", "2022-01-07", 50, "at least"),
            figure("c", "2022-01-07", 50, "about", series="Ministry"),
            figure("d", "2022-01-09", None, "range", low=20, high=80, series="Ministry"),
        ],
        axis,
    )
    # y from 0 to 100 over 216 px below a 14 px margin; x at the middle of each day, two figures of 7 Jan 34 px apart
    assert re.findall(
        r'<g class="point" data-figure="(\w)"><title>[^<]*</title>(<(?:circle|path|line)[^>]*>)', svg
    ) == [
        ("a", '<circle cx="163.0" cy="14.0" r="4.5" fill="#4e79a7" stroke="#4e79a7" stroke-width="1.5"/>'),
        ("b", '<path d="M344.0,116.0L349.5,126.0L338.5,126.0Z" fill="#4e79a7" stroke="#4e79a7" stroke-width="1.5"/>'),
        (
            "c",
            '<path d="M378.0,116.0L384.0,122.0L378.0,128.0L372.0,122.0Z" fill="#f28e2b" stroke="#f28e2b" stroke-width="1.5"/>',
        ),
        ("d", '<line x1="757.0" x2="757.0" y1="186.8" y2="57.2" stroke="#f28e2b" stroke-width="3"/>'),
    ]
    assert re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', svg) == [
        "0", "20", "40", "60", "80", "100", "6 Jan", "7 Jan", "8 Jan", "9 Jan", "as of",
    ]  # fmt: skip
