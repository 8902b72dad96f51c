"""Tables for listing commands (``actors``, ``sql``): one place decides how rows meet the width of the terminal.

On a terminal, a table is fitted to its width without ever breaking a word: ids, dates and counts are never wrapped,
text columns wrap between words. When the table cannot fit, the least important columns are left out and named in a
note below it; when even the columns that matter most cannot fit, every row becomes a block of ``column = value``
lines, like sqlite3's ``.mode line``. Piped or redirected, a table is plain aligned columns, one line per row however
wide, for grep, less and diff. Every value is shown as text: no Rich markup, no terminal escapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kztimeline.cli.output import lays_out, one_line

GAP = 2  # spaces between columns
COMFORTABLE = 16  # a wrapped column is not squeezed narrower than this (or its longest word), to stay readable


@dataclass(frozen=True)
class Column:
    """One column of a table, and how it may be laid out.

    ``numeric``: right-aligned counts. ``whole``: never wrapped (ids, dates, kinds; numbers always are).
    ``optional``: 0 for a column that is always shown; 1, 2, … for one left out when the table is too wide for the
    terminal, the highest numbers first.
    """

    name: str
    numeric: bool = False
    whole: bool = False
    optional: int = 0

    @property
    def wraps(self) -> bool:
        return not (self.numeric or self.whole)


def print_table(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    header_rule: bool = False,
    left_out_hint: str = "a wider terminal shows them",
) -> None:
    """Print ``rows`` (text cells, one per column) as a table that fits ``console``, or as blocks when it cannot.

    Piped, ``header_rule`` underlines the header with dashes. ``left_out_hint`` ends the note naming columns left
    out on a narrow terminal (say where else to see them).
    """
    if not columns:  # a statement without a result, such as a PRAGMA about a table that does not exist
        return
    cells = [[one_line(value) for value in row] for row in rows]
    names = [column.name for column in columns]
    if not lays_out(console):
        _plain_table(console, columns, cells, header_rule)
        return
    shown = choose_columns(columns, cells, console.width)
    if shown is None:
        print_records(console, names, cells)
        return
    widths = column_widths([columns[i] for i in shown], [[row[i] for i in shown] for row in cells], console.width)
    table = Table(box=None, header_style="bold", pad_edge=False, show_edge=False, padding=(0, 1), expand=False)
    for index, width in zip(shown, widths, strict=True):
        column = columns[index]
        table.add_column(
            column.name,
            width=width,
            no_wrap=not column.wraps,
            overflow="fold",
            justify="right" if column.numeric else "left",
        )
    for row in cells:
        table.add_row(*(Text(row[index]) for index in shown))  # Text: values are data, never Rich markup
    console.print(table)
    left_out = [name for index, name in enumerate(names) if index not in shown]
    if left_out:
        console.print(
            Text(f"Not shown at {console.width} columns: {', '.join(left_out)} ({left_out_hint}).", style="dim")
        )


def print_records(console: Console, names: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Each row as a block of ``name = value`` lines, names right-aligned, a blank line between rows.

    On a terminal, long values wrap between words under their first line; piped, each value is one line. Rows are
    written as they come, so a long result is never held in memory.
    """
    label_width = max((cell_len(name) for name in names), default=0)
    labels = [" " * (label_width - cell_len(name)) + name for name in names]
    for index, row in enumerate(rows):
        if not lays_out(console):
            plain = [f"{label} = {one_line(value)}".rstrip() for label, value in zip(labels, row, strict=True)]
            _write_lines(console, [""] * bool(index) + plain, bold=set())
            continue
        # wrapped here rather than by a Rich table: four times faster, for a block per row of a long result
        value_width = max(console.width - label_width - 3, COMFORTABLE)
        hanging = Text(" " * (label_width + 3))
        lines: list[Text] = [Text("")] if index else []
        for label, value in zip(labels, row, strict=True):
            wrapped = list(Text(one_line(value)).wrap(console, value_width, overflow="fold")) or [Text("")]
            lines.append(Text.assemble((label, "bold"), " = ", wrapped[0]))
            lines.extend(hanging + line for line in wrapped[1:])
        for line in lines:
            line.rstrip()
        console.print(Text("\n").join(lines), soft_wrap=True)


def choose_columns(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """The indexes of the columns that fit ``width`` with no word broken, or None when the required ones do not."""
    minimums = [_minimum_width(column, [row[i] for row in cells]) for i, column in enumerate(columns)]

    def needed(indexes: set[int]) -> int:
        return sum(minimums[i] for i in indexes) + GAP * max(len(indexes) - 1, 0)

    shown = {index for index, column in enumerate(columns) if not column.optional}
    if needed(shown) > width:
        return None
    optional = sorted((i for i, column in enumerate(columns) if column.optional), key=lambda i: columns[i].optional)
    for index in optional:
        if needed(shown | {index}) <= width:
            shown.add(index)
    return sorted(shown)


def column_widths(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> list[int]:
    """Widths for ``columns`` within ``width``: each its widest value when they all fit; otherwise text columns
    share the room, the narrow ones whole and the wide ones equally, never below their minimum."""
    values = [[row[i] for row in cells] for i in range(len(columns))]
    widest = [
        max([cell_len(column.name), *(cell_len(v) for v in vs)]) for column, vs in zip(columns, values, strict=True)
    ]
    minimums = [_minimum_width(column, vs) for column, vs in zip(columns, values, strict=True)]
    room = width - GAP * max(len(columns) - 1, 0)
    if sum(widest) <= room:
        return widest

    # water-filling: the largest level such that every text column gets min(widest, max(minimum, level))
    def total(level: int) -> int:
        return sum(min(w, max(m, level)) if c.wraps else w for c, w, m in zip(columns, widest, minimums, strict=True))

    low, high = 0, max(widest)
    while low < high:
        middle = (low + high + 1) // 2
        if total(middle) <= room:
            low = middle
        else:
            high = middle - 1
    widths = [min(w, max(m, low)) if c.wraps else w for c, w, m in zip(columns, widest, minimums, strict=True)]
    spare = room - sum(widths)
    for index, column in enumerate(columns):  # what the level leaves over goes to the first text columns
        if spare <= 0:
            break
        if column.wraps and widths[index] < widest[index]:
            widths[index] += 1
            spare -= 1
    return widths


def _minimum_width(column: Column, values: Sequence[str]) -> int:
    """How narrow ``column`` may be: its widest value when it is never wrapped; otherwise its longest word, or
    :data:`COMFORTABLE` when its values are longer than that. Headers are never wrapped."""
    header = cell_len(column.name)
    if not column.wraps:
        return max([header, *(cell_len(value) for value in values)])
    longest_word = max((cell_len(word) for value in values for word in value.split()), default=0)
    widest = max((cell_len(value) for value in values), default=0)
    return max(header, longest_word, min(widest, COMFORTABLE))


def _plain_table(
    console: Console, columns: Sequence[Column], cells: Sequence[Sequence[str]], header_rule: bool
) -> None:
    """Aligned columns, two spaces apart, one line per row however wide."""
    names = [column.name for column in columns]
    widths = [max([cell_len(name), *(cell_len(row[i]) for row in cells)]) for i, name in enumerate(names)]

    def line(values: Sequence[str]) -> str:
        padded = []
        for value, width, column in zip(values, widths, columns, strict=True):
            padding = " " * (width - cell_len(value))
            padded.append(padding + value if column.numeric else value + padding)
        return (" " * GAP).join(padded).rstrip()

    lines = [line(names)]
    if header_rule:
        lines.append(line(["-" * width for width in widths]))
    lines.extend(line(row) for row in cells)
    _write_lines(console, lines, bold={0})


def _write_lines(console: Console, lines: Sequence[str], bold: set[int]) -> None:
    """Write whole lines; when Rich colours a pipe (``FORCE_COLOR``), the ``bold`` ones get their style, and
    nothing else changes."""
    if console.is_terminal and bold:
        for index, text in enumerate(lines):
            console.print(Text(text, style="bold" if index in bold else ""), soft_wrap=True)
        return
    console.file.write("\n".join(lines) + "\n")
    console.file.flush()
