"""`kztimeline import` takes articles as people have them: saved web pages, addresses, several files, a directory.

The pages in tests/data/web are served from a local HTTP server on 127.0.0.1 (no test needs the internet). Reading
HTML needs the `web` extra (trafilatura); the tests that read HTML are skipped without it, and CI installs it with
the `test` extra.
"""

from __future__ import annotations

import contextlib
import http.server
import importlib.util
import json
import os
import re
import shutil
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from kztimeline.cli import cli
from kztimeline.curation import fetch

WEB = Path(__file__).parent / "data" / "web"
ARTICLES = Path(__file__).parent / "data" / "articles"
# skipped without the extra, unless KZTIMELINE_REQUIRE_WEB=1 (set by CI, which installs it): then they fail
needs_web = pytest.mark.skipif(
    importlib.util.find_spec("trafilatura") is None and os.environ.get("KZTIMELINE_REQUIRE_WEB") != "1",
    reason="the web extra is not installed: pip install -e '.[web]'",
)
RETRIEVED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")
STEPPE_TEXT = """Police detain hundreds as Almaty clean-up begins

President Tokayev on Friday said: "I gave an order to the law enforcement agencies and the army to open fire, to kill without warning."

"The situation is under control," Interior Ministry spokesman Aibek Dzhaksybekov told reporters on Saturday. "Patrols will continue until January 19."

He added that more than 4,400 people were detained in Almaty and at least 26 were killed, including 18 "armed criminals".

"We are not bandits," said Aigerim Nurlanova, a teacher in Almaty. "We want cheaper gas for everyone in the country."

Street cleaners worked through Saturday to clear burnt cars from the central square, where the city administration building was set on fire on Wednesday.
"""
STEPPE_ID = "police-detain-hundreds-as-almaty-clean-up-begins"


class Site(http.server.BaseHTTPRequestHandler):
    """A news site with the pages of tests/data/web and every way a fetch can go wrong."""

    live_blog_visits = 0

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")  # "/live/" is "/live", as on most sites
        if path == "/world/police-detain-hundreds":
            self._send(200, "text/html; charset=utf-8", (WEB / "steppe-wire.html").read_bytes())
        elif path == "/old-address":
            self._redirect("/world/police-detain-hundreds?utm_source=feed&utm_medium=rss#comments")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/ru/news/v-almaty-zaderzhany":  # the charset is only in the page's <meta>
            self._send(200, "text/html", (WEB / "kaztag-cp1251.html").read_bytes())
        elif path == "/ru/news/charset-in-header":  # the header's charset goes before a wrong one in the <meta>
            page = (WEB / "kaztag-cp1251.html").read_bytes().replace(b'charset="windows-1251"', b'charset="utf-8"')
            self._send(200, "text/html; charset=windows-1251", page)
        elif path == "/wire.txt":
            self._send(200, "text/plain; charset=utf-8", (ARTICLES / "wire_en.txt").read_bytes())
        elif path == "/live":  # a page that changes between visits: its address still identifies it
            Site.live_blog_visits += 1
            page = (WEB / "steppe-wire.html").read_text(encoding="utf-8")
            update = f"<p>Update {Site.live_blog_visits}: patrols continued overnight in Almaty.</p></div>"
            self._send(200, "text/html; charset=utf-8", page.replace("</div>\n    </article>", update, 1).encode())
        elif path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 100_000 + b"</p>")
        elif path == "/big-unannounced":  # no Content-Length: the limit holds while reading
            self._send(200, "text/html", b"<p>" + b"x" * 100_000 + b"</p>", length=False)
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", (WEB / "bare.html").read_bytes())
        elif path == "/photo.jpg":
            self._send(200, "image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
        elif path == "/disguised":
            self._send(200, "text/html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, content_type: str, body: bytes, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped: the size limit
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    """The base address of the local site ("http://127.0.0.1:PORT")."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.live_blog_visits = 0
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def run() -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str, input: bytes | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def article_of(draft: Path) -> dict[str, Any]:
    record: dict[str, Any] = yaml.safe_load(draft.read_text(encoding="utf-8"))["articles"][0]
    return record


def files_in(seeds: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(seeds.rglob("*")) if path.is_file()}


# --- saved pages -------------------------------------------------------------------------------------------------


@needs_web
def test_a_saved_page_keeps_the_article_text_and_fills_the_record_from_the_page(
    seeds: Path, run: Callable[..., Result]
) -> None:
    result = run("import", str(WEB / "steppe-wire.html"), "--seeds", str(seeds))
    assert result.exit_code == 0, result.stderr
    text_path = seeds / "articles" / f"{STEPPE_ID}.txt"
    draft = seeds / f"article-{STEPPE_ID}.yaml"
    assert result.stdout.splitlines()[:2] == [
        f"imported {STEPPE_ID}: copied the text to {text_path}",
        f"wrote drafts to {draft}: 1 articles, 2 actors, 1 events, 1 citations, 5 statements, 3 figures",
    ]
    # the article's text, not the page: no navigation, cookie banner, share links, related links, footer or script
    assert text_path.read_text(encoding="utf-8") == STEPPE_TEXT
    assert article_of(draft) == {
        "id": STEPPE_ID,
        "file": f"articles/{STEPPE_ID}.txt",
        "title": "Police detain hundreds as Almaty clean-up begins",  # og:title, not the <title> with the site name
        "outlet": "Steppe Wire",
        "author": "Jane Fixture",
        "url": "https://www.steppewire.example/world/2022/01/08/police-detain-hundreds/",
        "published": "2022-01-08T13:22+06:00",  # the time and offset of article:published_time / JSON-LD
        "published_inferred": False,
        "date_note": None,
        "language": "en",
        "draft": True,
    }
    statements = yaml.safe_load(draft.read_text(encoding="utf-8"))["statements"]
    assert (statements[0]["speaker"], statements[0]["date"]) == ("tokayev", "2022-01-07")  # "on Friday"


@needs_web
def test_a_page_is_html_by_its_content_whatever_its_name(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    saved = tmp_path / "khorgos.txt"
    shutil.copy(WEB / "bare.html", saved)
    result = run("import", str(saved), "--seeds", str(seeds), "--published", "2022-01-10")
    assert result.exit_code == 0, result.stderr
    stored = seeds / "articles" / "khorgos.txt"  # no headline: the id is the file's name
    assert stored.read_text(encoding="utf-8") == (
        "Traders at the Khorgos crossing said on Monday that lorries had waited at the border for a week while the"
        " internet was down across the country.\n\n"
        '"We lost a whole week," said Kubat Fixturov, who drives for a company in Almaty. "Nobody could pay or be'
        ' paid."\n'
    )
    article = article_of(seeds / f"article-{stored.stem}.yaml")
    assert (article["url"], article["outlet"], article["author"], article["published"]) == (
        None,
        None,
        None,
        "2022-01-10",
    )


@needs_web
def test_a_page_in_windows_1251_keeps_its_russian_metadata(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(WEB / "kaztag-cp1251.html"), "--seeds", str(seeds), "--id", "kaztag-detained")
    assert result.exit_code == 0, result.stderr
    assert (
        (seeds / "articles" / "kaztag-detained.txt")
        .read_text(encoding="utf-8")
        .startswith(
            "В Алматы задержаны более 4 тысяч человек\n\nБолее 4 тысяч человек задержаны в Алматы после беспорядков,"
        )
    )
    article = article_of(seeds / "article-kaztag-detained.yaml")
    assert (article["title"], article["author"], article["outlet"], article["published"], article["language"]) == (
        "В Алматы задержаны более 4 тысяч человек",
        "Асель Фикстурова",
        "KazTAG Fixture",
        "2022-01-09",
        "ru",
    )
    assert article["url"] == "https://kaztag.example/ru/news/v-almaty-zaderzhany"


@needs_web
def test_nothing_of_a_hostile_page_runs_or_reaches_the_terminal(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(WEB / "hostile.html"), "--seeds", str(seeds), "--id", "damage")
    assert result.exit_code == 0, result.stderr
    stored = (seeds / "articles" / "damage.txt").read_text(encoding="utf-8")
    draft = (seeds / "article-damage.yaml").read_text(encoding="utf-8")
    assert stored == (
        "Unrest[2J: officials count the damage\n\n"  # the escape character is gone: "[2J" clears no screen
        "Officials in Almaty said on Monday that more than 100 buildings were damaged.\n\n"
        "Repairs would take until the end of January, the city administration said in a statement on its website.\n"
    )
    for written in (stored, draft, result.stdout, result.stderr):
        assert "\x1b" not in written and "\x07" not in written
        assert "alert(" not in written and "evil.example" not in written and "<" not in written
    assert article_of(seeds / "article-damage.yaml")["published"] == "2022-01-10"


@needs_web
def test_a_page_on_standard_input_is_read_as_html(seeds: Path, run: Callable[..., Result]) -> None:
    result = run("import", "-", "--seeds", str(seeds), input=(WEB / "steppe-wire.html").read_bytes())
    assert result.exit_code == 0, result.stderr
    assert (seeds / "articles" / f"{STEPPE_ID}.txt").read_text(encoding="utf-8") == STEPPE_TEXT


def test_without_the_web_extra_a_page_is_a_one_line_error_naming_it(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # what `import trafilatura` meets when it is not installed
    before = files_in(seeds)
    page = WEB / "steppe-wire.html"
    result = run("import", str(page), "--seeds", str(seeds))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {page}: is an HTML page; reading HTML needs the web extra: pip install 'kztimeline[web]'\n"
    )
    assert files_in(seeds) == before
    assert run("import", str(ARTICLES / "wire_en.txt"), "--seeds", str(seeds)).exit_code == 0  # text needs none


# --- addresses -----------------------------------------------------------------------------------------------------


@needs_web
def test_an_address_is_fetched_and_the_record_says_where_and_when(
    seeds: Path, site: str, run: Callable[..., Result]
) -> None:
    result = run("import", f"{site}/old-address", "--seeds", str(seeds))
    assert result.exit_code == 0, result.stderr
    assert (seeds / "articles" / f"{STEPPE_ID}.txt").read_text(encoding="utf-8") == STEPPE_TEXT
    article = article_of(seeds / f"article-{STEPPE_ID}.yaml")
    # the address the text came from, after the redirect, without the tracking parameters and the #fragment
    assert article["url"] == f"{site}/world/police-detain-hundreds"
    assert list(article)[5:7] == ["url", "retrieved"]
    assert RETRIEVED.match(article["retrieved"]), article["retrieved"]
    assert (article["outlet"], article["author"], article["published"]) == (
        "Steppe Wire",
        "Jane Fixture",
        "2022-01-08T13:22+06:00",
    )


@needs_web
@pytest.mark.parametrize("path", ["/ru/news/v-almaty-zaderzhany", "/ru/news/charset-in-header"])
def test_a_fetched_page_is_decoded_by_the_charset_its_server_or_its_markup_names(
    seeds: Path, site: str, run: Callable[..., Result], path: str
) -> None:
    result = run("import", f"{site}{path}", "--seeds", str(seeds), "--id", "kaztag")
    assert result.exit_code == 0, result.stderr
    article = article_of(seeds / "article-kaztag.yaml")
    assert (article["title"], article["author"], article["language"]) == (
        "В Алматы задержаны более 4 тысяч человек",
        "Асель Фикстурова",
        "ru",
    )
    assert article["url"] == f"{site}{path}"  # where the text was read, not the canonical address it declares
    assert "Более 4 тысяч человек задержаны в Алматы" in (seeds / "articles" / "kaztag.txt").read_text(encoding="utf-8")


def test_a_plain_text_address_is_imported_as_text(seeds: Path, site: str, run: Callable[..., Result]) -> None:
    result = run("import", f"{site}/wire.txt", "--seeds", str(seeds), "--id", "wire")
    assert result.exit_code == 0, result.stderr
    assert (seeds / "articles" / "wire.txt").read_bytes() == (ARTICLES / "wire_en.txt").read_bytes()
    article = article_of(seeds / "article-wire.yaml")
    assert (article["url"], article["author"]) == (f"{site}/wire.txt", "Jane Fixture")
    assert RETRIEVED.match(article["retrieved"])


@needs_web
def test_an_address_already_imported_writes_nothing_even_when_the_page_changed(
    seeds: Path, site: str, run: Callable[..., Result]
) -> None:
    assert run("import", f"{site}/live", "--seeds", str(seeds), "--id", "live-blog").exit_code == 0
    before = files_in(seeds)
    # another spelling of the same address, and the page has a new paragraph since
    again = run(
        "import", f"HTTP://127.0.0.1:{site.rsplit(':', 1)[1]}/live/?utm_source=twitter#top", "--seeds", str(seeds)
    )
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: HTTP://127.0.0.1:")
    assert again.stderr.endswith(
        f": already imported as live-blog ({seeds / 'article-live-blog.yaml'}); nothing was written"
        " (--replace drafts it again, keeping the records already accepted)\n"
    )
    assert files_in(seeds) == before
    assert Site.live_blog_visits == 2

    # the curator accepts the article record; --replace reads the page again: the record keeps the curator's
    # title, and says when the new text was read
    draft = seeds / "article-live-blog.yaml"
    first_read = article_of(draft)["retrieved"]
    accepted = (
        draft.read_text(encoding="utf-8")
        .replace("draft: true\n", "draft: false\n", 1)
        .replace("title: Police detain", "title: Live blog - police detain", 1)
        .replace(first_read, "2026-01-01T00:00:00+00:00", 1)
    )
    draft.write_text(accepted, encoding="utf-8")
    replaced = run("import", f"{site}/live", "--seeds", str(seeds), "--replace")
    assert replaced.exit_code == 0, replaced.stderr
    assert "Update 3: patrols continued" in (seeds / "articles" / "live-blog.txt").read_text(encoding="utf-8")
    assert sorted(path.name for path in seeds.glob("article-*.yaml")) == ["article-live-blog.yaml"]
    article = article_of(draft)
    assert (article["title"], article["draft"]) == (
        "Live blog - police detain hundreds as Almaty clean-up begins",
        False,
    )
    assert list(article)[5:7] == ["url", "retrieved"]
    assert article["retrieved"] >= first_read and RETRIEVED.match(article["retrieved"])


@needs_web
def test_a_saved_page_is_recognised_by_the_address_it_declares(
    seeds: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    assert run("import", str(WEB / "steppe-wire.html"), "--seeds", str(seeds)).exit_code == 0
    edited = tmp_path / "saved-again.html"  # saved again later: a corrected sentence, the same canonical address
    edited.write_text(
        (WEB / "steppe-wire.html").read_text(encoding="utf-8").replace("Street cleaners", "Municipal workers"), "utf-8"
    )
    again = run("import", str(edited), "--seeds", str(seeds))
    assert again.exit_code == 1
    assert f"already imported as {STEPPE_ID}" in again.stderr


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/gone", "the server answered 404 Not Found"),
        ("/loop", "redirected too many times (a loop, or more than 5)"),
        ("/big", "the page is 98 KiB, more than the 64 KiB limit"),
        ("/big-unannounced", "the page is larger than the 64 KiB limit"),
        ("/slow", "no answer within 0.5 s"),
        ("/photo.jpg", "not an article page (Content-Type: image/jpeg)"),
        ("/disguised", "the content is binary, not an article page (Content-Type: text/html)"),
    ],
)
def test_an_address_that_cannot_be_read_is_a_one_line_error_and_writes_nothing(
    seeds: Path, site: str, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, path: str, reason: str
) -> None:
    monkeypatch.setattr(fetch, "MAX_BYTES", 64 * 1024)
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 0.5)
    before = files_in(seeds)
    result = run("import", f"{site}{path}", "--seeds", str(seeds))
    assert (result.exit_code, result.stderr) == (1, f"Error: {site}{path}: {reason}\n")
    assert files_in(seeds) == before


def test_a_closed_port_or_an_unknown_host_says_so(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    refused = run("import", f"http://127.0.0.1:{closed}/article", "--seeds", str(seeds))
    assert refused.stderr == (
        f"Error: http://127.0.0.1:{closed}/article: connection refused (no server listening at this address)\n"
    )

    def no_such_host(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # what an offline machine or a mistyped host gives
    unknown = run("import", "https://news.example.invalid/article", "--seeds", str(seeds))
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "Error: https://news.example.invalid/article: cannot find this host (offline, or a mistyped address?)\n"
    )


# --- several inputs --------------------------------------------------------------------------------------------------


@needs_web
def test_several_inputs_are_imported_in_turn_and_one_failure_stops_none(
    seeds: Path, tmp_path: Path, site: str, run: Callable[..., Result]
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    shutil.copy(WEB / "kaztag-cp1251.html", folder / "kaztag.html")
    shutil.copy(ARTICLES / "undated_en.txt", folder / "traders.txt")
    (folder / "notes.md").write_text("not an article file: a directory's .md files are left alone\n", "utf-8")
    (folder / "page_files").mkdir()  # what a browser saves beside a page
    (folder / "page_files" / "style.css").write_text("body { color: red }\n", "utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe not UTF-8")

    result = run(
        "import",
        str(ARTICLES / "wire_en.txt"),
        str(folder),
        f"{site}/gone",
        str(WEB / "steppe-wire.html"),
        str(ARTICLES / "wire_en.txt"),
        "--seeds",
        str(seeds),
    )
    assert result.exit_code == 1
    imported = [line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("imported ")]
    assert imported == [
        "imported police-detain-hundreds-as-almaty-clean-up-begins",
        "imported v-almaty-zaderzhany-bolee-4-tysyach-chelovek",
        "imported traders-count-losses-at-the-border",
        "imported police-detain-hundreds-as-almaty-clean-up-begins-2",
        "imported 4, already imported 1, failed 2 (of 7 inputs)",
    ]
    assert (
        f"  {ARTICLES / 'wire_en.txt'}: already imported as police-detain-hundreds-as-almaty-clean-up-begins"
        in result.stdout
    )
    assert result.stderr.splitlines() == [
        f"failed: {folder / 'broken.txt'}:1: not UTF-8 text (byte 0); save the article as UTF-8",
        f"failed: {site}/gone: the server answered 404 Not Found",
    ]
    assert sorted(path.name for path in (seeds / "articles").iterdir()) == [
        "briefing.txt",
        "police-detain-hundreds-as-almaty-clean-up-begins-2.txt",
        "police-detain-hundreds-as-almaty-clean-up-begins.txt",
        "traders-count-losses-at-the-border.txt",
        "v-almaty-zaderzhany-bolee-4-tysyach-chelovek.txt",
    ]
    assert not [path for path in seeds.rglob(".*") if path.is_file()]  # no temporary file left behind


def test_one_id_cannot_name_several_articles(seeds: Path, run: Callable[..., Result]) -> None:
    result = run(
        "import", str(ARTICLES / "wire_en.txt"), str(ARTICLES / "undated_en.txt"), "--id", "x", "--seeds", str(seeds)
    )
    assert (result.exit_code, result.stderr) == (1, "Error: --id names one article, but 2 inputs were given\n")


def test_a_directory_without_article_files_is_an_error(seeds: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    empty = tmp_path / "empty"
    (empty / "page_files").mkdir(parents=True)
    result = run("import", str(empty), "--seeds", str(seeds))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {empty}: no article files in this directory (.txt, .text, .html, .htm, .xhtml, .shtml)\n",
    )


# --- the retrieval time, from the seeds to the exports ----------------------------------------------------------------


def test_the_retrieval_time_is_loaded_and_exported(
    seeds: Path, site: str, run: Callable[..., Result], tmp_path: Path
) -> None:
    assert run("import", f"{site}/wire.txt", "--seeds", str(seeds), "--id", "wire").exit_code == 0
    draft = seeds / "article-wire.yaml"
    document = yaml.safe_load(draft.read_text(encoding="utf-8"))
    retrieved = document["articles"][0]["retrieved"]
    draft.write_text(yaml.safe_dump({"articles": [dict(document["articles"][0], draft=False)]}), "utf-8")
    database = str(tmp_path / "timeline.sqlite")
    assert run("--db", database, "load", str(seeds)).exit_code == 0
    exported = run("--db", database, "export", "--format", "json")
    assert exported.exit_code == 0, exported.stderr
    articles = {article["id"]: article for article in json.loads(exported.stdout)["articles"]}
    assert (articles["wire"]["url"], articles["wire"]["retrieved"]) == (f"{site}/wire.txt", retrieved)
    assert articles["briefing"]["retrieved"] is None


def test_a_retrieval_time_that_is_not_a_date_time_is_refused(seeds: Path, run: Callable[..., Result]) -> None:
    articles = seeds / "articles.yaml"
    articles.write_text(
        articles.read_text(encoding="utf-8").replace("    file: ", "    retrieved: yesterday\n    file: ", 1), "utf-8"
    )
    result = run("validate", str(seeds))
    assert result.exit_code == 1
    assert "articles[briefing].retrieved" in result.stderr
