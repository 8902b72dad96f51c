"""Reported figures that disagree — the query behind ``kztimeline figures --conflicts`` (and, later, ``check``).

Two figures are compared only when they count the same thing: the same **scope**, which is

- the same metric (and, for ``other``, the same label, in any case);
- the same place (a toll for Almaty is not the toll for Kazakhstan; no place only matches no place);
- the same **part**: a figure either counts everyone the metric covers (a *total*: "nationwide", "people
  detained", "deaths in the gunfire"), or a named *part* of them ("18 security personnel", "police officials",
  "protesters detained", "Russian military personnel"). :func:`scope_part` reads which from the scope text: a scope
  that says it is "part of" something (or "of whom", "among them") is a part, and so is one whose head — the words
  before the first comma, bracket or clause (``which``, ``by``, ``during``, ``in`` …) — names a kind of people in
  :data:`PART_GROUPS` before any word for everyone (people, deaths, toll, nationwide). Parts compare only with parts
  of the same kind; "including 18 security personnel" after a comma leaves a total a total. For troops deployed,
  words for troops are what the metric counts, not a part of it.

Two figures of one scope **disagree** when

- their as-of windows overlap and no number fits both (:func:`possible_values` turns a qualifier into the numbers
  it allows), or
- the metric is cumulative (:data:`kztimeline.taxonomy.CUMULATIVE_METRICS`: killed, injured, detained, criminal
  cases) and the later figure's highest possible value is below the earlier one's lowest: an exact "160" dead on
  10 January against "at least 164" on 9 January;

unless one supersedes the other, directly or along a ``superseded_by`` chain. Retracted figures assert nothing and
are left out; superseded ones are still compared with figures outside their chain.

An as-of window is the figure's day; an approximate day is the day before to the day after; a window of
uncertainty runs to its latest day and a duration to its last day. Two figures of the same day that both give a
time are ordered by it (converted to Almaty time), so a morning count and an evening count do not overlap.

Disagreeing figures are gathered into groups (figures linked by any disagreement), each with its pairs and why.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from kztimeline.db.reader import Reader
from kztimeline.query.figures import FigureFilter, figure_documents, figure_selection
from kztimeline.query.names import resolve_actors
from kztimeline.taxonomy import CUMULATIVE_METRICS, DEFAULT_TIMEZONE

TOLERANCE = 0.10
"""How far an approximate number may be from its value: "about 2,500" allows 2,250 to 2,750, "nearly 13" allows 11
to 13. At least 1, so "about 5" allows 4 to 6. An exact number is taken at its word: "160" allows only 160."""

VAGUE_LEAST: dict[str, int] = {"several": 2, "dozens": 24, "hundreds": 200, "thousands": 2000}
"""The least a vague quantity can mean (two dozen for "dozens"), less the tolerance; none has an upper end."""


@dataclass(frozen=True)
class PossibleValues:
    """The whole numbers a figure allows, from ``low`` to ``high`` inclusive; ``high`` None has no upper end."""

    low: int
    high: int | None

    def meets(self, other: PossibleValues) -> bool:
        """Whether some number fits both."""
        return (self.high is None or self.high >= other.low) and (other.high is None or other.high >= self.low)

    def text(self) -> str:
        if self.high is None:
            return f"{self.low:,} or more"
        return f"{self.low:,}" if self.low == self.high else f"{self.low:,}–{self.high:,}"


def possible_values(qualifier: str, value: int | None, low: int | None, high: int | None) -> PossibleValues | None:
    """The numbers a figure stated with ``qualifier`` allows; None when it gives no number to compare.

    >>> possible_values("at least", 160, None, None)
    PossibleValues(low=160, high=None)
    >>> possible_values("more than", 5000, None, None)  # counts are whole: more than 5,000 is 5,001 or more
    PossibleValues(low=5001, high=None)
    >>> possible_values("about", 2500, None, None)
    PossibleValues(low=2250, high=2750)
    """
    if low is not None and high is not None:
        return PossibleValues(low, high)
    if qualifier in VAGUE_LEAST:
        least = VAGUE_LEAST[qualifier]
        return PossibleValues(least - _margin(least), None)
    if value is None:
        return None
    if qualifier == "at least":
        return PossibleValues(value, None)
    if qualifier == "more than":
        return PossibleValues(value + 1, None)
    if qualifier == "up to":
        return PossibleValues(0, value)
    if qualifier == "about":
        return PossibleValues(max(0, value - _margin(value)), value + _margin(value))
    if qualifier == "nearly":
        return PossibleValues(max(0, value - _margin(value)), value)
    return PossibleValues(value, value)  # exact (and a range without its ends, which the seeds do not allow)


def _margin(value: int) -> int:
    return max(1, math.ceil(value * TOLERANCE))


# ------------------------------------------------------------------------------------------------------ scopes

PART_GROUPS: dict[str, str] = {
    "police": r"police\w*|полиц\w*|полицейск\w*",
    "law enforcement": r"law[- ]enforcement|правоохранител\w*|силовик\w*",
    "security forces": r"security (?:personnel|forces?|officers|services)|servicem[ae]n|soldiers?|troops|military"
    r"|national guard|army|военнослужащ\w*|военн\w*",
    "protesters": r"protesters?|protestors?|demonstrators?|rioters?|протестующ\w*|демонстрант\w*|митингующ\w*",
    "attackers": r"attackers?|militants?|bandits?|terrorists?|armed criminals?|боевик\w*|террорист\w*|бандит\w*",
    "civilians": r"civilians?|мирн\w* жител\w*",
    "children": r"children|minors?|дет\w*",
    "journalists": r"journalists?|reporters?|журналист\w*",
    "foreigners": r"foreigners?|foreign (?:nationals|citizens)|иностран\w*",
    "Russian": r"russian|российск\w*",
    "Belarusian": r"belarusian|белорусск\w*",
    "Armenian": r"armenian|армянск\w*",
    "Kyrgyz": r"kyrgyz|киргизск\w*|кыргызск\w*",
    "Tajik": r"tajik|таджикск\w*",
}
"""Kinds of people a scope can name as a part of a count (each a regular expression of its words, English and
Russian). A scope naming one of them before any word for everyone counts only that part."""

EVERYONE = r"people|persons|individuals|deaths|dead|toll|total|nationwide|overall|everyone|человек\w*|погибш\w*|всего"
"""Words that say a scope counts everyone the metric covers."""

METRIC_SUBJECTS: dict[str, frozenset[str]] = {"troops_deployed": frozenset({"security forces"})}
"""Groups that are what a metric counts, so naming them makes no part of it ("CSTO peacekeeping troops")."""

PART_MARKERS = re.compile(r"\b(?:part of|of whom|of which|among (?:them|whom|the))\b|из них|из которых", re.I)
HEAD_END = re.compile(
    r"[,;:(\[]|\s(?:which|who|whom|that|by|during|in|on|at|from|after|before|since|over|through|for|"
    r"которы\w*|в|во|на|после|при)\s",
    re.I,
)
_GROUP_WORDS = re.compile(
    "|".join(f"(?P<g{index}>\\b(?:{pattern})\\b)" for index, pattern in enumerate(PART_GROUPS.values()))
    + f"|(?P<everyone>\\b(?:{EVERYONE})\\b)",
    re.I,
)
_GROUP_NAMES = list(PART_GROUPS)


def scope_part(metric: str, scope: str | None) -> str | None:
    """The part of the metric's count a scope names (``police``, ``security forces``), or None for a total.

    >>> scope_part("killed", "security personnel killed, part of the toll of at least 44")
    'security forces'
    >>> scope_part("killed", 'nationwide, including 18 security personnel and 26 described as "armed criminals"')
    >>> scope_part("troops_deployed", "Russian military personnel who have arrived in Kazakhstan")
    'Russian'
    """
    if not scope:
        return None
    text = scope.replace("“", '"').replace("”", '"')
    end = HEAD_END.search(text)
    head = text[: end.start()] if end else text
    subjects = METRIC_SUBJECTS.get(metric, frozenset())
    groups: list[str] = []
    first_named: str | None = None  # "everyone", or the first kind of people the head names
    for match in _GROUP_WORDS.finditer(head):
        named = "everyone" if match.lastgroup == "everyone" else _GROUP_NAMES[int(str(match.lastgroup)[1:])]
        if named in subjects:
            continue
        first_named = first_named or named
        if named != "everyone" and named not in groups:
            groups.append(named)
    if PART_MARKERS.search(text):
        return ", ".join(sorted(groups)) if groups else " ".join(head.casefold().split()).strip("\"' ")
    if first_named not in (None, "everyone"):
        return ", ".join(sorted(groups))
    return None


@dataclass(frozen=True, order=True)
class ScopeKey:
    """What a figure counts: figures compare only within one key."""

    metric: str
    label: str  # casefolded; empty but for metric ``other``
    place_id: str  # empty when the figure names no place
    part: str  # empty for a total

    @classmethod
    def of(cls, figure: dict[str, Any]) -> ScopeKey:
        label = (figure["label"] or "").casefold().strip() if figure["metric"] == "other" else ""
        return cls(
            figure["metric"], label, figure["place_id"] or "", scope_part(figure["metric"], figure["scope"]) or ""
        )


# ------------------------------------------------------------------------------------------------- as-of windows

Moment = tuple[str, int]  # an ISO day and a minute of it (Almaty time when the figure gives a time)
ALMATY = ZoneInfo(DEFAULT_TIMEZONE)


def as_of_window(figure: dict[str, Any]) -> tuple[Moment, Moment]:
    """The first and last moment a figure can be as of (see the module's docstring)."""
    first = dt.date.fromisoformat(figure["date"])
    if figure["date_precision"] == "approximate":
        return ((first - dt.timedelta(days=1)).isoformat(), 0), ((first + dt.timedelta(days=1)).isoformat(), 1439)
    last = figure["date_end"] or figure["date_latest"]
    if last:
        return (first.isoformat(), 0), (str(last), 1439)
    if figure["time"]:
        hours, minutes = (int(part) for part in str(figure["time"]).split(":"))
        moment = dt.datetime.combine(first, dt.time(hours, minutes), ZoneInfo(figure["timezone"] or DEFAULT_TIMEZONE))
        local = moment.astimezone(ALMATY)
        at = (local.date().isoformat(), local.hour * 60 + local.minute)
        return at, at
    return (first.isoformat(), 0), (first.isoformat(), 1439)


# ------------------------------------------------------------------------------------------------------ finding


@dataclass(frozen=True)
class Disagreement:
    """Two figures of one scope that cannot both be right; ``kind`` is ``values-differ`` (the same time, no common
    number) or ``lower-later`` (a cumulative count lower than an earlier one). ``first`` is the earlier."""

    first: str
    second: str
    kind: str
    explanation: str

    def as_document(self) -> dict[str, Any]:
        return {"figures": [self.first, self.second], "kind": self.kind, "explanation": self.explanation}


@dataclass
class ConflictGroup:
    """Figures of one scope linked by disagreements: each figure as stated, with who stated it and where, and the
    pairs that disagree."""

    scope: ScopeKey
    place: str | None
    figures: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def as_document(self) -> dict[str, Any]:
        return {
            "metric": self.scope.metric,
            "label": self.figures[0]["label"] if self.scope.metric == "other" else None,
            "place_id": self.scope.place_id or None,
            "place": self.place,
            "part": self.scope.part or None,
            "figures": self.figures,
            "disagreements": [disagreement.as_document() for disagreement in self.disagreements],
        }


KIND_ORDER = {"values-differ": 0, "lower-later": 1}


def find_figure_conflicts(reader: Reader, wanted: FigureFilter | None = None) -> list[ConflictGroup]:
    """The groups of disagreeing figures, by metric, then the as-of date of their first figure.

    ``wanted`` narrows them: its metrics to those metrics; its scope text and actors to the groups with a figure
    whose scope contains the text and one stated by such an actor (the other figures of a group stay, since they
    are what it disagrees with). Its paging is ignored.
    """
    wanted = wanted or FigureFilter()
    where, params = figure_selection(reader, FigureFilter(metrics=wanted.metrics))
    documents = figure_documents(
        reader, f"{where} AND figures.status <> 'retracted'", params, "figures.metric, figures.date_start"
    )
    by_scope: dict[ScopeKey, list[dict[str, Any]]] = defaultdict(list)
    successors: dict[str, str] = {}
    for figure in documents:
        possible = _possible(figure)
        if possible is None:
            continue
        figure["possible_values"] = {"low": possible.low, "high": possible.high}
        by_scope[ScopeKey.of(figure)].append(figure)
        if figure["superseded_by_id"]:
            successors[figure["id"]] = figure["superseded_by_id"]
    groups = [group for key, figures in by_scope.items() for group in _conflicts(key, figures, successors)]
    actors = (
        resolve_actors(reader, wanted.stated_by, all_matches=wanted.all_matches) if wanted.stated_by else set[str]()
    )
    scope_text = wanted.scope.casefold() if wanted.scope is not None else None
    chosen = [
        group
        for group in groups
        if (not actors or any(figure["stated_by_id"] in actors for figure in group.figures))
        and (scope_text is None or any(scope_text in (figure["scope"] or "").casefold() for figure in group.figures))
    ]
    return sorted(chosen, key=lambda group: (group.scope.metric, group.figures[0]["date"], group.scope))


def conflicting_figure_ids(groups: Iterable[ConflictGroup]) -> dict[str, list[tuple[dict[str, Any], Disagreement]]]:
    """For each figure in a disagreement, the figures it disagrees with and how: what a listing marks it with."""
    marks: dict[str, list[tuple[dict[str, Any], Disagreement]]] = defaultdict(list)
    for group in groups:
        by_id = {figure["id"]: figure for figure in group.figures}
        for disagreement in group.disagreements:
            marks[disagreement.first].append((by_id[disagreement.second], disagreement))
            marks[disagreement.second].append((by_id[disagreement.first], disagreement))
    return dict(marks)


def _possible(figure: dict[str, Any]) -> PossibleValues | None:
    return possible_values(figure["qualifier"], figure["value"], figure["low"], figure["high"])


def _chain(figure_id: str, successors: dict[str, str]) -> set[str]:
    """Every figure that supersedes ``figure_id``, directly or through others (a loop stops the walk)."""
    seen: set[str] = set()
    while figure_id in successors and successors[figure_id] not in seen:
        figure_id = successors[figure_id]
        seen.add(figure_id)
    return seen


def _conflicts(key: ScopeKey, figures: list[dict[str, Any]], successors: dict[str, str]) -> list[ConflictGroup]:
    """The disagreements among one scope's figures, gathered into linked groups.

    A sweep in as-of order: each figure is compared with those whose window is still open (overlap), and, for a
    cumulative metric, looked up among the closed ones by their lowest value (sorted, so only the figures above
    its highest value are visited). The cost is the figures times those open at once, plus the pairs found.
    """
    windows = {figure["id"]: as_of_window(figure) for figure in figures}
    possible = {figure["id"]: PossibleValues(**figure["possible_values"]) for figure in figures}
    chains = {figure["id"]: _chain(figure["id"], successors) for figure in figures}
    cumulative = key.metric in CUMULATIVE_METRICS
    order = sorted(figures, key=lambda figure: (windows[figure["id"]][0], figure["id"]))
    open_figures: list[dict[str, Any]] = []
    closed_lows: list[tuple[int, str]] = []  # (lowest possible value, id) of figures whose window has ended
    found: list[Disagreement] = []

    def related(first: str, second: str) -> bool:
        return second in chains[first] or first in chains[second]

    for figure in order:
        start = windows[figure["id"]][0]
        still_open = []
        for earlier in open_figures:
            if windows[earlier["id"]][1] < start:
                bisect.insort(closed_lows, (possible[earlier["id"]].low, earlier["id"]))
            else:
                still_open.append(earlier)
        open_figures = still_open
        values = possible[figure["id"]]
        for earlier in open_figures:
            if not values.meets(possible[earlier["id"]]) and not related(earlier["id"], figure["id"]):
                found.append(_values_differ(earlier, figure))
        if cumulative and values.high is not None and closed_lows:
            for low, earlier_id in reversed(closed_lows):
                if low <= values.high:
                    break
                if not related(earlier_id, figure["id"]):
                    found.append(_lower_later(earlier_id, figure, possible))
        open_figures.append(figure)
    if not found:
        return []
    return _linked_groups(key, figures, found)


def _values_differ(first: dict[str, Any], second: dict[str, Any]) -> Disagreement:
    return Disagreement(
        first["id"],
        second["id"],
        "values-differ",
        f"as of the same time, no number is both {_allows(first)} and {_allows(second)}",
    )


def _lower_later(earlier_id: str, later: dict[str, Any], possible: dict[str, PossibleValues]) -> Disagreement:
    return Disagreement(
        earlier_id,
        later["id"],
        "lower-later",
        f"{later['metric']} counts only grow, but the later figure allows at most {possible[later['id']].high:,} "
        f"where the earlier one allows at least {possible[earlier_id].low:,}",
    )


def _allows(figure: dict[str, Any]) -> str:
    values = figure["possible_values"]
    return PossibleValues(values["low"], values["high"]).text()


def _linked_groups(key: ScopeKey, figures: list[dict[str, Any]], found: Sequence[Disagreement]) -> list[ConflictGroup]:
    parent: dict[str, str] = {}

    def root(figure_id: str) -> str:
        parent.setdefault(figure_id, figure_id)
        while parent[figure_id] != figure_id:
            parent[figure_id] = parent[parent[figure_id]]
            figure_id = parent[figure_id]
        return figure_id

    for disagreement in found:
        parent[root(disagreement.first)] = root(disagreement.second)
    by_id = {figure["id"]: figure for figure in figures}
    groups: dict[str, ConflictGroup] = {}
    for figure_id in sorted(parent, key=lambda figure_id: (by_id[figure_id]["date"], figure_id)):
        figure = by_id[figure_id]
        group = groups.setdefault(root(figure_id), ConflictGroup(key, figure["place"]))
        group.figures.append(figure)
    for disagreement in found:
        groups[root(disagreement.first)].disagreements.append(disagreement)
    for group in groups.values():
        position = {figure["id"]: index for index, figure in enumerate(group.figures)}
        group.disagreements.sort(key=lambda d: (position[d.first], position[d.second], KIND_ORDER[d.kind]))
    return list(groups.values())
