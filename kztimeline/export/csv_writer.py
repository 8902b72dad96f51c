"""CSV writing shared by every command that writes CSV: cells that are safe to open in a spreadsheet.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel, LibreOffice
and Google Sheets (CSV or formula injection: ``=HYPERLINK(...)`` in a quotation would run when the file is opened).
Such cells get a leading single quote (``'=1+1``), the OWASP advice, so the spreadsheet shows them as text. Only text
is neutralised: a number (``-5`` as a figure's value, a negative longitude) is written as the number it is. ``raw``
writes every cell as it is, for programs that read the CSV and must get the data byte for byte.

Rows end in CRLF (RFC 4180) or, for output to a terminal or a pipe, LF. A field holding a line break of either kind,
including a lone CR, is always quoted, so no reader splits a row (Python's ``csv`` leaves a lone CR unquoted when the
line end is LF).
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterable
from typing import Any, TextIO

# the first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
BYTE_ORDER_MARK = "\ufeff"


def neutralised(text: str) -> str:
    """``text`` as a spreadsheet will show it, never run it: a leading ``'`` when it starts like a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any, *, raw: bool = False) -> Any:
    """One value as a CSV cell: empty for NULL, ``true``/``false`` for flags, ``; ``-joined lists, base64 for bytes;
    text neutralised unless ``raw``; numbers (and dates, which never start like a formula) as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    elif isinstance(value, bytes):
        value = base64.b64encode(value).decode("ascii")
    if isinstance(value, str):
        return value if raw else neutralised(value)
    return value


class CsvWriter:
    """Writes rows of plain values (see :func:`csv_cell`) to a text stream opened with ``newline=""``."""

    def __init__(self, stream: TextIO, *, raw: bool = False, crlf: bool = True) -> None:
        self.raw = raw
        self._stream = stream
        self._crlf = crlf
        # with CRLF as the line end, csv quotes every field that holds a CR or an LF
        self._buffer = io.StringIO()
        self._writer = csv.writer(stream if crlf else self._buffer, lineterminator="\r\n")

    def writerow(self, values: Iterable[Any]) -> None:
        if self.raw:
            cells = [csv_cell(value, raw=True) for value in values]
        else:  # csv_cell inlined for the common cases, text and NULL: an export writes tens of millions of cells
            first = _FORMULA_FIRST
            cells = [
                ("'" + value if value[:1] in first else value)
                if type(value) is str
                else ("" if value is None else csv_cell(value))
                for value in values
            ]
        if self._crlf:
            self._writer.writerow(cells)
            return
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._writer.writerow(cells)
        self._stream.write(buffer.getvalue()[:-2] + "\n")

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
