"""``kztimeline review``: walk the drafts an import wrote, beside the article passages they come from."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.panel import Panel
from rich.text import Text

from kztimeline.cli.options import seeds_for
from kztimeline.cli.output import inert, make_console, write_json
from kztimeline.cli.table import Column, print_table
from kztimeline.curation import review as reviewing
from kztimeline.curation.review import (
    DraftItem,
    accept,
    list_drafts,
    record_yaml,
    reject,
    replace_record,
)
from kztimeline.curation.review_context import source_passage
from kztimeline.errors import KztimelineError

CHOICES = {"a": "accept", "e": "edit", "r": "reject", "s": "skip", "q": "quit"}
HELP = (
    "a  accept: the draft is right; its `draft: true` is removed\n"
    "e  edit: open $EDITOR on this record, then decide again\n"
    "r  reject: remove the record from the file\n"
    "s  skip: leave it a draft for now\n"
    "q  quit: stop here (the decisions made so far are written)"
)


@click.command("review")
@click.argument("seeds", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--list", "list_only", is_flag=True, help="List the drafts still to review, and change nothing.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="With --list: a table, or JSON.",
)
@click.option("--accept-all", is_flag=True, help="Accept every draft without asking (scripts and benchmarks).")
@click.option(
    "--file",
    "only",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Review the drafts of this one file of SEEDS only.",
)
@click.pass_context
def command(
    ctx: click.Context,
    seeds: Path | None,
    list_only: bool,
    output_format: str,
    accept_all: bool,
    only: Path | None,
) -> None:
    """Review the drafts `kztimeline import` wrote to SEEDS [default: $KZTIMELINE_SEEDS, else ./seeds].

    Each draft is shown beside the passage of the article it comes from; answer a (accept), e (edit in $EDITOR),
    r (reject), s (skip) or q (quit); ? explains them. Every decision is written to the YAML file at once; comments
    and formatting elsewhere in the file are kept.

    \b
    Examples:
      kztimeline review                       # the drafts of ./seeds, one by one
      kztimeline review --list --format json  # what is still a draft, as data
      kztimeline review seeds/ --accept-all   # accept everything (scripts, benchmarks)
    """
    directory = seeds_for(ctx, seeds, allow_packaged=False).path
    if only is not None and only.resolve().parent != directory.resolve():
        raise KztimelineError(f"--file {only} is not a file of {directory}")
    console = make_console()
    if accept_all:
        if only is not None:
            raise KztimelineError("--accept-all reviews the whole directory; it does not take --file")
        result = reviewing.accept_all(directory)
        total = sum(result.accepted.values())
        parts = ", ".join(f"{count} {section}" for section, count in sorted(result.accepted.items()))
        console.print(f"accepted {total} drafts" + (f": {parts}" if parts else ""), markup=False)
        if result.left:
            for item, problem in result.left:
                click.echo(f"{item.file}:{item.first_line}: {item.section}[{item.label}].{problem}", err=True)
            left = len(result.left)
            raise KztimelineError(f"{left} draft{'s' if left != 1 else ''} left: fill in the fields above, then review")
        return
    items = list_drafts(directory, only=only)
    if list_only:
        _print_list(items, output_format)
        return
    if not items:
        console.print(f"no drafts to review in {directory}", markup=False)
        return
    _walk(items, directory)


def _print_list(items: list[DraftItem], output_format: str) -> None:
    if output_format == "json":
        write_json({"drafts": [item.to_dict() for item in items], "count": len(items)})
        return
    console = make_console()
    columns = [
        Column("file:line", whole=True),
        Column("section", whole=True),
        Column("record", whole=True),
        Column("what"),
        Column("note", optional=1),
    ]
    rows = [
        [f"{item.file.name}:{item.first_line}", item.section, item.label, item.summary(), item.note] for item in items
    ]
    print_table(console, columns, rows)
    console.print(f"{len(items)} drafts to review", markup=False)


def _walk(items: list[DraftItem], directory: Path) -> None:
    """Ask about each draft in turn. Line numbers move as records are rejected, so each is found again."""
    console = make_console()
    decided = {"accept": 0, "reject": 0, "edit": 0, "skip": 0}
    keys = [(item.file, item.section, item.label) for item in items]
    for position, key in enumerate(keys, start=1):
        item = _find(directory, key)
        if item is None:
            continue
        while True:
            _show(console, item, directory, position, len(keys))
            answer = _ask()
            if answer == "?":
                console.print(HELP, markup=False)
                continue
            choice = CHOICES.get(answer)
            if choice is None:
                console.print(f"{answer!r}: answer a, e, r, s or q (? for help)", markup=False)
                continue
            if choice == "quit":
                _summary(console, decided)
                return
            if choice == "accept":
                try:
                    accept(item)
                except KztimelineError as error:
                    console.print(f"not accepted: {error}", markup=False)
                    continue
            elif choice == "reject":
                try:
                    reject(item, directory)
                except KztimelineError as error:
                    console.print(f"not rejected: {error}", markup=False)
                    continue
            elif choice == "edit":
                if not _edit(console, item):
                    continue
                decided["edit"] += 1
                found = _find(directory, (item.file, item.section, item.label))
                if found is None:
                    break
                item = found
                continue  # show the edited record and decide again
            decided[choice] += 1
            break
    _summary(console, decided)


def _ask() -> str:
    """One answer: a single key on a terminal, a line from a pipe or a script (end of input means quit)."""
    if sys.stdin.isatty():
        click.echo("a/e/r/s/q (? for help): ", nl=False)
        key = click.getchar()
        click.echo(key)
        return key.strip().lower()[:1]
    try:
        return str(click.prompt("a/e/r/s/q (? for help)", default="s", show_default=False)).strip().lower()[:1]
    except click.Abort:
        return "q"


def _edit(console: object, item: DraftItem) -> bool:
    """Open $EDITOR on the record until it fits the seeds format or the curator gives up; True when written."""
    text = record_yaml(item)
    while True:
        edited = click.edit(text, extension=".yaml", require_save=True)
        if edited is None:
            click.echo("not changed", err=True)
            return False
        try:
            replace_record(item, edited)
        except KztimelineError as error:
            click.echo(f"not written: {error}", err=True)
            if not click.confirm("edit again?", default=True):
                return False
            text = edited
            continue
        return True


def _find(directory: Path, key: tuple[Path, str, str]) -> DraftItem | None:
    for item in list_drafts(directory, only=key[0]):
        if (item.file, item.section, item.label) == key:
            return item
    return None


def _show(console: object, item: DraftItem, directory: Path, position: int, total: int) -> None:
    from rich.console import Console

    assert isinstance(console, Console)
    title = f"{position}/{total}  {item.section} {item.label}  ({item.file.name}:{item.first_line})"
    body = Text(inert(record_yaml(item).rstrip()))
    if item.note:
        body = Text(inert(f"# {item.note}\n"), style="dim") + body
    body.no_wrap, body.overflow = False, "fold"
    console.print(Panel(body, title=inert(title), title_align="left"))
    passage = source_passage(item, directory)
    if passage is not None:
        before, found, after, where = passage
        text = Text(inert(before)) + Text(inert(found), style="bold yellow") + Text(inert(after))
        text.no_wrap, text.overflow = False, "fold"
        console.print(Panel(text, title=inert(where), title_align="left", border_style="dim"))


def _summary(console: object, decided: dict[str, int]) -> None:
    click.echo(
        f"accepted {decided['accept']}, rejected {decided['reject']}, edited {decided['edit']},"
        f" skipped {decided['skip']}"
    )
