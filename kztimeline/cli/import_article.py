"""``kztimeline import``: add articles (files, saved web pages, addresses, standard input) to a seeds directory as
draft seeds for review."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from kztimeline.cli.options import DateParam, published_day_and_time, seeds_for
from kztimeline.cli.output import inert, make_console
from kztimeline.cli.pipe import read_stdin_bytes
from kztimeline.cli.progress import Progress
from kztimeline.curation.importing import ImportResult
from kztimeline.curation.sources import (
    STANDARD_INPUT,
    ImportOptions,
    expand_inputs,
    import_inputs,
    import_source,
    read_source,
)
from kztimeline.curation.validate import validate_seeds
from kztimeline.date_input import DateInput
from kztimeline.errors import KztimelineError


@click.command("import")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|URL|DIR...")
@click.option("--id", "article_id", metavar="ID", help="Article id (a lowercase slug) [default: from the headline].")
@click.option(
    "--seeds",
    "seeds",
    type=click.Path(file_okay=False, path_type=Path),
    help="Seeds directory to add the article to [default: $KZTIMELINE_SEEDS, else ./seeds; never the packaged seeds].",
)
@click.option(
    "--published",
    type=DateParam(day_only=True),
    metavar="DATE",
    help="Publication date (YYYY-MM-DD, or a date-time such as 2022-01-11T09:00), when the page does not state it.",
)
@click.option("--no-geonames", is_flag=True, help="Do not propose GeoNames places the seeds do not have yet.")
@click.option(
    "--replace",
    is_flag=True,
    help="The article is already imported: draft it again in place, keeping the records already accepted.",
)
@click.pass_context
def command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    article_id: str | None,
    seeds: Path | None,
    published: DateInput | None,
    no_geonames: bool,
    replace: bool,
) -> None:
    """Copy each article into SEEDS/articles/ and write draft seeds for it to SEEDS/article-ID.yaml.

    An input is a text file, a saved web page (HTML, recognised by its content), an http(s):// address (fetched,
    with the address and the time it was retrieved recorded), a directory (its .txt and .html files), or `-` for
    standard input. Of a web page only the article's text is kept, with its headline, byline, site, date and
    address; reading HTML needs `pip install 'kztimeline[web]'`.

    The drafts hold the article record, its quotations (statements), reported figures and dated sentences
    (candidate events) with verbatim excerpts, and proposed actors and places for names the seeds do not know.
    Each is marked `draft: true`: review it, fill in what the comments point at, delete the flag, then run
    `kztimeline validate SEEDS`. An article already in the seeds (the same text or address) is not written again.
    """
    day, moment = published_day_and_time(published)
    if seeds is not None and not seeds.is_dir():
        raise KztimelineError(f"seeds directory not found: {seeds} (pass --seeds DIR)")
    seeds = seeds_for(ctx, seeds, allow_packaged=False).path
    names = expand_inputs(inputs)
    if article_id is not None and len(names) > 1:
        raise KztimelineError(f"--id names one article, but {len(names)} inputs were given")
    if names.count(STANDARD_INPUT) > 1:
        raise KztimelineError("standard input (-) can be read only once")
    options = ImportOptions(article_id, day, moment, not no_geonames, replace)
    console = make_console()
    if len(names) == 1:
        _print_result(console, import_source(read_source(names[0], read_stdin_bytes), seeds, options))
        _print_review(console, seeds)
        return

    quiet = bool(ctx.find_root().obj and ctx.find_root().obj.get("quiet"))
    with Progress(enabled=not quiet) as progress:
        summary = import_inputs(
            names,
            seeds,
            options,
            read_stdin=read_stdin_bytes,
            on_input=lambda name, done: progress.item(f"importing {name}", done, len(names)),
        )
    for result in summary.imported:
        _print_result(console, result)
    console.print(
        f"imported {len(summary.imported)}, already imported {len(summary.already_imported)},"
        f" failed {len(summary.failed)} (of {len(names)} inputs)",
        markup=False,
    )
    for line in summary.already_imported:
        console.print(f"  {line}", markup=False)
    errors = make_console(sys.stderr)
    for line in summary.failed:
        errors.print(f"failed: {line}", markup=False, soft_wrap=True)
    if summary.imported:
        _print_review(console, seeds)
    if not summary.ok:
        ctx.exit(1)


def _print_result(console: Console, result: ImportResult) -> None:
    counts = ", ".join(f"{count} {section}" for section, count in result.counts.items())
    console.print(f"imported {result.article_id}: copied the text to {result.text_path}", markup=False)
    console.print(f"wrote drafts to {result.yaml_path}: {counts}", markup=False)
    for field_name in result.unresolved:
        console.print(f"  to fill in: {field_name}", markup=False)


def _print_review(console: Console, seeds: Path) -> None:
    """What is left to review in the whole seeds directory, and what ``validate`` also reports."""
    _, report = validate_seeds(seeds)
    drafts = sum(1 for problem in report.problems if problem.type == "draft")
    others = [problem for problem in report.problems if problem.type != "draft"]
    console.print(
        f"{drafts} drafts to review: kztimeline review {seeds} (then kztimeline validate {seeds})", markup=False
    )
    if others:
        console.print(f"validate also reports {len(others)} other problems (the fields above):", markup=False)
        for problem in others[:20]:
            console.print(f"  {inert(str(problem))}", markup=False)
