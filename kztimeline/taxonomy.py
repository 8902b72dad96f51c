"""The closed vocabularies of the data model.

They are small on purpose: users filter by them (``show --type detention``), so every value is documented here and
in ``docs/seeds-format.md``, and the seeds JSON Schema is checked against these tuples by a test.
"""

from __future__ import annotations

from typing import Final

EVENT_TYPES: Final[dict[str, str]] = {
    "protest": "People demonstrate, march or rally.",
    "clash": "Protesters and security forces confront each other.",
    "violence": "Arson, shooting, attacks on buildings or people, as reported.",
    "government_action": "A decision, order or decree of a government or its officials.",
    "security_operation": "Police or military operations: clearing, dispersing, securing sites.",
    "deployment": "Troops sent or arriving, including foreign forces.",
    "detention": "Arrests and detentions.",
    "disruption": "Internet, banks, flights or other services cut or restored.",
    "communications": "Announcements, reports, interviews, briefings, diplomatic notes.",
    "diplomatic_reaction": "Foreign governments' and international bodies' reactions.",
}

ACTOR_KINDS: Final[dict[str, str]] = {
    "person": "A named individual.",
    "state": "A country acting as a whole.",
    "government_body": "A government, ministry, office or official post.",
    "security_force": "Police, army, paratroopers and other security forces.",
    "alliance": "A military or political alliance of states (CSTO).",
    "international_organisation": "The UN and its bodies, and similar organisations.",
    "organisation": "A non-governmental organisation or community.",
    "media": "A news outlet, agency or broadcaster.",
    "group": "An unnamed collective: protesters, 'a UN source', witnesses.",
}

PLACE_KINDS: Final[dict[str, str]] = {
    "country": "A country.",
    "region": "A region or province within a country.",
    "city": "A city or town.",
    "site": "A building, square, airport or other site within a city.",
}

ACTOR_ROLES: Final[dict[str, str]] = {
    "actor": "Did what the event describes.",
    "target": "Was acted upon.",
    "mentioned": "Is named in the event without acting in it.",
}

METRICS: Final[dict[str, str]] = {
    "killed": "People killed or dead.",
    "injured": "People injured.",
    "detained": "People detained or arrested.",
    "troops_deployed": "Troops or personnel deployed.",
    "criminal_cases": "Criminal cases opened.",
    "other": "Any other reported number; its `label` says what it counts.",
}

CUMULATIVE_METRICS: Final[frozenset[str]] = frozenset({"killed", "injured", "detained", "criminal_cases"})
"""Counts that only grow: the dead, injured, detained and cases opened *so far*. A lower number of one of these on a
later as-of date contradicts an earlier one (``figures --conflicts``); troops deployed can go down as troops leave,
and an ``other`` figure counts anything."""

QUALIFIERS: Final[dict[str, str]] = {
    "exact": "The number as a plain count.",
    "at least": "At least the value.",
    "more than": "More than the value ('over', 'more than').",
    "about": "Approximately the value ('about', 'some', 'around').",
    "nearly": "Nearly the value ('nearly', 'almost').",
    "up to": "At most the value.",
    "range": "Between `low` and `high`.",
    "dozens": "A vague quantity with no value.",
    "several": "A vague quantity with no value.",
    "hundreds": "A vague quantity with no value.",
    "thousands": "A vague quantity with no value.",
}

VAGUE_QUALIFIERS: Final[frozenset[str]] = frozenset({"dozens", "several", "hundreds", "thousands"})

FIGURE_STATUSES: Final[dict[str, str]] = {
    "current": "Not replaced or withdrawn according to the sources.",
    "superseded": "Replaced by a later figure (see `superseded_by`).",
    "retracted": "Withdrawn by the authority that stated it.",
}

DATE_PRECISIONS: Final[dict[str, str]] = {
    "day": "The exact day is known.",
    "approximate": "The day is approximate (see the date note).",
    "range": "A duration: from `date_start` to `date_end`.",
    "window": "One day between `date_start` and `date_latest`; the sources do not say which (see the date note).",
}

DEFAULT_TIMEZONE: Final[str] = "Asia/Almaty"
