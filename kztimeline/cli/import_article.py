"""``kztimeline import``: add a raw article to a seeds directory as draft seeds for review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kztimeline.cli.options import DateParam, published_day_and_time, seeds_for
from kztimeline.cli.output import inert, make_console
from kztimeline.cli.pipe import STDIN_NAME, is_standard_stream, read_stdin_bytes
from kztimeline.curation.importing import import_article, import_article_text
from kztimeline.curation.validate import validate_seeds
from kztimeline.date_input import DateInput
from kztimeline.errors import KztimelineError
from kztimeline.parse.article import decode_article_text


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
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
    file: Path,
    article_id: str | None,
    seeds: Path | None,
    published: DateInput | None,
    no_geonames: bool,
    replace: bool,
) -> None:
    """Copy FILE into SEEDS/articles/ and write draft seeds for it to SEEDS/article-ID.yaml.

    The drafts hold the article record, its quotations (statements), reported figures and dated sentences
    (candidate events) with verbatim excerpts, and proposed actors and places for names the seeds do not know.
    Each is marked `draft: true`: review it, fill in what the comments point at, delete the flag, then run
    `kztimeline validate SEEDS`. A FILE of `-` is read from standard input.
    """
    day, moment = published_day_and_time(published)
    if seeds is not None and not seeds.is_dir():
        raise KztimelineError(f"seeds directory not found: {seeds} (pass --seeds DIR)")
    seeds = seeds_for(ctx, seeds, allow_packaged=False).path
    options: dict[str, Any] = {
        "article_id": article_id,
        "published": day,
        "published_at": moment,
        "use_geonames": not no_geonames,
        "replace": replace,
    }
    if is_standard_stream(file):
        raw = read_stdin_bytes()
        result = import_article_text(decode_article_text(raw, STDIN_NAME), raw, STDIN_NAME, seeds, **options)
    else:
        result = import_article(file, seeds, **options)
    console = make_console()
    counts = ", ".join(f"{count} {section}" for section, count in result.counts.items())
    console.print(f"imported {result.article_id}: copied the text to {result.text_path}", markup=False)
    console.print(f"wrote drafts to {result.yaml_path}: {counts}", markup=False)
    for field_name in result.unresolved:
        console.print(f"  to fill in: {field_name}", markup=False)
    _, report = validate_seeds(seeds)
    drafts = sum(1 for problem in report.problems if problem.type == "draft")
    others = [problem for problem in report.problems if problem.type != "draft"]
    console.print(f"{drafts} drafts to review; then run: kztimeline validate {seeds}", markup=False)
    if others:
        console.print(f"validate also reports {len(others)} other problems (the fields above):", markup=False)
        for problem in others[:20]:
            console.print(f"  {inert(str(problem))}", markup=False)
