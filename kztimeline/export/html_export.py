"""The HTML export: one self-contained page (no network, no external files) to read and filter the timeline offline.

The page holds the timeline by day as ``show`` prints it (time, title, type, places, actors with roles, quotations
with speaker and intermediary, numbered sources), the quotations, the reported figures as a chart and a table per
metric, and the numbered list of source articles. Select boxes filter the events by actor and by place with a
small inline script; without the script every event is shown and the boxes stay hidden.

It honours the filters of ``show`` exactly as the JSON export does (same events, statements and figures). Events
and quotations are fetched and written a batch at a time, so memory stays flat however large the timeline; the
filter lists come from the tables, and only one metric's figures are held at a time, to draw its chart.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Collection, Iterable
from html import escape
from typing import Any, TextIO

from kztimeline import __version__
from kztimeline.db.reader import Reader, chunked, in_list
from kztimeline.export.json_export import figure_query
from kztimeline.presentation import SourceNumbers, day_heading, short_date
from kztimeline.query.corroboration import describe_counts
from kztimeline.query.figure_conflicts import ScopeKey, conflicting_figure_ids, find_figure_conflicts, scope_part
from kztimeline.query.figures import stated_value
from kztimeline.query.timeline import (
    TIMELINE_ORDER,
    TimelineFilter,
    event_selection,
    fetch_events,
    iter_statements,
    resolve_filter,
)
from kztimeline.query.wordings import statement_wordings
from kztimeline.taxonomy import DEFAULT_TIMEZONE, VAGUE_QUALIFIERS

Progress = Callable[[str, int], None]  # (section, records written so far)

BATCH = 500  # events or quotations fetched and written at a time

# Tableau 10: distinguishable, and readable on white
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")

# how a qualifier is shown next to a plotted value, and the marker that draws it
QUALIFIER_SIGNS = {"at least": "≥", "more than": ">", "about": "~", "nearly": "≲", "up to": "≤"}
QUALIFIER_MARKERS = {"at least": "up", "more than": "up", "nearly": "down", "up to": "down", "about": "diamond"}


def _e(text: object) -> str:
    """Every text that reaches the page goes through here (attributes too, hence ``quote=True``)."""
    return escape(str(text), quote=True)


def write_html_export(
    reader: Reader, wanted: TimelineFilter, out: TextIO, *, progress: Progress | None = None
) -> dict[str, int]:
    """Write the page to ``out``; return how many events, statements, figures and articles it holds."""
    resolved = resolve_filter(reader, wanted)
    filtered = not wanted.is_empty()
    where, params = event_selection(reader, resolved)
    chosen = f"SELECT events.id FROM events{where}"
    statements_where, statements_params = (f"statements.event_id IN ({chosen})", params) if filtered else ("1 = 1", {})
    places = PlaceTree(reader)
    sources = SourceNumbers()
    counts = {"events": 0, "statements": 0, "figures": 0, "articles": 0}

    event_total = int(reader.scalars(f"SELECT COUNT(*) FROM events{where}", params)[0])
    statement_total = int(
        reader.scalars(f"SELECT COUNT(*) FROM statements WHERE {statements_where}", statements_params)[0]
    )
    out.write(_HEAD.format(title=_e(_page_title(wanted)), style=_STYLE))
    out.write(f"<header>\n<h1>{_e(_page_title(wanted))}</h1>\n")
    out.write(f'<p class="lead">{event_total} events, {statement_total} quotations. {_e(_filter_text(wanted))}')
    out.write(f" Exported by kztimeline {_e(__version__)}; every line cites its source article.</p>\n")
    out.write('<nav><a href="#timeline">Timeline</a> · <a href="#quotations">Quotations</a> · ')
    out.write('<a href="#figures">Reported figures</a> · <a href="#sources">Sources</a></nav>\n')
    _write_filter_form(out, reader, places, chosen, statements_where, params | statements_params, event_total)
    out.write("</header>\n<main>\n")

    out.write('<section id="timeline">\n<h2>Timeline</h2>\n')
    if event_total == 0:
        out.write('<p class="empty">No events match.</p>\n')
    counts["events"] = _write_events(out, reader, where, params, places, sources, progress)
    out.write("</section>\n")

    out.write('<section id="quotations">\n<h2>Quotations</h2>\n')
    counts["statements"] = _write_quotations(
        out, reader, statements_where, statements_params, places, sources, progress
    )
    out.write("</section>\n")

    out.write('<section id="figures">\n<h2>Reported figures</h2>\n')
    counts["figures"] = _write_figures(out, reader, figure_query(resolved, filtered), places, sources, progress)
    out.write("</section>\n")

    out.write('<section id="sources">\n<h2>Sources</h2>\n')
    counts["articles"] = _write_sources(out, reader, sources)
    out.write("</section>\n</main>\n")
    out.write(f"<script>\n{_SCRIPT}</script>\n</body>\n</html>\n")
    return counts


def _page_title(wanted: TimelineFilter) -> str:
    return "Timeline" if wanted.is_empty() else "Timeline (filtered)"


def _filter_text(wanted: TimelineFilter) -> str:
    if wanted.is_empty():
        return "The whole dataset."
    parts = [
        f"actor {', '.join(wanted.actors)}" if wanted.actors else "",
        f"place {', '.join(wanted.places)}" if wanted.places else "",
        f"from {wanted.date_from.isoformat()}" if wanted.date_from else "",
        f"to {wanted.date_to.isoformat()}" if wanted.date_to else "",
        f"type {', '.join(wanted.types)}" if wanted.types else "",
        f"tag {', '.join(wanted.tags)}" if wanted.tags else "",
        f"search “{wanted.search}”" if wanted.search is not None else "",
    ]
    return "Filters: " + "; ".join(part for part in parts if part) + "."


class PlaceTree:
    """Every place's name and parent, so an event in Almaty also matches the filter "Kazakhstan" (as in ``show``).

    The places table is a gazetteer, small next to the events, so it is read once.
    """

    def __init__(self, reader: Reader) -> None:
        self.names: dict[str, str] = {}
        self.parents: dict[str, str | None] = {}
        for row in reader.iterate("SELECT id, name, parent_id FROM places"):
            self.names[row["id"]] = row["name"]
            self.parents[row["id"]] = row["parent_id"]

    def with_ancestors(self, place_ids: Iterable[str]) -> list[str]:
        found: dict[str, None] = {}
        for place_id in place_ids:
            current: str | None = place_id
            while current is not None and current not in found:
                found[current] = None
                current = self.parents.get(current)
        return list(found)


def _data(name: str, ids: Iterable[str]) -> str:
    return f' data-{name}="{_e(" ".join(dict.fromkeys(ids)))}"'


def _write_filter_form(
    out: TextIO,
    reader: Reader,
    places: PlaceTree,
    chosen: str,
    statements_where: str,
    params: dict[str, Any],
    event_total: int,
) -> None:
    """The select boxes, listing only actors and places that occur on the page; hidden until the script runs."""
    actors = reader.rows(
        f"""SELECT id, name FROM actors
            WHERE id IN (SELECT actor_id FROM event_actors WHERE event_id IN ({chosen}))
               OR id IN (SELECT speaker_id FROM statements WHERE {statements_where})""",
        params,
    )
    place_ids = reader.scalars(
        f"""SELECT place_id FROM event_places WHERE event_id IN ({chosen})
            UNION SELECT place_id FROM statements WHERE {statements_where} AND place_id IS NOT NULL""",
        params,
    )
    out.write('<form id="filters" class="filters" hidden>\n<label>Actor <select id="filter-actor">\n')
    out.write('<option value="">all actors</option>\n')
    for actor in sorted(actors, key=lambda row: (row["name"].casefold(), row["id"])):
        out.write(f'<option value="{_e(actor["id"])}">{_e(actor["name"])}</option>\n')
    out.write('</select></label>\n<label>Place <select id="filter-place">\n<option value="">all places</option>\n')
    for place_id in sorted(places.with_ancestors(place_ids), key=lambda p: (places.names[p].casefold(), p)):
        out.write(f'<option value="{_e(place_id)}">{_e(places.names[place_id])}</option>\n')
    out.write('</select></label>\n<button type="reset">Show all</button>\n')
    out.write(f'<output id="filter-status">{event_total} of {event_total} events shown</output>\n</form>\n')


def _reported(progress: Progress | None, section: str, count: int, done: bool = False) -> None:
    if progress is not None and (done or count % 5000 == 0):
        progress(section, count)


def _write_events(
    out: TextIO,
    reader: Reader,
    where: str,
    params: dict[str, Any],
    places: PlaceTree,
    sources: SourceNumbers,
    progress: Progress | None,
) -> int:
    """The events grouped by day, as ``show`` prints them, fetched a batch at a time in timeline order."""
    ids = (row[0] for row in reader.tuples(f"SELECT events.id FROM events{where} ORDER BY {TIMELINE_ORDER}", params))
    count = 0
    current: tuple[str, str | None, str | None] | None = None
    while batch := list(itertools.islice(ids, BATCH)):
        for event in fetch_events(reader, batch):
            group = (event["date"], event["date_end"], event["date_latest"])
            if group != current:
                if current is not None:
                    out.write("</section>\n")
                current = group
                out.write(f'<section class="day">\n<h3>{_e(day_heading(*group))}</h3>\n')
            out.write(_event_html(event, places, sources))
            count += 1
            _reported(progress, "events", count)
    if current is not None:
        out.write("</section>\n")
    _reported(progress, "events", count, done=True)
    return count


def _when(item: dict[str, Any]) -> str:
    parts = []
    if item["time"]:
        parts.append(item["time"] + ("" if item["timezone"] == DEFAULT_TIMEZONE else f" {item['timezone']}"))
    if item["date_precision"] == "approximate":
        parts.append("approx.")
    return " ".join(parts)


def _event_html(event: dict[str, Any], places: PlaceTree, sources: SourceNumbers) -> str:
    actor_ids = [a["id"] for a in event["actors"]] + [s["speaker_id"] for s in event["statements"]]
    place_ids = places.with_ancestors(p["id"] for p in event["places"])
    parts = [
        f'<article class="event" id="event-{_e(event["id"])}"{_data("actors", actor_ids)}{_data("places", place_ids)}>'
    ]
    when = _when(event)
    parts.append(
        "<h4>• " + (f'<span class="when">{_e(when)}</span> ' if when else "") + f'<span class="title">'
        f'{_e(event["title"])}</span> <span class="type">[{_e(event["type"])}]</span></h4>'
    )
    if event["summary"]:
        parts.append(f'<p class="summary">{_e(event["summary"])}</p>')
    if event["places"]:
        parts.append('<p class="meta">Places: ' + ", ".join(_e(p["name"]) for p in event["places"]) + "</p>")
    if event["actors"]:
        names = ", ".join(f'{_e(a["name"])} <span class="role">({_e(a["role"])})</span>' for a in event["actors"])
        parts.append(f'<p class="meta">Actors: {names}</p>')
    if event["tags"]:
        parts.append('<p class="meta">Tags: ' + ", ".join(_e(tag) for tag in event["tags"]) + "</p>")
    if event["date_note"]:
        parts.append(f'<p class="meta date-note">Date evidence: {_e(event["date_note"])}</p>')
    for statement in event["statements"]:
        parts.append(f'<blockquote class="quote">{_quotation_html(statement, sources)}</blockquote>')
    numbers = list(dict.fromkeys(sources.number(citation) for citation in event["citations"]))
    counted = event["corroboration"]
    single = " single" if counted["single_source"] else ""
    parts.append(
        '<p class="sources">Sources: '
        + " ".join(_source_link(n) for n in numbers)
        + f' <span class="corroboration{single}">({_e(describe_counts(counted))})</span></p>'
    )
    if event["citations"]:
        parts.append("<details><summary>excerpts</summary><ul>")
        for citation in event["citations"]:
            number = sources.number(citation)
            parts.append(f"<li>{_source_link(number)} “{_e(citation['excerpt'])}”</li>")
        parts.append("</ul></details>")
    parts.append("</article>\n")
    return "\n".join(parts)


def _source_link(number: int, via: str | None = None) -> str:
    via_text = f" via {_e(via)}" if via else ""
    return f'<a class="ref" href="#source-{number}">[{number}{via_text}]</a>'


def _quotation_html(statement: dict[str, Any], sources: SourceNumbers) -> str:
    """“…text…” — Speaker, venue [2 via CNN], as ``show`` prints a quotation."""
    ellipsis = "…" if statement["partial"] else ""
    venue = f", {_e(statement['venue'])}" if statement["venue"] else ""
    references = " ".join(_source_link(sources.number(s), s["via"]) for s in statement["sources"])
    return (
        f'<span class="text">“{ellipsis}{_e(statement["text"])}{ellipsis}”</span> — '
        f'<span class="speaker">{_e(statement["speaker"])}</span>{venue} {references}'
    )


def _write_quotations(
    out: TextIO,
    reader: Reader,
    where: str,
    params: dict[str, Any],
    places: PlaceTree,
    sources: SourceNumbers,
    progress: Progress | None,
) -> int:
    """Every quotation in date order, each with the event it belongs to (shown by the filters when its speaker is
    the chosen actor and its own place or its event's places lie in the chosen place)."""
    statements = iter_statements(reader, where, params)
    count = 0
    divergent = _divergent_statement_ids(reader)
    out.write('<ol class="quotations">\n')
    while batch := list(itertools.islice(statements, BATCH)):
        titles, event_places = _event_titles_and_places(reader, {s["event_id"] for s in batch if s["event_id"]})
        for statement in batch:
            own = [statement["place_id"]] if statement["place_id"] else []
            place_ids = places.with_ancestors(own + event_places.get(statement["event_id"], []))
            when = " ".join(part for part in (short_date(statement), _when(statement)) if part)
            out.write(
                f'<li class="quotation" id="statement-{_e(statement["id"])}"'
                f"{_data('actors', [statement['speaker_id']])}{_data('places', place_ids)}>"
                f'<span class="date">{_e(when)}</span> {_quotation_html(statement, sources)}'
            )
            if statement["place"]:
                out.write(f' <span class="meta">in {_e(statement["place"])}</span>')
            if statement["event_id"] in titles:
                out.write(
                    f' <span class="meta">(event: <a href="#event-{_e(statement["event_id"])}">'
                    f"{_e(titles[statement['event_id']])}</a>)</span>"
                )
            if statement["id"] in divergent:
                out.write(_wordings_html(reader, statement["id"]))
            out.write("</li>\n")
            count += 1
            _reported(progress, "statements", count)
    out.write("</ol>\n")
    if not count:
        out.write('<p class="empty">No quotations.</p>\n')
    _reported(progress, "statements", count, done=True)
    return count


def _divergent_statement_ids(reader: Reader) -> set[str]:
    """The statements the articles give in other words or attribute to someone else (found once for the page, as
    ``check`` finds them, so only those are compared one by one)."""
    from kztimeline.query.check import divergent_quotations

    ids: set[str] = set()
    for finding in divergent_quotations(reader):
        ids |= {finding.record_id, str(finding.details["other"])}
    return ids


def _wordings_html(reader: Reader, statement_id: str) -> str:
    """The other wordings of a quotation, the words that differ marked, as ``kztimeline statement ID`` shows them."""
    wordings = statement_wordings(reader, statement_id)
    items = []
    for wording in wordings.related:
        if wording.relation == "same event":
            continue
        other = wording.statement
        words = " ".join(f"<mark>{_e(word)}</mark>" if differs else _e(word) for word, differs in wording.words)
        who = f' — <span class="flag">attributed to {_e(other["speaker"])}</span>' if wording.other_speaker else ""
        items.append(
            f'<li>{_e(wording.relation)}: “{words}” <a href="#statement-{_e(other["id"])}">({_e(other["id"])})</a>'
            f"{who}</li>"
        )
    if not items:
        return ""
    return '<details class="wordings"><summary>other wordings</summary><ul>' + "".join(items) + "</ul></details>"


def _event_titles_and_places(reader: Reader, event_ids: set[str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    titles: dict[str, str] = {}
    event_places: dict[str, list[str]] = {}
    for chunk in chunked(sorted(event_ids)):
        ids_sql, params = in_list("event", chunk)
        for row in reader.iterate(f"SELECT id, title FROM events WHERE id IN {ids_sql}", params):
            titles[row["id"]] = row["title"]
        for row in reader.iterate(f"SELECT event_id, place_id FROM event_places WHERE event_id IN {ids_sql}", params):
            event_places.setdefault(row["event_id"], []).append(row["place_id"])
    return titles, event_places


# ---------------------------------------------------------------------------------------------------- figures


def _write_figures(
    out: TextIO,
    reader: Reader,
    query: tuple[str, dict[str, Any]],
    places: PlaceTree,
    sources: SourceNumbers,
    progress: Progress | None,
) -> int:
    """Per metric: a chart of the totals by as-of date (one colour per series: who stated it, or the article when
    no one is named; the parts of a count listed under it, never drawn as totals) and a table of every figure as
    stated. Nothing is merged: each figure is its own point. Figures that disagree with another of their scope are
    marked in both; what disagrees is decided over the whole database, so a filtered page still shows it."""
    sql, params = query
    marks = conflicting_figure_ids(find_figure_conflicts(reader))
    first, last = next(
        reader.tuples(
            f"SELECT MIN(date_start), MAX(COALESCE(date_end, date_latest, date_start)) FROM ({sql}) AS chosen"
            " WHERE metric <> 'other'",
            params,
        )
    )
    axis = DateAxis(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) if first else None
    out.write(
        '<p class="key">Each point is one figure as stated, at the date it is as of; colours are series (who stated '
        "it, or the article when no one is named). Markers: ● exact, ▲ at least / more than, ▼ nearly / up to, "
        "◆ about, | a range from low to high; labels: ≥ at least, &gt; more than, ~ about, ≲ nearly, ≤ up to. "
        "A hollow dashed marker is a figure later superseded (a dashed line leads to the figure that replaced it); "
        "✕ is a retracted figure. Vague quantities (“dozens”) have no value to plot and are in the tables only. "
        "A red ring marks a figure that disagrees with another of the same scope (its row in the table says which; "
        "<code>kztimeline figures --conflicts</code> lists them). Only totals are drawn: the parts of a count "
        "(“18 security personnel”) are listed under the chart.</p>\n"
    )
    count = 0
    for metric, group in itertools.groupby(reader.iterate(sql, params), key=lambda row: str(row["metric"])):
        figures = list(group)  # one metric at a time: its chart needs the scale and the series first
        names = _actor_names(reader, {f[key] for f in figures for key in ("stated_by_id", "via_id") if f[key]})
        for figure in figures:
            figure["date"] = figure["date_start"]
            figure["number"] = sources.number(figure)
            figure["series"] = _series(figure, names)
        out.write(f'<section class="metric" id="metric-{_e(metric)}">\n<h3>{_e(_metric_title(metric))}</h3>\n')
        if metric == "other":
            out.write('<p class="meta">Not charted: each of these counts something else (see the labels).</p>\n')
        elif axis is not None:
            totals = [figure for figure in figures if not ScopeKey.of(figure).part]
            if len({f["place_id"] for f in totals if f["place_id"] and _plotted(f)}) > 1:
                for figure in totals:  # each place its own series: one place's toll is part of another's
                    place = places.names.get(figure["place_id"], figure["place_id"]) if figure["place_id"] else None
                    figure["series"] += f" ({place or 'no place'})"
            if any(_plotted(figure) for figure in totals):
                out.write(figure_chart(metric, totals, axis, disagreeing=set(marks)))
            else:
                out.write('<p class="meta">No totals to chart: only vague quantities or parts of a count.</p>\n')
            out.write(_parts_list([figure for figure in figures if ScopeKey.of(figure).part]))
        out.write(_figure_table(metric, figures, names, places, marks))
        out.write("</section>\n")
        count += len(figures)
        _reported(progress, "figures", count)
    if not count:
        out.write('<p class="empty">No reported figures.</p>\n')
    _reported(progress, "figures", count, done=True)
    return count


def _metric_title(metric: str) -> str:
    return metric.replace("_", " ").capitalize()


def _actor_names(reader: Reader, actor_ids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for chunk in chunked(sorted(actor_ids)):
        ids_sql, params = in_list("actor", chunk)
        for row in reader.iterate(f"SELECT id, name FROM actors WHERE id IN {ids_sql}", params):
            names[row["id"]] = row["name"]
    return names


def _series(figure: dict[str, Any], names: dict[str, str]) -> str:
    """Who the number is from: the actor who stated it, else the article that printed it (never merged)."""
    if figure["stated_by_id"]:
        return str(names.get(figure["stated_by_id"], figure["stated_by_id"]))
    return f"unattributed, {figure['outlet'] or 'source'} [{figure['number']}]"


def _short_value(figure: dict[str, Any]) -> str:
    if figure["qualifier"] == "range" or (figure["low"] is not None and figure["high"] is not None):
        return f"{figure['low']:,}–{figure['high']:,}"
    return QUALIFIER_SIGNS.get(figure["qualifier"], "") + f"{figure['value']:,}"


def _plotted(figure: dict[str, Any]) -> bool:
    if figure["qualifier"] in VAGUE_QUALIFIERS:
        return False
    return figure["value"] is not None or (figure["low"] is not None and figure["high"] is not None)


class DateAxis:
    """Days from the first to the last as-of date, shared by every metric's chart so they line up."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first = first
        self.days = (last - first).days + 1

    def index(self, iso: str) -> int:
        return (dt.date.fromisoformat(iso) - self.first).days


WIDTH, HEIGHT = 880, 270
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 14, 40


def _nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above ``value`` and a tick step (1, 2 or 5 times a power of ten, 3 to 6 ticks)."""
    if value <= 0:
        return 1.0, 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (power / 5, power / 2, power, power * 2, power * 5, power * 10):
        if math.ceil(value / step) <= 5:
            return math.ceil(value / step) * step, step
    return math.ceil(value / power) * power, power  # not reached


def figure_chart(
    metric: str, figures: list[dict[str, Any]], axis: DateAxis, *, disagreeing: Collection[str] = ()
) -> str:
    """An inline SVG of one metric's figures over time (plus its legend), built here so the page needs nothing else.

    Figures of the same day sit side by side rather than on top of each other; a range is a bar from low to high,
    an as-of date range a line from its first to its last day; a red ring marks the figures in ``disagreeing``.
    """
    plotted = [f for f in figures if _plotted(f)]
    series = list(dict.fromkeys(f["series"] for f in plotted))
    colours = {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(series)}
    top, step = _nice_top(max((f["high"] if f["high"] is not None else f["value"]) for f in plotted) if plotted else 1)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    day_width = plot_width / axis.days

    def x_of(iso: str) -> float:
        return LEFT + (axis.index(iso) + 0.5) * day_width

    def y_of(value: float) -> float:
        return TOP + plot_height * (1 - value / top)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="{_e(_metric_title(metric))}: reported figures by as-of date">'
    ]
    tick = 0.0
    while tick <= top + step / 2:
        y = y_of(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:,.0f}</text>')
        tick += step
    every = max(1, math.ceil(axis.days / 16))  # at most 16 date labels
    for day in range(0, axis.days, every):
        date = axis.first + dt.timedelta(days=day)
        x = LEFT + (day + 0.5) * day_width
        parts.append(
            f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP + plot_height}" y2="{TOP + plot_height + 4}"/>'
        )
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{TOP + plot_height + 17}" text-anchor="middle">'
            f"{date.day} {date:%b}</text>"
        )
    parts.append(
        f'<text class="tick" x="{LEFT + plot_width / 2:.1f}" y="{HEIGHT - 4}" text-anchor="middle">as of</text>'
    )

    positions: dict[str, tuple[float, float]] = {}
    by_day = itertools.groupby(sorted(plotted, key=lambda f: (f["date"], f["id"])), key=lambda f: str(f["date"]))
    points: list[tuple[dict[str, Any], float, float]] = []
    for _, day_figures in by_day:
        same_day = list(day_figures)
        spread = min(34.0, day_width * 0.8 / max(len(same_day) - 1, 1))
        for index, figure in enumerate(same_day):
            x = x_of(figure["date"]) + (index - (len(same_day) - 1) / 2) * spread
            y = y_of(figure["value"] if figure["value"] is not None else (figure["low"] + figure["high"]) / 2)
            positions[figure["id"]] = (x, y)
            points.append((figure, x, y))
    for figure, x, y in points:  # superseded -> its successor, under the markers
        successor = positions.get(figure["superseded_by_id"] or "")
        if successor is not None:
            parts.append(
                f'<line class="supersession" x1="{x:.1f}" y1="{y:.1f}" '
                f'x2="{successor[0]:.1f}" y2="{successor[1]:.1f}"/>'
            )
    for figure, x, y in points:
        parts.append(_marker(figure, x, y, colours[figure["series"]], x_of, y_of, figure["id"] in disagreeing))
    parts.append("</svg>")

    parts.append('<ul class="legend">')
    for name in series:
        parts.append(f'<li><span class="swatch" style="background:{colours[name]}"></span>{_e(name)}</li>')
    parts.append("</ul>\n")
    return "\n".join(parts)


def _marker(
    figure: dict[str, Any],
    x: float,
    y: float,
    colour: str,
    x_of: Callable[[str], float],
    y_of: Callable[[float], float],
    disagrees: bool = False,
) -> str:
    superseded = figure["status"] == "superseded"
    style = f'fill="{"#fff" if superseded else colour}" stroke="{colour}"'
    style += ' stroke-width="1.5"' + (' stroke-dasharray="2 1.5"' if superseded else "")
    shapes = []
    if figure["date_end"]:
        shapes.append(
            f'<line x1="{x:.1f}" x2="{x_of(figure["date_end"]):.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            'stroke-width="2" opacity="0.5"/>'
        )
    if figure["low"] is not None and figure["high"] is not None:
        low, high = y_of(figure["low"]), y_of(figure["high"])
        shapes.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{low:.1f}" y2="{high:.1f}" stroke="{colour}" stroke-width="3"/>'
        )
        shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" {style}/>')
    else:
        kind = QUALIFIER_MARKERS.get(figure["qualifier"], "circle")
        shapes.append(_shape(kind, x, y, style))
    if figure["status"] == "retracted":
        shapes.append(
            f'<path d="M{x - 6:.1f},{y - 6:.1f}L{x + 6:.1f},{y + 6:.1f}'
            f'M{x - 6:.1f},{y + 6:.1f}L{x + 6:.1f},{y - 6:.1f}" '
            'stroke="#222" stroke-width="1.5"/>'
        )
    if disagrees:
        shapes.append(f'<circle class="disagrees" cx="{x:.1f}" cy="{y:.1f}" r="9.5"/>')
    label_class = "label superseded" if superseded else "label"
    shapes.append(f'<text class="{label_class}" x="{x + 7:.1f}" y="{y - 6:.1f}">{_e(_short_value(figure))}</text>')
    return (
        f'<a href="#figure-{_e(figure["id"])}"><g class="point" data-figure="{_e(figure["id"])}">'
        f"<title>{_e(_figure_tooltip(figure))}</title>{''.join(shapes)}</g></a>"
    )


def _shape(kind: str, x: float, y: float, style: str) -> str:
    if kind == "up":
        return f'<path d="M{x:.1f},{y - 6:.1f}L{x + 5.5:.1f},{y + 4:.1f}L{x - 5.5:.1f},{y + 4:.1f}Z" {style}/>'
    if kind == "down":
        return f'<path d="M{x:.1f},{y + 6:.1f}L{x + 5.5:.1f},{y - 4:.1f}L{x - 5.5:.1f},{y - 4:.1f}Z" {style}/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 6:.1f}L{x + 6:.1f},{y:.1f}L{x:.1f},{y + 6:.1f}L{x - 6:.1f},{y:.1f}Z" {style}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" {style}/>'


def _figure_tooltip(figure: dict[str, Any]) -> str:
    text = f"“{figure['stated']}” ({figure['qualifier']})"
    if figure["scope"]:
        text += f": {figure['scope']}"
    text += f". As of {figure['date']}" + (f" to {figure['date_end']}" if figure["date_end"] else "")
    text += f". {figure['series']}; source [{figure['number']}]."
    if figure["status"] == "superseded":
        text += f" Superseded by {figure['superseded_by_id']}." if figure["superseded_by_id"] else " Superseded."
    elif figure["status"] == "retracted":
        text += " Retracted."
    return text


def _parts_list(parts: list[dict[str, Any]]) -> str:
    """The parts of a count under the chart: drawn beside the totals they would read as totals."""
    if not parts:
        return ""
    items = [
        f'<li><a href="#figure-{_e(figure["id"])}">{_e(figure["stated"])}</a> '
        f'<span class="meta">({_e(scope_part(figure["metric"], figure["scope"]))}, as of '
        f"{_e(short_date(figure))}; {_e(figure['series'])})</span></li>"
        for figure in parts
    ]
    return '<p class="meta">Parts of a count, not charted:</p>\n<ul class="parts">' + "".join(items) + "</ul>\n"


def _figure_table(
    metric: str,
    figures: list[dict[str, Any]],
    names: dict[str, str],
    places: PlaceTree,
    marks: dict[str, list[tuple[dict[str, Any], Any]]],
) -> str:
    rows = [
        '<table class="figures"><thead><tr><th>as of</th><th>stated</th><th>qualifier</th><th>value</th>'
        "<th>scope</th><th>stated by</th><th>source</th><th>status</th></tr></thead><tbody>"
    ]
    on_page = {figure["id"] for figure in figures}
    for figure in figures:
        value = _short_value(figure) if _plotted(figure) else "—"
        stated = f"<q>{_e(figure['stated'])}</q>"
        if metric == "other" and figure["label"]:
            stated += f'<br><span class="meta">{_e(figure["label"])}</span>'
        scope = _e(figure["scope"] or "")
        if figure["place_id"]:
            scope += f' <span class="meta">({_e(places.names.get(figure["place_id"], figure["place_id"]))})</span>'
        if figure["note"]:
            scope += f'<br><span class="note">Note: {_e(figure["note"])}</span>'
        stated_by = _e(names.get(figure["stated_by_id"], figure["stated_by_id"])) if figure["stated_by_id"] else "—"
        if figure["via_id"]:
            stated_by += f" via {_e(names.get(figure['via_id'], figure['via_id']))}"
        status = _e(figure["status"])
        if figure["superseded_by_id"]:
            successor = _e(figure["superseded_by_id"])
            status += f' by <a href="#figure-{successor}">{successor}</a>'
        for other, disagreement in marks.get(figure["id"], []):
            other_id = _e(other["id"])
            link = f'<a href="#figure-{other_id}">{other_id}</a>' if other["id"] in on_page else other_id
            status += (
                f'<br><span class="disagrees">disagrees with {_e(stated_value(other))} of {_e(other["date"])} '
                f"({link}): {_e(disagreement.explanation)}</span>"
            )
        when = _e(short_date(figure))
        classes = ([figure["status"]] if figure["status"] != "current" else []) + (
            ["disagrees"] if figure["id"] in marks else []
        )
        row_class = f' class="{_e(" ".join(classes))}"' if classes else ""
        rows.append(
            f'<tr id="figure-{_e(figure["id"])}"{row_class}><td>{when}</td><td>{stated}</td>'
            f'<td>{_e(figure["qualifier"])}</td><td class="number">{_e(value)}</td><td>{scope}</td>'
            f"<td>{stated_by}</td><td>{_source_link(figure['number'])}</td><td>{status}</td></tr>"
        )
    rows.append("</tbody></table>\n")
    return "\n".join(rows)


# ---------------------------------------------------------------------------------------------------- sources


def _write_sources(out: TextIO, reader: Reader, sources: SourceNumbers) -> int:
    """The numbered articles, linked to the original page when its URL is known (only http and https)."""
    out.write('<ol class="source-list">\n')
    for chunk in chunked(list(sources.numbers)):
        ids_sql, params = in_list("article", chunk)
        articles = {
            row["id"]: row
            for row in reader.iterate(
                "SELECT id, outlet, title, url, published_date, published_inferred"
                f" FROM articles WHERE id IN {ids_sql}",
                params,
            )
        }
        for article_id in chunk:
            out.write(_source_item(sources.numbers[article_id], articles[article_id]))
    out.write("</ol>\n")
    if not sources.numbers:
        out.write('<p class="empty">No sources.</p>\n')
    return len(sources.numbers)


def _source_item(number: int, article: dict[str, Any]) -> str:
    date = article["published_date"] or "undated"
    if article["published_date"] and article["published_inferred"]:
        date += " (date inferred)"
    description = f"{_e(article['outlet'] or 'outlet not named')}, {_e(date)}: "
    url = article["url"] or ""
    if url.lower().startswith(("http://", "https://")):
        description += f'<a href="{_e(url)}" rel="noreferrer">{_e(article["title"])}</a>'
    else:
        description += f"<cite>{_e(article['title'])}</cite>"
    reference = f'<span class="meta">({_e(article["id"])})</span>'
    return f'<li id="source-{number}" value="{number}">{description} {reference}</li>\n'


# ---------------------------------------------------------------------------------------------------- page


# default-src 'none': the browser itself refuses any resource from the network, so the page provably works offline
_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="generator" content="kztimeline">
<title>{title}</title>
<style>
{style}</style>
</head>
<body>
"""

_STYLE = """[hidden] { display: none !important; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f;
       margin: 0 auto; max-width: 60rem; padding: 0 1rem 3rem; }
header { padding-top: .5rem; }
h1 { font-size: 1.6rem; margin: .6rem 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #ccd; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: 1rem; margin: 0 0 .2rem; font-weight: normal; }
a { color: #1a55a0; }
.lead, nav { margin: .2rem 0; }
.filters { position: sticky; top: 0; background: #f4f5f8; border: 1px solid #dde; border-radius: 6px;
           padding: .5rem .7rem; margin: .6rem 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center;
           z-index: 1; }
.filters select { max-width: 18rem; }
#filter-status { color: #555; }
.event { border-left: 3px solid #ccd; padding: .2rem 0 .3rem .7rem; margin: 0 0 .8rem; }
.when { color: #8a2b8a; font-variant-numeric: tabular-nums; }
.title { font-weight: 600; }
.type, .role, .meta, .date, .key { color: #666; }
.date-note { font-style: italic; }
.event p { margin: .1rem 0; }
.summary { color: #333; }
.quote { margin: .25rem 0 .25rem .4rem; font-style: italic; }
.quote .speaker, .quotation .speaker { color: #2a6b2a; font-style: normal; font-weight: 600; }
.ref { color: #0b7285; text-decoration: none; font-style: normal; }
.corroboration { color: #666; font-size: 0.9em; }
.corroboration.single { color: #a61e4d; }
.wordings mark { background: #fff3bf; }
.wordings .flag { color: #a61e4d; }
details { font-size: .9rem; color: #444; }
details ul { margin: .2rem 0; }
.quotations li { margin: 0 0 .5rem; }
.quotations .text { font-style: italic; }
.quotations .meta a { color: #555; }
.chart { display: block; max-width: 100%; height: auto; }
.chart .grid { stroke: #e4e4ea; }
.chart .axis { stroke: #888; }
.chart .tick { font-size: 11px; fill: #555; }
.chart .label { font-size: 10px; fill: #333; }
.chart .label.superseded { fill: #888; text-decoration: line-through; }
.chart circle.disagrees { fill: none; stroke: #c0392b; stroke-width: 2; }
span.disagrees { color: #b03a2e; }
tr.disagrees td:first-child { border-left: 3px solid #c0392b; }
ul.parts { margin-top: 0; font-size: 0.9em; }
.chart .supersession { stroke: #999; stroke-dasharray: 4 3; }
.legend { list-style: none; padding: 0; margin: .2rem 0 .6rem; display: flex; flex-wrap: wrap; gap: .2rem 1rem;
          font-size: .9rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem;
          vertical-align: -1px; }
table.figures { border-collapse: collapse; font-size: .85rem; width: 100%; margin-bottom: 1rem; }
table.figures th, table.figures td { border-bottom: 1px solid #e4e4ea; padding: .2rem .35rem; text-align: left;
                                     vertical-align: top; }
table.figures .number { text-align: right; white-space: nowrap; }
tr.superseded td, tr.retracted td { color: #777; }
.note { color: #777; font-size: .8rem; }
.source-list li { margin-bottom: .2rem; }
:target { background: #fff6d6; }
@media print { .filters { display: none; } details { display: none; } }
"""

# Filters by actor and place: a matching event carries the chosen id in its data-actors / data-places (places
# include the places containing them). Days and quotations follow; a count says how many events are shown.
_SCRIPT = """(function () {
  "use strict";
  var form = document.getElementById("filters");
  var actor = document.getElementById("filter-actor");
  var place = document.getElementById("filter-place");
  var status = document.getElementById("filter-status");
  function has(element, name, value) {
    return !value || (" " + element.getAttribute("data-" + name) + " ").indexOf(" " + value + " ") >= 0;
  }
  function matches(element) {
    return has(element, "actors", actor.value) && has(element, "places", place.value);
  }
  function apply() {
    var events = document.querySelectorAll(".event"), shown = 0, i;
    for (i = 0; i < events.length; i++) {
      events[i].hidden = !matches(events[i]);
      if (!events[i].hidden) { shown++; }
    }
    var days = document.querySelectorAll(".day");
    for (i = 0; i < days.length; i++) {
      days[i].hidden = !days[i].querySelector(".event:not([hidden])");
    }
    var quotations = document.querySelectorAll(".quotation");
    for (i = 0; i < quotations.length; i++) { quotations[i].hidden = !matches(quotations[i]); }
    status.textContent = shown + " of " + events.length + " events shown";
  }
  actor.addEventListener("change", apply);
  place.addEventListener("change", apply);
  // "Show all" clears both choices and shows everything at once (the reset event comes before the form is cleared)
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    actor.value = "";
    place.value = "";
    apply();
  });
  form.hidden = false;
  apply();
})();
"""
