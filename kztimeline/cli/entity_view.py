"""Rendering shared by ``actors``, ``places``, ``articles``, ``actor`` and ``place``: tables that stay whole when
piped, and compact one-line events, quotations and figures that point to numbered sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from kztimeline.cli.timeline_view import Output, SourceNumbers, describe_source

ROLE_WORDS = {"actor": "as actor", "target": "as target", "mentioned": "mentioned", "quoted": "quoted"}


def print_table(console: Console, columns: Sequence[str], rows: Sequence[Sequence[str]], numeric: int = 0) -> None:
    """A table: Rich's on a terminal; piped, plain columns padded to the widest value, never cut or wrapped.

    The last ``numeric`` columns before the final one are right-aligned counts."""
    if console.is_terminal:
        from rich.table import Table

        table = Table(box=None, header_style="bold", pad_edge=False)
        for index, column in enumerate(columns):
            right = len(columns) - 1 - numeric <= index < len(columns) - 1
            if right:  # counts keep their width; names and lists wrap within their columns
                width = max(len(str(row[index])) for row in [columns, *rows])
                table.add_column(column, justify="right", no_wrap=True, min_width=width)
            else:
                table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    widths = [max(len(str(value)) for value in column) for column in zip(columns, *rows, strict=True)]
    lines = []
    for row in [columns, *rows]:
        cells = []
        for index, value in enumerate(row):
            right = len(columns) - 1 - numeric <= index < len(columns) - 1
            cells.append(value.rjust(widths[index]) if right else value.ljust(widths[index]))
        lines.append("  ".join(cells).rstrip())
    console.file.write("\n".join(lines) + "\n")


def coordinates(place: dict[str, Any]) -> str:
    """``43.25, 76.91667`` (latitude, longitude as stored), or an empty string when not known."""
    if place["latitude"] is None or place["longitude"] is None:
        return ""
    return f"{place['latitude']}, {place['longitude']}"


def when(document: dict[str, Any]) -> str:
    """An event's, quotation's or figure's date in one short piece: ``2022-01-06 approx.``, ``2022-01-02 –
    2022-01-07``, ``2022-01-07 14:30`` (with the time zone when it is not Almaty's)."""
    text = str(document["date"])
    if document["date_end"]:
        text += f" – {document['date_end']}"
    if document["time"]:
        text += f" {document['time']}" + ("" if document["timezone"] == "Asia/Almaty" else f" {document['timezone']}")
    if document["date_precision"] == "approximate":
        text += " approx."
    return text


def event_line(event: dict[str, Any], sources: SourceNumbers, detail: str) -> Text:
    """``2022-01-07  Title  [type]  detail  [1]``: one event, with its citations as source numbers."""
    numbers = " ".join(f"[{n}]" for n in dict.fromkeys(sources.number(c) for c in event["citations"]))
    return Text.assemble(
        (when(event), "magenta"),
        "  ",
        (event["title"], "bold"),
        (f"  [{event['type']}]", "dim"),
        f"  {detail}",
        ("  " + numbers, "cyan"),
    )


def quotation_line(statement: dict[str, Any], sources: SourceNumbers) -> Text:
    """``2022-01-07  “text” — venue  [1 via BBC]``: one quotation of the actor whose profile this is."""
    ellipsis = "…" if statement["partial"] else ""
    text = Text.assemble((when(statement), "magenta"), "  ", (f"“{ellipsis}{statement['text']}{ellipsis}”", "italic"))
    if statement["venue"]:
        text.append(f" — {statement['venue']}")
    references = [
        f"[{sources.number(source)}" + (f" via {source['via']}]" if source["via"] else "]")
        for source in statement["sources"]
    ]
    text.append("  " + " ".join(references), style="cyan")
    return text


def figure_line(figure: dict[str, Any], sources: SourceNumbers) -> Text:
    """``2022-01-07  killed: at least 44 — nationwide (Kazakhstan)  [superseded by …]  [1]``: kept as stated."""
    text = Text.assemble((when(figure), "magenta"), "  ", (f"{figure['metric']}: {figure['stated']}", "bold"))
    described = "; ".join(part for part in (figure["label"], figure["scope"]) if part)
    if described:
        text.append(f" — {described}")
    if figure["place"]:
        text.append(f" ({figure['place']})")
    if figure["status"] != "current":
        status = figure["status"]
        if figure["superseded_by_id"]:
            status += f" by {figure['superseded_by_id']}"
        text.append(f"  [{status}]", style="yellow")
    number = sources.number(figure["source"])
    text.append(f"  [{number}" + (f" via {figure['via']}]" if figure["via"] else "]"), style="cyan")
    return text


def section(out: Output, heading: str, lines: Sequence[Text]) -> None:
    """A heading and its lines, indented; nothing at all when there are no lines."""
    if not lines:
        return
    out.blank()
    out.line(Text(heading, style="bold underline"))
    for line in lines:
        out.line(line, 2)


def sources_section(out: Output, sources: SourceNumbers) -> None:
    """The numbered list of the articles referred to above, as ``show`` ends its timeline."""
    section(
        out,
        "Sources",
        [
            Text.assemble((f"[{number}] ", "cyan"), describe_source(sources.references[article_id]))
            for article_id, number in sources.numbers.items()
        ],
    )


def field_lines(out: Output, fields: Sequence[tuple[str, str]]) -> None:
    """``Label: value`` lines under a profile's heading, skipping empty values."""
    for label, value in fields:
        if value:
            out.line(Text.assemble((f"{label}: ", "dim"), value), 2)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def place_label(place: dict[str, Any]) -> Text:
    """``Almaty (almaty)  city  43.25, 76.91667  also: Alma-Ata  events: 1 here, 2 including places inside``."""
    label = Text.assemble((place["name"], "bold"), (f" ({place['id']})", "dim"), "  ", (place["kind"], "cyan"))
    if coordinates(place):
        label.append(f"  {coordinates(place)}")
    if place["aliases"]:
        label.append(f"  also: {', '.join(place['aliases'])}", style="dim")
    if place["children"]:
        label.append(f"  events: {place['events_here']} here, {place['events_within']} including places inside")
    else:
        label.append(f"  {plural(place['events_here'], 'event')}")
    return label


def print_place_tree(console: Console, places: Sequence[dict[str, Any]], indent: int = 0) -> None:
    """A place tree: Rich's on a terminal; piped, one plain line per place, indented two spaces per level."""
    from kztimeline.query.entities import walk_places

    if console.is_terminal:
        from rich.padding import Padding
        from rich.tree import Tree

        tree = Tree("", hide_root=True, guide_style="dim")
        pending = [(tree, place) for place in places]
        while pending:
            parent, place = pending.pop(0)
            branch = parent.add(place_label(place))
            pending.extend((branch, child) for child in place["children"])
        console.print(Padding(tree, (0, 0, 0, indent)) if indent else tree)
        return
    out = Output(console)
    for path, place in walk_places(places):
        out.line(place_label(place), indent + 2 * (len(path) - 1))
    out.flush()
