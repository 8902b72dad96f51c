"""Parse one raw article: page noise, metadata, quotations with speakers, dates, figures, actors and places."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kztimeline.errors import KztimelineError
from kztimeline.parse.attribution import Decision, find_quotes
from kztimeline.parse.dates import distinct_dates, entry_dates, find_dates
from kztimeline.parse.dialogue import find_dialogue
from kztimeline.parse.document import Mention, ParsedArticle, Quote
from kztimeline.parse.figures import _stated_by as credited_source
from kztimeline.parse.figures import find_figures
from kztimeline.parse.gazetteer import Gazetteers, find_geonames_places, resolve_place_name, text_words
from kztimeline.parse.lexicon import REPORTING_VERBS, SPEAKER_NOUN_WORDS
from kztimeline.parse.measures import find_measures, without_parts_of_tolls
from kztimeline.parse.page import read_page
from kztimeline.parse.quotes import FUNCTION_WORDS, QuoteContext
from kztimeline.parse.segments import SpanSet, paragraphs, quote_spans, sentences

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = re.compile(r"[A-Za-z]")
_ENGLISH_MARKERS = frozenset(["the", "and", "of", "to", "in", "is", "was", "that", "for", "with", "on", "said"])
_COMMON_WORDS = FUNCTION_WORDS | SPEAKER_NOUN_WORDS | REPORTING_VERBS


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from the script and a few function words: en, ru, kk, or None when unsure."""
    text = text[:3000]  # the opening of an article is enough to tell its language
    cyrillic = len(_CYRILLIC.findall(text)) if len(text.encode("utf-8")) - len(text) > 0.2 * len(text) else 0
    latin = len(_LATIN.findall(text)) if cyrillic else len(text)
    if cyrillic > latin:
        return "kk" if len(_KAZAKH.findall(text)) > 0.01 * cyrillic else "ru"
    words = re.findall(r"[a-z]+", text[:1500].casefold())
    if latin and words and sum(word in _ENGLISH_MARKERS for word in words) > 0.05 * len(words):
        return "en"
    return None


def parse_text(
    text: str,
    path: str,
    gazetteers: Gazetteers,
    *,
    published: dt.date | None = None,
    published_at: str | None = None,
    use_geonames: bool = True,
    decisions: list[Decision] | None = None,
) -> ParsedArticle:
    """Everything the parser finds in one article's raw text.

    ``published`` (a day, and ``published_at``, the ISO date-time when a time was given) overrides what the page
    states; ``decisions``, when given, receives each quotation's speaker candidates and choice.
    """
    page = read_page(text)
    masked = page.masked
    if published is not None:
        page.published, page.published_at, page.published_text = published, published_at, "given"
    paragraph_spans = paragraphs(masked)
    spans_by_paragraph = [
        quote_spans(masked, paragraph, last=index == len(paragraph_spans) - 1)
        for index, paragraph in enumerate(paragraph_spans)
    ]
    sentences_by_paragraph = [
        sentences(masked, paragraph, spans)
        for paragraph, spans in zip(paragraph_spans, spans_by_paragraph, strict=True)
    ]
    all_sentences = [sentence for group in sentences_by_paragraph for sentence in group]
    headings = list(page.headings)
    heading_spans = SpanSet(headings)
    body_sentences = [s for s in all_sentences if not heading_spans.overlaps(s[0], s[0] + 1)]
    words = text_words(masked)
    actor_mentions = list(gazetteers.actors.find(masked, words))
    place_mentions = list(gazetteers.places.find(masked, words))
    if use_geonames:
        known = place_mentions + actor_mentions
        for mention in find_geonames_places(masked, known, _COMMON_WORDS, words):
            # "Алматы" is GeoNames' Almaty: when the seeds have a place of that name, it is that place
            curated = gazetteers.places.lookup(mention.name or "")
            mention.id = curated.id if curated else None
            place_mentions.append(mention)
        place_mentions.sort(key=lambda mention: mention.start)

    dateline = page.dateline_parts  # masked: its words are no date, figure, quotation or sentence of the body
    dateline_place = None
    if dateline and dateline.place and dateline.place_span:
        dateline_place = resolve_place_name(dateline.place, *dateline.place_span, gazetteers, use_geonames)
        place_mentions = sorted([*place_mentions, dateline_place], key=lambda mention: mention.start)
    blocked = list(page.metadata_spans)
    # dates in captions and sub-headlines count; the headline restates the body
    title_block = [page.title] if page.title else []
    body_start = body_sentences[0][0] if body_sentences else len(text)
    entries = entry_dates(text, page.metadata_spans, body_start, page.published)  # a live blog's dated entries
    dates = find_dates(masked, page.published, all_sentences, blocked + title_block, entries)
    context = QuoteContext(text, masked, gazetteers.actors, actor_mentions, place_mentions, dates, headings)
    quotes = find_quotes(context, paragraph_spans, spans_by_paragraph, sentences_by_paragraph, decisions)
    dialogue = find_dialogue(context, paragraph_spans, [(q.start, q.end) for q in quotes], page.author)
    if dialogue:
        quotes = sorted([*quotes, *dialogue], key=lambda quote: quote.start)
    wire_via = page.agency if page.agency and page.agency != page.outlet else None
    if wire_via:
        _credit_wire_copy(quotes, wire_via, gazetteers)
    date_spans = [(d.start, d.end) for d in dates]
    figures = find_figures(text, masked, body_sentences, blocked + date_spans + headings, gazetteers.actors)
    measures = find_measures(
        text, masked, body_sentences, lambda s, at: credited_source(masked, s, gazetteers.actors, at)
    )
    figures = sorted([*without_parts_of_tolls(figures, measures), *measures], key=lambda figure: figure.start)

    return ParsedArticle(
        path=path,
        title=page.title_text,
        outlet=page.outlet,
        author=page.author,
        published=page.published,
        published_at=page.published_at,
        published_text=page.published_text,
        language=detect_language(masked),
        body=page.body(),
        quotes=quotes,
        dates=distinct_dates(dates),
        figures=figures,
        actors=_with_original_text(actor_mentions, text),
        places=_with_original_text(place_mentions, text),
        dateline=page.dateline,
        all_dates=dates,
        sentences=body_sentences,
        agency=page.agency,
        dateline_span=(dateline.start, dateline.end) if dateline else None,
        dateline_place=dateline_place,
        dateline_day=(dateline.month, dateline.day) if dateline and dateline.day and dateline.month else None,
    )


def _credit_wire_copy(quotes: list[Quote], agency: str, gazetteers: Gazetteers) -> None:
    """Quotations in agency copy that another outlet published came through the agency: it is their ``via``
    (unless the text credits another outlet for one, or the agency is the speaker)."""
    known = gazetteers.actors.lookup(agency)
    via_id = known.id if known else None
    for quote in quotes:
        if quote.via is None and quote.speaker != agency and (via_id is None or quote.speaker_id != via_id):
            quote.via, quote.via_id = agency, via_id


def _with_original_text(mentions: list[Mention], text: str) -> list[Mention]:
    for mention in mentions:
        mention.text = text[mention.start : mention.end]
    return mentions


def read_article_text(path: Path) -> str:
    """An article file as text; a file that is not UTF-8 is an error naming it."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KztimelineError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise KztimelineError(f"{path}: is a directory, not an article file") from None
    return decode_article_text(raw, str(path))


def decode_article_text(raw: bytes, name: str) -> str:
    """An article's bytes as text; bytes that are not UTF-8 are an error naming ``name`` and the line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise KztimelineError(
            f"{name}:{line}: not UTF-8 text (byte {error.start}); save the article as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def parse_file(
    path: Path,
    gazetteers: Gazetteers,
    *,
    published: dt.date | None = None,
    published_at: str | None = None,
    use_geonames: bool = True,
) -> ParsedArticle:
    """Parse an article file (UTF-8 text)."""
    return parse_text(
        read_article_text(path),
        str(path),
        gazetteers,
        published=published,
        published_at=published_at,
        use_geonames=use_geonames,
    )
