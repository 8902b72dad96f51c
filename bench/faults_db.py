"""Fault injection for the database and the seeds files (issue 13, items 1-3): every trial must hold.

Usage:  python bench/faults_db.py [--trials 30] [--events 3000] [--work /tmp/kztimeline-faults]

Trials, each a fresh process of the installed ``kztimeline`` (``python -m kztimeline``):

first-build kill   ``load`` into a new SQLite file, SIGKILLed after a random delay spread over its writing (the
                   first build: migrations and content). Holds when the file is exactly empty (no kztimeline
                   table) or exactly complete (every row), ``PRAGMA integrity_check`` is ok, and the next ``load``
                   succeeds and the counts are the full ones.
two loads          two ``load`` of the same seeds started at once on a new file: both exit 0, the file is complete.
hot journal        ``load --force`` of other seeds into a loaded file, SIGKILLed mid-write (a hot journal is left
                   when the kill falls after the write began); then a read (``sql``) must answer with exactly the
                   old or the new content, never "no kztimeline schema".
held lock          another connection holds the file's exclusive lock for 1.5 s; a read started meanwhile waits for
                   it and answers.
hostile files      article ``file:`` values that name files outside the seeds, links out, ``/dev/zero``, a FIFO, a
                   file over the size limit: ``validate`` exits 1 within seconds with one line naming the file, and
                   its peak RSS stays small.

Prints one line per kind with trials and outcomes, and exits 1 when any trial failed. ``--trials`` applies to the
kill trials; the others run ``max(3, trials // 5)`` times.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

KZTIMELINE = [sys.executable, "-m", "kztimeline"]
HERE = Path(__file__).resolve().parent
COUNTED = ("articles", "actors", "places", "events", "statements", "figures")


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KZTIMELINE, *args], capture_output=True, text=True, timeout=timeout)


def counts(path: Path) -> dict[str, int] | None:
    """Row counts of a kztimeline SQLite file (read-write open: rolls back a hot journal, as any writer would);
    None when it holds no kztimeline table."""
    connection = sqlite3.connect(path)
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not names & set(COUNTED):
            return None
        # a half-built schema (some tables only) shows as missing names
        return {
            name: connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in COUNTED if name in names
        }
    finally:
        connection.close()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def kill_after(command: list[str], delay: float, appears: Path) -> int:
    """Run ``command``; once ``appears`` exists (the database file, or its journal: the writing has begun), wait
    ``delay`` seconds more and SIGKILL it, unless it finished first. Returns the exit status."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not appears.exists() and process.poll() is None:
        time.sleep(0.002)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait()


def timed_load(db: Path, seeds: Path, *extra: str) -> tuple[float, float]:
    """Wall time of a load, and the part of it spent writing (from --timings)."""
    started = time.perf_counter()
    result = run("--db", str(db), "load", "--timings", *extra, str(seeds))
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"reference load failed: {result.stderr.strip()}")
    writing = float(result.stderr.split("writing ")[1].split(" s")[0])
    return wall, writing


def first_build_kills(work: Path, seeds: Path, trials: int, rng: random.Random) -> Counter[str]:
    reference_db = work / "reference.sqlite"
    _, writing = timed_load(reference_db, seeds)
    full = counts(reference_db)
    outcomes: Counter[str] = Counter()
    for trial in range(trials):
        db = work / f"first-{trial}.sqlite"
        # from the moment the file appears to a little after the writing should have ended
        kill_after([*KZTIMELINE, "--db", str(db), "load", str(seeds)], rng.uniform(0, writing * 1.2), db)
        state = "absent" if not db.exists() else _state(db, full)
        if db.exists() and integrity(db) != "ok":
            state = "FAILED: integrity_check"
        again = run("--db", str(db), "load", str(seeds))
        if again.returncode != 0 or counts(db) != full:
            state = f"FAILED: the next load: {again.stderr.strip()[-200:]}"
        outcomes[state] += 1
        for leftover in work.glob(f"first-{trial}.sqlite*"):
            leftover.unlink()
    return outcomes


def _state(db: Path, full: dict[str, int] | None) -> str:
    found = counts(db)
    if found is None:
        return "empty"
    if full is not None and found.keys() != full.keys():
        return f"FAILED: half-built schema ({len(found)} of {len(full)} tables)"
    return "complete" if found == full else f"FAILED: partial {found}"


def two_loads(work: Path, seeds: Path, trials: int) -> Counter[str]:
    full = counts(work / "reference.sqlite")
    outcomes: Counter[str] = Counter()
    for trial in range(trials):
        db = work / f"pair-{trial}.sqlite"
        command = [*KZTIMELINE, "--db", str(db), "load", str(seeds)]
        pair = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"]
        results = [process.communicate(timeout=600) for process in pair]
        codes = [process.returncode for process in pair]
        if codes != [0, 0]:
            outcomes[f"FAILED: {codes} {[err.strip()[-200:] for _, err in results]}"] += 1
        elif counts(db) != full:
            outcomes["FAILED: incomplete"] += 1
        else:
            outcomes["both ok"] += 1
    return outcomes


def hot_journal_reads(work: Path, seeds: Path, other_seeds: Path, trials: int, rng: random.Random) -> Counter[str]:
    db = work / "hot.sqlite"
    _, _ = timed_load(db, other_seeds)
    old = counts(db)
    _, writing = timed_load(db, seeds, "--force")
    new = counts(db)
    outcomes: Counter[str] = Counter()
    for trial in range(trials):
        source = seeds if trial % 2 == 0 else other_seeds  # alternate, so every load really rewrites the file
        before = counts(db)
        journal_path = Path(f"{db}-journal")
        kill_after(
            [*KZTIMELINE, "--db", str(db), "load", "--force", str(source)], rng.uniform(0, writing), journal_path
        )
        journal = Path(f"{db}-journal").exists()
        result = run("--db", str(db), "sql", "SELECT count(*) AS n FROM events", "--format", "csv")
        if result.returncode != 0:
            outcomes[f"FAILED ({'journal' if journal else 'no journal'}): {result.stderr.strip()}"] += 1
            continue
        events = int(result.stdout.split()[-1])
        expected = {before["events"] if before else None, (new if source is seeds else old or {}).get("events")}
        kind = "with hot journal" if journal else "without journal"
        outcomes[f"read ok {kind}" if events in expected else f"FAILED: {events} events, {kind}"] += 1
    return outcomes


def held_lock_reads(work: Path, trials: int) -> Counter[str]:
    db = work / "hot.sqlite"
    outcomes: Counter[str] = Counter()
    for _ in range(trials):
        holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN EXCLUSIVE")
        released = threading.Timer(1.5, lambda holder=holder: (holder.execute("ROLLBACK"), holder.close()))
        released.start()
        started = time.perf_counter()
        result = run("--db", str(db), "sql", "SELECT count(*) AS n FROM events", "--format", "csv")
        waited = time.perf_counter() - started
        released.join()
        if result.returncode == 0 and waited >= 1.4:
            outcomes["waited, then read"] += 1
        else:
            outcomes[f"FAILED after {waited:.1f} s: {result.stderr.strip()}"] += 1
    return outcomes


def hostile_files(work: Path, seeds: Path, trials: int) -> tuple[Counter[str], float, int]:
    """Each hostile ``file:`` value; returns outcomes, the slowest refusal (s) and the largest peak RSS (kB)."""
    outcomes: Counter[str] = Counter()
    slowest, peak = 0.0, 0
    cases = {
        "absolute": "/etc/passwd",
        "dot-dot": "../../../../etc/hostname",
        "outside-articles": "articles.yaml",
        "link out": "articles/link-out.txt",
        "dev-zero link": "articles/zero.txt",
        "fifo": "articles/fifo.txt",
        "too large": "articles/large.txt",
    }
    for trial in range(trials):
        for name, value in cases.items():
            directory = work / f"hostile-{trial}-{name.replace(' ', '-')}"
            shutil.copytree(seeds, directory)
            (directory / "articles" / "link-out.txt").symlink_to("/etc/hostname")
            (directory / "articles" / "zero.txt").symlink_to("/dev/zero")
            os.mkfifo(directory / "articles" / "fifo.txt")
            with (directory / "articles" / "large.txt").open("wb") as large:
                large.truncate(64 * 1024 * 1024)  # sparse: 64 MB of NUL bytes, over the 5 MB limit
            articles = directory / "articles.yaml"
            text = articles.read_text(encoding="utf-8")
            first = text.index("file: ") + len("file: ")
            end = text.index("\n", first)
            articles.write_text(text[:first] + value + text[end:], encoding="utf-8")
            elapsed, code, stderr, rss = validate_with_usage(directory)
            slowest, peak = max(slowest, elapsed), max(peak, rss)
            lines = [line for line in stderr.splitlines() if "articles.yaml" in line]
            if code == 1 and len(lines) == 1 and ".file:" in lines[0]:
                outcomes[f"refused ({name})"] += 1
            else:
                outcomes[f"FAILED ({name}): exit {code}: {stderr.strip()[-200:]}"] += 1
            shutil.rmtree(directory)
    return outcomes, slowest, peak


def validate_with_usage(directory: Path) -> tuple[float, int, str, int]:
    """Run ``validate`` on a directory: wall time, exit code, stderr and the process's peak RSS in kB."""
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen([*KZTIMELINE, "validate", str(directory)], stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        return elapsed, process.returncode, errors.read(), usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=30, help="kill trials per kind (default 30)")
    parser.add_argument("--events", type=int, default=3000, help="events in the generated seeds (default 3000)")
    parser.add_argument("--work", type=Path, help="scratch directory (default: a new temporary one)")
    parser.add_argument("--seed", type=int, default=13, help="random seed of the kill delays")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kztimeline-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    seeds, other = work / "seeds", work / "other-seeds"
    for directory, seed in ((seeds, 2022), (other, 2023)):
        if not directory.exists():
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), "--events", str(args.events), "--seeds", str(directory),
                 "--seed", str(seed)],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
    small = max(3, args.trials // 5)
    started = time.perf_counter()
    trials = {
        "first-build kill": lambda: first_build_kills(work, seeds, args.trials, rng),
        "two loads at once": lambda: two_loads(work, seeds, small),
        "hot journal read": lambda: hot_journal_reads(work, seeds, other, args.trials, rng),
        "held lock read": lambda: held_lock_reads(work, small),
    }
    report: dict[str, Counter[str]] = {}
    for kind, trial in trials.items():
        began = time.perf_counter()
        report[kind] = trial()
        print(f"  ({kind}: {time.perf_counter() - began:.0f} s)", file=sys.stderr, flush=True)
    hostile, slowest, peak = hostile_files(work, HERE.parent / "tests" / "data" / "seeds", small)
    report["hostile article file"] = hostile
    failed = False
    for kind, outcomes in report.items():
        total = sum(outcomes.values())
        listed = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        print(f"{kind}: {total} trials: {listed}")
        failed = failed or any(outcome.startswith("FAILED") for outcome in outcomes)
    print(f"hostile files: slowest refusal {slowest:.2f} s, peak RSS {peak / 1024:.0f} MiB")
    print(f"took {time.perf_counter() - started:.0f} s")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
