"""Where the texts of the parser's real page sets come from, and which are present (third-party texts, kept out of git).

Usage:
    python bench/parse_real/fetch.py                        # both sets: each page's URL, outlet, query; its state
    python bench/parse_real/fetch.py --set dev              # the development set only (or --set blind)
    python bench/parse_real/fetch.py --set dev --download   # with internet: save each missing page's HTML

Two sets of real news pages score ``kztimeline parse`` (``python bench/parse_quality.py --real dev``):
``dev/`` may be looked at and tuned against, ``blind/`` is scored once, at the end of issue 12. Each holds
``index.csv`` (id, URL, outlet, language, the query that found the page, the date it was collected, the publication date
where the text or the URL gives it, the text's sha256 and length), ``articles.yaml`` (the gold annotation) and
``texts/ID.txt`` (git-ignored).

The texts were collected on the date in ``index.csv`` from a stored copy of public web pages (a search over saved
pages, run with the query in ``index.csv``; no other internet access): each is the excerpt the search returned for
the URL, which is the beginning of the page as plain text, up to about 2,000 characters and cut there (mid-sentence
at times), copied without edits, including the " date YYYY-MM-DD" line the store puts before some of them. The same
search, with the query in ``index.csv``, returns the same excerpt for the URL as long as the store keeps it: save it as
``texts/ID.txt``. ``text_sha256`` says whether a text is the one the gold was annotated on (its spans are verbatim
substrings of exactly that text).

Without the store, ``--download`` fetches each page from its URL (``urllib``, 20 s timeout, 5 MB limit) and saves the
HTML as ``texts/ID.html``; the live page differs from the stored excerpt (navigation, later edits, a different cut), so
the gold will not fit it as it stands, and scores on it are not comparable with recorded ones.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.real.fetch import download, status

PARSE_REAL = Path(__file__).resolve().parent
SETS = {"dev": PARSE_REAL / "dev", "blind": PARSE_REAL / "blind"}
PRESENT = "present"


def read_index(directory: Path) -> list[dict[str, str]]:
    """The rows of a set's ``index.csv``, one per page."""
    with (directory / "index.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def unusable_texts(directory: Path) -> dict[str, str]:
    """Page id -> "missing" or "changed …" for every text that is not the one the gold was annotated on."""
    states = {row["id"]: status(row, directory) for row in read_index(directory)}
    return {page: state for page, state in states.items() if state != PRESENT}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), help="one set of pages (default: both)")
    parser.add_argument("--download", action="store_true", help="fetch each missing page's HTML from its URL")
    options = parser.parse_args(argv)
    for name in [options.set] if options.set else list(SETS):
        directory = SETS[name]
        rows = read_index(directory)
        print(f"== {name}: {directory.relative_to(PARSE_REAL.parent.parent)}/texts/")
        for row in rows:
            state = status(row, directory)
            print(f"{row['id']}: {state}")
            print(f"  {row['outlet']} ({row['language']}), collected {row['collected']}: {row['url']}")
            print(f"  query: {row['query']}")
            if options.download and state == "missing":
                print(f"  {download(row, directory)}")
        unusable = unusable_texts(directory)
        print(f"{len(rows) - len(unusable)} of {len(rows)} texts present")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
