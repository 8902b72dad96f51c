"""Full-text search index over events, quotations and articles.

SQLite: an FTS5 virtual table (unicode61 tokenizer, diacritics folded, prefix indexes for 2-4 letters), ranked with
bm25, and ``search_index_refs`` (kind, ref_id → the FTS5 rowid) to test one record against a query. PostgreSQL: a
table whose ``document`` column is a generated ``tsvector`` ('simple' configuration: no stemming, so English and
Russian work alike), with a GIN index, and a B-tree index on (kind, ref_id). ``load`` refills them after writing the
content.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "kind UNINDEXED, ref_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2', "
            "prefix = '2 3 4')"  # prefix indexes: `kaz*` reads one list instead of merging every word it starts
        )
        # FTS5 rows are found by rowid only: this finds a record's row, to test one record against a query
        op.execute(
            "CREATE TABLE search_index_refs (kind VARCHAR(20) NOT NULL, ref_id VARCHAR(120) NOT NULL, "
            "fts_rowid INTEGER NOT NULL, PRIMARY KEY (kind, ref_id)) WITHOUT ROWID"
        )
    else:
        op.execute(
            "CREATE TABLE search_index ("
            "kind VARCHAR(20) NOT NULL, ref_id VARCHAR(120) NOT NULL, title TEXT, body TEXT, "
            "document tsvector GENERATED ALWAYS AS "
            "(setweight(to_tsvector('simple', COALESCE(title, '')), 'A') || to_tsvector('simple', COALESCE(body, ''))) "
            "STORED)"
        )
        op.execute("CREATE INDEX search_index_document ON search_index USING GIN (document)")
        op.execute("CREATE INDEX search_index_ref ON search_index (kind, ref_id)")
    # fill it for a database loaded before this revision, newest first; a frozen copy of
    # kztimeline.db.search.refill_statements() as of this revision (a migration must not change when the code does)
    op.execute(
        "INSERT INTO search_index (kind, ref_id, title, body) SELECT kind, ref_id, title, body FROM ("
        "SELECT 'event' AS kind, id AS ref_id, title, COALESCE(summary, '') AS body, date_start AS date FROM events "
        "UNION ALL SELECT 'statement', statements.id, actors.name, statements.text, statements.date_start "
        "FROM statements JOIN actors ON actors.id = statements.speaker_id "
        "UNION ALL SELECT 'article', id, title, text, published_date FROM articles"
        ") AS records ORDER BY date DESC NULLS LAST, kind, ref_id"
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "INSERT INTO search_index_refs (kind, ref_id, fts_rowid) SELECT kind, ref_id, rowid FROM search_index"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index_refs")
    op.execute("DROP TABLE search_index")
