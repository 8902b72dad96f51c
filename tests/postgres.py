"""A throwaway PostgreSQL server for the tests: initdb in a temporary directory, a Unix socket, no TCP.

The binaries come from ``KZTIMELINE_PG_BIN``, ``pg_config --bindir`` or Debian's ``/usr/lib/postgresql/<v>/bin``.
``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` user (``runuser``). Durability is
switched off (fsync, synchronous_commit): the data lives as long as the test session.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

SERVER_USER = "postgres"


class PostgresUnavailable(Exception):
    """No PostgreSQL binaries here, or the server would not start (the message says which)."""


def find_binaries() -> Path:
    candidates = [os.environ.get("KZTIMELINE_PG_BIN", "")]
    pg_config = shutil.which("pg_config")
    if pg_config:
        candidates.append(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
    candidates += sorted((str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb) found; set KZTIMELINE_PG_BIN")


class PostgresServer:
    """One server for the session; :meth:`new_database` gives each test its own empty database."""

    def __init__(self) -> None:
        self.binaries = find_binaries()
        self.directory = Path(tempfile.mkdtemp(prefix="kztimeline-pg-"))
        self.data = self.directory / "data"
        self.port = 5432 + os.getpid() % 1000  # the port names the socket file; nothing listens on TCP
        self._names = itertools.count(1)
        self.loaded_template = ""  # URL of a database holding the loaded fixture seeds, set by the tests' fixture
        self._as_server_user = os.geteuid() == 0
        if self._as_server_user:
            shutil.chown(self.directory, SERVER_USER, SERVER_USER)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", SERVER_USER, "--"] if self._as_server_user else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise PostgresUnavailable(f"{Path(command[0]).name} failed: {detail[-1] if detail else result.returncode}")

    def start(self) -> None:
        self._run(
            str(self.binaries / "initdb"), "-D", str(self.data), "-U", SERVER_USER, "--auth=trust", "-E", "UTF8",
            "--no-locale", "--no-sync",
        )  # fmt: skip
        options = (
            f"-k {self.directory} -p {self.port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        log = self.directory / "server.log"
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-o", options, "-w", "start")

    def stop(self) -> None:
        if self.data.exists():
            with contextlib.suppress(PostgresUnavailable):  # it was never started, or is gone already
                self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SERVER_USER}@/{database}?host={self.directory}&port={self.port}"

    def new_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template`` (the URL of another of this server's databases);
        returns its SQLAlchemy URL."""
        import psycopg

        name = f"kztimeline_test_{next(self._names)}"
        source = urlsplit(template).path.lstrip("/") if template else "template0"
        with psycopg.connect(
            host=str(self.directory), port=self.port, user=SERVER_USER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f"CREATE DATABASE {name} TEMPLATE {source}")
        return self.url(name)
