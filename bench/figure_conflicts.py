"""Time ``kztimeline figures --conflicts`` on the curated database and on a generated benchmark database.

Usage:
    python bench/figure_conflicts.py --events 100000 --runs 5 --work /tmp/kztimeline-bench

Three databases: the curated seeds; the generated dataset of ``--events`` events (``bench/generate.py``: one figure
per 20 events, every one "at least N", so none disagree and the time is reading and comparing them); and a copy of
it where every figure is exact, the worst case: random tolls over 25 years, so each later count lower than an
earlier one of its metric is a disagreement (about a million pairs at 100,000 events). Whole-process wall time and
peak memory of the CLI, medians of ``--runs`` runs, and the in-process time of ``find_figure_conflicts`` alone.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import KZTIMELINE, timed_with_memory  # noqa: E402
from kztimeline.db.reader import open_reader  # noqa: E402
from kztimeline.query.figure_conflicts import find_figure_conflicts  # noqa: E402
from kztimeline.resources import seeds_dir  # noqa: E402


def measure(name: str, database: Path, runs: int) -> list[str]:
    lines = []
    with open_reader(str(database)) as reader:
        start = time.perf_counter()
        groups = find_figure_conflicts(reader)
        library = time.perf_counter() - start
        figures = reader.scalars("SELECT count(*) FROM figures")[0]
    pairs = sum(len(group.disagreements) for group in groups)
    for output in ("rich", "json"):
        command = [*KZTIMELINE, "--db", str(database), "figures", "--conflicts", "--format", output]
        timings = [timed_with_memory(command) for _ in range(runs)]
        wall = statistics.median(elapsed for elapsed, _ in timings)
        memory = max(peak for _, peak in timings)
        lines.append(
            f"| {name} | {figures:,} | {len(groups):,} groups, {pairs:,} pairs | `--format {output}` | "
            f"{wall:.2f} s | {memory:,.0f} MiB | {library:.2f} s |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kztimeline-bench")
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    from bench.generate import Dataset, write_database

    curated = options.work / "conflicts-curated.sqlite"
    curated.unlink(missing_ok=True)
    subprocess.run([*KZTIMELINE, "-q", "--db", str(curated), "load", str(seeds_dir())], check=True)
    generated = options.work / f"conflicts-{options.events}.sqlite"
    if not generated.exists():
        write_database(Dataset(options.events, 2022), generated)
    exact = options.work / f"conflicts-{options.events}-exact.sqlite"
    shutil.copy(generated, exact)
    connection = sqlite3.connect(exact)
    with connection:
        connection.execute("UPDATE figures SET qualifier = 'exact', stated = CAST(value AS TEXT)")
    connection.close()

    print("| database | figures | found | output | CLI wall (median) | peak RSS | `find_figure_conflicts` |")
    print("|---|---:|---|---|---:|---:|---:|")
    for name, database in (
        ("curated", curated),
        (f"{options.events:,} events", generated),
        (f"{options.events:,} events, every figure exact", exact),
    ):
        for line in measure(name, database, options.runs):
            print(line, flush=True)


if __name__ == "__main__":
    main()
