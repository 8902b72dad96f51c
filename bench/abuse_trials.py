"""Abuse trials of issue 13, items 5, 7 and 8: each hostile input must fail fast, in bounded memory, with a one-line
error, or succeed within its time limit.

Usage:  python bench/abuse_trials.py [--postgres URL] [--megabytes 50]

Each trial runs `kztimeline` in a child process and records its exit status, wall time, peak RSS (``wait4``) and the
first line of its stderr. Trials: YAML alias bombs of nine and ten levels (`validate`), a seeds file that is
``/dev/zero``, `sql` escapes on SQLite (one long printf() under upper(), a value grown past the memory cap, a
runaway recursive query, time limits of nan, inf, 0 and -1), `search` over a ``--megabytes`` article (a common word,
and a word only in the title, which tries every window); with ``--postgres`` (a database loaded with the fixture
seeds) the PostgreSQL escapes too (set_config, statement_timeout lifted by dynamic SQL, pg_sleep). Prints a Markdown
table for docs/benchmarks.md; exits 1 if a trial did not hold.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIXTURE_SEEDS = ROOT / "tests" / "data" / "seeds"


def alias_bomb(levels: int) -> str:
    """The billion-laughs YAML: each level a list of nine aliases to the level before."""
    names = "abcdefghijklmnop"
    lines = [f"a: &a [{', '.join(['lol'] * 9)}]"]
    for level in range(1, levels):
        name, previous = names[level], names[level - 1]
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


@dataclass
class Trial:
    name: str
    arguments: list[str]
    expected_exit: int
    time_bound: float  # seconds the trial may take, start-up included
    expected_error: str = ""  # the start of a line of stderr (the error)


@dataclass
class Outcome:
    exit_code: int
    seconds: float
    peak_mib: float
    lines: list[str]  # of stderr


def run(arguments: list[str], timeout: float = 120.0) -> Outcome:
    """Run one trial; peak RSS is the child's own (``wait4``)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, "-m", "kztimeline", *arguments], stdout=subprocess.DEVNULL, stderr=errors
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    child.returncode = os.waitstatus_to_exitcode(status)
    return Outcome(child.returncode, seconds, usage.ru_maxrss / 1024, lines)


def trials(work: Path, db: Path, article_db: Path, megabytes: float, postgres: str | None) -> list[Trial]:
    # a limit well under what trying every window of the article takes (about 25 ms a MB)
    search_limit = round(min(0.2, 0.004 * megabytes), 3)
    for levels in (9, 10):
        (work / f"bomb{levels}.yaml").write_text(alias_bomb(levels), encoding="utf-8")
    zero = work / "zero-seeds"
    shutil.copytree(FIXTURE_SEEDS, zero)
    (zero / "places.yaml").unlink()
    (zero / "places.yaml").symlink_to("/dev/zero")
    sqlite = ["--db", str(db), "sql"]
    found: list[Trial] = [
        Trial(
            f"validate: alias bomb, 9 levels ({len(alias_bomb(9))} bytes)",
            ["validate", str(work / "bomb9.yaml")],
            1,
            5,
            f"{work / 'bomb9.yaml'}:7:8: (yaml): aliases (*name) stand for more than",
        ),
        Trial(
            f"validate: alias bomb, 10 levels ({len(alias_bomb(10))} bytes)",
            ["validate", str(work / "bomb10.yaml")],
            1,
            5,
            f"{work / 'bomb10.yaml'}:7:8: (yaml): aliases (*name) stand for more than",
        ),
        Trial("validate: places.yaml is /dev/zero", ["validate", str(zero)], 1, 5, f"{zero / 'places.yaml'}:1:1:"),
        Trial(
            "sql: printf('%.*c', 999999999, 'x') under upper()",
            [*sqlite, "select length(upper(printf('%.*c', 999999999, 'x')))"],
            1,
            3,
            "Error: printf() asked for a width or precision of 999,999,999",
        ),
        Trial(
            "sql: a value grown to 144 MB by replace()",
            [
                *sqlite,
                "select length(replace(replace(printf('%.*c', 1000000, 'x'), 'x', 'xxxxxxxxxxxx'), 'x', "
                "'xxxxxxxxxxxx'))",
            ],
            1,
            3,
            "Error: a value in the query would be longer than 100,000,000 bytes",
        ),
        Trial(
            "sql: recursive query without an end, --time-limit 0.5",
            [
                *sqlite,
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT max(x) FROM c",
                "--time-limit",
                "0.5",
            ],
            1,
            3,
            "Error: query stopped after 0.5 s",
        ),
    ]
    for limit in ("nan", "inf", "0", "-1"):
        found.append(Trial(f"sql: --time-limit {limit}", [*sqlite, "select 1", "--time-limit", limit], 2, 3))
    found += [
        Trial(
            "search: a common word, 1 in 10, in a long article", ["--db", str(article_db), "search", "kazakhstan"], 0, 5
        ),
        Trial(
            "search: a word in the long article's title only",
            ["--db", str(article_db), "search", "long", "--kind", "article"],
            0,
            8,
        ),
        Trial(
            f"search: the same, --time-limit {search_limit:g}",
            ["--db", str(article_db), "search", "long", "--kind", "article", "--time-limit", f"{search_limit:g}"],
            1,
            3,
            f"Error: query stopped after {search_limit:g} s",
        ),
    ]
    if postgres:
        server = ["--db", postgres, "sql"]
        lift = "query_to_xml('select set_c' || 'onfig(''statement_t' || 'imeout'', ''0'', true)', true, false, '')"
        found += [
            Trial(
                "PostgreSQL sql: set_config('statement_timeout', '0', true)",
                [*server, "select set_config('statement_timeout', '0', true), pg_sleep(30)"],
                1,
                3,
                "Error: refused: set_config in the query",
            ),
            Trial(
                "PostgreSQL sql: statement_timeout lifted by dynamic SQL in the first row",
                [
                    *server,
                    f"select x, case when x = 1 then {lift}::text else pg_sleep(3)::text end "
                    "from generate_series(1, 5000) x",
                    "--format",
                    "csv",
                    "--time-limit",
                    "1",
                ],
                1,
                4,
                "Error: refused: a change of statement_timeout inside the query",
            ),
            Trial(
                "PostgreSQL sql: pg_sleep(30), --time-limit 1",
                [*server, "select pg_sleep(30)", "--time-limit", "1"],
                1,
                4,
                "Error: query stopped after 1 s",
            ),
        ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL database loaded with tests/data/seeds")
    parser.add_argument("--megabytes", type=float, default=50.0, help="the long article's size")
    args = parser.parse_args()
    held = True
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        db = work / "fixture.sqlite"
        subprocess.run(
            [sys.executable, "-m", "kztimeline", "--db", str(db), "load", str(FIXTURE_SEEDS)],
            check=True,
            capture_output=True,
        )
        # built in a child process: a child forked from this one would start from its size, and peak RSS (kept
        # across exec) would then count the long article the builder held
        article_db = work / f"search-{args.megabytes:g}mb.sqlite"
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"from bench.search_snippet import build; from pathlib import Path; "
                f"build(Path({str(work)!r}), {args.megabytes!r}, 'kazakhstan')",
            ],
            check=True,
            cwd=ROOT,
        )
        print("| trial | exit | time | peak RSS | held | stderr (the error) |")
        print("|---|---|---|---|---|---|")
        for trial in trials(work, db, article_db, args.megabytes, args.postgres):
            outcome = run(trial.arguments)
            ok = (
                outcome.exit_code == trial.expected_exit
                and outcome.seconds <= trial.time_bound
                and any(line.startswith(trial.expected_error) for line in outcome.lines or [""])
            )
            held = held and ok
            matching = [
                line for line in outcome.lines if trial.expected_error and line.startswith(trial.expected_error)
            ]
            shown = ([*matching, *outcome.lines[-1:]] or [""])[0].replace(directory, "…").replace("|", "\\|")
            print(
                f"| {trial.name} | {outcome.exit_code} | {outcome.seconds:.2f} s | {outcome.peak_mib:.0f} MiB | "
                f"{'yes' if ok else 'NO'} | {shown[:110]} |"
            )
    raise SystemExit(0 if held else 1)


if __name__ == "__main__":
    main()
