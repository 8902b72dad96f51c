"""``datapackage.json`` for the CSV export: a Frictionless Data Package (v1, tabular) describing every file.

Data portals, ``frictionless validate``, and the data-package readers of R, pandas and Excel's add-ins read it: each
table's columns with their types and descriptions, primary keys, the foreign keys between the files, the licence and
the sources. The columns here are the columns of the export (``csv_export.TABLES`` is built from them), so the
description cannot drift from the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kztimeline import __version__
from kztimeline.export.flat_events import DATE_FIELDS, FLAT_EVENT_FIELDS
from kztimeline.query.timeline import TimelineFilter
from kztimeline.taxonomy import ACTOR_KINDS, EVENT_TYPES, FIGURE_STATUSES, METRICS, PLACE_KINDS, QUALIFIERS

Field = tuple[str, str]  # (Frictionless type, description)

NEUTRALISED = (
    "Text cells that begin with =, +, -, @, a tab or a carriage return start with an added single quote (') so "
    "that spreadsheets show them as text instead of running them as formulas; numbers are never changed. "
    "Remove that one leading quote from such text cells to get the data as curated, or export with --raw."
)
RAW = "Cells are as curated (exported with --raw): text starting with =, +, -, @ is not neutralised for spreadsheets."


@dataclass(frozen=True)
class Table:
    """One CSV file of the export: its columns, what it holds, and its keys."""

    description: str
    fields: dict[str, Field]
    primary_key: tuple[str, ...]
    # (columns, table, its columns); "" as the table means this same table
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = field(default=())


def _ids(text: str) -> Field:
    return ("string", text)


# events (and events_flat) take their date columns from flat_events.DATE_FIELDS, so a new date field of events is one
# line there; statements and figures keep these seven
_DATES = {
    name: DATE_FIELDS[name]
    for name in ("date", "date_end", "date_latest", "date_precision", "time", "timezone", "date_note")
}
_STATEMENT_DATES = {
    **_DATES,
    "date": ("date", "Day the words were said (ISO; Almaty time unless timezone says otherwise)."),
    "date_end": ("date", "Last day, for a statement made over several days."),
    "date_latest": ("date", "Latest possible day, for a statement the sources date only within a window."),
}
_FIGURE_DATES = {
    **_DATES,
    "date": ("date", "The as-of date: the day the figure was stated for or valid on."),
    "date_end": ("date", "Last day, for a figure that covers several days."),
    "date_latest": ("date", "Latest possible day, for a figure the sources date only within a window."),
}

TABLE_SCHEMAS: dict[str, Table] = {
    "events": Table(
        "One row per event, oldest first; places, actors, tags and sources are in the tables that follow.",
        {
            "id": _ids("Stable id of the event."),
            **DATE_FIELDS,
            "type": ("string", "Event type: " + ", ".join(EVENT_TYPES) + "."),
            "title": ("string", "Neutral, attributed one-line description."),
            "summary": ("string", "Longer description, when curated."),
        },
        ("id",),
    ),
    "events_flat": Table(
        "One row per event with its places, coordinates, actors by role, tags and sources in one row, for "
        "spreadsheets and maps (as ACLED's export).",
        FLAT_EVENT_FIELDS,
        ("id",),
        ((("id",), "events", ("id",)), (("located_at",), "places", ("id",))),
    ),
    "event_actors": Table(
        "Who took part in each event, and in which role.",
        {
            "event_id": _ids("The event."),
            "position": ("integer", "Order of the actor within the event (0 first)."),
            "actor_id": _ids("The actor."),
            "actor": ("string", "The actor's name."),
            "role": ("string", "actor (does it), target (it is done to them) or mentioned."),
        },
        ("event_id", "actor_id"),
        ((("event_id",), "events", ("id",)), (("actor_id",), "actors", ("id",))),
    ),
    "event_places": Table(
        "Where each event happened.",
        {
            "event_id": _ids("The event."),
            "position": ("integer", "Order of the place within the event (0 first)."),
            "place_id": _ids("The place."),
            "place": ("string", "The place's name."),
        },
        ("event_id", "place_id"),
        ((("event_id",), "events", ("id",)), (("place_id",), "places", ("id",))),
    ),
    "event_tags": Table(
        "Tags of each event.",
        {
            "event_id": _ids("The event."),
            "position": ("integer", "Order of the tag within the event (0 first)."),
            "tag": ("string", "The tag."),
        },
        ("event_id", "tag"),
        ((("event_id",), "events", ("id",)),),
    ),
    "citations": Table(
        "The articles that support each event, each with a verbatim excerpt.",
        {
            "event_id": _ids("The event."),
            "position": ("integer", "Order of the citation within the event (0 first)."),
            "article_id": _ids("The article."),
            "outlet": ("string", "The article's outlet."),
            "excerpt": ("string", "Verbatim excerpt from the article that supports the event."),
        },
        ("event_id", "position"),
        ((("event_id",), "events", ("id",)), (("article_id",), "articles", ("id",))),
    ),
    "statements": Table(
        "One row per quotation: who said it, when and where.",
        {
            "id": _ids("Stable id of the statement."),
            **_STATEMENT_DATES,
            "speaker_id": _ids("The speaker (an actor)."),
            "speaker": ("string", "The speaker's name."),
            "text": ("string", "The words as quoted, verbatim from the source article."),
            "partial": ("boolean", "true when only a fragment of a sentence is quoted."),
            "venue": ("string", "Where it was said (a briefing, a televised address, social media)."),
            "place_id": _ids("Place where it was said, when known."),
            "place": ("string", "That place's name."),
            "event_id": _ids("The event the statement belongs to, if any."),
        },
        ("id",),
        (
            (("speaker_id",), "actors", ("id",)),
            (("place_id",), "places", ("id",)),
            (("event_id",), "events", ("id",)),
        ),
    ),
    "statement_sources": Table(
        "The articles that report each statement, with a verbatim excerpt and the outlet that relayed it.",
        {
            "statement_id": _ids("The statement."),
            "position": ("integer", "Order of the source within the statement (0 first)."),
            "article_id": _ids("The article."),
            "outlet": ("string", "The article's outlet."),
            "via_id": _ids("The intermediary outlet the article credits (an actor), if any."),
            "via": ("string", "Its name."),
            "excerpt": ("string", "Verbatim excerpt from the article."),
        },
        ("statement_id", "position"),
        (
            (("statement_id",), "statements", ("id",)),
            (("article_id",), "articles", ("id",)),
            (("via_id",), "actors", ("id",)),
        ),
    ),
    "figures": Table(
        "One row per reported number, kept as stated: conflicting and changing figures are separate rows, never "
        "merged or averaged.",
        {
            "id": _ids("Stable id of the figure."),
            "metric": ("string", "What is counted: " + ", ".join(METRICS) + "."),
            "label": ("string", 'What an "other" figure counts, in the source\'s words.'),
            "stated": ("string", 'The number as the source states it ("at least 44", "dozens").'),
            "value": ("integer", "The number, when one is given (empty for vague quantities)."),
            "low": ("integer", "Lower bound of a range."),
            "high": ("integer", "Upper bound of a range."),
            "qualifier": ("string", "One of: " + ", ".join(QUALIFIERS) + "."),
            "scope": ("string", 'What the number covers ("nationwide", "security personnel").'),
            "place_id": _ids("The place the number is about, when given."),
            **_FIGURE_DATES,
            "stated_by_id": _ids("Who stated the number (an actor)."),
            "via_id": _ids("The outlet that relayed it (an actor), if any."),
            "article_id": _ids("The source article."),
            "outlet": ("string", "Its outlet."),
            "excerpt": ("string", "Verbatim sentence from the article that states the number."),
            "status": ("string", "One of: " + ", ".join(FIGURE_STATUSES) + "."),
            "superseded_by_id": _ids("The figure that replaced this one."),
            "note": ("string", "Curator's note."),
        },
        ("id",),
        (
            (("place_id",), "places", ("id",)),
            (("stated_by_id",), "actors", ("id",)),
            (("via_id",), "actors", ("id",)),
            (("article_id",), "articles", ("id",)),
            (("superseded_by_id",), "", ("id",)),
        ),
    ),
    "articles": Table(
        "The source articles, with their full text as copied from the web (page noise included). The texts remain "
        "the work of their publishers.",
        {
            "id": _ids("Stable article id, cited by events, statements and figures."),
            "title": ("string", "Headline."),
            "outlet": ("string", "Publisher, when the page names one."),
            "author": ("string", "Author, when named."),
            "url": ("string", "Web address, when known."),
            "retrieved": ("datetime", "When the text was retrieved from url (ISO date-time with UTC offset)."),
            "published": ("string", "Publication date, or date and time with UTC offset, as the page gives it."),
            "published_date": ("date", "Publication day (ISO)."),
            "published_inferred": ("boolean", "true when the publication date was inferred (see date_note)."),
            "date_note": ("string", "Evidence for an inferred publication date."),
            "language": ("string", "Language code (en, ru, kk)."),
            "source_file": ("string", "The text file in the seeds."),
            "text_sha256": ("string", "SHA-256 of the text file."),
            "text": ("string", "The full article text, as copied."),
        },
        ("id",),
    ),
    "actors": Table(
        "People, governments, security forces, outlets and groups that act, speak or state figures.",
        {
            "id": _ids("Stable actor id."),
            "name": ("string", "Canonical name."),
            "kind": ("string", "One of: " + ", ".join(ACTOR_KINDS) + "."),
            "description": ("string", "Who they are."),
            "aliases": ("string", 'Other names (spellings, titles, Russian names), "; "-separated.'),
        },
        ("id",),
    ),
    "places": Table(
        "Countries, regions, cities and sites, each inside its parent.",
        {
            "id": _ids("Stable place id."),
            "name": ("string", "Name."),
            "kind": ("string", "One of: " + ", ".join(PLACE_KINDS) + "."),
            "parent_id": _ids("The place this one is inside."),
            "latitude": ("number", "Latitude (WGS 84), when curated."),
            "longitude": ("number", "Longitude (WGS 84), when curated."),
            "geonames_id": ("integer", "GeoNames id, when known."),
            "coordinates_source": ("string", "Where latitude and longitude come from."),
            "aliases": ("string", 'Other names, "; "-separated.'),
        },
        ("id",),
        ((("parent_id",), "", ("id",)),),
    ),
}

LICENSES = [
    {
        "name": "MIT",
        "path": "https://opensource.org/license/mit",
        "title": "MIT License: the kztimeline project's licence, for the curated data. The article texts and the "
        "excerpts quoted from them remain the work of their publishers.",
    }
]
SOURCES = [
    {
        "title": "News articles, curated by the kztimeline project: articles.csv lists each one with its outlet, "
        "publication date and URL, and every event, quotation and figure cites one with a verbatim excerpt."
    }
]


def datapackage(wanted: TimelineFilter, tables: list[str], *, raw: bool = False) -> dict[str, Any]:
    """The descriptor of an export holding ``tables`` (``name.csv`` each), made with the filter ``wanted``.

    A filtered export keeps only the articles, actors and places its rows refer to, so its foreign keys hold; a
    figure's successor may fall outside the filter's dates, so that one key is declared only for a whole export.
    """
    filtered = not wanted.is_empty()
    cells = RAW if raw else NEUTRALISED
    description = (
        "A sourced timeline of the January 2022 unrest in Kazakhstan: events, quotations and reported figures, each "
        "citing a news article with a verbatim excerpt. Dates are ISO, in Almaty local time (UTC+6 in January "
        '2022) unless the row\'s timezone says otherwise; lists in one cell are "; "-separated names or '
        "space-separated ids; flags are true/false; an empty cell is a missing value. " + cells
    )
    if filtered:
        description += " This is a slice of the dataset, selected by the filters in kztimeline_filters."
    return {
        "profile": "tabular-data-package",
        "name": "kztimeline",
        "title": "kztimeline: the January 2022 unrest in Kazakhstan",
        "description": description,
        "licenses": LICENSES,
        "sources": SOURCES,
        "keywords": ["Kazakhstan", "January 2022", "unrest", "timeline", "news"],
        "kztimeline_version": __version__,  # of the software that wrote it, as in the JSON export's header
        "kztimeline_filters": wanted.to_json() if filtered else None,
        "resources": [_resource(name, TABLE_SCHEMAS[name], filtered, cells) for name in tables],
    }


def _resource(name: str, table: Table, filtered: bool, cells: str) -> dict[str, Any]:
    foreign_keys = [
        {"fields": list(columns), "reference": {"resource": resource, "fields": list(referenced)}}
        for columns, resource, referenced in table.foreign_keys
        if not (filtered and name == "figures" and columns == ("superseded_by_id",))
    ]
    schema: dict[str, Any] = {
        "fields": [
            {"name": column, "type": kind, "description": text} for column, (kind, text) in table.fields.items()
        ],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "profile": "tabular-data-resource",
        "name": name,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": f"{table.description} {cells}",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
        "schema": schema,
    }
