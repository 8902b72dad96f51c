"""Who said a quotation: every speaker decision of the parser is made here, in five stages.

1. **Spans** (``segments.quote_spans`` and the span helpers of ``quotes``): the quotation marks, split where an
   attribution interrupts them, and quotations printed without their opening mark; :func:`find_quotes` walks them
   paragraph by paragraph.
2. **Syntax** (``quotes.attribute``): the reporting verb next to the quotation and the noun phrase in its subject
   slot ("…," *Blinken said*; *По словам X*, «…»; "…," *RIA Novosti quoted X as saying*), or none.
3. **Candidates** (:func:`candidates`): every entity that could have said it, each with evidence features — the
   printed phrase resolved as it reads; the people and bodies that phrase can refer back to (a title or role noun
   printed with a name earlier, a pronoun's antecedents, the body whose statement is quoted); the name nearest a
   verb whose subject slot could not be read; the subject of the sentence before and the previous speaker for a
   quotation with no verb of its own.
4. **Score** (:func:`score`, :data:`WEIGHTS`): a linear score of the features; the best candidate above
   ``WEIGHTS.threshold`` is the speaker (:func:`choose`).
5. **Entity** (:func:`resolve_entity`): a curated actor's name, a full name for a surname, a nominative for a
   Russian name printed in an oblique case (``quotes.resolve_phrase``, ``russian_names``); a Russian state body as
   the curated actor the seeds name in English, and no curated body of a country the article never names.

The weights are in one place (:class:`Weights`) and docs/attribution.md says how they were set. ``parse_text(…,
decisions=[])`` returns each decision with its candidates.
"""

from __future__ import annotations

import collections
import functools
import itertools
import re
import weakref
from dataclasses import dataclass, field, fields, replace
from typing import Final

from kztimeline.parse.document import Mention, Quote
from kztimeline.parse.gazetteer import Entry, Gazetteer, stem
from kztimeline.parse.lexicon import (
    LEADING_DETERMINERS,
    PRONOUNS,
    SPEAKER_LINK_WORDS,
)
from kztimeline.parse.quotes import (
    FUNCTION_WORDS,
    GENERIC_INSTITUTIONS,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    PRONOUN_GENDER,
    TITLE_WORDS,
    UNNAMED_ROLES,
    Attribution,
    Mentions,
    QuoteContext,
    Speaker,
    attribute,
    attribution_before,
    clean_phrase,
    in_heading,
    is_document,
    is_statement,
    narrator_before,
    next_opens_quote,
    organisation_by_stem,
    outermost,
    person_gender,
    person_mentions,
    phrase_kind,
    pronoun_kinds,
    quote_by,
    resolve_phrase,
    resolve_via,
    role_gender,
    said_on,
    sentence_of,
    split_interrupted,
    subject_mentions,
    trim_content,
    verb_gender,
)
from kztimeline.parse.russian_names import nominative_genitive_institution, nominative_institution
from kztimeline.parse.segments import QuoteSpan, SpanSet, Token

# ---- stage 4: the weights -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    """One weight per evidence feature (a candidate's score is the sum of weight × feature value).

    Signs say what the evidence means; sizes were set by hand and calibrated on the synthetic gold sets and the real
    development pages (docs/attribution.md): a syntactic slot outweighs any single discourse cue, and a definite
    description or a pronoun gives way to the entity it refers to.
    """

    verb_subject: float = 3.0  # the noun phrase in the subject slot of the reporting verb, as printed
    in_sentence: float = 2.5  # named nearest the reporting verb in its sentence, far from its subject slot
    quoted_object: float = 4.0  # X in "Y quoted X as saying": the agent Y only passed it on
    refers_back: float = 3.5  # an entity a description/pronoun/document in the verb's slot refers to
    generic: float = -2.0  # the candidate's name is only a role or category ("President", "ведомство", "nurse")
    modifier_taken: float = -4.0  # a country or day that only modifies the head ("президент Казахстана")
    gender_clash: float = -6.0  # he/she/он/она (or a Russian verb's ending) disagrees with what is known of them
    latest: float = 2.0  # the latest compatible entity before the quotation (recency)
    previous_speaker: float = 1.125  # spoke the previous quotation, at most two paragraphs back
    narrator: float = 2.0  # the subject of a reporting verb in the sentence right before
    same_paragraph: float = 1.0  # named in the quotation's paragraph, before it
    topic: float = 1.5  # named first in the paragraph, as its first sentence's subject: what the paragraph is about
    declined: float = -3.0  # last said to have declined to speak ("X has not commented"): not the next speaker
    salience: float = 0.3  # per earlier mention in the article (up to four)
    sentences_back: float = -0.15  # per sentence between the entity's latest mention and the quotation (up to ten)
    spoke: float = 1.5  # was the subject of a reporting verb before ("the ministry said" earlier)
    issuer: float = 1.5  # the body that issues statements, for "говорится в сообщении" / "the statement said"
    owner: float = 5.0  # the body named with the document ("в сообщении МВД", "the ministry's statement")
    unnamed: float = -10.0  # nobody the reader could look up
    threshold: float = 0.5  # below this, the quotation has no known speaker


WEIGHTS: Final = Weights()


@dataclass
class Candidate:
    """A possible speaker of one quotation and the evidence for it."""

    speaker: Speaker
    origin: str  # printed | antecedent | described | issuer | owner | quoted-object | narrator | previous
    features: dict[str, float] = field(default_factory=dict)
    how: str = "after"  # the ``attribution`` the quotation records when this candidate wins
    printed: str | None = None  # the phrase as the text prints it, for the entity stage

    def score(self, weights: Weights = WEIGHTS) -> float:
        return score(self.features, weights)


def score(features: dict[str, float], weights: Weights = WEIGHTS) -> float:
    """The linear score: every feature's value times its weight, summed."""
    table = _TABLES.get(weights)
    if table is None:
        table = _TABLES[weights] = {f.name: float(getattr(weights, f.name)) for f in fields(weights)}
    return sum(table[name] * value for name, value in features.items())


_TABLES: dict[Weights, dict[str, float]] = {}  # each Weights as a dict, built once (frozen dataclasses hash)


def choose(found: list[Candidate], weights: Weights = WEIGHTS) -> Candidate | None:
    """The best candidate above the threshold; the earlier-collected wins a tie (the syntactic slot comes first)."""
    best: Candidate | None = None
    best_score = weights.threshold
    for candidate in found:
        value = candidate.score(weights)
        if value > best_score:
            best, best_score = candidate, value
    return best


FEATURES: Final = tuple(f.name for f in fields(Weights) if f.name != "threshold")


# ---- stage 3: candidates --------------------------------------------------------------------------------------------


@dataclass
class QuoteSite:
    """One quotation and what the walk over the article knows around it."""

    span: QuoteSpan
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    paragraph_sentences: list[tuple[int, int]]
    attribution: Attribution
    starts_sentence: bool
    words: int
    previous: tuple[Speaker, int] | None  # the previous quotation's speaker and paragraph index
    paragraph_index: int
    topic: str | None = None  # who the paragraph before is about ("": nobody), found once per quotation
    counts: collections.Counter[str | None] | None = None  # names among the latest mentions, counted once
    spoke: set[str | None] = field(default_factory=set)  # names among the latest subjects of reporting verbs


def candidates(context: QuoteContext, site: QuoteSite) -> list[Candidate]:
    """Every speaker the evidence around one quotation allows, the syntactic slot's reading first."""
    attribution = site.attribution
    phrase = attribution.phrase
    found: list[Candidate] = []
    quoted = _quoted_object(context, site)
    if quoted is not None:
        found.append(quoted)
    if phrase:
        position = phrase[0].start
        words = [t for t in phrase if t.text[:1].isalnum()]
        first = words[0].lower if words else ""
        if len(words) == 1 and first in PRONOUNS:
            found += _antecedents(context, site, first, position, attribution)
        elif (len(words) == 1 and first in ("там", "there")) or (words and is_document(_head(words))):
            found += _issuers(context, site, phrase, position)
        else:
            printed = _printed(
                context, _whole_name(context, resolve_phrase(context, phrase), phrase), phrase, attribution
            )
            found.append(printed)
            if "modifier_taken" in printed.features:
                # "Генеральное консульство России": the consulate as printed, not Russia
                as_printed = Speaker(clean_phrase(phrase, context.text), None, phrase_kind(context, phrase), position)
                features = {"verb_subject": 1.0} | ({"generic": 1.0} if _is_generic(as_printed.name or "") else {})
                found.append(Candidate(as_printed, "printed", features, attribution.how))
            if _refers_back(phrase, printed):
                described = _described(context, site, phrase, position, printed.speaker)
                found += described
                role = _head([t for t in phrase if t.text[:1].isalnum()])
                unnamed_role = role in UNNAMED_ROLES  # "a source", "an official": someone the text does not name
                if not described and "generic" in printed.features and role in PERSON_NOUNS and not unnamed_role:
                    # "— вспоминает мужчина", "the nurse said": a role noun alone stands for the person the text
                    # is about, like a pronoun of the noun's gender ("мужчина" is "он", "медсестра" is "она")
                    pronoun = _ROLE_PRONOUN.get(role_gender(role) or "", "someone")
                    found += _antecedents(context, site, pronoun, position, attribution)
    elif attribution.verb is not None:
        # a reporting verb with no subject the phrase rules could read, the name being far from it:
        # "Madina Kuspanova, 38, a pharmacist who lives two streets away, said: …", "— заявил один из участников
        # митинга на площади у областного акимата Нурлыбек Сагымбаев"
        named = _named_in_sentence(context, site, attribution.verb)
        if named is not None:
            found.append(Candidate(named, "in-sentence", {"in_sentence": 1.0}, attribution.how))
    if not found and attribution.how == "none" and site.starts_sentence and site.words >= 3:
        narrator = narrator_before(context, site.paragraph_sentences, site.sentence)
        if narrator is not None and narrator.name:
            found.append(Candidate(narrator, "narrator", {"narrator": 1.0}, "continuation"))
        if site.previous is not None and site.paragraph_index - site.previous[1] <= 2:
            speaker = site.previous[0]
            distance = site.paragraph_index - site.previous[1]
            features = {"previous_speaker": 1.0, "sentences_back": float(distance)}
            found.append(Candidate(speaker, "previous", features, "continuation"))
    for candidate in found:
        if not candidate.speaker.name:
            candidate.features["unnamed"] = 1.0
    return _merged(found)


def _merged(found: list[Candidate]) -> list[Candidate]:
    """One candidate per person: "Глава МВД Ерлан Фикстуров" (the subject of "сообщил") and "Ерлан Фикстуров" (his
    name) are the same man, kept under his name with the evidence of both (each feature at its most favourable)."""
    result: list[Candidate] = []
    for candidate in found:
        same = next((kept for kept in result if _same_person(kept.speaker, candidate.speaker)), None)
        if same is None:
            result.append(candidate)
            continue
        shorter = same if len(same.speaker.name or "") <= len(candidate.speaker.name or "") else candidate
        result[result.index(same)] = replace(shorter, features=_best_of(same.features, candidate.features))
    return result


def _best_of(one: dict[str, float], other: dict[str, float]) -> dict[str, float]:
    """Each feature at its most favourable: the larger value of evidence for, a penalty only if both carry it."""
    features: dict[str, float] = {}
    for name in one.keys() | other.keys():
        if getattr(WEIGHTS, name, 0.0) >= 0:
            features[name] = max(one.get(name, 0.0), other.get(name, 0.0))
        elif name in one and name in other:
            features[name] = min(one[name], other[name])
    return features


def _same_person(one: Speaker, other: Speaker) -> bool:
    """Two mentions of one person: one name ends with the other's given name and surname."""
    if one.kind != "person" or other.kind != "person" or not one.name or not other.name or one.name == other.name:
        return False
    short, long = sorted((one.name, other.name), key=len)
    words = short.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and long.endswith(" " + short)


def _named_in_sentence(context: QuoteContext, site: QuoteSite, verb: Token) -> Speaker | None:
    """The person or body named nearest to the reporting verb in the quotation's sentence, outside quotations."""
    best: Speaker | None = None
    for mention in context.person_mentions.between(*site.sentence):
        if not mention.name or context.all_quoted_set.strictly_inside(mention.position) or _is_place(context, mention):
            continue
        if best is None or abs(mention.position - verb.start) < abs(best.position - verb.start):
            best = mention
    return _at(best, best.position) if best is not None else None


def _printed(context: QuoteContext, printed: Speaker, phrase: list[Token], attribution: Attribution) -> Candidate:
    """The verb's subject as the phrase itself reads."""
    features = {"verb_subject": 1.0}
    if printed.name and _is_generic(printed.name) and not printed.id:
        features["generic"] = 1.0
    if _modifier_taken(context, printed, phrase):
        features["modifier_taken"] = 1.0
    return Candidate(printed, "printed", features, attribution.how, clean_phrase(phrase, context.text))


def _whole_name(context: QuoteContext, speaker: Speaker, phrase: list[Token]) -> Speaker:
    """A body a description refers back to, named in full: "the society" is "Almaty Chess Society of Veterans",
    not the "Chess Society" left when the place in its name was read as a place."""
    words = [t for t in phrase if t.text[:1].isalnum()]
    if speaker.id or speaker.kind != "organisation" or not speaker.name or not words:
        return speaker
    if words[0].lower not in ("the", "this"):
        return speaker
    head = _head(words)
    if head not in ORGANISATION_WORDS:
        return speaker
    named = _organisation_named(context, head, phrase[0].start)
    if named is not None and named.name and speaker.name in named.name and speaker.name != named.name:
        return replace(speaker, name=named.name)
    return speaker


def _refers_back(phrase: list[Token], printed: Candidate) -> bool:
    """Whether the phrase can refer to someone named before: it names nobody itself (a role, a category, or a
    country taken for its head), and it is not indefinite ("a resident" introduces someone new)."""
    if phrase[0].lower in ("a", "an", "один", "одна", "одно", "одного", "одной"):
        return False
    return not printed.speaker.name or bool({"generic", "modifier_taken"} & printed.features.keys())


def _described(
    context: QuoteContext, site: QuoteSite, phrase: list[Token], position: int, printed: Speaker
) -> list[Candidate]:
    """The entities named earlier that the phrase's head noun describes ("the President" -> President X)."""
    head = _head([t for t in phrase if t.text[:1].isalnum()])
    if not head or head in FUNCTION_WORDS:
        return []
    wanted = stem(head)
    result: list[Candidate] = []
    seen: set[str] = {printed.name} if printed.name else set()
    body = wanted in _ORGANISATION_STEMS or head in ORGANISATION_WORDS
    # a body named earlier, though not as anyone's subject: "The Steppe Hearth Society of Calgary held a vigil
    # … 'the society said'", "Союз «Жол» выступил … 'заявили в союзе'"
    named = (
        (_organisation_named(context, head, position) or organisation_by_stem(context, head, position))
        if body
        else None
    )
    for mention in itertools.islice(context.person_mentions.before(position), 60):
        if not mention.name or mention.name in seen or _is_place(context, mention):
            continue
        if wanted not in _description_stems(context, mention):
            continue
        seen.add(mention.name)
        features = {"refers_back": 1.0} | _discourse(context, site, mention, position)
        speaker = _at(mention, position)
        if named is not None and named.name and mention.name in named.name:
            speaker = replace(speaker, name=named.name)  # "Chess Society" was part of a longer name
        result.append(Candidate(speaker, "described", features, site.attribution.how))
    if not result and named is not None and named.name not in seen:
        features = {"refers_back": 1.0}
        features["sentences_back"] = float(min(10, _sentences_between(context, named.position, position)))
        result.append(Candidate(replace(named, position=position), "described", features, site.attribution.how))
    return result


# "The Steppe Hearth Kazakh Society of Calgary", "Almaty Bakers' Association": capitalised words, "of"/"for"/"the"
_CAPITALISED_NAME: Final = re.compile(
    r"(?:[A-Z][\w’'&.-]*|of|for|the|and)(?:\s+(?:[A-Z][\w’'&.-]*|of|for|the|and))*(?<![\s])"
)


def _organisation_named(context: QuoteContext, head: str, position: int) -> Speaker | None:
    """The latest capitalised name before ``position`` (within 2,000 characters) with this head word in it."""
    best: re.Match[str] | None = None
    for match in _CAPITALISED_NAME.finditer(context.masked, max(0, position - 2000), position):
        words = match[0].split()
        while words and words[-1] in ("of", "for", "the", "and"):
            words.pop()
        names_head = head in {re.sub(r"[’']s$", "", w.casefold()) for w in words}
        if 2 <= len(words) <= 9 and names_head and not context.quoted_set.strictly_inside(match.start()):
            best = match
    if best is None:
        return None
    words = best[0].split()
    while words and words[-1] in ("of", "for", "the", "and"):
        words.pop()
    if words[0] == "The":
        words.pop(0)
    return Speaker(" ".join(words), None, "organisation", best.start())


def _antecedents(
    context: QuoteContext, site: QuoteSite, pronoun: str, position: int, attribution: Attribution
) -> list[Candidate]:
    """The entities a pronoun in the verb's slot can stand for, with agreement and salience as evidence."""
    kinds = pronoun_kinds(pronoun)
    gender = PRONOUN_GENDER.get(pronoun) or (verb_gender(attribution.verb.lower) if attribution.verb else None)
    earlier = list(itertools.islice(context.person_mentions.before(position), 60))
    known = {m.name: m.gender for m in reversed(earlier) if m.name and m.gender}
    result: list[Candidate] = []
    seen: set[str] = set()
    for mention in earlier:
        if mention.kind not in kinds or not mention.name or mention.name in seen:
            continue
        seen.add(mention.name)
        their = mention.gender or known.get(mention.name)
        features = {"refers_back": 1.0} | _discourse(context, site, mention, position)
        if gender and their and their != gender:
            features["gender_clash"] = 1.0
        elif not result or all("gender_clash" in c.features for c in result):
            features["latest"] = 1.0
        speaker = replace(_at(mention, position), gender=their)
        result.append(Candidate(speaker, "antecedent", features, attribution.how))
        if len(result) >= 6:
            break
    return result


def _issuers(context: QuoteContext, site: QuoteSite, phrase: list[Token], position: int) -> list[Candidate]:
    """Who issued the statement a quotation is from: the body named with it, else bodies that spoke before."""
    result: list[Candidate] = []
    owner = _document_owner(context, phrase)
    if owner is not None:
        result.append(Candidate(owner, "owner", {"owner": 1.0}, site.attribution.how))
    seen = {owner.name} if owner and owner.name else set()
    for mention in itertools.islice(context.person_mentions.before(position), 60):
        if mention.kind not in ("organisation", "group") or not mention.name or mention.name in seen:
            continue
        if mention.name.casefold() in ("там", "there") or _is_place(context, mention):
            continue
        seen.add(mention.name)
        features = {"issuer": 1.0} | _discourse(context, site, mention, position)
        speaker = replace(_at(mention, position), name=principal(mention.name))
        result.append(Candidate(speaker, "issuer", features, site.attribution.how))
        if len(result) >= 6:
            break
    for start, name in _bodies_named(context, max(0, position - 1500), position):
        if name in seen:
            continue
        seen.add(name)
        speaker = Speaker(name, None, "organisation", position)
        features = {"issuer": 1.0, "sentences_back": float(min(10, _sentences_between(context, start, position)))}
        result.append(Candidate(speaker, "issuer", features, site.attribution.how))
    # the latest body that has spoken is the likeliest issuer; a body merely named ("the Armed Forces continue
    # to …") issues nothing
    spoken = [c for c in result if c.origin == "issuer" and "spoke" in c.features]
    latest = spoken or [c for c in result if c.origin == "issuer"]
    if latest:
        latest[0].features["latest"] = 1.0
    return result


def _document_owner(context: QuoteContext, phrase: list[Token]) -> Speaker | None:
    """The body a document noun is printed with ("в сообщении МВД", "в заявлении ассоциации"): the entity named
    before whose description has that word, else the body as printed here."""
    following = re.match(r"\s+(?P<word>[\w-]+)(?P<rest>(?:\s+[а-яё-]+){0,2})", context.masked[phrase[-1].end :][:80])
    if following is None:
        return None
    word = following["word"]
    start = phrase[-1].end + following.start("word")
    acronym = word.isupper() and len(word) >= 2
    wanted = stem(word.casefold())
    for mention in itertools.islice(context.person_mentions.before(start), 60):
        if (
            mention.name
            and mention.kind in ("organisation", "group")
            and not _is_place(context, mention)
            and wanted in _description_stems(context, mention)
        ):
            return _at(mention, start)
    if acronym:
        entry = context.actors.lookup(word)
        return (
            Speaker(entry.name, entry.id, "organisation", start)
            if entry
            else Speaker(word, None, "organisation", start)
        )
    # "в заявлении коалиции": the coalition named before, though not as anyone's subject ("Коалиция «…» потребовала")
    named = organisation_by_stem(context, word.casefold(), start)
    if named is not None:
        return named
    if wanted in _ORGANISATION_STEMS and wanted not in _GENERIC_STEMS:
        return Speaker(nominative_genitive_institution(word + following["rest"]), None, "organisation", start)
    return None  # "в сообщении ведомства": the body named before, whichever it is (an issuer candidate)


_stem: Final = functools.lru_cache(maxsize=8192)(stem)  # the same words recur in every description
_ORGANISATION_STEMS: Final = frozenset(stem(word) for word in ORGANISATION_WORDS | GENERIC_INSTITUTIONS)
_GENERIC_STEMS: Final = frozenset(stem(word) for word in GENERIC_INSTITUTIONS)
_ACRONYM: Final = re.compile(r"(?<![\w-])[A-ZА-ЯЁ]{2,6}(?![\w-])")
# "сообщили в пресс-службе министерства здравоохранения": a body named after "в", in lower case
_RUSSIAN_BODY: Final = re.compile(r"(?i)(?<!\w)во?\s+(?P<body>[а-яё-]+(?:\s+[а-яё]+){0,2})")
# "the press service of X", "пресс-служба X": the body it speaks for
_PRESS_OFFICE: Final = re.compile(
    r"(?i)^(?:the\s+)?(?:press\s+(?:service|office)|spokesperson|spokesman)\s+(?:of|for)\s+(?:the\s+)?|^пресс-служб[аеыу]\s+"
)


def principal(name: str) -> str:
    """The body a press office speaks for: "the press service of the Interior Ministry" -> "Interior Ministry",
    "пресс-служба министерства здравоохранения" -> "министерство здравоохранения"."""
    match = _PRESS_OFFICE.match(name)
    if match is None or match.end() == len(name):
        return name
    rest = name[match.end() :]
    first = rest.split()[0]
    restored = nominative_genitive_institution(rest) if re.match(r"[а-яёА-ЯЁ]", rest) else rest
    if not (first[:1].isupper() or stem(first.casefold()) in _ORGANISATION_STEMS or restored != rest):
        return name  # "пресс-служба одной из больниц": no body named, the press service is the speaker
    return restored


def _bodies_named(context: QuoteContext, start: int, end: int) -> list[tuple[int, str]]:
    """Bodies named in the narrative before a quotation, latest first: acronyms ("заявляют в МВД") and Russian
    bodies after "в" ("сообщили в пресс-службе министерства здравоохранения")."""
    found: list[tuple[int, str]] = []
    for match in _ACRONYM.finditer(context.masked, start, end):
        entry = context.actors.lookup(match[0])
        if entry is None or entry.kind not in _PLACE_KINDS:
            found.append((match.start(), match[0]))
    for match in _RUSSIAN_BODY.finditer(context.masked, start, end):
        words = match["body"].split()
        heads = [i for i, word in enumerate(words) if stem(word.casefold()) in _ORGANISATION_STEMS]
        if not heads or words[heads[0]].casefold() in GENERIC_INSTITUTIONS:
            continue
        body = " ".join(words[heads[0] :])
        # "в МВД страны" is the body itself; "в пресс-службе министерства …" speaks for the ministry (genitive)
        body = nominative_genitive_institution(body) if heads[0] else principal(nominative_institution(body))
        found.append((match.start("body"), body))
    result: list[tuple[int, str]] = []
    for position, name in sorted(found, reverse=True):
        outside = not context.quoted_set.strictly_inside(position) and not context.heading_set.overlaps(
            position, position + 1
        )
        if outside and all(name != seen for _, seen in result):
            result.append((position, name))
    return result


def _quoted_object(context: QuoteContext, site: QuoteSite) -> Candidate | None:
    """X in '"…," the agency quoted X, an official of …, as saying': the person quoted, not the one quoting."""
    end = min(site.sentence[1], site.span.close + 400)
    if "quoted" not in context.masked[site.span.close : end]:
        return None  # most quotations: no need to run the pattern
    match = _QUOTED_AS_SAYING.match(context.masked, site.span.close + 1, end)
    if match is None:
        return None
    name = match["object"]
    entry = context.actors.lookup(name)
    position = match.start("object")
    if entry is not None:
        return Candidate(Speaker(entry.name, entry.id, _KINDS.get(entry.kind or "", "organisation"), position),
                         "quoted-object", {"quoted_object": 1.0})  # fmt: skip
    speaker = resolve_phrase(context, context.tokens.between(site.sentence, position, match.end("object")))
    return Candidate(speaker, "quoted-object", {"quoted_object": 1.0})


_KINDS: Final = {"person": "person", "group": "group"}
# '"…," the Russian news agency RIA Novosti on Monday quoted Abror Mamatov, an official from …, as saying'
_QUOTED_AS_SAYING: Final = re.compile(
    r"[\s,]*[^\"“”«»\n]{1,120}?\bquoted\s+(?P<object>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)"
    r"(?:,[^\"“”«»\n]{1,200}?,)?\s+as\s+saying"
)


# ---- evidence shared by candidates ---------------------------------------------------------------------------------


def _discourse(context: QuoteContext, site: QuoteSite, mention: Speaker, position: int) -> dict[str, float]:
    """Where the entity stands in the text before the quotation: how far back, how often, whose paragraph."""
    features: dict[str, float] = {}
    features["sentences_back"] = float(min(10, _sentences_between(context, mention.position, position)))
    if site.counts is None:  # once per quotation: how often each name is among the latest mentions, who spoke
        latest = itertools.islice(context.person_mentions.before(position), 60)
        site.counts = collections.Counter(m.name for m in latest)
        site.spoke = {m.name for m in itertools.islice(context.subject_mentions.before(position), 30)}
    mentions = site.counts[mention.name]
    if mentions > 1:
        features["salience"] = float(min(4, mentions - 1))
    if mention.name in site.spoke:
        features["spoke"] = 1.0
    previous = site.previous
    if previous is not None and previous[0].name == mention.name and site.paragraph_index - previous[1] <= 2:
        features["previous_speaker"] = 1.0
    paragraph_start = site.paragraph[0]
    if mention.position >= paragraph_start:
        features["same_paragraph"] = 1.0
    if _declined_after(context, mention, position):
        features["declined"] = 1.0
    if site.topic is None:
        site.topic = _topic(context, position)
    if site.topic and site.topic == mention.name:
        features["topic"] = 1.0
    return features


# "X has not commented", "X declined to comment", "X could not be reached", "X не ответил на запрос"
_DECLINED: Final = re.compile(
    r"(?i)[^.!?\n]{0,40}?\b(?:has\s+not|have\s+not|had\s+not|did\s+not|didn['’]t|hasn['’]t|declined|refused|"
    r"could\s+not\s+be\s+reached|was\s+not\s+available|не\s+ответил|не\s+ответила|не\s+ответили|"
    r"отказал(?:ся|ась|ись)|не\s+комментир|воздерж)"
    r"[^.!?\n]{0,40}?\b(?:comment|respond|reply|answer|speak|statement|комментар|запрос|ответ)"
)


def _declined_after(context: QuoteContext, mention: Speaker, position: int) -> bool:
    """The entity was last said to have declined to speak ("Nurlanov has not commented"): whoever is quoted next
    is someone else."""
    # ``mention`` is the entity's latest mention: candidates are collected latest first
    end = min(position, mention.position + 140)
    return bool(_DECLINED.match(context.masked, mention.position, end))


def _topic(context: QuoteContext, position: int) -> str:
    """Who the paragraph before the quotation is about: named first in it, as the subject of its first sentence
    ("Galym Abenov replaced Serik Nurlanov as chairman …"); "" when nobody is."""
    latest = next(iter(context.person_mentions.before(position)), None)
    if latest is None:
        return ""
    # the paragraph of the latest mention: the quotation's own, or the one before when it opens a paragraph
    start = context.masked.rfind("\n", 0, latest.position) + 1
    first = next(iter(context.person_mentions.between(start, position)), None)
    if first is None or not first.name:
        return ""
    words = re.findall(r"[\w’'-]+", context.masked[start : first.position])
    opens = all(w[:1].isupper() or w.casefold() in TITLE_WORDS or w.casefold() in FUNCTION_WORDS for w in words)
    return first.name if opens else ""


def _sentences_between(context: QuoteContext, start: int, end: int) -> int:
    """Sentence ends and line breaks between ``start`` and ``end`` (a paragraph break counts as two), up to ten:
    the distance ``sentences_back`` measures."""
    return sum(1 for _ in itertools.islice(_BREAK.finditer(context.masked, start, end), 10))


_BREAK: Final = re.compile(r"[.!?](?:\s|$)|\n")


def _at(mention: Speaker, position: int) -> Speaker:
    return Speaker(mention.name, mention.id, mention.kind, position, mention.gender, mention.words)


def _description_stems(context: QuoteContext, mention: Speaker) -> frozenset[str]:
    """The stems of the words that name or describe an entity where it is mentioned ("Kazakh President X")."""
    cached = context.description_stems.get((mention.position, mention.name or ""))
    if cached is not None:
        return cached
    words = set(re.findall(r"\w+", (mention.name or "").casefold())) | set(mention.words)
    entry = context.actors.by_id.get(mention.id) if mention.id else None
    if entry is not None:
        words |= entry.words | {_TITLE_TRANSLATIONS[w] for w in entry.words if w in _TITLE_TRANSLATIONS}
    before = context.masked[max(0, mention.position - 60) : mention.position]
    clause = re.split(r"[.!?;:\n\"“”«»(),]", before)[-1]
    words |= {w.casefold() for w in re.findall(r"[\w-]+", clause)[-4:]}
    printed = re.split(r"[.!?;:\n\"“”«»(),]", context.masked[mention.position : mention.position + 60])[0]
    words |= {w.casefold() for w in re.findall(r"[\w-]+", printed)[:4]}
    stems = frozenset(_stem(w) for w in words if w not in FUNCTION_WORDS)
    context.description_stems[(mention.position, mention.name or "")] = stems
    return stems


# A curated actor's English role words in Russian, so "президент" finds the actor whose aliases say "President …"
_TITLE_TRANSLATIONS: Final = {
    "president": "президент", "minister": "министр", "ministry": "министерство", "mayor": "мэр", "akim": "аким",
    "governor": "губернатор", "police": "полиция", "prosecutor": "прокурор", "spokesman": "представитель",
    "chairman": "председатель", "secretary": "секретарь", "court": "суд", "government": "правительство",
    "parliament": "парламент", "committee": "комитет", "service": "служба", "army": "армия", "guard": "гвардия",
}  # fmt: skip
_ROLE_PRONOUN: Final = {"m": "он", "f": "она"}
_RUSSIAN_ADJECTIVE: Final = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ых|их|ым|им|ую|юю)$")


def _head(words: list[Token]) -> str:
    """The head noun of a noun phrase: the first noun in Russian ("президент Казахстана"), the last word before
    "of"/"at"/… in English ("the press SERVICE of the ministry")."""
    kept = [t for t in words if t.lower not in LEADING_DETERMINERS] or words
    if re.match(r"[а-яёА-ЯЁ]", kept[0].text):
        return next((t.lower for t in kept if not _RUSSIAN_ADJECTIVE.search(t.lower)), kept[-1].lower)
    chunk = list(itertools.takewhile(lambda t: t.lower not in SPEAKER_LINK_WORDS, kept)) or kept
    return chunk[-1].lower


def _is_generic(name: str) -> bool:
    """A name that is only a role or a category: "President", "ведомство", "nurse", "the company"."""
    printed = re.findall(r"[\w’'-]+", name)
    words = [w.casefold() for w in printed]
    if words and all(w in _GENERIC_WORDS for w in words):
        return True
    # "казахский президент", "the country's president": a role with common words only, no name in it
    return bool(words) and any(w in _GENERIC_WORDS for w in words) and all(w.islower() for w in printed)


_HEAD_NOUNS: Final = PERSON_NOUNS | TITLE_WORDS | ORGANISATION_WORDS | GENERIC_INSTITUTIONS
_GENERIC_WORDS: Final = _HEAD_NOUNS | LEADING_DETERMINERS


def _is_place(context: QuoteContext, speaker: Speaker) -> bool:
    """A country, region or city: it names where, not who (a state speaks through its bodies)."""
    entry = context.actors.by_id.get(speaker.id) if speaker.id else None
    return entry is not None and entry.kind in _PLACE_KINDS


_PLACE_KINDS: Final = frozenset(["state", "place", "city", "region"])


def _modifier_taken(context: QuoteContext, printed: Speaker, phrase: list[Token]) -> bool:
    """The phrase was resolved to a country, a place or a day that only modifies its head: "президент Казахстана"
    is the president, "МВД Казахстана" the ministry, "the consulate of Russia" the consulate."""
    place_like = _is_place(context, printed) or bool(printed.name and printed.name.casefold() in _DAY_WORDS)
    if not place_like:
        return False
    return any(t.lower in _HEAD_NOUNS for t in phrase) or len([t for t in phrase if t.text[:1].isalnum()]) > 2


_DAY_WORDS: Final = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday понедельник вторник среда четверг "
    "пятница суббота воскресенье сегодня вчера".split()
)


_HONORIFIC_WORDS: Final = frozenset("mr mrs ms miss dr prof sir madam".split())

# ---- stage 5: the entity ------------------------------------------------------------------------------------------

# Russian names of state bodies and the English words the curated seeds name them with
_RUSSIAN_BODIES: Final = (
    ("министерство внутренних дел", "Interior Ministry"), ("мвд", "Interior Ministry"),
    ("министерство здравоохранения", "Health Ministry"), ("минздрав", "Health Ministry"),
    ("министерство иностранных дел", "Foreign Ministry"), ("мид", "Foreign Ministry"),
    ("министерство обороны", "Defence Ministry"), ("минобороны", "Defence Ministry"),
    ("правительство", "Government"), ("кнб", "National Security Committee"),
)  # fmt: skip
# what stands for "this country" after a body's name: "МВД РК", "МВД страны", "МВД республики"
_THIS_COUNTRY: Final = frozenset(["", "рк", "страны", "республики"])


def resolve_entity(context: QuoteContext, speaker: Speaker, printed: str | None = None) -> Speaker:
    """The entity a chosen speaker is. A curated body of one country is not the body of that name in an article
    about another ("the Interior Ministry said" in Minsk is Belarus's ministry, whatever the seeds call
    Kazakhstan's). A Russian body's name is the curated actor the seeds name in English: "МВД Казахстана", "МВД
    РК", or "МВД" alone in an article about Kazakhstan is Kazakhstan's interior ministry, but not in one about
    Belarus."""
    if speaker.id and printed:
        return _foreign_body(context, speaker, printed)
    if speaker.kind in ("person", "unknown") and speaker.name and " " not in speaker.name:
        return _full_name_printed(context, speaker)
    if speaker.id or speaker.kind != "organisation" or not speaker.name:
        return speaker
    lower = speaker.name.casefold()
    found = next(((ru, en) for ru, en in _RUSSIAN_BODIES if lower == ru or lower.startswith(ru + " ")), None)
    if found is None:
        return speaker
    rest = lower[len(found[0]) :].strip()
    country = _main_state(context) if rest in _THIS_COUNTRY else context.actors.find_within(rest)
    state = context.actors.by_id.get(country.id) if country is not None and country.id else None
    if state is None or state.kind != "state":
        return speaker
    for form in (f"{state.name}'s {found[1]}", f"{found[1]} of {state.name}"):
        within = context.actors.find_within(form)
        entry = context.actors.by_id.get(within.id) if within is not None and within.id else None
        if entry is not None and entry.id != state.id and state.name.casefold() in entry.words:
            return Speaker(entry.name, entry.id, "organisation", speaker.position, None, speaker.words)
    return speaker


def _full_name_printed(context: QuoteContext, speaker: Speaker) -> Speaker:
    """A surname alone ("Abenov said") is the full name printed before it, even where that was no subject ("spoke
    to Nurlan Abenov, a lawyer"); only an English-style name, whose form does not change with its case."""
    surname = speaker.name or ""
    if not re.fullmatch(r"[A-Z][a-z’'-]+", surname):
        return speaker
    pattern = re.compile(r"\b([A-Z][a-z’'-]+(?:-[A-Z][a-z’'-]+)?)\s+" + re.escape(surname) + r"\b")
    found = None
    for match in pattern.finditer(context.masked, max(0, speaker.position - 3000), speaker.position):
        if (
            not context.quoted_set.strictly_inside(match.start())
            and match[1].casefold() not in _NOT_GIVEN_NAMES
            and match.start() not in context.known_starts  # "Russian Interfax": a country's word, no given name
        ):
            found = match
    if found is None:
        return speaker
    name = f"{found[1]} {surname}"
    return Speaker(name, None, "person", speaker.position, speaker.gender or person_gender(name), speaker.words)


_NOT_GIVEN_NAMES: Final = FUNCTION_WORDS | TITLE_WORDS | _HONORIFIC_WORDS


def _foreign_body(context: QuoteContext, speaker: Speaker, printed: str) -> Speaker:
    """The body as printed, without the curated id, when the curated body belongs to a state the article never
    names (it is about another) and the printed name does not say which state."""
    entry = context.actors.by_id.get(speaker.id or "")
    if entry is None or entry.kind in ("state", "person") or _main_state(context) is None:
        return speaker
    states = _states_of(context, entry.id)
    mentioned = {mention.id for mention in context.actor_mentions}
    if not states or any(other.id in mentioned for other in states):
        return speaker  # the body's own country is in the article: it may well be that country's body
    printed_words = {word.casefold() for word in re.findall(r"\w+", printed)} - FUNCTION_WORDS - {"of", "republic"}
    if any(printed_words & other.words for other in states):
        return speaker  # the printed name says which state: "Russian foreign ministry"
    return Speaker(printed, None, "organisation", speaker.position, None, speaker.words)


# per gazetteer (weakly held: a gazetteer's states are found once, and go with it)
_STATES_OF: weakref.WeakKeyDictionary[Gazetteer, dict[str, list[Entry]]] = weakref.WeakKeyDictionary()


def _states_of(context: QuoteContext, entry_id: str) -> list[Entry]:
    """The curated states a curated actor's name names ("… of Kazakhstan"), found once per gazetteer and actor."""
    known = _STATES_OF.setdefault(context.actors, {})
    if entry_id not in known:
        words = context.actors.by_id[entry_id].words
        known[entry_id] = [e for e in context.actors.by_id.values() if e.kind == "state" and e.name.casefold() in words]
    return known[entry_id]


def _main_state(context: QuoteContext) -> Mention | None:
    """The state the article names most often (the one "the country" means)."""
    counts: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention in context.actor_mentions:
        entry = context.actors.by_id.get(mention.id or "")
        if entry is not None and entry.kind == "state":
            counts[entry.id] = counts.get(entry.id, 0) + 1
            first.setdefault(entry.id, mention)
    return first[max(counts, key=counts.__getitem__)] if counts else None


@dataclass
class Decision:
    """One quotation's speaker decision: where the quotation is, every candidate, and the one chosen."""

    span: tuple[int, int]  # the quotation's text, without its marks
    candidates: list[Candidate]
    chosen: Candidate | None


# ---- the walk over the article --------------------------------------------------------------------------------------


def find_quotes(
    context: QuoteContext,
    paragraphs: list[tuple[int, int]],
    spans_by_paragraph: list[list[QuoteSpan]],
    sentences_by_paragraph: list[list[tuple[int, int]]],
    decisions: list[Decision] | None = None,
) -> list[Quote]:
    """The statements among the quotation spans, with speakers, dates and intermediaries (``decisions``, when
    given, receives every speaker decision with its candidates, for tests and calibration)."""
    context.quoted = [(s.open, s.close) for spans in spans_by_paragraph for s in spans if not s.single]
    context.all_quoted = [(s.open, s.close) for spans in spans_by_paragraph for s in spans]
    context.quoted_set, context.all_quoted_set = SpanSet(context.quoted), SpanSet(context.all_quoted)
    # quotations long enough to be speech, not «Names» or 'labels'
    context.statement_quoted = SpanSet((a, b) for a, b in context.all_quoted if len(context.masked[a:b].split()) >= 4)
    all_sentences = [s for group in sentences_by_paragraph for s in group]
    context.sentence_index = {sentence: index for index, sentence in enumerate(all_sentences)}
    context.subject_mentions = Mentions(subject_mentions(context, all_sentences))
    context.person_mentions = Mentions(person_mentions(context))
    statements: list[Quote] = []
    running_on: list[int] = []  # statements whose speaker comes with the next paragraph's quotation
    last_speaker: tuple[Speaker, int] | None = None  # (speaker, paragraph index)
    for paragraph_index, (spans, sentences) in enumerate(zip(spans_by_paragraph, sentences_by_paragraph, strict=True)):
        for span in split_interrupted(context, outermost(spans)):
            if in_heading(context, span):
                continue
            if span.continued and not (
                paragraph_index and any(s.unclosed for s in spans_by_paragraph[paragraph_index - 1])
            ):
                continue  # a closing mark with no quotation left open before it: a stray mark
            if span.resumed and statements and last_speaker is not None:
                # «Мы приехали в ИВС в субботу, — рассказывает Гаухар Есимова. — А нам сказали, …»
                start, end = trim_content(context.text, span)
                statements.append(
                    Quote(
                        context.text[start:end], last_speaker[0].name, last_speaker[0].id, statements[-1].said_on,
                        start, end, via=statements[-1].via, via_id=statements[-1].via_id, attribution="continuation",
                        speaker_kind=last_speaker[0].kind,
                    )
                )  # fmt: skip
                continue
            sentence = sentence_of(sentences, span.open)
            if sentence is None:
                continue
            neighbours = [s for s in spans if s is not span and sentence[0] <= s.open < sentence[1]]
            found = attribute(context, span, sentence, neighbours)
            if found.how == "none" and span.open == paragraphs[paragraph_index][0] and paragraph_index > 0:
                # `Zhaksybekova said:` closing the paragraph before, the quotation opening this one
                previous = sentences_by_paragraph[paragraph_index - 1]
                if previous and context.masked[previous[-1][1] - 1] == ":":
                    found = attribution_before(context.tokens.sentence(previous[-1]))
            content_start, content_end = trim_content(context.text, span)
            if content_end <= content_start:
                continue
            words = len(re.findall(r"\w+", context.text[content_start:content_end]))
            starts_sentence = not any(
                t.text.isalnum()
                for t in context.tokens.between(sentence, sentence[0], span.open)
                if t.text not in "\"“«„'‘"
            )
            # a quotation running on into the next paragraph is attributed where it ends:
            # "We are tired of promises.¶"Nobody listens to us," said Asel, a teacher.
            continues = paragraph_index + 1 < len(spans_by_paragraph) and any(
                s.continued for s in spans_by_paragraph[paragraph_index + 1]
            )
            runs_on = (
                span.unclosed
                and found.how == "none"
                and (continues or next_opens_quote(context, paragraphs, paragraph_index))
            )
            site = QuoteSite(
                span, sentence, paragraphs[paragraph_index], sentences, found, starts_sentence, words, last_speaker,
                paragraph_index,
            )  # fmt: skip
            found_candidates = [] if runs_on else candidates(context, site)
            chosen = choose(found_candidates)
            if decisions is not None:
                decisions.append(Decision(trim_content(context.text, span), found_candidates, chosen))
            speaker = resolve_entity(context, chosen.speaker, chosen.printed) if chosen else None
            attribution = site.attribution
            if chosen is not None and chosen.how == "continuation":
                attribution.how = "continuation"
            if not is_statement(context, span, words, attribution, starts_sentence):
                continue
            via_name, via_id = resolve_via(context, attribution.via)
            if chosen is not None and chosen.origin == "quoted-object" and attribution.phrase and via_name is None:
                via_name, via_id = resolve_via(context, attribution.phrase)
            day = said_on(context, sentence, span)
            statements.append(
                quote_by(context.text, speaker, content_start, content_end, attribution.how, day, via_name, via_id)
            )
            if runs_on:
                running_on.append(len(statements) - 1)
            elif speaker and speaker.name:
                for index in running_on:
                    statements[index] = replace(
                        statements[index], speaker=speaker.name, speaker_id=speaker.id, attribution="continuation",
                        speaker_kind=speaker.kind,
                    )  # fmt: skip
                running_on.clear()
            if speaker and speaker.name:
                last_speaker = (speaker, paragraph_index)
                position = attribution.phrase[0].start if attribution.phrase else span.open
                _remember(context, speaker, attribution, position)
    return statements


def _remember(context: QuoteContext, speaker: Speaker, attribution: Attribution, position: int) -> None:
    """The speaker is the latest mention now, with what is known of them ("he", "she", "the group")."""
    gender = speaker.gender or (person_gender(speaker.name or "") if speaker.kind == "person" else None)
    if gender is None and attribution.verb is not None and speaker.kind == "person":
        gender = verb_gender(attribution.verb.lower)
    if gender is None and speaker.kind == "person":
        # what the article has shown of this person before ("students in his hostel")
        gender = next(
            (m.gender for m in context.person_mentions.before(position) if m.name == speaker.name and m.gender), None
        )
    context.person_mentions.add(Speaker(speaker.name, speaker.id, speaker.kind, position, gender, speaker.words))
