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

import datetime as dt
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kztimeline.curation.fetch import url_key
from kztimeline.curation.text import DESCRIBE_PLACEHOLDER, REPORTS_PLACEHOLDER
from kztimeline.curation.yaml_source import read_seed_file, schema_comment
from kztimeline.errors import AlreadyImportedError, KztimelineError
from kztimeline.parse.article import parse_text, read_article_text
from kztimeline.parse.document import Figure, Mention, ParsedArticle, Quote
from kztimeline.parse.gazetteer import Gazetteers, geonames_country
from kztimeline.parse.html_page import PageMetadata

_SLUG_PART = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Keywords that suggest an event type for a candidate event (the curator confirms it).
_EVENT_TYPE_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("detention", ("detain", "arrest", "задерж", "арест")),
    ("deployment", ("troops", "paratroop", "deploy", "peacekeep", "military personnel", "войск", "миротвор")),
    ("disruption", ("internet", "flights", "banks", "airport", "интернет", "рейс")),
    ("clash", ("clash", "gunfire", "fired", "tear gas", "water cannon", "столкновен", "стрельб")),
    ("violence", ("set fire", "stormed", "ablaze", "attack", "looting", "поджог", "штурм", "нападен")),
    ("protest", ("protest", "demonstrat", "rally", "march", "протест", "митинг", "акци")),
    ("diplomatic_reaction", ("secretary of state", "foreign ministry", "condemn", "urged", "мид", "осудил")),
    ("government_action", ("ordered", "declared", "resigned", "state of emergency", "указ", "отставк", "режим")),
)


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


def existing_ids(seeds: Path, leave_out: Path | None = None) -> dict[str, set[str]]:
    """The ids already used in each section of a seeds directory (drafts included), but those of ``leave_out`` (the
    draft file an import rewrites)."""
    ids: dict[str, set[str]] = {s: set() for s in ("articles", "actors", "places", "events", "statements", "figures")}
    for path in sorted([*seeds.glob("*.yaml"), *seeds.glob("*.yml")]):
        if leave_out is not None and path.resolve() == leave_out.resolve():
            continue
        seed_file, problems = read_seed_file(path, str(path))
        if problems:
            raise KztimelineError(f"{problems[0]} (fix it before importing)")
        data = seed_file.content
        if not isinstance(data, dict):
            continue
        for section, records in data.items():
            if section in ids and isinstance(records, list):
                ids[section] |= {str(r["id"]) for r in records if isinstance(r, dict) and r.get("id")}
    return ids


def _whitespace_normalised(text: str) -> str:
    return " ".join(text.split())


def already_imported(seeds: Path, text: str, addresses: tuple[str, ...] = ()) -> tuple[str, Path] | None:
    """The id and YAML file of the article of ``seeds`` whose text is ``text`` (whitespace runs aside), or whose
    ``url`` is one of ``addresses`` (spelt alike: see :func:`url_key`), or None.

    Importing the same page twice would otherwise make ``…-2`` copies of every record, referring to actors that only
    the first draft proposes.
    """
    wanted = _whitespace_normalised(text)
    wanted_addresses = {url_key(address) for address in addresses}
    for path in sorted([*seeds.glob("*.yaml"), *seeds.glob("*.yml")]):
        seed_file, _ = read_seed_file(path, str(path))
        data = seed_file.content
        articles = data.get("articles") if isinstance(data, dict) else None
        for record in articles if isinstance(articles, list) else []:
            if not isinstance(record, dict) or not isinstance(record.get("file"), str) or not record.get("id"):
                continue
            if isinstance(record.get("url"), str) and url_key(record["url"]) in wanted_addresses:
                return str(record["id"]), path
            try:
                existing = (seeds / record["file"]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if _whitespace_normalised(existing) == wanted:
                return str(record["id"]), path
    return None


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
    previous = already_imported(seeds, text, page.addresses if page else ())
    if previous is not None and not replace:
        raise AlreadyImportedError(
            f"{source}: already imported as {previous[0]} ({previous[1]}); nothing was written"
            " (--replace drafts it again, keeping the records already accepted)"
        )
    kept: dict[str, list[dict[str, Any]]] = {}
    if previous is not None:
        article_id = previous[0]
        kept = _accepted_records(previous[1])
    ids = existing_ids(seeds, leave_out=previous[1] if previous else None)
    gazetteers = Gazetteers.from_seeds(seeds)
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

    draft = DraftBuilder(parsed, article_id, text_path.relative_to(seeds).as_posix(), ids, gazetteers, text)
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
        section: [_plain(record) for record in records if isinstance(record, dict) and not record.get("draft")]
        for section, records in data.items()
        if isinstance(records, list)
    }


def _plain(value: Any) -> Any:
    """A record as plain dicts and lists, to write out again."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


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
        taken = {record.get("id") for record in accepted}
        merged[section] = accepted + [record for record in drafted.get(section, []) if record.get("id") not in taken]
    return merged


def _write_both(first: Path, first_bytes: bytes, second: Path, second_bytes: bytes) -> None:
    """Write two new files so that either both appear complete or neither does."""
    temporary: list[Path] = []
    try:
        for path, content in ((first, first_bytes), (second, second_bytes)):
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            temporary.append(Path(name))
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
    """Builds the seeds records for one parsed article, with ids that do not collide with existing ones."""

    def __init__(
        self,
        parsed: ParsedArticle,
        article_id: str,
        file: str,
        ids: dict[str, set[str]],
        gazetteers: Gazetteers,
        text: str,
    ) -> None:
        self.parsed = parsed
        self.article_id = article_id
        self.file = file
        self.ids = {section: set(values) for section, values in ids.items()}
        self.gazetteers = gazetteers
        self.text = text
        self.new_actors: dict[str, dict[str, Any]] = {}  # by name key
        self.new_places: dict[int, dict[str, Any]] = {}  # by geonames id
        self.notes: dict[str, str] = {}  # record id -> comment placed above it
        self.unresolved: list[str] = []

    # ---- records ----

    def build(self) -> dict[str, list[dict[str, Any]]]:
        article = self._article()
        statements = [self._statement(quote, index) for index, quote in enumerate(self.parsed.quotes, start=1)]
        figures = [self._figure(figure) for figure in self.parsed.figures]
        events = self._events()
        for mention in self.parsed.places:  # every place the seeds do not know yet, not only those in events
            self._place_id(mention)
        document: dict[str, list[dict[str, Any]]] = {"articles": [article]}
        if self.new_actors:
            document["actors"] = list(self.new_actors.values())
        if self.new_places:
            document["places"] = list(self.new_places.values())
        if events:
            document["events"] = events
        if statements:
            document["statements"] = statements
        if figures:
            document["figures"] = figures
        return document

    def _published(self) -> str | None:
        if self.parsed.published_at:
            return self.parsed.published_at
        return self.parsed.published.isoformat() if self.parsed.published else None

    def _article(self) -> dict[str, Any]:
        parsed = self.parsed
        title = parsed.title
        if not title:
            first_sentence = re.split(r"(?<=[.!?])\s", parsed.body.strip(), maxsplit=1)[0]
            title = first_sentence[:200]
            self.notes[self.article_id] = "the page has no headline: the title is its first sentence; shorten it"
        if not parsed.published:
            self.unresolved.append(
                f"articles[{self.article_id}].published (the text states no date: pass --published DATE, or fill in"
                " published_inferred and date_note with the evidence)"
            )
        return {
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

    def _speaker_id(self, quote: Quote) -> str | None:
        if quote.speaker_id:
            return quote.speaker_id
        if not quote.speaker:
            return None
        return self._propose_actor(quote.speaker, quote.speaker_kind, "quoted in the article")

    def _propose_actor(self, name: str, kind: str | None, why: str) -> str:
        key = name.casefold()
        if key in self.new_actors:
            return str(self.new_actors[key]["id"])
        actor_id = _unique(slugify(name), self.ids["actors"])
        actor_kind = {"person": "person", "group": "group", "organisation": "organisation"}.get(kind or "", "group")
        self.new_actors[key] = {
            "id": actor_id,
            "name": name,
            "kind": actor_kind,
            "description": f"{why} ({self.article_id}); {DESCRIBE_PLACEHOLDER}",
            "aliases": [],
            "draft": True,
        }
        return actor_id

    def _statement(self, quote: Quote, index: int) -> dict[str, Any]:
        words = "-".join(re.findall(r"\w+", _transliterate(quote.text).casefold())[:5])
        speaker_id = self._speaker_id(quote)
        statement_id = _unique(slugify(f"{speaker_id or 'unknown'}-{words}", 70), self.ids["statements"])
        if speaker_id is None:
            self.unresolved.append(f"statements[{statement_id}].speaker (no speaker found)")
        evidence = self._date_evidence(quote.start, quote.end) if quote.said_on else None
        date = quote.said_on or self.parsed.published
        source: dict[str, Any] = {"article": self.article_id, "via": self._via_id(quote), "excerpt": None}
        return {
            "id": statement_id,
            "speaker": speaker_id,
            "text": quote.text,
            "partial": False,
            **self._date_block(date, evidence, f"statements[{statement_id}]"),
            "sources": [source],
            "draft": True,
        }

    def _via_id(self, quote: Quote) -> str | None:
        if quote.via_id:
            return quote.via_id
        if quote.via:
            return self._propose_actor(quote.via, "organisation", "credited as the outlet quoting")
        return None

    def _sentence_text(self, start: int, end: int) -> str:
        return self.text[start:end].strip()

    def _date_evidence(self, start: int, end: int) -> str | None:
        for mention in self.parsed.all_dates:
            if mention.relative and mention.start >= start - 400 and mention.end <= end + 400:
                return mention.text
        return None

    def _figure(self, figure: Figure) -> dict[str, Any]:
        value_part = str(figure.value) if figure.value is not None else figure.qualifier.replace(" ", "-")
        figure_id = _unique(slugify(f"{figure.metric}-{value_part}-{self.article_id}", 80), self.ids["figures"])
        stated_by = figure.stated_by_id
        if stated_by is None and figure.stated_by:
            stated_by = self._propose_actor(figure.stated_by, "organisation", "credited with a figure")
        excerpt = self._sentence_text(*figure.sentence)
        return {
            "id": figure_id,
            "metric": figure.metric,
            "stated": figure.text,
            "value": figure.value,
            "qualifier": figure.qualifier,
            "scope": figure.scope,
            "place": None,
            **self._date_block(self.parsed.published, None, f"figures[{figure_id}]"),
            "stated_by": stated_by,
            "via": None,
            "article": self.article_id,
            "excerpt": excerpt,
            "status": "current",
            "draft": True,
        }

    def _events(self) -> list[dict[str, Any]]:
        """One candidate event per body sentence that has a resolved day and names an actor or a place."""
        events = []
        seen_sentences: set[tuple[int, int]] = set()
        quotes = [(q.start, q.end) for q in self.parsed.quotes]
        for mention in self.parsed.all_dates:
            if not mention.relative or mention.precision != "day" or mention.date is None:
                continue
            sentence = self.parsed.sentence_of(mention.start)
            if sentence is None or sentence in seen_sentences:
                continue
            if any(start <= mention.start < end for start, end in quotes):
                continue
            seen_sentences.add(sentence)
            actors = [m for m in self.parsed.actors if sentence[0] <= m.start < sentence[1]]
            places = [m for m in self.parsed.places if sentence[0] <= m.start < sentence[1]]
            if not actors and not places:
                continue
            excerpt = self._sentence_text(*sentence)
            event_id = _unique(slugify(f"{self.article_id}-{mention.date.isoformat()}", 80), self.ids["events"])
            events.append(
                {
                    "id": event_id,
                    **self._date_block(mention.date, mention.text, f"events[{event_id}]"),
                    "title": f"{REPORTS_PLACEHOLDER}{_shorten(excerpt, 110)}",
                    "summary": None,
                    "type": _event_type(excerpt),
                    "tags": [],
                    "places": _unique_ids(self._place_id(m) for m in places),
                    "actors": [
                        {"actor": actor_id, "role": "mentioned"} for actor_id in _unique_ids(m.id for m in actors)
                    ],
                    "citations": [{"article": self.article_id, "excerpt": excerpt}],
                    "draft": True,
                }
            )
            self.notes[event_id] = "candidate event: rewrite the title neutrally and with attribution, set the roles"
        return events

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


def _as_name(printed: str) -> str:
    """A name as printed, in title case when the page printed it in capitals ("МОСКВА" -> "Москва")."""
    return printed.title() if printed.isupper() else printed


def _unique_ids(values: Any) -> list[str]:
    result: list[str] = []
    for value in values:
        if value and value not in result:
            result.append(value)
    return result


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _event_type(sentence: str) -> str:
    lowered = sentence.casefold()
    for event_type, hints in _EVENT_TYPE_HINTS:
        if any(hint in lowered for hint in hints):
            return event_type
    return "communications"


class _DraftDumper(yaml.SafeDumper):
    """Block style, keys in the order given, long strings folded at 120 columns."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_DraftDumper.add_representer(str, _represent_str)


def render_draft(document: dict[str, list[dict[str, Any]]], notes: dict[str, str], schema_line: str = "") -> str:
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
            note = notes.get(str(record.get("id")))
            if note:
                parts.append(f"  # {note}\n")
            dumped = yaml.dump(
                [record], Dumper=_DraftDumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False
            )
            parts.append("".join(f"  {line}\n" if line else "\n" for line in dumped.splitlines()))
    return "".join(parts)
