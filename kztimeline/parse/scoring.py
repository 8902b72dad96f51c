"""Score the parser against a gold annotation (``tests/gold/articles.yaml`` and the held-out set).

Matching rules (they are the ones ``tests/gold/README.md`` describes):

- a quotation matches a gold quotation when their spans overlap by at least 80% (intersection over union, after
  trailing punctuation and spaces are trimmed); it is *correct* when the speaker is right too — the same actor id
  when the gold has one, otherwise the same name (the whole name, one containing the other, or the gold surname
  when the parser gives only a surname);
- a figure matches when metric, value and qualifier are equal and its span overlaps an occurrence of the gold text;
- a relative date matches when its span overlaps an occurrence of the gold text and date and precision are equal;
- output that overlaps an ``excluded`` span and matches no gold item is ignored: neither a true nor a false
  positive.

Precision counts parser items that match some gold item; recall counts gold items that some parser item matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kztimeline.curation.text import normalise_for_matching
from kztimeline.parse.article import parse_file
from kztimeline.parse.document import ParsedArticle
from kztimeline.parse.gazetteer import Gazetteers

_TRAILING = " \t\n.,;:!?…"


@dataclass
class Tally:
    """True positives counted from both sides, so precision and recall each have their own numerator."""

    matched_output: int = 0
    output: int = 0
    matched_gold: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_output / self.output if self.output else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    def add(self, other: Tally) -> None:
        self.matched_output += other.matched_output
        self.output += other.output
        self.matched_gold += other.matched_gold
        self.gold += other.gold
        self.misses += other.misses


@dataclass
class Score:
    quotes: Tally = field(default_factory=Tally)  # span and speaker right
    quote_spans: Tally = field(default_factory=Tally)  # span right, any speaker
    figures: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    published: Tally = field(default_factory=Tally)
    titles: Tally = field(default_factory=Tally)

    def add(self, other: Score) -> None:
        for name in ("quotes", "quote_spans", "figures", "dates", "published", "titles"):
            getattr(self, name).add(getattr(other, name))

    def rows(self) -> list[tuple[str, Tally]]:
        return [
            ("quotations with the right speaker", self.quotes),
            ("quotation spans (any speaker)", self.quote_spans),
            ("figures (metric, value, qualifier)", self.figures),
            ("relative dates (date, precision)", self.dates),
            ("publication dates", self.published),
            ("headlines", self.titles),
        ]


# The gold sets annotate counts of people and of criminal cases (tests/gold/README.md); other measures (metric
# "other": price multiples, shutdown lengths) are not annotated, so they are left out of the score, not counted wrong.
COUNTED_METRICS = frozenset({"killed", "injured", "detained", "troops_deployed", "criminal_cases"})


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans = []
    start = text.find(needle)
    while start >= 0 and needle:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    while start < end and text[start] in _TRAILING:
        start += 1
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    union = max(a[1], b[1]) - min(a[0], b[0])
    return _overlap(a, b) / union if union else 0.0


def _speaker_right(gold: dict[str, Any], quote: dict[str, Any]) -> bool:
    if gold.get("speaker_id"):
        return bool(quote["speaker_id"] == gold["speaker_id"])
    if not gold.get("speaker") or not quote["speaker"]:
        return not gold.get("speaker") and not quote["speaker"]
    expected = normalise_for_matching(str(gold["speaker"])).casefold()
    found = normalise_for_matching(str(quote["speaker"])).casefold()
    if len(found.split()) == 1:  # a surname alone must be the gold speaker's surname
        return found == expected.split()[-1]
    # a longer name must be the gold name, or contain it / be contained in it ("UN source" / "a UN source"),
    # so "Aruzhan Kaldybek" is not taken for "Nurzhan Kaldybek"
    return found == expected or expected in found or found in expected


def _tally(
    outputs: list[dict[str, Any]],
    golds: list[dict[str, Any]],
    excluded: list[tuple[int, int]],
    matches: Callable[[dict[str, Any], dict[str, Any]], bool],
    describe: Callable[[dict[str, Any]], str],
    same_item: Callable[[dict[str, Any], dict[str, Any]], bool] | None = None,
) -> Tally:
    """``same_item`` says an output is about a gold item at all (a quotation's span, whatever its speaker):
    such an output is never ignored, so a wrong speaker counts against precision even next to an excluded span."""
    tally = Tally(gold=len(golds))
    same = same_item or matches

    def ignored(output: dict[str, Any]) -> bool:
        overlaps = any(_overlap((output["start"], output["end"]), span) for span in excluded)
        return overlaps and not any(same(output, g) for g in golds)

    kept = [o for o in outputs if not ignored(o)]
    tally.output = len(kept)
    tally.matched_output = sum(1 for o in kept if any(matches(o, g) for g in golds))
    for gold in golds:
        if any(matches(o, gold) for o in kept):
            tally.matched_gold += 1
        else:
            tally.misses.append("missed " + describe(gold))
    for output in kept:
        if not any(matches(output, g) for g in golds):
            tally.misses.append("spurious " + describe(output))
    return tally


def score_article(article: ParsedArticle, gold: dict[str, Any], text: str) -> Score:
    """Compare one parsed article with its gold entry."""
    parsed = article.to_dict()
    excluded = [span for item in gold.get("excluded") or [] for span in _occurrences(text, str(item["text"]))]
    score = Score()

    def quote_span_matches(output: dict[str, Any], expected: dict[str, Any]) -> bool:
        found = _trim(text, output["start"], output["end"])
        for start, end in _occurrences(text, str(expected["text"])):
            if _iou(found, _trim(text, start, end)) >= 0.8:
                return True
        return False

    def quote_matches(output: dict[str, Any], expected: dict[str, Any]) -> bool:
        return quote_span_matches(output, expected) and _speaker_right(expected, output)

    def overlaps_gold_text(output: dict[str, Any], expected: dict[str, Any]) -> bool:
        return any(_overlap((output["start"], output["end"]), s) for s in _occurrences(text, str(expected["text"])))

    def figure_matches(output: dict[str, Any], expected: dict[str, Any]) -> bool:
        same = (output["metric"], output["value"], output["qualifier"]) == (
            expected["metric"],
            expected.get("value"),
            expected["qualifier"],
        )
        return same and overlaps_gold_text(output, expected)

    def date_matches(output: dict[str, Any], expected: dict[str, Any]) -> bool:
        expected_date = str(expected["date"]) if expected.get("date") else None
        same = (output["date"], output["precision"]) == (expected_date, expected["precision"])
        return same and overlaps_gold_text(output, expected)

    def describe_quote(item: dict[str, Any]) -> str:
        return f"quote {str(item['text'])[:50]!r} ({item.get('speaker_id') or item.get('speaker')})"

    def describe_figure(item: dict[str, Any]) -> str:
        return f"figure {item['metric']} {item.get('qualifier')} {item.get('value')} {str(item['text'])!r}"

    def describe_date(item: dict[str, Any]) -> str:
        return f"date {str(item['text'])!r} {item.get('date')} {item.get('precision')}"

    golds = gold.get("quotes") or []
    score.quotes = _tally(parsed["quotes"], golds, excluded, quote_matches, describe_quote, quote_span_matches)
    score.quote_spans = _tally(parsed["quotes"], golds, excluded, quote_span_matches, describe_quote)
    counts = [figure for figure in parsed["figures"] if figure["metric"] in COUNTED_METRICS]  # what the gold annotates
    score.figures = _tally(counts, gold.get("figures") or [], excluded, figure_matches, describe_figure)
    relative = [d for d in parsed["dates"] if d["relative"]]
    score.dates = _tally(relative, gold.get("dates") or [], excluded, date_matches, describe_date)
    expected_published = str(gold["published"]) if gold.get("published") else None
    right = parsed["published"] == expected_published
    score.published = Tally(int(right), 1, int(right), 1, [] if right else [f"published {parsed['published']}"])
    expected_title = normalise_for_matching(str(gold["title"])) if gold.get("title") else None
    found_title = normalise_for_matching(parsed["title"]) if parsed["title"] else None
    right = found_title == expected_title
    score.titles = Tally(int(right), 1, int(right), 1, [] if right else [f"headline {parsed['title']!r}"])
    return score


def score_gold(gold_file: Path, gazetteers: Gazetteers) -> tuple[Score, dict[str, Score]]:
    """Parse every article a gold file annotates and score it; article files sit in ``articles/`` beside it,
    or in ``seeds/articles`` for the seed gold (its ``articles_dir`` key says where)."""
    data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    articles_dir = (gold_file.parent / data.get("articles_dir", "articles")).resolve()
    total = Score()
    per_article: dict[str, Score] = {}
    for entry in data["articles"]:
        path = articles_dir / entry["file"]
        article = parse_file(path, gazetteers)
        score = score_article(article, entry, path.read_text(encoding="utf-8"))
        per_article[entry["file"]] = score
        total.add(score)
    return total, per_article


def format_table(scores: Iterable[tuple[str, Score]]) -> str:
    """A Markdown table of precision and recall per item kind, one column pair per scored set."""
    scores = list(scores)
    header = "| |" + "".join(f" {name} P | {name} R |" for name, _ in scores)
    rule = "|---|" + "---:|---:|" * len(scores)
    lines = [header, rule]
    for index, (label, _) in enumerate(scores[0][1].rows()):
        cells = []
        for _, score in scores:
            tally = score.rows()[index][1]
            cells.append(
                f" {tally.precision:.2f} ({tally.matched_output}/{tally.output}) |"
                f" {tally.recall:.2f} ({tally.matched_gold}/{tally.gold}) |"
            )
        lines.append(f"| {label} |" + "".join(cells))
    return "\n".join(lines)
