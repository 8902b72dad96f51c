"""Read an article out of a web page: its text without the page around it, and what the page says about itself.

Saved pages and fetched addresses come as HTML: navigation, scripts, cookie banners and footers around the article,
and metadata (Open Graph and ``<meta>`` tags, JSON-LD, the canonical link) that states the headline, byline, date and
address better than any guess from the text. trafilatura (with htmldate for the date) is made for exactly this and
is well kept; it is large with its dependencies, so it is the optional extra ``kztimeline[web]``, imported only when
a page is HTML.

The HTML is parsed by lxml into a tree and never rendered: no script runs, nothing it links to is fetched. Only the
extracted text is kept (``seeds/articles/`` receives it, the parser and the verbatim excerpts work on it); control
characters, such as terminal escape sequences, are removed from it and from the metadata.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from kztimeline.errors import KztimelineError, WebExtraMissing
from kztimeline.parse.document import ParsedArticle

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# What only an HTML document starts with (after a byte-order mark, blank space and comments)
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|span|article|h1|a\s+href)\b[^>]*>", re.I)
# Control characters but tab and line breaks: a page's text can carry terminal escape sequences
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ISO_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")


@dataclass(frozen=True)
class PageMetadata:
    """What a page states about itself. An import fills the article record with it, before the plain-text rules'
    guesses; ``--published`` still overrides the date."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None  # the site's name (og:site_name, the JSON-LD publisher)
    published: dt.date | None = None
    published_at: str | None = None  # ISO date-time with UTC offset, when the page gives a time of day
    url: str | None = None  # the address the article record keeps
    retrieved: str | None = None  # when the page was fetched (ISO date-time, UTC), for addresses
    # every address the page was asked for, reached at or declares: any of them recognises it as already imported
    addresses: tuple[str, ...] = ()

    def fill_parsed(self, parsed: ParsedArticle) -> None:
        """The page's headline, byline and site name in place of what the plain-text rules read from its text."""
        parsed.title = self.title or parsed.title
        parsed.author = self.author or parsed.author
        parsed.outlet = self.outlet or parsed.outlet

    def fill_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """An article record with the page's address, and when it was retrieved (right after the address)."""
        filled: dict[str, Any] = {}
        for key, value in record.items():
            if key == "retrieved" and self.retrieved:
                continue  # an earlier retrieval's time, placed again after url below
            filled[key] = self.url if key == "url" and self.url else value
            if key == "url" and self.retrieved:
                filled["retrieved"] = self.retrieved
        return filled


@dataclass(frozen=True)
class HtmlArticle:
    """The text of an article read out of a page, and the page's metadata."""

    text: str
    metadata: PageMetadata


def looks_like_html(raw: bytes, name: str = "") -> bool:
    """Whether a file is an HTML page: by its name (``.html``…) or by its content, since saved pages and pasted
    sources are often named ``.txt`` or nothing; plain text that mentions a tag or two is not HTML."""
    if any(name.casefold().endswith(suffix) for suffix in HTML_SUFFIXES):
        return True
    head = raw[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def read_html_article(raw: bytes | str, name: str, *, url: str | None = None) -> HtmlArticle:
    """The article in an HTML page (bytes in the page's own encoding, or text already decoded), with its metadata.

    ``url`` is the address the page was fetched from (its links and dates in the address help the extraction).
    A page without article text is an error naming it.
    """
    try:
        import trafilatura
        from trafilatura.settings import Document
    except ImportError:
        raise WebExtraMissing(name) from None
    document = trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # dates from the page's markup (meta tags, JSON-LD, <time>, the address), not guessed from its sentences
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    body = _clean(document.text or "") if isinstance(document, Document) else ""
    if not isinstance(document, Document) or not body.strip():
        raise KztimelineError(f"{name}: no article text found in this HTML page")
    title = _one_line(document.title)
    published = _day(document.date)
    metadata = PageMetadata(
        title=title,
        author=_one_line(document.author),
        outlet=_one_line(document.sitename),
        published=published,
        published_at=_published_time(raw, published),
        url=_one_line(document.url),
        addresses=tuple(address for address in [_one_line(document.url)] if address),
    )
    return HtmlArticle(_article_text(title, body), metadata)


def _article_text(title: str | None, body: str) -> str:
    """The text kept for an article: its headline on the first line (the plain-text rules read it there, and an
    excerpt may quote it), then one paragraph per line with a blank line between."""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and paragraphs and paragraphs[0].casefold() != title.casefold():
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n"


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\u00a0", " "))


def _one_line(value: str | None) -> str | None:
    """A metadata value as one clean line, or None when the page gives nothing."""
    if not value:
        return None
    cleaned = " ".join(_clean(value).split())
    return cleaned or None


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _published_time(raw: bytes | str, day: dt.date | None) -> str | None:
    """The page's publication date-time with its UTC offset ("2022-01-08T13:22+06:00"), when its markup states
    one for the same day htmldate found (htmldate itself keeps the day only)."""
    if day is None:
        return None
    markup = _PublicationMarkup()
    markup.feed(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw)  # the dates are ASCII
    markup.close()
    candidates = markup.meta_dates + [date for script in markup.json_ld for date in _json_ld_dates(script)]
    for candidate in candidates:
        match = _ISO_DATE_TIME.match(candidate.strip())
        if match and match.group(1) == day.isoformat():
            offset = match.group(3)
            offset = "+00:00" if offset == "Z" else f"{offset[:3]}:{offset[-2:]}"
            return f"{match.group(1)}T{match.group(2)}{offset}"
    return None


class _PublicationMarkup(HTMLParser):
    """Collects the publication dates of ``<meta>`` tags and the JSON-LD blocks of a page (nothing else is kept)."""

    _META_KEYS = frozenset({"article:published_time", "datepublished", "pubdate", "date", "dc.date.issued"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta_dates: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.casefold(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("itemprop") or attributes.get("name") or "").casefold()
            if key in self._META_KEYS and attributes.get("content"):
                self.meta_dates.append(attributes["content"])
        elif tag == "script":
            self._in_json_ld = attributes.get("type", "").casefold() == "application/ld+json"
            if self._in_json_ld:
                self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data


def _json_ld_dates(script: str) -> list[str]:
    """Every ``datePublished`` in a JSON-LD block (a single object, a list, or an ``@graph``)."""
    try:
        data = json.loads(script)
    except ValueError:
        return []
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                found.append(node["datePublished"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return found
