"""Time the write phase of `load` apart from validation: validate a seeds directory once, then load it N times.

Usage:
    python bench/pg_write.py SEEDS_DIR DATABASE_URL [RUNS]

Each run replaces the database's content in one transaction (`load --force`), so the numbers are the cost of the
write path (inserts or COPY, the full-text refill, the corroboration counts, ANALYZE) on the engine of the URL.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kztimeline.curation.validate import validate_seeds
from kztimeline.db.engine import make_engine
from kztimeline.db.load import load_dataset


def main(argv: list[str]) -> None:
    seeds, url = Path(argv[1]), argv[2]
    runs = int(argv[3]) if len(argv) > 3 else 2
    started = time.perf_counter()
    dataset, report = validate_seeds(seeds)
    validated = time.perf_counter() - started
    if dataset is None:
        raise SystemExit(f"{seeds} is not valid: {report.problems[0]}")
    engine = make_engine(url)
    for _ in range(runs):
        started = time.perf_counter()
        load_dataset(engine, dataset, source=str(seeds), force=True)
        print(f"validate {validated:.1f} s, write {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv)
