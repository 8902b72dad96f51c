"""Does a passage of a new article report an event, a quotation or a figure the timeline already has?

``import`` asks this of every sentence, quotation and figure it finds, so that the hundredth article about the
shoot-to-kill order becomes a new citation of the event, not a hundred-and-first draft event.

The rule (docs/seeds-format.md, "How import merges", says the same for curators):

- **Events.** A sentence and an event are compared as bags of *features*: the stems of the content words (Snowball
  stemmer, English or Russian; numbers as digits; English words reports use for one thing, such as "soldiers" and
  "troops", as one stem) and the ids of the curated actors and places named. The event's bag
  holds its title, summary, every excerpt that already cites it, its actors' and places' ids. Each feature weighs its
  inverse document frequency over the timeline's events, so "Tokayev" or "Almaty" count for little when half the
  events have them and "kill without warning" counts for much. The *score* (0 to 1) is the mean of two shares: of the
  sentence's weight that the event covers, and of the weight of the event's title that the sentence covers (a long
  sentence that reports one happening among others still matches that happening's title). A sentence dated (by the
  parser) outside the event's window, widened by a day either side, keeps a third of its score: the same words on
  another day are usually another happening. A sentence is drafted as a citation of its best event when the score is
  at least :data:`EVENT_THRESHOLD`, it shares at least two content stems with it, and it scores at least
  :data:`EVENT_MARGIN` times the runner-up (a sentence that fits two events about equally is left for the curator as a
  new draft, with both named). A sentence that reports several happenings also cites every other event whose title it
  covers by at least :data:`TITLE_SHARE` while the event covers :data:`TITLE_COVERAGE` of the sentence, on a date that
  agrees. A sentence nothing else matches still cites its best candidate when both give the same specific number (ten
  or more, not a year) on a day that agrees, with one more word in common. The thresholds were set on the leave-one-
  out re-curation of the five seed articles (``bench/recurate.py``); read ``docs/benchmarks.md`` for how they do there
  and on articles the project did not curate.
- **Across languages** (a Russian report of an event described in English) what counts is what is the same in every
  language: actor and place ids, numbers, the event type the sentence's words suggest (``type:detention`` from
  "задержали"; the type is a feature in the same language too), and the English stems a small lexicon of the
  vocabulary of unrest gives for its Russian words (``задержа`` → ``detain``). A match then needs the type, one
  feature more, and either a date in the sentence that agrees with the event's or two translated words.
- **Statements.** A quotation matches a statement of the same speaker (or of an unknown one) when it holds all of
  the statement's words in a row and the statement has at least :data:`SAME_STATEMENT_SHARE` as many words as the
  quotation (so a one-word fragment such as "terrorists" does not absorb every quotation that uses the word): the
  new article is then drafted as one more source of the statement. When their
  word sequences only agree on at least :data:`STATEMENT_THRESHOLD` (difflib ratio on normalised words), the
  quotation is a new statement with a note naming the other wording.
- **Figures** are never merged (conflicting or repeated numbers stay separate, one record per article); an
  identical one (same metric, value, scope words and as-of day) is noted on the draft so the curator sees the
  corroboration.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]

from kztimeline.curation.timeline_records import Record, TimelineRecords

EVENT_THRESHOLD = 0.35
EVENT_MARGIN = 1.25
TITLE_SHARE = 0.5
TITLE_COVERAGE = 0.3
STATEMENT_THRESHOLD = 0.8
SAME_STATEMENT_SHARE = 0.6
DATE_MISMATCH_FACTOR = 1 / 3

_STOPWORDS = frozenset(
    """a an and are as at be been being but by for from had has have he her his i in into is it its of on or our
    over said says she that the their them they this those to was we were which while who will with would after
    also about against all any can could did do does more most not no now one only other out so some such than then
    there these up us what when where how why you your been amid during before since under until very just
    told tell according reported report reports saying say statement added
    и в во на с со по к ко о об от до за из у не но а что как это этот эта эти то же ли бы был была были было
    быть он она оно они его ее её их мы вы я также который которые которая которое при для после над под про
    сказал сказала заявил заявила сообщил сообщила сообщает сообщили словам""".split()
)
_TOKEN = re.compile(r"\d[\d,.\u00a0\u202f ]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]")


@cache
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(language)


def content_stems(text: str) -> list[str]:
    """The stems of a text's content words, in order: stop words dropped, numbers as plain digits ("2,000" -> "2000"),
    Cyrillic words through the Russian stemmer and the rest through the English one."""
    return [stem for match in _TOKEN.finditer(text) if (stem := token_stem(match.group()))]


@lru_cache(maxsize=262_144)
def token_stem(token: str) -> str:
    """One token's stem, or "" for a stop word (cached: a timeline repeats its words, and the Snowball stemmers are
    pure Python)."""
    token = token.casefold().replace("’", "'")
    if token[0].isdigit():
        return re.sub(r"\D", "", token) if re.fullmatch(r"\d{1,3}([,.\s\u00a0\u202f]\d{3})+", token) else token
    if token in _STOPWORDS or len(token) < 2:
        return ""
    if _CYRILLIC.search(token):
        return str(_stemmer("russian").stemWord(token))
    stem = str(_stemmer("english").stemWord(token.removesuffix("'s")))
    return _ENGLISH_SYNONYMS.get(stem, stem)


# English words that reports of unrest use interchangeably for one thing, each group as the stem that stands for it:
# one report's "soldiers … dispatched" is another's "troops deploy", "a jump in the fuel price" is "fuel prices rise".
# Kept to words whose other senses are rare in such reports ("march" and "sent" are left out: "in March", "sent a
# note"). A match still needs the event's other words and its title, so a shared synonym alone decides nothing.
_SYNONYM_GROUPS: dict[str, tuple[str, ...]] = {
    "troop": ("soldier", "servicemen", "serviceman"),
    "deploy": ("dispatch", "redeploy"),
    "rise": ("rose", "risen", "jump", "hike", "surg", "soar", "increas", "climb", "spike", "doubl", "tripl"),
    "detain": ("arrest", "apprehend", "custodi"),
    "protest": ("protestor", "demonstr", "ralli"),
    "unrest": ("turmoil", "upheav", "disturb", "riot", "upris"),
    "storm": ("seiz", "overran", "overrun"),
    "suppress": ("quell", "crush", "crackdown"),
}
_ENGLISH_SYNONYMS: dict[str, str] = {word: group for group, words in _SYNONYM_GROUPS.items() for word in words}


# Russian stems of the vocabulary of unrest and its reporting, with the English stems they translate to: a Russian
# report of an event the timeline describes in English shares these words with it. Prefixes of Snowball stems, so
# "задержа" covers задержали, задержанных, задержаны.
_RUSSIAN_TO_ENGLISH: dict[str, tuple[str, ...]] = {
    "задерж": ("detain",), "арест": ("arrest", "detain"), "отставк": ("resign",), "правительств": ("govern", "cabinet"),
    "кабинет": ("cabinet",), "чрезвычайн": ("emergenc",), "интернет": ("internet",), "погиб": ("kill", "dead"),
    "убит": ("kill",), "смерт": ("death", "dead"), "ранен": ("injur",), "пострада": ("injur",),
    "протест": ("protest",), "митинг": ("ralli", "protest"), "демонстрант": ("demonstr", "protest"),
    "войск": ("troop",), "военн": ("militari", "troop"), "десант": ("paratroop",), "миротвор": ("peacekeep",),
    "одкб": ("csto",), "президент": ("presid",), "приказ": ("order",), "огон": ("fire",), "стреля": ("shoot",),
    "предупрежден": ("warn",), "террорист": ("terrorist",), "бандит": ("bandit",), "мвд": ("ministri", "interior"),
    "министерств": ("ministri",), "минздрав": ("health", "ministri"), "полиц": ("polic",), "аэропорт": ("airport",),
    "акимат": ("akimat", "mayor"), "резиденц": ("resid",), "поджог": ("fire", "arson"), "подожг": ("fire",),
    "горел": ("fire", "ablaz"), "газ": ("gas",), "цен": ("price",), "топлив": ("fuel",), "сжижен": ("liquefi",),
    "банк": ("bank",), "рейс": ("flight",), "связ": ("communic",), "отключ": ("shut",), "восстановл": ("restor",),
    "уголовн": ("crimin",), "беспорядк": ("riot", "unrest"), "силовик": ("secur", "forc"), "столкновен": ("clash",),
    "штурм": ("storm",), "захват": ("seiz", "storm"), "мэри": ("mayor",), "генсек": ("secretari",),
    "госдеп": ("state", "depart"), "блинкен": ("blinken",), "путин": ("putin",), "токаев": ("tokayev",),
    "назарбаев": ("nazarbayev",), "алмат": ("almati",), "жанаозен": ("zhanaozen",), "актау": ("aktau",),
    "оон": ("un",), "кремл": ("kremlin",), "мид": ("foreign", "ministri"),
}  # fmt: skip


@lru_cache(maxsize=65_536)
def english_stems_of(stem: str) -> tuple[str, ...]:
    """The English stems a Russian stem translates to (empty for words outside the lexicon)."""
    for prefix, english in _RUSSIAN_TO_ENGLISH.items():
        if stem.startswith(prefix):
            return english
    return ()


@dataclass(frozen=True)
class Passage:
    """A sentence of the new article: its words, its date if the parser resolved one, the curated ids it names."""

    text: str
    day: dt.date | None = None
    actor_ids: frozenset[str] = frozenset()
    place_ids: frozenset[str] = frozenset()
    name_stems: frozenset[str] = frozenset()  # stems of the words of the names in it ("Almaty", "TASS", "police")
    language: str = "en"
    event_type: str | None = None  # the type its words suggest (compared only across languages)

    def features(self) -> set[str]:
        stems = set(content_stems(self.text))
        if self.language == "ru":  # so an event described in English shares words with it
            stems |= {english for stem in stems for english in english_stems_of(stem)}
        return (
            stems
            | {f"actor:{actor}" for actor in self.actor_ids}
            | {f"place:{place}" for place in self.place_ids}
            | ({f"type:{self.event_type}"} if self.event_type else set())
        )


@dataclass(frozen=True)
class Match:
    """A likely match of a candidate with an existing record: its id, the score and the reasons, for the curator."""

    record_id: str
    score: float
    reasons: tuple[str, ...]
    coverage: float = 0.0  # events: the share of the sentence's weight the event covers
    title_share: float = 0.0  # events: the share of the event title's weight the sentence covers

    def note(self, noun: str) -> str:
        """The comment ``import`` writes above the drafted addition."""
        return f"matches {noun} {self.record_id} (score {self.score:.2f}: {'; '.join(self.reasons)})"


@dataclass
class _EventProfile:
    id: str
    features: set[str]
    words: dict[str, str]  # stem -> a word as printed, to name shared words in reasons
    first: dt.date | None
    last: dt.date | None
    approximate: bool
    title: set[str] = field(default_factory=set)
    language: str = "en"
    # what a report in another language can share with it: actor and place ids, numbers, its type
    independent: set[str] = field(default_factory=set)


@dataclass
class EventIndex:
    """The timeline's events as feature bags, with the inverted index that finds the ones sharing a feature."""

    profiles: dict[str, _EventProfile] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)
    _title_weights: dict[str, float] = field(default_factory=dict)
    _cached_for: int = -1

    @classmethod
    def from_records(cls, records: TimelineRecords) -> EventIndex:
        index = cls()
        for event_id, event in records.events.items():
            index.add(event_id, event)
        return index

    def add(self, event_id: str, event: Record) -> None:
        """Index one event (also the ones an import drafts, so later sentences of the article can cite them)."""
        tags = " ".join(str(tag).replace("-", " ") for tag in event.get("tags") or [])
        texts = [str(event.get("title") or ""), str(event.get("summary") or ""), tags]
        texts += [str(citation.get("excerpt") or "") for citation in event.get("citations") or []]
        words: dict[str, str] = {}
        for text in texts:
            for match in _TOKEN.finditer(text):
                if stem := token_stem(match.group()):
                    words.setdefault(stem, match.group())
        features = set(words)
        features |= {f"actor:{a['actor']}" for a in event.get("actors") or [] if isinstance(a, dict) and a.get("actor")}
        features |= {f"place:{place}" for place in event.get("places") or [] if place}
        if event.get("type"):
            features.add(f"type:{event['type']}")
        first = _day(event.get("date"))
        last = _day(event.get("date_latest")) or _day(event.get("date_end")) or first
        title = set(content_stems(str(event.get("title") or "")))
        language = "ru" if _CYRILLIC.search(str(event.get("title") or "").casefold()) else "en"
        independent = {f for f in features if _independent(f)}
        profile = _EventProfile(
            event_id, features, words, first, last, bool(event.get("approximate")), title, language, independent
        )
        if event_id in self.profiles:
            for feature in self.profiles[event_id].features:
                self.postings[feature].remove(event_id)
        self.profiles[event_id] = profile
        for feature in features:
            self.postings.setdefault(feature, []).append(event_id)

    def weight(self, feature: str) -> float:
        """Inverse document frequency over the events: a feature few events have says more."""
        total = max(len(self.profiles), 1)
        return _idf(total, len(self.postings.get(feature, ())))

    def matches(self, passage: Passage, limit: int = 3) -> list[Match]:
        """The best-scoring events for ``passage``, best first.

        Scores are summed along the postings of the passage's features (only events that share one are touched);
        the reasons are written for the best few only."""
        features = passage.features()
        weights = {feature: self.weight(feature) for feature in features}
        denominator = sum(weights.values())
        across = sum(weight for feature, weight in weights.items() if _comparable(feature))  # for other languages
        if not denominator:
            return []
        covered: dict[str, float] = {}
        titled: dict[str, float] = {}
        for feature, weight in weights.items():
            for event_id in self.postings.get(feature, ()):
                covered[event_id] = covered.get(event_id, 0.0) + weight
                if feature in self.profiles[event_id].title:
                    titled[event_id] = titled.get(event_id, 0.0) + weight

        def rough_score(event_id: str) -> float:
            if self.profiles[event_id].language != passage.language:
                return (
                    covered[event_id] / (across or 1.0) + covered[event_id] / self._independent_weight(event_id)
                ) / 2
            return (covered[event_id] / denominator + titled.get(event_id, 0.0) / self._title_weight(event_id)) / 2

        rough = sorted(covered, key=lambda event_id: (-rough_score(event_id), event_id))
        found = [
            self._score(self.profiles[e], passage, features, across if self.profiles[e].language != passage.language
                        else denominator)
            for e in rough[: max(limit * 4, 12)]
        ]  # fmt: skip
        found.sort(key=lambda match: (-match.score, match.record_id))
        return found[:limit]

    def _independent_weight(self, event_id: str) -> float:
        """The weight of what a report in another language can share with the event: its ids, numbers and type,
        and its title's words (which the lexicon may translate)."""
        profile = self.profiles[event_id]
        return sum(self.weight(feature) for feature in profile.independent | profile.title) or 1.0

    def _title_weight(self, event_id: str) -> float:
        """The weight of an event's title words (cached while the index does not grow)."""
        if self._cached_for != len(self.profiles):
            self._title_weights.clear()
            self._cached_for = len(self.profiles)
        if event_id not in self._title_weights:
            total = sum(self.weight(feature) for feature in self.profiles[event_id].title)
            self._title_weights[event_id] = total or 1.0
        return self._title_weights[event_id]

    def _score(self, profile: _EventProfile, passage: Passage, features: set[str], denominator: float) -> Match:
        common = features & profile.features
        coverage = sum(self.weight(feature) for feature in common) / (denominator or 1.0)
        if profile.language != passage.language:  # ids, numbers, the type and translated words can be shared
            shared = common & (profile.independent | profile.title)
            title = sum(self.weight(feature) for feature in shared) / self._independent_weight(profile.id)
        else:
            title_weight = sum(self.weight(feature) for feature in profile.title)
            title = sum(self.weight(f) for f in profile.title & features) / title_weight if title_weight else 0.0
        score = (coverage + title) / 2
        words = sorted((f for f in common if ":" not in f), key=lambda f: -self.weight(f))
        reasons = [f"shares {len(words)} words: {', '.join(profile.words[w] for w in words[:5])}"] if words else []
        if actors := sorted(f.split(":", 1)[1] for f in common if f.startswith("actor:")):
            reasons.append(f"actors {', '.join(actors)}")
        if places := sorted(f.split(":", 1)[1] for f in common if f.startswith("place:")):
            reasons.append(f"places {', '.join(places)}")
        if kinds := sorted(f.split(":", 1)[1] for f in common if f.startswith("type:")):
            reasons.append(f"both of type {kinds[0]}")
        if passage.day is not None and profile.first is not None:
            if _within(passage.day, profile):
                reasons.append(f"dated {passage.day.isoformat()}, within the event's dates")
            else:
                score *= DATE_MISMATCH_FACTOR
                reasons.append(f"dated {passage.day.isoformat()}, but the event is {_window(profile)}")
        return Match(profile.id, round(score, 3), tuple(reasons), round(coverage, 3), round(title, 3))

    def content_words_shared(self, passage: Passage, event_id: str) -> int:
        """How many words, not counting the words of names and types, the passage shares with the event: two reports
        that only name the same city and agency are not reports of one happening."""
        return len(_words_beyond_names(passage.features() & self.profiles[event_id].features, passage))


def reported_events(index: EventIndex, passage: Passage) -> tuple[list[Match], list[Match]]:
    """The events ``passage`` reports (see the module's rule), best first, and every candidate considered.

    Events are taken greedily, best first, each on the words the titles of the ones taken before it do not hold: a
    sentence that reports two happenings in different words cites both (an event whose excerpts also tell of the
    other happening does not absorb that happening's words), while two events that fit the same words are ambiguous
    (neither is cited, the curator decides).
    """
    found = index.matches(passage, limit=8)
    features = passage.features()
    total = sum(index.weight(feature) for feature in features)
    chosen: list[Match] = []
    explained: set[str] = set()
    for match in found:
        shared = features & index.profiles[match.record_id].features
        novel = shared - explained
        novel_score = (sum(index.weight(f) for f in novel) / total + match.title_share) / 2 if total else 0.0
        several = match.title_share >= TITLE_SHARE and match.coverage >= TITLE_COVERAGE
        if (novel_score < EVENT_THRESHOLD and not several) or not _date_agrees(match):
            continue
        if not _enough_in_common(novel, passage, index.profiles[match.record_id]):
            continue
        chosen.append(match)
        explained |= shared & index.profiles[match.record_id].title  # what its title says is its happening
    runner_up_close = len(found) > 1 and found[1] not in chosen and found[0].score < found[1].score * EVENT_MARGIN
    if chosen and chosen[0] is found[0] and runner_up_close:
        # the best is ambiguous: kept only where it names the happening (its title) and the runner-up does not
        # explain more of the sentence's words than it does
        chosen = [m for m in chosen if m.title_share >= TITLE_SHARE and m.coverage >= found[1].coverage]
    if not chosen and found and _same_number_same_day(index, passage, found[0]):
        chosen = [found[0]]
    return chosen, found


def _same_number_same_day(index: EventIndex, passage: Passage, best: Match) -> bool:
    """The best candidate shares a specific number ("44", "5,135"; not a year, not under ten) with the sentence, on a
    day that agrees, and a word more: the same count reported on the same day is the same report."""
    if passage.day is None or not _date_agrees(best) or not any("within the event's dates" in r for r in best.reasons):
        return False
    shared = passage.features() & index.profiles[best.record_id].features
    numbers = {f for f in shared if f.isdigit() and int(f) >= 10 and not 1900 <= int(f) <= 2100}
    return bool(numbers) and len(_words_beyond_names(shared, passage) - numbers) >= 1


def _enough_in_common(novel: set[str], passage: Passage, profile: _EventProfile) -> bool:
    """Two words beyond names in the same language; across languages, the type and one id or number more."""
    if profile.language != passage.language:
        kinds = {f for f in novel if f.startswith("type:")}
        words = _words_beyond_names(novel, passage)
        return bool(kinds) and len(novel - kinds) >= 1 and (passage.day is not None or len(words) >= 2)
    return len(_words_beyond_names(novel, passage)) >= 2


def _comparable(feature: str) -> bool:
    """A feature a Russian report can share with an English description: independent, or a (translated) Latin stem."""
    return _independent(feature) or not _CYRILLIC.search(feature)


def _independent(feature: str) -> bool:
    """A feature two reports in different languages can share: an actor or place id, a number, an event type."""
    return feature.startswith(("actor:", "place:", "type:")) or feature[:1].isdigit()


def _words_beyond_names(features: set[str], passage: Passage) -> set[str]:
    return {f for f in features if ":" not in f and f not in passage.name_stems}


def _date_agrees(match: Match) -> bool:
    return not any(reason.startswith("dated ") and ", but " in reason for reason in match.reasons)


@lru_cache(maxsize=65_536)
def _idf(total: int, having: int) -> float:
    return math.log(1 + total / max(having, 1))


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _within(day: dt.date, profile: _EventProfile) -> bool:
    assert profile.first is not None
    slack = dt.timedelta(days=7 if profile.approximate else 1)
    return profile.first - slack <= day <= (profile.last or profile.first) + slack


def _window(profile: _EventProfile) -> str:
    assert profile.first is not None
    if profile.last and profile.last != profile.first:
        return f"{profile.first.isoformat()} to {profile.last.isoformat()}"
    return f"dated {profile.first.isoformat()}"


# ---- statements -----------------------------------------------------------------------------------------------------


def _quotation_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold().replace("’", "'"))


def quotation_similarity(first: str, second: str) -> float:
    """How much of two quotations' word sequences agree (difflib ratio over normalised words)."""
    a, b = _quotation_words(first), _quotation_words(second)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def contains_quotation(longer: str, shorter: str) -> bool:
    """Whether ``longer`` holds all of ``shorter``'s words in a row (case, punctuation and quote marks aside)."""
    words = _quotation_words(shorter)
    return bool(words) and f" {' '.join(words)} " in f" {' '.join(_quotation_words(longer))} "


@dataclass(frozen=True)
class StatementMatch(Match):
    """A match with an existing statement; ``same_words`` when the new quotation holds all of its text, so the new
    article can be added as one of its sources (a source must contain the statement's words)."""

    same_words: bool = False


def matching_statement(
    statements: Iterable[tuple[str, Record]], text: str, speaker_id: str | None
) -> StatementMatch | None:
    """The existing statement the quotation ``text`` repeats: same speaker (or either unknown), and either all of its
    words in the quotation, or at least :data:`STATEMENT_THRESHOLD` of them in the same order (a different wording,
    noted for the curator but not merged)."""
    best: StatementMatch | None = None
    for statement_id, statement in statements:
        speaker = statement.get("speaker")
        if speaker_id is not None and speaker is not None and speaker != speaker_id:
            continue
        existing = str(statement.get("text") or "")
        contains = contains_quotation(text, existing)
        # the same statement, perhaps cut shorter or longer: not a fragment ("terrorists") of a longer quotation
        same_words = contains and (
            len(_quotation_words(existing)) >= SAME_STATEMENT_SHARE * len(_quotation_words(text))
        )
        similarity = 1.0 if contains else quotation_similarity(text, existing)
        if similarity < STATEMENT_THRESHOLD or (
            best is not None and (similarity, same_words) <= (best.score, best.same_words)
        ):
            continue
        if same_words:
            how = "holds all of its words"
        elif contains:
            how = "holds all of its words, as a fragment of a longer quotation"
        else:
            how = f"{similarity:.0%} of the words agree, in another wording"
        who = f"speaker {speaker}" if speaker else "speaker unknown in one of them"
        best = StatementMatch(statement_id, round(similarity, 3), (how, who), same_words=same_words)
    return best
