"""Datasette metadata for a kztimeline SQLite database: descriptions, licence, hidden tables and canned queries.

The metadata ships as ``kztimeline/datasette/metadata.yaml``, written for the embedded database. Datasette keys a
database's metadata by the file's stem, so for any other file the same metadata is re-keyed to that file's name;
otherwise Datasette would silently show the database without its descriptions and queries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from kztimeline.resources import PACKAGE_DIR

METADATA_TEMPLATE = PACKAGE_DIR / "datasette" / "metadata.yaml"
TEMPLATE_DATABASE = "kztimeline"


def database_name(path: Path) -> str:
    """The name Datasette gives a database file, the key of its metadata: the stem (``timeline.sqlite`` →
    ``timeline``)."""
    return path.stem


def datasette_metadata(name: str = TEMPLATE_DATABASE) -> dict[str, Any]:
    """The packaged metadata with its database section keyed by ``name``."""
    import yaml

    metadata = cast(dict[str, Any], yaml.safe_load(METADATA_TEMPLATE.read_text(encoding="utf-8")))
    databases = metadata["databases"]
    databases[name] = databases.pop(TEMPLATE_DATABASE)
    return metadata
