"""``kztimeline statement ID``: one quotation beside the other wordings the articles give of it."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.options import rich_or_json_format
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.wordings import Wordings, statement_wordings

RELATION_WORDS = {
    "fragment": "a fragment of it",
    "longer wording": "a longer wording, of which it is a fragment",
    "other wording": "another wording",
    "same event": "on the same event",
}


@click.command("statement")
@click.argument("statement_id", metavar="ID")
@rich_or_json_format("the statement, its words marked, and the related statements.")
@click.pass_context
def command(ctx: click.Context, statement_id: str, output_format: str) -> None:
    """Show one quotation with every article that reports it (the passage each prints), its fragments and longer
    wordings, other wordings of it with the words that differ marked, and the same words attributed to someone else.

    \b
    Examples:
      kztimeline statement tokayev-order-to-open-fire
      kztimeline statement tokayev-order-to-open-fire --format json
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        wordings = statement_wordings(reader, statement_id)
    if output_format == "json":
        write_json(wordings.to_dict())
        return
    _render(wordings)


def _render(wordings: Wordings) -> None:
    from rich.text import Text

    from kztimeline.cli.timeline_view import Output, corroboration_text, describe_source

    out = Output(make_console())
    statement = wordings.statement
    out.line(
        Text.assemble(
            (statement["speaker"], "green"), (f"  {statement['date']}", "magenta"), (f"  ({statement['id']})", "dim")
        )
    )
    out.line(_marked_text(wordings.words, statement["partial"]), 2, hang=1)
    out.line(Text(corroboration_text(statement["corroboration"]), style="dim"), 2)
    for source in statement["sources"]:
        via = f" via {source['via']}" if source["via"] else ""
        out.line(Text.assemble(("• ", "cyan"), describe_source(source) + via), 2, hang=2)
        if source["excerpt"] and " ".join(source["excerpt"].split()) != " ".join(statement["text"].split()):
            out.line(Text(source["excerpt"], style="italic"), 4)  # the passage as the article prints it
    if not wordings.related:
        out.line(Text("No other article gives these words another way.", style="dim"))
    for wording in wordings.related:
        other = wording.statement
        label = RELATION_WORDS[wording.relation]
        if wording.other_speaker:
            label += f", attributed to {other['speaker']}: one of the two attributions may be wrong"
        out.blank()
        out.line(
            Text.assemble(
                (label[0].upper() + label[1:], "yellow" if wording.other_speaker else "bold"),
                (f" ({other['id']})", "dim"),
            )
        )
        out.line(_marked_text(wording.words, other["partial"]), 2, hang=1)
        sources = "; ".join(describe_source(source) for source in other["sources"])
        out.line(Text(f"{other['speaker']}, {other['date']}: {sources}", style="dim"), 2)
    out.flush()


def _marked_text(words: list[tuple[str, bool]], partial: bool) -> Any:
    """The words between quotation marks, those that differ from the other wording in bold and between ⟦ ⟧ (so a
    reader of plain text sees them too)."""
    from rich.text import Text

    text = Text("“" + ("…" if partial else ""), style="italic")
    for index, (word, differs) in enumerate(words):
        if index:
            text.append(" ")
        if differs:
            text.append(f"⟦{word}⟧", style="bold italic")
        else:
            text.append(word, style="italic")
    text.append(("…" if partial else "") + "”", style="italic")
    return text
