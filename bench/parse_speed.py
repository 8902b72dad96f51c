"""Parser speed: articles parsed per second on one core (target: at least 200 per second for 3 KB articles).

Usage:  python bench/parse_speed.py [--seconds 10] [FILES...]

Without FILES it parses every article text in the repository (the seed articles and the gold test sets), round
after round, in this one process (so on one core), after a warm-up round that pays the one-time costs (reading the
curated seeds, building the GeoNames index). It prints articles per second, kilobytes per second, and the rate
scaled to 3 KB articles (kilobytes per second / 3), plus the one-time start-up cost.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from kztimeline.parse.article import parse_text
from kztimeline.parse.gazetteer import Gazetteers, geonames_index
from kztimeline.resources import seeds_dir

ROOT = Path(__file__).resolve().parent.parent


def default_files() -> list[Path]:
    return sorted([*(ROOT / "seeds" / "articles").glob("*.txt"), *(ROOT / "tests" / "gold").glob("*/articles/*.txt")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to measure (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="measurements to take the median of (default 5)")
    parser.add_argument(
        "--quotes-share",
        action="store_true",
        help="also time quotation finding and attribution (find_quotes) alone, in CPU seconds, best of five passes",
    )
    options = parser.parse_args()
    files = options.files or default_files()
    texts = [path.read_text(encoding="utf-8") for path in files]
    size = sum(len(text.encode("utf-8")) for text in texts)

    started = time.perf_counter()
    gazetteers = Gazetteers.from_seeds(seeds_dir())
    geonames_index()
    startup = time.perf_counter() - started
    for text in texts:  # warm-up
        parse_text(text, "bench", gazetteers)

    rates = []
    cpu_rates = []  # CPU time of this process: what the parse costs, whatever else the machine is doing
    for _ in range(options.rounds):
        count, bytes_done, began, cpu_began = 0, 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - began < options.seconds / options.rounds:
            for text in texts:
                parse_text(text, "bench", gazetteers)
            count += len(texts)
            bytes_done += size
        elapsed = time.perf_counter() - began
        rates.append((count / elapsed, bytes_done / elapsed / 1024))
        cpu_rates.append(bytes_done / (time.process_time() - cpu_began) / 1024)
    articles_per_second = statistics.median(rate for rate, _ in rates)
    kilobytes_per_second = statistics.median(kb for _, kb in rates)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"corpus: {len(texts)} articles, mean {size / len(texts) / 1024:.1f} KB")
    print(f"start-up (seeds gazetteer + GeoNames index): {startup:.2f} s, paid once per process")
    print(f"articles per second: {articles_per_second:.0f}")
    print(f"kilobytes per second: {kilobytes_per_second:.0f}")
    print(f"3 KB articles per second: {kilobytes_per_second / 3:.0f} (target >= 200)")
    print(f"3 KB articles per CPU second (best round; steadier on a shared machine): {max(cpu_rates) / 3:.0f}")
    if options.quotes_share:
        total, quotes = quotes_share(texts, gazetteers)
        print(f"CPU seconds per pass over the corpus: {total:.3f}, of which find_quotes {quotes:.3f}")


def quotes_share(texts: list[str], gazetteers: Gazetteers) -> tuple[float, float]:
    """The CPU time of one pass over ``texts`` and the part spent in ``find_quotes`` (best of five passes)."""
    import kztimeline.parse.article as article

    original = article.find_quotes
    spent = [0.0]

    def timed(*args: object, **kwargs: object) -> object:
        began = time.process_time()
        try:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent[0] += time.process_time() - began

    article.find_quotes = timed  # type: ignore[assignment]
    try:
        best = (float("inf"), 0.0)
        for _ in range(5):
            spent[0], began = 0.0, time.process_time()
            for text in texts:
                parse_text(text, "bench", gazetteers)
            best = min(best, (time.process_time() - began, spent[0]))
    finally:
        article.find_quotes = original  # type: ignore[assignment]
    return best


if __name__ == "__main__":
    main()
