"""Verbatim matching of excerpts and quotations against article texts.

Only whitespace runs and typographic quotes are normalised: an excerpt must otherwise be the article's own
characters, so every line of the timeline can be checked against its source.
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
_WHITESPACE = re.compile(r"\s+")


def normalise_for_matching(text: str) -> str:
    """Collapse whitespace to single spaces and map typographic quotes to straight ones."""
    return _WHITESPACE.sub(" ", text.translate(_QUOTES)).strip()


def casefold_key(name: str) -> str:
    """The lookup key of a name or alias: casefolded (works for Cyrillic too), hyphens and spaces collapsed."""
    return _WHITESPACE.sub(" ", name.replace("-", " ")).strip().casefold()
