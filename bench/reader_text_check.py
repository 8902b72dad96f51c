"""What validate's reader-facing text warnings cost: CPU time of ``validate_seeds`` over a seeds directory, and of
the reader-facing check inside it.

Usage:  python bench/reader_text_check.py SEEDS_DIR
Make a large directory with `python bench/generate.py --events 100000 --seeds DIR`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import kztimeline.curation.validate as validate


def main() -> None:
    check = validate._check_reader_facing_text
    spent: list[float] = []

    def timed(context: Any) -> None:
        start = time.process_time()
        check(context)
        spent.append(time.process_time() - start)

    validate._check_reader_facing_text = timed
    start = time.process_time()
    _, report = validate.validate_seeds(Path(sys.argv[1]))
    total = time.process_time() - start
    print(
        f"validate_seeds {total:.1f} s CPU, of which the reader-facing check {spent[0]:.2f} s;"
        f" valid={report.valid}, {len(report.warnings)} warnings"
    )


if __name__ == "__main__":
    main()
