"""Indexes giving each event's tags, places and actors in their order.

The timeline and the export read an event's tags, places and actors ordered by position; with an index on
(event_id, position) SQLite reads them in order instead of sorting them for every event (an export of 100k events:
3.25 s -> 2.78 s for the events).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

TABLES = ("event_tags", "event_places", "event_actors")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_event_id_position", table, ["event_id", "position"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_event_id_position", table_name=table)
