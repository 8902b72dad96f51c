"""``kztimeline sql "SELECT …"``: one read-only SQL query with a time limit, as a table, JSON or CSV."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import math
import sys
from collections.abc import Iterator
from typing import Any

import click

from kztimeline.cli.csv_output import CsvStyle, csv_options
from kztimeline.cli.output import json_inert, make_console
from kztimeline.cli.pipe import is_standard_stream, read_stdin_text
from kztimeline.cli.table import Column, print_records, print_table
from kztimeline.db.reader import open_reader
from kztimeline.query.sql import DEFAULT_TIME_LIMIT, SqlTimeLimitError, read_only_query

TABLE_ROWS = 1000  # the table is for reading; json and csv stream every row
MAX_QUERY_BYTES = 10_000_000  # a query read from stdin


class TimeLimit(click.ParamType[float]):
    """Seconds: a finite number above 0 (``nan``, ``inf``, 0 and negative numbers would switch the limit off)."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not (math.isfinite(seconds) and seconds > 0):
            self.fail(f"{value!r}: the time limit must be a finite number of seconds above 0", param, ctx)
        return seconds


class _SqlCommand(click.Command):
    """``sql`` with a query that may start with an SQL comment (see :func:`queries_after_separator`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, queries_after_separator(self, args))


def queries_after_separator(command: click.Command, args: list[str]) -> list[str]:
    """Move a query that starts with an SQL comment (``-- pick the busiest day``) after a ``--``, where Click takes
    it as the QUERY argument instead of an unknown option; an option's value (``-p note "-- x"``) stays put."""
    if "--" in args:
        return args
    values_of = {
        name: 0 if param.is_flag or param.count else param.nargs
        for param in command.params
        if isinstance(param, click.Option)
        for name in (*param.opts, *param.secondary_opts)
    }
    kept: list[str] = []
    queries: list[str] = []
    values_due = 0
    for arg in args:
        if values_due:
            values_due -= 1
            kept.append(arg)
        elif arg.startswith("--") and arg[2:3].isspace():
            queries.append(arg)
        else:
            kept.append(arg)
            values_due = values_of.get(arg, 0)
    return [*kept, "--", *queries] if queries else args


@click.command("sql", cls=_SqlCommand)
@click.argument("query", metavar="QUERY|-")
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
    type=TimeLimit(),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this much time in the database.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "line", "json", "csv"]),
    default="rich",
    show_default=True,
    help=f"rich: a table of the first {TABLE_ROWS:,} rows (as blocks of lines when too wide for the terminal); "
    "line: every row as a block of 'column = value' lines; json: an array of objects; csv: a header and rows.",
)
@csv_options
@click.pass_context
def command(
    ctx: click.Context, query: str, params: tuple[tuple[str, str], ...], time_limit: float, output_format: str
) -> None:
    """Run one read-only SQL query on the database and print its rows. QUERY `-` reads the query from stdin.

    Writes, schema changes, ATTACH and PRAGMAs that change settings are refused; the views timeline, quotations
    and reported_figures are the stable surface (see README, "Querying with SQL").

    \b
    Examples:
      kztimeline sql "select date, title from timeline where actor_ids like '%tokayev%'"
      kztimeline sql "select as_of, stated, stated_by from reported_figures where metric = :m" -p m killed
      kztimeline sql "select * from quotations" --format csv > quotations.csv
      kztimeline sql "select * from timeline where event_id = 'lpg-price-cap-removed'" --format line
      kztimeline sql - --format json < query.sql
    """
    if is_standard_stream(query):
        query = read_stdin_text("the query", MAX_QUERY_BYTES)
    with (
        open_reader(ctx.obj.get("db") if ctx.obj else None, require_data=False) as reader,
        read_only_query(reader, query, dict(params), time_limit) as result,
    ):
        if output_format == "json":
            _write_json(result.columns, result.rows)
        elif output_format == "csv":
            writer = CsvStyle.of(ctx).writer()
            writer.writerow(result.columns)
            writer.writerows(result.rows)  # text neutralised, numbers as they are (see export/csv_writer.py)
        elif output_format == "line":
            print_records(make_console(), result.columns, ([_text(value) for value in row] for row in result.rows))
        else:
            _write_table(result.columns, result.rows)


def _write_json(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    """An array of objects, one row at a time: a query over every article never sits in memory."""
    out = sys.stdout
    separator = "[\n  "
    for row in rows:
        out.write(separator)
        out.write(json_inert(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, default=_json_value)))
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
    numeric = [
        bool(shown) and all(isinstance(row[index], int | float) or row[index] is None for row in shown)
        for index in range(len(columns))
    ]
    print_table(
        make_console(),
        [Column(name, numeric=right) for name, right in zip(columns, numeric, strict=True)],
        [[_text(value) for value in row] for row in shown],
        header_rule=True,
    )
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
