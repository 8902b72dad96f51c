"""Where the texts of bench/real/ come from, and which are present (they are third-party texts, kept out of git).

Usage:
    python bench/real/fetch.py              # each page: URL, outlet, query; present, missing or changed
    python bench/real/fetch.py --download   # with internet: save each missing page's HTML as texts/ID.html
    python bench/real/fetch.py --set blind  # the same for the blind set, bench/blind/ (or python bench/blind/fetch.py)

The texts under ``bench/real/texts/ID.txt`` were collected on the date in ``index.csv`` from a stored copy of public
web pages (a search over saved pages, run with the query in ``index.csv``; no other internet access): each is the
excerpt the search returned for the URL, which is the beginning of the page as plain text, up to about 2,000
characters and cut there (mid-sentence at times), copied without edits. ``text_sha256`` in ``index.csv`` says
whether a text is the one the results in ``docs/benchmarks.md`` were measured on.

``bench/blind/`` is laid out the same way (``index.csv``, ``gold/``, ``texts/``): pages collected the same way but kept
from development, to be scored once (``python bench/recurate_real.py --set blind``).

Without the store, ``--download`` fetches each page from its URL (``urllib``, 20 s timeout, 5 MB limit) and saves the
HTML next to where the text would be; the live page differs from the stored text (navigation, later edits), so
scores measured on it are not comparable with the recorded ones. Extract the article text (e.g. ``kztimeline import
PAGE.html`` once import reads HTML, or trafilatura) and save it as ``texts/ID.txt``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import urllib.request
from pathlib import Path

REAL = Path(__file__).resolve().parent
SETS = {"real": REAL, "blind": REAL.parent / "blind"}  # the development pages and the blind set, laid out alike
LIMIT = 5 * 1024 * 1024


def status(row: dict[str, str], directory: Path = REAL) -> str:
    """Whether the page's text is under ``directory/texts``, and whether it is the one ``index.csv`` recorded."""
    text = directory / "texts" / f"{row['id']}.txt"
    if not text.exists():
        return "missing"
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    return "present" if digest == row["text_sha256"] else "changed (not the text the recorded scores used)"


def download(row: dict[str, str], directory: Path = REAL) -> str:
    target = directory / "texts" / f"{row['id']}.html"
    request = urllib.request.Request(row["url"], headers={"User-Agent": "kztimeline-bench/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            body = response.read(LIMIT + 1)
    except OSError as error:
        return f"not downloaded: {error}"
    if len(body) > LIMIT:
        return "not downloaded: larger than 5 MB"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(body)
    return f"saved {target.relative_to(directory)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--download", action="store_true", help="fetch each missing page's HTML from its URL")
    parser.add_argument("--set", choices=sorted(SETS), default="real", help="which set of pages (default: real)")
    options = parser.parse_args(argv)
    directory = SETS[options.set]
    with (directory / "index.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        state = status(row, directory)
        print(f"{row['id']}: {state}")
        print(f"  {row['outlet']} ({row['language']}), collected {row['collected']}: {row['url']}")
        print(f"  query: {row['query']}")
        if options.download and state == "missing":
            print(f"  {download(row, directory)}")
    missing = sum(1 for row in rows if status(row, directory) == "missing")
    print(f"{len(rows) - missing} of {len(rows)} texts present")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
