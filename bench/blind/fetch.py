"""Which texts of the blind set are present under bench/blind/texts/ (third-party texts, kept out of git).

Usage:
    python bench/blind/fetch.py              # each page: URL, outlet, query; present, missing or changed
    python bench/blind/fetch.py --download   # with internet: save each missing page's HTML as texts/ID.html

The same as ``python bench/real/fetch.py --set blind`` (see there for where the texts come from). The blind pages were
kept from development and are scored once, with ``python bench/recurate_real.py --set blind``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.real.fetch import main as fetch_main


def main(argv: list[str] | None = None) -> int:
    return fetch_main(["--set", "blind", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
