"""Render a timeline for people: events grouped by day, with quotations and numbered source references."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kztimeline.cli.output import inert, inert_text, lays_out
from kztimeline.presentation import SourceNumbers, day_heading

__all__ = ["Output", "SourceNumbers", "day_heading", "describe_source", "render_timeline"]


class Output:
    """Where the timeline goes: a terminal gets Rich's styles and hanging indents; a pipe gets the same lines whole,
    written directly (Rich's layout engine costs more than the whole query on a long page) — with Rich's colours
    when ``FORCE_COLOR`` asks for them, and nothing else changed. Data is shown inert: no terminal escapes."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.terminal = lays_out(console)
        self.coloured = console.is_terminal and not self.terminal  # a pipe that FORCE_COLOR colours
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.terminal:
            self.console.print()
        else:
            self.lines.append("")

    def line(self, text: Text | str, indent: int = 0, hang: int = 0) -> None:
        """Print ``text`` indented by ``indent``; on a terminal, wrapped lines continue ``hang`` columns further in
        (under an event's title rather than its bullet), and never break a word shorter than the line.

        Piped output is one unwrapped line, so nothing is broken or truncated for grep.
        """
        if not self.terminal:
            if not self.coloured:
                self.lines.append(" " * indent + inert(text.plain if isinstance(text, Text) else text))
                return
            self.flush()
            self.console.print(Text(" " * indent) + inert_text(text), soft_wrap=True)
            return
        renderable: Any = inert_text(text)
        leading = len(renderable.plain) - len(renderable.plain.lstrip(" "))
        if leading:  # spaces that open the text indent its wrapped lines too
            renderable, indent = renderable[leading:], indent + leading
        if hang:
            grid = Table.grid()
            grid.add_column(no_wrap=True, width=hang)
            grid.add_column(overflow="fold")  # wraps between words; folds only a word longer than the line
            grid.add_row(renderable[:hang], renderable[hang:])
            renderable = grid
        self.console.print(Padding(renderable, (0, 0, 0, indent), expand=False) if indent else renderable)

    def flush(self) -> None:
        if self.lines:
            self.console.file.write("\n".join(self.lines) + "\n")
            self.console.file.flush()
            self.lines = []


def describe_source(reference: dict[str, Any]) -> str:
    outlet = reference["outlet"] or "outlet not named"
    date = reference["published_date"] or "undated"
    if reference["published_date"] and reference["published_inferred"]:
        date += " (date inferred)"
    return f"{outlet}, {date}: {reference['title']} ({reference['article_id']})"


def render_timeline(console: Console, events: Sequence[dict[str, Any]], *, notes: bool = True) -> None:
    """Events grouped under day headings; with ``notes``, each dated record's evidence (``date_note``) under it."""
    out = Output(console)
    if not events:
        out.line("No events match.")
        out.flush()
        return
    sources = SourceNumbers()
    current_group: tuple[str, str | None, str | None] | None = None
    for event in events:
        group = day_group(event)
        if group != current_group:
            current_group = group
            out.blank()
            out.line(Text(day_heading(*group), style="bold underline"))
        _render_event(out, event, sources, notes)
    out.blank()
    out.line(Text("Sources", style="bold underline"))
    for article_id, number in sources.numbers.items():
        out.line(
            Text.assemble((f"[{number}] ", "cyan"), describe_source(sources.references[article_id])),
            2,
            hang=len(f"[{number}] "),
        )
    out.flush()


def _when(event: dict[str, Any]) -> str:
    parts = []
    if event["time"]:
        parts.append(event["time"] + ("" if event["timezone"] == "Asia/Almaty" else f" {event['timezone']}"))
    if event["date_precision"] == "approximate":
        parts.append("approx.")
    return " ".join(parts)


def day_group(record: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """The heading a record is listed under: its day, its duration, or its window of uncertainty."""
    return (record["date"], record["date_end"], record.get("date_latest"))


DATE_EVIDENCE = "Date evidence: "


def date_note_line(record: dict[str, Any]) -> Text | None:
    """``Date evidence: …`` — why a record carries its date, for a reader to judge it; None when none is noted."""
    if not record.get("date_note"):
        return None
    return Text.assemble((DATE_EVIDENCE, "dim"), (str(record["date_note"]), "dim italic"))


def _render_event(out: Output, event: dict[str, Any], sources: SourceNumbers, notes: bool = True) -> None:
    when = _when(event)
    title = Text("• ")
    if when:
        title.append(f"{when}  ", style="magenta")
    title_starts = len(title)  # wrapped lines continue under the title, not under the bullet
    title.append(event["title"], style="bold")
    title.append(f"  [{event['type']}]", style="dim")
    out.line(title, 2, hang=title_starts)
    details = []
    if event["places"]:
        details.append("Places: " + ", ".join(p["name"] for p in event["places"]))
    if event["actors"]:
        details.append("Actors: " + ", ".join(f"{a['name']} ({a['role']})" for a in event["actors"]))
    if event["tags"]:
        details.append("Tags: " + ", ".join(event["tags"]))
    for detail in details:
        out.line(Text(detail, style="dim"), 4, hang=detail.index(": ") + 2)
    note = date_note_line(event) if notes else None
    if note is not None:
        out.line(note, 4, hang=len(DATE_EVIDENCE))
    for statement in event["statements"]:
        out.line(_quotation(statement, sources), 4, hang=1)
    numbers = " ".join(f"[{n}]" for n in dict.fromkeys(sources.number(c) for c in event["citations"]))
    counted = event.get("corroboration")
    line = Text.assemble(("Sources: ", "dim"), (numbers, "cyan"))
    if counted is not None:
        line.append("  (" + corroboration_text(counted) + ")", style="yellow" if counted["single_source"] else "dim")
    out.line(line, 4, hang=len("Sources: "))


def corroboration_text(counted: dict[str, Any]) -> str:
    """How a record's sources read in the terminal (the wording is the library's, shared with the HTML page)."""
    from kztimeline.query.corroboration import describe_counts

    return describe_counts(counted)


def _quotation(statement: dict[str, Any], sources: SourceNumbers) -> Text:
    text = Text("“", style="italic")
    text.append(
        ("…" if statement["partial"] else "") + statement["text"] + ("…" if statement["partial"] else ""),
        style="italic",
    )
    text.append("” — ", style="italic")
    text.append(statement["speaker"], style="green")
    if statement["venue"]:
        text.append(f", {statement['venue']}")
    references = []
    for source in statement["sources"]:
        number = sources.number(source)
        references.append(f"[{number}" + (f" via {source['via']}]" if source["via"] else "]"))
    text.append(" " + " ".join(references), style="cyan")
    return text
