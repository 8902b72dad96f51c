"""Render a timeline for people: events grouped by day, with quotations and numbered source references."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from kztimeline.presentation import SourceNumbers, day_heading

__all__ = ["Output", "SourceNumbers", "day_heading", "describe_source", "render_timeline"]


class Output:
    """Where the timeline goes: a terminal gets Rich's styles and hanging indents; a pipe gets the same lines as
    plain text, written directly (Rich's layout engine costs more than the whole query on a long page)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.terminal = console.is_terminal
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.terminal:
            self.console.print()
        else:
            self.lines.append("")

    def line(self, text: Text | str, indent: int = 0) -> None:
        """Print ``text`` indented; on a terminal, wrapped lines keep the indent (a hanging indent).

        Piped output is one unwrapped line, so nothing is broken or truncated for grep.
        """
        if not self.terminal:
            self.lines.append(" " * indent + (text.plain if isinstance(text, Text) else text))
        elif indent:
            self.console.print(Padding(text, (0, 0, 0, indent), expand=False))
        else:
            self.console.print(text)

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
        out.line(Text.assemble((f"[{number}] ", "cyan"), describe_source(sources.references[article_id])), 2)
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


def date_note_line(record: dict[str, Any]) -> Text | None:
    """``Date evidence: …`` — why a record carries its date, for a reader to judge it; None when none is noted."""
    if not record.get("date_note"):
        return None
    return Text.assemble(("Date evidence: ", "dim"), (str(record["date_note"]), "dim italic"))


def _render_event(out: Output, event: dict[str, Any], sources: SourceNumbers, notes: bool = True) -> None:
    when = _when(event)
    title = Text("• ")
    if when:
        title.append(f"{when}  ", style="magenta")
    title.append(event["title"], style="bold")
    title.append(f"  [{event['type']}]", style="dim")
    out.line(title, 2)
    details = []
    if event["places"]:
        details.append("Places: " + ", ".join(p["name"] for p in event["places"]))
    if event["actors"]:
        details.append("Actors: " + ", ".join(f"{a['name']} ({a['role']})" for a in event["actors"]))
    if event["tags"]:
        details.append("Tags: " + ", ".join(event["tags"]))
    for detail in details:
        out.line(Text(detail, style="dim"), 4)
    note = date_note_line(event) if notes else None
    if note is not None:
        out.line(note, 4)
    for statement in event["statements"]:
        out.line(_quotation(statement, sources), 4)
    numbers = " ".join(f"[{n}]" for n in dict.fromkeys(sources.number(c) for c in event["citations"]))
    out.line(Text.assemble(("Sources: ", "dim"), (numbers, "cyan")), 4)


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
