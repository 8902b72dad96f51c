"""How ``kztimeline figures --conflicts`` prints groups of disagreeing figures: a report, JSON or CSV rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kztimeline.cli.csv_output import CsvStyle
from kztimeline.cli.output import make_console, write_json
from kztimeline.query.figure_conflicts import ConflictGroup
from kztimeline.query.figures import stated_value

CONFLICT_CSV_COLUMNS = (
    "group",
    "metric",
    "label",
    "place",
    "part",
    "figure_id",
    "stated",
    "qualifier",
    "value",
    "low",
    "high",
    "possible_low",
    "possible_high",
    "as_of",
    "as_of_precision",
    "stated_by",
    "via",
    "status",
    "outlet",
    "published_date",
    "article_id",
    "article_title",
    "excerpt",
    "disagrees_with",
)


def write_conflicts(groups: Sequence[ConflictGroup], output_format: str, style: CsvStyle) -> None:
    if output_format == "json":
        write_json([group.as_document() for group in groups])
    elif output_format == "csv":
        _write_csv(groups, style)
    else:
        render_conflicts(groups)


def group_title(group: ConflictGroup) -> str:
    """``killed · Kazakhstan · total`` or ``killed · Kazakhstan · part: police``: the scope the figures share."""
    what = f"other: {group.figures[0]['label']}" if group.scope.metric == "other" else group.scope.metric
    parts = [what, group.place or "no place named", f"part: {group.scope.part}" if group.scope.part else "total"]
    return " · ".join(parts)


def render_conflicts(groups: Sequence[ConflictGroup]) -> None:
    """Each group: its scope, its figures as stated with who stated them and where, then which pairs disagree."""
    from rich.text import Text

    from kztimeline.cli.figures import figure_line
    from kztimeline.cli.timeline_view import Output, describe_source

    out = Output(make_console())
    if not groups:
        out.line("No figures disagree.")
        out.flush()
        return
    for group in groups:
        out.blank()
        out.line(Text(group_title(group), style="bold underline"))
        for figure in group.figures:
            out.line(figure_line(figure), 2, hang=2)
            if figure["scope"]:
                out.line(Text(f"Scope: {figure['scope']}", style="dim"), 4)
            stated_by = f"Stated by {figure['stated_by']}" if figure["stated_by"] else "Unattributed"
            if figure["via"]:
                stated_by += f", via {figure['via']}"
            out.line(Text.assemble(stated_by + " — ", (describe_source(figure["source"]), "cyan")), 4)
        by_id = {figure["id"]: figure for figure in group.figures}
        out.line("Disagree:", 2)
        for disagreement in group.disagreements:
            first, second = by_id[disagreement.first], by_id[disagreement.second]
            line = Text("! ", style="bold red")
            line.append(f"{_short(first)} and {_short(second)}: ")
            line.append(disagreement.explanation)
            out.line(line, 4, hang=2)
    out.line("")
    count = sum(len(group.figures) for group in groups)
    out.line(f"{len(groups)} group{'s' if len(groups) != 1 else ''} of disagreeing figures ({count} figures).")
    out.flush()


def _short(figure: dict[str, Any]) -> str:
    return f"{stated_value(figure)} [{figure['id']}] of {figure['date']}"


def _write_csv(groups: Sequence[ConflictGroup], style: CsvStyle) -> None:
    writer = style.writer()
    writer.writerow(CONFLICT_CSV_COLUMNS)
    for number, group in enumerate(groups, 1):
        others: dict[str, list[str]] = {}
        for disagreement in group.disagreements:
            others.setdefault(disagreement.first, []).append(disagreement.second)
            others.setdefault(disagreement.second, []).append(disagreement.first)
        for figure in group.figures:
            source = figure["source"]
            writer.writerow(
                [
                    number,
                    figure["metric"],
                    figure["label"],
                    group.place,
                    group.scope.part or None,
                    figure["id"],
                    figure["stated"],
                    figure["qualifier"],
                    figure["value"],
                    figure["low"],
                    figure["high"],
                    figure["possible_values"]["low"],
                    figure["possible_values"]["high"],
                    figure["date"],
                    figure["date_precision"],
                    figure["stated_by"],
                    figure["via"],
                    figure["status"],
                    source["outlet"],
                    source["published_date"],
                    source["article_id"],
                    source["title"],
                    figure["excerpt"],
                    " ".join(others.get(figure["id"], [])),
                ]
            )
