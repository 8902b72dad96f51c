"""Where the packaged seeds and migrations are.

In a wheel they are copied inside the package (``kztimeline/data/``, see pyproject.toml); in a source checkout or an
editable install they are read from the top of the repository, where curators and Alembic work on them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kztimeline.errors import KztimelineError

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


SEEDS_VARIABLE = "KZTIMELINE_SEEDS"


@dataclass(frozen=True)
class SeedsChoice:
    """The seeds directory a command works on, and why that one (said on stderr when the user did not name it)."""

    path: Path
    reason: str
    packaged: bool  # the curated seeds shipped with kztimeline (the embedded database is built from them)


def choose_seeds_dir(given: Path | None = None, *, allow_packaged: bool = True) -> SeedsChoice:
    """One rule for every command that reads or writes seeds (``import``, ``validate``, ``load``, ``parse``):
    the directory given, else ``$KZTIMELINE_SEEDS``, else ``./seeds`` when the working directory has one, else the
    packaged seeds. A curator's folder of drafts is what ``validate`` checks, not the packaged copy beside it.

    ``allow_packaged=False`` (``import``, which writes) refuses to fall back on the packaged seeds.
    """
    packaged = seeds_dir().resolve()
    if given is not None:
        return SeedsChoice(given, "given", given.resolve() == packaged)
    variable = os.environ.get(SEEDS_VARIABLE)
    if variable:
        path = Path(variable)
        if not path.is_dir():
            raise KztimelineError(f"{SEEDS_VARIABLE}={variable} is not a directory")
        return SeedsChoice(path, f"from {SEEDS_VARIABLE}", path.resolve() == packaged)
    local = Path("seeds")
    if local.is_dir():
        return SeedsChoice(local, "the working directory's seeds/", local.resolve() == packaged)
    if not allow_packaged:
        raise KztimelineError(
            f"no seeds/ directory here: pass --seeds DIR or set {SEEDS_VARIABLE} (the packaged seeds are read-only)"
        )
    return SeedsChoice(seeds_dir(), "the packaged seeds", True)
