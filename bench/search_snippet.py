"""Search over one very long article: how long `kztimeline search` takes to build its snippet.

Usage:  python bench/search_snippet.py --megabytes 2 [--megabytes 50] [--word kazakhstan] [--query WORDS]
            [--timeout 120] [--time-limit SECONDS]

The fixture seeds (tests/data/seeds) are loaded into a new SQLite file, and one article of the given size is added to
the search index: prose from a small vocabulary where the searched word is one word in ten, as a common word is in a
long article about Kazakhstan. Each size is timed in a child process (`kztimeline search WORD --kind article`), so a
run that does not finish within ``--timeout`` seconds is stopped and reported as such; peak RSS comes from
``getrusage`` of the children. ``--query`` searches for something else than the common word: ``long`` is in the
article's title only, so every window of its text is tried before the snippet falls back to the text's first words.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIXTURE_SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"
VOCABULARY = (
    "the protesters gathered in the square of almaty on wednesday while police blocked the roads and the internet "
    "was cut across the country as the government resigned and troops arrived from the treaty allies"
).split()


def long_article(megabytes: float, word: str, seed: int = 2022) -> str:
    """About ``megabytes`` MB of text in which ``word`` is every tenth word, in sentences and paragraphs."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        sentence = " ".join(word if i % 10 == 0 else rng.choice(VOCABULARY) for i in range(1, 21)) + ". "
        parts.append(sentence if rng.random() > 0.1 else sentence + "\n\n")
        size += len(sentence)
    return "".join(parts)


def build(directory: Path, megabytes: float, word: str) -> Path:
    db = directory / f"search-{megabytes:g}mb.sqlite"
    subprocess.run(
        [sys.executable, "-m", "kztimeline", "--db", str(db), "load", str(FIXTURE_SEEDS)],
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(db) as connection:
        cursor = connection.execute(
            "INSERT INTO search_index (kind, ref_id, title, body) "
            "VALUES ('article', 'long-article', 'A long article', ?)",
            (long_article(megabytes, word),),
        )
        connection.execute(
            "INSERT INTO search_index_refs (kind, ref_id, fts_rowid) VALUES ('article', 'long-article', ?)",
            (cursor.lastrowid,),
        )
    connection.close()
    return db


def time_search(db: Path, query: str, timeout: float, time_limit: str | None) -> str:
    command = [sys.executable, "-m", "kztimeline", "--db", str(db), "search", query, "--kind", "article"]
    if time_limit is not None:
        command += ["--time-limit", time_limit]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return f"still running after {timeout:g} s (stopped)"
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    status = "ok" if child.returncode == 0 else f"exit {child.returncode}: {err.strip()}"
    return f"{elapsed:.2f} s, peak RSS of the children so far {peak:.0f} MiB, {status}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, action="append", required=True)
    parser.add_argument("--word", default="kazakhstan")
    parser.add_argument("--query", help="what to search for (default: the common word)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--time-limit", help="the search's own --time-limit (default: the command's default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        for megabytes in args.megabytes:
            db = build(Path(directory), megabytes, args.word)
            query = args.query or args.word
            result = time_search(db, query, args.timeout, args.time_limit)
            print(f"{megabytes:g} MB article ({args.word!r} every tenth word), search {query!r}: {result}")


if __name__ == "__main__":
    main()
