"""What the package ships and declares: one version, a licence, type information, schemas with a real $id."""

from __future__ import annotations

import json
import tomllib
from importlib.metadata import metadata, version
from pathlib import Path

import kztimeline
from kztimeline.resources import PACKAGE_DIR, schema_path

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_has_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "kztimeline/__init__.py"
    assert version("kztimeline") == kztimeline.__version__


def test_the_package_declares_its_licence_links_and_types() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert (PACKAGE_DIR / "py.typed").is_file()
    declared = metadata("kztimeline")
    assert declared["License-Expression"] == "MIT"
    assert "Typing :: Typed" in declared.get_all("Classifier")
    assert "Repository, https://github.com/kztimeline/kztimeline" in declared.get_all("Project-URL")
    assert "tzdata; sys_platform == 'win32'" in declared.get_all("Requires-Dist")


def test_each_schema_id_is_where_the_schema_lives_in_the_repository() -> None:
    for name in ("seeds", "export"):
        schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
        relative = f"kztimeline/schemas/{name}.schema.json"
        assert (ROOT / relative).is_file()
        assert schema["$id"] == f"https://github.com/kztimeline/kztimeline/raw/main/{relative}"
