"""Direct speech without quotation marks: transcripts, interviews, Russian dialogue dashes."""

from __future__ import annotations

from typing import Any

from kztimeline.parse.article import parse_text
from kztimeline.parse.gazetteer import Gazetteers


def quotes(text: str) -> list[tuple[str, str | None]]:
    article = parse_text(
        "Заголовок статьи для проверки\n10 января 2022\n\n" + text, "t.txt", Gazetteers.empty(), use_geonames=False
    )
    return [(q.text, q.speaker) for q in article.quotes]


def test_a_transcript_quotes_each_guest_turn_and_leaves_out_the_host() -> None:
    text = (
        "Вера Фикстурова: Аскар, почему списки не опубликованы?\n\n"
        "Аскар Фикстуров: Потому что списки — это ответственность.\n\n"
        "Вера Фикстурова: Людмила, что вам известно?\n\n"
        "Людмила Фикстурова: У нас больше 80 обращений.\n\n"
        "ANCHOR: And now other news from the region.\n"
    )
    assert quotes(text) == [
        ("Аскар, почему списки не опубликованы?", "Вера Фикстурова"),
        ("Потому что списки — это ответственность.", "Аскар Фикстуров"),
        ("Людмила, что вам известно?", "Вера Фикстурова"),
        ("У нас больше 80 обращений.", "Людмила Фикстурова"),
    ]  # the anchor reads the news: not a quotation


def test_the_byline_s_own_turns_are_the_questions() -> None:
    text = (
        "Вера Фикстурова\n\nВера Фикстурова: Аскар, почему списки не опубликованы?\n\n"
        "Аскар Фикстуров: Потому что списки — это ответственность.\n\n"
        "Вера Фикстурова: Что дальше?\n\nАскар Фикстуров: Новые кадровые решения.\n"
    )
    assert [speaker for _, speaker in quotes(text)] == ["Аскар Фикстуров", "Аскар Фикстуров"]


def test_one_labelled_line_is_not_a_transcript() -> None:
    assert quotes("Токаев: порядок будет восстановлен в ближайшие дни.\n") == []


def test_interview_answers_are_the_interviewee_s_and_questions_are_left_out() -> None:
    text = (
        "Адвокат Айжан Фикстурова рассказала Exclusive.kz, как работают защитники. Фикстурова ведет 11 дел.\n\n"
        "— Сколько у вас подзащитных?\n\n"
        "— Одиннадцать. Семеро задержаны в Алматы.\n\n"
        "— Вас допускают к ним?\n\n"
        "— Первые дни — нет.\n"
    )
    assert quotes(text) == [
        ("Одиннадцать. Семеро задержаны в Алматы.", "Айжан Фикстурова"),
        ("Первые дни — нет.", "Айжан Фикстурова"),
    ]


def test_an_answer_with_a_quotation_inside_is_still_the_interviewee_s() -> None:
    text = (
        "Адвокат Айжан Фикстурова рассказала, как работают защитники. Фикстурова ведет 11 дел.\n\n"
        "— Сколько у вас подзащитных?\n\n"
        "— Одиннадцать, остальные — после так называемых «зачисток».\n\n"
        "— Вас допускают к ним?\n\n"
        "— Первые дни — нет. Следователь мне прямо сказал: «Пока не даст показания, никакого адвоката».\n"
    )
    answers = [(words[:12], speaker) for words, speaker in quotes(text) if speaker == "Айжан Фикстурова"]
    assert answers == [("Одиннадцать,", "Айжан Фикстурова"), ("Первые дни —", "Айжан Фикстурова")]


def test_a_dialogue_dash_with_its_attribution() -> None:
    text = "— Мы не знали, что делать, — говорит Айгуль Фикстурова. — Потом приехала полиция.\n"
    assert quotes(text) == [
        ("Мы не знали, что делать", "Айгуль Фикстурова"),
        ("Потом приехала полиция.", "Айгуль Фикстурова"),
    ]


def test_an_english_interview_needs_the_page_to_say_so() -> None:
    interview = (
        "Saule Fixture, an economist, spoke to us about the unrest. Fixture has studied the region for years.\n\n"
        "What did the authorities get wrong?\n\n"
        "They treated it as a price problem and nothing else.\n\n"
        "Will the troops leave on schedule?\n\n"
        "I think so, they have no reason to stay.\n\n"
    )
    assert quotes(interview) == []  # questions and answers alone could be an explainer
    answers: list[Any] = quotes(interview + "This interview has been edited for length.\n")
    assert answers == [
        ("They treated it as a price problem and nothing else.", "Saule Fixture"),
        ("I think so, they have no reason to stay.", "Saule Fixture"),
    ]
