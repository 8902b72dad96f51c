"""kztimeline: a sourced, queryable timeline of the January 2022 unrest in Kazakhstan.

The library is primary; :mod:`kztimeline.cli` only parses options and renders. Map of the package:

- :mod:`kztimeline.taxonomy` — the closed vocabularies (event types, actor kinds, metrics…), documented.
- :mod:`kztimeline.curation` — reading and validating the curated YAML seeds (problems collected with positions).
- :mod:`kztimeline.db` — SQLAlchemy models, engines, Alembic migrations, loading a validated dataset.
- :mod:`kztimeline.query` — the timeline query and its filters (actor, place, date, type, tag).
- :mod:`kztimeline.export` — JSON export of the dataset or of a filtered timeline.
"""

from __future__ import annotations

__version__ = "0.1.0"
