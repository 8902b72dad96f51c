"""``kztimeline export``: the dataset, or the filtered timeline, as JSON, CSV tables, GeoJSON or TimelineJS."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kztimeline.cli.csv_output import CsvStyle, csv_options
from kztimeline.cli.options import build_filter, is_quiet, timeline_filter_options
from kztimeline.cli.pipe import is_standard_stream
from kztimeline.cli.progress import Progress
from kztimeline.date_input import DateInput
from kztimeline.db.reader import open_reader
from kztimeline.errors import KztimelineError
from kztimeline.export.csv_export import write_csv_export
from kztimeline.export.geojson_export import write_geojson_export
from kztimeline.export.html_export import write_html_export
from kztimeline.export.json_export import write_json_export, write_ndjson_export
from kztimeline.export.timelinejs_export import GROUP_BY, write_timelinejs_export

# --format name -> writer(reader, wanted, stream, progress=...) -> counts per section
WRITERS: dict[str, Callable[..., dict[str, int]]] = {
    "json": write_json_export,
    "ndjson": write_ndjson_export,
    "csv": write_csv_export,
    "geojson": write_geojson_export,
    "timelinejs": write_timelinejs_export,
    "html": write_html_export,
}
# formats whose writer takes the -o path itself (a directory or a .zip) instead of a text stream
TO_PATH = {"csv"}


@click.command("export")
@timeline_filter_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(WRITERS)),
    default="json",
    show_default=True,
    help="json: one document; ndjson: a header line, then one record per line; csv: one file per table and "
    "datapackage.json (needs -o); geojson: a FeatureCollection; timelinejs: TimelineJS3 JSON; html: one "
    "self-contained page to read offline.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write to FILE instead of stdout (csv: a directory, or FILE.zip; '-o -' writes the zip to stdout).",
)
@click.option(
    "--group-by",
    type=click.Choice(GROUP_BY),
    help="timelinejs: group the slides by event type (default) or by the event's first actor.",
)
@csv_options
@click.pass_context
def command(
    ctx: click.Context,
    actors: tuple[str, ...],
    places: tuple[str, ...],
    date_from: DateInput | None,
    date_to: DateInput | None,
    types: tuple[str, ...],
    tags: tuple[str, ...],
    search: str | None,
    min_sources: int | None,
    all_matches: bool,
    output_format: str,
    output: Path | None,
    group_by: str | None,
) -> None:
    """Export events, statements, figures, articles, actors and places.

    With the filters of `show`, exports the matching timeline and what it refers to. The JSON shape is documented
    by kztimeline/schemas/export.schema.json.
    """
    wanted = build_filter(
        actors, places, date_from, date_to, types, tags, search, all_matches=all_matches, min_sources=min_sources
    )
    write = WRITERS[output_format]
    options: dict[str, Any] = {}
    if group_by is not None:
        if output_format != "timelinejs":
            raise KztimelineError("--group-by applies to --format timelinejs only")
        options["group_by"] = group_by
    if output_format == "csv":
        style = CsvStyle.of(ctx)
        options |= {"excel": style.excel, "raw": style.raw}
    if output_format in TO_PATH and output is None:
        raise KztimelineError(
            f"--format {output_format} writes one file per table: give -o DIR, -o FILE.zip, or -o - for a zip on stdout"
        )
    if output is not None and is_standard_stream(output):
        if output_format in TO_PATH:
            _zip_to_stdout(ctx, wanted, write, is_quiet(ctx))
            return
        output = None  # '-o -' is stdout, as without -o
    if output is not None and output_format not in TO_PATH:
        # a stream format writes one file: refuse a directory as Click does for a file-only option
        parameter = next(p for p in ctx.command.params if p.name == "output")
        click.Path(dir_okay=False, path_type=Path).convert(output, parameter, ctx)
    # progress goes to stderr, and only when stderr is a terminal that is not also receiving the export itself
    show_progress = not is_quiet(ctx) and sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    if output is not None and not output.resolve().parent.is_dir():
        raise KztimelineError(f"cannot write {output}: the directory {output.resolve().parent} does not exist")
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader, Progress(enabled=show_progress) as progress:
        progress.step("exporting")
        if output is not None and output_format in TO_PATH:
            counts = write(reader, wanted, output, progress=progress.table, **options)  # atomic by itself
        elif output is None:
            write(reader, wanted, sys.stdout, progress=progress.table, **options)
            return
        else:
            # write beside the target and rename, so a failed export never leaves a half-written file
            handle, temporary = tempfile.mkstemp(dir=output.resolve().parent, prefix=f".{output.name}.", suffix=".tmp")
            _readable_like_a_new_file(temporary)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    counts = write(reader, wanted, stream, progress=progress.table, **options)
                os.replace(temporary, output)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    click.echo(f"wrote {output}: {summary}", err=True)


def _zip_to_stdout(ctx: click.Context, wanted: Any, write: Callable[..., dict[str, int]], quiet: bool) -> None:
    """``--format csv -o -``: the tables as a zip on stdout (a directory cannot go there).

    The zip is built in a temporary directory, then copied out: its table of contents comes last, and a failed
    export must not leave half an archive in the pipe.
    """
    import shutil

    from kztimeline.cli.pipe import stdout_bytes

    if sys.stdout.isatty():
        raise KztimelineError("-o - writes a zip archive to stdout: redirect it to a file or a pipe (> tables.zip)")
    show_progress = not quiet and sys.stderr.isatty()
    with tempfile.TemporaryDirectory(prefix="kztimeline-export-") as directory:
        archive = Path(directory) / "tables.zip"
        with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader, Progress(enabled=show_progress) as progress:
            progress.step("exporting")
            write(reader, wanted, archive, progress=progress.table)
        sys.stdout.flush()
        with archive.open("rb") as source:
            target = stdout_bytes()
            shutil.copyfileobj(source, target)
            target.flush()


def _readable_like_a_new_file(path: str) -> None:
    """mkstemp creates files only their owner may read; an export is an ordinary file (mode 666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
