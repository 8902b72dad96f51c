"""The TimelineJS export: Knight Lab TimelineJS3 JSON (``{"title": …, "events": […]}``), to publish the timeline.

One slide per event: ``start_date`` as parts (``year``, ``month``, ``day``, and ``hour``/``minute`` when the time is
known), ``end_date`` for a range, ``text.headline`` (the title) and ``text.text`` (the summary, the quotations with
their speakers, and the sources: a link when the article has a web address, else outlet, date and title), ``group``
and ``unique_id`` (the event id). Every piece of text from the database is HTML-escaped: TimelineJS3 writes the
headline, the text, the group label and the display dates into ``innerHTML``. The group label and the display dates
are escaped twice (:func:`label`): TimelineJS 3.9 first takes their text content (which undoes one escape, so a name
holding ``&lt;img …&gt;`` would become a tag) and then writes that into ``innerHTML``.

Dates are kept as stated: Almaty local time unless the event's timezone says otherwise. TimelineJS has no time zones,
so a date in another zone carries a ``display_date`` naming the zone, and an approximate date says "about".
Slides are written one per line as the events are fetched, so memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from kztimeline import __version__
from kztimeline.db.reader import Reader, in_list
from kztimeline.export.geojson_export import iter_event_documents
from kztimeline.presentation import window_display_date
from kztimeline.query.timeline import TimelineFilter


def escape(text: str) -> str:
    """Text made safe inside HTML elements (attribute values use ``html.escape`` with quotes)."""
    return html.escape(text, quote=False)


def label(text: str) -> str:
    """A group label or a display date: TimelineJS 3.9 parses it as HTML and keeps its text content (undoing one
    escape), then writes that into ``innerHTML``; escaped twice, it shows as the text it is. (TimelineJS before 3.9
    writes the field as it is: an ``&`` then shows as ``&amp;``, and nothing runs.)"""
    return escape(escape(text))


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

Progress = Callable[[str, int], None]  # (what, records written so far)

GROUP_BY = ("type", "actor")
HOME_TIMEZONE = "Asia/Almaty"
TITLE = "The January 2022 unrest in Kazakhstan"
_MONTHS = "January February March April May June July August September October November December".split()


def write_timelinejs_export(
    reader: Reader,
    wanted: TimelineFilter,
    out: TextIO,
    *,
    group_by: str = "type",
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the TimelineJS3 document to ``out``; ``group_by`` is ``type`` (the event type) or ``actor`` (the event's
    first actor in the role "actor"). Return how many events were written."""
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}, not {group_by!r}")
    out.write('{"title":' + _encode(title_slide(wanted)) + ',"events":[')
    count = 0
    for documents in _batches(iter_event_documents(reader, wanted)):
        urls = _article_urls(reader, documents)
        for event in documents:
            out.write(",\n" if count else "\n")
            out.write(_encode(event_slide(event, urls, group_by)))
            count += 1
        if progress is not None:
            progress("events", count)
    out.write("\n]}\n" if count else "]}\n")
    return {"events": count}


def title_slide(wanted: TimelineFilter) -> dict[str, Any]:
    """The title slide: what this is, how dates are given, and the filters that chose the events."""
    text = (
        f"<p>A sourced timeline exported by kztimeline {escape(__version__)}: every event lists the articles that "
        "report it. Dates are Almaty local time (UTC+6) unless marked otherwise.</p>"
    )
    if not wanted.is_empty():
        text += f"<p>Selected: {escape(_describe_filters(wanted))}</p>"
    return {"text": {"headline": escape(TITLE), "text": text}}


def _describe_filters(wanted: TimelineFilter) -> str:
    parts = [f"actor {name}" for name in wanted.actors] + [f"place {name}" for name in wanted.places]
    if wanted.date_from:
        parts.append(f"from {wanted.date_from.isoformat()}")
    if wanted.date_to:
        parts.append(f"to {wanted.date_to.isoformat()}")
    parts += [f"type {name}" for name in wanted.types] + [f"tag {name}" for name in wanted.tags]
    if wanted.search:
        parts.append(f"search {wanted.search}")
    return "; ".join(parts)


def event_slide(event: dict[str, Any], urls: dict[str, str], group_by: str = "type") -> dict[str, Any]:
    """One event document (as :func:`kztimeline.query.timeline.fetch_events` gives it) as a TimelineJS slide."""
    slide: dict[str, Any] = {"unique_id": event["id"], "start_date": _start_date(event)}
    if event["date_end"]:
        slide["end_date"] = _date_parts(dt.date.fromisoformat(event["date_end"]))
    elif event.get("date_latest"):
        # a window of uncertainty is one day, not stated which: a point at its start that says so, never a bar
        shown = label(window_display_date(event["date"], event["date_latest"]))
        slide["start_date"]["display_date"] = shown
        slide["display_date"] = shown
    slide["text"] = {"headline": escape(event["title"]), "text": _event_html(event, urls)}
    group = _group(event, group_by)
    if group is not None:
        slide["group"] = label(group)  # an actor's name
    return slide


def _date_parts(day: dt.date) -> dict[str, Any]:
    return {"year": day.year, "month": day.month, "day": day.day}


def _start_date(event: dict[str, Any]) -> dict[str, Any]:
    day = dt.date.fromisoformat(event["date"])
    parts = _date_parts(day)
    shown = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if event["time"]:
        hour, minute = event["time"].split(":")
        parts |= {"hour": int(hour), "minute": int(minute)}
        shown += f", {event['time']}"
    approximate = event["date_precision"] == "approximate"
    other_zone = event["timezone"] not in (None, HOME_TIMEZONE)
    if approximate or other_zone:
        parts["display_date"] = label(
            ("about " if approximate else "") + shown + (f" ({event['timezone']})" if other_zone else "")
        )
    return parts


def _group(event: dict[str, Any], group_by: str) -> str | None:
    if group_by == "type":
        return str(event["type"]).replace("_", " ")
    for actor in event["actors"]:
        if actor["role"] == "actor":
            return str(actor["name"])
    return None  # TimelineJS puts slides without a group in a row of their own


def _event_html(event: dict[str, Any], urls: dict[str, str]) -> str:
    text = f"<p>{escape(event['summary'])}</p>" if event["summary"] else ""
    for statement in event["statements"]:
        vias = list(dict.fromkeys(source["via"] for source in statement["sources"] if source["via"]))
        attribution = ", ".join([statement["speaker"], *([statement["venue"]] if statement["venue"] else [])])
        if vias:
            attribution += f", as quoted by {' and '.join(vias)}"
        text += f"<blockquote>“{escape(statement['text'])}” — {escape(attribution)}</blockquote>"
    sources = _sources(event)
    if sources:
        text += "<p>Sources:</p><ul>" + "".join(f"<li>{_source_html(s, urls)}</li>" for s in sources) + "</ul>"
    return text


def _sources(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The articles behind the event and its quotations, each once, in the order they are cited."""
    seen: dict[str, dict[str, Any]] = {}
    for source in [*event["citations"], *(s for statement in event["statements"] for s in statement["sources"])]:
        seen.setdefault(source["article_id"], source)
    return list(seen.values())


def _source_html(source: dict[str, Any], urls: dict[str, str]) -> str:
    label = ", ".join(part for part in (source["outlet"], source["published_date"]) if part)
    label = f"{label}: “{source['title']}”" if label else f"“{source['title']}”"
    url = urls.get(source["article_id"])
    reference = f" [{escape(source['article_id'])}]"
    if url is None:
        return escape(label) + reference
    return f'<a href="{html.escape(url)}">{escape(label)}</a>{reference}'


def _article_urls(reader: Reader, events: list[dict[str, Any]]) -> dict[str, str]:
    """Web addresses of the articles these events cite; only http(s) ones become links."""
    ids = sorted(
        {c["article_id"] for e in events for c in e["citations"]}
        | {s["article_id"] for e in events for statement in e["statements"] for s in statement["sources"]}
    )
    if not ids:
        return {}
    ids_sql, params = in_list("article", ids)
    rows = reader.iterate(f"SELECT id, url FROM articles WHERE id IN {ids_sql} AND url IS NOT NULL", params)
    return {row["id"]: row["url"] for row in rows if str(row["url"]).lower().startswith(("http://", "https://"))}


def _batches(documents: Iterable[dict[str, Any]], size: int = 500) -> Iterable[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
