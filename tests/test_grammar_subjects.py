"""What a figure is about, read by rules of English, Russian and Ukrainian: its indicator (the
clause's subject, or the noun that takes the figure as complement), its economies (by the
stems of their names and the roles their prepositions give), its measure; and the declared
series it joins only when every dimension agrees.

Every sentence here is written for these tests, one per rule and language.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from etl.intake.grammar.series import agreement, match_series, new_series_for
from etl.intake.grammar.subjects import (
    ECONOMIES,
    INDICATORS,
    SENTENCE_AFTER,
    SENTENCE_BEFORE,
    Subject,
    _window,
    document_economy,
    economy_named,
    indicator_named,
    read_subject,
)
from etl.model import Location, SeriesDefinition
from etl.validate import INDICATOR

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁІЇЄҐ«\"$0-9])")


def _spans(text: str, at: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The sentence and the paragraph (a line) around ``at``."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    cuts = [start, *(start + m.end() for m in _SENTENCE.finditer(text[start:end])), end]
    sentence = next((a, b) for a, b in pairwise(cuts) if a <= at < b)
    return sentence, (start, end)


def read(
    text: str,
    figure: str,
    language: str,
    unit: str = "USD",
    *,
    is_change: bool = False,
    previous: Subject | None = None,
    occurrence: int = 1,
) -> Subject:
    """The subject of the ``occurrence``-th ``figure`` in ``text``."""
    at = -1
    for _ in range(occurrence):
        at = text.index(figure, at + 1)
    sentence, paragraph = _spans(text, at)
    return read_subject(
        text,
        (at, at + len(figure)),
        sentence,
        paragraph,
        language,  # type: ignore[arg-type]
        unit=unit,
        is_change=is_change,
        previous=previous,
    )


def read_all(text: str, figures: list[tuple[str, str, bool]], language: str) -> list[Subject]:
    """Each (figure, unit, is_change) in order, each continuing the one before."""
    subjects: list[Subject] = []
    at = -1
    for figure, unit, is_change in figures:
        at = text.index(figure, at + 1)
        sentence, paragraph = _spans(text, at)
        subjects.append(
            read_subject(
                text,
                (at, at + len(figure)),
                sentence,
                paragraph,
                language,  # type: ignore[arg-type]
                unit=unit,
                is_change=is_change,
                previous=subjects[-1] if subjects else None,
            )
        )
    return subjects


def dims(subject: Subject) -> tuple:
    return (subject.reporter, subject.partner, subject.indicator, subject.flow, subject.measure)


# --- the indicator ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "Belarus' external state debt stood at $18.1 billion on 1 July.", "$18.1 billion"),
        (
            "ru",
            "Внешний государственный долг Беларуси на 1 июля составил $17,6 млрд.",
            "$17,6 млрд",
        ),
        ("uk", "Зовнішній державний борг Білорусі на 1 липня становив $17,6 млрд.", "$17,6 млрд"),
    ],
)
def test_the_clause_subject_names_the_indicator_and_its_economy_reports_it(language, text, figure):
    subject = read(text, figure, language)
    assert (subject.indicator, subject.reporter, subject.partner) == (
        "external_state_debt",
        "Belarus",
        None,
    )
    assert subject.measure == "level"


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "Russian companies will ship crude to Belarus at a discount of $4 a tonne.", "$4"),
        (
            "ru",
            "Российские компании будут поставлять нефть в Беларусь со скидкой в $4 за тонну.",
            "$4",
        ),
        ("uk", "Російські компанії постачатимуть нафту до Білорусі зі знижкою $4 за тонну.", "$4"),
    ],
)
def test_a_noun_taking_the_figure_as_its_complement_names_it_before_the_clause_subject(
    language, text, figure
):
    subject = read(text, figure, language, "USD per tonne")
    assert subject.indicator == "oil_price_discount"
    assert (subject.reporter, subject.partner, subject.product) == ("Russia", "Belarus", "oil")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Transit of diesel from Belarus for onward export through Latvian ports rose by 8%.",
        ),
        (
            "ru",
            "Транзит белорусского дизеля для дальнейшего экспорта через латвийские порты вырос "
            "на 8%.",
        ),
        (
            "uk",
            "Транзит білоруського дизеля для подальшого експорту через латвійські порти зріс "
            "на 8%.",
        ),
    ],
)
def test_a_word_inside_a_prepositional_phrase_modifies_the_head_and_does_not_name_the_figure(
    language, text
):
    subject = read(text, "8%", language, "percent", is_change=True)
    assert dims(subject) == ("Belarus", "Latvia", "fuel_transit", "exports", "change")
    assert subject.product == "diesel"


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "Poland's imports of potash fell to $210 million, down 35% on the year.", "35%"),
        ("ru", "Импорт калия Польшей сократился до $210 млн, или на 35%.", "35%"),
        ("uk", "Імпорт калію Польщею скоротився до $210 млн, або на 35%.", "35%"),
    ],
)
def test_a_figure_alone_in_its_clause_takes_the_subject_of_the_clause_before(
    language, text, figure
):
    subject = read(text, figure, language, "percent", is_change=True)
    assert dims(subject) == ("Poland", None, "trade", "imports", "change")
    assert subject.product == "potash"


@pytest.mark.parametrize(
    ("language", "text", "items"),
    [
        (
            "en",
            "In 2019 Belarus repaid $1.9 billion of external debt, including $800 "
            "million to Russia, $300 million for eurobonds and $250 million to China.",
            ["$800", "$300", "$250"],
        ),
        (
            "ru",
            "В 2019 году Беларусь погасила $1,9 млрд внешнего долга, в том числе $800 млн перед "
            "Россией, $300 млн по еврооблигациям и $250 млн перед Китаем.",
            ["$800", "$300", "$250"],
        ),
        (
            "uk",
            "У 2019 році Білорусь погасила $1,9 млрд зовнішнього боргу, у тому числі $800 млн "
            "перед Росією, $300 млн за єврооблігаціями та $250 млн перед Китаєм.",
            ["$800", "$300", "$250"],
        ),
    ],
)
def test_the_items_of_a_list_take_the_indicator_of_its_head_and_each_its_own_partner(
    language, text, items
):
    parts = [read(text, item, language) for item in items]
    assert [(s.indicator, s.reporter, s.partner) for s in parts] == [
        ("debt_repayment", "Belarus", "Russia"),
        ("debt_repayment", "Belarus", None),
        ("debt_repayment", "Belarus", "China"),
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "In March Belarus' gold reserves reached $8.2 billion. In April they fell by "
            "$300 million.",
        ),
        (
            "ru",
            "В марте золотовалютные резервы Беларуси достигли $8,2 млрд. В апреле они "
            "сократились на $300 млн.",
        ),
        (
            "uk",
            "У березні золотовалютні резерви Білорусі сягнули $8,2 млрд. У квітні вони "
            "скоротилися на $300 млн.",
        ),
    ],
)
def test_a_pronoun_before_the_figure_takes_the_subject_of_the_sentence_before(language, text):
    level, fall = read_all(text, [("$8", "USD", False), ("$300", "USD", True)], language)
    assert level.indicator == fall.indicator == "international_reserves"
    assert (fall.measure, fall.reporter) == ("change", "Belarus")


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "Russia accounted for 48% of all Belarusian exports of goods.", "48%"),
        ("ru", "На Россию пришлось 48% всего белорусского экспорта товаров.", "48%"),
        ("uk", "На Росію припало 48% усього білоруського експорту товарів.", "48%"),
    ],
)
def test_a_share_is_of_its_whole_and_the_part_named_is_the_partner(language, text, figure):
    subject = read(text, figure, language, "percent")
    assert dims(subject) == ("Belarus", "Russia", "trade", "exports", "share")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Lorries carried spare parts. Deliveries of gasoline from Belarus to Ukraine "
            "reached 50,000 tonnes.",
        ),
        (
            "ru",
            "Грузовики везли запчасти. Поставки бензина из Беларуси в Украину достигли 50 "
            "тыс. тонн.",
        ),
        (
            "uk",
            "Вантажівки везли запчастини. Постачання бензину з Білорусі в Україну сягнули 50 "
            "тис. тонн.",
        ),
    ],
)
def test_a_supply_of_fuel_is_read_with_its_product_and_its_two_ends(language, text):
    figure = "50,000" if language == "en" else "50"
    subject = read(text, figure, language, "tonnes")
    assert (subject.indicator, subject.product) == ("fuel_supply", "gasoline")
    assert {subject.reporter, subject.partner} == {"Belarus", "Ukraine"}


def test_an_indicator_its_unit_cannot_measure_is_passed_over():
    # a supply is not measured in USD per tonne: the price's noun names the figure
    text = "Минск закупал нефть у России с премией $6 за тонну."
    assert read(text, "$6", "ru", "USD per tonne").indicator == "oil_export_premium"


def test_a_word_of_a_products_name_is_no_indicator():
    text = "Output of water supply and sewerage rose by 0.3% in the first quarter."
    subject = read(text, "0.3%", "en", "percent", is_change=True)
    assert subject.product == "water supply" and subject.indicator == "industrial_production"


def test_a_figure_no_word_names_has_no_indicator_and_little_confidence():
    subject = read("Ему исполнилось 45 лет.", "45", "ru", "count")
    assert subject.indicator is None and subject.confidence <= 0.2


# --- the measure -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "figure", "unit", "measure"),
    [
        ("en", "GDP growth was 3.1% in the first half.", "3.1%", "percent", "change"),
        ("ru", "Рост ВВП в первом полугодии составил 3,1%.", "3,1%", "percent", "change"),
        ("uk", "Зростання ВВП у першому півріччі склало 3,1%.", "3,1%", "percent", "change"),
        ("en", "GDP reached 101.5% in comparable prices.", "101.5%", "percent", "index"),
        ("ru", "ВВП в сопоставимых ценах составил 101,5%.", "101,5%", "percent", "index"),
        ("uk", "Індекс промислового виробництва склав 101,5%.", "101,5%", "percent", "index"),
        ("en", "The EU's share of Belarusian trade fell to 9%.", "9%", "percent", "share"),
        ("ru", "Доля ЕС во внешней торговле Беларуси снизилась до 9%.", "9%", "percent", "share"),
        (
            "uk",
            "Частка ЄС у зовнішній торгівлі Білорусі знизилася до 9%.",
            "9%",
            "percent",
            "share",
        ),
        ("en", "Inflation reached 12% in 2022.", "12%", "percent", "change"),
        ("uk", "Інфляція в Білорусі торік сягнула 12%.", "12%", "percent", "change"),
        ("en", "Exports of potash brought in $3 billion.", "$3 billion", "USD", "flow"),
        ("ru", "Международные резервы составили $8 млрд.", "$8 млрд", "USD", "level"),
        ("en", "Gasoline exports doubled in May.", "doubled", "times", "change"),
        ("ru", "Три четверти импорта пришлось на Беларусь.", "Три четверти", "fraction", "share"),
    ],
)
def test_the_measure_is_read_from_the_words_and_the_unit(language, text, figure, unit, measure):
    assert read(text, figure, language, unit).measure == measure


def test_a_figure_that_is_a_change_is_measured_as_a_change_whatever_its_indicator():
    text = "Belarus' state debt rose by $4.2 billion."
    assert read(text, "$4.2 billion", "en", is_change=True).measure == "change"


# --- economies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "economy"),
    [
        *[
            (w, "Ukraine")
            for w in [
                "Украина",
                "Украины",
                "Украину",
                "Украиной",
                "украинский",
                "Україна",
                "Україні",
                "українського",
                "Ukraine",
                "Ukraine's",
                "Ukrainian",
            ]
        ],
        *[
            (w, "Belarus")
            for w in [
                "Беларусь",
                "Беларуси",
                "Белоруссия",
                "Белоруссии",
                "белорусский",
                "Білорусь",
                "Білорусі",
                "білоруський",
                "Belarus",
                "Belarus'",
                "Belarusian",
            ]
        ],
        *[
            (w, "Russia")
            for w in [
                "Россия",
                "России",
                "российский",
                "Росія",
                "Росії",
                "російський",
                "Russia",
                "Russian",
            ]
        ],
        *[
            (w, "European Union")
            for w in [
                "ЕС",
                "Евросоюз",
                "Европейского союза",
                "ЄС",
                "Євросоюзу",
                "EU",
                "European Union",
            ]
        ],
        *[(w, "CIS") for w in ["СНГ", "СНД", "CIS"]],
        *[
            (w, "China")
            for w in ["Китай", "Китая", "китайский", "Китаю", "китайських", "China", "Chinese"]
        ],
        *[(w, "Lithuania") for w in ["Литва", "Литвы", "литовский", "Литві", "Lithuanian"]],
        *[(w, "Poland") for w in ["Польша", "Польши", "польский", "Польщі", "Polish"]],
        *[(w, "United States") for w in ["США", "USA"]],
        *[(w, "Venezuela") for w in ["Венесуэла", "Венесуели", "Venezuelan"]],
    ],
)
def test_every_case_and_adjective_of_a_countrys_name_is_the_same_economy(word, economy):
    assert economy_named(word) == economy


def test_a_company_named_after_a_country_is_not_the_country():
    assert document_economy("Компания «БНК-Украина» поставила бензин в Беларусь.") == "Belarus"


@pytest.mark.parametrize(
    ("language", "text", "figure", "reporter", "partner", "flow"),
    [
        (
            "en",
            "Exports of tyres from Belarus to Ukraine rose to $40 million.",
            "$40",
            "Belarus",
            "Ukraine",
            "exports",
        ),
        (
            "ru",
            "Экспорт белорусских шин в Украину вырос до $40 млн.",
            "$40",
            "Belarus",
            "Ukraine",
            "exports",
        ),
        (
            "uk",
            "Експорт білоруських шин в Україну зріс до $40 млн.",
            "$40",
            "Belarus",
            "Ukraine",
            "exports",
        ),
        (
            "en",
            "Ukraine's imports from Belarus reached $3 billion.",
            "$3",
            "Ukraine",
            "Belarus",
            "imports",
        ),
        (
            "ru",
            "Импорт Украиной белорусских товаров достиг $3 млрд.",
            "$3",
            "Ukraine",
            "Belarus",
            "imports",
        ),
        (
            "uk",
            "Імпорт з Білорусі до України сягнув $3 млрд.",
            "$3",
            "Ukraine",
            "Belarus",
            "imports",
        ),
    ],
)
def test_exports_are_seen_from_their_origin_and_imports_from_their_destination(
    language, text, figure, reporter, partner, flow
):
    subject = read(text, figure, language)
    assert (subject.reporter, subject.partner, subject.flow) == (reporter, partner, flow)


@pytest.mark.parametrize(
    ("language", "text", "figure", "partner"),
    [
        ("ru", "Экспорт в Россию составил $2 млрд.", "$2", "Russia"),
        ("ru", "Экспорт в России составил $2 млрд.", "$2", None),
        ("uk", "Експорт в Росію склав $2 млрд.", "$2", "Russia"),
        ("uk", "Експорт у Росії склав $2 млрд.", "$2", None),
        ("ru", "Торговля с Россией составила $2 млрд.", "$2", "Russia"),
        ("uk", "Торгівля з Росією склала $2 млрд.", "$2", "Russia"),
    ],
)
def test_the_case_after_a_preposition_tells_where_to_from_where_in_and_with_whom(
    language, text, figure, partner
):
    assert read(text, figure, language).partner == partner


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "Trade between Belarus and Lithuania grew to $1.2 billion.", "$1.2"),
        ("ru", "Товарооборот Беларуси и Литвы вырос до $1,2 млрд.", "$1,2"),
        ("ru", "Товарооборот между Беларусью и Литвой вырос до $1,2 млрд.", "$1,2"),
        ("uk", "Товарообіг між Білоруссю та Литвою зріс до $1,2 млрд.", "$1,2"),
    ],
)
def test_a_turnover_between_two_economies_is_reported_by_the_first(language, text, figure):
    subject = read(text, figure, language)
    assert dims(subject) == ("Belarus", "Lithuania", "trade", "turnover", "flow")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Belarus' exports to the CIS rose to $9 billion. Imports from these countries "
            "fell to $7 billion.",
        ),
        (
            "ru",
            "Экспорт Беларуси в страны СНГ вырос до $9 млрд. Импорт из этих стран снизился "
            "до $7 млрд.",
        ),
        (
            "uk",
            "Експорт Білорусі до країн СНД зріс до $9 млрд. Імпорт з цих країн знизився до "
            "$7 млрд.",
        ),
    ],
)
def test_these_countries_are_the_previous_figures_partner(language, text):
    exports, imports = read_all(text, [("$9", "USD", False), ("$7", "USD", False)], language)
    assert (exports.partner, exports.flow) == ("CIS", "exports")
    assert (imports.partner, imports.flow, imports.reporter) == ("CIS", "imports", "Belarus")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Belarus imported diesel from Russia worth $90 million. Overall, imports of "
            "diesel rose by 4%.",
        ),
        ("ru", "Беларусь ввезла из России дизеля на $90 млн. В целом импорт дизеля вырос на 4%."),
        ("uk", "Білорусь ввезла з Росії дизеля на $90 млн. Загалом імпорт дизеля зріс на 4%."),
    ],
)
def test_a_total_has_no_partner(language, text):
    _, total = read_all(text, [("$90", "USD", False), ("4%", "percent", True)], language)
    assert (total.partner, total.flow, total.product) == (None, "imports", "diesel")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Shipments from Latvia and Estonia fell by 20% and 30%."),
        ("ru", "На 20% и 30% сократились отгрузки из Латвии и Эстонии."),
        ("uk", "На 20% і 30% скоротилися відвантаження з Латвії та Естонії."),
    ],
)
def test_figures_and_economies_listed_in_the_same_order_pair_up(language, text):
    first = read(text, "20%", language, "percent", is_change=True)
    second = read(text, "30%", language, "percent", is_change=True)
    assert {first.reporter, first.partner} >= {"Latvia"}
    assert {second.reporter, second.partner} >= {"Estonia"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2021 Belarus borrowed $1.5 billion from Russian banks."),
        ("ru", "В 2021 году Беларусь привлекла $1,5 млрд заимствований из России."),
        ("uk", "У 2021 році Білорусь залучила $1,5 млрд запозичень з Росії."),
    ],
)
def test_the_lender_is_the_partner_of_a_borrowing(language, text):
    subject = read(text, "$1", language)
    assert (subject.indicator, subject.reporter, subject.partner) == (
        "state_borrowing",
        "Belarus",
        "Russia",
    )


def test_an_international_lender_is_a_partner_and_never_the_reporter():
    text = "Belarus repaid $75 million to the International Monetary Fund (IMF)."
    subject = read(text, "$75", "en")
    assert (subject.reporter, subject.partner) == ("Belarus", "IMF")


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        (
            "en",
            "Against the dollar the Belarusian ruble was devalued nearly threefold.",
            "threefold",
        ),
        ("ru", "По отношению к доллару белорусский рубль девальвирован почти втрое.", "втрое"),
        ("uk", "По відношенню до долара білоруський рубль девальвовано майже втричі.", "втричі"),
    ],
)
def test_an_exchange_rate_partners_the_economy_of_its_counter_currency(language, text, figure):
    subject = read(text, figure, language, "times")
    assert dims(subject) == ("Belarus", "United States", "exchange_rate", None, "change")


def test_a_poll_reports_the_respondents_economy_and_partners_what_it_asks_about():
    text = (
        "Forty percent of respondents in Ukrainian cities trust the European Union, 30 do "
        "not, and 12 percent of respondents said they trust nobody."
    )
    subjects = read_all(
        text,
        [("Forty percent", "percent", False), ("30", "percent", False), ("12", "percent", False)],
        "en",
    )
    assert [(s.indicator, s.reporter, s.partner) for s in subjects] == [
        ("poll_share", "Ukraine", "European Union"),
        ("poll_share", "Ukraine", "European Union"),
        ("poll_share", "Ukraine", None),
    ]


def test_the_reporter_defaults_to_the_economy_the_document_names_most():
    text = (
        "Kazakhstan and Russia signed a deal. Kazakhstan will pay less for Russian gas.\n"
        "Inflation in the first quarter reached 6%."
    )
    assert document_economy(text) == "Kazakhstan"
    subject = read(text, "6%", "en", "percent")
    assert subject.reporter == "Kazakhstan" and "reporter" not in subject.words


def test_a_sentence_that_names_no_subject_continues_the_previous_figures():
    text = (
        "Экспорт белорусских товаров в Литву составил $300 млн. Импорт вырос на 5%.\n"
        "Погода была тёплой."
    )
    _, imports = read_all(text, [("$300", "USD", False), ("5%", "percent", True)], "ru")
    assert (imports.reporter, imports.partner, imports.flow) == ("Belarus", "Lithuania", "imports")
    assert "partner" not in imports.words  # carried, not read


# --- bounded windows -------------------------------------------------------------------------


def test_a_figures_sentence_is_read_through_a_bounded_window():
    sentence = "word " * 20_000 + "exports reached $5 billion " + "word " * 20_000
    at = sentence.index("$5")
    window = _window(sentence, (at, at + 2), (0, len(sentence)))
    assert window.end - window.start <= SENTENCE_BEFORE + SENTENCE_AFTER + 2


def test_the_document_economy_is_counted_once_per_text():
    text = "Belarus " * 10 + "Russia " * 3
    assert document_economy(text) == "Belarus"
    assert document_economy(text) is document_economy(text)


# --- the vocabulary --------------------------------------------------------------------------


def test_every_indicator_is_a_snake_case_word_with_words_in_the_three_languages():
    for entry in INDICATORS:
        assert INDICATOR.fullmatch(entry.name), entry.name
        assert set(entry.words) == {"en", "ru", "uk"} and all(entry.words.values())


def test_every_economy_has_a_distinct_code():
    codes = [e.code for e in ECONOMIES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("language", "words", "indicator"),
    [
        ("en", "external state debt", "external_state_debt"),
        ("ru", "внешний государственный долг", "external_state_debt"),
        ("uk", "внутрішній державний борг", "internal_state_debt"),
        ("ru", "золотовалютные резервы", "international_reserves"),
        ("uk", "інфляція", "inflation"),
        ("en", "GDP deflator", "gdp_deflator"),
        ("ru", "товарооборот", "trade"),
    ],
)
def test_the_most_specific_words_name_the_indicator(language, words, indicator):
    assert indicator_named(words, language) == indicator


# --- matching declared series ----------------------------------------------------------------

HERE = Location("series.yaml", "test")


def series(series_id: str, **dimensions) -> SeriesDefinition:
    values = {
        "unit": "USD",
        "measure": "flow",
        "topic": "trade",
        "reporter": "Belarus",
        "partner": "Ukraine",
        "flow": "exports",
        "indicator": "trade",
        "product": "goods",
    } | dimensions
    return SeriesDefinition(
        HERE,
        series_id,
        series_id,
        values.pop("unit"),
        values.pop("measure"),
        values.pop("topic"),
        "",
        **values,
    )


DECLARED = (
    series("trade.by_ua.exports"),
    series("trade.by_ua.imports", flow="imports"),
    series("trade.by_ua.exports_change", unit="percent", measure="change"),
    series(
        "trade.by_eu.turnover", unit="EUR", partner="European Union", flow="turnover", product=None
    ),
)
EXPORTS_TEXT = "Экспорт белорусских товаров в Украину составил $100 млн."


def test_a_figure_joins_the_series_that_agrees_on_every_dimension():
    subject = read(EXPORTS_TEXT, "$100", "ru")
    match = match_series(subject, "USD", DECLARED)
    assert match.series_id == "trade.by_ua.exports"
    assert all(match.agreeing.values())
    assert match.confidence >= 0.8  # every dimension read from words


def test_a_figure_differing_in_one_dimension_joins_none_and_names_the_closest():
    subject = read("Экспорт белорусских товаров в Литву составил $100 млн.", "$100", "ru")
    match = match_series(subject, "USD", DECLARED)
    assert match.series_id is None
    assert match.closest == "trade.by_ua.exports"
    assert [d for d, ok in match.agreeing.items() if not ok] == ["partner"]


def test_a_currency_the_series_converts_to_is_not_its_unit():
    subject = read("Торговля Беларуси с ЕС составила $12 млрд.", "$12", "ru")
    assert agreement(subject, "USD", DECLARED[3])["unit"] is False
    assert match_series(subject, "USD", DECLARED).series_id is None


def test_a_change_does_not_join_a_level_series():
    subject = read(
        "Экспорт белорусских товаров в Украину вырос на $10 млн.", "$10", "ru", is_change=True
    )
    assert match_series(subject, "USD", DECLARED).series_id is None


def test_a_series_naming_no_product_takes_any_goods():
    subject = read("Торговля Беларуси с ЕС нефтепродуктами составила €2 млрд.", "€2", "ru", "EUR")
    assert agreement(subject, "EUR", DECLARED[3])["product"] is True


def test_a_match_resting_on_a_carried_dimension_is_not_sure():
    text = "Экспорт белорусских товаров в Украину составил $100 млн. Импорт составил $60 млн."
    _, imports = read_all(text, [("$100", "USD", False), ("$60", "USD", False)], "ru")
    match = match_series(imports, "USD", DECLARED)
    assert match.series_id == "trade.by_ua.imports"
    assert match.confidence <= 0.5 and "partner" in match.why


def test_the_same_flow_seen_from_the_partner_is_named_but_not_joined():
    subject = read("Ukraine's imports from Belarus reached $3 billion.", "$3", "en")
    match = match_series(subject, "USD", DECLARED)
    assert match.series_id is None and "trade.by_ua.exports" in match.why


# --- naming new series -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "figure", "unit", "is_change", "series_id", "title"),
    [
        (
            "ru",
            "Экспорт белорусских товаров в страны СНГ составил $13 млрд.",
            "$13",
            "USD",
            False,
            "trade.by_cis.exports",
            "Belarus exports of goods to CIS countries",
        ),
        (
            "en",
            "Belarus' exports of goods rose by 12%.",
            "12%",
            "percent",
            True,
            "trade.by_world.exports_change",
            "Change in Belarus exports of goods",
        ),
        (
            "en",
            "Belarus' GDP fell by 4.7% in 2022.",
            "4.7%",
            "percent",
            True,
            "economy.by.gdp_change",
            "Change in Belarus GDP",
        ),
        (
            "uk",
            "Зовнішній державний борг Білорусі становив $17 млрд.",
            "$17",
            "USD",
            False,
            "debt.by.external_state_debt",
            "Belarus external state debt",
        ),
        (
            "en",
            "Rail deliveries of gasoline from Belarus to Russia reached 40,000 tonnes.",
            "40,000",
            "tonnes",
            False,
            "energy.by_ru.gasoline_exports",
            "Belarus gasoline exports to Russia",
        ),
        (
            "en",
            "Belarus repaid $75 million to the IMF.",
            "$75",
            "USD",
            False,
            "debt.by_imf.debt_repayment",
            "Belarus debt repayment to the IMF",
        ),
    ],
)
def test_a_new_series_is_named_from_its_dimensions(
    language, text, figure, unit, is_change, series_id, title
):
    spec = new_series_for(read(text, figure, language, unit, is_change=is_change), unit)
    assert (spec.id, spec.title) == (series_id, title)
    assert spec.unit == unit and spec.dims["unit"] == unit


def test_a_new_series_id_is_a_valid_series_id_and_the_same_for_the_same_reading():
    subject = read("Экспорт белорусских товаров в страны СНГ составил $13 млрд.", "$13", "ru")
    first, second = new_series_for(subject, "USD"), new_series_for(subject, "USD")
    assert first == second
    assert re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+", first.id)


@pytest.mark.parametrize(
    ("language", "text", "figure", "unit", "is_change", "series_id"),
    [
        (
            "ru",
            "Товарооборот Беларуси и Украины составил $4,1 млрд.",
            "$4,1",
            "USD",
            False,
            "trade.by_ua.turnover",
        ),
        (
            "uk",
            "Товарообіг між Білоруссю та Україною зріс на 12%.",
            "12%",
            "percent",
            True,
            "trade.by_ua.turnover_change",
        ),
        (
            "en",
            "Belarus' exports of goods to Ukraine reached $4.3 billion.",
            "$4.3",
            "USD",
            False,
            "trade.by_ua.exports",
        ),
        (
            "ru",
            "Золотовалютные резервы Беларуси составили $7,9 млрд.",
            "$7,9",
            "USD",
            False,
            "debt.fx_reserves",
        ),
        (
            "en",
            "Russian troops in Belarus numbered about 9,000.",
            "9,000",
            "persons",
            False,
            "security.russian_troops_in_belarus",
        ),
        (
            "uk",
            "Частка українців, які мають позитивне ставлення до Білорусі, впала до 20%.",
            "20%",
            "percent",
            False,
            "opinion.ua_positive_attitude_to_belarus",
        ),
    ],
)
def test_figures_join_the_declared_series_whose_dimensions_they_read(
    language, text, figure, unit, is_change, series_id
):
    from etl.load import load_curated

    subject = read(text, figure, language, unit, is_change=is_change)
    match = match_series(subject, unit, load_curated().series)
    assert match.series_id == series_id, match.why


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Belarus' exports to the CIS grew to $9 billion. Trade with the other countries "
            "went the other way. Exports to them fell to $4 billion.",
        ),
        (
            "ru",
            "Экспорт Беларуси в страны СНГ вырос до $9 млрд. Иначе шла торговля с остальными "
            "странами. Экспорт туда снизился до $4 млрд.",
        ),
        (
            "uk",
            "Експорт Білорусі до країн СНД зріс до $9 млрд. Інакше йшла торгівля з іншими "
            "країнами. Експорт туди знизився до $4 млрд.",
        ),
    ],
)
def test_the_other_countries_after_the_cis_are_the_non_cis_countries(language, text):
    _, rest = read_all(text, [("$9", "USD", False), ("$4", "USD", False)], language)
    assert (rest.reporter, rest.partner, rest.flow) == ("Belarus", "non-CIS countries", "exports")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Transit of gasoline through Latvian ports fell by 9% because of lower oil "
            "refining volumes.",
        ),
        (
            "ru",
            "Транзит бензина через латвийские порты упал на 9% из-за снижения объемов "
            "переработки нефти.",
        ),
        (
            "uk",
            "Транзит бензину через латвійські порти впав на 9% через зниження обсягів "
            "переробки нафти.",
        ),
    ],
)
def test_a_product_inside_another_indicators_phrase_is_not_the_figures(language, text):
    subject = read(text, "9%", language, "percent", is_change=True)
    assert (subject.indicator, subject.product) == ("fuel_transit", "gasoline")


@pytest.mark.parametrize(
    ("language", "text", "figure", "unit", "product"),
    [
        (
            "en",
            "The regime in Minsk has handed the Russian Federation more than 200 tanks and "
            "trucks, as well as almost 130,000 tonnes of shells.",
            "130,000",
            "tonnes",
            "munitions",
        ),
        (
            "ru",
            "Режим в Минске передал России более 200 танков и почти 130 тыс. тонн снарядов.",
            "200",
            "count",
            "armoured vehicles",
        ),
        (
            "ru",
            "Режим в Минске передал России более 200 танков и почти 130 тыс. тонн снарядов.",
            "130",
            "tonnes",
            "munitions",
        ),
        (
            "uk",
            "Режим у Мінську передав Росії понад 200 танків і майже 130 тис. тонн снарядів.",
            "130",
            "tonnes",
            "munitions",
        ),
    ],
)
def test_what_a_verb_of_giving_hands_to_an_economy_is_a_transfer_to_it_of_the_goods_counted(
    language, text, figure, unit, product
):
    subject = read(text, figure, language, unit)
    assert (subject.indicator, subject.partner, subject.product) == (
        "arms_transfer",
        "Russia",
        product,
    )
    assert subject.reporter == "Belarus"


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "Ukraine supplied Belarus $1 billion of goods.", "$1 billion"),
        ("ru", "Украина поставила Беларуси товаров на $1 млрд.", "$1 млрд"),
        ("uk", "Україна поставила Білорусі товарів на $1 млрд.", "$1 млрд"),
    ],
)
def test_the_economy_right_after_a_verb_of_giving_is_who_receives(language, text, figure):
    subject = read(text, figure, language)
    assert subject.partner == "Belarus"


def test_an_em_dash_between_words_ends_the_clause():
    text = "Exports to Poland rose by 5%—and imports from Lithuania fell."
    assert read(text, "5%", "en", "percent", is_change=True).flow == "exports"


# --- ranks, parts and wholes, "the number" --------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "For Belarus, Ukraine is the second largest export market after Russia.", "second"),
        ("en", "Ukraine is Belarus's second-largest export market.", "second-largest"),
        ("ru", "Для Беларуси Украина — второй по величине экспортный рынок.", "второй"),
        ("ru", "Украина стала вторым торговым партнером Беларуси.", "вторым"),
        ("uk", "Для Білорусі Україна є другим експортним ринком.", "другим"),
    ],
)
def test_a_rank_is_of_the_economy_the_clause_ranks_among_anothers_markets(language, text, figure):
    subject = read(text, figure, language, "rank")
    assert (subject.indicator, subject.reporter, subject.partner, subject.flow) == (
        "export_market_rank",
        "Belarus",
        "Ukraine",
        None,
    )


@pytest.mark.parametrize(
    ("language", "text", "part", "whole"),
    [
        (
            "en",
            "In Belarus only 5 out of 110 deputies were elected as representatives of parties.",
            "5",
            "110",
        ),
        (
            "en",
            "Of the 110 deputies, only 5 were elected as representatives of parties.",
            "5",
            "110",
        ),
        (
            "ru",
            "Из 110 депутатов только 5 избраны как представители политических партий.",
            "5",
            "110",
        ),
        ("uk", "З 110 депутатів лише 5 обрані як представники політичних партій.", "5", "110"),
    ],
)
def test_a_part_is_what_the_clause_says_of_it_and_the_whole_what_it_counts(
    language, text, part, whole
):
    assert read(text, part, language, "count").indicator == "parliament_party_seats"
    assert read(text, whole, language, "count").indicator == "parliament_seats"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Only 5 out of 110 deputies were elected as representatives of parties in 2012. "
            "The regime allowed the number to go up to 15 in 2016.",
        ),
        (
            "ru",
            "Из 110 депутатов только 5 избраны как представители политических партий. "
            "В 2016 году их число выросло до 15.",
        ),
        (
            "uk",
            "З 110 депутатів лише 5 обрані як представники політичних партій. "
            "У 2016 році їх кількість зросла до 15.",
        ),
    ],
)
def test_the_number_a_clause_speaks_of_is_the_leading_figure_of_the_sentence_before(language, text):
    subject = read(text, "15", language, "count")
    assert subject.indicator == "parliament_party_seats"
    assert "indicator" in subject.read_from_words  # read from "the number", "их число"


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "The chamber has 110 deputies. Three factions compete for them.", "Three"),
        ("ru", "В палате 110 депутатов. За них борются три фракции.", "три"),
        ("uk", "У палаті 110 депутатів. За них змагаються три фракції.", "три"),
    ],
)
def test_a_count_is_of_what_its_own_sentence_names_never_of_a_noun_sentences_away(
    language, text, figure
):
    previous = read(text, "110", language, "count")
    assert read(text, figure, language, "count", previous=previous).indicator is None


# --- pairs, clauses and statements ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        (
            "en",
            "Belarus sold much to Ukraine. In February, trade between the two states was $543 "
            "million.",
            "$543",
        ),
        (
            "ru",
            "Беларусь много продавала Украине. В феврале товарооборот между двумя странами "
            "составил $543 млн.",
            "$543",
        ),
        (
            "uk",
            "Білорусь багато продавала Україні. У лютому товарообіг між двома країнами "
            "склав $543 млн.",
            "$543",
        ),
    ],
)
def test_trade_between_the_two_states_is_between_the_pair_just_named(language, text, figure):
    subject = read(text, figure, language)
    assert (subject.reporter, subject.partner, subject.flow) == ("Belarus", "Ukraine", "turnover")


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        (
            "en",
            "Belarus imported goods worth $1.5 billion from Ukraine while exporting goods worth "
            "$5.4 billion.",
            "$5.4",
        ),
        (
            "ru",
            "Беларусь ввезла товаров на $1,5 млрд из Украины, тогда как экспортировала товаров "
            "на $5,4 млрд.",
            "$5,4",
        ),
        (
            "uk",
            "Білорусь ввезла товарів на $1,5 млрд з України, тоді як експортувала товарів на "
            "$5,4 млрд.",
            "$5,4",
        ),
    ],
)
def test_a_flow_set_against_another_keeps_the_other_economy_as_its_partner_not_its_role(
    language, text, figure
):
    subject = read(text, figure, language)
    assert (subject.flow, subject.reporter, subject.partner) == ("exports", "Belarus", "Ukraine")


def test_a_possessive_economy_reports_its_imports_from_the_economy_they_come_from():
    text = (
        "Ukraine's imports from Belarus fell to $1.4 billion, and Ukrainian exports to Belarus "
        "fell to $20 million."
    )
    imports = read(text, "$1.4", "en")
    exports = read(text, "$20", "en")
    assert (imports.reporter, imports.partner, imports.flow) == ("Ukraine", "Belarus", "imports")
    assert (exports.reporter, exports.partner, exports.flow) == ("Ukraine", "Belarus", "exports")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Belarus grows. The IT industry accounted for over 5 percent of GDP by 2018; the "
            "future would be murky under a Russia-dominated economy.",
        ),
        (
            "ru",
            "Беларусь растет. IT-сектор дал более 5% ВВП в 2018 году; будущее под властью "
            "России туманно.",
        ),
    ],
)
def test_a_semicolon_ends_the_statement_and_its_economies(language, text):
    assert read(text, "5", language, "percent").reporter == "Belarus"


# --- markets, polls, losses, loans ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "first", "second"),
    [
        (
            "en",
            "In 2016 Belarus controlled 54 percent of Ukraine's gasoline market; this share is "
            "expected to be 36.5 percent this year.",
            "54",
            "36.5",
        ),
        (
            "ru",
            "В 2016 году Беларусь занимала 54% рынка бензина Украины, а в этом году эта доля "
            "снизится до 36,5%.",
            "54",
            "36,5",
        ),
        (
            "uk",
            "У 2016 році Білорусь займала 54% ринку бензину України, а цього року ця частка "
            "знизиться до 36,5%.",
            "54",
            "36,5",
        ),
    ],
)
def test_a_share_of_a_market_is_reported_by_the_markets_economy_and_partners_the_supplier(
    language, text, first, second
):
    held = read(text, first, language, "percent")
    expected = ("market_share", "Ukraine", "Belarus", "gasoline", None)
    assert (held.indicator, held.reporter, held.partner, held.product, held.flow) == expected
    later = read(text, second, language, "percent", previous=held)
    assert (later.indicator, later.reporter, later.partner) == expected[:3]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Positive attitudes toward Belarus had dropped in Ukraine from 58 percent."),
        ("ru", "Положительное отношение к Беларуси в Украине упало с 58%."),
        ("uk", "Позитивне ставлення до Білорусі в Україні впало з 58%."),
    ],
)
def test_an_attitude_is_reported_where_it_is_held_and_partners_what_it_is_toward(language, text):
    subject = read(text, "58", language, "percent")
    assert (subject.indicator, subject.reporter, subject.partner) == (
        "positive_attitude",
        "Ukraine",
        "Belarus",
    )


def test_an_economy_in_what_respondents_said_is_not_where_they_were_polled():
    text = "Belarus was polled. 37 percent of those polled said the army was successful in Ukraine."
    assert read(text, "37", "en", "percent").reporter != "Ukraine"


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        (
            "en",
            "Belarus is poor. Russia is taking away $2 billion a year via the tax maneuver.",
            "$2",
        ),
        ("ru", "Беларусь бедна. Россия забирает $2 млрд в год через налоговый маневр.", "$2"),
        ("uk", "Білорусь бідна. Росія забирає $2 млрд на рік через податковий маневр.", "$2"),
    ],
)
def test_the_economy_that_takes_away_is_the_other_side_of_the_loss(language, text, figure):
    subject = read(text, figure, language)
    assert (subject.indicator, subject.reporter, subject.partner) == (
        "oil_tax_maneuver_loss",
        "Belarus",
        "Russia",
    )


@pytest.mark.parametrize(
    ("language", "text", "reporter", "partner"),
    [
        ("en", "Russia will provide Belarus a state loan of $600 million.", "Russia", "Belarus"),
        ("ru", "Россия предоставит Белоруссии госкредит в $600 млн.", "Russia", "Belarus"),
        ("uk", "Росія надасть Білорусі держкредит у $600 млн.", "Russia", "Belarus"),
        ("en", "Belarus got a loan of $600 million from Russia.", "Belarus", "Russia"),
    ],
)
def test_a_loan_is_reported_by_who_acts_lending_or_borrowing(language, text, reporter, partner):
    subject = read(text, "$600", language)
    assert (subject.indicator, subject.reporter, subject.partner) == ("loan", reporter, partner)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Belarus hosts bases. Moscow pays 5 billion rubles for its military facilities."),
        ("ru", "Беларусь принимает базы. Москва платит 5 млрд рублей за военные объекты."),
        ("uk", "Білорусь приймає бази. Москва платить 5 млрд рублів за військові об'єкти."),
    ],
)
def test_what_is_paid_for_military_facilities_is_their_rent_reported_by_the_payer(language, text):
    subject = read(text, "5", language, "RUB")
    assert (subject.indicator, subject.reporter, subject.partner) == (
        "military_facility_rent",
        "Russia",
        "Belarus",
    )


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        (
            "en",
            "Belarus is poor. SOEs have been kept afloat for decades with state-directed credit "
            "and now account for 45 percent of national debt.",
            "45",
        ),
        (
            "ru",
            "Беларусь бедна. Госпредприятия, которые годами получали льготные кредиты, дают 45% "
            "всего долга.",
            "45",
        ),
        (
            "uk",
            "Білорусь бідна. Держпідприємства, які роками отримували пільгові кредити, дають 45% "
            "усього боргу.",
            "45",
        ),
    ],
)
def test_a_part_named_as_subject_has_its_share_of_the_whole_its_figure_is_of(
    language, text, figure
):
    assert read(text, figure, language, "percent").indicator == "soe_share_of_debt"


def test_a_sentence_in_the_other_script_is_read_with_its_own_languages_words():
    text = "Relations improved.\n[11] Россия предоставит Белоруссии госкредит в размере до $600 млн"
    subject = read(text, "$600", "en")
    assert (subject.indicator, subject.reporter, subject.partner) == ("loan", "Russia", "Belarus")


# --- a repayment made, or falling due ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "figure", "due"),
    [
        ("en", "In March Minsk had to repay $640 million of foreign loans.", "$640 million", True),
        ("en", "Another $210 million of debt payments is due in April.", "$210 million", True),
        ("en", "Belarus repaid $1.3 billion of its external debt in 2019.", "$1.3 billion", False),
        (
            "en",
            "Repayments fell to $300 million due to a rescheduling of the loans.",
            "$300 million",
            False,
        ),
        ("ru", "В апреле Беларуси предстоит погасить $450 млн внешнего долга.", "$450 млн", True),
        ("ru", "В 2019 году Беларусь погасила $1,3 млрд внешнего долга.", "$1,3 млрд", False),
        ("uk", "У квітні Білорусь має погасити $450 млн зовнішнього боргу.", "$450 млн", True),
        ("uk", "У 2019 році Білорусь погасила $1,3 млрд зовнішнього боргу.", "$1,3 млрд", False),
    ],
)
def test_a_repayment_its_clause_says_is_owed_is_read_as_falling_due_not_as_made(
    language, text, figure, due
):
    """ "had to repay", "is due", "предстоит погасить", "має погасити" name a payment falling
    due; "repaid", "погасила" one made; "due to" is a cause, not an obligation."""
    subject = read(text, figure, language)
    assert subject.indicator == "debt_repayment", subject.why
    assert subject.product == ("repayments due" if due else None), subject.why
