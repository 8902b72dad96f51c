"""The records a seeds directory already holds, as ``import`` needs them to merge a new article into the timeline.

Drafts count: an event proposed by yesterday's import is what today's article about the same happening should cite,
not a reason to propose it twice. Citations and statement sources added from other files (the ``citations:`` and
``statement_sources:`` sections) are folded into the records they add to, so an event is compared with every
excerpt that already supports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kztimeline.curation.yaml_source import read_seed_file
from kztimeline.errors import KztimelineError

Record = dict[str, Any]


@dataclass
class TimelineRecords:
    """Every record of a seeds directory by section and id (plain dicts), with the file each one is in."""

    sections: dict[str, dict[str, Record]] = field(default_factory=dict)
    files: dict[tuple[str, str], Path] = field(default_factory=dict)  # (section, id) -> file

    @classmethod
    def from_seeds(cls, seeds: Path, leave_out: Path | None = None) -> TimelineRecords:
        """Read every YAML file of ``seeds`` but ``leave_out`` (the draft an import is about to rewrite).

        A file that does not parse stops the import: merging against a partial timeline would draft duplicates.
        """
        records = cls({section: {} for section in SECTIONS})
        additions: list[tuple[str, Record]] = []
        for path in sorted([*seeds.glob("*.yaml"), *seeds.glob("*.yml")]):
            if leave_out is not None and path.resolve() == leave_out.resolve():
                continue
            seed_file, problems = read_seed_file(path, str(path))
            if problems:
                raise KztimelineError(f"{problems[0]} (fix it before importing)")
            data = seed_file.content
            if not isinstance(data, dict):
                continue
            for section, items in data.items():
                if not isinstance(items, list):
                    continue
                for item in items:
                    if not isinstance(item, dict):
                        continue
                    if section in SECTIONS and item.get("id"):
                        record = plain(item)
                        records.sections[section].setdefault(str(item["id"]), record)
                        records.files.setdefault((section, str(item["id"])), path)
                    elif section in ("citations", "statement_sources"):
                        additions.append((section, plain(item)))
        for section, addition in additions:
            records._fold(section, addition)
        return records

    def _fold(self, section: str, addition: Record) -> None:
        if section == "citations":
            event = self.events.get(str(addition.get("event")))
            if event is not None:
                event.setdefault("citations", []).append(
                    {"article": addition.get("article"), "excerpt": addition.get("excerpt")}
                )
        else:
            statement = self.statements.get(str(addition.get("statement")))
            if statement is not None:
                statement.setdefault("sources", []).append(
                    {"article": addition.get("article"), "via": addition.get("via"), "excerpt": addition.get("excerpt")}
                )

    @property
    def events(self) -> dict[str, Record]:
        return self.sections["events"]

    @property
    def statements(self) -> dict[str, Record]:
        return self.sections["statements"]

    @property
    def figures(self) -> dict[str, Record]:
        return self.sections["figures"]

    @property
    def actors(self) -> dict[str, Record]:
        return self.sections["actors"]

    @property
    def places(self) -> dict[str, Record]:
        return self.sections["places"]

    @property
    def articles(self) -> dict[str, Record]:
        return self.sections["articles"]

    def ids(self) -> dict[str, set[str]]:
        """The ids used in each section (new ids must not collide with them)."""
        return {section: set(records) for section, records in self.sections.items()}


SECTIONS = ("articles", "actors", "places", "events", "statements", "figures")


def plain(value: Any) -> Any:
    """A record as plain dicts and lists (the positioned containers of the YAML reader are not needed here)."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
