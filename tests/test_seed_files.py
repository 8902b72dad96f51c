"""Seeds may make kztimeline read only their own files (issue 13, item 1): an article's ``file:`` inside the seeds
directory's ``articles/`` folder once links are resolved, a regular file, at most ``--max-article-bytes``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kztimeline.db.stamp import seeds_digest

ARTICLE_FILE = "    file: articles/briefing.txt\n"


def name_article_file(seeds: Path, value: str) -> None:
    articles = seeds / "articles.yaml"
    text = articles.read_text(encoding="utf-8")
    assert ARTICLE_FILE in text
    articles.write_text(text.replace(ARTICLE_FILE, f"    file: {value}\n"), encoding="utf-8")


def article_problem(result: Result) -> str:
    """The one problem reported on the article's ``file`` (the excerpts then fail too: the text is unknown)."""
    lines = [line for line in result.stderr.splitlines() if ".file: " in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/etc/passwd", "'/etc/passwd' is an absolute path; give a path relative to the seeds directory"),
        ("../../../../etc/hostname", "'../../../../etc/hostname' leaves the seeds directory ('..')"),
        ("articles/../../secret.txt", "'articles/../../secret.txt' leaves the seeds directory ('..')"),
        ("'~/.pgpass'", "'~/.pgpass' is an absolute path; give a path relative to the seeds directory"),
        (
            "'articles\\briefing.txt'",
            "'articles\\\\briefing.txt' is not a plain relative path (use '/' between folders)",
        ),
        (
            "events.yaml",
            "'events.yaml' is not in the seeds directory's articles/ folder, where article texts live",
        ),
    ],
)
def test_an_article_file_outside_the_seeds_articles_folder_is_refused(
    value: str, message: str, seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    name_article_file(seeds, value)
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert article_problem(result) == f"articles.yaml:3:11: articles[briefing].file: {message}"


def test_a_link_out_of_the_seeds_directory_is_refused_and_nothing_is_loaded(
    seeds: Path, tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    (seeds / "articles" / "key.txt").symlink_to(secret)
    name_article_file(seeds, "articles/key.txt")
    monkeypatch.chdir(seeds)
    result = run("--db", str(tmp_path / "db.sqlite"), "load", ".")
    assert result.exit_code == 1
    assert article_problem(result) == (
        f"articles.yaml:3:11: articles[briefing].file: 'articles/key.txt' is a link to {secret}, outside the seeds "
        "directory"
    )
    assert not (tmp_path / "db.sqlite").exists()


def test_a_link_that_stays_inside_the_seeds_directory_is_read(seeds: Path, run: Callable[..., Result]) -> None:
    os.replace(seeds / "articles" / "briefing.txt", seeds / "articles" / "original.txt")
    (seeds / "articles" / "briefing.txt").symlink_to("original.txt")
    assert run("validate", str(seeds)).exit_code == 0


def test_dev_zero_and_a_fifo_are_refused_at_once(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeds)
    (seeds / "articles" / "zero.txt").symlink_to("/dev/zero")
    name_article_file(seeds, "articles/zero.txt")
    started = time.perf_counter()
    result = run("validate", ".")
    assert article_problem(result) == (
        "articles.yaml:3:11: articles[briefing].file: 'articles/zero.txt' is a link to /dev/zero, outside the seeds "
        "directory"
    )
    os.mkfifo(seeds / "articles" / "fifo.txt")  # opening it for reading would wait for a writer
    name_article_file_again(seeds, "articles/zero.txt", "articles/fifo.txt")
    result = run("validate", ".")
    assert (
        article_problem(result)
        == "articles.yaml:3:11: articles[briefing].file: 'articles/fifo.txt' is not a regular file"
    )
    assert time.perf_counter() - started < 10


def name_article_file_again(seeds: Path, old: str, new: str) -> None:
    articles = seeds / "articles.yaml"
    articles.write_text(articles.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_an_article_over_the_size_limit_is_refused_unless_the_limit_is_raised(
    seeds: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seeds)
    article = seeds / "articles" / "briefing.txt"
    size = article.stat().st_size
    result = run("validate", ".", "--max-article-bytes", str(size - 1))
    assert result.exit_code == 1
    assert article_problem(result) == (
        f"articles.yaml:3:11: articles[briefing].file: 'articles/briefing.txt' is larger than {size - 1:,} bytes "
        "(raise the limit with --max-article-bytes or KZTIMELINE_MAX_ARTICLE_BYTES)"
    )
    assert run("validate", ".", "--max-article-bytes", str(size)).exit_code == 0
    monkeypatch.setenv("KZTIMELINE_MAX_ARTICLE_BYTES", str(size - 1))
    assert run("validate", ".").exit_code == 1
    assert run("load", ".", "--max-article-bytes", str(size)).exit_code == 0


def test_the_default_limit_is_five_megabytes(seeds: Path, run: Callable[..., Result]) -> None:
    article = seeds / "articles" / "briefing.txt"
    with article.open("ab") as text:
        text.truncate(5_000_001)  # a sparse tail of NUL bytes: never read past the limit
    result = run("validate", str(seeds))
    assert "'articles/briefing.txt' is larger than 5,000,000 bytes" in article_problem(result)


def test_the_digest_covers_the_article_texts_and_skips_links_leading_out(seeds: Path, tmp_path: Path) -> None:
    before = seeds_digest(seeds)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not part of the seeds", encoding="utf-8")
    (seeds / "articles" / "elsewhere.txt").symlink_to(outside)
    (seeds / "articles" / "zero.txt").symlink_to("/dev/zero")
    assert seeds_digest(seeds) == before
    with (seeds / "articles" / "briefing.txt").open("a", encoding="utf-8") as text:
        text.write("\nOne more line.\n")
    assert seeds_digest(seeds) != before


def test_a_yaml_file_linking_out_of_the_seeds_directory_is_refused(
    seeds: Path, tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere.yaml").write_text("actors: []\n", encoding="utf-8")
    (seeds / "more.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    monkeypatch.chdir(seeds)
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"more.yaml:1:1: (file): 'more.yaml' is a link to {tmp_path / 'elsewhere.yaml'}, outside the seeds directory"
    )


def test_a_file_name_that_is_not_utf8_is_named_in_one_line(seeds: Path, run: Callable[..., Result]) -> None:
    (seeds / "articles" / os.fsdecode(b"caf\xe9.txt")).write_text("text", encoding="utf-8")
    result = run("load", str(seeds))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {seeds}/articles/caf\\xe9.txt: the file name is not UTF-8; rename the file\n"


def test_an_oversized_file_is_refused_after_reading_only_the_limit(tmp_path: Path) -> None:
    import tracemalloc

    from kztimeline.curation.seed_paths import UnsafeSeedFile, read_bounded_text

    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(2 * 1024**3)  # 2 GiB, sparse
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeSeedFile, match=r"'huge.txt' is larger than 1,000,000 bytes") as refused:
            read_bounded_text(huge, 1_000_000, "huge.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.kind == "too-large"
    assert peak < 3_000_000


def test_import_never_reads_an_article_file_that_validate_would_refuse(seeds: Path, run: Callable[..., Result]) -> None:
    (seeds / "articles" / "zero.txt").symlink_to("/dev/zero")
    name_article_file(seeds, "articles/zero.txt")  # the existing article: import compares texts with it
    article = Path(__file__).parent / "data" / "articles" / "wire_en.txt"
    started = time.perf_counter()
    result = run("import", str(article), "--seeds", str(seeds), "--no-geonames")
    assert result.exit_code == 0, result.stderr
    assert time.perf_counter() - started < 30
