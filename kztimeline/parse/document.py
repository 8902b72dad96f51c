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
    """A reported number of people killed, injured, detained, deployed, or of criminal cases; or another measure
    (metric ``other``, with a label: a price multiple, a shutdown's length)."""

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
    label: str | None = None  # what a figure of metric "other" measures ("price rise (multiple of the earlier price)")
    sentence: tuple[int, int] = (0, 0)  # the sentence it sits in, for excerpts

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["sentence"]
        return data


@dataclass
class ParsedArticle:
    """Everything the parser found in one article file.

    ``outlet`` is the outlet that published the article: the one the page names ("…reports Asian Lite News"), else
    the agency its dateline or byline credits. ``agency`` is that agency ("ALMATY, Jan 11 (Reuters) —", "/ТАСС/", "By
    Jane Doe, Associated Press") under its usual name; when it differs from ``outlet`` the article is agency copy
    run by another outlet, and :attr:`wire_via` names the agency as the ``via`` of what the article reports.
    """

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
    dateline: str | None = None  # as printed: "ALMATY, Jan 11, 2022 (Steppe Wire) -"
    all_dates: list[DateMention] = field(default_factory=list)  # every occurrence, not only the first
    sentences: list[tuple[int, int]] = field(default_factory=list)
    agency: str | None = None  # the news agency the dateline or byline credits, under its usual name
    # where the dateline stands in the text: (its start, where the lede starts). Sentences, quotations, figures and
    # dates never include it, and `body` leaves it out
    dateline_span: tuple[int, int] | None = None
    # the dateline's city as a place (curated id, else GeoNames, else id None): where the story was filed, the
    # default place of what it reports; it is also among `places`
    dateline_place: Mention | None = None
    # (month, day) the dateline gives, with or without a year; `published` has the full date when the year is known
    dateline_day: tuple[int, int] | None = None

    @property
    def wire_via(self) -> str | None:
        """The agency whose copy another outlet published ("Yahoo News" running "(Reuters)"), else None."""
        return self.agency if self.agency and self.agency != self.outlet else None

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
            "dateline_place": self.dateline_place.to_dict() if self.dateline_place else None,
            "dateline_span": list(self.dateline_span) if self.dateline_span else None,
            "agency": self.agency,
            "language": self.language,
            "body": self.body,
            "quotes": [quote.to_dict() for quote in self.quotes],
            "dates": [date.to_dict() for date in self.dates],
            "figures": [figure.to_dict() for figure in self.figures],
            "actors": [mention.to_dict() for mention in self.actors],
            "places": [mention.to_dict() for mention in self.places],
        }
