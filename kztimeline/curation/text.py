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


# What `kztimeline import` writes where a curator has to write something: `validate` refuses a record that still holds
# one, so a draft whose `draft: true` was deleted without review does not load.
DESCRIBE_PLACEHOLDER = "describe from the text"
REPORTS_PLACEHOLDER = "Article reports: "


def placeholder_in(text: str) -> str | None:
    """The import placeholder ``text`` still holds, or None."""
    if DESCRIBE_PLACEHOLDER in text:
        return DESCRIBE_PLACEHOLDER
    if text.startswith(REPORTS_PLACEHOLDER):
        return REPORTS_PLACEHOLDER.strip()
    return None


_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.]\d{3})*(?:[.,]\d+)?")
_MULTIPLIERS = (
    (re.compile(r"\s*(?:thousand|тыс\.?|тысяч[аи]?)", re.IGNORECASE), 1_000),
    (re.compile(r"\s*(?:million|mln|млн\.?|миллион(?:а|ов)?)", re.IGNORECASE), 1_000_000),
)


def stated_numbers(stated: str) -> set[float]:
    """The numbers a figure's ``stated`` wording gives, as written: ``"at least 5,135"`` → {5135}, ``"5 тыс."`` →
    {5, 5000}, ``"1.5 million"`` → {1.5, 1500000}. Empty when it gives none in digits ("dozens", "two of whom")."""
    found: set[float] = set()
    for match in _NUMBER.finditer(stated):
        token = match.group()
        if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+", token):  # thousands separated: 2,000 / 5 135
            value = float(re.sub(r"\D", "", token))
        else:
            value = float(token.replace(",", ".").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
        found.add(value)
        for pattern, factor in _MULTIPLIERS:
            if pattern.match(stated, match.end()):
                found.add(value * factor)
    return found
