"""Fetch an article's page from the web for ``kztimeline import https://…``, and tell when two addresses are one page.

The standard library's urllib is enough for one page per article: it follows redirects (bounded here), honours the
usual proxy variables, and adds no dependency. What a curator needs from it is a clear answer when something is
wrong, so every failure (offline, unknown host, refused connection, no answer in time, an HTTP error status, a page
too large, a body that is not text) is one :class:`FetchError` sentence naming the address.
"""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kztimeline import __version__
from kztimeline.errors import FetchError

TIMEOUT_SECONDS = 20.0
MAX_BYTES = 5 * 1024 * 1024  # a news page with its markup is well under 1 MB; 5 MB stops a file download early
MAX_REDIRECTS = 5
USER_AGENT = f"kztimeline/{__version__} (+https://github.com/kztimeline/kztimeline)"
# What an article can come as: a page, or plain text (a wire service's text version)
TEXT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# Query parameters that say where a reader clicked from, not which page it is
_TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid"})


@dataclass(frozen=True)
class FetchedPage:
    """One page as the server sent it."""

    requested: str  # the address given
    url: str  # the address the content came from, after redirects
    content_type: str  # "text/html", without parameters
    charset: str | None  # from the Content-Type header, when the server names one
    body: bytes
    retrieved: str  # when, as an ISO date-time in UTC ("2026-12-04T10:58:03+00:00")


def is_web_address(value: str) -> bool:
    """Whether a command-line argument is an ``http://`` or ``https://`` address rather than a file name."""
    return value.split("://", 1)[0].casefold() in ("http", "https") and "://" in value


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s) addresses."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.casefold() not in ("http", "https"):
            raise FetchError(f"{req.full_url}: redirected to {newurl!r}, which is not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_page(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> FetchedPage:
    """Download ``url`` (following redirects) as an article page; any failure is a :class:`FetchError`.

    ``timeout`` (default TIMEOUT_SECONDS) bounds each wait for the server and the whole body; ``max_bytes`` (default
    MAX_BYTES) bounds the body, checked against Content-Length before reading and while reading (a server may send
    no length, or a wrong one).
    """
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if not is_web_address(url) or not urlsplit(url).hostname:
        raise FetchError(f"{url}: not an http(s) address")
    opener = urllib.request.build_opener(_BoundedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"})
    retrieved = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            content_type = response.headers.get_content_type()
            if content_type not in TEXT_TYPES:
                raise FetchError(f"{url}: not an article page (Content-Type: {content_type})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url}: the page is {_size(int(length))}, more than the {_size(max_bytes)} limit")
            body = _read_body(response, url, max_bytes, timeout)
            charset = response.headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:  # urllib gave up following: a loop, or too long a chain
            raise FetchError(f"{url}: redirected too many times (a loop, or more than {MAX_REDIRECTS})") from None
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: {_reason(error.reason)}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as error:  # a connection reset mid-body, a malformed address
        raise FetchError(f"{url}: {_reason(error)}") from None
    if b"\0" in body[:8192]:
        raise FetchError(f"{url}: the content is binary, not an article page (Content-Type: {content_type})")
    return FetchedPage(url, final_url, content_type, charset, body, retrieved)


def _read_body(response: http.client.HTTPResponse, url: str, max_bytes: int, timeout: float) -> bytes:
    """The body, at most ``max_bytes``, read as it arrives so that a server sending a byte at a time cannot keep the
    import waiting beyond ``timeout`` seconds (the socket timeout bounds only each wait)."""
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: the page is larger than the {_size(max_bytes)} limit")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the page did not arrive in time (more than {timeout:g} s)")
    return b"".join(chunks)


def _reason(reason: Any) -> str:
    """Why a connection failed, in words a curator can act on."""
    if isinstance(reason, socket.gaierror):
        return "cannot find this host (offline, or a mistyped address?)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (no server listening at this address)"
    if isinstance(reason, TimeoutError):
        return "no answer in time (offline, or the server is down?)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the site's certificate is not valid ({reason.verify_message})"
    if isinstance(reason, urllib.error.HTTPError):
        return f"the server answered {reason.code} {reason.reason}"
    if isinstance(reason, OSError) and reason.strerror:
        return str(reason.strerror).rstrip(".").lower()
    return str(reason)


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MiB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KiB"


# --- the same page under other addresses ----------------------------------------------------------------------------


def clean_url(url: str) -> str:
    """``url`` without what only says how a reader came to it: the #fragment and tracking parameters (utm_*, fbclid…).

    This is what an article record keeps: the address of the page, not of one click on it.
    """
    parts = urlsplit(url.strip())
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(key)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def url_key(url: str) -> str:
    """One spelling per page, to recognise an article already imported under another spelling of its address:
    cleaned (:func:`clean_url`), scheme and host in lower case, the default port and a trailing slash dropped,
    ``http`` and ``https`` alike."""
    parts = urlsplit(clean_url(url))
    host = (parts.hostname or "").casefold().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    path = parts.path.rstrip("/")
    return urlunsplit(("http", netloc, path, parts.query, ""))


def is_site_root(url: str) -> bool:
    """Whether ``url`` is a site's home page: some sites declare it as the canonical address of every article, so it
    says nothing about which article a page is."""
    parts = urlsplit(url)
    return parts.path.strip("/") == "" and not parts.query


def _tracking(parameter: str) -> bool:
    lowered = parameter.casefold()
    return lowered.startswith("utm_") or lowered in _TRACKING_PARAMETERS
