"""Where the packaged seeds and migrations are.

In a wheel they are copied inside the package (``kztimeline/data/``, see pyproject.toml); in a source checkout or an
editable install they are read from the top of the repository, where curators and Alembic work on them.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _packaged_or_repository(name: str) -> Path:
    packaged = PACKAGE_DIR / "data" / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / name


def seeds_dir() -> Path:
    """The curated seeds shipped with kztimeline."""
    return _packaged_or_repository("seeds")


def migrations_dir() -> Path:
    """The Alembic script directory that owns the schema."""
    return _packaged_or_repository("migrations")


def schema_path(name: str) -> Path:
    """A JSON Schema shipped with the package (``seeds``, ``export``)."""
    return PACKAGE_DIR / "schemas" / f"{name}.schema.json"
