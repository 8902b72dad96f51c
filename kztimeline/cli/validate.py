"""``kztimeline validate``: check a seeds directory without touching any database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kztimeline.cli.output import make_console, write_json
from kztimeline.curation.validate import validate_seeds
from kztimeline.errors import InvalidSeedsError
from kztimeline.resources import seeds_dir

F = TypeVar("F", bound=Callable[..., Any])


def seeds_argument(function: F) -> F:
    """The optional DIRECTORY argument of validate and load."""
    return click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))(
        function
    )


@click.command("validate")
@seeds_argument
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (valid, problems with positions).")
def command(directory: Path | None, as_json: bool) -> None:
    """Validate seeds in DIRECTORY (default: the packaged seeds).

    Checks the YAML against the seeds schema, ids and references, dates, and that every excerpt and quotation is
    verbatim in its article. Each problem prints as file:line:column: field: message.
    """
    dataset, report = validate_seeds(directory or seeds_dir())
    if as_json:
        write_json(report.to_json())
        if not report.valid:
            raise click.exceptions.Exit(1)
        return
    if dataset is None:
        raise InvalidSeedsError(report)
    counts = ", ".join(f"{count} {section}" for section, count in dataset.counts().items())
    make_console().print(f"valid: {counts}")
