"""`kztimeline parse`: what it finds in small article fixtures, in English and Russian, and how it fails."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from kztimeline.parse.article import parse_text
from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.resources import seeds_dir

ARTICLES = Path(__file__).parent / "data" / "articles"
FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"


def parse_json(run: Callable[..., Result], *files: Path) -> Any:
    result = run("parse", "--seeds", str(FIXTURE_SEEDS), "--format", "json", *(str(f) for f in files))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def parse(text: str, **options: Any) -> Any:
    return parse_text(text, "test.txt", Gazetteers.from_seeds(FIXTURE_SEEDS), use_geonames=False, **options)


def quotes(article: Any) -> list[tuple[str, str | None, str | None]]:
    return [(q["text"], q["speaker"], q["speaker_id"]) for q in article["quotes"]]


def test_page_metadata_is_read_and_page_noise_is_left_out_of_the_body(run: Callable[..., Result]) -> None:
    article = parse_json(run, ARTICLES / "wire_en.txt")
    assert article["title"] == "Police detain hundreds as Almaty clean-up begins"
    assert article["author"] == "Jane Fixture"
    assert article["published"] == "2022-01-08"
    assert article["published_at"] == "2022-01-08T13:22+05:30"
    assert article["language"] == "en"
    body = article["body"]
    assert body.startswith('President Tokayev on Friday said: "I gave an order')
    assert body.endswith("as quoted by CNN.")
    for noise in (
        "Advertisement",
        "share",
        "IMAGE: AP",
        "Follow:",
        "ALSO READ",
        "Leave a Reply",
        "AGL39.71",
        "Reported by",
    ):
        assert noise not in body


def test_quotations_with_speakers_from_every_attribution_pattern(run: Callable[..., Result]) -> None:
    article = parse_json(run, ARTICLES / "wire_en.txt")
    assert quotes(article) == [
        (
            "I gave an order to the law enforcement agencies and the army to open fire, to kill without warning.",
            "Kassym-Jomart Tokayev",  # `President Tokayev on Friday said: "…"` - an alias of a curated actor
            "tokayev",
        ),
        ("The situation is under control", "Aibek Dzhaksybekov", None),  # `"…," spokesman X told reporters`
        ("Patrols will continue until January 19.", "Aibek Dzhaksybekov", None),  # continues the same speaker
        ("We are not bandits", "Aigerim Nurlanova", None),  # `"…," said X, a teacher.` (inverted)
        ("We want cheaper gas for everyone in the country.", "Aigerim Nurlanova", None),
        ("Nobody asked us", "another resident", None),
    ]  # not statements: 'terrorists' (scare quotes), "armed criminals" (label), "Evening News" (a title)


def test_offsets_point_into_the_original_file(run: Callable[..., Result]) -> None:
    text = (ARTICLES / "wire_en.txt").read_text(encoding="utf-8")
    article = parse_json(run, ARTICLES / "wire_en.txt")
    for item in [*article["quotes"], *article["figures"], *article["dates"], *article["actors"], *article["places"]]:
        assert text[item["start"] : item["end"]] == item["text"]


def test_quotation_dates_and_relative_dates_resolve_against_the_publication_date(
    run: Callable[..., Result],
) -> None:
    article = parse_json(run, ARTICLES / "wire_en.txt")
    assert [q["said_on"] for q in article["quotes"][:2]] == ["2022-01-07", "2022-01-08"]
    assert [(d["text"], d["date"], d["precision"]) for d in article["dates"]] == [
        ("on Friday", "2022-01-07", "day"),  # published Saturday 8 January
        ("on Saturday", "2022-01-08", "day"),  # the publication day itself
        ("until January 19", "2022-01-19", "day"),
        ("since Wednesday", "2022-01-05", "day"),
    ]


def test_figures_keep_qualifier_scope_and_who_stated_them(run: Callable[..., Result]) -> None:
    article = parse_json(run, ARTICLES / "wire_en.txt")
    assert [(f["metric"], f["value"], f["qualifier"], f["text"], f["stated_by"]) for f in article["figures"]] == [
        ("detained", 4400, "more than", "more than 4,400", None),
        ("killed", 26, "at least", "at least 26", None),
        ("killed", 18, "exact", "18", None),  # "including 18" inherits the metric of "at least 26"
        ("criminal_cases", 125, "exact", "125", "Kazakh police"),
    ]


def test_russian_article_dateline_guillemets_dash_form_and_pronouns(run: Callable[..., Result]) -> None:
    article = parse_json(run, ARTICLES / "agency_ru.txt")
    assert article["language"] == "ru"
    assert (article["outlet"], article["agency"]) == ("TASS", "TASS")  # the agency under its usual name
    assert article["dateline"] == "МОСКВА, 6 января. /ТАСС/."
    assert article["published"] is None  # the dateline has no year, and nothing else on the page gives one
    assert quotes(article) == [
        ("Ситуация стабилизируется. Задержаны участники „спящих ячеек“", "Ерлан Тестов", None),  # — заявил он
        ("Больницы Алматы работают круглосуточно, врачей не хватает", "Анна Пробная", None),  # X заявила: «…»
        ("Мы просим всех сдавать кровь", "Анна Пробная", None),  # — добавила она
    ]  # «под контролем» is a two-word fragment, not a statement
    assert [(f["metric"], f["value"], f["qualifier"], f["text"]) for f in article["figures"]] == [
        ("killed", 164, "at least", "Не менее 164"),
        ("detained", 5000, "more than", "более 5 тыс."),
    ]
    assert [(d["text"], d["date"]) for d in article["dates"]] == [("в четверг", None)]


def test_without_a_publication_date_relative_dates_stay_null_unless_one_is_given(
    run: Callable[..., Result],
) -> None:
    article = parse_json(run, ARTICLES / "undated_en.txt")
    assert article["published"] is None
    assert [(d["text"], d["date"]) for d in article["dates"]] == [("on Friday", None), ("until January 19", None)]
    given = run("parse", "--published", "2022-01-10", "--format", "json", str(ARTICLES / "undated_en.txt"))
    dates = json.loads(given.stdout)["dates"]
    assert [(d["text"], d["date"]) for d in dates] == [("on Friday", "2022-01-07"), ("until January 19", "2022-01-19")]


def test_several_files_give_a_json_array_in_order(run: Callable[..., Result]) -> None:
    articles = parse_json(run, ARTICLES / "wire_en.txt", ARTICLES / "undated_en.txt")
    assert [Path(a["path"]).name for a in articles] == ["wire_en.txt", "undated_en.txt"]


def test_rich_report_names_speakers_and_figures(run: Callable[..., Result]) -> None:
    result = run("parse", "--seeds", str(FIXTURE_SEEDS), str(ARTICLES / "wire_en.txt"))
    assert result.exit_code == 0
    assert "Police detain hundreds as Almaty clean-up begins" in result.stdout
    assert "published: 2022-01-08T13:22+05:30" in result.stdout
    assert "Aibek Dzhaksybekov" in result.stdout
    assert "more than 4,400" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not leave the square until prices fall," he said.', [None]),  # no one named before: unknown
        (
            'Dana Fixture, a nurse, spoke first. "We will not leave the square until prices fall," she said.',
            ["Dana Fixture"],
        ),
        (
            'The agency quoted Omar Fixture as saying: "All roads to the airport are closed tonight."',
            ["Omar Fixture"],
        ),
        ('"All roads to the airport are closed tonight," it quoted Omar Fixture as saying.', ["Omar Fixture"]),
        ('According to Lena Fixture, "the hospitals have run out of beds and medicine."', ["Lena Fixture"]),
        (
            '"We have not seen anything like this," said Marat Fixture, a taxi driver. "Nobody knows what is next."',
            ["Marat Fixture", "Marat Fixture"],  # a short whole sentence after an attributed one continues it
        ),
        ('According to Gulnara Fixture, a local activist, "the people only wanted cheaper gas."', ["Gulnara Fixture"]),
        ("'It was terrifying,' one resident told the BBC.", ["one resident"]),  # single marks with an attribution
        (
            "A nurse at one of the city's main hospitals, who asked not to be named because staff had been told not "
            'to speak to the press, said the wards were full. "We ran out of blood on the second night," she said.',
            ["nurse at one of the city's main hospitals"],
        ),
        (
            "Tobias Fixture, an analyst at the Eurasia Transit Forum, a think tank, told DW: "
            '"The troops were a signal to the elites."',
            ["Tobias Fixture"],  # nested appositions: not the forum
        ),
        (
            'A western diplomat in Nur-Sultan was more blunt: "This was never only about gas."',
            ["western diplomat in Nur-Sultan"],
        ),
        (
            "A volunteer network of doctors, Ak Fixture, said it had treated hundreds. "
            '"We have seen wounds from live ammunition," the group said in a statement.',
            ["Ak Fixture"],  # "the group" is the organisation named before
        ),
        (
            "Yerbolat Fixture, 58, was sweeping glass near Zhibek Zholy street.\n\n"
            '"Nobody who did this was from our neighbourhood," he said.',
            ["Yerbolat Fixture"],  # a street is not a person
        ),
        ("По словам жительницы города Айгуль Фикстуровой, «все боялись выходить на улицу».", ["Айгуль Фикстурова"]),
        (
            "По словам директора Центра «Шанырак» Ануара Фикстурова, «власти пытаются объяснить все внешней угрозой».",
            ["Ануар Фикстуров"],  # a quoted name inside the source phrase, and the genitive back to the nominative
        ),
        (
            "«Формула удобна тем, что снимает вопрос о ценах», — пишет в своем Telegram-канале экономист Галымжан "
            "Фикстуров.",
            ["Галымжан Фикстуров"],
        ),
        (
            "Собеседник РБК в правительстве, пожелавший остаться неназванным, заявил, что ситуация под контролем. "
            "«Зачистка займет еще несколько дней», — сказал он.",
            ["Собеседник РБК в правительстве"],
        ),
        (
            "Ассоциация «Адал кәсіп», объединяющая около 400 предприятий, потребовала компенсаций. «Мы не можем ждать,"
            " пока закончится расследование», — говорится в заявлении.",
            ["Ассоциация Адал кәсіп"],
        ),
        ("Об этом «Ленте.ру» рассказали местные жители.", []),  # an outlet in guillemets is not a statement
        (
            "По словам военного эксперта, полковника в отставке Виктора Фикстурова, «операция показала, что механизм "
            "безопасности работает».",
            ["Виктор Фикстуров"],  # the name in the apposition, in the nominative
        ),
        (
            "«Водители вышли на линию добровольно», – отметила директор автобусного парка № 2 Гульмира Фикстурова.",
            ["Гульмира Фикстурова"],
        ),
        (
            "Командир одного из подразделений, вернувшихся в Иваново, рассказал «РГ»: «Задачи выполнены полностью. "
            "Личный состав потерь не имеет».",
            ["Командир одного из подразделений"],
        ),
        (
            "Sholpan Fixture laid flowers beside a burnt-out bus stop.\n\n"
            '"Two of my former pupils were in the square," the 45-year-old primary school teacher told AFP.\n\n'
            'Yerbol Fixture, a taxi driver, said he had not worked for days. "I lost 100,000 tenge," he said.\n\n'
            '"The children will have questions," the teacher said.',
            ["Sholpan Fixture", "Yerbol Fixture", "Sholpan Fixture"],  # "the teacher" is who was described as one
        ),
        (
            "Геннадий Фикстуров, инженер из Омска, приехал в Казахстан на монтаж.\n\n"
            "«Люди там нормальные, помогали нам как могли», — добавил инженер.",
            ["Геннадий Фикстуров"],
        ),
        (
            "«Транзакции упали почти до нуля», — рассказал Inbusiness.kz источник в одном из банков второго уровня.",
            ["источник в одном из банков второго уровня"],  # the outlet told; the source as described
        ),
        (
            "Союз интернет-продавцов «Сауда Онлайн» в субботу направил письмо в правительство. «Мы просим налоговых "
            "каникул хотя бы на три месяца», — сообщили в союзе.",
            ["Союз интернет-продавцов Сауда Онлайн"],  # "в союзе" is the union named before
        ),
        (
            "The Kazakhstan Indian Medical Students' Association said in a statement: "
            '"We request special flights as soon as the airport reopens."',
            ["Kazakhstan Indian Medical Students' Association"],  # not Kazakhstan
        ),
        (
            "Saule Fixture, a senior fellow at the Almaty-based Caspian Policy Lab, spoke to EURACTIV.\n\n"
            '"The next months will decide whether the government keeps its promises," she said.',
            ["Saule Fixture"],  # a lab is not a woman
        ),
        (
            "Henrik Fixture, a Central Asia analyst at the Nordic Institute in Oslo, doubted that the EU had influence. "
            'Katarzyna Fixture, an MEP, wrote on Twitter: "The EU must speak clearly now."\n\n'
            '"The EU should talk to the government, not lecture it," the analyst added.',
            ["Katarzyna Fixture", "Henrik Fixture"],  # "the analyst" is the one described as one
        ),
        (
            'Zhuldyz Fixture wrote on Twitter: "The peacekeepers are leaving now."\n\n'
            'She added in a later post: "If the airport was seized by terrorists, why has nobody been charged?"',
            ["Zhuldyz Fixture", "Zhuldyz Fixture"],  # "a later post" is a noun; the question is speech, not a heading
        ),
        (
            '"We have food for four days," said Anjali Fixture, a student from Thrissur.\n\n'
            "Mohit Fixture, a student from Rohtak in Haryana, said students in his hostel had pooled money. "
            '"The ATMs stopped working," he told TOI.\n\nAccording to Fixture, "nobody has come to the hostel."\n\n'
            '"My father was crying on the phone," she said.',
            ["Anjali Fixture", "Mohit Fixture", "Mohit Fixture", "Anjali Fixture"],  # his hostel: not "she"
        ),
        ('"We stood there for hours," said one protester, who gave only his first name, Nurlan.', ["Nurlan"]),
        (
            '"The army came at night," Aliya Fixture said, adding: "Nobody was allowed to leave the square."',
            ["Aliya Fixture", "Aliya Fixture"],
        ),
        (
            "Security Council secretary Yerlan Fixture told reporters the situation was calm and added: "
            '"We will restore order soon."',
            ["Yerlan Fixture"],  # the subject of the first verb, and not the council
        ),
        ('"Order will be restored within days" — Interior Minister Yerlan Fixture', ["Yerlan Fixture"]),
        ("«Ситуация находится под полным контролем», — отметили в пресс-службе МВД.", ["пресс-служба МВД"]),
        ("«Транспорт заработает в ближайшие дни», — сообщили в акимате Алматы.", ["акимат Алматы"]),
        (
            "В пресс-службе одной из больниц Би-би-си сообщили, что мест нет. «Все пациенты внесены в общую базу», — "
            "уточнили там.",
            ["пресс-служба одной из больниц"],  # "там" is the institution that spoke before
        ),
        ("Фикстуровой ответил дежурный: «Задержанных из вашего района к нам не привозили».", ["дежурный"]),
        (
            "По словам соседа Фикстуровой Серика Фикстурова, чьего сына задержали 7 января и отпустили через трое "
            "суток, «в изоляторе их били».\n\n«Он до сих пор почти не разговаривает», — добавил он.",
            ["Серик Фикстуров", "Серик Фикстуров"],
        ),
        (
            "В компании «Талап Сақтандыру» ответили: «Массовые беспорядки не входят в перечень страховых случаев».",
            ["Талап Сақтандыру"],  # the quoted name of the company
        ),
        (
            "«Мы работаем в усиленном режиме», — рассказали «Власти» в управлении здравоохранения.",
            ["управление здравоохранения"],
        ),
        (
            "Как рассказала жительница микрорайона Айнабулак Гульмира Фикстурова, ночью стреляли. "
            "«Мы сидели в ванной до утра», — говорит она.",
            ["Гульмира Фикстурова"],  # the district is not part of her name
        ),
        (
            "Глава МВД Ерлан Фикстуров сообщил, что задержаны 9 900 человек. По его словам, «среди задержанных есть "
            "иностранцы».",
            ["Ерлан Фикстуров"],
        ),
        (
            "Председатель союза Ринат Фикстуров считает, что бизнесу нужна помощь: «Без компенсаций многие закроются».",
            ["Ринат Фикстуров"],  # a short whole sentence, its full stop after the guillemet
        ),
        (
            '"The mission will last two weeks," said Yerlan Fixture.\n\n"We are tired of promises. We want change.\n\n'
            '"Nobody listens to us," said Asel Fixture, a teacher.',
            ["Yerlan Fixture", "Asel Fixture", "Asel Fixture"],  # a quotation running on is attributed where it ends
        ),
        (
            'Omar Fixture spoke first. "We cannot allow chaos," the spokesman, who declined to be named, said.',
            ["spokesman"],  # an unnamed role is not the person named before
        ),
        ("Токаев в своем обращении заявил: «Это была попытка государственного переворота».", ["Kassym-Jomart Tokayev"]),
        ('She called the move "illegal".', []),  # a one-word label
        ('He ordered troops to "restore order".', []),  # a two-word fragment with no reporting verb
    ],
)
def test_attribution_patterns(text: str, expected: list[str | None]) -> None:
    assert [q.speaker for q in parse(text).quotes] == expected


def test_a_pronoun_skips_a_person_named_after_a_preposition() -> None:
    text = (
        "Omar Fixture said the talks had failed, adding that he met with Foreign Minister Lena Fixture last week.\n"
        '"We expect an answer by Monday at the latest," he added.'
    )
    assert [q.speaker for q in parse(text).quotes] == ["Omar Fixture"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The alliance said on Thursday it would send troops.", "2022-01-06"),  # said on Thursday: past
        ("Banks are to reopen on Tuesday.", "2022-01-11"),  # a plan: ahead
        ("Рассмотрение жалоб назначено на пятницу.", "2022-01-14"),
        ("Протестующие собрались в пятницу.", "2022-01-07"),
    ],
)
def test_a_weekday_reads_its_tense_from_the_verb_next_to_it(text: str, expected: str) -> None:
    import datetime as dt

    article = parse(text, published=dt.date(2022, 1, 10))  # a Monday
    assert [d.date.isoformat() for d in article.dates if d.date] == [expected]


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Политика, 9 янв 2022, 19:47", "2022-01-09"),
        ("2022-01-09T19:47:00+06:00", "2022-01-09"),
        ("Published: 09 January ,2022", "2022-01-09"),
        ("Posted: Sun, Jan 9th, 2022 @ 10:15am", "2022-01-09"),
        ("Kazakhstan | 9 January 2022 | 10:15", "2022-01-09"),
        ("January 9, 2022 at 10:15 a.m. EST", "2022-01-09"),
        ("2022/01/09", "2022-01-09"),
        ("9 января, 10:15", "2022-01-09"),  # no year: the one year the page states (© 2022 below)
        ("News Desk | Almaty | Updated: 10-01-2022 18:05 IST | Created: 09-01-2022 14:22 IST", "2022-01-09"),
        ("By Staff Report in Nation on 9 January 2022", "2022-01-09"),
        ("Published Jan. 9, 2022Updated Jan. 10, 2022, 8:12 a.m. ET", "2022-01-09"),
    ],
)
def test_publication_date_lines_in_other_formats(line: str, published: str) -> None:
    article = parse(
        f"Kazakh protests continue into second week\n{line}\n\nProtesters gathered again in Almaty.\n\n© 2022 Outlet"
    )
    assert article.published is not None and article.published.isoformat() == published


@pytest.mark.parametrize(
    "headline",
    [
        "What is happening in Kazakhstan?",
        'Tokayev: "Terrorists must be destroyed"',
        "Токаев: «Это была попытка переворота»",
    ],
)
def test_a_headline_may_end_in_a_question_or_a_quotation(headline: str) -> None:
    text = f"World\n{headline}\nJanuary 7, 2022\n\nProtests have spread across the country after fuel prices doubled.\n"
    assert parse(text).title == headline


@pytest.mark.parametrize(
    "page",
    [
        "South China Morning Post\n\nKazakh banks reopen as curfew eases\n\nJanuary 11, 2022\n\n",
        "Kazakh banks reopen as curfew eases\n\nQueues form at cash machines in Almaty while the president promises to "
        "share out the wealth of his predecessor's circle\n\nAiman Fixture in Almaty and Felix Fixture in London\n"
        "JANUARY 11 2022\n\n",
        "Russia Ukraine Central Asia Caucasus Iran Balkans\nKazakhstan\nJanuary 11, 2022 14:21 GMT\n"
        "Kazakh banks reopen as curfew eases\nQueues formed outside banks in Almaty on Tuesday (Reuters)\n",
    ],
    ids=["site name above", "standfirst and reporters below", "menu and date above"],
)
def test_the_headline_is_the_heading_nearest_above_the_date(page: str) -> None:
    body = "Banks in Almaty reopened on Tuesday after a week of unrest, and long queues formed outside them.\n"
    assert parse(page + body).title == "Kazakh banks reopen as curfew eases"


def test_the_headline_is_the_heading_above_the_byline_not_a_video_caption() -> None:
    text = (
        "Media Center  Live TV\n\nAsia\n\nKazakhstan's president orders troops to fire without warning\n\n"
        "By Jane Fixture, CNN\nUpdated 0412 GMT (1212 HKT) January 7, 2022\n\n"
        "Russian-led troops land in Kazakhstan as unrest spreads\n\n"
        "Dozens of protesters have been killed in Kazakhstan, officials said on Friday after a week of unrest.\n"
    )
    assert parse(text).title == "Kazakhstan's president orders troops to fire without warning"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Всего погибли трое военнослужащих, еще 10 получили ранения.", [("killed", 3), ("injured", 10)]),
        ("Позавчера похоронили двоих срочников, погибших во время беспорядков.", [("killed", 2)]),
        ("The ministry said 125 criminal investigations had been opened.", [("criminal_cases", 125)]),
        ("Возбуждено 125 уголовных дел.", [("criminal_cases", 125)]),  # a paragraph's first word is not a name
        ("ОДКБ направила в Казахстан 2030 военнослужащих.", [("troops_deployed", 2030)]),  # not "Kazakhstan 2030"
        ("Khabar 24 reported that 12 people died.", [("killed", 12)]),  # but "Khabar 24" is a name
    ],
)
def test_figure_metrics_from_the_words_around_the_number(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(f.metric, f.value) for f in parse(text).figures] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters gathered two days ago.", [("two days ago", "2022-01-10", "day")]),
        ("Митинг прошел два дня назад.", [("два дня назад", "2022-01-10", "day")]),
        ("Неделю назад было тихо.", [("Неделю назад", "2022-01-03", "week")]),
        ("The court sits this Friday.", [("this Friday", "2022-01-14", "day")]),
        ("В эту пятницу суд рассмотрит дело.", [("В эту пятницу", "2022-01-14", "day")]),
        ("В среду, 5 января, захватили акимат.", [("В среду, 5 января", "2022-01-05", "day")]),  # one date
        ("5-го января ввели режим ЧП.", [("5-го января", "2022-01-05", "day")]),
        ("Officials met last weekend.", [("last weekend", "2022-01-03", "week")]),
        ("В минувшие выходные было тихо.", [("В минувшие выходные", "2022-01-03", "week")]),
    ],
)
def test_more_relative_dates(text: str, expected: list[tuple[str, str, str]]) -> None:
    import datetime as dt

    article = parse(text, published=dt.date(2022, 1, 12))  # a Wednesday
    assert [(d.text, d.date.isoformat() if d.date else None, d.precision) for d in article.dates] == expected


def test_weekday_in_future_tense_points_forward() -> None:
    import datetime as dt

    article = parse("Officials will meet on Tuesday. Protesters gathered on Tuesday.", published=dt.date(2022, 1, 8))
    assert [(d.text, d.date) for d in article.dates] == [
        ("on Tuesday", dt.date(2022, 1, 11)),
        ("on Tuesday", dt.date(2022, 1, 4)),
    ]


def test_curated_seed_articles_give_every_quotation_with_its_speaker(run: Callable[..., Result]) -> None:
    files = sorted((seeds_dir() / "articles").glob("*.txt"))
    result = run("parse", "--format", "json", *(str(f) for f in files))
    articles = json.loads(result.stdout)
    speakers = [q["speaker_id"] for article in articles for q in article["quotes"]]
    assert speakers == [
        "blinken", "blinken", "blinken",
        "blinken", "tokayev", "tokayev",
        "almaty-police", "russian-foreign-ministry",
        "un-source",
        "vitaly-shevchuk", "vitaly-shevchuk",
    ]  # fmt: skip
    assert [a["published"] for a in articles] == [None, "2022-01-08", None, "2022-01-07", "2022-01-10"]


def test_a_file_that_is_not_utf8_is_one_line_error_naming_it(tmp_path: Path, run: Callable[..., Result]) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Almaty\nProtesters gathered in the caf\xe9.".encode("latin-1"))
    result = run("parse", str(bad))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}:2: not UTF-8 text (byte 37); save the article as UTF-8\n"


def test_a_missing_file_is_refused_before_anything_is_printed(run: Callable[..., Result]) -> None:
    result = run("parse", str(ARTICLES / "wire_en.txt"), "missing.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'missing.txt' does not exist" in result.stderr
