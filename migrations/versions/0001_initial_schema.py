"""Initial schema: all tables, indexes for every filter, and the documented views.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 06:34:28.781025

The views (timeline, quotations, reported_figures) are the documented surface for direct SQL; see README.md.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _list(expression: str, source: str, order_by: str, separator: str = "; ") -> str:
    """An ordered, separator-joined list as a scalar subquery, in the current dialect's SQL."""
    if op.get_bind().dialect.name == "postgresql":
        return f"(SELECT string_agg({expression}, '{separator}' ORDER BY {order_by}) {source})"
    return f"(SELECT group_concat(v, '{separator}') FROM (SELECT {expression} AS v {source} ORDER BY {order_by}))"


def _source_label(article: str) -> str:
    published = f"coalesce(CAST({article}.published_date AS TEXT), 'undated')"
    return f"coalesce({article}.outlet, {article}.title) || ', ' || {published}"


def _views() -> dict[str, str]:
    places = "FROM event_places ep JOIN places p ON p.id = ep.place_id WHERE ep.event_id = e.id"
    actors = "FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id"
    tags = "FROM event_tags et WHERE et.event_id = e.id"
    citations = "FROM citations c JOIN articles ar ON ar.id = c.article_id WHERE c.event_id = e.id"
    statement_sources = (
        "FROM statement_sources ss JOIN articles ar ON ar.id = ss.article_id "
        "LEFT JOIN actors via ON via.id = ss.via_id WHERE ss.statement_id = s.id"
    )
    return {
        "timeline": f"""
            SELECT e.id AS event_id, e.date_start AS date, e.date_end, e.date_precision, e.time, e.timezone,
                   e.type, e.title, e.summary,
                   {_list("p.name", places, "ep.position")} AS places,
                   {_list("p.id", places, "ep.position", " ")} AS place_ids,
                   {_list("a.name || ' (' || ea.role || ')'", actors, "ea.position")} AS actors,
                   {_list("a.id", actors, "ea.position", " ")} AS actor_ids,
                   {_list("et.tag", tags, "et.position", " ")} AS tags,
                   {_list(_source_label("ar"), citations, "c.position")} AS sources,
                   {_list("ar.id", citations, "c.position", " ")} AS article_ids
            FROM events e""",
        "quotations": f"""
            SELECT s.id AS statement_id, s.date_start AS date, s.date_end, s.date_precision, s.time, s.timezone,
                   s.speaker_id, sp.name AS speaker, s.text, s.partial, s.venue,
                   s.place_id, pl.name AS place, s.event_id, ev.title AS event_title,
                   {
            _list(
                _source_label("ar") + " || coalesce(' (as quoted by ' || via.name || ')', '')",
                statement_sources,
                "ss.position",
            )
        } AS sources,
                   {_list("ar.id", statement_sources, "ss.position", " ")} AS article_ids
            FROM statements s
            JOIN actors sp ON sp.id = s.speaker_id
            LEFT JOIN places pl ON pl.id = s.place_id
            LEFT JOIN events ev ON ev.id = s.event_id""",
        "reported_figures": f"""
            SELECT f.id AS figure_id, f.metric, f.label, f.stated, f.value, f.low, f.high, f.qualifier, f.scope,
                   f.place_id, pl.name AS place, f.date_start AS as_of, f.date_end AS as_of_end,
                   f.date_precision AS as_of_precision, f.stated_by_id, sb.name AS stated_by,
                   f.via_id, via.name AS via, f.article_id, {_source_label("ar")} AS source, f.excerpt,
                   f.status, f.superseded_by_id, f.note
            FROM figures f
            JOIN articles ar ON ar.id = f.article_id
            LEFT JOIN places pl ON pl.id = f.place_id
            LEFT JOIN actors sb ON sb.id = f.stated_by_id
            LEFT JOIN actors via ON via.id = f.via_id""",
    }


def _create_views() -> None:
    for name, query in _views().items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def _drop_views() -> None:
    for name in reversed(list(_views())):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_name_key"), ["name_key"], unique=False)

    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("date_note", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_published_date"), ["published_date"], unique=False)

    op.create_table(
        "dataset_info",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_dataset_info")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=20), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("date_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_date_start"), ["date_start"], unique=False)
        batch_op.create_index("ix_events_date_start_date_end", ["date_start", "date_end"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "places",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.String(length=200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("coordinates_source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["places.id"], name=op.f("fk_places_parent_id_places")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_name_key"), ["name_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "actor_aliases",
        sa.Column("actor_id", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("alias_key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_aliases_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("actor_id", "position", name=op.f("pk_actor_aliases")),
    )
    with op.batch_alter_table("actor_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_aliases_alias_key"), ["alias_key"], unique=False)

    op.create_table(
        "citations",
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=200), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_citations_article_id_articles")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_citations_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "position", name=op.f("pk_citations")),
    )
    with op.batch_alter_table("citations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citations_article_id"), ["article_id"], unique=False)

    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("actor_id", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name=op.f("fk_event_actors_actor_id_actors")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_actors_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "actor_id", name=op.f("pk_event_actors")),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_actors_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "event_places",
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("place_id", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_places_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_event_places_place_id_places")),
        sa.PrimaryKeyConstraint("event_id", "place_id", name=op.f("pk_event_places")),
    )
    with op.batch_alter_table("event_places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_places_place_id"), ["place_id"], unique=False)

    op.create_table(
        "event_tags",
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_tags_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "tag", name=op.f("pk_event_tags")),
    )
    with op.batch_alter_table("event_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_tags_tag"), ["tag"], unique=False)

    op.create_table(
        "figures",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("stated", sa.Text(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("low", sa.Integer(), nullable=True),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=20), nullable=False),
        sa.Column("scope", sa.Text(), nullable=True),
        sa.Column("place_id", sa.String(length=200), nullable=True),
        sa.Column("stated_by_id", sa.String(length=200), nullable=True),
        sa.Column("via_id", sa.String(length=200), nullable=True),
        sa.Column("article_id", sa.String(length=200), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("superseded_by_id", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=20), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("date_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_figures_article_id_articles")),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_figures_place_id_places")),
        sa.ForeignKeyConstraint(["stated_by_id"], ["actors.id"], name=op.f("fk_figures_stated_by_id_actors")),
        sa.ForeignKeyConstraint(["superseded_by_id"], ["figures.id"], name=op.f("fk_figures_superseded_by_id_figures")),
        sa.ForeignKeyConstraint(["via_id"], ["actors.id"], name=op.f("fk_figures_via_id_actors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figures")),
    )
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figures_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_figures_date_start"), ["date_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_figures_metric"), ["metric"], unique=False)
        batch_op.create_index(batch_op.f("ix_figures_place_id"), ["place_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_figures_stated_by_id"), ["stated_by_id"], unique=False)

    op.create_table(
        "place_aliases",
        sa.Column("place_id", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("alias_key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_place_aliases_place_id_places"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("place_id", "position", name=op.f("pk_place_aliases")),
    )
    with op.batch_alter_table("place_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_place_aliases_alias_key"), ["alias_key"], unique=False)

    op.create_table(
        "statements",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("speaker_id", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("venue", sa.Text(), nullable=True),
        sa.Column("place_id", sa.String(length=200), nullable=True),
        sa.Column("event_id", sa.String(length=200), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=20), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("date_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_statements_event_id_events")),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_statements_place_id_places")),
        sa.ForeignKeyConstraint(["speaker_id"], ["actors.id"], name=op.f("fk_statements_speaker_id_actors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statements_date_start"), ["date_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_statements_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statements_place_id"), ["place_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statements_speaker_id"), ["speaker_id"], unique=False)

    op.create_table(
        "statement_sources",
        sa.Column("statement_id", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=200), nullable=False),
        sa.Column("via_id", sa.String(length=200), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_statement_sources_article_id_articles")),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_statement_sources_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["via_id"], ["actors.id"], name=op.f("fk_statement_sources_via_id_actors")),
        sa.PrimaryKeyConstraint("statement_id", "position", name=op.f("pk_statement_sources")),
    )
    with op.batch_alter_table("statement_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statement_sources_article_id"), ["article_id"], unique=False)
    _create_views()


def downgrade() -> None:
    _drop_views()
    with op.batch_alter_table("statement_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_sources_article_id"))

    op.drop_table("statement_sources")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_speaker_id"))
        batch_op.drop_index(batch_op.f("ix_statements_place_id"))
        batch_op.drop_index(batch_op.f("ix_statements_event_id"))
        batch_op.drop_index(batch_op.f("ix_statements_date_start"))

    op.drop_table("statements")
    with op.batch_alter_table("place_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_aliases_alias_key"))

    op.drop_table("place_aliases")
    with op.batch_alter_table("figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figures_stated_by_id"))
        batch_op.drop_index(batch_op.f("ix_figures_place_id"))
        batch_op.drop_index(batch_op.f("ix_figures_metric"))
        batch_op.drop_index(batch_op.f("ix_figures_date_start"))
        batch_op.drop_index(batch_op.f("ix_figures_article_id"))

    op.drop_table("figures")
    with op.batch_alter_table("event_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_tags_tag"))

    op.drop_table("event_tags")
    with op.batch_alter_table("event_places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_places_place_id"))

    op.drop_table("event_places")
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actors_actor_id"))

    op.drop_table("event_actors")
    with op.batch_alter_table("citations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citations_article_id"))

    op.drop_table("citations")
    with op.batch_alter_table("actor_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_aliases_alias_key"))

    op.drop_table("actor_aliases")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_parent_id"))

    op.drop_table("places")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index("ix_events_date_start_date_end")
        batch_op.drop_index(batch_op.f("ix_events_date_start"))

    op.drop_table("events")
    op.drop_table("dataset_info")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_published_date"))

    op.drop_table("articles")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_kind"))

    op.drop_table("actors")
