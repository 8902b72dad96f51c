"""Word lists the parsers rely on, in English and Russian.

Rules that generalise to outlets we have never seen are built from these lexicons and from sentence structure, not
from patterns fitted to the seed articles. Everything here is lowercase; lookups casefold the text first.
"""

from __future__ import annotations

from typing import Final

from kztimeline import date_input

# ---- reporting verbs: introduce or attribute a direct quotation ---------------------------------------------------

_ENGLISH_REPORTING_STEMS: Final = (
    "say said says saying "
    "tell told tells telling "
    "add added adds adding "
    "announce announced announces "
    "ask asked asks "
    "stress stressed stresses "
    "argue argued argues "
    "remember remembers remembered "
    "recall recalled recalls "
    "note noted notes "
    "explain explained explains "
    "state stated states "
    "declare declared declares "
    "claim claimed claims "
    "insist insisted insists "
    "warn warned warns "
    "write wrote writes "
    "tweet tweeted tweets "
    "post posted "
    "reply replied replies "
    "respond responded "
    "answer answered "
    "comment commented "
    "continue continued "
    "conclude concluded "
    "emphasise emphasised emphasize emphasized "
    "underline underlined "
    "acknowledge acknowledged "
    "admit admitted "
    "assert asserted "
    "confirm confirmed "
    "report reported reports reporting "
    "quote quoted "
    "urge urged "
    "vow vowed "
    "promise promised "
    "demand demanded "
    "allege alleged "
    "exclaim exclaimed "
    "shout shouted "
    "complain complained "
    "describe described "
    "suggest suggested "
    "read reads"
)
_RUSSIAN_REPORTING_STEMS: Final = (
    "заявил заявила заявили заявило заявляет заявляют "
    "сказал сказала сказали сказало говорит говорят говорил говорила говорится "
    "добавил добавила добавили добавило "
    "отметил отметила отметили отметило отмечает "
    "пояснил пояснила пояснили пояснило поясняет "
    "рассказал рассказала рассказали рассказывает "
    "сообщил сообщила сообщили сообщило сообщает сообщают "
    "подчеркнул подчеркнула подчеркнули подчеркнуло подчеркивает подчёркивает "
    "указал указала указали указывает "
    "написал написала написали пишет "
    "ответил ответила ответили "
    "признал признала признали "
    "призвал призвала призвали "
    "заверил заверила заверили "
    "уточнил уточнила уточнили "
    "считает считают "
    "предупредил предупредила предупредили "
    "констатировал констатировала "
    "цитирует цитируют "
    "передает передаёт передают "
    "приводит "
    "спросил спросила "
    "вспоминает вспоминал вспоминала "
    "объяснил объяснила "
    "утверждает утверждал утверждала "
    "потребовал потребовала потребовали требует требуют "
    "объявил объявила объявили "
    "подтвердил подтвердила подтвердили подтверждает "
    "возразил возразила "
    "признается признаётся признался призналась "
    "рассказывают отмечают поясняют подчеркивают подчёркивают "
    "описал описала описали описывает "
    # present-tense forms of the verbs above, and verbs of speaking manner, as features attribute speech
    # ("— признает X", "— объясняет она", "— смеется он")
    "признает признаёт признают объясняет объясняют уточняет уточняют добавляет добавляют отвечает отвечают "
    "спрашивает заверяет уверяет указывают пишут вспоминают подтверждают предупреждает продолжает продолжил "
    "продолжила жалуется жалуются жаловался жаловалась возмущается возмущался возмущалась сетует сетуют сетовал "
    "сетовала делится поделился поделилась рассуждает настаивает настаивал настаивала комментирует "
    "прокомментировал прокомментировала смеется смеётся улыбается вздыхает"
)

# impersonal forms that attribute a document's words, like "говорится": "как сообщается в заявлении"
_RUSSIAN_IMPERSONAL_REPORTING: Final = (
    "сообщается отмечается подчеркивается подчёркивается уточняется добавляет добавляют"
)


def _with_whole_past_tense(words: list[str]) -> list[str]:
    """A Russian verb listed in the past (заявил) in all four past forms (заявил, заявила, заявило, заявили): the
    speaker may be a man, a woman, a ministry (сообщило) or a group, and a list that misses one form misses them."""
    forms = list(words)
    for word in words:
        if word.endswith("л") and word[:1] in "абвгдеёжзийклмнопрстуфхцчшщъыьэюя":
            forms += [word + ending for ending in ("а", "о", "и")]
    return forms


REPORTING_VERBS: Final[frozenset[str]] = frozenset(
    _ENGLISH_REPORTING_STEMS.split()
    + _with_whole_past_tense(_RUSSIAN_REPORTING_STEMS.split())
    + _RUSSIAN_IMPERSONAL_REPORTING.split()
)

# Verbs whose subject is usually the outlet that carries a quotation, not the person who said it.
MEDIA_VERBS: Final[frozenset[str]] = frozenset(
    """
    reported reports reporting wrote writes quoted quotes сообщает сообщил сообщило сообщают передает передаёт
    передают пишет пишут цитирует цитируют приводит
    """.split()
)

# Verbs after which the next noun phrase is the addressee, not the speaker ("told ABC", "asked reporters").
ADDRESSEE_VERBS: Final[frozenset[str]] = frozenset(["told", "tells", "tell", "telling", "asked", "asks", "ask"])

# Phrases that name a source right before or after a quotation: "according to X", "as per X", "по словам X".
SOURCE_PHRASES: Final[tuple[str, ...]] = (
    "according to",
    "as per",
    "citing",
    "quoting",
    "in the words of",
    "по словам",
    "по мнению",
    "по данным",
    "как заявил",
    "как заявила",
    "как заявили",
    "как сообщил",
    "как сообщила",
    "как сообщили",
    "как сказал",
    "как сказала",
    "как отметил",
    "как отметила",
    "как пояснил",
    "как пояснила",
    "как рассказал",
    "как рассказала",
    "как подчеркнул",
    "как подчеркнула",
)

# ---- pronouns ------------------------------------------------------------------------------------------------------

PERSON_PRONOUNS: Final[frozenset[str]] = frozenset(
    ["he", "she", "him", "her", "он", "она", "его", "её", "ее", "ему", "ей"]
)
GROUP_PRONOUNS: Final[frozenset[str]] = frozenset(["they", "them", "они", "их", "им"])
THING_PRONOUNS: Final[frozenset[str]] = frozenset(["it", "оно"])
PRONOUNS: Final[frozenset[str]] = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS

# ---- noun phrases that name a speaker ------------------------------------------------------------------------------

# Lowercase words that may sit inside a speaker's noun phrase ("drone operator Vitaly Shevchuk", "the foreign
# ministry", "глава МИД"). Capitalised words are always allowed.
SPEAKER_NOUN_WORDS: Final[frozenset[str]] = frozenset(
    """
    the a an this that its his her their top senior chief head former deputy acting first vice prime foreign
    interior internal defence defense health state local regional city national federal official officials
    spokesman spokeswoman spokesperson spokespeople president minister ministry secretary general
    secretary-general ambassador envoy diplomat diplomats leader leaders director governor mayor commander
    officer officers police policeman policewoman chief commissioner prosecutor prosecutors judge lawyer
    attorney analyst analysts expert experts researcher professor student activist activists protester
    protesters protestor protestors demonstrator demonstrators resident residents witness witnesses blogger
    journalist reporter correspondent editor operator driver worker workers doctor doctors nurse medic source
    sources representative representatives member members lawmaker lawmakers deputy senator party group
    organisation organization agency agencies service committee council office department authorities government
    administration military army troops force forces ministry's agency's press human rights affairs security
    emergency emergencies communications information unnamed anonymous military-diplomatic diplomatic
    pro-government opposition глава министр министра министерство министерства мид мвд президент президента
    премьер-министр пресс-секретарь представитель представители официальный официальная руководитель директор
    посол мэр аким начальник заместитель замминистра генеральный генсек секретарь спикер депутат депутаты
    полиции полиция сотрудник сотрудники источник эксперт аналитик политолог активист активисты житель жители
    очевидец очевидцы блогер журналист пресс-служба ведомство ведомства департамент департамента комитет
    комитета службы служба республики страны города области правозащитник правозащитница адвокат волонтер
    волонтёр врач координатор организатор участник участница one some several many two three four five colonel
    major lieutenant captain sergeant corporal private admiral marshal полковник майор генерал лейтенант капитан
    сержант
    """.split()
)

# Words that may join the parts of a speaker's noun phrase when the phrase stands before its verb
# ("police in the city said", "the Ministry of Internal Affairs said").
SPEAKER_LINK_WORDS: Final[frozenset[str]] = frozenset(["of", "in", "for", "at", "on", "from", "по", "в", "на"])

# Prepositions: a name right after one is an object ("spoke with Foreign Minister X"), not a sentence subject.
OBLIQUE_PREPOSITIONS: Final[frozenset[str]] = frozenset(
    """
    with to by from for of against at about about toward towards between among than without с со к ко по от для
    о об обо у при между против без
    """.split()
)

# Words that start a new clause: scanning back for a subject stops at them.
CLAUSE_STARTERS: Final[frozenset[str]] = frozenset(
    """
    after before when while as since because although though but and or that which who whom where whereas if
    после когда пока поскольку потому хотя но а и или что который которая которые где если как чтобы
    """.split()
)

# Determiners and titles that are not part of a proposed actor's name ("the UN source" -> "UN source").
LEADING_DETERMINERS: Final[frozenset[str]] = frozenset(["the", "a", "an"])

# ---- figures -------------------------------------------------------------------------------------------------------

# Qualifiers before a number, longest first so "more than" wins over "more".
NUMBER_QUALIFIERS: Final[tuple[tuple[str, str], ...]] = (
    ("no fewer than", "at least"),
    ("no less than", "at least"),
    ("at least", "at least"),
    ("a minimum of", "at least"),
    ("more than", "more than"),
    ("upwards of", "more than"),
    ("in excess of", "more than"),
    ("over", "more than"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("close to", "nearly"),
    ("just under", "nearly"),
    ("about", "about"),
    ("around", "about"),
    ("some", "about"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
    ("up to", "up to"),
    ("as many as", "up to"),
    ("не менее", "at least"),
    ("не меньше", "at least"),
    ("как минимум", "at least"),
    ("минимум", "at least"),
    ("по меньшей мере", "at least"),
    ("более чем", "more than"),
    ("больше чем", "more than"),
    ("более", "more than"),
    ("больше", "more than"),
    ("свыше", "more than"),
    ("почти", "nearly"),
    ("около", "about"),
    ("порядка", "about"),
    ("примерно", "about"),
    ("приблизительно", "about"),
    ("до", "up to"),
)

# Vague amounts written as words: the figure keeps no value.
VAGUE_AMOUNTS: Final[dict[str, str]] = {
    "several dozen": "dozens",
    "several hundred": "hundreds",
    "several thousand": "thousands",
    "несколько десятков": "dozens",
    "несколько сотен": "hundreds",
    "несколько тысяч": "thousands",
    "dozens": "dozens",
    "scores": "dozens",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "several": "several",
    "multiple": "several",
    "десятки": "dozens",
    "десятков": "dozens",
    "сотни": "hundreds",
    "сотен": "hundreds",
    "тысячи": "thousands",
    "тысяч": "thousands",
    "несколько": "several",
    "десятка": "dozens",
}

NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "a hundred": 100,
    "a thousand": 1000, "dozen": 12,
    "один": 1, "два": 2, "двое": 2, "три": 3, "трое": 3, "четыре": 4, "четверо": 4, "пять": 5, "пятеро": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30, "сто": 100,
    "одного": 1, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5, "шести": 6, "семи": 7,
    "восьми": 8, "девяти": 9, "десяти": 10, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50,
    "ста": 100,
    "двоих": 2, "троих": 3, "четверых": 4, "пятерых": 5, "шестерых": 6, "семерых": 7, "шестеро": 6, "семеро": 7,
    "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "сорок": 40, "пятьдесят": 50,
}  # fmt: skip

# "forty-one", "twenty three"
_TENS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNITS: Final = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
NUMBER_WORDS.update(
    {f"{ten}{joint}{unit}": ten_value + unit_value
     for ten, ten_value in _TENS.items() for unit, unit_value in _UNITS.items() for joint in ("-", " ")}
)  # fmt: skip

MULTIPLIERS: Final[dict[str, int]] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "тыс": 1_000,
    "тысяч": 1_000,
    "тысячи": 1_000,
    "млн": 1_000_000,
    "миллиона": 1_000_000,
    "миллионов": 1_000_000,
}

# Stems that mark a metric. A verb-like keyword after a number decides its metric ("164 people were killed");
# a noun right after a number decides it too ("125 criminal cases", "2,500 soldiers"); a toll noun before a number
# decides it when nothing follows ("the death toll, which was 44").
METRIC_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "killed": (
        "killed", "dead", "died", "die", "deaths", "death", "dying", "lives", "fatalities", "bodies", "liquidated",
        "slain", "perished", "murdered",
        "погиб", "погибли", "погибших", "погибло", "убит", "убиты", "убитых", "жертв", "жертвы", "скончались",
        "скончался", "ликвидированы", "ликвидировано", "погибшими",
    ),
    "injured": (
        "injured", "wounded", "hurt", "injuries", "hospitalised", "hospitalized", "hospital", "hospitals", "wounds",
        "medical", "treatment", "treated",
        "ранены", "ранено", "раненых", "ранения", "ранений", "пострадали", "обратились", "госпитализированных",
        "пострадавших", "пострадало", "госпитализированы", "госпитализировано",
    ),
    "detained": (
        "detained", "arrested", "detentions", "detention", "arrests", "detainees", "custody", "held", "apprehended",
        "rounded",
        "задержаны", "задержано", "задержанных", "задержали", "арестованы", "арестовано", "арестованных",
        "задержания",
    ),
    "criminal_cases": ("criminal", "cases", "уголовных", "уголовное", "дел"),
    "troops_deployed": (
        "troops", "soldiers", "personnel", "paratroopers", "paratroops", "servicemen", "peacekeepers",
        "военнослужащих", "военных", "миротворцев", "десантников", "военнослужащие", "миротворцы",
    ),
}  # fmt: skip

# Russian stems that mark a metric in any inflection (the words above are matched first, as listed).
RUSSIAN_METRIC_STEMS: Final[tuple[tuple[str, str], ...]] = (
    ("погиб", "killed"), ("убит", "killed"), ("убил", "killed"), ("скончал", "killed"), ("ликвидир", "killed"),
    ("ранен", "injured"), ("ранил", "injured"), ("пострада", "injured"), ("госпитализ", "injured"),
    ("травм", "injured"),
    ("задерж", "detained"), ("арестов", "detained"), ("задержан", "detained"),
    ("военнослужащ", "troops_deployed"), ("миротвор", "troops_deployed"), ("десантник", "troops_deployed"),
    ("уголовн", "criminal_cases"),
)  # fmt: skip

# Metrics decided by the noun right after the number rather than by a verb later in the clause.
NOUN_METRICS: Final[frozenset[str]] = frozenset({"criminal_cases", "troops_deployed"})

TOLL_NOUNS: Final[dict[str, str]] = {
    "contingent of": "troops_deployed",
    "force of": "troops_deployed",
    "численностью": "troops_deployed",
    "death toll": "killed",
    "гибели": "killed",
    "гибель": "killed",
    "toll": "killed",
    "number of dead": "killed",
    "number of deaths": "killed",
    "число погибших": "killed",
    "число жертв": "killed",
    "number of injured": "injured",
    "число пострадавших": "injured",
    "число раненых": "injured",
    "number of detainees": "detained",
    "number of people detained": "detained",
    "число задержанных": "detained",
}

# Words after a number that show it is not a count of people.
NON_PEOPLE_UNITS: Final[frozenset[str]] = frozenset(
    """
    day days week weeks month months year years hour hours minute minutes second seconds km kilometres
    kilometers miles metres meters percent per cent % times fold tenge dollars usd euros rubles roubles litre
    litres liter liters tonnes tons barrels cities regions countries buildings cars vehicles flights shops banks
    aircraft planes jets день дня дней неделя недели недель месяц месяца месяцев год года лет час часа часов
    минут км процентов процента раз тенге долларов рублей городов регионов стран зданий машин автомобилей
    самолетов самолётов hospitals clinics schools больниц больницы школ decade decades centuries десятилетия
    десятилетий веков weapons guns rifles firearms оружия стволов
    """.split()
)

# Words between two numbers that make the second a part or a revision of the first ("44, including 18",
# "4,400 injured, among them 1,300", "164, up from 44"): the second inherits the first one's metric.
INHERITING_LINKS: Final[tuple[str, ...]] = (
    "including", "among them", "among whom", "of whom", "of them", "up from", "down from", "rose from",
    "compared with", "в том числе", "из них", "среди них", "включая",
)  # fmt: skip

# Words that end the clause a number's metric is looked for in.
CLAUSE_BREAKS: Final[frozenset[str]] = frozenset(
    """
    that which who whom while whereas but although though because when где когда который которые которых но хотя
    потому
    """.split()
)

# Words that make a number generic: "164 people" has no scope beyond "people".
GENERIC_PEOPLE: Final[frozenset[str]] = frozenset(
    ["people", "persons", "individuals", "person", "человек", "человека", "людей", "граждан", "лиц"]
)

# ---- dates ---------------------------------------------------------------------------------------------------------

# Month and weekday names (English and Russian) are shared with the date parser for what people type.
WEEKDAYS = date_input.WEEKDAYS
MONTHS = date_input.MONTHS

# Words in a sentence that point a weekday forward ("will meet on Friday") instead of back.
FUTURE_MARKERS: Final[frozenset[str]] = frozenset(
    """
    will would shall 'll due expected scheduled plans plan planned next upcoming coming будет будут состоится
    пройдет пройдёт планирует планируется намерен следующей следующий следующую
    назначен назначена назначено назначены запланирован запланирована запланировано запланированы намечен намечена
    намечено намечены
    """.split()
)

# Reporting verbs in the past tense: a weekday right after one is the day something was said, whatever the clause
# goes on to say about the future ("said on Thursday it would send troops").
PAST_REPORTING_VERBS: Final[frozenset[str]] = frozenset(
    """
    said told announced added stated confirmed reported declared warned wrote tweeted posted claimed insisted
    заявил заявила заявили сказал сказала сказали сообщил сообщила сообщили объявил объявила объявили отметил
    отметила отметили подтвердил подтвердила подтвердили написал написала написали добавил добавила добавили
    рассказал рассказала рассказали подчеркнул подчеркнула подчеркнули уточнил уточнила уточнили сообщило заявило
    """.split()
)

# Time-zone abbreviations seen on news pages, as UTC offsets.
TIMEZONE_ABBREVIATIONS: Final[dict[str, str]] = {
    "ist": "+05:30",
    "gmt": "+00:00",
    "utc": "+00:00",
    "bst": "+01:00",
    "cet": "+01:00",
    "cest": "+02:00",
    "msk": "+03:00",
    "мск": "+03:00",
    "almt": "+06:00",
    "alma-ata": "+06:00",
    "est": "-05:00",
    "edt": "-04:00",
    "et": "-05:00",
    "pst": "-08:00",
    "pt": "-08:00",
}
