"""Who said a quotation (kztimeline/parse/attribution.py), one stage at a time, on invented examples.

Each example stands for a class of text seen on real pages (docs/attribution.md); none is copied from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kztimeline.parse.article import parse_text
from kztimeline.parse.attribution import WEIGHTS, Candidate, Decision, Weights, choose, principal, score
from kztimeline.parse.document import ParsedArticle
from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.parse.quotes import Speaker
from kztimeline.parse.russian_names import nominative_genitive_institution, nominative_institution
from kztimeline.resources import seeds_dir

FIXTURE_SEEDS = Path(__file__).parent / "data" / "seeds"
FIXTURE = Gazetteers.from_seeds(FIXTURE_SEEDS)
SEEDS = Gazetteers.from_seeds(seeds_dir())


def decide(text: str, gazetteers: Gazetteers = FIXTURE) -> tuple[ParsedArticle, list[Decision]]:
    decisions: list[Decision] = []
    article = parse_text(text, "test.txt", gazetteers, use_geonames=False, decisions=decisions)
    return article, decisions


def speakers(article: ParsedArticle) -> list[tuple[str | None, str | None]]:
    return [(quote.speaker, quote.speaker_id) for quote in article.quotes]


def candidate(name: str, **features: float) -> Candidate:
    return Candidate(Speaker(name, None, "person", 0), "printed", dict(features))


# ---- stage 1: spans a reader sees as quotations, with or without their marks ----------------------------------------


def quoted(article: ParsedArticle) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in article.quotes]


def test_a_paragraph_that_only_closes_a_quotation_continues_the_one_left_open_before() -> None:
    article, _ = decide(
        "Road closures were announced on Monday.\n\n"
        '"Eleven roads were closed overnight in the region.\n\n'
        'Two bridges remain shut until Friday," Aibek Nurmagambetov, a regional official, said.'
    )
    assert quoted(article) == [
        ("Eleven roads were closed overnight in the region.", "Aibek Nurmagambetov"),
        ("Two bridges remain shut until Friday", "Aibek Nurmagambetov"),
    ]


def test_a_stray_closing_mark_with_nothing_left_open_is_no_quotation() -> None:
    article, _ = decide('Officials met on Monday.\n\nThe meeting ended early," one participant wrote later.')
    assert quoted(article) == []


def test_a_closing_mark_used_as_the_opening_one_still_opens_a_quotation() -> None:
    article, _ = decide("Aliya Sultanova replied:\u00a0”We will not leave the square until we are heard.”")
    assert quoted(article) == [("We will not leave the square until we are heard.", "Aliya Sultanova")]


def test_a_quotation_still_open_where_a_copied_page_is_cut_runs_to_the_cut() -> None:
    article, _ = decide(
        "Prices rose again on Sunday.\n\n"
        "Nurlan Abenov, a shopkeeper in the old market, said on Sunday: "
        '"The trucks have not come for three days, the flour is gone and the shelves are'
    )  # a last line this long is no headline, though it has no full stop
    assert quoted(article) == [
        ("The trucks have not come for three days, the flour is gone and the shelves are", "Nurlan Abenov")
    ]


def test_russian_direct_speech_without_marks_ends_at_the_dash_and_the_reporting_verb() -> None:
    article, _ = decide(
        "В связи с трагическими событиями в регионе объявлен день траура, — написал пресс-секретарь акима "
        "Аскар Бекетов в Telegram.\n\nУлицы опустели, — а к вечеру снова заполнились людьми."
    )
    assert quoted(article) == [
        ("В связи с трагическими событиями в регионе объявлен день траура", "Аскар Бекетов")
    ]  # the second dash has no reporting verb after it: narrative, not speech


# ---- stage 4: the score --------------------------------------------------------------------------------------------


def test_the_score_is_each_feature_times_its_weight() -> None:
    weights = Weights(verb_subject=3.0, generic=-2.0, sentences_back=-0.5)
    assert score({"verb_subject": 1.0, "generic": 1.0, "sentences_back": 4.0}, weights) == 3.0 - 2.0 - 2.0


def test_the_best_candidate_above_the_threshold_wins_and_the_first_collected_wins_a_tie() -> None:
    subject, antecedent = candidate("A", verb_subject=1.0), candidate("B", refers_back=1.0)
    assert choose([subject, antecedent], Weights(verb_subject=3.0, refers_back=3.5)) is antecedent
    assert choose([subject, antecedent], Weights(verb_subject=3.0, refers_back=3.0)) is subject
    assert choose([subject], Weights(verb_subject=0.4, threshold=0.5)) is None  # too weak: no known speaker
    assert choose([], WEIGHTS) is None


def test_every_feature_a_candidate_can_carry_has_a_weight() -> None:
    _, decisions = decide(
        'Kassym-Jomart Tokayev addressed parliament.\n\n"We will restore order," he said.\n\n'
        '"The streets are calm," the President said.'
    )
    weights = set(Weights.__dataclass_fields__)
    for decision in decisions:
        for found in decision.candidates:
            assert set(found.features) <= weights


# ---- stage 3: candidates and the evidence for them ------------------------------------------------------------------


def test_a_title_refers_to_the_person_it_was_printed_with() -> None:
    article, decisions = decide(
        "Kazakh President Kassym-Jomart Tokayev addressed the nation on Tuesday.\n\n"
        "The prime minister resigned the same day.\n\n"
        '"We will not allow chaos in the streets," the President said.'
    )
    assert speakers(article) == [("Kassym-Jomart Tokayev", "tokayev")]
    origins = {found.origin: found for found in decisions[0].candidates}
    assert origins["printed"].speaker.name == "President" and "generic" in origins["printed"].features
    assert decisions[0].chosen is origins["described"]


def test_a_role_in_common_words_refers_to_the_person_who_holds_it() -> None:
    article, _ = decide(
        "Касым-Жомарт Токаев выступил с обращением к нации.\n\n"
        "«Порядок будет восстановлен», — заявил казахский президент.",
        SEEDS,
    )
    assert speakers(article) == [("Kassym-Jomart Tokayev", "tokayev")]


def test_a_category_noun_refers_to_the_body_named_before_though_it_was_nobody_s_subject() -> None:
    article, _ = decide(
        "The Almaty Chess Society of Veterans held a silent vigil outside the town hall on Friday.\n\n"
        '"We mourn every life that has been lost," the society said in a statement.'
    )
    assert speakers(article) == [("Almaty Chess Society of Veterans", None)]


def test_a_country_modifying_the_head_noun_is_not_the_speaker() -> None:
    article, decisions = decide(
        "Президент Казахстана Касым-Жомарт Токаев провёл совещание в Астане.\n\n"
        "«Ситуация в стране полностью стабилизирована», — сказал президент Казахстана.",
        SEEDS,
    )
    assert speakers(article) == [("Kassym-Jomart Tokayev", "tokayev")]
    printed = next(found for found in decisions[0].candidates if found.speaker.id == "kazakhstan")
    assert "modifier_taken" in printed.features


def test_a_body_with_a_country_in_its_name_is_the_body_as_printed() -> None:
    article, _ = decide(
        "«Гражданам следует воздержаться от поездок в регион», — сообщило Генеральное консульство России.",
        SEEDS,
    )
    assert speakers(article) == [("Генеральное консульство России", None)]


def test_an_indefinite_description_introduces_someone_new() -> None:
    article, decisions = decide(
        'Kassym-Jomart Tokayev spoke on television on Monday.\n\n"We saw smoke over the square," a resident said.'
    )
    assert speakers(article) == [("resident", None)]
    assert [found.origin for found in decisions[0].candidates] == ["printed"]


def test_a_pronoun_agrees_in_gender_with_its_antecedent() -> None:
    article, decisions = decide(
        "Aigerim Sadykova runs a bakery near the square. Her supplier, Marat Ospanov, stopped deliveries on Thursday."
        '\n\n"We have flour for two more days," she said.'
    )
    assert speakers(article) == [("Aigerim Sadykova", None)]
    ospanov = next(found for found in decisions[0].candidates if found.speaker.name == "Marat Ospanov")
    assert "gender_clash" in ospanov.features


def test_a_pronoun_goes_to_the_person_just_introduced_rather_than_the_previous_speaker() -> None:
    article, decisions = decide(
        '"The streets were empty all night," said Daulet Serikov, a taxi driver.\n\n'
        'His cousin Yerlan Tulegenov stayed at home. "I did not see a single policeman," he said.'
    )
    assert speakers(article) == [("Daulet Serikov", None), ("Yerlan Tulegenov", None)]
    serikov = next(found for found in decisions[1].candidates if found.speaker.name == "Daulet Serikov")
    assert "previous_speaker" in serikov.features  # the evidence for him is there; it is outweighed


def test_a_quotation_with_no_verb_continues_the_subject_of_the_sentence_before() -> None:
    article, decisions = decide(
        'Gulnara Ismailova, a nurse at the city hospital, said the wards were full. "We treated forty people by '
        'morning."'
    )
    assert speakers(article) == [("Gulnara Ismailova", None)]
    assert decisions[0].chosen is not None and decisions[0].chosen.origin == "narrator"


def test_the_agent_of_quoted_as_saying_only_passed_the_words_on() -> None:
    article, _ = decide(
        '"Order has been restored in the city," the regional news agency Steppe Wire on Sunday quoted Aidos '
        "Kenzhebaev, a deputy governor of the region, as saying."
    )
    assert speakers(article) == [("Aidos Kenzhebaev", None)]
    assert article.quotes[0].via == "regional news agency Steppe Wire on Sunday"


def test_a_document_speaks_for_the_body_named_with_it() -> None:
    article, decisions = decide(
        "Союз водителей «Жол Серік» выступил с заявлением в понедельник.\n\n"
        "«Мы просим отменить повышение цен на топливо», — говорится в заявлении союза."
    )
    assert speakers(article) == [("Союз водителей Жол Серік", None)]
    statement = decisions[-1]  # the first decision is about «Жол Серік», a name, not a statement
    assert statement.chosen is not None and statement.chosen.origin == "owner"


def test_a_document_with_no_owner_speaks_for_the_body_that_issued_it() -> None:
    article, _ = decide(
        "The Almaty Bakers' Association issued a statement on Monday. Police closed two streets near the "
        'market, and the Fire Service sent three crews.\n\n"Bakeries will reopen on Wednesday," the statement said.'
    )
    assert speakers(article) == [("Almaty Bakers' Association", None)]


def test_a_press_service_named_after_v_speaks_for_its_ministry() -> None:
    article, _ = decide(
        "Об этом сообщили в пресс-службе министерства транспорта.\n\n"
        "«Рейсы возобновятся в пятницу», — говорится в сообщении ведомства."
    )
    assert speakers(article) == [("министерство транспорта", None)]


# ---- stage 5: the entity's name ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "body"),
    [
        ("the press service of the Interior Ministry", "Interior Ministry"),
        ("пресс-служба министерства здравоохранения", "министерство здравоохранения"),
        ("пресс-служба акимата", "акимат"),
        ("пресс-служба одной из больниц", "пресс-служба одной из больниц"),  # no body named: it speaks itself
        ("Interior Ministry", "Interior Ministry"),
    ],
)
def test_a_press_office_speaks_for_its_principal(printed: str, body: str) -> None:
    assert principal(printed) == body


@pytest.mark.parametrize(
    ("genitive", "nominative"),
    [
        ("министерства обороны", "министерство обороны"),
        ("службы спасения", "служба спасения"),
        ("комитета", "комитет"),
        ("Прокуратуры", "Прокуратура"),
        ("коалиции", "коалиции"),  # not a body's head noun the table knows: as printed
    ],
)
def test_a_body_named_in_the_genitive_is_restored_to_the_nominative(genitive: str, nominative: str) -> None:
    assert nominative_genitive_institution(genitive) == nominative


@pytest.mark.parametrize(
    ("prepositional", "nominative"),
    [
        ("Верховном суде", "Верховный суд"),  # masculine: -ом -> -ый
        ("городском управлении транспорта", "городское управление транспорта"),  # neuter, a velar stem
        ("справочной службе вокзала", "справочная служба вокзала"),  # feminine
        ("Ассоциации фермеров", "Ассоциация фермеров"),  # capitalised as printed
        ("новом здании", "новом здании"),  # not a body: as printed
    ],
)
def test_a_body_after_v_is_restored_to_the_nominative_with_its_adjectives(prepositional: str, nominative: str) -> None:
    assert nominative_institution(prepositional) == nominative


def test_the_outlet_that_asked_is_not_part_of_the_body_that_answered() -> None:
    article, _ = decide(
        "В Верховном суде на запрос агентства ответили, что жалобы рассмотрят.\n\n"
        "«Все жалобы будут рассмотрены в установленном порядке», — уточнили в Верховном суде на запрос агентства."
    )
    assert speakers(article) == [("Верховный суд", None)]


def test_an_attribution_with_a_name_in_guillemets_still_splits_a_russian_quotation() -> None:
    article, _ = decide(
        "«Мы закладывали этот риск как минимальный, — признает партнер компании «Степь Логистик» Ержан Досымов. — "
        "Теперь придется пересчитывать тарифы»."
    )
    assert quoted(article) == [
        ("Мы закладывали этот риск как минимальный", "Ержан Досымов"),
        ("Теперь придется пересчитывать тарифы", "Ержан Досымов"),
    ]


def test_a_bare_role_noun_stands_for_the_person_the_paragraph_is_about_in_the_noun_s_gender() -> None:
    article, _ = decide(
        "Следователь Ерлан Касымов вел дело с первого дня.\n\n"
        "У здания суда с утра ждет Гульнара Сейтказина. Ее сына задержали в среду.\n\n"
        "«Нам ничего не объяснили», — говорит женщина."
    )
    assert speakers(article) == [("Гульнара Сейтказина", None)]


def test_an_unnamed_source_does_not_refer_back_to_the_person_named_before() -> None:
    article, _ = decide("Ерлан Касымов возглавляет отдел с 2019 года.\n\n«Решение уже принято», — сказал источник.")
    assert speakers(article) == [("источник", None)]


def test_a_name_far_from_its_reporting_verb_is_still_the_speaker() -> None:
    article, decisions = decide(
        "Queues formed outside the bakeries at dawn.\n\n"
        "Saule Ospanova, 41, a chemistry teacher who lives above the burnt-out pharmacy on Abai Avenue, said: "
        '"We heard shooting until four in the morning."'
    )
    assert speakers(article) == [("Saule Ospanova", None)]
    assert decisions[0].chosen is not None and decisions[0].chosen.origin == "in-sentence"


def test_a_name_in_small_capitals_opening_a_feature_is_a_person_named_in_full() -> None:
    article, _ = decide(
        "AIGERIM TULEUOVA spent nine years building up her flower shop near the old square. It took one night to "
        'lose it. "We were insured against fire, not against this," she says.\n\n'
        '"I will open again," Ms Tuleuova says.'
    )
    assert speakers(article) == [("Aigerim Tuleuova", None), ("Aigerim Tuleuova", None)]


def test_a_first_name_given_alone_after_a_role_is_a_person_with_the_role_s_sex() -> None:
    article, _ = decide(
        "Our neighbour Saltanat, who keeps the kiosk downstairs, had seen everything. "
        '"They came at night and took the boys away," she told me.'
    )
    assert speakers(article) == [("Saltanat", None)]
    article, decisions = decide(
        "Жительница Алматы Гульнара Абенова ищет брата. Ее младший брат Нурсултан вышел из дома в среду.\n\n"
        "О последнем разговоре она рассказала так: «Он позвонил вечером и сказал, что скоро будет дома»."
    )
    assert speakers(article) == [("Гульнара Абенова", None)]
    brother = next(found for found in decisions[0].candidates if found.speaker.name == "Нурсултан")
    assert "gender_clash" in brother.features  # "брат" says he is a man


def test_a_russian_body_named_for_its_country_is_the_curated_actor_of_that_country_only() -> None:
    kazakh, _ = decide(
        "В Казахстане продолжаются проверки. В Алматы и Астане усилены патрули, сообщили в Казахстане.\n\n"
        "«Задержаны 120 человек», — говорится в сообщении МВД РК.",
        SEEDS,
    )
    assert speakers(kazakh) == [("Ministry of Internal Affairs of Kazakhstan", "kazakhstan-interior-ministry")]
    belarusian, _ = decide(
        "В Беларуси продолжаются задержания. В Минске усилены патрули.\n\n"
        "«Задержаны 120 человек», — говорится в сообщении МВД.",
        SEEDS,
    )
    assert speakers(belarusian) == [("МВД", None)]  # not Kazakhstan's ministry: the seeds have none for Belarus


def test_a_curated_body_of_one_country_is_not_the_body_of_that_name_in_an_article_about_another() -> None:
    belarus, _ = decide(
        "Protests continued across Belarus on Sunday.\n\n"
        '"About 700 people were detained for taking part in unauthorised rallies," the Interior Ministry said.',
        SEEDS,
    )
    assert speakers(belarus) == [("Interior Ministry", None)]
    kazakhstan, _ = decide(
        "Protests continued across Kazakhstan on Sunday.\n\n"
        '"About 700 people were detained for taking part in unauthorised rallies," the Interior Ministry said.',
        SEEDS,
    )
    assert speakers(kazakhstan) == [("Ministry of Internal Affairs of Kazakhstan", "kazakhstan-interior-ministry")]


def test_he_is_who_the_paragraph_is_about_not_the_man_who_declined_to_comment() -> None:
    article, decisions = decide(
        "Galym Abenov replaced Serik Nurlanov as chairman of the party on Monday. Nurlanov has not commented.\n\n"
        '"We will hold a congress in March," he said in a televised address.'
    )
    assert speakers(article) == [("Galym Abenov", None)]
    features = {found.speaker.name: found.features for found in decisions[0].candidates}
    assert "declined" in features["Serik Nurlanov"] and "topic" in features["Galym Abenov"]


def test_the_office_that_quotes_its_principal_passes_on_his_words() -> None:
    article, _ = decide(
        "President Aidar Zhunusov spoke to the nation on Sunday.\n\n"
        '"Order will be restored within days," the president\'s office quoted him as saying.'
    )
    assert speakers(article) == [("Aidar Zhunusov", None)]
    assert article.quotes[0].via == "office"  # the intermediary, not the speaker


def test_two_mentions_of_one_person_are_one_candidate_under_the_name() -> None:
    article, decisions = decide(
        "Глава МВД Ерлан Касымов сообщил, что задержаны 900 человек. По его словам, «среди задержанных есть "
        "иностранцы»."
    )
    assert speakers(article) == [("Ерлан Касымов", None)]
    assert [found.speaker.name for found in decisions[0].candidates] == ["Ерлан Касымов"]


def test_a_surname_alone_is_the_full_name_printed_before_though_not_as_a_subject() -> None:
    article, _ = decide(
        "Reporter Aliya Bekova spoke to Nurlan Abenov, a lawyer for the detainees, in Almaty on Monday.\n\n"
        '"Because nobody answered their letters for a month," Abenov said.'
    )
    assert speakers(article) == [("Nurlan Abenov", None)]


def test_an_anonymous_source_is_named_as_its_apposition_describes_it() -> None:
    after_verb, _ = decide(
        "Войска начали выводить в четверг.\n\n"
        "«Решение принималось за несколько часов», — сообщил источник, близкий к министерству обороны."
    )
    assert speakers(after_verb) == [("источник, близкий к министерству обороны", None)]
    before_verb, _ = decide(
        "Источник, близкий к министерству обороны, утверждает, что план был готов заранее. "
        "«Все документы лежали готовыми», — сказал он."
    )
    assert speakers(before_verb) == [("Источник, близкий к министерству обороны", None)]


def test_someone_unnamed_after_the_verb_is_named_as_the_text_describes_them() -> None:
    article, _ = decide(
        "Lawmakers were briefed on Tuesday.\n\n"
        '"Members want to know who gave the order," said a senior parliamentary aide familiar with the briefing.'
    )
    assert speakers(article) == [("senior parliamentary aide familiar with the briefing", None)]
