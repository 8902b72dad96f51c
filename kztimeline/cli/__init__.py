"""The command-line interface: one module per command; each parses options, calls the library and renders.

Every user-facing error ends here as one line on stderr and a non-zero exit; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from kztimeline import __version__
from kztimeline.errors import InvalidSeedsError, KztimelineError

# name -> module: a command's module (and what it imports) is loaded only when that command runs, so
# `kztimeline show` does not pay for SQLAlchemy, Alembic, YAML or the parser.
COMMANDS = {
    "show": "kztimeline.cli.show",
    "search": "kztimeline.cli.search",
    "quotes": "kztimeline.cli.quotes",
    "statement": "kztimeline.cli.statement",
    "check": "kztimeline.cli.check",
    "figures": "kztimeline.cli.figures",
    "export": "kztimeline.cli.export",
    "sql": "kztimeline.cli.sql",
    "actors": "kztimeline.cli.actors",
    "actor": "kztimeline.cli.actor",
    "places": "kztimeline.cli.places",
    "place": "kztimeline.cli.place",
    "articles": "kztimeline.cli.articles",
    "parse": "kztimeline.cli.parse",
    "import": "kztimeline.cli.import_article",
    "review": "kztimeline.cli.review",
    "validate": "kztimeline.cli.validate",
    "load": "kztimeline.cli.load",
    "db": "kztimeline.cli.db",
}


class KztimelineGroup(click.Group):
    """A group that loads its commands lazily and renders library errors once, as one line, not tracebacks."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        import importlib

        command: click.Command = importlib.import_module(module_name).command
        accept_global_options(command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except InvalidSeedsError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            for line in error.report.lines():  # errors, and the warnings among them
                click.echo(_inert(line), err=True)
            if len(error.report.problems) > 1:
                click.echo(f"{error}", err=True)
            ctx.exit(1)
        except KztimelineError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(_inert(str(error))) from None
        except Exception as error:
            from kztimeline.cli.pipe import ReaderGone, closed_pipe

            if closed_pipe(error):  # the reader of stdout went away, maybe under a wrapping error: stop quietly
                raise ReaderGone from None
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(_inert(_describe_unexpected(error))) from None


def _inert(message: str) -> str:
    """A message for the terminal: data quoted in it (a name, a value) may hold control characters."""
    from kztimeline.cli.output import inert

    return inert(message)


def _describe_unexpected(error: Exception) -> str:
    if "database is locked" in str(getattr(error, "orig", None) or error):
        return "the database is busy: another command is reading or writing it; try again when it has finished"
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(error, SQLAlchemyError):
        return f"database error: {_first_line(getattr(error, 'orig', None) or error)} (run with --debug for details)"
    if isinstance(error, OSError):
        return f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")
    module = type(error).__module__.split(".")[0]
    if module in ("sqlite3", "psycopg"):  # the read path talks to the driver directly
        return f"database error: {_first_line(error)} (run with --debug for details)"
    return f"unexpected {type(error).__name__}: {_first_line(error)} (run with --debug for the traceback)"


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


_DB_HELP = "Database: a SQLAlchemy URL or a SQLite file path [env KZTIMELINE_DB; default: the embedded database]."
_QUIET_HELP = "No progress display and no notes on stderr (errors still print)."
_DEBUG_HELP = "Show tracebacks instead of one-line errors."


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Store a global option given after the command name where the group's own value is kept."""
    if value not in (None, False) and param.name is not None:
        ctx.ensure_object(dict)[param.name] = value
    return value


def accept_global_options(command: click.Command) -> None:
    """Let ``--db``, ``--quiet`` and ``--debug`` follow the command name too (``kztimeline show --db x.sqlite``).

    The options are added to the command (and to the commands of a group such as ``db``) once; given after the
    command they override the value given before it, which is where every command reads them (``ctx.obj``).
    """
    if getattr(command, "_kztimeline_global_options", False):
        return
    names = {name for param in command.params for name in param.opts}
    shared = [
        click.Option(["--db"], metavar="URL", expose_value=False, callback=_remember, help=_DB_HELP),
        click.Option(["--quiet", "-q"], is_flag=True, expose_value=False, callback=_remember, help=_QUIET_HELP),
        click.Option(["--debug"], is_flag=True, expose_value=False, callback=_remember, help=_DEBUG_HELP),
    ]
    command.params.extend(option for option in shared if not names.intersection(option.opts))
    command._kztimeline_global_options = True  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            accept_global_options(subcommand)


@click.group(cls=KztimelineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", metavar="URL", envvar="KZTIMELINE_DB", help=_DB_HELP)
@click.option("--quiet", "-q", is_flag=True, help=_QUIET_HELP)
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
@click.version_option(__version__, prog_name="kztimeline")
@click.pass_context
def cli(ctx: click.Context, db: str | None, quiet: bool, debug: bool) -> None:
    """A sourced timeline of the January 2022 unrest in Kazakhstan.

    Every event, quotation and figure points to the article that supports it.
    Start with `kztimeline show --actor Tokayev`. The options below may also follow the command name
    (`kztimeline show --db timeline.sqlite`).
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["quiet"] = quiet
    ctx.obj["debug"] = debug


def main() -> None:
    """Console-script entry point.

    When the reader of stdout goes away (``kztimeline show | head``), stop quietly with status 0, as other Unix
    tools do: whether the pipe breaks inside a command, in Click or Rich, or while stdout is flushed at the end.
    """
    from kztimeline.cli.pipe import ReaderGone, stop_writing, watch_stdout

    watch_stdout()
    try:
        try:
            cli.main(prog_name="kztimeline")
        finally:
            sys.stdout.flush()
    except ReaderGone:
        stop_writing()
        sys.exit(0)
