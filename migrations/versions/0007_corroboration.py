"""The corroboration table: how many articles report each event and statement, and how many independently.

``kztimeline load`` fills it with the rule of :mod:`kztimeline.query.corroboration` (articles of one outlet, relays
of one original and copies of one story count once), so SQL users can ask for the single-source events
(``SELECT record_id FROM corroboration WHERE record_kind = 'event' AND independent = 1``) and ``--min-sources`` can
filter without reading every citation.

Data: the upgrade counts what the database already holds, so a database loaded before this revision reads the same
numbers as one loaded after it.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import itertools

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the table and count what the database already holds, with the rule as it is at this revision."""
    op.create_table(
        "corroboration",
        sa.Column("record_kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("independent", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("record_kind", "record_id", name=op.f("pk_corroboration")),
    )
    from kztimeline.query.corroboration import SOURCES_ORDER, SOURCES_SQL, counted_rows

    bind = op.get_bind()
    table = sa.table(
        "corroboration",
        sa.column("record_kind"),
        sa.column("record_id"),
        sa.column("sources"),
        sa.column("independent"),
    )
    for query in SOURCES_SQL:  # one record's sources at a time: a million events need no more memory than ten
        rows = counted_rows(bind.execute(sa.text(query + SOURCES_ORDER)))
        while batch := list(itertools.islice(rows, 5000)):
            op.bulk_insert(table, batch)


def downgrade() -> None:
    op.drop_table("corroboration")
