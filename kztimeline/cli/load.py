"""``kztimeline load``: validate seeds, then replace the database's content with them in one transaction."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kztimeline.cli.options import database_from, is_quiet, seeds_for
from kztimeline.cli.validate import max_article_bytes_option, seeds_argument
from kztimeline.db.stamp import PACKAGED_SOURCE
from kztimeline.errors import InvalidSeedsError


@click.command("load")
@seeds_argument
@click.option("--force", is_flag=True, help="Reload even when the seeds are unchanged since the last load.")
@click.option("--timings", is_flag=True, help="Print how long reading and writing took (always on a terminal).")
@max_article_bytes_option
@click.pass_context
def command(
    ctx: click.Context, directory: Path | None, force: bool, timings: bool, max_article_bytes: int | None
) -> None:
    """Load seeds from DIRECTORY (default: the packaged seeds) into the database.

    Everything is validated first; with any problem nothing is written. A load replaces the previous one, so an
    event removed from the YAML disappears; loading unchanged seeds again changes nothing (and is quick: the seeds'
    content hash is compared before anything is read).
    """
    quiet = is_quiet(ctx)
    choice = seeds_for(ctx, directory)
    source_dir = choice.path
    source = PACKAGED_SOURCE if choice.packaged else str(source_dir.resolve())
    db = ctx.obj.get("db") if ctx.obj else None
    started = time.perf_counter()
    from kztimeline.db.unchanged import seeds_unchanged

    if not force and seeds_unchanged(db, source_dir, source):
        click.echo(f"unchanged: the seeds in {source_dir} are already loaded (--force reloads)", err=True)
        return

    from kztimeline.cli.progress import Progress
    from kztimeline.curation.validate import validate_seeds
    from kztimeline.db.database import prepare_for_writing
    from kztimeline.db.load import load_dataset

    with Progress(enabled=not quiet) as progress:
        progress.step(f"reading and validating {source_dir}")
        dataset, report = validate_seeds(source_dir, max_article_bytes=max_article_bytes)
        validated = time.perf_counter()
        if dataset is None:
            raise InvalidSeedsError(report)
        database = database_from(ctx)
        prepare_for_writing(database)
        progress.step("writing the database")
        result = load_dataset(database.engine, dataset, source=source, force=force, progress=progress.table)
    written = time.perf_counter()
    counts = ", ".join(f"{count} {section}" for section, count in result.counts.items())
    verb = "loaded" if result.changed else "unchanged"
    click.echo(f"{verb}: {counts}", err=True)
    if result.changed and not quiet and (timings or sys.stderr.isatty()):
        events = result.counts.get("events", 0)
        click.echo(
            f"took {written - started:.1f} s: reading and validating {validated - started:.1f} s, "
            f"writing {written - validated:.1f} s ({events / max(written - started, 1e-9):,.0f} events/s)",
            err=True,
        )
