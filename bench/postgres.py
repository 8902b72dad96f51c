"""PostgreSQL against SQLite on the same generated seeds: load, export (time, memory, identical bytes), show, search.

Usage:
    python bench/postgres.py --url 'postgresql+psycopg://USER@/DB?host=/tmp&port=5432' --events 100000 \\
        --work /tmp/kztimeline-bench

The database at --url is emptied and reloaded. Prints a Markdown section for docs/benchmarks.md. The seeds come
from bench/generate.py (reused from --work when present, as bench/run.py leaves them); the SQLite side is loaded
from the same seeds by the same `load`, so both hold the same data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import KZTIMELINE, timed, timed_with_memory  # noqa: E402

COMMANDS = {
    "show --actor Tokayev --from 2010-01-01 --to 2010-01-31": [
        "show", "--actor", "Tokayev", "--from", "2010-01-01", "--to", "2010-01-31",
    ],
    "show --search kazakhstan": ["show", "--search", "kazakhstan"],
    "search kazakhstan": ["search", "kazakhstan"],
    "search zhanaozen": ["search", "zhanaozen"],
    "quotes --actor Tokayev": ["quotes", "--actor", "Tokayev"],
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a PostgreSQL SQLAlchemy URL (its content is replaced)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="runs per command timing (medians)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kztimeline-bench")
    options = parser.parse_args()
    from bench.generate import Dataset, write_seeds

    seeds = options.work / f"seeds-{options.events}"
    if not seeds.exists():
        write_seeds(Dataset(options.events, 2022), seeds)
    sqlite = options.work / f"postgres-bench-{options.events}.sqlite"
    sqlite.unlink(missing_ok=True)
    engines = {"SQLite": str(sqlite), "PostgreSQL": options.url}
    lines = [
        f"## PostgreSQL and SQLite, {options.events:,} events",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `python bench/postgres.py --url URL --events "
        f"{options.events} --runs {options.runs}` (PostgreSQL on the same machine, over a Unix socket).",
        "",
        "| | SQLite | PostgreSQL |",
        "|---|---:|---:|",
    ]
    load = {name: timed([*KZTIMELINE, "--db", db, "load", "--force", "-q", str(seeds)]) for name, db in engines.items()}
    lines.append(f"| `load --force` of the seeds (YAML) | {load['SQLite']:.1f} s | {load['PostgreSQL']:.1f} s |")
    exports = {}
    for name, db in engines.items():
        target = options.work / f"postgres-bench-{name}.ndjson"
        elapsed, memory = timed_with_memory([*KZTIMELINE, "--db", db, "export", "--format", "ndjson", "-q"], target)
        exports[name] = (target, elapsed, memory)
    lines.append(
        f"| `export --format ndjson` | {exports['SQLite'][1]:.1f} s, {exports['SQLite'][2]:.0f} MiB peak | "
        f"{exports['PostgreSQL'][1]:.1f} s, {exports['PostgreSQL'][2]:.0f} MiB peak |"
    )
    for label, arguments in COMMANDS.items():
        medians = {
            name: statistics.median(timed([*KZTIMELINE, "--db", db, *arguments]) for _ in range(options.runs))
            for name, db in engines.items()
        }
        sqlite_ms, server_ms = medians["SQLite"] * 1000, medians["PostgreSQL"] * 1000
        lines.append(f"| `{label}` (whole process) | {sqlite_ms:.0f} ms | {server_ms:.0f} ms |")
    same = filecmp.cmp(exports["SQLite"][0], exports["PostgreSQL"][0], shallow=False)
    lines += [
        "",
        f"The two ndjson exports are {'byte-identical' if same else 'DIFFERENT'} "
        f"({exports['SQLite'][0].stat().st_size / 2**20:,.0f} MiB each).",
        "",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
