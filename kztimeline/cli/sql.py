"""``kztimeline sql "SELECT …"``: one read-only SQL query with a time limit, as a table, JSON or CSV."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from kztimeline.cli.csv_output import CsvStyle, csv_options
from kztimeline.cli.output import make_console
from kztimeline.db.reader import open_reader
from kztimeline.query.sql import DEFAULT_TIME_LIMIT, SqlTimeLimitError, read_only_query

TABLE_ROWS = 1000  # the table is for reading; json and csv stream every row


@click.command("sql")
@click.argument("query")
@click.option(
    "-p",
    "--param",
    "params",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="A value for :NAME in the query (repeatable); values are text.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this much time in the database.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json", "csv"]),
    default="rich",
    show_default=True,
    help=f"rich: a table of the first {TABLE_ROWS:,} rows; json: an array of objects; csv: a header and rows.",
)
@csv_options
@click.pass_context
def command(
    ctx: click.Context, query: str, params: tuple[tuple[str, str], ...], time_limit: float, output_format: str
) -> None:
    """Run one read-only SQL query on the database and print its rows.

    Writes, schema changes, ATTACH and PRAGMAs that change settings are refused; the views timeline, quotations
    and reported_figures are the stable surface (see README, "Querying with SQL").

    \b
    Examples:
      kztimeline sql "select date, title from timeline where actor_ids like '%tokayev%'"
      kztimeline sql "select as_of, stated, stated_by from reported_figures where metric = :m" -p m killed
      kztimeline sql "select * from quotations" --format csv > quotations.csv
    """
    with (
        open_reader(ctx.obj.get("db") if ctx.obj else None) as reader,
        read_only_query(reader, query, dict(params), time_limit) as result,
    ):
        if output_format == "json":
            _write_json(result.columns, result.rows)
        elif output_format == "csv":
            writer = CsvStyle.of(ctx).writer()
            writer.writerow(result.columns)
            writer.writerows(result.rows)  # text neutralised, numbers as they are (see export/csv_writer.py)
        else:
            _write_table(result.columns, result.rows)


def _write_json(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    """An array of objects, one row at a time: a query over every article never sits in memory."""
    out = sys.stdout
    separator = "[\n  "
    for row in rows:
        out.write(separator)
        out.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, default=_json_value))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")


def _json_value(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.timedelta):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _text(value: Any) -> str:
    """A value as table text: NULL is empty, booleans and binary are as in the JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):  # PostgreSQL's booleans, written as in the JSON
        return "true" if value else "false"
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def _write_table(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    shown: list[tuple[Any, ...]] = []
    for row in rows:
        shown.append(row)
        if len(shown) == TABLE_ROWS:
            break
    console = make_console()
    if console.is_terminal:
        _rich_table(console, columns, shown)
    else:
        _plain_table(columns, shown)
    more = 0
    try:
        for _ in rows:
            more += 1
    except SqlTimeLimitError:
        click.echo(
            f"showing the first {TABLE_ROWS:,} rows; at least {more:,} more (counting them reached the time limit): "
            "use --format json or --format csv for every row",
            err=True,
        )
        return
    if more:
        click.echo(
            f"showing the first {TABLE_ROWS:,} rows; {more:,} more: use --format json or --format csv for every row",
            err=True,
        )


def _rich_table(console: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(*columns, header_style="bold")
    for column, values in zip(table.columns, zip(*rows, strict=True) if rows else (), strict=False):
        if all(isinstance(value, int | float) or value is None for value in values):
            column.justify = "right"
    for row in rows:
        table.add_row(*(Text(_text(value)) for value in row))  # Text: values are data, never Rich markup
    console.print(table)


def _plain_table(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Aligned columns, two spaces apart, one line per row however wide: for grep, less and diff."""
    if not columns:  # a statement without a result, such as a PRAGMA about a table that does not exist
        return
    cells = [[_text(value).replace("\r", "\\r").replace("\n", "\\n") for value in row] for row in rows]
    widths = [max([len(name), *(len(line[index]) for line in cells)]) for index, name in enumerate(columns)]
    numeric = [
        bool(rows) and all(isinstance(row[index], int | float) or row[index] is None for row in rows)
        for index in range(len(columns))
    ]

    def line(values: list[str]) -> str:
        padded = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(padded).rstrip()

    out = sys.stdout
    out.write(line(list(columns)) + "\n")
    out.write(line(["-" * width for width in widths]) + "\n")
    for row_cells in cells:
        out.write(line(row_cells) + "\n")
