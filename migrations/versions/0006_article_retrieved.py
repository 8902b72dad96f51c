"""When an article's text was retrieved: ``articles.retrieved`` beside ``url``.

``kztimeline import https://…`` records the address a text was read from and the time it was read (an ISO date-time
with UTC offset, "2026-12-04T10:58:03+00:00"): a page can change after it was cited, and the time says which
version the excerpts were checked against. The documented views do not show articles' addresses, so none changes.

Data: articles loaded before this revision have no retrieval time (NULL), as do articles curated from saved files.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


# Plain ALTER TABLE, not batch mode: adding and dropping a column no view uses needs no rebuild of the table (SQLite
# has dropped columns in place since 3.35), and a rebuild would have to drop and recreate every view on articles.


def upgrade() -> None:
    op.add_column("articles", sa.Column("retrieved", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE articles DROP COLUMN retrieved")
