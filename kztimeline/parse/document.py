"""What the parser finds in one article: plain dataclasses, with offsets into the original text.

Offsets are Python string indices (Unicode code points) into the file's text as decoded from UTF-8, so
``text[start:end]`` gives back the span exactly; they are not byte offsets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Mention:
    """A curated actor or place (or a gazetteer place) named in the text."""

    id: str | None
    text: str
    start: int
    end: int
    kind: str | None = None
    # for places found in the offline gazetteer rather than the curated seeds
    name: str | None = None
    geonames_id: int | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text, "start": self.start, "end": self.end}
        if self.geonames_id is not None:
            data |= {
                "name": self.name,
                "geonames_id": self.geonames_id,
                "country": self.country,
                "latitude": self.latitude,
                "longitude": self.longitude,
            }
        return data


@dataclass
class DateMention:
    """A date expression resolved against the publication date (``date`` is None when that is unknown)."""

    text: str
    date: dt.date | None
    precision: str  # day | week | month | approximate
    start: int
    end: int
    relative: bool = True  # False for a full date with its year ("January 8, 2022")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
            "precision": self.precision,
            "relative": self.relative,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Quote:
    """A direct quotation that is a statement, with its speaker as the text names them."""

    text: str
    speaker: str | None
    speaker_id: str | None
    said_on: dt.date | None
    start: int
    end: int
    via: str | None = None  # the outlet the article credits ("as quoted by CNN")
    via_id: str | None = None
    attribution: str | None = None  # how the speaker was found: after, before, source, continuation, none
    speaker_kind: str | None = None  # person | group | organisation | unknown (for proposing a new actor)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "said_on": self.said_on.isoformat() if self.said_on else None,
            "via": self.via,
            "via_id": self.via_id,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Figure:
    """A reported number of people killed, injured, detained, deployed, or of criminal cases."""

    metric: str
    value: int | None
    qualifier: str
    scope: str | None
    text: str
    start: int
    end: int
    stated_by: str | None = None
    stated_by_id: str | None = None
    low: int | None = None  # a range ("between 230 and 260"): qualifier "range", no value
    high: int | None = None
    sentence: tuple[int, int] = (0, 0)  # the sentence it sits in, for excerpts

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["sentence"]
        return data


@dataclass
class ParsedArticle:
    """Everything the parser found in one article file."""

    path: str
    title: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    published_at: str | None  # ISO date-time with UTC offset when the page gives a time
    published_text: str | None  # the words the date was read from
    language: str | None
    body: str
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    dateline: str | None = None
    all_dates: list[DateMention] = field(default_factory=list)  # every occurrence, not only the first
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def sentence_of(self, position: int) -> tuple[int, int] | None:
        """The sentence span that contains ``position``."""
        for start, end in self.sentences:
            if start <= position < end:
                return start, end
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "published_at": self.published_at,
            "published_text": self.published_text,
            "dateline": self.dateline,
            "language": self.language,
            "body": self.body,
            "quotes": [quote.to_dict() for quote in self.quotes],
            "dates": [date.to_dict() for date in self.dates],
            "figures": [figure.to_dict() for figure in self.figures],
            "actors": [mention.to_dict() for mention in self.actors],
            "places": [mention.to_dict() for mention in self.places],
        }
