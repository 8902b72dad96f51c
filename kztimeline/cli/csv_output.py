"""``--excel`` and ``--raw``: how every command with ``--format csv`` writes its CSV (see ``export/csv_writer.py``)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar

import click

from kztimeline.errors import KztimelineError
from kztimeline.export.csv_writer import BYTE_ORDER_MARK, CsvWriter

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class CsvStyle:
    """``excel``: a UTF-8 byte order mark and CRLF line ends (Excel reads Cyrillic as mojibake without the mark);
    ``raw``: cells as they are, without the formula neutralisation."""

    excel: bool = False
    raw: bool = False

    @classmethod
    def of(cls, ctx: click.Context) -> CsvStyle:
        values = ctx.meta.get("csv", {})
        return cls(bool(values.get("excel")), bool(values.get("raw")))

    def writer(self, stream: TextIO | None = None) -> CsvWriter:
        """A writer for ``stream`` (stdout by default); with ``excel`` the mark is written first."""
        stream = stream or sys.stdout
        if self.excel:
            stream.write(BYTE_ORDER_MARK)
        return CsvWriter(stream, raw=self.raw, crlf=self.excel)


def csv_options(function: F) -> F:
    """Add --excel and --raw to a command whose ``--format`` has ``csv``; either with another format is an error."""

    def collect(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        ctx.meta.setdefault("csv", {})[param.name] = value
        return value

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        chosen = [name for name, value in click.get_current_context().meta.get("csv", {}).items() if value]
        if chosen and kwargs.get("output_format") != "csv":
            raise KztimelineError(f"--{chosen[0]} applies to --format csv only")
        return function(*args, **kwargs)

    options = [
        click.option(
            "--excel",
            is_flag=True,
            expose_value=False,
            callback=collect,
            help="csv: for Excel: UTF-8 with a byte order mark, CRLF line ends.",
        ),
        click.option(
            "--raw",
            is_flag=True,
            expose_value=False,
            callback=collect,
            help="csv: write text starting with = + - @ as it is (by default it gets a leading ' so spreadsheets "
            "show it as text, never run it as a formula).",
        ),
    ]
    decorated: Any = checked
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], style: CsvStyle) -> None:
    """A header and rows on stdout, in ``style``."""
    writer = style.writer()
    writer.writerow(columns)
    writer.writerows(rows)
