"""Is a load of these seeds a no-op? Answered before any YAML is read, so re-running ``load`` costs a few stats.

The last load recorded the seeds' source, a stamp of their files' names, sizes and modification times, and a hash of
their contents. Same source and same stamp: unchanged. A different stamp (files touched or copied) falls back to the
content hash, and only a different hash means reading, validating and writing them again.
"""

from __future__ import annotations

from pathlib import Path

from kztimeline.db.location import resolve_database_url, sqlite_path
from kztimeline.db.stamp import SCHEMA_REVISION, loaded_state, seeds_digest, seeds_stamp


def seeds_unchanged(db: str | None, seeds: Path, source: str) -> bool:
    """Whether the database already holds exactly these seeds, loaded from the same source, at the schema head."""
    url, _ = resolve_database_url(db)
    path = sqlite_path(url)
    if path is not None:
        state = loaded_state(path)
        if state is None:
            return False
        info = state
    else:
        from kztimeline.db import migrate
        from kztimeline.db.database import open_database
        from kztimeline.db.load import read_dataset_info

        database = open_database(db)
        try:
            if migrate.current_revision(database.engine) != SCHEMA_REVISION:
                return False
            info = read_dataset_info(database.engine)
        finally:
            database.engine.dispose()
    if info.get("seeds_source") != source:
        return False
    if info.get("seeds_stamp") == seeds_stamp(seeds):
        return True
    return info.get("seeds_digest") == seeds_digest(seeds)
