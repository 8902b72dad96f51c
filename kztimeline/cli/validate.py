"""``kztimeline validate``: check a seeds directory, or one seeds file, without touching any database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kztimeline.cli.options import seeds_for
from kztimeline.cli.output import inert, make_console, write_json
from kztimeline.cli.pipe import STDIN_NAME, is_standard_stream, read_stdin_text
from kztimeline.curation.validate import SeedText, validate_seed_file, validate_seeds
from kztimeline.curation.yaml_source import DEFAULT_MAX_YAML_BYTES
from kztimeline.errors import InvalidSeedsError, Report

F = TypeVar("F", bound=Callable[..., Any])


def seeds_argument(function: F) -> F:
    """The optional DIRECTORY argument of validate and load."""
    return click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))(
        function
    )


def max_article_bytes_option(function: F) -> F:
    """``--max-article-bytes`` of validate and load (also KZTIMELINE_MAX_ARTICLE_BYTES)."""
    from kztimeline.curation.seed_paths import DEFAULT_MAX_ARTICLE_BYTES, MAX_ARTICLE_BYTES_ENV

    return click.option(
        "--max-article-bytes",
        type=click.IntRange(min=1),
        envvar=MAX_ARTICLE_BYTES_ENV,
        metavar="BYTES",
        help=f"Refuse article texts larger than this [default: {DEFAULT_MAX_ARTICLE_BYTES:,}; env "
        f"{MAX_ARTICLE_BYTES_ENV}].",
    )(function)


@click.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option(
    "--seeds",
    "seeds",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="For one FILE or '-': the seeds directory it is checked with [default: the file's own directory; "
    "for '-', the packaged seeds].",
)
@click.option(
    "--replaces",
    metavar="NAME",
    help="With '-': the file of the seeds directory (e.g. events.yaml) that standard input is a new version of.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (valid, problems with positions).")
@max_article_bytes_option
@click.pass_context
def command(
    ctx: click.Context,
    path: Path | None,
    seeds: Path | None,
    replaces: str | None,
    as_json: bool,
    max_article_bytes: int | None,
) -> None:
    """Validate seeds: the directory PATH, or one seeds file. Without PATH: $KZTIMELINE_SEEDS, else ./seeds when
    it exists, else the packaged seeds (the same rule as `import` and `load`; a line on stderr says which).

    Checks the YAML against the seeds schema, ids and references, dates, and that every excerpt and quotation is
    verbatim in its article. Each problem prints as file:line:column: field: message. Warnings (reader-facing text
    that names a record by its internal id, or holds a note to curators) print as file:line:column: field: warning:
    message and leave the exit status 0.

    A single FILE, or `-` for YAML on standard input, is checked as one of the files of a seeds directory (its
    actors, places and articles are what the file may refer to); only the file's own problems are listed.

    \b
    Examples:
      kztimeline validate seeds/
      kztimeline validate seeds/events.yaml
      kztimeline validate - --seeds seeds/ < new-events.yaml
      git show HEAD:seeds/events.yaml | kztimeline validate - --seeds seeds/ --replaces events.yaml
    """
    if path is None or (path.is_dir() and not is_standard_stream(path)):
        if seeds is not None:
            raise click.UsageError("--seeds is for one FILE or '-'; a directory is validated as it is")
        _validate_directory(path or seeds_for(ctx, None).path, as_json, max_article_bytes)
        return
    if replaces is not None and not is_standard_stream(path):
        raise click.UsageError("--replaces is for '-' (YAML on standard input)")
    if is_standard_stream(path):
        directory = seeds or seeds_for(ctx, None).path
        if replaces is not None and not (directory / replaces).is_file():
            raise click.BadParameter(f"{directory} has no file {replaces!r}", param_hint="--replaces")
        file: Path | SeedText = SeedText(
            STDIN_NAME, read_stdin_text("the seeds YAML", DEFAULT_MAX_YAML_BYTES), replaces
        )
        name = STDIN_NAME
    else:
        file, directory, name = path, seeds or path.parent, str(path)
    report, elsewhere = validate_seed_file(directory, file, max_article_bytes=max_article_bytes)
    if as_json:
        write_json({**report.to_json(), "problems_in_other_files": elsewhere})
    else:
        _print_problems(report)
        if elsewhere:
            click.echo(
                f"{directory} has {elsewhere} more problems in other files: kztimeline validate {directory}", err=True
            )
        elif report.valid:
            make_console().print(f"valid: {name} (with the other files of {directory})", markup=False, highlight=False)
    if not report.valid or elsewhere:
        raise click.exceptions.Exit(1)


def _validate_directory(directory: Path, as_json: bool, max_article_bytes: int | None) -> None:
    dataset, report = validate_seeds(directory, max_article_bytes=max_article_bytes)
    if as_json:
        write_json(report.to_json())
        if not report.valid:
            raise click.exceptions.Exit(1)
        return
    if dataset is None:
        raise InvalidSeedsError(report)  # printed with its warnings by the command group
    _print_problems(report)
    counts = ", ".join(f"{count} {section}" for section, count in dataset.counts().items())
    make_console().print(f"valid: {counts}")


def _print_problems(report: Report) -> None:
    """Errors and warnings on stderr, in file order; warnings read ``file:line:col: field: warning: message``."""
    for line in report.lines():
        click.echo(inert(line), err=True)  # a problem may quote the text holding an escape sequence
