"""Hostile text through every export: the same seeds, whose names, titles, summaries and excerpts carry HTML and
script, are exported to every format. The data formats keep the text exactly (escaping it would corrupt the data);
the HTML-bearing ones (the HTML page, TimelineJS3) are opened in headless Chromium with ``window.alert`` trapped,
and neither runs a script nor grows an element from the data.

Chromium, chromedriver and TimelineJS3 as for tests/test_browser.py (skipped without them, except in CI).
"""

from __future__ import annotations

import base64
import csv
import html
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import edit
from test_browser import browser, timelinejs_dist  # noqa: F401 - `browser` is a fixture

ACTOR = "Kazakh <img src=x onerror=alert(1)> police"
DESCRIPTION = "<script>alert(2)</script> Secretary"
ARTICLE_TITLE = "US questions <img src=x onerror=alert(3)> aid"
OUTLET = "Wire</title><script>alert(4)</script>"
URL = "javascript:alert(5)"
EXCERPT = "A crowd chanted <svg onload=alert(6)> near the akimat."
EVENT_TITLE = 'Police <iframe src="javascript:alert(7)"></iframe> in Almaty'
SUMMARY = '"><img src=x onerror=alert(8)>'
PLACE = "Almaty <b onmouseover=alert(9)>x</b>"
FIGURE_SCOPE = "</script><script>alert(10)</script>"
HOSTILE = [ACTOR, DESCRIPTION, ARTICLE_TITLE, OUTLET, EXCERPT, EVENT_TITLE, SUMMARY, PLACE, FIGURE_SCOPE]

# an alert trap installed before any script of the page runs
TRAP = (
    "window.__alerts = [];"
    "for (const name of ['alert', 'confirm', 'prompt', 'print']) {"
    "  window[name] = function (message) { window.__alerts.push(name + ': ' + String(message)); };"
    "}"
)
# elements a hostile text would add: an event handler attribute, or a script, frame or image of its own
INJECTED = (
    "return Array.from(document.querySelectorAll('*')).filter(e =>"
    " Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on'))"
    " || ['IFRAME', 'IMG', 'OBJECT', 'EMBED'].includes(e.tagName)"
    " || (e.tagName === 'SCRIPT' && !e.hasAttribute('data-harness') && e !== document.scripts[document.scripts.length"
    " - 1] && !e.src)"
    " || /^javascript:/i.test(e.getAttribute('href') || '') || /^javascript:/i.test(e.getAttribute('src') || '')"
    ").map(e => e.outerHTML.slice(0, 120))"
)


@pytest.fixture
def hostile_db(seeds: Path, db_path: Path, run: Callable[..., Result]) -> Path:
    """The fixture seeds with HTML and script in every kind of text an export writes; `validate` accepts them (it is
    text, and a timeline of a web campaign may quote such text), so every exporter must make it inert."""
    edit(seeds / "actors.yaml", "    name: Kazakh police\n", f"    name: {json.dumps(ACTOR)}\n")
    edit(
        seeds / "actors.yaml",
        "    description: US Secretary of State\n",
        f"    description: {json.dumps(DESCRIPTION)}\n",
    )
    edit(
        seeds / "articles.yaml",
        "    title: US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest\n",
        f"    title: {json.dumps(ARTICLE_TITLE)}\n",
    )
    edit(
        seeds / "articles.yaml",
        "    outlet: Example Wire\n",
        f"    outlet: {json.dumps(OUTLET)}\n    url: {json.dumps(URL)}\n",
    )
    article = seeds / "articles" / "briefing.txt"
    article.write_text(article.read_text(encoding="utf-8") + f"\n{EXCERPT}\n", encoding="utf-8")
    edit(
        seeds / "events.yaml",
        "    title: Police use water cannons and tear gas in Almaty\n",
        f"    title: {json.dumps(EVENT_TITLE)}\n    summary: {json.dumps(SUMMARY)}\n",
    )
    edit(
        seeds / "events.yaml",
        "        excerpt: Police used water cannons and tear gas to disperse the crowd in Almaty.\n",
        f"        excerpt: {json.dumps(EXCERPT)}\n",
    )
    edit(seeds / "places.yaml", "    name: Almaty\n", f"    name: {json.dumps(PLACE)}\n")
    edit(seeds / "figures.yaml", "    scope: nationwide\n", f"    scope: {json.dumps(FIGURE_SCOPE)}\n")
    result = run("--db", str(db_path), "load", str(seeds))
    assert result.exit_code == 0, result.stderr
    return db_path


def export(run: Callable[..., Result], db: Path, target: Path, *options: str) -> Path:
    result = run("--db", str(db), "export", *options, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target


def strings(document: Any) -> set[str]:
    """Every string anywhere in a JSON document."""
    if isinstance(document, str):
        return {document}
    if isinstance(document, dict):
        return set().union(*(strings(value) for value in document.values())) if document else set()
    if isinstance(document, list):
        return set().union(*(strings(value) for value in document)) if document else set()
    return set()


def test_data_formats_keep_hostile_text_exactly(hostile_db: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    """JSON, NDJSON, GeoJSON and CSV are data: the text is there byte for byte, for programs that read it (and
    for renderers, which treat it as text)."""
    in_json = strings(json.loads(export(run, hostile_db, tmp_path / "t.json").read_text(encoding="utf-8")))
    assert {ACTOR, ARTICLE_TITLE, OUTLET, EXCERPT, EVENT_TITLE, SUMMARY, PLACE, FIGURE_SCOPE} <= in_json
    ndjson = export(run, hostile_db, tmp_path / "t.ndjson", "--format", "ndjson").read_text(encoding="utf-8")
    in_ndjson = set().union(*(strings(json.loads(line)) for line in ndjson.splitlines()))
    assert {ACTOR, EVENT_TITLE, SUMMARY, EXCERPT} <= in_ndjson
    geojson = json.loads(export(run, hostile_db, tmp_path / "t.geojson", "--format", "geojson").read_text("utf-8"))
    assert {EVENT_TITLE, PLACE} <= strings(geojson)
    directory = export(run, hostile_db, tmp_path / "csv", "--format", "csv")
    cells = {
        cell
        for path in directory.glob("*.csv")
        for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines())
        for cell in row
    }
    assert {ACTOR, ARTICLE_TITLE, EXCERPT, EVENT_TITLE, PLACE} <= cells
    assert "'" + SUMMARY not in cells and SUMMARY in cells  # starts with a quote mark, not a formula: as it is


@pytest.mark.parametrize("group_by", ["actor", "type"])
def test_the_timelinejs_json_escapes_every_text_it_holds(
    hostile_db: Path, tmp_path: Path, run: Callable[..., Result], group_by: str
) -> None:
    """TimelineJS3 writes headlines, texts and group labels into innerHTML: each text is there HTML-escaped (and a
    source without an http(s) address is named, never linked)."""
    path = export(run, hostile_db, tmp_path / "t.json", "--format", "timelinejs", "--group-by", group_by)
    document = json.loads(path.read_text(encoding="utf-8"))
    fields = strings(document)
    written = " ".join(fields)
    for hostile in (ARTICLE_TITLE, OUTLET, EVENT_TITLE, SUMMARY):  # headlines and texts: HTML, escaped once
        assert hostile not in written
        assert html.escape(hostile, quote=False) in written
    assert not re.search(r"<(img|script|svg|iframe|b)\b", written)
    assert "href" not in written  # the article's address is javascript:, so it is no link
    groups = {slide.get("group") for slide in document["events"]}
    if group_by == "actor":  # TimelineJS 3.9 takes a label's text content first: escaped twice
        assert "Kazakh &amp;lt;img src=x onerror=alert(1)&amp;gt; police" in groups


def no_script_ran(driver: Any) -> None:
    assert driver.execute_script("return window.__alerts") == []
    assert driver.execute_script(INJECTED) == []


def test_the_html_export_runs_no_hostile_script_in_chromium(
    browser: Any,  # noqa: F811 - the fixture imported from test_browser
    hostile_db: Path,
    tmp_path: Path,
    run: Callable[..., Result],
) -> None:
    page = export(run, hostile_db, tmp_path / "timeline.html", "--format", "html")
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    browser.get(page.as_uri())
    text = browser.execute_script("return document.body.innerText")
    for hostile in (ACTOR, ARTICLE_TITLE, OUTLET, EVENT_TITLE, SUMMARY, PLACE, FIGURE_SCOPE):
        assert hostile in text  # shown as the text it is
    assert browser.execute_script("return document.querySelectorAll('#filter-actor option').length") > 1
    # hover and click everything, so an injected onmouseover or onclick would have its chance
    browser.execute_script(
        "for (const e of document.querySelectorAll('body *')) {"
        "  for (const type of ['mouseover', 'click', 'focus']) e.dispatchEvent(new Event(type, {bubbles: true}));"
        "}"
    )
    no_script_ran(browser)


@pytest.mark.parametrize("group_by", ["actor", "type"])
def test_the_timelinejs_export_runs_no_hostile_script_in_timelinejs3(
    browser: Any,  # noqa: F811 - the fixture imported from test_browser
    hostile_db: Path,
    tmp_path: Path,
    run: Callable[..., Result],
    group_by: str,
) -> None:
    dist = timelinejs_dist()
    document = export(run, hostile_db, tmp_path / "timeline.json", "--format", "timelinejs", "--group-by", group_by)
    # the document reaches the page as base64, so no text in it can end the harness's own script element
    encoded = base64.b64encode(document.read_bytes()).decode("ascii")
    page = tmp_path / "timelinejs.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{(dist / 'css' / 'timeline.css').as_uri()}'>"
        f"<script data-harness src='{(dist / 'js' / 'timeline.js').as_uri()}'></script></head>"
        "<body><div id='timeline' style='width:1000px;height:650px'></div><script data-harness>"
        "window.errors = []; window.onerror = function (message) { window.errors.push(String(message)); };"
        f"const bytes = Uint8Array.from(atob('{encoded}'), c => c.charCodeAt(0));"
        "window.timeline = new TL.Timeline('timeline', JSON.parse(new TextDecoder().decode(bytes)));"
        "</script></body></html>",
        encoding="utf-8",
    )
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    browser.get(page.as_uri())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not browser.execute_script(
        "return document.querySelectorAll('.tl-timemarker').length"
    ):
        time.sleep(0.2)
    # every slide in turn, so the text of each is put into the page
    for _ in range(5):
        browser.execute_script("window.timeline.goToNext()")
        time.sleep(0.3)
    assert browser.execute_script("return window.errors") == []
    markers = browser.execute_script(
        "return Array.from(document.querySelectorAll('.tl-timemarker .tl-headline')).map(e => e.textContent)"
    )
    assert EVENT_TITLE in markers  # shown as the text it is, not as an element
    if group_by == "actor":
        groups = browser.execute_script(
            "return Array.from(document.querySelectorAll('.tl-timegroup-message')).map(e => e.textContent)"
        )
        assert ACTOR in groups
    no_script_ran(browser)
