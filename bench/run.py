"""Run the speed and scale benchmarks and print a Markdown report (the source of docs/benchmarks.md).

Usage:
    python bench/run.py --sizes 10000,100000,1000000 --work /tmp/kztimeline-bench   # the full run (about 15 min)
    python bench/run.py --sizes 2000 --runs 3 --work /tmp/bench-smoke                # the CI smoke run

Scenarios, each timed in this one run:

1. start-up: `kztimeline show --actor Tokayev` on the curated embedded database against `sqlite-utils query … "select
   * from timeline"` on the same file, alternated, medians of --runs (sqlite-utils is skipped if not installed);
2. scale, per size: the show query (--actor Tokayev with a one-month window, and the first page without dates)
   timed in-process with its EXPLAIN QUERY PLAN, and the same `show` as a whole CLI process; `search` for common
   and rare words, a phrase and a prefix, and `show --search`;
3. streaming, per size: `export --format ndjson` and `--format json` wall time and peak memory, against
   `sqlite3 -json` dumping the equivalent views (timeline, quotations, reported_figures, articles, actors, places);
4. load, for sizes up to 100k (or --load-sizes): `load` of the generated seeds YAML (events/s, reading+validating vs
   writing, peak memory), then `load` again on the unchanged seeds. `--only-load` runs this scenario alone.

Timings are reported, never asserted: targets belong to the report, not to the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
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

from bench.generate import vocabulary  # noqa: E402
from kztimeline.db.reader import Reader  # noqa: E402
from kztimeline.db.stamp import SCHEMA_REVISION, schema_revision  # noqa: E402
from kztimeline.query.search import search  # noqa: E402
from kztimeline.query.timeline import TimelineFilter, event_query, fetch_events, resolve_filter  # noqa: E402

KZTIMELINE = [sys.executable, "-m", "kztimeline"]
EQUIVALENT_VIEWS = (
    "select * from timeline; select * from quotations; select * from reported_figures; "
    "select * from articles; select * from actors; select * from places"
)


def timed(command: list[str], env: dict[str, str] | None = None, stdout: int | None = subprocess.DEVNULL) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def timed_with_memory(command: list[str], output: Path | None = None) -> tuple[float, float]:
    """Wall time and peak resident memory (MiB) of a child process, via GNU time's %M when available."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("r") as report:
        prefix = [gnu_time, "-f", "%M", "-o", report.name] if gnu_time else []
        with output.open("wb") if output else open(os.devnull, "wb") as stream:
            subprocess.run([*prefix, *command], check=True, stdout=stream, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
        text = Path(report.name).read_text() if gnu_time else ""
    match = re.search(r"(\d+)\s*$", text)
    return elapsed, (int(match[1]) / 1024 if match else float("nan"))


def median_pair(first: list[str], second: list[str] | None, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Medians of two commands run alternately (so drifts in the machine's load hit both alike)."""
    a, b = [], []
    for _ in range(runs):
        a.append(timed(first, env))
        if second:
            b.append(timed(second, env))
    return statistics.median(a), (statistics.median(b) if b else float("nan"))


def startup(runs: int, work: Path) -> tuple[list[str], float]:
    env = {**os.environ, "XDG_DATA_HOME": str(work / "xdg")}
    env.pop("KZTIMELINE_DB", None)
    subprocess.run([*KZTIMELINE, "show", "--actor", "Tokayev"], check=True, env=env, stdout=subprocess.DEVNULL)
    database = subprocess.run(
        [*KZTIMELINE, "db", "path"], check=True, env=env, capture_output=True, text=True
    ).stdout.strip()
    sqlite_utils = shutil.which("sqlite-utils") or str(Path(sys.executable).parent / "sqlite-utils")
    other = [sqlite_utils, "query", database, "select * from timeline"] if Path(sqlite_utils).exists() else None
    show, reference = median_pair([*KZTIMELINE, "show", "--actor", "Tokayev"], other, runs, env)
    lines = [
        "## Start-up: `show` on the curated database",
        "",
        f"Medians of {runs} runs each, alternated, whole process wall time:",
        "",
        "| command | median |",
        "|---|---:|",
        f"| `kztimeline show --actor Tokayev` | {show * 1000:.0f} ms |",
    ]
    if other:
        query = '`sqlite-utils query "$(kztimeline db path)" "select * from timeline"`'
        lines.append(f"| {query} | {reference * 1000:.0f} ms |")
        lines += ["", f"Ratio show / sqlite-utils: **{show / reference:.2f}** (target ≤ 1.0)."]
    else:
        lines += ["", "sqlite-utils is not installed here (`pip install sqlite-utils`): no reference time."]
    return [*lines, ""], show


def query_timings(database: Path) -> list[str]:
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    reader = Reader(connection, "sqlite")
    # a city of middling popularity (the generator draws places by rank)
    city = connection.execute("SELECT name FROM places WHERE kind = 'city' ORDER BY id LIMIT 1 OFFSET 8").fetchone()[0]
    cases = {
        "--actor Tokayev --from 2010-01-01 --to 2010-01-31": TimelineFilter(
            actors=("Tokayev",), date_from=dt.date(2010, 1, 1), date_to=dt.date(2010, 1, 31), limit=101
        ),
        "--actor Tokayev (first page)": TimelineFilter(actors=("Tokayev",), limit=101),
        f"--place '{city}' --from 2015-01-01 --to 2015-12-31": TimelineFilter(
            places=(city,), date_from=dt.date(2015, 1, 1), date_to=dt.date(2015, 12, 31), limit=101
        ),
    }
    lines = ["| show filter | events | query (ids + documents) | plan |", "|---|---:|---:|---|"]
    for label, wanted in cases.items():
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            resolved = resolve_filter(reader, wanted)
            sql, params = event_query(reader, resolved)
            ids = reader.scalars(sql, params)
            fetch_events(reader, ids[:100])
            best = min(best, time.perf_counter() - started)
        plan = "; ".join(row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        lines.append(f"| `{label}` | {min(len(ids), 100)} | {best * 1000:.1f} ms | {plan} |")
    lines += ["", *search_timings(connection, reader)]
    connection.close()
    return lines


def search_timings(connection: sqlite3.Connection, reader: Reader) -> list[str]:
    """`kztimeline search` (first page of 20) for a very common word, a rare one, a phrase and a prefix, and
    `show --search` with an actor: how many index rows match, and the query time."""
    words = vocabulary()
    common, rare = words[5], words[-1]
    phrase = " ".join(words[40:42])
    cases = [common, rare, f'"{phrase}"', f"{words[100][:4]}*", f"{common} {rare}"]
    lines = ["| search | index rows matching | first page (20) |", "|---|---:|---:|"]
    for query in cases:
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            result = search(reader, query, limit=20)
            best = min(best, time.perf_counter() - started)
        count = connection.execute("SELECT COUNT(*) FROM search_index WHERE search_index MATCH ?", (query,)).fetchone()
        note = " (newest 50,000 ranked)" if result.window_limited else ""
        lines.append(f"| `kztimeline search '{query}'` | {count[0]:,}{note} | {best * 1000:.1f} ms |")
    shows = {
        f"kztimeline show --search {common}": TimelineFilter(search=common, limit=101),
        f"kztimeline show --search {rare}": TimelineFilter(search=rare, limit=101),
        f"kztimeline show --actor Tokayev --search {rare}": TimelineFilter(actors=("Tokayev",), search=rare, limit=101),
    }
    for label, wanted in shows.items():
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            sql, params = event_query(reader, resolve_filter(reader, wanted))
            ids = reader.scalars(sql, params)
            fetch_events(reader, ids[:100])
            best = min(best, time.perf_counter() - started)
        plan = "; ".join(row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        shown = f"{len(ids[:100])} events"
        lines.append(f"| `{label}` (first page of events; plan: {plan}) | {shown} | {best * 1000:.1f} ms |")
    return lines


def _is_current(database: Path) -> bool:
    """Whether a database generated by an earlier run can be reused: same schema (the generator follows it)."""
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        return schema_revision(connection) == SCHEMA_REVISION
    finally:
        connection.close()


def scale(size: int, work: Path, runs: int, curated_show: float) -> list[str]:
    from bench.generate import Dataset, write_database

    database = work / f"bench-{size}.sqlite"
    if not database.exists() or not _is_current(database):
        write_database(Dataset(size, 2022), database)
    lines = [f"## {size:,} events", "", f"Database: {database.stat().st_size / 2**20:,.0f} MiB.", ""]
    lines += ["Query time in-process (best of 5, warm cache), first page of 100:", ""]
    lines += query_timings(database)
    window = ["--from", "2010-01-01", "--to", "2010-01-31"]
    command = [*KZTIMELINE, "--db", str(database), "show", "--actor", "Tokayev", *window]
    wall, _ = median_pair(command, None, runs, dict(os.environ))
    lines += [
        "",
        f"Whole CLI `show --actor Tokayev --from 2010-01-01 --to 2010-01-31`: {wall * 1000:.0f} ms median, "
        f"{wall / curated_show:.2f}× the curated `show` (target ≤ 1.5×).",
        "",
    ]
    for export_format in ("ndjson", "json"):
        elapsed, memory = timed_with_memory([*KZTIMELINE, "--db", str(database), "export", "--format", export_format])
        lines.append(f"- `export --format {export_format}`: {elapsed:.1f} s, peak RSS {memory:,.0f} MiB")
    sqlite3_cli = shutil.which("sqlite3")
    if sqlite3_cli:
        reference, memory = timed_with_memory([sqlite3_cli, "-json", str(database), EQUIVALENT_VIEWS])
        ndjson, _ = timed_with_memory([*KZTIMELINE, "--db", str(database), "export", "--format", "ndjson"])
        lines.append(
            f"- `sqlite3 -json` of the same data (the views timeline, quotations, reported_figures and the tables "
            f"articles, actors, places): {reference:.1f} s, peak RSS {memory:,.0f} MiB; ndjson throughput ratio "
            f"**{reference / ndjson:.2f}** (target ≥ 0.5)"
        )
    return [*lines, ""]


def load(size: int, work: Path) -> list[str]:
    from bench.generate import Dataset, write_seeds

    seeds = work / f"seeds-{size}"
    if not seeds.exists():
        write_seeds(Dataset(size, 2022), seeds)
    database = work / f"load-{size}.sqlite"
    database.unlink(missing_ok=True)
    timings = work / f"load-{size}.timings"
    command = [*KZTIMELINE, "--db", str(database), "load", str(seeds), "--timings"]
    elapsed, memory = timed_with_memory(["sh", "-c", f'"$@" 2> {shlex.quote(str(timings))}', "load", *command])
    again = statistics.median(timed([*KZTIMELINE, "--db", str(database), "load", str(seeds)]) for _ in range(5))
    timing = timings.read_text().strip().splitlines()[-1]
    megabytes = sum(path.stat().st_size for path in seeds.rglob("*") if path.is_file()) / 2**20
    return [
        f"- `load` of {size:,} events from YAML ({megabytes:,.0f} MiB): "
        f"{elapsed:.1f} s wall, {size / elapsed:,.0f} events/s, peak RSS {memory:,.0f} MiB — {timing}",
        f"- `load` again, seeds unchanged: {again * 1000:.0f} ms median of 5 (target ≤ 300 ms)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=9, help="runs per timing (medians)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kztimeline-bench")
    parser.add_argument(
        "--load-sizes", help="sizes for the load scenario (default: those of --sizes up to 100k; 1M needs ~10 GiB free)"
    )
    parser.add_argument("--only-load", action="store_true", help="run the load scenario alone")
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in options.sizes.split(",")]
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    report = [
        "# Benchmarks",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, {cores} cores, {memory:.0f} GiB, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, with "
        f"`python bench/run.py {' '.join(sys.argv[1:])}`.",
        "",
    ]
    if not options.only_load:
        lines, curated_show = startup(options.runs, options.work)
        report += lines
        for size in sizes:
            report += scale(size, options.work, options.runs, curated_show)
    if options.load_sizes:
        load_sizes = [int(size) for size in options.load_sizes.split(",")]
    else:
        load_sizes = [size for size in sizes if size <= 100_000]
    if load_sizes:
        report += ["## Load", ""]
        for size in load_sizes:
            report += load(size, options.work)
        report.append("")
    print("\n".join(report))


if __name__ == "__main__":
    main()
