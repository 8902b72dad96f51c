"""Windows of uncertainty: ``date_latest`` beside ``date_end``.

``date_end`` is the last day of a duration (a curfew from 5 to 19 January); ``date_latest`` is the latest possible
day of a record the sources date only within a window ("between 2 and 7 January, day not stated"), with
``date_precision`` 'window'. Events, statements and figures share the date block, so all three get the column, and
the documented views show it (``timeline.date_latest``, ``quotations.date_latest``,
``reported_figures.as_of_latest``).

Data: rows loaded before this revision keep their precision; a window curated as ``date_end`` stays a duration
until its seeds say ``date_latest`` and are loaded again (nothing in the database tells the two apart).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

TABLES = ("events", "statements", "figures")


def _list(expression: str, source: str, order_by: str, separator: str = "; ") -> str:
    """An ordered, separator-joined list as a scalar subquery, in the current dialect's SQL."""
    if op.get_bind().dialect.name == "postgresql":
        return f"(SELECT string_agg({expression}, '{separator}' ORDER BY {order_by}) {source})"
    return f"(SELECT group_concat(v, '{separator}') FROM (SELECT {expression} AS v {source} ORDER BY {order_by}))"


def _source_label(article: str) -> str:
    published = f"coalesce(CAST({article}.published_date AS TEXT), 'undated')"
    return f"coalesce({article}.outlet, {article}.title) || ', ' || {published}"


def _views(with_latest: bool) -> dict[str, str]:
    """The documented views as revision 0001 made them, with the window's latest day when ``with_latest``."""
    places = "FROM event_places ep JOIN places p ON p.id = ep.place_id WHERE ep.event_id = e.id"
    actors = "FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id"
    tags = "FROM event_tags et WHERE et.event_id = e.id"
    citations = "FROM citations c JOIN articles ar ON ar.id = c.article_id WHERE c.event_id = e.id"
    statement_sources = (
        "FROM statement_sources ss JOIN articles ar ON ar.id = ss.article_id "
        "LEFT JOIN actors via ON via.id = ss.via_id WHERE ss.statement_id = s.id"
    )
    event_latest = " e.date_latest," if with_latest else ""
    statement_latest = " s.date_latest," if with_latest else ""
    figure_latest = " f.date_latest AS as_of_latest," if with_latest else ""
    quoted_by = _source_label("ar") + " || coalesce(' (as quoted by ' || via.name || ')', '')"
    return {
        "timeline": f"""
            SELECT e.id AS event_id, e.date_start AS date, e.date_end,{event_latest} e.date_precision, e.time,
                   e.timezone, e.type, e.title, e.summary,
                   {_list("p.name", places, "ep.position")} AS places,
                   {_list("p.id", places, "ep.position", " ")} AS place_ids,
                   {_list("a.name || ' (' || ea.role || ')'", actors, "ea.position")} AS actors,
                   {_list("a.id", actors, "ea.position", " ")} AS actor_ids,
                   {_list("et.tag", tags, "et.position", " ")} AS tags,
                   {_list(_source_label("ar"), citations, "c.position")} AS sources,
                   {_list("ar.id", citations, "c.position", " ")} AS article_ids
            FROM events e""",
        "quotations": f"""
            SELECT s.id AS statement_id, s.date_start AS date, s.date_end,{statement_latest} s.date_precision,
                   s.time, s.timezone, s.speaker_id, sp.name AS speaker, s.text, s.partial, s.venue,
                   s.place_id, pl.name AS place, s.event_id, ev.title AS event_title,
                   {_list(quoted_by, statement_sources, "ss.position")} AS sources,
                   {_list("ar.id", statement_sources, "ss.position", " ")} AS article_ids
            FROM statements s
            JOIN actors sp ON sp.id = s.speaker_id
            LEFT JOIN places pl ON pl.id = s.place_id
            LEFT JOIN events ev ON ev.id = s.event_id""",
        "reported_figures": f"""
            SELECT f.id AS figure_id, f.metric, f.label, f.stated, f.value, f.low, f.high, f.qualifier, f.scope,
                   f.place_id, pl.name AS place, f.date_start AS as_of, f.date_end AS as_of_end,{figure_latest}
                   f.date_precision AS as_of_precision, f.stated_by_id, sb.name AS stated_by,
                   f.via_id, via.name AS via, f.article_id, {_source_label("ar")} AS source, f.excerpt,
                   f.status, f.superseded_by_id, f.note
            FROM figures f
            JOIN articles ar ON ar.id = f.article_id
            LEFT JOIN places pl ON pl.id = f.place_id
            LEFT JOIN actors sb ON sb.id = f.stated_by_id
            LEFT JOIN actors via ON via.id = f.via_id""",
    }


def _drop_views() -> None:
    for name in reversed(list(_views(with_latest=False))):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def _create_views(with_latest: bool) -> None:
    for name, query in _views(with_latest).items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def upgrade() -> None:
    _drop_views()  # SQLite rebuilds a table in batch mode; views on it must not be in the way
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("date_latest", sa.Date(), nullable=True))
    _create_views(with_latest=True)


def downgrade() -> None:
    _drop_views()
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("date_latest")
    _create_views(with_latest=False)
