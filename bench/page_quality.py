"""Headline and publication-date accuracy on page tops (tests/gold/pagetops/): the page layout rules alone.

Usage:  python bench/page_quality.py [--misses]

Each page top is the start of a copied web page (site name, menus, banners, headline, byline, date lines, the
first paragraphs) with its headline and stated publication date in tests/gold/pagetops/pagetops.yaml.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from kztimeline.parse.page import read_page

PAGES = Path(__file__).resolve().parent.parent / "tests" / "gold" / "pagetops"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every page read wrong")
    options = parser.parse_args()
    gold = yaml.safe_load((PAGES / "pagetops.yaml").read_text(encoding="utf-8"))["pages"]
    titles = dates = 0
    for page in gold:
        read = read_page((PAGES / page["file"]).read_text(encoding="utf-8"))
        title_right = (read.title_text or "") == (page["title"] or "")
        published = read.published.isoformat() if read.published else None
        date_right = published == page["published"]
        titles += title_right
        dates += date_right
        if options.misses and not title_right:
            print(f"{page['file']}: headline {read.title_text!r}, gold {page['title']!r}")
        if options.misses and not date_right:
            print(f"{page['file']}: published {published}, gold {page['published']}")
    print(f"headlines {titles}/{len(gold)}, publication dates {dates}/{len(gold)}")


if __name__ == "__main__":
    main()
