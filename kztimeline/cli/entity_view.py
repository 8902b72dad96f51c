"""Rendering shared by ``actors``, ``places``, ``articles``, ``actor`` and ``place``: place trees, and compact
one-line events, quotations and figures that point to numbered sources (tables: :mod:`kztimeline.cli.table`; CSV:
:mod:`kztimeline.cli.csv_output`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from kztimeline.cli.output import inert_text, lays_out
from kztimeline.cli.timeline_view import DATE_EVIDENCE, Output, SourceNumbers, date_note_line, describe_source
from kztimeline.presentation import short_date

ROLE_WORDS = {"actor": "as actor", "target": "as target", "mentioned": "mentioned", "quoted": "quoted"}


def coordinates(place: dict[str, Any]) -> str:
    """``43.25, 76.91667`` (latitude, longitude as stored), or an empty string when not known."""
    if place["latitude"] is None or place["longitude"] is None:
        return ""
    return f"{place['latitude']}, {place['longitude']}"


def when(document: dict[str, Any]) -> str:
    """An event's, quotation's or figure's date in one short piece: ``2022-01-06 approx.``, ``2022-01-02 –
    2022-01-07`` (a duration), ``between 2022-01-02 and 2022-01-07`` (a window: one day in it, not stated which),
    ``2022-01-07 14:30`` (with the time zone when it is not Almaty's)."""
    text = short_date(document)
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


def section(out: Output, heading: str, lines: Sequence[Text | tuple[Text, int]]) -> None:
    """A heading and its lines, indented (a ``(line, extra indent)`` pair goes further in); nothing at all when
    there are no lines."""
    if not lines:
        return
    out.blank()
    out.line(Text(heading, style="bold underline"))
    for line in lines:
        text, extra = line if isinstance(line, tuple) else (line, 0)
        out.line(text, 2 + extra, hang=_hang(text.plain))


def _hang(plain: str) -> int:
    """Where a profile line's wrapped lines continue: after its label ("Date evidence: ") or after the date that
    opens it ("2022-01-07  "), so the text reads as a column; 0 when neither is near the start."""
    if plain.startswith(DATE_EVIDENCE):
        return len(DATE_EVIDENCE)
    gap = plain.find("  ")
    return gap + 2 if 0 < gap < 45 else 0


def with_date_notes(
    records: Sequence[dict[str, Any]], render: Callable[[dict[str, Any]], Text], notes: bool
) -> list[Text | tuple[Text, int]]:
    """Each record's line, and with ``notes`` the evidence for its date under it."""
    lines: list[Text | tuple[Text, int]] = []
    for record in records:
        lines.append(render(record))
        note = date_note_line(record) if notes else None
        if note is not None:
            lines.append((note, 2))
    return lines


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
            out.line(Text.assemble((f"{label}: ", "dim"), value), 2, hang=len(label) + 2)


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

    if lays_out(console):
        from rich.padding import Padding
        from rich.tree import Tree

        tree = Tree("", hide_root=True, guide_style="dim")
        pending = [(tree, place) for place in places]
        while pending:
            parent, place = pending.pop(0)
            branch = parent.add(inert_text(place_label(place)))
            pending.extend((branch, child) for child in place["children"])
        console.print(Padding(tree, (0, 0, 0, indent)) if indent else tree)
        return
    out = Output(console)
    for path, place in walk_places(places):
        out.line(place_label(place), indent + 2 * (len(path) - 1))
    out.flush()
