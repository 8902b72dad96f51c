"""``kztimeline export``: the dataset, or the filtered timeline, as JSON."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import click

from kztimeline.cli.options import build_filter, timeline_filter_options
from kztimeline.cli.progress import Progress
from kztimeline.db.reader import open_reader
from kztimeline.export.json_export import write_json_export, write_ndjson_export

# --format name -> writer(reader, wanted, stream, progress=...) -> counts per section
WRITERS = {
    "json": write_json_export,
    "ndjson": write_ndjson_export,
}


@click.command("export")
@timeline_filter_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(WRITERS)),
    default="json",
    show_default=True,
    help="json: one document; ndjson: a header line, then one record per line.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display on the terminal.")
@click.pass_context
def command(
    ctx: click.Context,
    actors: tuple[str, ...],
    places: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
    types: tuple[str, ...],
    tags: tuple[str, ...],
    search: str | None,
    output_format: str,
    output: Path | None,
    quiet: bool,
) -> None:
    """Export events, statements, figures, articles, actors and places.

    With the filters of `show`, exports the matching timeline and what it refers to. The JSON shape is documented
    by kztimeline/schemas/export.schema.json.
    """
    wanted = build_filter(actors, places, date_from, date_to, types, tags, search)
    write = WRITERS[output_format]
    # progress goes to stderr, and only when stderr is a terminal that is not also receiving the export itself
    show_progress = not quiet and sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader, Progress(enabled=show_progress) as progress:
        progress.step("exporting")
        if output is None:
            write(reader, wanted, sys.stdout, progress=progress.table)
            return
        # write beside the target and rename, so a failed export never leaves a half-written file
        handle, temporary = tempfile.mkstemp(dir=output.resolve().parent, prefix=f".{output.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                counts = write(reader, wanted, stream, progress=progress.table)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    click.echo(f"wrote {output}: {summary}", err=True)
