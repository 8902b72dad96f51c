"""A terminal chart of reported numbers over time: one series per source, one column group per day.

Drawn here rather than with a plotting library: plotext 5 (the established API) needs hand-set limits and ticks for
one point or a one-day axis, leaves colour-reset codes in its "clear" theme and keeps global state, and plotext 6
is a rewrite with a new API and a bundled binary. The chart needs only a grid of characters, so it is built as Rich
``Text`` lines: coloured on a terminal, plain ASCII characters when piped.

Each source (who stated the number) gets a letter: ``A`` for a current figure, ``a`` when superseded, and ``x``
marks a retracted figure. A range is drawn as its two ends joined by ``:`` — never as a midpoint. Vague quantities
("dozens") have no value to plot and are listed under the chart.

Only totals are drawn: a part of a count ("18 security personnel", see
:func:`kztimeline.query.figure_conflicts.scope_part`) is listed under the chart, never drawn beside the total as if it
were one; when the totals name several places, each place is its own series. A ``!`` on the date axis stands
under a figure that disagrees with another of its scope (``figures --conflicts`` says how).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Sequence
from typing import Any

from rich.text import Text

from kztimeline.query.figures import stated_value

ROWS = 20  # intervals on the y axis: 21 lines from 0 to the top value, labelled every fifth of the top
MAX_WIDTH = 96  # columns of the plotting area
RETRACTED = "x"
DISAGREES = "!"
LETTERS = list("ABCDEFGHIJKLMNOPQRSTUVWYZ")  # X is the retracted mark
COLOURS = ["cyan", "green", "magenta", "yellow", "blue", "red"]


def nice_top(largest: int) -> int:
    """The smallest round number (10, 15, 20, 25, 30, 40, 50, 60, 80 × 10^k, or 5) at or above ``largest``.

    Each is a multiple of 5, so the five axis labels (fifths of it) are whole, round numbers.
    """
    if largest <= 5:
        return 5
    magnitude = 1
    while True:
        for step in (10, 15, 20, 25, 30, 40, 50, 60, 80):
            if step * magnitude >= largest:
                return step * magnitude
        magnitude *= 10


def _series_name(figure: dict[str, Any], *, with_place: bool = False) -> str:
    name = str(figure["stated_by"] or "unattributed")
    return f"{name} ({figure.get('place') or 'no place'})" if with_place else name


def render_chart(
    figures: Sequence[dict[str, Any]],
    title: str,
    *,
    parts: Sequence[dict[str, Any]] = (),
    disagreeing: Collection[str] = (),
) -> list[Text]:
    """The chart of ``figures`` (the totals of one metric) as lines: title, grid, date axis (``!`` under the
    figures in ``disagreeing``), legend, and what is not drawn: vague quantities and the ``parts`` of a count."""
    plotted = [f for f in figures if f["value"] is not None or (f["low"] is not None and f["high"] is not None)]
    lines = [Text(title, style="bold")]
    if not plotted:
        what = "only vague quantities" if figures or not parts else "only parts of a count, listed below"
        lines.append(Text(f"  (no numbers to chart: {what})"))
        return lines + _not_charted(figures) + _parts(parts)
    with_place = len({f.get("place") for f in plotted} - {None}) > 1  # a figure naming no place joins any

    def series_name(figure: dict[str, Any]) -> str:
        return _series_name(figure, with_place=with_place)

    names = list(dict.fromkeys(series_name(f) for f in plotted))
    letters = {name: LETTERS[index % len(LETTERS)] for index, name in enumerate(names)}
    colours = {name: COLOURS[index % len(COLOURS)] for index, name in enumerate(names)}

    first = min(dt.date.fromisoformat(f["date"]) for f in plotted)
    last = max(dt.date.fromisoformat(f["date"]) for f in plotted)
    days = (last - first).days + 1
    slot = max(6, len(names) + 2, min(12, MAX_WIDTH // days)) if days * 6 <= MAX_WIDTH else max(1, MAX_WIDTH // days)
    width = days * slot
    top = nice_top(max(int(f["high"] if f["value"] is None else f["value"]) for f in plotted))

    grid: list[list[tuple[str, str]]] = [[(" ", "")] * width for _ in range(ROWS + 1)]
    marked: set[int] = set()  # axis columns under a figure that disagrees with another

    def row_of(value: int) -> int:
        return ROWS - round(value * ROWS / top)

    for figure in plotted:
        name = series_name(figure)
        day = (dt.date.fromisoformat(figure["date"]) - first).days
        column = day * slot + (1 + names.index(name) % (slot - 1) if slot > 1 else 0)
        mark = letters[name]
        if figure["status"] == "retracted":
            mark = RETRACTED
        elif figure["status"] == "superseded":
            mark = mark.lower()
        style = colours[name]
        if figure.get("id") in disagreeing:
            marked.add(column)
        if figure["value"] is not None:
            grid[row_of(figure["value"])][column] = (mark, style)
        else:
            high, low = row_of(figure["high"]), row_of(figure["low"])
            for row in range(high + 1, low):
                grid[row][column] = (":", style)
            grid[high][column] = (mark, style)
            grid[low][column] = (mark, style)

    labels = {ROWS - step: f"{top * step // ROWS:,}" for step in range(0, ROWS + 1, ROWS // 5)}
    margin = max(len(label) for label in labels.values())
    for row, cells in enumerate(grid):
        line = Text(f"  {labels.get(row, ''):>{margin}} |")
        for character, style in cells:
            line.append(character, style=style or None)
        line.rstrip()
        lines.append(line)
    # a tick where each day's first series is drawn; the day's label starts under it
    axis = Text(f"  {'':>{margin}} +")
    for column in range(width):
        if column in marked:
            axis.append(DISAGREES, style="bold red")
        else:
            axis.append("+" if column % slot == min(1, slot - 1) else "-")
    lines.append(axis)
    lines.append(Text(f"  {'':>{margin}}  {_date_labels(first, days, slot)}"))
    lines.extend(_legend(plotted, names, letters, colours, series_name))
    if marked:
        lines.append(Text(f"  {DISAGREES} on the axis: a figure that disagrees with another (figures --conflicts)"))
    return lines + _not_charted(figures) + _parts(parts)


def _date_labels(first: dt.date, days: int, slot: int) -> str:
    """``01-07`` under each day that has room for it; the year is said once, after the last label."""
    every = math.ceil(6 / slot)
    text = ""
    for day in range(0, days, every):
        date = first + dt.timedelta(days=day)
        text = text.ljust(day * slot + min(1, slot - 1)) + f"{date:%m-%d}"
    last = first + dt.timedelta(days=days - 1)
    years = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
    return f"{text}  ({years}, as-of dates)"


def _legend(
    plotted: Sequence[dict[str, Any]],
    names: list[str],
    letters: dict[str, str],
    colours: dict[str, str],
    series_name: Callable[[dict[str, Any]], str],
) -> list[Text]:
    lines = []
    for name in names:
        statuses = {f["status"] for f in plotted if series_name(f) == name}
        letter = letters[name]
        if "current" in statuses:
            line = Text.assemble("  ", (letter, colours[name]), f" {name}")
            if "superseded" in statuses:
                line.append(f" ({letter.lower()}: superseded)")
        elif "superseded" in statuses:
            line = Text.assemble("  ", (letter.lower(), colours[name]), f" {name} (superseded)")
        else:
            continue  # only retracted points: listed below
        lines.append(line)
    for figure in plotted:
        if figure["status"] == "retracted":
            lines.append(
                Text(f"  {RETRACTED} retracted: {stated_value(figure)} ({series_name(figure)}, {figure['date']})")
            )
    if any(f["value"] is None for f in plotted):
        lines.append(Text("  : a range, drawn from its low to its high end"))
    return lines


def _not_charted(figures: Sequence[dict[str, Any]]) -> list[Text]:
    vague = [f for f in figures if f["value"] is None and (f["low"] is None or f["high"] is None)]
    return [
        Text(f"  not charted: {stated_value(f)} ({f['id']}, {_series_name(f)}, {f['date']})", style="dim")
        for f in vague
    ]


def _parts(parts: Sequence[dict[str, Any]]) -> list[Text]:
    """The parts of a count, each with the part it counts: listed, since drawn they would read as totals."""
    from kztimeline.query.figure_conflicts import scope_part

    return [
        Text(
            f"  part ({scope_part(f['metric'], f['scope'])}), not charted: {stated_value(f)} "
            f"({f['id']}, {_series_name(f)}, {f['date']})",
            style="dim",
        )
        for f in parts
    ]
