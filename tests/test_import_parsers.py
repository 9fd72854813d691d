"""Unit tests of the importer's cell parsers, on Kazakh and Russian fixtures (fictitious)."""

from __future__ import annotations

import pytest

from grants.importers.parse import (
    MILLION,
    ONE,
    THOUSAND,
    header_unit,
    numbered,
    parse_grant_type,
    parse_money,
    parse_target,
    parse_targets,
)
from grants.importers.table import Column, recognise
from grants.importers.text import clean

# --- money ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("2031 жыл - 12 500 мың теңге 2032 жыл - 7 250 мың теңге", [(2031, 12_500_000), (2032, 7_250_000)]),
        ("2031 жыл – 12 500 мың тенге", [(2031, 12_500_000)]),  # lost ң, en dash
        ("2031 год - 3 300 тыс. тенге; 2032 год - 1 100 тыс. тенге", [(2031, 3_300_000), (2032, 1_100_000)]),
        ("3 300 тысяч тенге", [(None, 3_300_000)]),
        ("9 100 мың теңге", [(None, 9_100_000)]),
        ("9 100,5 мың теңге", [(None, 9_100_500)]),
        ("1,2 млн теңге", [(None, 1_200_000)]),
        ("750 000 теңге", [(None, 750_000)]),
        ("21 000 мың тенге 2031 жыл", [(2031, 21_000_000)]),  # the totals row's order
        ("9\u00a0100 мың теңге", [(None, 9_100_000)]),  # a no-break space between digit groups
    ],
)
def test_money_is_read_per_year_in_whole_tenge(text: str, entries: list) -> None:
    money = parse_money(text, None)  # each text names its unit
    assert [(year, amount) for year, amount, _ in money.entries] == entries
    assert money.doubts == []


def test_a_bare_number_takes_the_headers_unit() -> None:
    assert [a for _, a, _ in parse_money("4 400", THOUSAND).entries] == [4_400_000]
    assert [a for _, a, _ in parse_money("4 400", ONE).entries] == [4_400]


def test_a_unit_other_than_the_headers_is_read_as_printed_and_doubted() -> None:
    money = parse_money("750 000 теңге", THOUSAND)
    assert [a for _, a, _ in money.entries] == [750_000]
    assert money.doubts


def test_a_bare_number_without_a_header_unit_is_a_doubt() -> None:
    money = parse_money("4 400", None)
    assert money.entries == [] and money.doubts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "қаржы көрсетілмеген",
        "12 500 мың теңге 7 250 мың теңге",  # two amounts, no years
        "2031 жыл 2032 жыл - 7 250 мың теңге",  # years and amounts do not pair
        "2031 жыл - 100 мың теңге 2031 жыл - 200 мың теңге",  # one year twice
        "0,0005 мың теңге",  # not whole tenge
    ],
)
def test_money_that_cannot_be_read_gives_no_amount_and_a_doubt(text: str) -> None:
    money = parse_money(text, THOUSAND)
    assert money.entries == []
    assert money.doubts


def test_header_unit() -> None:
    assert header_unit("Қаржыландыру көлемі (мың теңге)") == THOUSAND
    assert header_unit("Объем финансирования (тыс. тенге)") == THOUSAND
    assert header_unit("Сумма, млн тенге") == MILLION
    assert header_unit("Сомасы (теңге)") == ONE
    assert header_unit("Қаржыландыру көлемі") is None


# --- grant type and period -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "count", "period"),
    [
        ("1 орта мерзімді грант, 2031-2032 жж.", "medium", 1, (2031, 2032)),
        ("2 қысқа мерзімді грант", "short", 2, None),
        ("1 ұзақ мерзімді грант, 2031–2033 жылдар", "long", 1, (2031, 2033)),
        ("1 узак мерзимди грант 2031-2033 жж.", "long", 1, (2031, 2033)),  # lost letters
        ("бір қысқа мерзімді грант, 2031 жыл", "short", 1, (2031, 2031)),
        ("1 краткосрочный грант, 2031 год", "short", 1, (2031, 2031)),
        ("2 среднесрочных гранта, 2031–2032 гг.", "medium", 2, (2031, 2032)),
        ("три долгосрочных гранта на 2031-2033 годы", "long", 3, (2031, 2033)),
    ],
)
def test_grant_type_count_and_period(text: str, kind: str, count: int, period: tuple | None) -> None:
    grant = parse_grant_type(text, "ru" if "грант," in text and "год" in text else "kk")
    assert (grant.kind, grant.count, grant.period) == (kind, count, period)


def test_russian_words_in_a_kazakh_cell_are_found() -> None:
    grant = parse_grant_type("1 қысқа мерзімді грант 2031 год", "kk")
    assert grant.kind == "short" and grant.period == (2031, 2031)
    assert grant.foreign == "2031 год"
    assert parse_grant_type("1 қысқа мерзімді грант, 2031 жыл", "kk").foreign is None


@pytest.mark.parametrize(
    "text",
    [
        "грант",  # no type
        "1 қысқа мерзімді грант, 1 орта мерзімді грант",  # two types
        "қысқа мерзімді грант",  # no count
        "1 орта мерзімді грант, 2031, 2034",  # years that are not a period
    ],
)
def test_unclear_grant_type_cells_are_doubts(text: str) -> None:
    assert parse_grant_type(text).doubts


# --- indicators and results -------------------------------------------------------------

KK_TARGETS = (
    '<p>Нысаналы индикатор (жыл сайын):</p> <ol style="list-style-type: none"> '
    "1. Кемінде 40 жасөспірімді қамту. 2. Қанағаттану деңгейі кемінде 80%. "
    "<p>Күтілетін нәтижелер (жыл сайын):</p> <ol> 1. Екі семинар өткізу. "
    "2. Кітапша шығару (10-15 бет). <p>3. Қорытынды есеп.</p>"
)
RU_TARGETS = (
    "Целевые индикаторы: 1. Охват не менее 250 человек. 2. Доля довольных участников не менее 75%. "
    "Ожидаемые результаты: 1. Проведение форума. 2. Издание сборника."
)


def test_kazakh_indicators_and_results_in_order() -> None:
    targets = parse_targets(clean(KK_TARGETS))
    assert targets.indicators == ["Кемінде 40 жасөспірімді қамту.", "Қанағаттану деңгейі кемінде 80%."]
    assert targets.results == ["Екі семинар өткізу.", "Кітапша шығару (10-15 бет).", "Қорытынды есеп."]
    assert targets.per_year is True
    assert targets.doubts == []


def test_russian_indicators_and_results_in_order() -> None:
    targets = parse_targets(RU_TARGETS)
    assert targets.indicators == ["Охват не менее 250 человек.", "Доля довольных участников не менее 75%."]
    assert targets.results == ["Проведение форума.", "Издание сборника."]
    assert targets.per_year is False


def test_results_heading_in_singular_and_lost_letters() -> None:
    targets = parse_targets("Нысаналы индикатор: 1. Бір. Кутилетин нәтиже: 1. Екі. 2. Үш.")
    assert (targets.indicators, targets.results) == (["Бір."], ["Екі.", "Үш."])


def test_text_without_headings_is_kept_whole_with_a_doubt() -> None:
    targets = parse_targets("Семинарлар өткізу және кітапша шығару.")
    assert targets.results == ["Семинарлар өткізу және кітапша шығару."]
    assert targets.indicators == []
    assert targets.doubts


def test_unnumbered_items_are_paragraphs_with_a_doubt() -> None:
    _head, items, was_numbered = numbered("Бірінші іс-шара.\n\nЕкінші іс-шара.")
    assert (items, was_numbered) == (["Бірінші іс-шара.", "Екінші іс-шара."], False)
    targets = parse_targets("Нысаналы индикатор:\n\nБірінші.\n\nЕкінші.\n\nКүтілетін нәтижелер:\n\n1. Үш.")
    assert targets.indicators == ["Бірінші.", "Екінші."]
    assert targets.doubts


def test_a_skipped_number_is_a_doubt() -> None:
    targets = parse_targets("Нысаналы индикатор: 1. Бір. 2. Екі. Күтілетін нәтижелер: 1. Үш. 3. Төрт.")
    assert targets.results == ["Үш. 3. Төрт."]
    assert any("skipped" in d.message for d in targets.doubts)


# --- targets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparison", "value", "unit"),
    [
        ("Жобаның тікелей қамтуы - кемінде 250 тұрғын.", "at_least", 250, "тұрғын"),
        ("Қанағаттану деңгейі (сауалнама бойынша) кемінде 80%.", "at_least", 80, "%"),
        ("Ақпараттық қамту - кемінде 12 000 қаралым.", "at_least", 12000, "қаралым"),
        ("Қатысушылар саны 40-тан кем емес адам", "at_least", 40, "адам"),
        ("Охват не менее 1 500 человек", "at_least", 1500, "человек"),
        ("Доля участников не менее 75 %", "at_least", 75, "%"),
        ("Очередь не более 3 дней", "at_most", 3, "дней"),
        ("Үлесі кемінде 12,5 пайыз", "at_least", 12.5, "%"),
    ],
)
def test_targets_where_the_text_states_one(text: str, comparison: str, value: float, unit: str) -> None:
    target = parse_target(text)
    assert (target.comparison, target.value, target.unit) == (comparison, value, unit)
    assert target.doubts == []


def test_no_target_where_the_text_states_none() -> None:
    target = parse_target("Жоба туралы бейнеролик дайындау.")
    assert target.comparison is None and target.doubts == [] and not target.cut_off


def test_a_cut_off_indicator_is_noticed() -> None:
    target = parse_target("Іс-шаралар арқылы жобаның тікелей қамтуы - кем.")
    assert target.comparison is None and target.cut_off and target.doubts


@pytest.mark.parametrize(
    "text",
    [
        "Жастардың кемінде 100-ін қамту.",  # no unit word after the number
        "Кемінде 20 мектеп және кемінде 300 оқушы.",  # two numbers
    ],
)
def test_doubtful_targets_are_not_written(text: str) -> None:
    target = parse_target(text)
    assert target.comparison is None and target.doubts


# --- cleaning and headers ----------------------------------------------------------------


def test_html_is_removed_and_paragraphs_kept() -> None:
    text = clean('<p>Бірінші  абзац.</p> <p>Екінші&nbsp;абзац &lt;5 жыл&gt;</p><ol style="x"><br/>')
    assert text == "Бірінші абзац.\n\nЕкінші абзац <5 жыл>"


def test_text_that_only_looks_like_a_tag_stays() -> None:
    assert clean("Жасы <18 және >60 адамдар") == "Жасы <18 және >60 адамдар"


KK_HEADERS = [
    "№",
    "Заңның 5-бабының 1-тармағына сәйкес мемлекеттік грант саласы",
    "Мемлекеттік гранттың басым бағыты",
    "Мәселенің қысқаша сипаттамасы",
    "Қаржыландыру көлемі (мың теңге)",
    "Грант түрі және іске асыру мерзімі",
    "Грантты іске асыру аумағы",
    "Нысаналы индикатор және күтілетін нәтижелер",
    "Материалдық-техникалық базаға қойылатын талаптар (ұзақ мерзімді гранттарды іске асыру кезінде ғана белгіленеді)",
]
RU_HEADERS = [
    "№ п/п",
    "Сфера государственного гранта в соответствии с пунктом 1 статьи 5 Закона",
    "Приоритетное направление государственного гранта",
    "Краткое описание проблемы",
    "Объем финансирования (тыс. тенге)",
    "Вид гранта и срок реализации",
    "Территория реализации гранта",
    "Целевые индикаторы и ожидаемые результаты",
    "Требования к материально-технической базе (устанавливаются только при реализации долгосрочных грантов)",
]


@pytest.mark.parametrize("headers", [KK_HEADERS, RU_HEADERS], ids=["kk", "ru"])
def test_headers_are_recognised_by_meaning_in_any_order(headers: list[str]) -> None:
    assert recognise(headers) == {column: column.value - 1 for column in Column}
    shuffled = [headers[i] for i in (0, 4, 2, 8, 1, 7, 3, 6, 5)]
    found = recognise(shuffled)
    assert {column: shuffled[i] for column, i in found.items()} == {c: headers[c.value - 1] for c in Column}


def test_headers_with_lost_letters_are_recognised() -> None:
    lost = [h.replace("ң", "н").replace("ұ", "у").replace("ә", "а") for h in KK_HEADERS]
    assert len(recognise(lost)) == 9
