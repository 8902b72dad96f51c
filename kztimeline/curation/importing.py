"""``kztimeline import``: turn a raw article into draft seeds for a curator to review.

The article text is copied into ``seeds/articles/`` byte for byte, the parser reads it, and one YAML file
(``seeds/article-<id>.yaml``) receives the article record and, as drafts, every quotation (statement), reported
figure and dated sentence (candidate event) with its verbatim excerpt, plus proposed actors for speakers and places
the seeds do not know yet (places from GeoNames with coordinates). Every proposed record carries ``draft: true``,
so ``kztimeline validate`` lists what is still unreviewed and ``load`` refuses it until a curator has checked it.

Nothing is half-written: both files are written to temporary names and renamed into place only when both are
complete, and an existing article file or id is never overwritten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kztimeline.curation.fetch import url_key
from kztimeline.curation.matching import (
    EVENT_MARGIN,
    EVENT_THRESHOLD,
    EventIndex,
    Match,
    Passage,
    contains_quotation,
    content_stems,
    matching_statement,
    reported_events,
)
from kztimeline.curation.seed_paths import UnsafeSeedFile, article_path, read_seed_article
from kztimeline.curation.timeline_records import SECTIONS, TimelineRecords, plain
from kztimeline.curation.titles import attribution, draft_summary, neutral_title
from kztimeline.curation.yaml_source import read_seed_file, schema_comment
from kztimeline.date_input import MONTHS, WEEKDAYS
from kztimeline.errors import AlreadyImportedError, KztimelineError
from kztimeline.parse.article import parse_text, read_article_text
from kztimeline.parse.document import DateMention, Figure, Mention, ParsedArticle, Quote
from kztimeline.parse.gazetteer import Entry, Gazetteers, geonames_country
from kztimeline.parse.html_page import PageMetadata
from kztimeline.parse.measures import PRICE_RISE_LABEL
from kztimeline.parse.quotes import FUNCTION_WORDS

_SLUG_PART = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")  # \Z: "$" would accept a trailing newline

# Keywords that suggest an event type for a candidate event (the curator confirms it).
# Keywords that suggest an event type for a candidate event, most specific first (the curator confirms it).
_EVENT_TYPE_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # a document or an appearance is what happened, whatever it is about ("sent a note about the protests")
    ("communications", ("information note", " sent a note", "sent a letter", "televised address", "press conference",
                        "обращени", "пресс-конференц")),
    ("detention", ("detain", "arrest", "задерж", "арест")),
    ("disruption", ("internet", "flights", "banks", "mobile network", "shut down", "интернет", "рейс", "банк")),
    ("security_operation", ("disperse", "water cannon", "tear gas", "cleared", "counter-terror", "patrol",
                            "разгон", "зачистк", "контртеррор")),
    ("violence", ("set fire", "stormed", "ablaze", "attack", "looting", "bloodshed", "dead", "killed",
                  "поджог", "штурм", "нападен", "погиб")),
    ("clash", ("clash", "gunfire", "fired", "shooting", "столкновен", "стрельб")),
    ("deployment", ("troops", "paratroop", "deploy", "peacekeep", "military personnel", "войск", "миротвор")),
    ("diplomatic_reaction", ("secretary of state", "foreign ministry", "condemn", "urged", "consulate", "embassy",
                             "united nations", "мид", "осудил", "посольств")),
    ("government_action", ("ordered", "declared", "resigned", "state of emergency", "reversed", "decree",
                           "criminal cases", "указ", "отставк", "режим")),
    ("protest", ("protest", "demonstrat", "rally", "march", "протест", "митинг", "акци")),
)  # fmt: skip


def slugify(text: str, limit: int = 60) -> str:
    """A lowercase ASCII slug ("Kassym-Jomart Tokayev" -> "kassym-jomart-tokayev"); Cyrillic is transliterated."""
    text = _transliterate(text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_PART.sub("-", ascii_text.casefold()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


_CYRILLIC_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip


def _transliterate(text: str) -> str:
    """Cyrillic letters as Latin ones (for ids only; names keep their own spelling)."""
    return "".join(_CYRILLIC_LATIN.get(char.casefold(), char) for char in text)


@dataclass
class ImportResult:
    """What an import wrote."""

    article_id: str
    text_path: Path
    yaml_path: Path
    counts: dict[str, int]
    unresolved: list[str] = field(default_factory=list)  # fields the curator must fill in


def _whitespace_normalised(text: str) -> str:
    return " ".join(text.split())


def already_imported(
    seeds: Path, text: str, addresses: tuple[str, ...] = (), timeline: TimelineRecords | None = None
) -> tuple[str, Path] | None:
    """The id and YAML file of the article of ``seeds`` whose text is ``text`` (whitespace runs aside), or whose
    ``url`` is one of ``addresses`` (spelt alike: see :func:`url_key`), or None.

    Importing the same page twice would otherwise make ``…-2`` copies of every record, referring to actors that only
    the first draft proposes. Only the texts that open with the same words are read whole.
    """
    timeline = timeline or TimelineRecords.from_seeds(seeds)
    wanted = _whitespace_normalised(text)
    wanted_addresses = {url_key(address) for address in addresses}
    opening = wanted[:_OPENING]
    for article_id, record in timeline.articles.items():
        if not isinstance(record.get("file"), str):
            continue
        if isinstance(record.get("url"), str) and url_key(record["url"]) in wanted_addresses:
            return article_id, timeline.files[("articles", article_id)]
        try:  # as validate reads it: inside articles/, a regular file, bounded (see curation.seed_paths)
            path = article_path(seeds, record["file"])
            if not _opens_alike(path, opening):
                continue
            existing = read_seed_article(seeds, record["file"])
        except (OSError, UnsafeSeedFile):
            continue
        if _whitespace_normalised(existing) == wanted:
            return article_id, timeline.files[("articles", article_id)]
    return None


_OPENING = 200  # characters compared before a whole text is read


def _opens_alike(path: Path, opening: str) -> bool:
    """Whether the text of ``path`` (a regular file: a FIFO or a device is not read) opens like ``opening``."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        head = _whitespace_normalised(handle.read(_OPENING * 4).decode("utf-8", errors="ignore"))
    return opening.startswith(head[:_OPENING]) or head.startswith(opening)


def _unique(base: str, taken: set[str]) -> str:
    base = base or "item"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def import_article(
    source: Path,
    seeds: Path,
    *,
    article_id: str | None = None,
    published: dt.date | None = None,
    published_at: str | None = None,
    use_geonames: bool = True,
    replace: bool = False,
) -> ImportResult:
    """Copy ``source`` into ``seeds/articles/``, parse it and write ``seeds/article-<id>.yaml`` with drafts.

    An article already in the seeds (the same text, whitespace aside) is an error, unless ``replace``: then its drafts
    are written again in place, keeping the records the curator already accepted."""
    if not seeds.is_dir():  # before reading the article: the likelier mistake is named first
        raise KztimelineError(f"seeds directory not found: {seeds} (pass --seeds DIR)")
    text = read_article_text(source)
    return import_article_text(
        text,
        source.read_bytes(),
        str(source),
        seeds,
        article_id=article_id,
        published=published,
        published_at=published_at,
        use_geonames=use_geonames,
        fallback_id=source.stem,
        replace=replace,
    )


def import_article_text(
    text: str,
    raw: bytes,
    source: str,
    seeds: Path,
    *,
    article_id: str | None = None,
    published: dt.date | None = None,
    published_at: str | None = None,
    use_geonames: bool = True,
    fallback_id: str = "article",
    replace: bool = False,
    page: PageMetadata | None = None,
) -> ImportResult:
    """:func:`import_article` for an article already read (from standard input, a web page): ``text`` is what
    ``raw`` (the bytes kept in ``seeds/articles/``) says, ``source`` names it in messages, ``fallback_id`` is the id
    when the page has no headline to make one from, and ``page`` what a web page states about itself (headline,
    byline, site, date, address), which goes before what the plain-text rules read from ``text``."""
    if not seeds.is_dir():
        raise KztimelineError(f"seeds directory not found: {seeds} (pass --seeds DIR)")
    if not text.strip():
        raise KztimelineError(f"{source}: the file is empty")
    timeline = TimelineRecords.from_seeds(seeds)
    previous = already_imported(seeds, text, page.addresses if page else (), timeline)
    if previous is not None and not replace:
        raise AlreadyImportedError(
            f"{source}: already imported as {previous[0]} ({previous[1]}); nothing was written"
            " (--replace drafts it again, keeping the records already accepted)"
        )
    kept: dict[str, list[dict[str, Any]]] = {}
    if previous is not None:
        article_id = previous[0]
        kept = _accepted_records(previous[1])
    if previous is not None:  # the draft being replaced does not count
        timeline = TimelineRecords.from_seeds(seeds, leave_out=previous[1])
    ids = timeline.ids()
    gazetteers = Gazetteers.from_records(list(timeline.actors.values()), list(timeline.places.values()))
    if published is None and page is not None and page.published is not None:
        published, published_at = page.published, page.published_at
    parsed = parse_text(
        text, source, gazetteers, published=published, published_at=published_at, use_geonames=use_geonames
    )
    if page is not None:
        page.fill_parsed(parsed)

    if article_id is None:
        article_id = _unique(slugify(parsed.title or fallback_id) or "article", set(ids["articles"]))
    elif not SLUG.match(article_id):
        raise KztimelineError(f"--id {article_id!r} is not a lowercase slug (letters, digits, single hyphens)")
    elif article_id in ids["articles"]:
        raise KztimelineError(f"--id {article_id!r}: an article with this id already exists in {seeds}")
    text_path = seeds / "articles" / f"{article_id}.txt"
    yaml_path = previous[1] if previous is not None else seeds / f"article-{article_id}.yaml"
    for path in (text_path, yaml_path):
        if path.exists() and previous is None:
            raise KztimelineError(f"{path} already exists; choose another --id")
    if previous is not None:
        text_path = seeds / str(_article_file(previous[1], article_id) or f"articles/{article_id}.txt")

    draft = DraftBuilder(parsed, article_id, text_path.relative_to(seeds).as_posix(), ids, gazetteers, text, timeline)
    document = _with_accepted(draft.build(), kept)
    if page is not None:  # the text is the page as just read, so its address and time go in an accepted record too
        document["articles"] = [page.fill_record(record) for record in document["articles"]]
    rendered = render_draft(document, draft.notes, schema_comment(seeds))
    text_path.parent.mkdir(parents=True, exist_ok=True)
    _write_both(text_path, raw, yaml_path, rendered.encode("utf-8"))  # replaces both when --replace
    counts = {section: len(records) for section, records in document.items()}
    return ImportResult(article_id, text_path, yaml_path, counts, draft.unresolved)


def _accepted_records(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The records of a draft file a curator accepted (no ``draft: true``), by section: ``--replace`` keeps them."""
    seed_file, _ = read_seed_file(path, str(path))
    data = seed_file.content if isinstance(seed_file.content, dict) else {}
    return {
        section: [plain(record) for record in records if isinstance(record, dict) and not record.get("draft")]
        for section, records in data.items()
        if isinstance(records, list)
    }


def _article_file(path: Path, article_id: str) -> str | None:
    """Where the article ``article_id`` of a draft file keeps its text."""
    seed_file, _ = read_seed_file(path, str(path))
    data = seed_file.content if isinstance(seed_file.content, dict) else {}
    for record in data.get("articles") or []:
        if isinstance(record, dict) and record.get("id") == article_id and isinstance(record.get("file"), str):
            return str(record["file"])
    return None


def _with_accepted(
    drafted: dict[str, list[dict[str, Any]]], kept: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """New drafts beside the records already accepted: an accepted record wins over a new draft of the same id."""
    merged: dict[str, list[dict[str, Any]]] = {}
    for section in dict.fromkeys([*drafted, *kept]):
        accepted = kept.get(section, [])
        taken = {_identity(record) for record in accepted}
        merged[section] = accepted + [r for r in drafted.get(section, []) if _identity(r) not in taken]
    return merged


def _identity(record: dict[str, Any]) -> Any:
    """A record's id; for an addition (which has none), what it adds to, from which article, with which excerpt."""
    if record.get("id") is not None:
        return record["id"]
    return (record.get("event"), record.get("statement"), record.get("article"), record.get("excerpt"))


def _write_both(first: Path, first_bytes: bytes, second: Path, second_bytes: bytes) -> None:
    """Write two new files so that either both appear complete or neither does."""
    temporary: list[Path] = []
    try:
        for path, content in ((first, first_bytes), (second, second_bytes)):
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            temporary.append(Path(name))  # before writing: a full disk must not leave it behind
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
        os.replace(temporary[0], first)
        try:
            os.replace(temporary[1], second)
        except OSError:
            first.unlink(missing_ok=True)
            raise
    finally:
        for path in temporary:
            path.unlink(missing_ok=True)


class DraftBuilder:
    """Builds the seeds records for one parsed article, with ids that do not collide with existing ones.

    The stages run in order, each a method that reads what the earlier ones decided: the article record; the
    sentences that report events, each either cited on an event the timeline has (a ``citations:`` addition) or
    drafted as a new event; the quotations, each added as a source of a statement the timeline has or drafted as a
    new statement linked to the event of its paragraph; the figures, with who stated them and their own date.
    """

    def __init__(
        self,
        parsed: ParsedArticle,
        article_id: str,
        file: str,
        ids: dict[str, set[str]],
        gazetteers: Gazetteers,
        text: str,
        timeline: TimelineRecords | None = None,
    ) -> None:
        self.parsed = parsed
        self.article_id = article_id
        self.file = file
        self.ids = {section: set(values) for section, values in ids.items()}
        self.gazetteers = gazetteers
        self.text = text
        self.timeline = timeline or TimelineRecords({section: {} for section in SECTIONS})
        self.index = EventIndex.from_records(self.timeline)
        self.language = parsed.language or "en"
        self.new_actors: dict[str, dict[str, Any]] = {}  # by name key
        self.new_places: dict[int, dict[str, Any]] = {}  # by geonames id
        self.notes: dict[int, str] = {}  # id() of a record -> comment placed above it
        self.unresolved: list[str] = []
        self.events: list[dict[str, Any]] = []  # new events
        self.citations: list[dict[str, Any]] = []  # additions to existing events
        self.statement_sources: list[dict[str, Any]] = []
        self.events_by_sentence: dict[tuple[int, int], list[str]] = {}  # sentence -> the events it cites
        self.last_event_of_speaker: dict[str, tuple[str, int]] = {}  # speaker -> event of their last quotation, end

    # ---- records ----

    def build(self) -> dict[str, list[dict[str, Any]]]:
        article = self._article()
        self._cite_or_draft_events()
        statements = []
        for index, quote in enumerate(self.parsed.quotes, start=1):
            fragment = self._as_fragment(quote) if quote.speaker is None else None
            record = self._statement(fragment[0], index, fragment[1]) if fragment else self._statement(quote, index)
            if record is not None:
                statements.append(record)
        statements += [
            record
            for index, (fragment, sentence) in enumerate(self._fragments(), start=len(statements) + 1)
            if (record := self._statement(fragment, index, sentence)) is not None
        ]
        figures = [self._figure(figure) for figure in self.parsed.figures]
        for mention in self.parsed.places:  # every place the seeds do not know yet, not only those in events
            self._place_id(mention)
        document: dict[str, list[dict[str, Any]]] = {"articles": [article]}
        sections = (
            ("actors", list(self.new_actors.values())),
            ("places", list(self.new_places.values())),
            ("events", self.events),
            ("citations", self.citations),
            ("statements", statements),
            ("statement_sources", self.statement_sources),
            ("figures", figures),
        )
        document.update((section, records) for section, records in sections if records)
        return document

    def _note(self, record: dict[str, Any], note: str) -> None:
        self.notes[id(record)] = note

    def _published(self) -> str | None:
        if self.parsed.published_at:
            return self.parsed.published_at
        return self.parsed.published.isoformat() if self.parsed.published else None

    def _article(self) -> dict[str, Any]:
        parsed = self.parsed
        title = parsed.title
        note = None
        if not title:
            first_sentence = re.split(r"(?<=[.!?])\s", parsed.body.strip(), maxsplit=1)[0]
            title = first_sentence[:200]
            note = "the page has no headline: the title is its first sentence; shorten it"
        if not parsed.published:
            self.unresolved.append(
                f"articles[{self.article_id}].published (the text states no date: pass --published DATE, or fill in"
                " published_inferred and date_note with the evidence)"
            )
        record = {
            "id": self.article_id,
            "file": self.file,
            "title": title,
            "outlet": parsed.outlet,
            "author": parsed.author,
            "url": None,
            "published": self._published(),
            "published_inferred": False,
            "date_note": None,
            "language": parsed.language or "en",
            "draft": True,
        }
        if note:
            self._note(record, note)
        return record

    def _date_block(self, date: dt.date | None, evidence: str | None, record: str) -> dict[str, Any]:
        if date is None:
            self.unresolved.append(f"{record}.date (no date the parser could resolve)")
            return {"date": None, "date_note": None}
        published = self.parsed.published
        if evidence is None and published is not None:
            note = f"as of the article's publication date {published.isoformat()} (no date in the sentence)"
        elif published is not None:
            note = f'"{evidence}" in an article published {published.strftime("%A")} {published.isoformat()}'
        else:
            note = f'"{evidence}"'
        return {"date": date.isoformat(), "date_note": note}

    # ---- events: cite what the timeline has, draft what it does not ----

    def _sentence_day(self, sentence: tuple[int, int]) -> DateMention | None:
        """The day a sentence is about, when it names one (a weekday, "on January 5", "yesterday"); not the end of
        a period ("until January 19") nor a day after the article was published (a plan, not a report)."""
        published = self.parsed.published
        for mention in self.parsed.all_dates:
            if not sentence[0] <= mention.start < sentence[1] or mention.date is None or mention.precision != "day":
                continue
            if _UNTIL.search(self.text[max(mention.start - 12, 0) : mention.start]):
                continue
            if published is not None and mention.date > published + dt.timedelta(days=1):
                continue
            return mention
        now = _PRESENT_PROGRESSIVE.search(self.text, *sentence)
        if now is not None and published is not None and self.language == "en":
            # "A fire is raging", "protesters are breaking in": reported as happening when the article was written
            return DateMention(now.group(), published, "day", now.start(), now.end(), relative=True)
        return None

    def _passage(self, sentence: tuple[int, int], span: tuple[int, int] | None = None) -> Passage:
        """A sentence (or a clause ``span`` of it: the day is the sentence's) as the matcher reads it; places used as
        adjectives ("Russia-led") are left out."""
        day = self._sentence_day(sentence)
        start, end = span or sentence
        actors = [m for m in self.parsed.actors if start <= m.start < end and not _adjectival(self.text, m)]
        places = [m for m in self.parsed.places if start <= m.start < end and not _adjectival(self.text, m)]
        return Passage(
            self._sentence_text(start, end),
            day.date if day else None,
            frozenset(m.id for m in actors if m.id),
            frozenset(m.id for m in places if m.id),
            frozenset(content_stems(" ".join(m.text for m in [*actors, *places]))),
            self.language,
            _type_hint(attribution(self._sentence_text(start, end)).clause),
        )

    def _reported_events(self, sentence: tuple[int, int]) -> tuple[list[tuple[Match, tuple[int, int]]], list[Match]]:
        """The events a sentence reports, each with the span that cites it: the whole sentence, or the clause of a
        long sentence that reports several happenings ("… have resulted in the resignation of the government and
        the proclamation of a state of emergency, with soldiers … dispatched")."""
        chosen, considered = reported_events(self.index, self._passage(sentence))
        found = [(match, sentence) for match in chosen]
        clauses = clause_spans(self.text, sentence)
        if len(clauses) > 1:
            for clause in clauses:
                for match in reported_events(self.index, self._passage(sentence, clause))[0]:
                    if all(match.record_id != other.record_id for other, _ in found):
                        found.append((match, clause))
        return found, considered

    def _cite_or_draft_events(self) -> None:
        """Each sentence (or clause) that reports an event the timeline has becomes a citation of it; each other one
        that reports a happening (an actor or a place, and a day or words of something happening) a new draft
        event."""
        cited: dict[str, int] = {}
        for sentence in self.parsed.sentences:
            if not self._sentence_text(*sentence):
                continue
            found, considered = self._reported_events(sentence)
            if not found and (continued := self._continues_paragraph(sentence, considered)) is not None:
                found = [(continued, sentence)]
            chosen = [(m, span) for m, span in found if cited.get(m.record_id, 0) < MAX_CITATIONS_PER_EVENT]
            for match, span in chosen:
                cited[match.record_id] = cited.get(match.record_id, 0) + 1
                self.events_by_sentence.setdefault(sentence, []).append(match.record_id)
                self._cite(match, self._sentence_text(*span))
            if not found:
                units = [sentence]
            else:  # the clauses of a long sentence that no citation covers may report something new
                covered = [span for _, span in found]
                units = [
                    clause
                    for clause in clause_spans(self.text, sentence)
                    if clause != sentence and not any(a < clause[1] and clause[0] < b for a, b in covered)
                ]
            for unit in units:
                event = self._draft_event(sentence, unit, considered)
                if event is not None:
                    self.events_by_sentence.setdefault(sentence, []).append(str(event["id"]))

    def _continues_paragraph(self, sentence: tuple[int, int], considered: list[Match]) -> Match | None:
        """A sentence that goes on about the event the sentence before it in the paragraph cites ("Speaking at a
        televised address, Tokayev announced …" after his order): that event, when it is also this sentence's best
        candidate at :data:`CONTINUATION_SHARE` of the threshold or more, on a date that agrees."""
        paragraph = _paragraph_span(self.text, sentence[0])
        before = [s for s in self.parsed.sentences if paragraph[0] <= s[0] and s[1] <= sentence[0]]
        if not before or not considered:
            return None
        best = considered[0]
        agrees = not any(", but " in reason for reason in best.reasons)
        stands_out = len(considered) == 1 or best.score >= considered[1].score * EVENT_MARGIN
        strong_enough = best.score >= EVENT_THRESHOLD * CONTINUATION_SHARE and stands_out
        if best.record_id in self.events_by_sentence.get(before[-1], []) and agrees and strong_enough:
            return Match(best.record_id, best.score, (*best.reasons, "goes on from the sentence before"))
        return None

    def _draft_event(
        self, sentence: tuple[int, int], unit: tuple[int, int], considered: list[Match]
    ) -> dict[str, Any] | None:
        """A new event from a sentence (or a clause of it) that names an actor or a place and either a day or words
        of something happening; never from a quotation (that is a statement)."""
        if any(
            quote.start <= unit[0] < quote.end or unit[0] <= quote.start < unit[1] - 20 for quote in self.parsed.quotes
        ):
            return None
        passage = self._passage(sentence, unit)
        if not passage.actor_ids and not passage.place_ids and not self._geonames_places_in(unit):
            return None
        day = self._sentence_day(unit)
        if day is None and unit == sentence:
            day = self._sentence_day(sentence)
        if day is None and (self.parsed.published is None or _type_hint(attribution(passage.text).clause) is None):
            return None
        return self._new_event(unit, day, considered)

    def _source_before(self, span: tuple[int, int]) -> str | None:
        """Who the sentence before ``span``, in the same paragraph, credits: the "it" of "…, it said"."""
        paragraph = _paragraph_span(self.text, span[0])
        before = [s for s in self.parsed.sentences if paragraph[0] <= s[0] and s[1] <= span[0]]
        return attribution(self._sentence_text(*before[-1])).source if before else None

    def _name_words(self) -> frozenset[str]:
        """The words of the names the parser recognised, which keep their capital in a title."""
        mentions = [*self.parsed.actors, *self.parsed.places]
        return frozenset(word for m in mentions for word in re.findall(r"[\w’'-]+", m.text) if word[:1].isupper())

    def _window_dates(self) -> dict[str, Any]:
        """The dates of a happening the article reports without a day: some day between the earliest day the article
        mentions and its publication."""
        published = self.parsed.published
        assert published is not None
        days = [
            m.date for m in self.parsed.all_dates if m.date is not None and m.precision == "day" and m.date <= published
        ]
        earliest = min(days, default=published)
        if earliest == published:
            note = f"not dated in the article: on or before its publication ({published.isoformat()})"
            return {"date": published.isoformat(), "approximate": True, "date_note": note}
        note = (
            f"not dated in the article: some day between the earliest day it mentions ({earliest.isoformat()}) and its"
            f" publication ({published.isoformat()})"
        )
        return {"date": earliest.isoformat(), "date_latest": published.isoformat(), "date_note": note}

    def _cite(self, match: Match, excerpt: str) -> None:
        """Cite an event: in its own record when this import drafted it, else as a ``citations:`` addition."""
        for event in self.events:
            if event["id"] == match.record_id:
                if all(c["excerpt"] != excerpt for c in event["citations"]):
                    event["citations"].append({"article": self.article_id, "excerpt": excerpt})
                return
        addition = {"event": match.record_id, "article": self.article_id, "excerpt": excerpt, "draft": True}
        self.citations.append(addition)
        self._note(addition, match.note("event"))

    def _geonames_places_in(self, sentence: tuple[int, int]) -> list[Mention]:
        return [m for m in self.parsed.places if sentence[0] <= m.start < sentence[1] and m.geonames_id is not None]

    def _new_event(self, sentence: tuple[int, int], day: DateMention | None, considered: list[Match]) -> dict[str, Any]:
        """A new draft event; without a ``day`` it is dated by a window from the earliest day the article mentions to
        its publication (the article reports it as past, but says no more)."""
        excerpt = self._sentence_text(*sentence)
        dates = self._window_dates() if day is None else None
        first = dates["date"] if dates else day.date.isoformat() if day and day.date else ""
        event_id = _unique(slugify(f"{_slug_words(attribution(excerpt).clause)}-{first}", 80), self.ids["events"])
        if dates is None:
            assert day is not None and day.date is not None
            dates = self._date_block(day.date, day.text, f"events[{event_id}]")
        actors = [m for m in self.parsed.actors if sentence[0] <= m.start < sentence[1] and m.id]
        places = [m for m in self.parsed.places if sentence[0] <= m.start < sentence[1]]
        event = {
            "id": event_id,
            **dates,
            "title": neutral_title(
                excerpt, self.parsed.outlet, self.text, self.language, self._name_words(), self._source_before(sentence)
            ),
            "summary": draft_summary(excerpt, self.parsed.outlet, self.language),
            "type": _event_type(attribution(excerpt).clause),
            "tags": [],
            "places": _unique_ids(self._place_id(m) for m in self._event_places(excerpt, sentence[0], places)),
            "actors": self._participants(excerpt, sentence[0], actors),
            "citations": [{"article": self.article_id, "excerpt": excerpt}],
            "draft": True,
        }
        self.events.append(event)
        self.index.add(event_id, event)
        near = [f"{m.record_id} ({m.score:.2f})" for m in considered[:2] if m.score >= EVENT_THRESHOLD / 2]
        note = "new event: check the title's attribution, the roles and the places"
        if near:
            note += f"; not merged, but close to {', '.join(near)}: cite that event instead if it is the same"
        self._note(event, note)
        return event

    def _participants(self, excerpt: str, offset: int, actors: list[Mention]) -> list[dict[str, str]]:
        """The actors a sentence names: the one its clause opens with acted; the source it credits and the rest are
        mentioned."""
        clause = attribution(excerpt).clause
        clause_at = offset + max(excerpt.find(clause[:20]), 0)
        participants: list[dict[str, str]] = []
        for mention in actors:
            if any(p["actor"] == mention.id for p in participants) or mention.id is None:
                continue
            opens_clause = clause_at <= mention.start <= clause_at + 3 + len(clause.split(" ", 1)[0]) + 40
            role = "actor" if opens_clause and not participants else "mentioned"
            participants.append({"actor": mention.id, "role": role})
        subject = _DESCRIBED_SUBJECT.match(clause)
        subject_named = subject is not None and any(
            clause_at + subject.start("name") <= m.start < clause_at + subject.end("name") for m in actors
        )
        if subject is not None and not subject_named and subject.group("name")[:1].isupper():
            # "Russia’s foreign ministry urged citizens in Kazakhstan …": a body the seeds do not know acted
            for participant in participants:
                participant["role"] = "mentioned"
            at = clause_at + subject.start("name")
            actor_id = self._known_actor(subject.group("name"), at) or self._propose_actor(
                subject.group("name"), "organisation", "the subject of an event's sentence", at
            )
            participants = [p for p in participants if p["actor"] != actor_id]
            participants.insert(0, {"actor": actor_id, "role": "actor"})
        for name, at in self._unknown_names(excerpt, offset):
            actor_id = self._propose_actor(name, None, "named in an event's sentence", at)
            if all(p["actor"] != actor_id for p in participants):
                participants.append({"actor": actor_id, "role": "mentioned"})
        return participants

    def _unknown_names(self, excerpt: str, offset: int) -> list[tuple[str, int]]:
        """Names of people and bodies the seeds do not know, as the sentence prints them: two to four capitalised
        words inside the sentence ("Vitaly Shevchuk", "Al Jazeera"), titles before them left off, never a place or a
        name the parser recognised."""
        known = [(m.start, m.end) for m in [*self.parsed.actors, *self.parsed.places]]
        found: list[tuple[str, int]] = []
        for match in _CAPITALISED_RUN.finditer(excerpt):
            words = match.group().split()
            while words and words[0].casefold() in _TITLE_WORDS:
                words.pop(0)
            start = offset + match.start()
            if (
                len(words) < 2
                or match.start() == 0
                or any(a < start + len(match.group()) and start < b for a, b in known)
            ):
                continue
            if any(word.casefold() in _TITLE_WORDS or _not_a_name(word) for word in words):
                continue
            after = excerpt[match.end() : match.end() + 2]
            if re.search(r"(?:an|ese|ish|ic)$", words[-1]) and re.match(r"\s[a-z]", after):
                continue  # an adjective before a noun: "Central Asian country", "Russian military"
            found.append((" ".join(words), start))
        return found

    def _event_places(self, excerpt: str, offset: int, places: list[Mention]) -> list[Mention]:
        """Where the event happened: places after a locative word ("in Almaty", "в Алматы"), else the places named
        as nouns, else the dateline's city; never an adjective ("Russia-led", "Kazakh")."""
        nouns = [m for m in places if not _adjectival(self.text, m)]
        located = [m for m in nouns if _LOCATIVE.search(self.text[max(m.start - 14, 0) : m.start])]
        dateline = self.parsed.dateline_place
        usable_dateline = [dateline] if dateline is not None and (dateline.id or dateline.geonames_id) else []
        return located or nouns or usable_dateline

    # ---- statements ----

    def _speaker_id(self, quote: Quote) -> str | None:
        if quote.speaker_id:
            return quote.speaker_id
        if not quote.speaker or _not_a_name(quote.speaker):
            return None
        kind = quote.speaker_kind if quote.speaker_kind in ("person", "group", "organisation") else None
        return self._propose_actor(
            quote.speaker, kind or _kind_of_name(quote.speaker), "quoted in the article", quote.start
        )

    def _known_actor(self, name: str, position: int | None = None) -> str | None:
        """The seeds' actor a name printed in the article stands for: a name or alias, the surname of exactly one
        person ("Blinken" for Antony Blinken), or, for a common noun ("the ministry", "police"), the last actor
        named before ``position`` whose name has that word ("Kazakhstan's Interior Ministry")."""
        found = self.gazetteers.actors.lookup(name)
        if found is not None:
            return found.id
        plain = _plain_source(name)
        if position is not None and plain[:1].islower():
            head = plain.split()[-1].casefold() if plain.split() else ""
            for mention in sorted(self.parsed.actors, key=lambda m: -m.start):
                entry = self.gazetteers.actors.by_id.get(str(mention.id))
                if mention.start < position and entry is not None and head in entry.words:
                    return entry.id
            having = [e.id for e in self.gazetteers.actors.by_id.values() if e.name.casefold().split()[-1:] == [head]]
            if len(having) == 1:  # "police" when the seeds know one police force
                return having[0]
        words = name.split()
        if len(words) != 1 or not name[:1].isupper():
            return None
        surname = name.casefold()
        people = [
            entry.id
            for entry in self.gazetteers.actors.by_id.values()
            if entry.kind == "person" and entry.name.replace("-", " ").casefold().split()[-1:] == [surname]
        ]
        return people[0] if len(people) == 1 else None

    def _propose_actor(self, name: str, kind: str | None, why: str, position: int | None = None) -> str:
        known = self._known_actor(name, position)
        if known is not None:
            return known
        key = name.casefold()
        if key in self.new_actors:
            return str(self.new_actors[key]["id"])
        for proposed_key, proposed in self.new_actors.items():
            if _same_description(key, proposed_key):  # "Russia’s foreign ministry" and "the Russian foreign ministry"
                return str(proposed["id"])
        actor_id = _unique(slugify(name), self.ids["actors"])
        outlet = self.parsed.outlet or "one article"
        self.new_actors[key] = {
            "id": actor_id,
            "name": name,
            "kind": kind or _kind_of_name(name),
            "description": None,
            "aliases": [],
            "draft": True,
        }
        self._note(self.new_actors[key], f"{why} ({outlet}); describe who this is if the text says")
        return actor_id

    def _statement(self, quote: Quote, index: int, excerpt: str | None = None) -> dict[str, Any] | None:
        """A quotation as a new statement, or as one more source of the statement of the seeds it repeats. A fragment
        (``excerpt`` given: the sentence that quotes it) is a partial statement."""
        speaker_id = self._speaker_id(quote)
        via = self._via_id(quote)
        existing = matching_statement(self.timeline.statements.items(), quote.text, speaker_id)
        if existing is not None and existing.same_words:
            same_text = contains_quotation(str(self.timeline.statements[existing.record_id].get("text")), quote.text)
            source = {
                "statement": existing.record_id,
                "article": self.article_id,
                "via": via,
                "excerpt": excerpt or (None if same_text else quote.text),
                "draft": True,
            }
            self.statement_sources.append(source)
            self._note(source, existing.note("statement"))
            return None
        words = "-".join(re.findall(r"\w+", _transliterate(quote.text).casefold())[:5])
        statement_id = _unique(slugify(f"{speaker_id or 'unknown'}-{words}", 70), self.ids["statements"])
        if speaker_id is None:
            self.unresolved.append(f"statements[{statement_id}].speaker (no speaker found)")
        evidence = self._date_evidence(quote.start, quote.end, quote.said_on) if quote.said_on else None
        event_id = self._event_of_quote(quote, speaker_id)
        if quote.said_on is None and (event_day := self._single_day_of(event_id)) is not None:
            note = f"the day of the event it belongs to: {self._event_title(event_id)}"
            dates = {"date": event_day.isoformat(), "date_note": note}
        else:
            dates = self._date_block(quote.said_on or self.parsed.published, evidence, f"statements[{statement_id}]")
        record = {
            "id": statement_id,
            "speaker": speaker_id,
            "text": quote.text,
            "partial": excerpt is not None,
            **dates,
            "event": event_id,
            "sources": [{"article": self.article_id, "via": via, "excerpt": excerpt}],
            "draft": True,
        }
        if existing is not None:
            self._note(record, f"compare statement {existing.record_id}: this quotation {existing.reasons[0]}")
        elif event_id is None:
            self._note(record, "no event found for this quotation: link one (event:) if it belongs to one")
        return record

    def _fragments(self) -> list[tuple[Quote, str]]:
        """Words quoted inside the article's own sentences ("called the protesters 'terrorists'", "ordered forces to
        “kill without warning”"), each with the sentence that quotes it: partial statements of the actor who said or
        named them. Only after a verb of saying or naming whose subject is a known actor; never a title (“This
        Week”) and never inside a quotation the parser already found."""
        found: list[tuple[Quote, str]] = []
        quoted = [(quote.start, quote.end) for quote in self.parsed.quotes]
        for sentence in self.parsed.sentences:
            for match in _FRAGMENT.finditer(self.text, *sentence):
                content = next(group for group in match.groups() if group is not None).strip()
                start = match.start() + match.group(0).index(content)
                if any(begin - 2 <= start <= end + 2 for begin, end in quoted):
                    continue
                fragment = self._fragment_at(content, start, sentence)
                if fragment is not None:
                    found.append(fragment)
        return found

    def _as_fragment(self, quote: Quote) -> tuple[Quote, str] | None:
        """A quotation the parser found without a speaker, read as a fragment when it is one."""
        sentence = self.parsed.sentence_of(quote.start)
        return self._fragment_at(quote.text, quote.start, sentence) if sentence else None

    def _fragment_at(self, content: str, start: int, sentence: tuple[int, int]) -> tuple[Quote, str] | None:
        """Quoted words as a partial statement of whoever the sentence says used them: the subject of a verb of
        saying or naming just before them ("the police chief was quoted calling the protesters 'extremists'"), else
        the source the whole sentence is credited to ("26 'armed criminals' were killed, CNN reported")."""
        words = _fragment_words(content)
        if words is None:
            return None
        before = self.text[sentence[0] : max(start - 1, sentence[0])]
        verbs = list(_FRAGMENT_VERB.finditer(before))
        if verbs and len(before) - verbs[-1].end() <= 40:
            speaker = self._subject_before(sentence[0], sentence[0] + verbs[-1].start())
        else:
            speaker = self._credited_source(sentence)
        if speaker is None:
            return None
        day = self._sentence_day(sentence)
        quote = Quote(words, speaker[0], speaker[1], day.date if day else None, start, start + len(words))
        return quote, self._sentence_text(*sentence)

    def _subject_before(self, start: int, end: int) -> tuple[str, str] | None:
        """Who a clause says said or named the quoted words, as (name, actor id): the known actor it names last
        before its verb, not after a preposition ("quoted in local media" names where, not who); else the office
        or group the clause begins with ("The local police chief was quoted …"), proposed as a new actor."""
        mentions = [
            m
            for m in self.parsed.actors
            if start <= m.start < end
            and m.id
            and (self._kind_of(m) == "person" or not _AFTER_PREPOSITION.search(self.text, max(m.start - 8, 0), m.start))
            and not _OFFICE_AFTER.match(self.text, m.end)
        ]
        people = [m for m in mentions if self._kind_of(m) == "person"]
        if mentions:
            chosen = (people or mentions)[-1]
            return chosen.text, str(chosen.id)
        subject = _DESCRIBED_SUBJECT.match(self.text, start, end)
        if subject is None:
            return None
        name = subject.group("name")
        kind = "person" if _PERSON_TITLES.search(name.split()[-1]) or name.split()[-1].casefold() == "chief" else None
        return name, self._propose_actor(name, kind, "who the sentence says used the quoted words", start)

    def _kind_of(self, mention: Mention) -> str | None:
        return (self.gazetteers.actors.by_id.get(str(mention.id)) or _NO_ENTRY).kind

    def _credited_source(self, sentence: tuple[int, int]) -> tuple[str, str] | None:
        """The named source a sentence is credited to ("…, CNN reported"), when the seeds know it or it is a name."""
        source = attribution(self._sentence_text(*sentence)).source
        if not source or _UNNAMED.match(source):
            return None
        known = self._known_actor(source, sentence[0])
        if known is not None:
            return source, known
        if not source[:1].isupper():
            return None
        return source, self._propose_actor(_plain_source(source), None, "credited with the quoted words", sentence[0])

    def _event_of_quote(self, quote: Quote, speaker_id: str | None) -> str | None:
        """The event a quotation belongs to, in the order a reader would look for it: one cited or drafted from the
        quotation's own sentence or paragraph (one the speaker takes part in first); the event of the same speaker's
        quotation a paragraph or two before (an interview goes on); one of the paragraph before (news writing puts
        the happening first, the quotations after it); else the event its sentence best matches, on a date that
        agrees."""
        paragraph = _paragraph_span(self.text, quote.start)
        nearby = self._events_within(paragraph, first=(quote.start, quote.end))
        before: list[str] = []
        if paragraph[0] > 0:
            before = self._events_within((_previous_paragraph_start(self.text, paragraph[0]), paragraph[0]))
        earlier: list[str] = []
        if speaker_id is not None and speaker_id in self.last_event_of_speaker:
            event_id, at = self.last_event_of_speaker[speaker_id]
            if self.text.count("\n", at, quote.start) <= 4:
                earlier = [event_id]
        strategies = (nearby, earlier, before, self._best_events_for_quote(quote, speaker_id))
        chosen = None
        proposed = {str(actor["id"]) for actor in self.new_actors.values()}
        if speaker_id is not None and (speaker_id in self.gazetteers.actors.by_id or speaker_id in proposed):
            chosen = next(
                (
                    event_id
                    for roles in ({"actor"}, {"actor", "target", "mentioned"})  # one the speaker acts in, first
                    for candidates in strategies
                    for event_id in candidates
                    if self._role_in(event_id, speaker_id) in roles
                ),
                None,
            )
        if chosen is None:
            chosen = next((candidates[0] for candidates in strategies if candidates), None)
        if chosen is not None and speaker_id is not None:
            self.last_event_of_speaker[speaker_id] = (chosen, quote.end)
        return chosen

    def _events_within(self, span: tuple[int, int], first: tuple[int, int] | None = None) -> list[str]:
        """The events cited or drafted from the sentences of ``span``, those of the sentence holding ``first`` first."""
        found: list[str] = []
        for sentence, event_ids in self.events_by_sentence.items():
            if first is not None and sentence[0] <= first[0] < sentence[1]:
                found = event_ids + found
            elif span[0] <= sentence[0] < span[1]:
                found = found + event_ids
        return found

    def _role_in(self, event_id: str, actor_id: str) -> str | None:
        event = next((e for e in self.events if e["id"] == event_id), None) or self.timeline.events.get(event_id)
        for participant in (event or {}).get("actors") or []:
            if isinstance(participant, dict) and participant.get("actor") == actor_id:
                return str(participant.get("role") or "actor")
        return None

    def _best_events_for_quote(self, quote: Quote, speaker_id: str | None) -> list[str]:
        """The events the quotation's sentence matches at least :data:`QUOTE_EVENT_THRESHOLD`, on a date that agrees."""
        sentence = self.parsed.sentence_of(quote.start) or (quote.start, quote.end)
        passage = self._passage(sentence)
        passage = Passage(
            passage.text,
            quote.said_on or passage.day,
            passage.actor_ids | ({speaker_id} if speaker_id else set()),
            passage.place_ids,
        )
        return [
            match.record_id
            for match in self.index.matches(passage, limit=5)
            if match.score >= QUOTE_EVENT_THRESHOLD and not any(", but " in reason for reason in match.reasons)
        ]

    def _event_title(self, event_id: str | None) -> str:
        """An event as a reader knows it, by its title (date notes are read: no ids in them)."""
        event = next((e for e in self.events if e["id"] == event_id), None) or self.timeline.events.get(event_id or "")
        return f"“{(event or {}).get('title') or 'the event'}”"

    def _single_day_of(self, event_id: str | None) -> dt.date | None:
        """The day of an event known to the day (not a window or a period): a quotation without a date of its own that
        belongs to it was said then."""
        event = next((e for e in self.events if e["id"] == event_id), None) or self.timeline.events.get(event_id or "")
        if event is None or event.get("date_latest") or event.get("date_end") or event.get("approximate"):
            return None
        try:
            return dt.date.fromisoformat(str(event.get("date")))
        except ValueError:
            return None

    def _via_id(self, quote: Quote) -> str | None:
        if quote.via_id:
            return quote.via_id
        if quote.via:
            return self._propose_actor(quote.via, "organisation", "credited as the outlet quoting")
        return None

    def _sentence_text(self, start: int, end: int) -> str:
        return self.text[start:end].strip()

    def _date_evidence(self, start: int, end: int, day: dt.date | None = None) -> str | None:
        """The words nearest the quotation that give ``day`` (the parser resolved its date from them)."""
        nearby = [
            mention
            for mention in self.parsed.all_dates
            if mention.relative
            and mention.start >= start - 400
            and mention.end <= end + 400
            and (day is None or mention.date == day)
        ]
        nearby.sort(key=lambda mention: min(abs(mention.start - start), abs(mention.start - end)))
        return nearby[0].text if nearby else None

    # ---- figures ----

    def _figure(self, figure: Figure) -> dict[str, Any]:
        value_part = str(figure.value) if figure.value is not None else figure.qualifier.replace(" ", "-")
        figure_id = _unique(slugify(f"{figure.metric}-{value_part}-{self.article_id}", 80), self.ids["figures"])
        excerpt = self._sentence_text(*figure.sentence)
        stated_by = figure.stated_by_id
        if stated_by is None and figure.stated_by:
            stated_by = self._propose_actor(figure.stated_by, "organisation", "credited with a figure", figure.start)
        if stated_by is None:  # a number inside a quotation is its speaker's ("dozens were liquidated," police said)
            quote = next((q for q in self.parsed.quotes if q.start <= figure.start < q.end and q.speaker), None)
            stated_by = self._speaker_id(quote) if quote is not None else None
        if stated_by is None:
            source = attribution(excerpt).source
            if source and not _UNNAMED.match(source):
                found = self.gazetteers.actors.lookup(source)
                stated_by = (
                    found.id
                    if found
                    else self._propose_actor(_plain_source(source), None, "credited with a figure", figure.start)
                )
        as_of = self._sentence_day(figure.sentence)
        reported = [
            event_id
            for event_id in self.events_by_sentence.get(figure.sentence, [])
            if self._single_day_of(event_id) and self._counts_in(figure.metric, event_id)
        ]
        so_far = _SO_FAR.search(self.text, *figure.sentence) is not None  # a running total is as of publication
        own_day = as_of is not None and self._in_clause_of(figure, as_of.start)
        measured = self._event_measured(figure) if figure.label == PRICE_RISE_LABEL and not own_day else None
        if measured is not None:  # a price rise is as of the rise, not of the protest the sentence is about
            dates = measured
        elif (
            as_of is None and reported and not so_far
        ):  # the sentence reports an event of one day: the number is as of that day
            dates = {
                "date": str(self._single_day_of(reported[0])),
                "date_note": f"the day of the event the sentence reports: {self._event_title(reported[0])}",
            }
        else:
            dates = self._date_block(
                as_of.date if as_of else self.parsed.published, as_of.text if as_of else None, f"figures[{figure_id}]"
            )
        scope = figure.scope or self._figure_scope(figure)
        record = {
            "id": figure_id,
            "metric": figure.metric,
            **({"label": figure.label} if figure.metric == "other" else {}),
            "stated": figure.text,
            "value": figure.value,
            "qualifier": figure.qualifier,
            "scope": scope,
            "place": self._figure_place(figure),
            **dates,
            "stated_by": stated_by,
            "via": self._wire_via_id(stated_by),
            "article": self.article_id,
            "excerpt": excerpt,
            "status": "current",
            "draft": True,
        }
        same = self._same_figure(record)
        if same:
            self._note(record, f"the same number as figure {same}: a corroboration, kept as its own record")
        return record

    def _clause_of(self, figure: Figure) -> tuple[int, int]:
        """The part of the sentence that holds the figure: between the punctuation or conjunctions around it ("as
        demonstrations against near-doubling prices of fuel turned violent")."""
        start, end = figure.sentence
        before = [m.end() for m in _CLAUSE_BOUNDARY.finditer(self.text, start, figure.start)]
        after = _CLAUSE_BOUNDARY.search(self.text, figure.end, end)
        return (before[-1] if before else start, after.start() if after else end)

    def _in_clause_of(self, figure: Figure, position: int) -> bool:
        clause = self._clause_of(figure)
        return clause[0] <= position < clause[1]

    def _event_measured(self, figure: Figure) -> dict[str, Any] | None:
        """The dates of the event a measure's own clause reports ("a two-fold rise in gas prices" → the price
        rise, however the rest of the sentence goes on, and whatever day it names for something else), taken as
        they are (an approximate day stays one)."""
        passage = dataclasses.replace(
            self._passage(figure.sentence, self._clause_of(figure)), day=None, event_type=None
        )
        excerpt = self._sentence_text(*figure.sentence)
        drafted_here = {e["id"] for e in self.events if e["citations"][0]["excerpt"] == excerpt}
        # the best, even with a close second (only its day is taken), but not a draft made of this very sentence
        found = [m for m in self.index.matches(passage, limit=3) if m.record_id not in drafted_here]
        if (
            not found
            or found[0].score < EVENT_THRESHOLD
            or self.index.content_words_shared(passage, found[0].record_id) < 2
        ):
            return None
        event_id = found[0].record_id
        event = next((e for e in self.events if e["id"] == event_id), None) or self.timeline.events.get(event_id)
        if not event or not event.get("date") or event.get("date_latest") or event.get("date_end"):
            return None
        approximate = {"approximate": True} if event.get("approximate") else {}
        note = f"the day of the event it measures: {self._event_title(event_id)}"
        return {"date": str(event["date"]), **approximate, "date_note": note}

    def _counts_in(self, metric: str, event_id: str) -> bool:
        """Whether an event is one a figure of ``metric`` counts in, so the figure can take its day: the dead of a
        clash or of the report that gave the toll, not of the protest that began days before ("a protest over the
        fuel price that left 160 people dead" is a toll as of the report)."""
        kinds = _METRIC_EVENT_TYPES.get(metric)
        event = next((e for e in self.events if e["id"] == event_id), None) or self.timeline.events.get(event_id)
        return kinds is None or str((event or {}).get("type")) in kinds

    def _wire_via_id(self, stated_by: str | None) -> str | None:
        """For agency copy another outlet ran, the agency is the ``via`` of a figure (unless it stated it itself)."""
        agency = self.parsed.wire_via
        if agency is None:
            return None
        agency_id = self._known_actor(agency) or self._propose_actor(
            agency, "organisation", "the agency whose copy this is"
        )
        return None if agency_id == stated_by else agency_id

    def _figure_scope(self, figure: Figure) -> str | None:
        """What the number covers when the parser found no scope: the place the sentence locates it in."""
        places = [m for m in self.parsed.places if figure.sentence[0] <= m.start < figure.sentence[1]]
        located = [
            m
            for m in places
            if not _adjectival(self.text, m) and _LOCATIVE.search(self.text[max(m.start - 14, 0) : m.start])
        ]
        return f"in {located[0].name or located[0].text}" if located else None

    def _figure_place(self, figure: Figure) -> str | None:
        places = [m for m in self.parsed.places if figure.sentence[0] <= m.start < figure.sentence[1]]
        nouns = [m for m in places if not _adjectival(self.text, m)]
        located = [m for m in nouns if _LOCATIVE.search(self.text[max(m.start - 14, 0) : m.start])]
        chosen = (located or nouns)[:1]
        return self._place_id(chosen[0]) if chosen else None

    def _same_figure(self, record: dict[str, Any]) -> str | None:
        for figure_id, figure in self.timeline.figures.items():
            if (
                figure.get("metric") == record["metric"]
                and figure.get("value") == record["value"]
                and figure.get("qualifier") == record["qualifier"]
                and str(figure.get("date")) == str(record["date"])
            ):
                return figure_id
        return None

    # ---- places ----

    def _place_id(self, mention: Mention) -> str | None:
        if mention.id:
            return mention.id
        if mention.geonames_id is None:
            return None
        if mention.geonames_id in self.new_places:
            return str(self.new_places[mention.geonames_id]["id"])
        place_id = _unique(slugify(mention.name or mention.text), self.ids["places"])
        self.new_places[mention.geonames_id] = {
            "id": place_id,
            "name": mention.name,
            "kind": "country" if mention.kind == "country" else "city",
            "parent": None if mention.kind == "country" else self._country_place(mention.country),
            "latitude": mention.latitude,
            "longitude": mention.longitude,
            "geonames_id": mention.geonames_id,
            "coordinates_source": f"GeoNames {mention.geonames_id}" if mention.latitude is not None else None,
            "aliases": [printed] if (printed := _as_name(mention.text)) != mention.name else [],
            "draft": True,
        }
        return place_id

    def _country_place(self, country_code: str | None) -> str | None:
        """The place of a city's country: the curated one (matched by GeoNames id), else a proposed one."""
        if not country_code:
            return None
        country = geonames_country(country_code)
        if country is None:
            return None
        for entry_id, geonames_id in self.gazetteers.place_geonames_ids.items():
            if geonames_id == country.geonames_id:
                return entry_id
        curated = self.gazetteers.places.lookup(country.name)
        if curated:
            return curated.id
        if country.geonames_id in self.new_places:
            return str(self.new_places[country.geonames_id]["id"])
        return self._place_id(
            Mention(None, country.name, 0, 0, kind="country", name=country.name, geonames_id=country.geonames_id,
                    country=country_code)
        )  # fmt: skip


# Quoted words inside a sentence: typographic or straight double quotes, or single quotes (not apostrophes).
_FRAGMENT = re.compile(
    r"“([^”\n]{2,80})”|\"([^\"\n]{2,80})\"|‘([^’\n]{2,60})’|(?<![\w])'([^'\n]{2,60})'(?![\w])|«([^»\n]{2,80})»"
)
_FRAGMENT_VERB = re.compile(
    r"\b(?:call(?:ed|s|ing)?|term(?:ed|s|ing)?|dub(?:bed|s)?|describ(?:ed|es|ing)|brand(?:ed|s)?|label(?:l?ed|s)?|"
    r"order(?:ed|s)?|urg(?:ed|es)|vow(?:ed|s)|warn(?:ed|s)|accus(?:ed|es)|pass(?:ed|es)?|said|says|told|"
    r"masterminded by|назвал[аи]?|заявил[аи]?|приказал[аи]?)\b",
    re.IGNORECASE,
)
_NO_ENTRY = Entry("", "", None)
# A body named right after one of these is where or through whom, not who ("quoted in local media"); "by" is left
# out, since the agent of a passive ("was called 'terrorists' by the ministry") is who said it.
_AFTER_PREPOSITION = re.compile(r"\b(?:in|on|at|from|to|with|of|via|through)\s+(?:the\s+)?$", re.IGNORECASE)
# A name right before one of these is a modifier of an office, not the speaker ("the police chief", "army spokesman").
_OFFICE_AFTER = re.compile(r"\s+(?:chief|spokes(?:wo)?man|spokesperson|head|official|officer|commander)s?\b", re.I)
# A clause that begins with an office or a group rather than a name: "The local police chief was quoted …".
_DESCRIBED_SUBJECT = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?P<name>(?:[a-z][\w’'-]*\s+){0,3}?(?:chief|spokes(?:wo)?man|spokesperson|minister|"
    r"ministry|government|police|army|military|office|committee|council|"
    r"official|officials|officer|commander|governor|mayor|akim|ambassador|head|witness|witnesses|residents|"
    r"activists|lawyer|prosecutor))\b(?=\s+(?:was|were|is|are|has|have|had|also|reportedly|then|later|"
    r"said|says|told|[a-z]+ed|[a-z]+s)\b)",
    re.IGNORECASE,
)


def _same_description(first: str, second: str) -> bool:
    """Two casefolded names of one body as articles vary them: the same words but for "the", a possessive and a
    demonym ("russia’s foreign ministry", "the russian foreign ministry"), one word of each pair beginning the other.
    """

    def words(name: str) -> list[str]:
        return [re.sub(r"['’]s$", "", w) for w in name.split() if w != "the"]

    pairs = list(zip(words(first), words(second), strict=False))
    return (
        len(words(first)) == len(words(second)) >= 2
        and all(a.startswith(b) or b.startswith(a) for a, b in pairs)
        and all(min(len(a), len(b)) >= 4 or a == b for a, b in pairs)
    )


def _fragment_words(content: str) -> str | None:
    """Words someone said, quoted within a sentence: one to eight words, not a full sentence (the parser reads those)
    and not a title in capitals (“This Week”). A stop or comma inside the closing quote of lowercase words (“extremists
    and radicals.”, the American way) belongs to the sentence around them and is left out."""
    if content[:1].islower():
        content = content.rstrip(".,")
    words = content.split()
    if not 1 <= len(words) <= 8 or content.endswith((".", "!", "?")):
        return None
    significant = [w for w in words if w.casefold() not in FUNCTION_WORDS]
    return None if significant and all(w[:1].isupper() for w in significant) else content


# At most this many citations of one event from one article: a long article repeats its main event in many
# sentences, and one or two excerpts are what a reader checks.
MAX_CITATIONS_PER_EVENT = 2
# A sentence that goes on about the event the one before it cites is matched at this share of the threshold.
CONTINUATION_SHARE = 0.5
# A quotation whose paragraph cites no event is linked to the event its sentence matches at least this well.
QUOTE_EVENT_THRESHOLD = 0.3

_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|across|outside|inside|around|throughout|into|from|to)\s+(?:the\s+)?(?:city of\s+)?"
    r"|(?:^|\s)(?:в|во|на|под|из|у)\s+)$",
    re.IGNORECASE,
)
_SO_FAR = re.compile(
    r"\b(?:so far|to date|in total|overall|thus far|since then)\b|\b(?:пока|всего|на данный момент)\b", re.I
)
# A sentence in the present progressive reports what is happening as the article is written.
_PRESENT_PROGRESSIVE = re.compile(
    r"\b(?:is|are)\s+(?:now\s+|still\s+)?(?!being\b|going to\b)[a-z]+ing\b(?!\s+(?:to|that)\b)"
    r"|\bcan be (?:heard|seen)\b"
)
_UNTIL = re.compile(r"(?:\b(?:until|till|through|by|before)|(?:^|\s)(?:до|по))\s+$", re.IGNORECASE)
_UNNAMED = re.compile(r"^(?:the\s+)?(?:reports?|media reports|sources|some|officials)$", re.IGNORECASE)
_PERSON_TITLES = re.compile(
    r"^(?:president|prime minister|minister|mr|mrs|ms|dr|spokes(?:wo)?man|spokesperson|secretary|senator|"
    r"ambassador|general|colonel|mayor|governor|akim|chairman|chairwoman|leader)\b",
    re.IGNORECASE,
)
_ORGANISATION_WORDS = re.compile(
    r"\b(?:ministry|office|agency|committee|council|government|police|army|service|news|media|tv|television|"
    r"press|bank|party|union|organi[sz]ation|mission|embassy|department|court|parliament|akimat|министерств\w*|"
    r"ведомств\w*|служб\w*|комитет\w*|агентств\w*|МВД|КНБ|ОДКБ|CSTO|UN|NATO|EU)\b",
    re.IGNORECASE,
)


_CAPITALISED_RUN = re.compile(r"\b[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'-]+){1,5}\b")
# Titles and words of offices that open a name ("Foreign Minister Mukhtar Tileuberdi") but are not part of it
_TITLE_WORDS = frozenset(
    "president prime minister foreign interior deputy secretary state general mr mrs ms dr sir spokesman spokeswoman "
    "spokesperson senator ambassador chairman chairwoman mayor governor akim head chief leader the us un eu "
    "президент премьер министр глава".split()
)


def _not_a_name(name: str) -> bool:
    """A "speaker" that is a day or a month ("His office statement on Sunday said"): the parser took the wrong word."""
    return all(word.casefold().strip(".,") in _CALENDAR_WORDS for word in name.split())


_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"today", "yesterday", "tonight", "сегодня", "вчера"}


def _kind_of_name(name: str) -> str:
    """A proposed actor's kind from its name: an office or a body is an organisation; two or three capitalised
    words ("Saltanat Azirbek", "Президент Токаев") are a person; anything else a group, for the curator to check."""
    if _ORGANISATION_WORDS.search(name):
        return "organisation"
    if _PERSON_TITLES.match(name):
        return "person"
    words = name.split()
    if 1 < len(words) <= 4 and all(word[:1].isupper() and not word.isupper() for word in words):
        return "person"
    return "group"


def _plain_source(source: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", source.strip(), flags=re.IGNORECASE)


def _adjectival(text: str, mention: Mention) -> bool:
    """A place name used as an adjective: "Russia-led", "Kazakh-born", or a demonym the gazetteer also knows."""
    following = text[mention.end : mention.end + 2]
    if following[:1] in ("-", "‐", "–") and following[1:2].isalpha():
        return True
    printed = mention.text.casefold()
    name = (mention.name or "").casefold()
    return printed != name and bool(re.search(r"(?:ian|ese|ish|i|ern|ский|ская|ские|ского|ской)$", printed))


# Where a long sentence joins the clauses of several happenings: ", and", "; ", ", with", ", while", ", as" and a plain
# " and " before a noun phrase that has its own verb (checked by length: each clause keeps six words or more).
_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|,\s*(?:and|while|with|as|after|but|where|when)\b|\s(?:and|while|but)\s(?=[A-Z]|the\b|a\b)"
    r"|\s(?:after|before)\s(?=[A-Z]))\s*"
)
_MIN_CLAUSE_WORDS = 6


def clause_spans(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The clauses of a sentence (spans into ``text``), or the sentence alone when it has one."""
    start, end = sentence
    spans: list[tuple[int, int]] = []
    at = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, end))
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and len(text[merged[-1][0] : merged[-1][1]].split()) < _MIN_CLAUSE_WORDS:
            merged[-1] = (merged[-1][0], span[1])  # too short to stand alone: joined with the next
        else:
            merged.append(span)
    if len(merged) > 1 and len(text[merged[-1][0] : merged[-1][1]].split()) < _MIN_CLAUSE_WORDS:
        merged[-2:] = [(merged[-2][0], merged[-1][1])]
    return merged


def _previous_paragraph_start(text: str, start: int) -> int:
    """Where the paragraph before the one starting at ``start`` starts (blank lines between them skipped)."""
    end = start - 1
    while end > 0 and text[end - 1] in "\n\r \t":
        end -= 1
    return text.rfind("\n", 0, end) + 1


def _paragraph_span(text: str, position: int) -> tuple[int, int]:
    """The line around ``position``: a paragraph of a plain-text article (pages put one paragraph on a line)."""
    start = text.rfind("\n", 0, position)
    end = text.find("\n", position)
    return (0 if start < 0 else start + 1), (len(text) if end < 0 else end)


def _slug_words(text: str, count: int = 6) -> str:
    """The first content words of a clause, for a readable new id ("police-used-water-cannons-tear-gas")."""
    words = [w for w in re.findall(r"[^\W\d_]+", _transliterate(text).casefold()) if w not in _ID_STOPWORDS]
    return "-".join(words[:count])


_ID_STOPWORDS = frozenset(
    "a an the of in on at to and or for with by from as is are was were has have had been".split()
)


def _as_name(printed: str) -> str:
    """A name as printed, in title case when the page printed it in capitals ("МОСКВА" -> "Москва")."""
    return printed.title() if printed.isupper() else printed


def _unique_ids(values: Any) -> list[str]:
    result: list[str] = []
    for value in values:
        if value and value not in result:
            result.append(value)
    return result


# Where one clause of a sentence ends and another begins, for the words around a figure.
_CLAUSE_BOUNDARY = re.compile(r"[,;:—–]\s|\s(?:as|when|while|after|before|since|because|with|and|but|as well as)\s")

# The event types a count can be "as of": the happening it counts, or the report that gave it (communications).
# A metric not listed (``other``) can take the day of any event its sentence reports.
_METRIC_EVENT_TYPES: dict[str, frozenset[str]] = {
    "killed": frozenset({"violence", "clash", "security_operation", "communications"}),
    "injured": frozenset({"violence", "clash", "security_operation", "communications"}),
    "detained": frozenset({"detention", "security_operation", "communications"}),
    "troops_deployed": frozenset({"deployment", "communications"}),
    "criminal_cases": frozenset({"government_action", "detention", "communications"}),
}


def _type_hint(clause: str) -> str | None:
    """The event type a clause's words suggest ("dispersed … with tear gas": security_operation), if any."""
    lowered = clause.casefold()
    for event_type, hints in _EVENT_TYPE_HINTS:
        if any(hint in lowered for hint in hints):
            return event_type
    return None


def _event_type(clause: str) -> str:
    return _type_hint(clause) or "communications"


class _DraftDumper(yaml.SafeDumper):
    """Block style, keys in the order given, long strings folded at 120 columns."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_DraftDumper.add_representer(str, _represent_str)


def render_draft(document: dict[str, list[dict[str, Any]]], notes: dict[int, str], schema_line: str = "") -> str:
    """The draft as YAML, with a header that says how to review it and a comment above records that need care.

    ``schema_line`` (from :func:`schema_comment`) comes first, so editors validate the draft as it is reviewed.
    """
    header = (f"{schema_line}\n" if schema_line else "") + (
        "# Draft seeds written by `kztimeline import` from the article's raw text.\n"
        "# Review every record against the article: fix titles, speakers, dates and roles, fill in every null that\n"
        "# the comments point at, then delete its `draft: true`. `kztimeline validate` lists what is still a draft.\n"
    )
    parts = [header]
    for section, records in document.items():
        parts.append(f"\n{section}:\n")
        for record in records:
            note = notes.get(id(record))
            if note:
                parts.append(f"  # {note}\n")
            dumped = yaml.dump(
                [record], Dumper=_DraftDumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False
            )
            parts.append("".join(f"  {line}\n" if line else "\n" for line in dumped.splitlines()))
    return "".join(parts)
