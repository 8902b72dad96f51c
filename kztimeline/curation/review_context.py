"""Where in its article a draft comes from: the passage ``review`` shows beside the draft."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kztimeline.curation.review import DraftItem
from kztimeline.curation.timeline_records import TimelineRecords

CONTEXT = 240  # characters shown on each side of the passage


def source_passage(item: DraftItem, seeds: Path) -> tuple[str, str, str, str] | None:
    """The text before the passage, the passage, the text after it, and a caption naming the article; or None when
    the article or the passage cannot be found."""
    timeline = TimelineRecords.from_seeds(seeds)
    article_id = _article_of(item, timeline)
    article = timeline.articles.get(article_id or "")
    if article is None or not isinstance(article.get("file"), str):
        return None
    try:
        text = (seeds / str(article["file"])).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for wanted in _wanted(item, timeline):
        span = _find(text, wanted)
        if span is not None:
            start, end = span
            before = text[max(start - CONTEXT, 0) : start]
            after = text[end : end + CONTEXT]
            caption = f"{article.get('outlet') or 'article'}: {article.get('title') or article_id} ({article_id})"
            return (
                ("…" if start > CONTEXT else "") + before,
                text[start:end],
                after + ("…" if end + CONTEXT < len(text) else ""),
                caption,
            )
    return None


def _article_of(item: DraftItem, timeline: TimelineRecords) -> str | None:
    record = item.record
    if isinstance(record.get("article"), str):
        return str(record["article"])
    for key in ("citations", "sources"):
        entries = record.get(key)
        if isinstance(entries, list) and entries and isinstance(entries[0], dict):
            return str(entries[0].get("article"))
    if item.section == "articles":
        return str(record.get("id"))
    # a proposed actor or place: the article of its file
    for article_id, path in ((key[1], path) for key, path in timeline.files.items() if key[0] == "articles"):
        if path.resolve() == item.file.resolve():
            return article_id
    return None


def _wanted(item: DraftItem, timeline: TimelineRecords) -> list[str]:
    """What to look for in the article, best first."""
    record = item.record
    wanted: list[Any] = [record.get("excerpt")]
    for key in ("citations", "sources"):
        for entry in record.get(key) or []:
            if isinstance(entry, dict):
                wanted.append(entry.get("excerpt"))
    wanted.append(record.get("text"))
    if item.section == "statement_sources":
        wanted.append(timeline.statements.get(str(record.get("statement")), {}).get("text"))
    wanted += [*(record.get("aliases") or []), record.get("name"), record.get("title")]
    return [str(value) for value in wanted if isinstance(value, str) and value.strip()]


def _find(text: str, wanted: str) -> tuple[int, int] | None:
    """The span of ``wanted`` in ``text``, whitespace runs and typographic quotes aside."""
    at = text.find(wanted)
    if at >= 0:
        return at, at + len(wanted)
    words = [re.escape(word) for word in wanted.split()]
    if not words:
        return None
    pattern = r"\s+".join(words).replace("'", "['’]").replace('"', '["“”]')
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None
