"""What ``kztimeline import`` reads: text files, saved web pages, standard input, web addresses and directories.

Each input becomes one :class:`ArticleSource`: the text the parser reads, the bytes ``seeds/articles/`` keeps, a
name for messages, and, for a web page, what the page states about itself. Plain text is kept byte for byte, as
before. An HTML page (recognised by its content, whatever its name) keeps only the article text read out of it: the
parser and the verbatim excerpts work on that text, and the HTML, which may hold scripts, is never stored or shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kztimeline.curation.fetch import clean_url, fetch_page, is_site_root, is_web_address
from kztimeline.curation.importing import ImportResult, import_article_text
from kztimeline.errors import AlreadyImportedError, KztimelineError
from kztimeline.parse.article import decode_article_text
from kztimeline.parse.html_page import PageMetadata, looks_like_html, read_html_article

STANDARD_INPUT = "-"
STDIN_NAME = "<stdin>"
# The files of a directory that `import DIR` reads (a saved page's `_files/` folder and other files stay out)
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml")


@dataclass(frozen=True)
class ArticleSource:
    """One article as given to ``kztimeline import``."""

    text: str  # what the parser reads
    raw: bytes  # what seeds/articles/ keeps: the file as given for plain text, the extracted text (UTF-8) for HTML
    name: str  # the file name or address, for messages
    fallback_id: str  # the article id when the text has no headline to make one from
    page: PageMetadata | None = None  # what a web page states about itself


def expand_inputs(arguments: Iterable[str]) -> list[str]:
    """The inputs named on the command line, a directory replaced by its article files (sorted by name)."""
    inputs: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if argument != STANDARD_INPUT and not is_web_address(argument) and path.is_dir():
            found = sorted(
                str(child)
                for child in path.iterdir()
                if child.is_file() and not child.name.startswith(".") and child.suffix.casefold() in ARTICLE_SUFFIXES
            )
            if not found:
                raise KztimelineError(f"{argument}: no article files in this directory ({', '.join(ARTICLE_SUFFIXES)})")
            inputs.extend(found)
        else:
            inputs.append(argument)
    return inputs


def read_source(argument: str, read_stdin: Callable[[], bytes] = lambda: b"") -> ArticleSource:
    """Read one input: ``-`` (standard input, whose bytes ``read_stdin`` returns), an http(s) address, or a file."""
    if argument == STANDARD_INPUT:
        return source_from_bytes(read_stdin(), STDIN_NAME, "article")
    if is_web_address(argument):
        return read_web_address(argument)
    path = Path(argument)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KztimelineError(f"{argument}: file not found") from None
    except IsADirectoryError:
        raise KztimelineError(f"{argument}: is a directory, not an article file") from None
    except OSError as error:
        raise KztimelineError(f"{argument}: cannot read it ({error.strerror})") from None
    return source_from_bytes(raw, argument, path.stem)


def source_from_bytes(raw: bytes, name: str, fallback_id: str) -> ArticleSource:
    """A file's or standard input's bytes as an article: an HTML page's article text, or the plain text itself."""
    if looks_like_html(raw, name):
        article = read_html_article(raw, name)
        page = _with_address(article.metadata, article.metadata.url)
        return ArticleSource(article.text, article.text.encode("utf-8"), name, fallback_id, page)
    return ArticleSource(decode_article_text(raw, name), raw, name, fallback_id)


def read_web_address(url: str) -> ArticleSource:
    """Fetch ``url`` and read the article in it.

    The article keeps the address the text was read from (after redirects, without tracking parameters): it is what
    ``retrieved`` dates, and where anyone can check the text. The page's canonical address is not kept instead (a
    syndicated copy declares the original, whose text may differ) but, with the address given, it recognises the
    page as already imported.
    """
    fetched = fetch_page(url)
    fallback_id = _last_segment(fetched.url)
    if fetched.content_type != "text/plain" or looks_like_html(fetched.body):
        content: bytes | str = fetched.body
        if fetched.charset:
            try:
                content = fetched.body.decode(fetched.charset)  # the server's charset goes before the page's <meta>
            except (LookupError, UnicodeDecodeError):
                content = fetched.body
        article = read_html_article(content, url, url=fetched.url)
        text, metadata = article.text, article.metadata
    else:
        text = _decode_plain(fetched.body, fetched.charset, url)
        metadata = PageMetadata()
    address = clean_url(fetched.url)
    declared = tuple(a for a in metadata.addresses if not is_site_root(a))
    page = replace(
        metadata, url=address, retrieved=fetched.retrieved, addresses=(fetched.requested, fetched.url, *declared)
    )
    return ArticleSource(text, text.encode("utf-8"), url, fallback_id, page)


def _with_address(metadata: PageMetadata, url: str | None) -> PageMetadata:
    """A saved page's metadata: the address it declares (canonical link, og:url), cleaned, is the article's."""
    if not url:
        return metadata
    addresses = () if is_site_root(url) else (url,)
    return replace(metadata, url=None if is_site_root(url) else clean_url(url), addresses=addresses)


def _decode_plain(body: bytes, charset: str | None, url: str) -> str:
    if charset and charset.casefold().replace("-", "") != "utf8":
        try:
            return body.decode(charset).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_article_text(body, url).removeprefix("\ufeff")


def _last_segment(url: str) -> str:
    """The last part of an address's path ("…/2022/01/08/police-detain-hundreds/" -> "police-detain-hundreds")."""
    segments = [part for part in unquote(urlsplit(url).path).split("/") if part]
    return Path(segments[-1]).stem if segments else (urlsplit(url).hostname or "article")


@dataclass(frozen=True)
class ImportOptions:
    """The options of ``kztimeline import`` that apply to every input."""

    article_id: str | None = None
    published: dt.date | None = None
    published_at: str | None = None
    use_geonames: bool = True
    replace: bool = False


def import_source(source: ArticleSource, seeds: Path, options: ImportOptions) -> ImportResult:
    """Write one article's text and draft seeds into ``seeds`` (see :func:`import_article_text`)."""
    if not seeds.is_dir():
        raise KztimelineError(f"seeds directory not found: {seeds} (pass --seeds DIR)")
    return import_article_text(
        source.text,
        source.raw,
        source.name,
        seeds,
        article_id=options.article_id,
        published=options.published,
        published_at=options.published_at,
        use_geonames=options.use_geonames,
        fallback_id=source.fallback_id,
        replace=options.replace,
        page=source.page,
    )


@dataclass
class ImportSummary:
    """What importing several inputs did: each input is imported, already there, or failed with a reason."""

    imported: list[ImportResult] = field(default_factory=list)
    already_imported: list[str] = field(default_factory=list)  # one line each, naming the input
    failed: list[str] = field(default_factory=list)  # one line each, naming the input and why

    @property
    def ok(self) -> bool:
        return not self.failed


def import_inputs(
    inputs: list[str],
    seeds: Path,
    options: ImportOptions,
    *,
    read_stdin: Callable[[], bytes] = lambda: b"",
    on_input: Callable[[str, int], None] | None = None,
) -> ImportSummary:
    """Import each input in turn; one that fails is reported and the others go on.

    Each article is written whole or not at all (its text and drafts appear together), so a failure leaves nothing
    half-written. ``on_input(name, done)`` is called before each input, for a progress display.
    """
    summary = ImportSummary()
    for done, name in enumerate(inputs):
        if on_input is not None:
            on_input(name, done)
        try:
            summary.imported.append(import_source(read_source(name, read_stdin), seeds, options))
        except AlreadyImportedError as error:
            summary.already_imported.append(str(error))
        except KztimelineError as error:
            shown = STDIN_NAME if name == STANDARD_INPUT else name
            summary.failed.append(str(error) if str(error).startswith(shown) else f"{shown}: {error}")
    return summary
