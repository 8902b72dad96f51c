"""Leave one article out of a seeds directory: the construction step of ``bench/recurate.py``.

A copy of the seeds loses the article, its text, every citation, statement source and figure that comes from it, and
then the records nothing else supports any more: events with no citation left, statements with no source left,
actors and places that no remaining record refers to. What remains is what the timeline would hold had the article
never been curated, so importing the article back into it measures what ``import`` does with a new page.

References that would dangle are cut, not the records that hold them: a statement of another article whose event
only the left-out article supported keeps its words but loses its ``event``; a figure superseded by a figure of the
left-out article loses its ``superseded_by`` (and its ``status`` becomes ``current`` again, since nothing left says
otherwise).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kztimeline.curation.yaml_source import read_seed_file

SECTIONS = ("articles", "actors", "places", "events", "statements", "figures")
# addition section -> (section of the record it adds to, its key naming that record, the list it adds to)
ADDITIONS = {"citations": ("events", "event", "citations"), "statement_sources": ("statements", "statement", "sources")}
SCHEMA_LINE = "# yaml-language-server: $schema=../kztimeline/schemas/seeds.schema.json\n"

Records = dict[str, list[dict[str, Any]]]


def read_records(seeds: Path) -> Records:
    """Every record of every ``*.yaml`` file of ``seeds``, by section, in file-name order, as plain dicts.

    Additions (the ``citations:`` and ``statement_sources:`` sections an import drafts for an event or a statement
    defined elsewhere) are folded into the record they add to, as ``load`` does: after its own citations or sources
    (a draft addition counts as accepted, as ``review --accept-all`` would make it). Dates and times stay strings
    (the seeds reader keeps them as written), so writing the records back changes nothing a validator or loader
    would read differently.
    """
    records: Records = {section: [] for section in SECTIONS}
    additions: list[tuple[str, dict[str, Any]]] = []
    for path in sorted([*seeds.glob("*.yaml"), *seeds.glob("*.yml")]):
        seed_file, problems = read_seed_file(path, str(path))
        if problems:
            raise ValueError(f"{problems[0]}")
        content = json.loads(json.dumps(seed_file.content))  # positioned containers as plain dicts and lists
        if not isinstance(content, dict):
            continue
        for section in SECTIONS:
            section_records = content.get(section)
            if isinstance(section_records, list):
                records[section].extend(r for r in section_records if isinstance(r, dict))
        for section in ADDITIONS:
            section_additions = content.get(section)
            if isinstance(section_additions, list):
                additions.extend((section, a) for a in section_additions if isinstance(a, dict))
    for section, addition in additions:
        _fold(records, section, addition)
    return records


def _fold(records: Records, section: str, addition: dict[str, Any]) -> None:
    target_section, key, list_key = ADDITIONS[section]
    target = next((r for r in records[target_section] if r.get("id") == addition.get(key)), None)
    if target is not None:
        added = {k: v for k, v in addition.items() if k not in (key, "draft")}
        target[list_key] = [*(target.get(list_key) or []), added]


@dataclass
class LeftOut:
    """What leaving an article out removed from the seeds (ids by section) and where its text was."""

    article: dict[str, Any]
    text_path: Path  # the article's text in the original seeds directory
    removed: dict[str, list[str]] = field(default_factory=lambda: {section: [] for section in SECTIONS})
    cut_references: list[str] = field(default_factory=list)  # "statements/x.event" and the like


def leave_one_out(seeds: Path, article_id: str, destination: Path) -> LeftOut:
    """Write to ``destination`` (a new directory) the seeds of ``seeds`` without article ``article_id``.

    The sections are written one file each (``articles.yaml``, ``events.yaml``, …) like the curated seeds; the texts
    of the other articles are copied unchanged.
    """
    records = read_records(seeds)
    article = next((a for a in records["articles"] if a.get("id") == article_id), None)
    if article is None:
        raise KeyError(f"no article {article_id!r} in {seeds}")
    left_out = LeftOut(article=article, text_path=seeds / str(article["file"]))
    records = _without_article(records, article_id, left_out)
    destination.mkdir(parents=True)
    (destination / "articles").mkdir()
    for kept in records["articles"]:
        target = destination / str(kept["file"])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seeds / str(kept["file"]), target)
    for section in SECTIONS:
        body = yaml.safe_dump({section: records[section]}, sort_keys=False, allow_unicode=True, width=120)
        (destination / f"{section}.yaml").write_text(SCHEMA_LINE + body, encoding="utf-8")
    return left_out


def _without_article(records: Records, article_id: str, left_out: LeftOut) -> Records:
    removed = left_out.removed
    kept: Records = {section: list(records[section]) for section in SECTIONS}
    kept["articles"] = [a for a in kept["articles"] if a.get("id") != article_id]
    removed["articles"].append(article_id)

    events = []
    for event in kept["events"]:
        citations = [c for c in event.get("citations") or [] if c.get("article") != article_id]
        if citations:
            events.append({**event, "citations": citations})
        else:
            removed["events"].append(str(event["id"]))
    kept["events"] = events

    statements = []
    for statement in kept["statements"]:
        sources = [s for s in statement.get("sources") or [] if s.get("article") != article_id]
        if sources:
            statements.append({**statement, "sources": sources})
        else:
            removed["statements"].append(str(statement["id"]))
    kept["statements"] = statements

    removed["figures"] = [str(f["id"]) for f in kept["figures"] if f.get("article") == article_id]
    kept["figures"] = [f for f in kept["figures"] if f.get("article") != article_id]

    event_ids = {e["id"] for e in kept["events"]}
    for statement in kept["statements"]:
        if statement.get("event") and statement["event"] not in event_ids:
            left_out.cut_references.append(f"statements/{statement['id']}.event")
            statement["event"] = None
    figure_ids = {f["id"] for f in kept["figures"]}
    for figure in kept["figures"]:
        if figure.get("superseded_by") and figure["superseded_by"] not in figure_ids:
            left_out.cut_references.append(f"figures/{figure['id']}.superseded_by")
            figure["superseded_by"] = None
            figure["status"] = "current"

    _drop_unreferenced(kept, "actors", _actor_references, _actor_references(records), removed)
    _drop_unreferenced(kept, "places", _place_references, _place_references(records), removed)
    return kept


def _drop_unreferenced(
    records: Records, section: str, references: Any, referenced_before: set[str], removed: dict[str, list[str]]
) -> None:
    """Remove the records of ``section`` that were referred to before and no longer are, until none is left (a
    place may be kept only as the parent of another). A record the curated seeds list without referring to it
    stays: leaving the article out is not what made it unreferenced."""
    while True:
        referenced = references(records)
        unreferenced = [r for r in records[section] if r["id"] in referenced_before and r["id"] not in referenced]
        if not unreferenced:
            return
        removed[section].extend(str(r["id"]) for r in unreferenced)
        records[section] = [r for r in records[section] if r not in unreferenced]


def _actor_references(records: Records) -> set[str]:
    ids: set[str | None] = set()
    for event in records["events"]:
        ids |= {a["actor"] for a in event.get("actors") or []}
    for statement in records["statements"]:
        ids.add(statement.get("speaker"))
        ids |= {s.get("via") for s in statement.get("sources") or []}
    for figure in records["figures"]:
        ids |= {figure.get("stated_by"), figure.get("via")}
    return {i for i in ids if i}


def _place_references(records: Records) -> set[str]:
    ids: set[str | None] = set()
    for event in records["events"]:
        ids |= set(event.get("places") or [])
    for statement in records["statements"]:
        ids.add(statement.get("place"))
    for figure in records["figures"]:
        ids.add(figure.get("place"))
    for place in records["places"]:
        ids.add(place.get("parent"))
    return {i for i in ids if i}
