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


_NEAREST_LIMIT = 1_000_000  # characters of article text searched for the nearest passage


def nearest_passage(article: str, excerpt: str) -> tuple[str, str] | None:
    """Where a non-verbatim ``excerpt`` (both texts normalised) most likely comes from in ``article``, and what
    differs, for a curator fixing a typo: ``("Police used water cannons …", "the article has 'used' where the
    excerpt has 'fired'")``. None when no passage shares a run of a dozen characters with the excerpt."""
    from difflib import SequenceMatcher

    if len(article) > _NEAREST_LIMIT:
        return None  # the search reads every character once per excerpt: not worth seconds per problem
    anchor = SequenceMatcher(None, article, excerpt, autojunk=False).find_longest_match(
        0, len(article), 0, len(excerpt)
    )
    if anchor.size < min(12, len(excerpt)):
        return None
    ours, words = excerpt.split(), article.split(" ")
    at = article.count(" ", 0, anchor.a)  # the anchor's word (normalised text: single spaces)
    offset = max(0, at - len(ours) - 3)
    window = words[offset : at + len(ours) + 3]
    blocks = [
        block for block in SequenceMatcher(None, ours, window, autojunk=False).get_matching_blocks() if block.size
    ]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    low = max(0, first.b - first.a)
    high = min(len(window), last.b + last.size + len(ours) - last.a - last.size)
    theirs = window[low:high]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        excerpt_words, article_words = " ".join(ours[i1:i2]), " ".join(theirs[j1:j2])
        if tag == "replace":
            difference = f"the article has {article_words!r} where the excerpt has {excerpt_words!r}"
        elif tag == "delete":
            difference = f"the article has no {excerpt_words!r} there"
        elif tag == "insert":
            difference = f"the article has {article_words!r} there, which the excerpt leaves out"
        else:
            continue
        return _shortened(" ".join(theirs)), difference
    return None


def _shortened(passage: str, limit: int = 90) -> str:
    return passage if len(passage) <= limit else passage[: limit - 1].rsplit(" ", 1)[0] + " …"
