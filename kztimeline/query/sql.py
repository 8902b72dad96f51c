"""Read-only SQL with a time limit: `kztimeline sql "SELECT …"`.

Researchers ask questions the commands do not cover, so the database takes SQL directly; but a query typed at a
prompt must not be able to change the curated data, and a runaway one (a recursive CTE without an end, a cross join
of the articles) must stop on its own. Each guard has a second one behind it:

- SQLite: the connection is opened read-only (``mode=ro``), ``PRAGMA query_only`` is on, and an authorizer refuses
  every write, DDL, ATTACH/DETACH, transaction control and state-changing PRAGMA while the statement is prepared, so
  the refusal names exactly what was refused. ``sqlite3`` itself runs one statement at a time. A progress handler
  interrupts the query when its time is up, and a watchdog thread calls ``interrupt()`` for work the progress
  handler never sees; no value may be longer than MAX_VALUE_BYTES (``SQLITE_LIMIT_LENGTH``), so one function call
  (``printf('%.*c', 999999999, 'x')``) cannot build gigabytes, and SQLite's heap is capped (``hard_heap_limit``).
- PostgreSQL: only one statement, starting with a reading keyword (SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW), in a
  READ ONLY transaction with ``SET LOCAL statement_timeout``, rolled back at the end; the rows of a SELECT, VALUES
  or TABLE stream from a server-side cursor. A query that names ``statement_timeout`` or ``set_config`` is refused,
  the timeout is set again to the time left before every fetch and checked after it, and a watchdog thread cancels
  the query when the time is up, whatever the server's settings say. Functions with side effects
  that PostgreSQL allows in a read-only transaction (``pg_terminate_backend``) are the database role's business:
  connect as a role that may only read.

The time limit counts time spent in the database, not time spent writing rows out, so a slow pipe does not stop a
query that is itself fast.
"""

from __future__ import annotations

import contextlib
import math
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kztimeline.db.reader import Reader
from kztimeline.errors import KztimelineError

DEFAULT_TIME_LIMIT = 1.0  # seconds, as Datasette's default
MAX_VALUE_BYTES = 100_000_000  # the longest text or blob a query may build or read on SQLite
MAX_SQLITE_HEAP_BYTES = 2_000_000_000  # SQLite's own memory while a query runs
# SQLite's printf() writes padding one character at a time and cannot be interrupted: printf('%.*c', 999999999, 'x')
# takes seconds even when its result is over the length limit. Widths and precisions above this are refused.
MAX_PRINTF_WIDTH = 1_000_000
_LIKE_PATTERN_BYTES = 10_000  # SQLite's default is 50,000; LIKE costs the text's length times the pattern's
_PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between checks of the clock: a few microseconds


class SqlRefusedError(KztimelineError):
    """The statement would change something, or there is more than one: nothing was run."""

    def __init__(self, reason: str, why: str = "kztimeline sql is read-only") -> None:
        self.reason = reason
        super().__init__(f"refused: {reason} ({why})")


class SqlTimeLimitError(KztimelineError):
    """The query ran longer than its time limit and was stopped."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        super().__init__(f"query stopped after {limit:g} s (the time limit); raise it with --time-limit SECONDS")


class SqlError(KztimelineError):
    """The database rejected the query: a syntax error, an unknown table or column, a missing parameter."""


@dataclass
class QueryResult:
    """The column names, and the rows as tuples in that order, streamed from the database."""

    columns: list[str]
    rows: Iterator[tuple[Any, ...]]


@contextlib.contextmanager
def read_only_query(
    reader: Reader, sql: str, params: Mapping[str, Any] | None = None, time_limit: float = DEFAULT_TIME_LIMIT
) -> Iterator[QueryResult]:
    """Run one read-only statement; its rows stream while the context is open.

    The first row is fetched before this yields, so a refusal, an SQL error or a time-out on a query that returns
    nothing quickly is raised here, before any output; errors later in the rows are raised from the iterator.
    """
    check_time_limit(time_limit)
    if not sql.strip():
        raise SqlError("no SQL given")
    if reader.dialect == "sqlite":
        if reader.connection.in_transaction:
            # one statement needs no shared snapshot; outside a transaction SQLite names what it refuses (VACUUM)
            reader.connection.rollback()
        with _sqlite_guards(reader.connection, sql, time_limit) as guard:
            yield _run(guard, reader.connection.cursor(), sql, dict(params or {}), reader.dialect)
    else:
        _check_statement(sql)
        _check_no_timeout_change(sql)
        with _postgres_transaction(reader.connection, time_limit) as guard:
            # a query streams through a server-side cursor (a plain one holds the whole result in memory before the
            # first row). EXPLAIN and SHOW cannot be declared as cursors and return little; WITH may hide a write
            # (WITH … DELETE), which only a plain cursor lets the READ ONLY transaction refuse by name.
            streams = statement_keywords(sql)[:1] in (["select"], ["values"], ["table"])
            cursor = reader.connection.cursor(name="kztimeline_sql") if streams else reader.connection.cursor()
            yield _run(guard, cursor, reader._sql(sql), dict(params or {}), reader.dialect)


def check_time_limit(seconds: float) -> None:
    """A time limit is a finite number of seconds above 0: ``nan`` compares false with everything and ``inf``
    never runs out, so either would switch the limit off."""
    if not (math.isfinite(seconds) and seconds > 0):
        raise KztimelineError(f"the time limit must be a number of seconds above 0, not {seconds:g}")


class _Guard:
    """The clock of one query, running only while the database works, and why the database refused it.

    ``stop`` (the connection's ``interrupt`` or ``cancel``) is called by a watchdog thread when the clock runs out
    while the database works: a single long function call never reaches SQLite's progress handler, and a server
    setting changed by the query itself cannot lift a limit kept on this side. ``before_fetch`` and ``after_fetch``
    run around every fetch (PostgreSQL sets the server's timeout to the time left and checks it was kept).
    """

    def __init__(self, time_limit: float, stop: Callable[[], Any] | None = None) -> None:
        self.time_limit = time_limit
        self.remaining = time_limit
        self.deadline: float | None = None  # None: the clock is stopped (rows are being written out)
        self.expired = False
        self.refusal: str | None = None
        self.problem: str | None = None  # a limit a function call went over (SqlError, not a refusal)
        self.before_fetch: Callable[[], None] | None = None
        self.after_fetch: Callable[[], None] | None = None
        self._watchdog = _Watchdog(self, stop) if stop is not None else None

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        started = time.monotonic()
        self.deadline = started + self.remaining
        if self._watchdog is not None:
            self._watchdog.arm(self.deadline)
        try:
            yield
        finally:
            if self._watchdog is not None:
                self._watchdog.disarm()
            self.deadline = None
            self.remaining -= time.monotonic() - started

    def close(self) -> None:
        if self._watchdog is not None:
            self._watchdog.close()

    def interrupt(self) -> int:
        """SQLite's progress handler: non-zero stops the query."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.expired = True
            return 1
        return 0

    def error(self, error: Exception, dialect: str) -> KztimelineError:
        """The user-facing error for what the driver raised."""
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        if self.refusal is not None:
            return SqlRefusedError(self.refusal)
        if self.problem is not None:
            return SqlError(self.problem)
        if self.expired or state == "57014":  # 57014: query_canceled, which statement_timeout raises
            return SqlTimeLimitError(self.time_limit)
        if "string or blob too big" in message:
            return SqlError(
                f"a value in the query would be longer than {MAX_VALUE_BYTES:,} bytes, the most kztimeline sql "
                "builds or reads"
            )
        if isinstance(error, MemoryError) or "out of memory" in message:
            return SqlError(f"the query needs more than {MAX_SQLITE_HEAP_BYTES:,} bytes of memory, the most it may use")
        if state == "25006":  # read_only_sql_transaction: a write inside WITH, or a function that writes
            return SqlRefusedError(f"a write inside the query (PostgreSQL: {message})")
        if "one statement at a time" in message:
            return SqlRefusedError("more than one statement", "kztimeline sql runs one statement at a time")
        missing = re.search(r"(?:supply a value for binding parameter :|query parameter missing: )(\w+)", message)
        if missing:
            name = missing.group(1)
            return SqlError(f"no value for the parameter :{name}; give one with -p {name} VALUE")
        return SqlError(message)


class _Watchdog:
    """A thread that calls ``stop`` when the armed deadline passes: the wall-clock limit of one query."""

    def __init__(self, guard: _Guard, stop: Callable[[], Any]) -> None:
        self._guard = guard
        self._stop = stop
        self._deadline: float | None = None
        self._closed = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._watch, name="kztimeline-sql-watchdog", daemon=True)
        self._thread.start()

    def arm(self, deadline: float) -> None:
        with self._condition:
            self._deadline = deadline
            self._condition.notify()

    def disarm(self) -> None:
        with self._condition:
            self._deadline = None

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify()
        self._thread.join()

    def _watch(self) -> None:
        with self._condition:
            while not self._closed:
                if self._deadline is None:
                    self._condition.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left > 0:
                    self._condition.wait(left)
                    continue
                self._deadline = None
                self._guard.expired = True
                with contextlib.suppress(Exception):  # the query may have ended meanwhile
                    self._stop()


def _run(guard: _Guard, cursor: Any, sql: str, params: dict[str, Any], dialect: str) -> QueryResult:
    errors: tuple[type[Exception], ...] = (*_driver_errors(dialect), MemoryError)
    try:
        with guard.running():
            cursor.execute(sql, params)
            first = cursor.fetchmany(1)
            if guard.after_fetch is not None:
                guard.after_fetch()
    except errors as error:
        raise guard.error(error, dialect) from None
    columns = [column[0] for column in cursor.description or ()]
    return QueryResult(columns, _rows(guard, cursor, first, errors, dialect))


def _rows(
    guard: _Guard, cursor: Any, first: list[Any], errors: tuple[type[Exception], ...], dialect: str
) -> Iterator[tuple[Any, ...]]:
    convert = dialect != "sqlite"  # SQLite hands back plain str/int/float/bytes already
    batch = first
    try:
        while batch:
            for values in batch:
                yield tuple(_plain(value) for value in values) if convert else tuple(values)
            try:
                with guard.running():
                    if guard.before_fetch is not None:
                        guard.before_fetch()
                    batch = cursor.fetchmany(1000)
                    if guard.after_fetch is not None:
                        guard.after_fetch()
            except errors as error:
                raise guard.error(error, dialect) from None
    finally:
        with contextlib.suppress(Exception):
            cursor.close()


def _plain(value: Any) -> Any:
    """Server values as the plain Python values SQLite would give: dates as ISO text, bytes for binary."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, memoryview):
        return value.tobytes()
    return value


def _driver_errors(dialect: str) -> tuple[type[Exception], ...]:
    if dialect == "sqlite":
        return (sqlite3.Error,)
    try:
        import psycopg

        return (psycopg.Error,)
    except ImportError:  # another DB-API driver: its errors have no common base class but Exception
        return (Exception,)


# --- SQLite --------------------------------------------------------------------------------------------------------

# PRAGMAs that only report. Any PRAGMA given a value is refused unless it is in _NAMED_PRAGMAS, whose argument
# names a table or index (`PRAGMA table_info(timeline)`); the rest change the connection or the file.
_NAMED_PRAGMAS = frozenset(
    "table_info table_xinfo table_list index_list index_info index_xinfo foreign_key_list foreign_key_check "
    "integrity_check quick_check".split()
)
_READING_PRAGMAS = _NAMED_PRAGMAS | frozenset(
    "application_id auto_vacuum cache_size collation_list compile_options data_version database_list encoding "
    "foreign_keys freelist_count function_list journal_mode locking_mode module_list page_count page_size "
    "pragma_list query_only schema_version user_version".split()
)
_REFUSED_FUNCTIONS = frozenset({"load_extension", "fts3_tokenizer"})  # load code; read or set a raw pointer
# SQLite 3.40 prepares (but never runs) an UPDATE of these columns of sqlite_master when it first connects a virtual
# table (FTS5, pragma_table_info); refusing it would break reading the search index.
_SCHEMA_COLUMNS = frozenset({"type", "name", "tbl_name", "rootpage", "sql"})

_SCHEMA_TABLES = frozenset({"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"})
_DDL = re.compile(
    r"(?:\s|--[^\n]*|/\*.*?\*/)*((?:create|drop)\s+(?:(?:temp|temporary|unique|virtual)\s+)*(?:table|view|index|trigger))"
    r"\s+(?:if\s+(?:not\s+)?exists\s+)?([^\s(;]+)",
    re.IGNORECASE | re.DOTALL,
)

_ACTIONS = {
    getattr(sqlite3, f"SQLITE_{name}"): name.replace("_", " ")
    for name in (
        "CREATE_INDEX CREATE_TABLE CREATE_TEMP_INDEX CREATE_TEMP_TABLE CREATE_TEMP_TRIGGER CREATE_TEMP_VIEW "
        "CREATE_TRIGGER CREATE_VIEW DROP_INDEX DROP_TABLE DROP_TEMP_INDEX DROP_TEMP_TABLE DROP_TEMP_TRIGGER "
        "DROP_TEMP_VIEW DROP_TRIGGER DROP_VIEW CREATE_VTABLE DROP_VTABLE"
    ).split()
}


def _authorizer(guard: _Guard, sql: str) -> Any:
    """SQLite's authorizer callback for this query: reads pass, anything else is refused and the reason kept."""
    allowed = sqlite3.SQLITE_OK

    def authorize(action: int, arg1: str | None, arg2: str | None, database: str | None, trigger: str | None) -> int:
        reason = _refusal(action, arg1, arg2, database, sql)
        if reason is None:
            return allowed
        if guard.refusal is None:
            guard.refusal = reason
        return sqlite3.SQLITE_DENY

    return authorize


def _refusal(action: int, arg1: str | None, arg2: str | None, database: str | None, sql: str) -> str | None:
    """Why SQLite must not do ``action``, or None when it only reads."""
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE):
        return None
    if action == sqlite3.SQLITE_FUNCTION:
        return f"the function {arg2}()" if (arg2 or "").lower() in _REFUSED_FUNCTIONS else None
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        if name in _READING_PRAGMAS and (arg2 is None or name in _NAMED_PRAGMAS):
            return None
        return f"PRAGMA {arg1} = {arg2}" if arg2 is not None else f"PRAGMA {arg1}"
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and arg2 in _SCHEMA_COLUMNS and database == "main":
        return None
    if arg1 in _SCHEMA_TABLES and action in (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE):
        # CREATE and DROP ask to write the schema table before they ask for themselves: name the statement
        ddl = _DDL.match(sql)
        return f"{' '.join(ddl.group(1).split()).upper()} {ddl.group(2)}" if ddl else "a change to the schema"
    if action == sqlite3.SQLITE_UPDATE:
        return f"UPDATE of {arg1}"
    if action == sqlite3.SQLITE_INSERT:
        return f"INSERT into {arg1}"
    if action == sqlite3.SQLITE_DELETE:
        return f"DELETE from {arg1}"
    if action == sqlite3.SQLITE_ATTACH:
        verb = "VACUUM INTO" if re.match(r"\s*vacuum\b", sql, re.IGNORECASE) else "ATTACH"
        return f"{verb} '{arg1}'"
    if action == sqlite3.SQLITE_DETACH:
        return f"DETACH {arg1}"
    if action == sqlite3.SQLITE_ALTER_TABLE:
        return f"ALTER TABLE {arg2}"
    if action == sqlite3.SQLITE_TRANSACTION:
        return f"{arg1} (transaction control)"
    if action == sqlite3.SQLITE_SAVEPOINT:
        return f"SAVEPOINT {arg2} (transaction control)"
    if action in (sqlite3.SQLITE_REINDEX, sqlite3.SQLITE_ANALYZE):
        return "REINDEX" if action == sqlite3.SQLITE_REINDEX else "ANALYZE"
    if action in _ACTIONS:
        return f"{_ACTIONS[action]} {arg1}"
    return f"SQLite action {action}"


_PRINTF_CONVERSION = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?(?:ll|l)?(.)", re.DOTALL)


def _printf_widths(template: str, arguments: tuple[Any, ...]) -> Iterator[int]:
    """The widths and precisions a printf() format asks for, ``*`` taken from the arguments as SQLite takes them."""
    position = 0
    for conversion in _PRINTF_CONVERSION.finditer(template):
        width, precision, kind = conversion.groups()
        if kind == "%":
            continue
        for number in (width, precision):
            if number == "*":
                value = arguments[position] if position < len(arguments) else 0
                position += 1
                with contextlib.suppress(TypeError, ValueError, OverflowError):
                    yield abs(int(value))
            elif number is not None:
                yield int(number)
        position += 1  # the value the conversion formats


def _bounded_printf(guard: _Guard, builtin: sqlite3.Connection) -> Callable[..., Any]:
    """printf()/format() that refuses widths and precisions above MAX_PRINTF_WIDTH, then runs SQLite's own printf
    on ``builtin``, a private in-memory connection (a function defined on a connection hides the built-in one)."""

    def printf(*arguments: Any) -> Any:
        if arguments and isinstance(arguments[0], str):
            widest = max(_printf_widths(arguments[0], arguments[1:]), default=0)
            if widest > MAX_PRINTF_WIDTH:
                guard.problem = (
                    f"printf() asked for a width or precision of {widest:,}; at most {MAX_PRINTF_WIDTH:,} is allowed"
                )
                raise ValueError(guard.problem)
        marks = ", ".join("?" * len(arguments))
        return builtin.execute(f"SELECT printf({marks})", arguments).fetchone()[0]

    return printf


@contextlib.contextmanager
def _sqlite_guards(connection: sqlite3.Connection, sql: str, time_limit: float) -> Iterator[_Guard]:
    guard = _Guard(time_limit, connection.interrupt)
    connection.execute("PRAGMA query_only = 1")
    builtin = sqlite3.connect(":memory:", check_same_thread=False)
    builtin.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    printf = _bounded_printf(guard, builtin)
    for name in ("printf", "format"):
        connection.create_function(name, -1, printf)
    like_pattern = connection.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, _LIKE_PATTERN_BYTES)
    length = connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    heap = connection.execute("PRAGMA hard_heap_limit").fetchone()[0]
    connection.execute(f"PRAGMA hard_heap_limit = {MAX_SQLITE_HEAP_BYTES}")
    connection.set_authorizer(_authorizer(guard, sql))
    connection.set_progress_handler(guard.interrupt, _PROGRESS_STEPS)
    try:
        yield guard
    finally:
        guard.close()
        connection.set_progress_handler(None, 0)
        connection.set_authorizer(None)
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, length)
        connection.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, like_pattern)
        connection.execute(f"PRAGMA hard_heap_limit = {int(heap)}")
        for name in ("printf", "format"):
            connection.create_function(name, -1, None)  # SQLite's own printf() again
        builtin.close()


# --- PostgreSQL ----------------------------------------------------------------------------------------------------

_READING_KEYWORDS = frozenset({"select", "with", "values", "table", "explain", "show"})
_TOKEN = re.compile(
    r"""(?P<comment>--[^\n]*|/\*)
      | (?P<string>[eE]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'|"(?:[^"]|"")*")
      | (?P<dollar>\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$)
      | (?P<semicolon>;)
      | (?P<word>[A-Za-z_][A-Za-z_0-9$]*)
      | (?P<other>[^\s])
    """,
    re.VERBOSE | re.DOTALL,
)


def statement_keywords(sql: str) -> list[str]:
    """The first word of each statement in ``sql`` (lower case), skipping comments, strings and quoted names.

    Knows PostgreSQL's lexical rules: nested block comments, E'' strings with backslashes and $tag$ quoting.
    A statement that does not start with a word (``(SELECT 1)``) counts by its first word inside.
    """
    keywords: list[str] = []
    current: str | None = None
    position = 0
    while position < len(sql):
        match = _TOKEN.search(sql, position)
        if match is None:
            break
        kind, text = match.lastgroup, match.group()
        position = match.end()
        if kind == "comment" and text == "/*":
            position = _block_comment_end(sql, position)
        elif kind == "dollar":
            end = sql.find(text, position)
            position = len(sql) if end < 0 else end + len(text)
            current = current or "$"
        elif kind == "semicolon":
            if current is not None:
                keywords.append(current)
            current = None
        elif kind == "word" and current is None:
            current = text.lower()
        elif kind in ("string", "other") and current is None and text != "(":
            current = text
    if current is not None:
        keywords.append(current)
    return keywords


def _block_comment_end(sql: str, position: int) -> int:
    depth = 1
    while depth and position < len(sql):
        if sql.startswith("/*", position):
            depth, position = depth + 1, position + 2
        elif sql.startswith("*/", position):
            depth, position = depth - 1, position + 2
        else:
            position += 1
    return position


def _check_statement(sql: str) -> None:
    keywords = statement_keywords(sql)
    if not keywords:
        raise SqlError("no SQL statement given (only comments)")
    if len(keywords) > 1:
        raise SqlRefusedError("more than one statement", "kztimeline sql runs one statement at a time")
    if keywords[0] not in _READING_KEYWORDS:
        raise SqlRefusedError(f"{keywords[0].upper()} statement; only SELECT, WITH, VALUES, TABLE, EXPLAIN and SHOW")


_TIMEOUT_NAMES = re.compile(r"statement_timeout|set_config", re.IGNORECASE)


def _check_no_timeout_change(sql: str) -> None:
    """Refuse a query naming the setting that enforces its time limit, or the function that sets any setting
    (``set_config('statement_timeout', '0', true)`` would lift the limit for the rest of the stream). Names are
    looked for anywhere, strings included: ``query_to_xml('select set_config(…)', …)`` runs a string as a query."""
    found = _TIMEOUT_NAMES.search(sql)
    if found:
        raise SqlRefusedError(f"{found.group().lower()} in the query", "the time limit cannot be changed by the query")


def _statement_timeout_ms(guard: _Guard) -> int:
    return max(1, round(max(guard.remaining, 0.001) * 1000))


@contextlib.contextmanager
def _postgres_transaction(connection: Any, time_limit: float) -> Iterator[_Guard]:
    """A READ ONLY transaction with a statement timeout, always rolled back; the timeout is set again to the time
    left before each fetch, and a fetch after which it is not what was set is refused (dynamic SQL changed it)."""
    stop = getattr(connection, "cancel_safe", None) or getattr(connection, "cancel", None)
    guard = _Guard(time_limit, stop)
    connection.rollback()  # start from no transaction, so the next statement opens ours
    expected: list[str] = []

    def set_timeout() -> None:
        milliseconds = _statement_timeout_ms(guard)
        with contextlib.closing(connection.cursor()) as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {milliseconds}")
            cursor.execute("SHOW statement_timeout")
            row = cursor.fetchone()
        expected[:] = [str(row[0]) if row else ""]

    def check_timeout() -> None:
        with contextlib.closing(connection.cursor()) as cursor:
            cursor.execute("SHOW statement_timeout")
            row = cursor.fetchone()
        if not row or str(row[0]) != expected[0]:
            guard.refusal = "a change of statement_timeout inside the query"
            raise SqlRefusedError(guard.refusal, "the time limit cannot be changed by the query")

    try:
        cursor = connection.cursor()
        cursor.execute("SET TRANSACTION READ ONLY")
        cursor.execute("SHOW transaction_read_only")
        row = cursor.fetchone()
        cursor.close()
        if not row or row[0] != "on":  # e.g. a connection in autocommit mode, where SET TRANSACTION does nothing
            raise KztimelineError("could not start a read-only transaction; nothing was run")
        set_timeout()
        guard.before_fetch = set_timeout
        guard.after_fetch = check_timeout
        yield guard
    finally:
        guard.close()
        connection.rollback()


# --- a time limit for commands that run several queries ------------------------------------------------------------

QueryClock = _Guard  # what :func:`time_limit` yields: ``interrupt`` is a progress handler for other connections


@contextlib.contextmanager
def time_limit(reader: Reader, seconds: float) -> Iterator[QueryClock]:
    """Stop everything run on ``reader`` inside the block once ``seconds`` of wall-clock time have passed, with
    :class:`SqlTimeLimitError`: the limit of `sql`, for commands that run several queries (`search`).

    SQLite: the progress handler and the watchdog's ``interrupt()``; PostgreSQL: ``statement_timeout`` for the rest
    of the reader's transaction and the watchdog's ``cancel()``. A connection of the caller's own (an in-memory
    index) keeps to the same clock with ``set_progress_handler(clock.interrupt, …)``.
    """
    check_time_limit(seconds)
    connection = reader.connection
    sqlite = reader.dialect == "sqlite"
    stop = (
        connection.interrupt
        if sqlite
        else getattr(connection, "cancel_safe", None) or getattr(connection, "cancel", None)
    )
    clock = _Guard(seconds, stop)
    if sqlite:
        connection.set_progress_handler(clock.interrupt, _PROGRESS_STEPS)
    else:
        with contextlib.closing(connection.cursor()) as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {_statement_timeout_ms(clock)}")
    try:
        with clock.running():
            yield clock
    except Exception as error:
        state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        if clock.expired or state == "57014" or "interrupted" in str(error):
            raise SqlTimeLimitError(seconds) from None
        raise
    finally:
        clock.close()
        if sqlite:
            connection.set_progress_handler(None, 0)
